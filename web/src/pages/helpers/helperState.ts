// What a helper's numbers mean against the program rules: the caseload bar
// (too few, fine, full), training progress, hours and last activity in
// words. Pure, so the screens and their tests agree.
import type { Assignment, HelperStatus, ProgramRules } from '../../api/types';
import { serverMessageFor } from '../../i18n/errors';
import { toAsciiDigits, toPersianDigits } from '../../lib/digits';
import { numberLocale, type Lang } from '../../lib/locale';

/** `under`: an accepted or active helper with fewer families than the minimum; `full`: at the limit. */
export type CaseloadState = 'under' | 'ok' | 'full';

/** Only helpers who take families can be "under": an applicant with none is as expected. */
export function takesFamilies(status: HelperStatus): boolean {
  return status === 'accepted' || status === 'active';
}

export function caseloadState(caseload: number, rules: Pick<ProgramRules, 'caseload_min' | 'caseload_max'>, status: HelperStatus): CaseloadState {
  if (caseload >= rules.caseload_max) return 'full';
  if (takesFamilies(status) && caseload < rules.caseload_min) return 'under';
  return 'ok';
}

/** Mantine colour per state; the label beside the bar always says it in words too. */
export const CASELOAD_COLOR: Record<CaseloadState, string> = { under: 'orange', ok: 'teal', full: 'red' };

/** Share of `of` done, 0–100 (a target of 0 is met at once). */
export function percentOf(done: number, of: number): number {
  if (!(of > 0)) return 100;
  return Math.max(0, Math.min(100, (done / of) * 100));
}

/** Places left under the limit. */
export function freePlaces(caseload: number, max: number): number {
  return Math.max(0, max - caseload);
}

const hourFormats = new Map<Lang, Intl.NumberFormat>();

/** Hours in quarter steps: `۱۲٫۵`, `40`, `1.25`. */
export function formatHours(hours: number, lang: Lang): string {
  let f = hourFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(numberLocale(lang), { maximumFractionDigits: 2 });
    hourFormats.set(lang, f);
  }
  return f.format(hours);
}

/** When a helper last recorded anything, for the list. */
export type LastActivity =
  | { kind: 'none' }
  | { kind: 'today' }
  | { kind: 'yesterday' }
  | { kind: 'daysAgo'; days: number }
  /** Longer ago: shown as a Solar Hijri date. */
  | { kind: 'date'; at: string };

/** Days counted in the viewer's calendar (midnight to midnight), up to a month; older is a date. */
export function lastActivity(at: string | null, now: Date = new Date()): LastActivity {
  if (!at) return { kind: 'none' };
  const then = new Date(at);
  if (Number.isNaN(then.getTime())) return { kind: 'none' };
  const day = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  const days = Math.round((day(now) - day(then)) / 86_400_000);
  if (days <= 0) return { kind: 'today' };
  if (days === 1) return { kind: 'yesterday' };
  if (days <= 30) return { kind: 'daysAgo', days };
  return { kind: 'date', at };
}

/**
 * The family's helper now: the assignment that gives access today, else one
 * not ended yet (it may start later).
 */
export function currentAssignment(items: readonly Assignment[]): Assignment | null {
  return items.find((a) => a.active) ?? items.find((a) => a.ended_at === null) ?? null;
}

/**
 * A whole number as typed (Persian, Arabic or ASCII digits), or null when it
 * is not one.
 */
export function parseWhole(input: string): number | null {
  const s = toAsciiDigits(input).trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Hours as typed, in quarter steps (`12`, `۱۲٫۵`, `1.25`, `1/5` from a Persian
 * keyboard's decimal key), or null when not a non-negative number of
 * quarter hours.
 */
export function parseHours(input: string): number | null {
  // The Arabic decimal separator (٫), a comma, and the slash some Persian keyboards give for it.
  const s = toAsciiDigits(input).trim().replace(/[\u066b,/]/g, '.');
  if (!/^\d+(\.\d+)?$/.test(s) && !/^\.\d+$/.test(s)) return null;
  const n = Number(s);
  if (!Number.isFinite(n) || n < 0) return null;
  return Number.isInteger(n * 4) ? n : null;
}

/**
 * A reason as recorded. The server writes its own reasons in both languages
 * ("نخستین خانواده / First family assigned"): the half of the language is
 * shown. Digits in the language's own.
 */
export function reasonText(text: string, lang: Lang): string {
  const half = serverMessageFor(text, lang);
  const shown = half ?? text;
  return lang === 'fa' ? toPersianDigits(shown) : shown;
}
