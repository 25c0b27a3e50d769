// Training hours as people type them: `1.5`, `۱٫۵`, `١/٥` or `1:30`. The
// server counts quarter hours (1.25, 1.5, 1.75…) and refuses anything else,
// so what is typed is rounded to the nearest quarter before it is sent.
import { toAsciiDigits } from '../../lib/digits';
import { numberLocale, type Lang } from '../../lib/locale';

/** The longest session the server takes (12 hours). */
export const MAX_SESSION_HOURS = 12;

export type HoursError = 'format' | 'too_many';

export type HoursParse = { ok: true; hours: number; rounded: boolean } | { ok: false; error: HoursError };

/** The nearest quarter hour: 1.3 → 1.25, 1.4 → 1.5. */
export function roundToQuarter(hours: number): number {
  return Math.round(hours * 4) / 4;
}

// The decimal separators people type: `.`, the Persian momayyez `٫`, the slash
// Persian handwriting uses for it, and a comma.
const DECIMAL = /[\u066b/,\u060c]/g;
const DECIMAL_NUMBER = /^(\d+(\.\d*)?|\.\d+)$/;
const CLOCK = /^(\d{1,2}):(\d{1,2})$/;

/**
 * Hours typed in any digits; `h:mm` is hours and minutes. Null when nothing
 * was typed (the caller decides what empty means). `max` refuses more.
 */
export function parseHours(input: string, max: number = Number.POSITIVE_INFINITY): HoursParse | null {
  const text = toAsciiDigits(input).replace(/\s+/g, '');
  if (text === '') return null;
  let raw: number;
  const clock = CLOCK.exec(text);
  if (clock) {
    const minutes = Number(clock[2]);
    if (minutes >= 60) return { ok: false, error: 'format' };
    raw = Number(clock[1]) + minutes / 60;
  } else {
    const decimal = text.replace(DECIMAL, '.');
    if (!DECIMAL_NUMBER.test(decimal)) return { ok: false, error: 'format' };
    raw = Number(decimal);
  }
  if (!Number.isFinite(raw)) return { ok: false, error: 'format' };
  const hours = roundToQuarter(raw);
  if (hours > max) return { ok: false, error: 'too_many' };
  return { ok: true, hours, rounded: Math.abs(hours - raw) > 1e-9 };
}

const formats = new Map<Lang, Intl.NumberFormat>();

/** `۱٫۵` / `1.5`: also the form an hours input is filled with (it parses back). */
export function formatHours(hours: number, lang: Lang): string {
  let f = formats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(numberLocale(lang), { useGrouping: false, maximumFractionDigits: 2 });
    formats.set(lang, f);
  }
  return f.format(hours);
}
