// The resource directory, referrals and commissions have words in both
// languages, the same keys in each, and no English in the Persian.
import { describe, expect, it } from 'vitest';
import { caseworkEn, caseworkFa } from './casework';
import { REFERRAL_STATUSES } from '../pages/referrals/referralState';
import { DOMAINS, RESOURCE_KINDS, RESOURCE_LEVELS } from '../pages/resources/resourceState';
import { CAPACITIES } from '../pages/commissions/SeatsSection';
import { ASSIGNEE_KINDS } from '../pages/commissions/DecisionForm';
import fa from './fa';

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const LATIN = /[A-Za-z]/;

function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`),
  );
}

const words = (s: string) => s.replace(/\{\{\w+\}\}/g, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('casework words', () => {
  const faLeaves = leaves(caseworkFa);
  const enLeaves = new Map(leaves(caseworkEn));

  it.each(faLeaves)('%s is Persian in fa', (_path, text) => {
    expect(words(text)).toMatch(ARABIC_SCRIPT);
    expect(words(text)).not.toMatch(LATIN);
  });

  it.each(faLeaves)('%s has English with the same placeholders', (path, text) => {
    const en = enLeaves.get(path);
    expect(en).toBeDefined();
    expect(words(en!)).not.toMatch(ARABIC_SCRIPT);
    expect(placeholders(en!)).toEqual(placeholders(text));
  });

  it('has no English key Persian lacks', () => {
    expect([...enLeaves.keys()].sort()).toEqual(faLeaves.map(([p]) => p).sort());
  });

  it('names every kind, level, domain, status, urgency, capacity and assignee', () => {
    for (const k of RESOURCE_KINDS) expect(caseworkFa.resources.kind[k]).toMatch(ARABIC_SCRIPT);
    for (const l of RESOURCE_LEVELS) expect(caseworkFa.resources.level[l]).toMatch(ARABIC_SCRIPT);
    for (const d of DOMAINS) expect(fa.assessment.domain[d]).toMatch(ARABIC_SCRIPT);
    for (const s of REFERRAL_STATUSES) {
      expect(caseworkFa.referrals.status[s]).toMatch(ARABIC_SCRIPT);
      expect(caseworkFa.referrals.answered[s]).toMatch(ARABIC_SCRIPT);
    }
    for (const c of CAPACITIES) expect(caseworkFa.seats.capacity[c]).toMatch(ARABIC_SCRIPT);
    for (const a of ASSIGNEE_KINDS) expect(caseworkFa.tasks.assignee[a]).toMatch(ARABIC_SCRIPT);
    expect(fa.casework).toBe(caseworkFa);
  });
});
