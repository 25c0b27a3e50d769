import { describe, expect, it } from 'vitest';
import defaultJson from '../../../instruments/default.json';
import goldenJson from '../../../instruments/golden.json';
import type { AnswerSet, Domain, Instrument, Missing, Outcome, Tier } from './instrument';
import { appliesToAge, indicatorsFor, optionFor, progress, round1, score, tierFor } from './scoring';

// The default instrument exactly as the API sends it, and the golden vectors
// of scripts/golden_vectors.py (a second implementation the Rust tests check too).
const instrument = defaultJson as Instrument;

interface Brief {
  indicator: string;
  member: string | null;
  critical: boolean;
}
interface Vector {
  name: string;
  answers: AnswerSet;
  expected: {
    domain_scores: Partial<Record<Domain, number>>;
    tier: Tier | null;
    capacities: Brief[];
    harms: Brief[];
    missing: Missing[];
  };
}
const vectors = goldenJson.vectors as Vector[];

function outcomeOf(answers: AnswerSet): Outcome {
  const result = score(instrument, answers);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.outcome;
}

const brief = (findings: Outcome['harms']): Brief[] =>
  findings.map(({ indicator, member, critical }) => ({ indicator, member, critical }));

/** A fresh copy of a golden vector's answers, to change. */
function answersOf(name: string): AnswerSet {
  const v = vectors.find((x) => x.name === name);
  if (!v) throw new Error(`no vector ${name}`);
  return structuredClone(v.answers);
}

const indicator = (id: string) => {
  const i = instrument.indicators.find((x) => x.id === id);
  if (!i) throw new Error(`no indicator ${id}`);
  return i;
};

describe('golden vectors', () => {
  it('are many and reach every tier', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(40);
    expect(new Set(vectors.map((v) => v.expected.tier))).toEqual(new Set(['stable', 'at_risk', 'harmed', null]));
  });

  it.each(vectors)('$name', ({ answers, expected }) => {
    const got = outcomeOf(answers);
    expect(Object.keys(got.domain_scores).sort()).toEqual(Object.keys(expected.domain_scores).sort());
    for (const [domain, want] of Object.entries(expected.domain_scores)) {
      const have = got.domain_scores[domain as Domain];
      // Bit for bit (===), not toBeCloseTo.
      expect(have === want, `${domain}: ${have} vs ${want}`).toBe(true);
    }
    expect(got.tier).toBe(expected.tier);
    expect(brief(got.capacities)).toEqual(expected.capacities);
    expect(brief(got.harms)).toEqual(expected.harms);
    expect(got.missing).toEqual(expected.missing);
    const p = progress(instrument, answers);
    expect(p.total - p.answered).toBe(expected.missing.length);
  });
});

describe('score', () => {
  it('gives harmed for any critical harm answer when complete, whatever else is answered', () => {
    let critical = 0;
    for (const ind of instrument.indicators) {
      for (const option of ind.options) {
        if (option.mark?.kind !== 'harm' || !option.mark.critical || !('value' in option)) continue;
        critical++;
        const answers = answersOf('every answer the best');
        const member = answers.members.find((m) => appliesToAge(ind, m.age));
        const target = ind.subject.about === 'family' ? answers.family : member?.answers;
        if (!target) throw new Error(`no member of age for ${ind.id}`);
        target[ind.id] = option.value;
        const o = outcomeOf(answers);
        expect(o.missing).toEqual([]);
        expect(o.tier, ind.id).toBe('harmed');
        expect(o.harms.filter((h) => h.critical).map((h) => h.indicator)).toEqual([ind.id]);
        expect(o.harms[0]?.name).toEqual(option.mark.name);
      }
    }
    expect(critical).toBeGreaterThanOrEqual(5);
  });

  it('counts a member indicator with its worst answer', () => {
    const answers = answersOf('every answer the best');
    answers.members.push({
      member: 'daughter',
      age: 16,
      answers: {
        'social.schooling': '5',
        'social.child_labor': '5',
        'social.youth_risk': '1',
        'economic.insurance': '5',
      },
    });
    const o = outcomeOf(answers);
    // Social weights add to 16; youth_risk (weight 1) at 0: 1500 / 16 = 93.75 → 93.8.
    // An average of the son's 100 and the daughter's 0 would give 96.9.
    expect(o.domain_scores).toEqual({ social: 93.8, economic: 100, cultural: 100 });
    expect(o.tier).toBe('stable');
    expect(brief(o.harms)).toEqual([{ indicator: 'social.youth_risk', member: 'daughter', critical: false }]);
    expect(o.capacities.filter((c) => c.indicator === 'social.youth_risk').map((c) => c.member)).toEqual(['son']);
  });

  it('refuses an answer the instrument does not offer, and answers to indicators it does not ask', () => {
    const answers = answersOf('every answer the best');
    answers.family['social.cohesion'] = '6';
    answers.family['no.such'] = 'yes';
    answers.family['economic.insurance'] = '5'; // a member indicator
    answers.family['economic.income_per_person'] = '12.5';
    expect(score(instrument, answers)).toEqual({
      ok: false,
      errors: [
        { indicator: 'economic.insurance', member: null, answer: '5' },
        { indicator: 'no.such', member: null, answer: 'yes' },
        { indicator: 'social.cohesion', member: null, answer: '6' },
        { indicator: 'economic.income_per_person', member: null, answer: '12.5' },
      ],
    });
  });

  it('refuses a member indicator for a member outside its age range', () => {
    const answers = answersOf('every answer the best');
    // The father is 40; schooling is asked from 7 to 18.
    answers.members[0]!.answers['social.schooling'] = '5';
    expect(score(instrument, answers)).toEqual({
      ok: false,
      errors: [{ indicator: 'social.schooling', member: 'father', answer: '5' }],
    });
  });

  it('reads Persian and Arabic digits and surrounding spaces as Rust does', () => {
    const id = 'economic.income_per_person';
    const base = answersOf('every answer the best');
    const want = outcomeOf(base);
    for (const typed of ['۱۲۰', '١٢٠', ' 120\u00a0', '+120', '۰۰۱۲۰']) {
      const answers = answersOf('every answer the best');
      answers.family[id] = typed;
      expect(outcomeOf(answers), typed).toEqual(want);
    }
    const scale = answersOf('every answer the best');
    scale.family['social.cohesion'] = '۵';
    expect(outcomeOf(scale)).toEqual(want);

    // Not an i64 to Rust: refused, though JS's Number() would take most of them.
    const ind = indicator(id);
    for (const typed of ['', '-', '12.0', '1e3', '0x10', '1_000', '٫5', '9223372036854775808', '\ufeff120']) {
      expect(optionFor(ind, typed), JSON.stringify(typed)).toBeUndefined();
    }
    expect(optionFor(ind, '-0')?.score).toBe(0);
    expect(optionFor(ind, '1000000')?.score).toBe(100);
    expect(optionFor(ind, '1000001')).toBeUndefined();
  });

  it('adds weights in indicator order, as Rust does: the order changes the rounded bits', () => {
    // Weights and scores the checker allows, where float addition order shows after rounding.
    // 68.7 and 68.8 are what scripts/golden_vectors.py's score() gives for the two orders.
    const rows: [number, number][] = [[0.2, 75], [0.3, 100], [0.6, 62.5], [0.1, 0]];
    const make = (order: [number, number][]): Instrument => ({
      ...instrument,
      indicators: order.map(([weight, s], n) => ({
        ...indicator('social.documents'),
        id: `social.x${n}`,
        weight,
        options: [{ value: 'a', score: s, text: { fa: 'الف', en: 'A' }, mark: null }],
      })),
    });
    const family = { 'social.x0': 'a', 'social.x1': 'a', 'social.x2': 'a', 'social.x3': 'a' };
    const social = (i: Instrument) => {
      const r = score(i, { family, members: [] });
      return r.ok ? r.outcome.domain_scores.social : undefined;
    };
    expect(social(make(rows))).toBe(68.7);
    expect(social(make([...rows].reverse()))).toBe(68.8);
  });

  it('gives no tier until all three domains have a score', () => {
    const o = outcomeOf({ family: { 'social.cohesion': '3' }, members: [{ member: 'x', age: null, answers: {} }] });
    expect(o.domain_scores).toEqual({ social: 50 });
    expect(o.tier).toBeNull();
    expect(o.missing[0]).toEqual({ indicator: 'social.violence', member: null });
    expect(o.missing).toContainEqual({ indicator: 'social.schooling', member: 'x' });
  });

  it('does not take Object.prototype for an answer', () => {
    const o = outcomeOf({ family: {}, members: [] });
    expect(o.missing.length).toBe(instrument.indicators.filter((i) => i.subject.about === 'family').length);
    const withProto = { ...instrument, indicators: [{ ...indicator('social.cohesion'), id: 'constructor' }] };
    const r = score(withProto, { family: {}, members: [] });
    expect(r.ok && r.outcome.missing).toEqual([{ indicator: 'constructor', member: null }]);
  });
});

describe('helpers', () => {
  it('appliesToAge: inclusive bounds, unknown age asked, never for family indicators', () => {
    const schooling = indicator('social.schooling');
    expect([6, 7, 18, 19].map((a) => appliesToAge(schooling, a))).toEqual([false, true, true, false]);
    expect(appliesToAge(schooling, null)).toBe(true);
    expect(appliesToAge(indicator('economic.insurance'), 90)).toBe(true);
    expect(appliesToAge(indicator('social.cohesion'), null)).toBe(false);
  });

  it('round1 rounds halves away from zero, like f64::round', () => {
    expect(round1(93.75)).toBe(93.8);
    expect(round1(0.25)).toBe(0.3);
    expect(round1(-0.25)).toBe(-0.3);
    expect(round1(200 / 3)).toBe(66.7);
    expect(round1(1.005)).toBe(1); // 1.005 * 10 is 10.049999999999999
    expect(round1(0.049999999999999996)).toBe(0); // × 10 is just below 0.5
    expect(round1(100)).toBe(100);
  });

  it('tierFor: thresholds are "below", a critical harm wins', () => {
    const rules = instrument.tiers;
    const t = (low: number, critical = false) => tierFor(rules, { social: 100, economic: low, cultural: 80 }, critical);
    expect([t(39.9), t(40), t(59.9), t(60), t(100)]).toEqual(['harmed', 'at_risk', 'at_risk', 'stable', 'stable']);
    expect(t(100, true)).toBe('harmed');
  });

  it('indicatorsFor and progress', () => {
    expect(indicatorsFor(instrument, 'economic').map((i) => i.domain)).toEqual(Array(12).fill('economic'));
    expect(indicatorsFor(instrument, 'social')[0]?.id).toBe('social.cohesion');
    // 33 family indicators, insurance for the father, and all four member indicators for the son of 12.
    expect(progress(instrument, answersOf('every answer the best'))).toEqual({ answered: 38, total: 38 });
    expect(progress(instrument, answersOf('nothing answered yet'))).toEqual({ answered: 0, total: 37 });
  });
});
