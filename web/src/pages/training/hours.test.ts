import { describe, expect, it } from 'vitest';
import { formatHours, parseHours, roundToQuarter } from './hours';

describe('roundToQuarter', () => {
  it.each([
    [1.3, 1.25],
    [1.4, 1.5],
    [1.125, 1.25],
    [0.1, 0],
    [2, 2],
    [11.9, 12],
  ])('%d → %d', (raw, quarter) => {
    expect(roundToQuarter(raw)).toBe(quarter);
  });
});

describe('parseHours', () => {
  it('reads ASCII, Persian and Arabic digits with any decimal separator', () => {
    expect(parseHours('1.5')).toEqual({ ok: true, hours: 1.5, rounded: false });
    expect(parseHours('۱٫۵')).toEqual({ ok: true, hours: 1.5, rounded: false });
    expect(parseHours('١٫٧٥')).toEqual({ ok: true, hours: 1.75, rounded: false });
    expect(parseHours('۱/۲۵')).toEqual({ ok: true, hours: 1.25, rounded: false });
    expect(parseHours('2,5')).toEqual({ ok: true, hours: 2.5, rounded: false });
    expect(parseHours(' ۳ ')).toEqual({ ok: true, hours: 3, rounded: false });
    expect(parseHours('.5')).toEqual({ ok: true, hours: 0.5, rounded: false });
    expect(parseHours('0')).toEqual({ ok: true, hours: 0, rounded: false });
  });

  it('reads hours and minutes', () => {
    expect(parseHours('1:30')).toEqual({ ok: true, hours: 1.5, rounded: false });
    expect(parseHours('۲:۱۵')).toEqual({ ok: true, hours: 2.25, rounded: false });
    expect(parseHours('0:50')).toEqual({ ok: true, hours: 0.75, rounded: true });
    expect(parseHours('1:75')).toEqual({ ok: false, error: 'format' });
  });

  it('rounds to the nearest quarter hour and says so', () => {
    expect(parseHours('1.3')).toEqual({ ok: true, hours: 1.25, rounded: true });
    expect(parseHours('۱٫۹')).toEqual({ ok: true, hours: 2, rounded: true });
  });

  it('is null for nothing typed', () => {
    expect(parseHours('')).toBeNull();
    expect(parseHours('   ')).toBeNull();
  });

  it('refuses what is not a number, or negative', () => {
    for (const bad of ['abc', '1.2.3', '-1', '۱ ساعت', '1..5', ':30']) {
      expect(parseHours(bad)).toEqual({ ok: false, error: 'format' });
    }
  });

  it('refuses more than the maximum, after rounding', () => {
    expect(parseHours('4.25', 4)).toEqual({ ok: false, error: 'too_many' });
    expect(parseHours('4.1', 4)).toEqual({ ok: true, hours: 4, rounded: true });
    expect(parseHours('۱۳', 12)).toEqual({ ok: false, error: 'too_many' });
  });
});

describe('formatHours', () => {
  it('writes Persian digits with the momayyez, and parses back', () => {
    expect(formatHours(1.5, 'fa')).toBe('۱٫۵');
    expect(formatHours(12.25, 'fa')).toBe('۱۲٫۲۵');
    expect(formatHours(1.5, 'en')).toBe('1.5');
    expect(formatHours(1234.5, 'fa')).toBe('۱۲۳۴٫۵');
    for (const h of [0, 0.25, 1.5, 2.75, 12]) {
      expect(parseHours(formatHours(h, 'fa'))).toEqual({ ok: true, hours: h, rounded: false });
    }
  });
});
