// Scores a family's answers on the device, offline. It mirrors
// `Instrument::score` in crates/domain/src/instrument.rs step for step (same
// order of floating-point operations, same rounding, same errors), so both
// give the same bits; instruments/golden.json checks the two agree.
import { toAsciiDigits } from '../lib/digits';
import {
  DOMAINS,
  type AnswerError,
  type AnswerOption,
  type AnswerSet,
  type Domain,
  type Finding,
  type Indicator,
  type Instrument,
  type Missing,
  type Outcome,
  type ScoreResult,
  type Tier,
  type TierRules,
} from './instrument';

/** Does a member indicator ask about a member of this age? A member whose age is not known is asked. */
export function appliesToAge(indicator: Indicator, age: number | null): boolean {
  const subject = indicator.subject;
  if (subject.about === 'family') return false;
  if (age == null) return true;
  return (subject.min_age == null || age >= subject.min_age) && (subject.max_age == null || age <= subject.max_age);
}

// Rust's `str::trim` strips Unicode White_Space, which is not JS's set
// (JS also strips U+FEFF and keeps U+0085).
const RUST_WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

function rustTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && RUST_WHITESPACE.test(s.charAt(start))) start++;
  while (end > start && RUST_WHITESPACE.test(s.charAt(end - 1))) end--;
  return s.slice(start, end);
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** What Rust's `str::parse::<i64>` accepts: an optional sign and ASCII digits, within range. */
function parseI64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= I64_MIN && n <= I64_MAX ? n : undefined;
}

/** The option an answer chooses, if the answer is one of them (trimmed, Persian/Arabic digits read as ASCII). */
export function optionFor(indicator: Indicator, answer: string): AnswerOption | undefined {
  const normalized = toAsciiDigits(rustTrim(answer));
  if (indicator.kind === 'number') {
    const n = parseI64(normalized);
    if (n === undefined) return undefined;
    // BigInt, so a huge typed number compares exactly as the i64 does in Rust.
    return indicator.options.find((o) => 'min' in o && BigInt(o.min) <= n && n <= BigInt(o.max));
  }
  return indicator.options.find((o) => 'value' in o && o.value === normalized);
}

/** Rounds to one decimal as Rust's `(x * 10.0).round() / 10.0`: halves away from zero. */
export function round1(x: number): number {
  const r = x * 10;
  // Math.round takes halves up (-2.5 → -2); rounding the magnitude gives f64::round.
  return (Math.sign(r) * Math.round(Math.abs(r))) / 10;
}

/** The tier for the domain scores (docs/instruments.md); a critical harm always means harmed. */
export function tierFor(rules: TierRules, scores: Partial<Record<Domain, number>>, criticalHarm: boolean): Tier {
  let lowest = Infinity;
  for (const s of Object.values(scores)) if (s !== undefined && s < lowest) lowest = s;
  if (criticalHarm || lowest < rules.harmed_below) return 'harmed';
  if (lowest < rules.at_risk_below) return 'at_risk';
  return 'stable';
}

/** The instrument's indicators of one domain, in order. */
export function indicatorsFor(instrument: Instrument, domain: Domain): Indicator[] {
  return instrument.indicators.filter((i) => i.domain === domain);
}

// Own properties only: an id such as "constructor" must not find Object.prototype's.
function own(record: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Who is asked an indicator (null: the family) and their answer, if any. */
function asked(indicator: Indicator, answers: AnswerSet): [string | null, string | undefined][] {
  if (indicator.subject.about === 'family') return [[null, own(answers.family, indicator.id)]];
  return answers.members
    .filter((m) => appliesToAge(indicator, m.age))
    .map((m): [string, string | undefined] => [m.member, own(m.answers, indicator.id)]);
}

// Rust's BTreeMap<String, _> iterates in UTF-8 byte order (= code point
// order); UTF-16 order differs only in placing surrogates below U+E000–U+FFFF.
function codePointOrder(a: string, b: string): number {
  const key = (c: number) => (c < 0xd800 ? c : c <= 0xdfff ? c + 0x2000 : c - 0x800);
  for (let i = 0; i < a.length && i < b.length; i++) {
    const d = key(a.charCodeAt(i)) - key(b.charCodeAt(i));
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const sortedEntries = (record: Record<string, string>) =>
  Object.entries(record).sort(([a], [b]) => codePointOrder(a, b));

/** (indicator, member) pairs asked and how many have an answer; total − answered = `missing.length` of `score`. */
export function progress(instrument: Instrument, answers: AnswerSet): { answered: number; total: number } {
  let answered = 0;
  let total = 0;
  for (const indicator of instrument.indicators) {
    for (const [, answer] of asked(indicator, answers)) {
      total++;
      if (answer !== undefined) answered++;
    }
  }
  return { answered, total };
}

/**
 * Scores a set of answers as Rust's `Instrument::score` does. Unanswered
 * indicators are listed in `missing`; an answer the instrument does not
 * offer, or for an indicator it does not ask, is an error.
 */
export function score(instrument: Instrument, answers: AnswerSet): ScoreResult {
  const byId = new Map<string, Indicator>();
  for (const i of instrument.indicators) if (!byId.has(i.id)) byId.set(i.id, i);

  const errors: AnswerError[] = [];
  for (const [id, answer] of sortedEntries(answers.family)) {
    if (byId.get(id)?.subject.about !== 'family') errors.push({ indicator: id, member: null, answer });
  }
  for (const m of answers.members) {
    for (const [id, answer] of sortedEntries(m.answers)) {
      const indicator = byId.get(id);
      if (!indicator || !appliesToAge(indicator, m.age)) errors.push({ indicator: id, member: m.member, answer });
    }
  }

  const capacities: Finding[] = [];
  const harms: Finding[] = [];
  const missing: Missing[] = [];
  // Weighted sum and weight per domain, accumulated in indicator order as Rust does, for the same bits.
  const sums = new Map<Domain, { sum: number; weight: number }>();
  for (const indicator of instrument.indicators) {
    const chosen: [string | null, AnswerOption][] = [];
    for (const [member, answer] of asked(indicator, answers)) {
      if (answer === undefined) {
        missing.push({ indicator: indicator.id, member });
        continue;
      }
      const option = optionFor(indicator, answer);
      if (option) chosen.push([member, option]);
      else errors.push({ indicator: indicator.id, member, answer });
    }
    for (const [member, { mark }] of chosen) {
      if (!mark) continue;
      const finding = { indicator: indicator.id, member, name: mark.name };
      if (mark.kind === 'capacity') capacities.push({ ...finding, critical: false });
      else harms.push({ ...finding, critical: mark.critical });
    }
    if (chosen.length > 0) {
      // A member indicator counts with its worst answer: an average would hide one child out of school.
      const worst = Math.min(...chosen.map(([, o]) => o.score));
      const entry = sums.get(indicator.domain) ?? { sum: 0, weight: 0 };
      entry.sum += indicator.weight * worst;
      entry.weight += indicator.weight;
      sums.set(indicator.domain, entry);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const domain_scores: Partial<Record<Domain, number>> = {};
  for (const d of DOMAINS) {
    const entry = sums.get(d);
    if (entry) domain_scores[d] = round1(entry.sum / entry.weight);
  }
  const complete = DOMAINS.every((d) => domain_scores[d] !== undefined);
  const tier = complete ? tierFor(instrument.tiers, domain_scores, harms.some((h) => h.critical)) : null;
  const outcome: Outcome = { domain_scores, tier, capacities, harms, missing };
  return { ok: true, outcome };
}
