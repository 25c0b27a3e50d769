// Words and numbers of the sync status: relative times, sizes, the values
// and reasons of conflicts and refusals. Persian digits in Persian (Intl
// with the fa-IR locale writes them).
import type { TFunction } from 'i18next';
import { ApiError, isServerErrorCode } from '../../api/errors';
import { errorMessage, localDigits, serverMessageFor } from '../../i18n/errors';
import { formatInstantDate } from '../../lib/jalali';
import { numberLocale, type Lang } from '../../lib/locale';
import type { Problem } from '../../offline';

/** `۵ دقیقه پیش`, `دیروز`; a month or more back, the date. */
export function relativeTime(iso: string, now: Date, lang: Lang): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((at - now.getTime()) / 1000);
  const f = new Intl.RelativeTimeFormat(numberLocale(lang), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return f.format(0, 'second');
  if (abs < 3600) return f.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return f.format(Math.round(seconds / 3600), 'hour');
  if (abs < 30 * 86_400) return f.format(Math.round(seconds / 86_400), 'day');
  return formatInstantDate(iso, lang);
}

/** `۱٫۲ مگابایت` / `1.2 MB` (Persian spells the unit: its short form is Latin). */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let n = bytes;
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return new Intl.NumberFormat(numberLocale(lang), {
    style: 'unit',
    unit: units[i],
    unitDisplay: i === 0 || lang === 'fa' ? 'long' : 'short',
    maximumFractionDigits: n < 10 && i > 0 ? 1 : 0,
  }).format(n);
}

/** A field's value as the helper reads it: text as is, lists joined, nothing as a dash. */
export function valueText(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map((x) => valueText(x, lang)).join(lang === 'fa' ? '، ' : ', ');
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  return lang === 'fa' ? localDigits(s, lang) : s;
}

/** Why a change was refused: the server's own sentence in this language, else our words for its code. */
export function refusalText(r: { reason: string | null; message: string | null }, t: TFunction, lang: Lang): string {
  const { reason, message } = r;
  const server = message ? serverMessageFor(message, lang) : null;
  if (server) return localDigits(server, lang);
  if (isServerErrorCode(reason)) return errorMessage(new ApiError({ status: 422, code: reason, message: message || undefined }), t, lang);
  return t('sync.refusedGeneric');
}

/** Why the device's change was refused (see refusalText). */
export function refusalReason(p: Extract<Problem, { kind: 'refusal' }>, t: TFunction, lang: Lang): string {
  return refusalText(p.refusal, t, lang);
}

/** The field's label when we have one (`fields.mobile`), else its name. */
export function fieldLabel(field: string, t: TFunction): string {
  const key = `fields.${field}`;
  const label = t(key as 'fields.mobile');
  return label === key ? field : label;
}
