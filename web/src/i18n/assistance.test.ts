// The assistance screens have words in both languages, for every code.
import { describe, expect, it } from 'vitest';
import { ACTIVITY_STATUSES, DOMAINS, GOAL_STATUSES, RESPONSIBLES, SERVICE_KINDS, URGENCIES } from '../pages/assistance/model';
import { assistanceEn, assistanceFa } from './assistance';
import fa from './fa';
import en from './en';

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const LATIN = /[A-Za-z]/;

function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`),
  );
}
const words = (s: string) => s.replace(/\{\{\w+\}\}/g, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('assistance words', () => {
  const faLeaves = leaves(assistanceFa);
  const enLeaves = new Map(leaves(assistanceEn));

  it.each(faLeaves.filter(([, text]) => /\p{L}/u.test(words(text))))('%s is Persian in fa', (_path, text) => {
    expect(words(text)).toMatch(ARABIC_SCRIPT);
    expect(words(text)).not.toMatch(LATIN);
  });

  it.each(faLeaves)('%s has English with the same placeholders', (path, text) => {
    const e = enLeaves.get(path);
    expect(e).toBeTruthy();
    expect(words(e!)).not.toMatch(ARABIC_SCRIPT);
    expect(placeholders(e!)).toEqual(placeholders(text));
  });

  it('is wired into both languages and names every code', () => {
    expect(fa.assistance).toBe(assistanceFa);
    expect(en.assistance).toBe(assistanceEn);
    for (const k of SERVICE_KINDS) expect(fa.assistance.kind[k]).toMatch(ARABIC_SCRIPT);
    for (const d of DOMAINS) expect(en.assistance.domain[d]).toMatch(LATIN);
    for (const s of ACTIVITY_STATUSES) expect(fa.assistance.activityStatus[s]).toBeTruthy();
    for (const s of GOAL_STATUSES) expect(fa.assistance.goalStatus[s]).toBeTruthy();
    for (const r of RESPONSIBLES) expect(fa.assistance.responsible[r]).toBeTruthy();
    for (const u of URGENCIES) expect(fa.assistance.urgency[u]).toBeTruthy();
    expect(fa.assistance).not.toHaveProperty('placeholder');
  });
});
