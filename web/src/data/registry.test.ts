import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from './registry';

describe('filenameFromDisposition', () => {
  it("reads the server's attachment name", () => {
    expect(filenameFromDisposition('attachment; filename="families-C-001-20250101.csv"')).toBe('families-C-001-20250101.csv');
    expect(filenameFromDisposition('attachment; filename=families.xlsx')).toBe('families.xlsx');
  });

  it('prefers the RFC 5987 name, which may be Persian', () => {
    expect(filenameFromDisposition(`attachment; filename="f.csv"; filename*=UTF-8''${encodeURIComponent('خانواده‌ها.csv')}`)).toBe('خانواده‌ها.csv');
  });

  it('has nothing without a name', () => {
    expect(filenameFromDisposition(null)).toBeNull();
    expect(filenameFromDisposition('attachment')).toBeNull();
  });
});
