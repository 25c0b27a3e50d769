// The answers of a draft as the form keeps them (the API's `Answers`), and
// what the device's scoring needs from them: every member of the family with
// their age on the assessment day, as the server builds its answer set.
import type { Answers, Member } from '../../api/types';
import type { AnswerSet, Domain, Indicator, Instrument } from '../../assessment/instrument';
import { appliesToAge, optionFor } from '../../assessment/scoring';
import { toAsciiDigits } from '../../lib/digits';

/** The form's answers: always both maps, never undefined. */
export interface FormAnswers {
  family: Record<string, string>;
  members: Record<string, Record<string, string>>;
}

export function formAnswersOf(a: Answers | undefined): FormAnswers {
  return { family: { ...(a?.family ?? {}) }, members: Object.fromEntries(Object.entries(a?.members ?? {}).map(([k, v]) => [k, { ...v }])) };
}

/**
 * Whole years from a birth date to a day (both ISO), as the server counts
 * them (`age_on` in crates/application/src/assessments.rs): null when the
 * birth date is unknown or after the day.
 */
export function ageOnDay(birthIso: string | null | undefined, dayIso: string): number | null {
  if (!birthIso) return null;
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthIso);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dayIso);
  if (!b || !d) return null;
  let years = Number(d[1]) - Number(b[1]);
  const [bm, bd, dm, dd] = [Number(b[2]), Number(b[3]), Number(d[2]), Number(d[3])];
  if (dm < bm || (dm === bm && dd < bd)) years--;
  return years >= 0 ? years : null;
}

export type MemberLike = Pick<Member, 'id' | 'birth_date'>;

/** The answer set the device scores: every member (in the family's order) with their age on `assessedOn`. */
export function answerSetOf(answers: FormAnswers, members: readonly MemberLike[], assessedOn: string): AnswerSet {
  return {
    family: answers.family,
    members: members.map((m) => ({ member: m.id, age: ageOnDay(m.birth_date, assessedOn), answers: answers.members[m.id] ?? {} })),
  };
}

/**
 * Leaves out what the server would refuse: answers to indicators this
 * instrument does not ask (of the family, or of a member at their age on
 * the day — the date may have changed), answers it does not offer, members
 * no longer in the family, and blanks.
 */
export function pruneAnswers(instrument: Instrument, answers: FormAnswers, members: readonly MemberLike[], assessedOn: string): FormAnswers {
  const byId = new Map(instrument.indicators.map((i) => [i.id, i]));
  const keep = (record: Record<string, string>, fits: (i: Indicator) => boolean) =>
    Object.fromEntries(
      Object.entries(record).filter(([id, value]) => {
        const indicator = byId.get(id);
        return value.trim() !== '' && indicator !== undefined && fits(indicator) && optionFor(indicator, value) !== undefined;
      }),
    );
  const out: FormAnswers = { family: keep(answers.family, (i) => i.subject.about === 'family'), members: {} };
  for (const m of members) {
    const age = ageOnDay(m.birth_date, assessedOn);
    const kept = keep(answers.members[m.id] ?? {}, (i) => appliesToAge(i, age));
    if (Object.keys(kept).length > 0) out.members[m.id] = kept;
  }
  return out;
}

/** One answer changed (an empty value removes it). Returns a new object; the old one is left alone. */
export function withAnswer(answers: FormAnswers, indicator: string, member: string | null, value: string): FormAnswers {
  const put = (record: Record<string, string>) => {
    const next = { ...record };
    if (value === '') delete next[indicator];
    else next[indicator] = value;
    return next;
  };
  if (member === null) return { ...answers, family: put(answers.family) };
  return { ...answers, members: { ...answers.members, [member]: put(answers.members[member] ?? {}) } };
}

export function answerOf(answers: FormAnswers, indicator: string, member: string | null): string | undefined {
  const record = member === null ? answers.family : answers.members[member];
  return record && Object.hasOwn(record, indicator) ? record[indicator] : undefined;
}

/** Who an indicator asks about: the family (null), or each member it applies to at their age on the day. */
export function askedOf(indicator: Indicator, members: readonly MemberLike[], assessedOn: string): (string | null)[] {
  if (indicator.subject.about === 'family') return [null];
  return members.filter((m) => appliesToAge(indicator, ageOnDay(m.birth_date, assessedOn))).map((m) => m.id);
}

/** Answered and total questions per domain (a member indicator counts once per member it asks about). */
export function domainProgress(
  instrument: Instrument,
  answers: FormAnswers,
  members: readonly MemberLike[],
  assessedOn: string,
): Record<Domain, { answered: number; total: number }> {
  const out: Record<Domain, { answered: number; total: number }> = {
    social: { answered: 0, total: 0 },
    economic: { answered: 0, total: 0 },
    cultural: { answered: 0, total: 0 },
  };
  for (const indicator of instrument.indicators) {
    for (const member of askedOf(indicator, members, assessedOn)) {
      const p = out[indicator.domain];
      p.total++;
      if (answerOf(answers, indicator.id, member) !== undefined) p.answered++;
    }
  }
  return out;
}

/** A typed number as the server reads it: Persian/Arabic digits to ASCII, spaces and separators gone. */
export function normalizeNumber(text: string): string {
  return toAsciiDigits(text).replace(/[\s,\u066c\u060c]/g, '').trim();
}

/**
 * An option's text split into its anchor and description: «در بحران: …» →
 * ["در بحران", "…"]. Texts with no short anchor stay whole.
 */
export function splitAnchor(text: string): [string | null, string] {
  const i = text.indexOf(':');
  if (i <= 0 || i > 30) return [null, text];
  return [text.slice(0, i).trim(), text.slice(i + 1).trim()];
}

/** Stable equality of two answer sets (what would be sent). */
export function sameAnswers(a: FormAnswers, b: FormAnswers): boolean {
  return canonical(a) === canonical(b);
}

function canonical(a: FormAnswers): string {
  const sorted = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  const members = Object.entries(a.members)
    .filter(([, r]) => Object.keys(r).length > 0)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([k, r]) => [k, sorted(r)]);
  return JSON.stringify([sorted(a.family), members]);
}
