// Solar Hijri (Jalali) dates: parsing what people type, validating, converting
// to and from the ISO Gregorian dates the API speaks, and formatting.
// Conversion is @internationalized/date's PersianCalendar (agrees with ICU);
// display names come from Intl with the persian calendar.
import { CalendarDate, GregorianCalendar, PersianCalendar, toCalendar } from '@internationalized/date';
import { toAsciiDigits, toPersianDigits } from './digits';
import { dateLocale, type Lang } from './locale';

export interface JalaliDate {
  year: number;
  month: number;
  day: number;
}

/** Years the input accepts: wide enough for birth dates of the elderly and plans decades ahead. */
export const MIN_YEAR = 1300;
export const MAX_YEAR = 1499;

const persian = new PersianCalendar();
const gregorian = new GregorianCalendar();

export function daysInMonth(year: number, month: number): number {
  return persian.getDaysInMonth(new CalendarDate(persian, year, month, 1));
}

export function isLeapYear(year: number): boolean {
  return daysInMonth(year, 12) === 30;
}

export function isValidJalali({ year, month, day }: JalaliDate): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Jalali → ISO `YYYY-MM-DD`. The date must be valid (CalendarDate would silently clamp 12/31 to 12/30). */
export function jalaliToIso(d: JalaliDate): string {
  if (!isValidJalali(d)) throw new RangeError(`invalid Jalali date ${d.year}/${d.month}/${d.day}`);
  const g = toCalendar(new CalendarDate(persian, d.year, d.month, d.day), gregorian);
  return `${pad(g.year, 4)}-${pad(g.month)}-${pad(g.day)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** ISO `YYYY-MM-DD` (Gregorian) → Jalali, or null when it is not a real date. */
export function isoToJalali(iso: string): JalaliDate | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  const p = toCalendar(new CalendarDate(gregorian, y, mo, d), persian);
  return { year: p.year, month: p.month, day: p.day };
}

export type JalaliParseError = 'format' | 'year' | 'month' | 'day';

export type JalaliParseResult =
  | { ok: true; date: JalaliDate; iso: string }
  | { ok: false; error: JalaliParseError; year?: number; month?: number; maxDay?: number };

// Year first, then month and day, separated by / - . or the Arabic decimal
// separator some Persian keyboards give for "/".
const TYPED = /^(\d{4})\s*[/\-.\u066b]\s*(\d{1,2})\s*[/\-.\u066b]\s*(\d{1,2})$/;

/** Parses what a person typed (Persian, Arabic or ASCII digits). Empty input is not handled here. */
export function parseJalali(input: string): JalaliParseResult {
  const m = TYPED.exec(toAsciiDigits(input).trim());
  if (!m) return { ok: false, error: 'format' };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, error: 'year', year };
  if (month < 1 || month > 12) return { ok: false, error: 'month', year, month };
  const maxDay = daysInMonth(year, month);
  if (day < 1 || day > maxDay) return { ok: false, error: 'day', year, month, maxDay };
  const date = { year, month, day };
  return { ok: true, date, iso: jalaliToIso(date) };
}

/** `1403/12/30` or `۱۴۰۳/۱۲/۳۰`: the text form of the date input. */
export function formatJalaliNumeric(d: JalaliDate, lang: Lang): string {
  const s = `${pad(d.year, 4)}/${pad(d.month)}/${pad(d.day)}`;
  return lang === 'fa' ? toPersianDigits(s) : s;
}

const longFormats = new Map<string, Intl.DateTimeFormat>();
function longFormat(lang: Lang, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone ?? ''}`;
  let f = longFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(dateLocale(lang), { year: 'numeric', month: 'long', day: 'numeric', timeZone });
    longFormats.set(key, f);
  }
  return f;
}

// Assembled from parts: the ready-made styles put the parts in an odd order
// and add ASCII commas and era names.
function assemble(parts: Intl.DateTimeFormatPart[]): string {
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')}`;
}

/** ISO date → `۳۰ اسفند ۱۴۰۳` / `30 Esfand 1403`; an unparseable value comes back as is. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  if (!isoToJalali(iso)) return iso;
  // Date-only values are calendar days, not instants: format them in UTC so
  // no time zone moves them by a day.
  return assemble(longFormat(lang, 'UTC').formatToParts(new Date(`${iso}T00:00:00Z`)));
}

/** RFC 3339 instant → the Solar Hijri day it falls on in the viewer's time zone. */
export function formatInstantDate(instant: string, lang: Lang): string {
  const t = new Date(instant);
  if (Number.isNaN(t.getTime())) return instant;
  return assemble(longFormat(lang, undefined).formatToParts(t));
}

/** Month name, e.g. 12 → `اسفند` / `Esfand`. */
export function monthName(month: number, lang: Lang): string {
  const iso = jalaliToIso({ year: 1403, month, day: 1 });
  const f = new Intl.DateTimeFormat(dateLocale(lang), { month: 'long', timeZone: 'UTC' });
  return f.format(new Date(`${iso}T00:00:00Z`));
}

/** Weekday names starting on Saturday, the first day of the Iranian week. */
export function weekdayNames(lang: Lang, width: 'narrow' | 'short' | 'long'): string[] {
  const f = new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR' : 'en-US', { weekday: width, timeZone: 'UTC' });
  // 2025-03-22 was a Saturday.
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2025, 2, 22 + i))));
}

/** 0 = Saturday … 6 = Friday. */
export function weekdayIndex(d: JalaliDate): number {
  const iso = jalaliToIso(d);
  return (new Date(`${iso}T00:00:00Z`).getUTCDay() + 1) % 7;
}

/** Weeks (Saturday first) of a month; cells outside the month are null. */
export function monthGrid(year: number, month: number): (JalaliDate | null)[][] {
  const cells: (JalaliDate | null)[] = Array.from({ length: weekdayIndex({ year, month, day: 1 }) }, () => null);
  const n = daysInMonth(year, month);
  for (let day = 1; day <= n; day++) cells.push({ year, month, day });
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (JalaliDate | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export function addMonths(year: number, month: number, delta: number): { year: number; month: number } {
  const idx = year * 12 + (month - 1) + delta;
  return { year: Math.floor(idx / 12), month: (idx % 12) + 1 };
}

/** Today in the viewer's time zone. */
export function todayJalali(now: Date = new Date()): JalaliDate {
  const iso = `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return isoToJalali(iso) as JalaliDate;
}

export function sameDate(a: JalaliDate | null | undefined, b: JalaliDate | null | undefined): boolean {
  return !!a && !!b && a.year === b.year && a.month === b.month && a.day === b.day;
}
