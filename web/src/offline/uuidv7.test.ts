import { describe, expect, it } from 'vitest';
import { uuidv7, uuidv7Time } from './uuidv7';

const SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('has version 7 and the RFC variant', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(SHAPE);
      const bytes = id.replace(/-/g, '');
      expect(parseInt(bytes[12]!, 16)).toBe(7);
      expect(parseInt(bytes[16]!, 16) >> 2).toBe(0b10);
    }
  });

  // Each test's clock is ahead of the last: ids never go back, so a time
  // before the last id's would (rightly) come out later.
  it('carries the millisecond it was made in', () => {
    const at = Date.UTC(2035, 10, 23, 10, 15, 0, 123);
    expect(uuidv7Time(uuidv7(at))).toBe(at);
  });

  it('is monotonic within one millisecond, and across a clock stepping back', () => {
    const at = Date.UTC(2036, 0, 1);
    const ids = Array.from({ length: 3000 }, () => uuidv7(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const back = uuidv7(at - 5000);
    expect(back > ids[ids.length - 1]!).toBe(true);
  });

  it('sorts by time across milliseconds', () => {
    const a = uuidv7(Date.UTC(2037, 0, 1));
    const b = uuidv7(Date.UTC(2037, 0, 1) + 1);
    expect(a < b).toBe(true);
  });
});
