import { describe, expect, it } from 'vitest';
import { daysBetween, endingNotice, localIsoDate } from './period';

describe('daysBetween', () => {
  it('counts calendar days, across months and a leap day', () => {
    expect(daysBetween('2025-03-20', '2025-03-21')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-01-01', '2024-12-31')).toBe(-1);
    expect(daysBetween('2025-01-01', '2025-01-01')).toBe(0);
    expect(daysBetween('nonsense', '2025-01-01')).toBeNull();
  });
});

describe('endingNotice', () => {
  const today = '2025-03-21';
  it('says nothing while more than 30 days remain', () => {
    expect(endingNotice('2025-04-21', today)).toBeNull();
    expect(endingNotice('2026-03-20', today)).toBeNull();
  });

  it('counts the days left within 30 days', () => {
    expect(endingNotice('2025-04-20', today)).toEqual({ kind: 'soon', days: 30 });
    expect(endingNotice('2025-03-22', today)).toEqual({ kind: 'soon', days: 1 });
  });

  it('knows today and the past', () => {
    expect(endingNotice(today, today)).toEqual({ kind: 'today' });
    expect(endingNotice('2025-03-01', today)).toEqual({ kind: 'ended' });
  });
});

describe('localIsoDate', () => {
  it("is the viewer's calendar day", () => {
    expect(localIsoDate(new Date(2025, 2, 21, 23, 59))).toBe('2025-03-21');
    expect(localIsoDate(new Date(2025, 0, 5, 0, 1))).toBe('2025-01-05');
  });
});
