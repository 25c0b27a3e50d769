// Persian keyboards type ۰–۹ and some type Arabic ٠–٩; `Number('۱۲')` is NaN and
// the server compares ASCII. Arabic ي/ك look like Persian ی/ک but are other code
// points, so "علي" and "علی" would be two different names. Every input goes
// through these before it is sent.

const PERSIAN_ZERO = 0x06f0;
const ARABIC_ZERO = 0x0660;

/** ۰-۹ and ٠-٩ → 0-9. */
export function toAsciiDigits(s: string): string {
  return s.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (c) => {
    const code = c.charCodeAt(0);
    return String(code >= PERSIAN_ZERO ? code - PERSIAN_ZERO : code - ARABIC_ZERO);
  });
}

/** 0-9 → ۰-۹ (for building display strings by hand; prefer Intl for numbers). */
export function toPersianDigits(s: string): string {
  return s.replace(/[0-9]/g, (c) => String.fromCharCode(PERSIAN_ZERO + Number(c)));
}

/** Digits to ASCII, Arabic ي/ى/ك to Persian ی/ک. Does not trim. */
export function normalizeText(s: string): string {
  return toAsciiDigits(s).replace(/[\u064a\u0649]/g, '\u06cc').replace(/\u0643/g, '\u06a9');
}

/** normalizeText + trim: the form every text field is sent in. */
export function cleanInput(s: string): string {
  return normalizeText(s).trim();
}
