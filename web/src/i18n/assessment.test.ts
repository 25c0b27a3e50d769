// Every code of assessments and tiers has words in both languages.
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_KINDS, TIERS } from '../api/types';
import { DOMAINS } from '../assessment/instrument';
import fa from './fa';
import en from './en';

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const LATIN = /[A-Za-z]/;

function leaves(tree: unknown, path = ''): [string, string][] {
  if (typeof tree === 'string') return [[path, tree]];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

describe('assessment words', () => {
  it('name every tier, kind, status and domain in both languages', () => {
    for (const tier of TIERS) expect([fa.assessment.tier[tier], en.assessment.tier[tier]].every(Boolean)).toBe(true);
    for (const kind of ASSESSMENT_KINDS) expect([fa.assessment.kind[kind], en.assessment.kind[kind]].every(Boolean)).toBe(true);
    for (const d of DOMAINS) expect([fa.assessment.domain[d], en.assessment.domain[d]].every(Boolean)).toBe(true);
    expect(fa.assessment.status).toEqual({ draft: 'پیش‌نویس', final: 'نهایی' });
    expect(fa.assessment.tier).toMatchObject({ stable: 'ایمن / پایدار', at_risk: 'در معرض آسیب', harmed: 'آسیب‌دیده', none: 'سطح‌بندی نشده' });
  });

  it.each(leaves(fa.assessment))('assessment.%s is Persian, with its English twin', (path, text) => {
    // Only a pattern of placeholders may have no Persian word of its own.
    if (text.replace(/\{\{\w+\}\}/g, '').replace(/[\s:«»]/g, '') !== '') expect(text).toMatch(ARABIC_SCRIPT);
    // Placeholders like {{family}} are the only Latin in Persian text.
    expect(text.replace(/\{\{\w+\}\}/g, '')).not.toMatch(LATIN);
    const english = leaves(en.assessment).find(([p]) => p === path)?.[1] ?? '';
    expect(english).not.toMatch(ARABIC_SCRIPT);
    expect(english.match(/\{\{\w+\}\}/g)?.sort()).toEqual(text.match(/\{\{\w+\}\}/g)?.sort());
  });

  it.each(['instrument_invalid', 'instrument_version_taken', 'assessment_final', 'assessment_incomplete'] as const)(
    'error %s has words in both languages',
    (code) => {
      expect(fa.errors[code]).toMatch(ARABIC_SCRIPT);
      expect(en.errors[code]).toMatch(LATIN);
    },
  );
});
