// Group programs have words in both languages, the same keys in each, and no English in the Persian.
import { describe, expect, it } from 'vitest';
import { programsEn, programsFa } from './programs';
import { PROGRAM_KINDS, AUDIENCES } from '../pages/programs/model';

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const LATIN = /[A-Za-z]/;
function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`)));
}
const words = (s: string) => s.replace(/\{\{\w+\}\}/g, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('program words', () => {
  const en = new Map(leaves(programsEn));
  it.each(leaves(programsFa))('%s is Persian in fa, with the same placeholders in en', (path, text) => {
    expect(words(text)).not.toMatch(LATIN);
    if (!/^[✓+]/.test(text)) expect(words(text)).toMatch(ARABIC_SCRIPT);
    expect(placeholders(en.get(path) ?? '')).toEqual(placeholders(text));
  });
  it('names every kind and audience', () => {
    for (const k of PROGRAM_KINDS) expect(programsFa.kind[k]).toBeTruthy();
    for (const a of AUDIENCES) expect(programsFa.audience[a]).toBeTruthy();
  });
});
