import { describe, expect, it } from 'vitest';
import { ageOn } from './format';

describe('ageOn', () => {
  const today = new Date(2025, 5, 15); // 15 June 2025, local time

  it('counts whole years, a birthday later this year not yet', () => {
    expect(ageOn('1978-04-02', today)).toBe(47);
    expect(ageOn('1978-06-15', today)).toBe(47);
    expect(ageOn('1978-06-16', today)).toBe(46);
    expect(ageOn('2025-06-01', today)).toBe(0);
  });

  it('has nothing to say for no date, a bad one or one in the future', () => {
    expect(ageOn(null, today)).toBeNull();
    expect(ageOn('1978-02-30', today)).toBeNull();
    expect(ageOn('2026-01-01', today)).toBeNull();
  });
});
