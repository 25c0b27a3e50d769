import { describe, expect, it } from 'vitest';
import { cleanInput, normalizeText, toAsciiDigits, toPersianDigits } from './digits';

describe('digits', () => {
  it('turns Persian and Arabic digits into ASCII', () => {
    expect(toAsciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toAsciiDigits('۱۴۰۳/۱۲/۳۰')).toBe('1403/12/30');
    expect(toAsciiDigits('abc 42')).toBe('abc 42');
  });

  it('makes a Persian-digit number parseable', () => {
    expect(Number('۱۲')).toBeNaN();
    expect(Number(toAsciiDigits('۱۲'))).toBe(12);
  });

  it('turns ASCII digits into Persian', () => {
    expect(toPersianDigits('1403/12/30')).toBe('۱۴۰۳/۱۲/۳۰');
  });

  it('replaces Arabic yeh and kaf with the Persian letters', () => {
    expect(normalizeText('علي')).toBe('علی');
    expect(normalizeText('كريم')).toBe('کریم');
    expect(normalizeText('موسى')).toBe('موسی');
    expect(normalizeText('علی')).toBe('علی');
  });

  it('cleanInput trims and normalizes', () => {
    expect(cleanInput('  كد ١٢٣ ')).toBe('کد 123');
  });
});
