import { describe, expect, it } from 'vitest';
import { isValidNationalId, maskNationalId, nationalIdProblem, normalizeNationalId } from './nationalId';

describe('isValidNationalId', () => {
  it('accepts a valid ID', () => {
    expect(isValidNationalId('0499370899')).toBe(true);
  });

  it('accepts the same ID typed with Persian or Arabic digits', () => {
    expect(isValidNationalId('۰۴۹۹۳۷۰۸۹۹')).toBe(true);
    expect(isValidNationalId('٠٤٩٩٣٧٠٨٩٩')).toBe(true);
    // Grouped as people write it.
    expect(isValidNationalId('049-937089-9')).toBe(true);
  });

  it('rejects ten equal digits, although they pass the checksum', () => {
    expect(isValidNationalId('1111111111')).toBe(false);
    expect(nationalIdProblem('1111111111')).toBe('repeated');
    expect(nationalIdProblem('0000000000')).toBe('repeated');
  });

  it('rejects a changed digit', () => {
    expect(isValidNationalId('0499370898')).toBe(false);
    expect(nationalIdProblem('0499370898')).toBe('checksum');
    expect(isValidNationalId('0499371899')).toBe(false);
  });

  it('says why, with the reasons the server uses', () => {
    expect(nationalIdProblem('049937089')).toBe('length');
    expect(nationalIdProblem('04993708999')).toBe('length');
    expect(nationalIdProblem('')).toBe('length');
    expect(nationalIdProblem('04993708a9')).toBe('not_digits');
  });

  it('uses r itself as the check digit when r < 2, else 11 − r', () => {
    // r = 0, r = 1 and r = 10 (check digit 1 twice), and an ordinary one (r = 2).
    for (const id of ['1234567830', '1234567891', '1000000001', '0010350829']) {
      expect(isValidNationalId(id)).toBe(true);
    }
    expect(isValidNationalId('1234567831')).toBe(false);
    expect(isValidNationalId('1234567890')).toBe(false);
  });
});

describe('normalizeNationalId and maskNationalId', () => {
  it('normalizes to ten ASCII digits', () => {
    expect(normalizeNationalId(' ۰۴۹۹ ۳۷۰۸۹۹ ')).toBe('0499370899');
  });

  it('hides all but the last four digits', () => {
    expect(maskNationalId('0499370899')).toBe('******0899');
  });
});
