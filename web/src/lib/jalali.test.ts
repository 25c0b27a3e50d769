import { describe, expect, it } from 'vitest';
import {
  addMonths,
  daysInMonth,
  formatDate,
  formatJalaliNumeric,
  isLeapYear,
  isoToJalali,
  jalaliToIso,
  monthGrid,
  monthName,
  parseJalali,
  weekdayIndex,
  weekdayNames,
} from './jalali';

describe('parseJalali', () => {
  it('accepts the last day of Esfand in a leap year', () => {
    expect(parseJalali('1403/12/30')).toEqual({ ok: true, date: { year: 1403, month: 12, day: 30 }, iso: '2025-03-20' });
  });

  it('rejects Esfand 31 and Esfand 30 of a common year, telling the real length', () => {
    expect(parseJalali('1403/12/31')).toMatchObject({ ok: false, error: 'day', maxDay: 30 });
    expect(parseJalali('1404/12/30')).toMatchObject({ ok: false, error: 'day', maxDay: 29, year: 1404, month: 12 });
  });

  it('accepts Persian, Arabic and ASCII digits with / or -', () => {
    const want = { ok: true, iso: '2025-03-20' };
    expect(parseJalali('۱۴۰۳/۱۲/۳۰')).toMatchObject(want);
    expect(parseJalali('١٤٠٣-١٢-٣٠')).toMatchObject(want);
    expect(parseJalali('1403-12-30')).toMatchObject(want);
    expect(parseJalali(' ۱۴۰۳ / ۱۲ / ۳۰ ')).toMatchObject(want);
    expect(parseJalali('1403/1/5')).toMatchObject({ ok: true, iso: '2024-03-24' });
  });

  it('rejects malformed text, impossible months and out-of-range years', () => {
    expect(parseJalali('')).toMatchObject({ ok: false, error: 'format' });
    expect(parseJalali('30/12/1403')).toMatchObject({ ok: false, error: 'format' });
    expect(parseJalali('1403/12')).toMatchObject({ ok: false, error: 'format' });
    expect(parseJalali('abc')).toMatchObject({ ok: false, error: 'format' });
    expect(parseJalali('1403/13/01')).toMatchObject({ ok: false, error: 'month' });
    expect(parseJalali('1403/00/01')).toMatchObject({ ok: false, error: 'month' });
    expect(parseJalali('1403/01/00')).toMatchObject({ ok: false, error: 'day' });
    expect(parseJalali('1403/01/32')).toMatchObject({ ok: false, error: 'day', maxDay: 31 });
    expect(parseJalali('1403/07/31')).toMatchObject({ ok: false, error: 'day', maxDay: 30 });
    expect(parseJalali('0403/01/01')).toMatchObject({ ok: false, error: 'year' });
    expect(parseJalali('2025/03/20')).toMatchObject({ ok: false, error: 'year' });
  });
});

describe('conversion', () => {
  it('round-trips the leap-year edges', () => {
    expect(jalaliToIso({ year: 1403, month: 12, day: 30 })).toBe('2025-03-20');
    expect(isoToJalali('2025-03-20')).toEqual({ year: 1403, month: 12, day: 30 });
    expect(isoToJalali('2025-03-21')).toEqual({ year: 1404, month: 1, day: 1 });
    expect(jalaliToIso({ year: 1342, month: 12, day: 29 })).toBe('1964-03-19');
    expect(isoToJalali('1964-03-19')).toEqual({ year: 1342, month: 12, day: 29 });
    expect(jalaliToIso({ year: 1342, month: 12, day: 30 })).toBe('1964-03-20');
    // The day react-multi-date-picker gets wrong: 1963-03-21 is 1 Farvardin 1342.
    expect(isoToJalali('1963-03-21')).toEqual({ year: 1342, month: 1, day: 1 });
  });

  it('knows the leap years', () => {
    expect(isLeapYear(1403)).toBe(true);
    expect(isLeapYear(1404)).toBe(false);
    expect(isLeapYear(1342)).toBe(true);
    expect(daysInMonth(1404, 12)).toBe(29);
    expect(daysInMonth(1404, 6)).toBe(31);
    expect(daysInMonth(1404, 7)).toBe(30);
  });

  it('refuses to convert an impossible date instead of clamping it', () => {
    expect(() => jalaliToIso({ year: 1403, month: 12, day: 31 })).toThrow(RangeError);
  });

  it('rejects impossible ISO dates', () => {
    expect(isoToJalali('2025-02-30')).toBeNull();
    expect(isoToJalali('2025-3-1')).toBeNull();
    expect(isoToJalali('')).toBeNull();
  });

  it('agrees with ICU (Intl persian calendar) on every day of 1300–1499', () => {
    const icu = new Intl.DateTimeFormat('en-US-u-ca-persian', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    const start = Date.UTC(1921, 2, 21); // 1300/01/01
    const end = Date.UTC(2121, 2, 20);
    let checked = 0;
    for (let t = start; t <= end; t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const parts = icu.formatToParts(new Date(t));
      const want = {
        year: Number(parts.find((p) => p.type === 'year')?.value),
        month: Number(parts.find((p) => p.type === 'month')?.value),
        day: Number(parts.find((p) => p.type === 'day')?.value),
      };
      const got = isoToJalali(iso);
      if (got?.year !== want.year || got.month !== want.month || got.day !== want.day) {
        expect({ iso, got }).toEqual({ iso, got: want });
      }
      if (want.year >= 1300 && want.year <= 1499) expect(jalaliToIso(want)).toBe(iso);
      checked++;
    }
    expect(checked).toBeGreaterThan(73_000);
  });
});

describe('formatting', () => {
  it('formats the text form with the language digits', () => {
    const d = { year: 1403, month: 1, day: 5 };
    expect(formatJalaliNumeric(d, 'fa')).toBe('۱۴۰۳/۰۱/۰۵');
    expect(formatJalaliNumeric(d, 'en')).toBe('1403/01/05');
  });

  it('formats ISO dates as Solar Hijri day, month name, year', () => {
    expect(formatDate('2025-03-20', 'fa')).toBe('۳۰ اسفند ۱۴۰۳');
    expect(formatDate('2025-03-20', 'en')).toBe('30 Esfand 1403');
    expect(formatDate('2024-03-20', 'fa')).toBe('۱ فروردین ۱۴۰۳');
    expect(formatDate(null, 'fa')).toBe('');
  });

  it('names months and weekdays from Saturday', () => {
    expect(monthName(1, 'fa')).toBe('فروردین');
    expect(monthName(12, 'en')).toBe('Esfand');
    const fa = weekdayNames('fa', 'long');
    expect(fa[0]).toBe('شنبه');
    expect(fa[6]).toBe('جمعه');
    expect(weekdayNames('en', 'short')[0]).toBe('Sat');
  });
});

describe('month grid', () => {
  it('starts weeks on Saturday', () => {
    // 1 Farvardin 1404 (2025-03-21) was a Friday: the last column of week one.
    expect(weekdayIndex({ year: 1404, month: 1, day: 1 })).toBe(6);
    const weeks = monthGrid(1404, 1);
    expect(weeks[0]?.slice(0, 6).every((c) => c === null)).toBe(true);
    expect(weeks[0]?.[6]).toEqual({ year: 1404, month: 1, day: 1 });
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });

  it('shows 30 days for Esfand of a leap year and 29 otherwise', () => {
    expect(monthGrid(1403, 12).flat().filter(Boolean)).toHaveLength(30);
    expect(monthGrid(1404, 12).flat().filter(Boolean)).toHaveLength(29);
  });

  it('moves across years', () => {
    expect(addMonths(1403, 12, 1)).toEqual({ year: 1404, month: 1 });
    expect(addMonths(1404, 1, -1)).toEqual({ year: 1403, month: 12 });
    expect(addMonths(1404, 5, 0)).toEqual({ year: 1404, month: 5 });
  });
});
