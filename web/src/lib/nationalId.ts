// The Iranian national ID (کد ملی): ten digits, the last a check digit over
// the first nine. The server checks it too (reasons `not_digits`, `length`,
// `repeated`, `checksum`); checking here tells the person at once, before a
// round trip, and in the same words.
import { toAsciiDigits } from './digits';

export type NationalIdProblem = 'not_digits' | 'length' | 'repeated' | 'checksum';

/**
 * What a person typed, as the server wants it: Persian/Arabic digits to
 * ASCII; spaces and dashes (people group the digits) dropped.
 */
export function normalizeNationalId(input: string): string {
  return toAsciiDigits(input).replace(/[\s\-\u200c]/g, '');
}

/** Why an ID is not well-formed, or null when it is. Same reasons as the server's. */
export function nationalIdProblem(input: string): NationalIdProblem | null {
  const id = normalizeNationalId(input);
  if (!/^\d*$/.test(id)) return 'not_digits';
  if (id.length !== 10) return 'length';
  const d = Array.from(id, Number);
  if (d.every((x) => x === d[0])) return 'repeated';
  let s = 0;
  for (let i = 0; i < 9; i++) s += d[i]! * (10 - i);
  const r = s % 11;
  const check = r < 2 ? r : 11 - r;
  return d[9] === check ? null : 'checksum';
}

/**
 * A well-formed national ID: 10 digits (after normalizing Persian/Arabic
 * digits), not one digit repeated, with a correct check digit. Well-formed
 * is not proof it is this person's.
 */
export function isValidNationalId(input: string): boolean {
  return nationalIdProblem(input) === null;
}

/** `******0899`: all but the last four digits hidden. */
export function maskNationalId(id: string): string {
  const tail = id.slice(-4);
  return '*'.repeat(Math.max(0, id.length - tail.length)) + tail;
}
