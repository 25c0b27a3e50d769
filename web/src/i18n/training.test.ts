// The helper's home and the training pages have words in both languages.
import { describe, expect, it } from 'vitest';
import { CURRICULA, HELPER_STATUSES, SESSION_MODES } from '../api/types';
import fa from './fa';
import en from './en';

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const LATIN = /[A-Za-z]/;

/** Every leaf of a message tree as [path, text]. */
function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`),
  );
}

// `{{placeholders}}` are not words.
const words = (s: string) => s.replace(/\{\{\w+\}\}/g, '');

describe('training and my-families words', () => {
  const trees = { myFamilies: [fa.myFamilies, en.myFamilies], training: [fa.training, en.training] } as const;

  // Messages that are only placeholders and punctuation (`{{name}} ({{status}})`) have no words to check.
  const withWords = (l: [string, string][]) => l.filter(([, text]) => /\p{L}/u.test(words(text)));

  it.each(Object.entries(trees).flatMap(([ns, [f]]) => withWords(leaves(f, `${ns}.`))))('%s is Persian in fa', (_path, text) => {
    expect(words(text)).toMatch(ARABIC_SCRIPT);
    expect(words(text)).not.toMatch(LATIN);
  });

  it.each(Object.entries(trees).flatMap(([ns, [, e]]) => leaves(e, `${ns}.`)))('%s has no Persian in en', (_path, text) => {
    expect(words(text)).not.toMatch(ARABIC_SCRIPT);
  });

  it('names every curriculum, session mode and helper status', () => {
    for (const c of CURRICULA) expect(fa.training.curriculum[c]).toMatch(ARABIC_SCRIPT);
    for (const m of SESSION_MODES) expect(en.training.mode[m]).toMatch(LATIN);
    for (const s of HELPER_STATUSES) expect(fa.helpers.status[s]).toMatch(ARABIC_SCRIPT);
    expect(fa.training.curriculum).toEqual({ pre_service: 'پیش از خدمت', in_service: 'ضمن خدمت' });
    expect(fa.training.mode).toEqual({ in_person: 'حضوری', online: 'برخط' });
    expect(fa.nav.myFamilies).toBe('خانواده‌های من');
    expect(fa.nav.courses).toBe('دوره‌های آموزشی');
  });
});
