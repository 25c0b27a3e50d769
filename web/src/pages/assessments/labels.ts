// Words for assessments: scores, members with their age on the day.
import type { TFunction } from 'i18next';
import type { DomainScores, Member } from '../../api/types';
import type { Domain } from '../../assessment/instrument';
import { numberLocale, formatNumber, type Lang } from '../../lib/locale';
import { fullName } from '../families/format';
import { ageOnDay } from './answers';

const scoreFormats = new Map<Lang, Intl.NumberFormat>();

/** A domain score (0–100, one decimal): `۶۲٫۵`. */
export function formatScore(n: number, lang: Lang): string {
  let f = scoreFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(numberLocale(lang), { maximumFractionDigits: 1 });
    scoreFormats.set(lang, f);
  }
  return f.format(n);
}

/** A whole percentage: `۷۳٪`. */
export function formatPercent(percent: number, lang: Lang): string {
  return new Intl.NumberFormat(numberLocale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}

/** The API's domain scores as the device's (absent when none). */
export function scoresOf(s: DomainScores): Partial<Record<Domain, number>> {
  const out: Partial<Record<Domain, number>> = {};
  for (const d of ['social', 'economic', 'cultural'] as const) {
    const v = s[d];
    if (typeof v === 'number') out[d] = v;
  }
  return out;
}

/** Text of one direction inside a sentence of the other (a Persian reason in English): its own bidi island. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** `فاطمه رضایی، ۱۲ ساله`: a member with their age on the assessment day. */
export function memberWithAge(m: Pick<Member, 'first_name' | 'last_name' | 'birth_date'>, assessedOn: string, t: TFunction, lang: Lang): string {
  const age = ageOnDay(m.birth_date, assessedOn);
  return t('assessment.form.member', {
    // Isolated: a Persian name inside an English sentence keeps its own direction.
    name: isolate(fullName(m)),
    age: age === null ? t('assessment.form.ageUnknown') : t('member.age', { n: formatNumber(age, lang) }),
  });
}
