// An assessment instrument as the API sends it (the serde JSON of the Rust
// `hamyar_domain::instrument::Instrument`; see docs/instruments.md), and the
// answers and outcome of scoring one. Field names stay snake_case: these are
// the wire shapes, so the device can score and store without mapping.

export type Domain = 'social' | 'economic' | 'cultural';
/** In the order Rust's `AssessmentDomain::ALL` (and its BTreeMap) has them. */
export const DOMAINS: readonly Domain[] = ['social', 'economic', 'cultural'];

export type Tier = 'stable' | 'at_risk' | 'harmed';

/** Persian and English text. */
export interface Text {
  fa: string;
  en: string;
}

/** Any domain score below `harmed_below` → harmed; else below `at_risk_below` → at-risk. */
export interface TierRules {
  harmed_below: number;
  at_risk_below: number;
}

/** Whom an indicator asks about; member ages are inclusive, null or absent = no bound. */
export type Subject = { about: 'family' } | { about: 'member'; min_age?: number | null; max_age?: number | null };

export type AnswerKind = 'scale' | 'yes_no' | 'choice' | 'number';

/** A capacity or a harm an answer names; a critical harm forces the harmed tier. */
export type Mark = { kind: 'capacity'; name: Text } | { kind: 'harm'; name: Text; critical: boolean };

/** A value, or (number indicators) an inclusive range of whole numbers. */
export type OptionValue = { value: string } | { min: number; max: number };

export type AnswerOption = OptionValue & {
  /** 0 (worst) to 100 (best). */
  score: number;
  text: Text;
  mark: Mark | null;
};

export interface Indicator {
  id: string;
  domain: Domain;
  subject: Subject;
  weight: number;
  kind: AnswerKind;
  text: Text;
  options: AnswerOption[];
}

export interface Instrument {
  code: string;
  version: number;
  title: Text;
  tiers: TierRules;
  indicators: Indicator[];
}

/** A member's answers, with their age (to know which indicators apply); null = age unknown. */
export interface MemberAnswers {
  member: string;
  age: number | null;
  answers: Record<string, string>;
}

/** Everything answered in one assessment: indicator id → answer. */
export interface AnswerSet {
  family: Record<string, string>;
  members: MemberAnswers[];
}

/** A capacity or harm found, with the member it concerns (null: the family). */
export interface Finding {
  indicator: string;
  member: string | null;
  name: Text;
  critical: boolean;
}

/** An indicator still to answer. */
export interface Missing {
  indicator: string;
  member: string | null;
}

export interface Outcome {
  /** 0–100, one decimal; absent for a domain with nothing answered. */
  domain_scores: Partial<Record<Domain, number>>;
  /** Null until every domain has a score. */
  tier: Tier | null;
  capacities: Finding[];
  harms: Finding[];
  missing: Missing[];
}

/** An answer the instrument does not offer, or for an indicator it does not ask. */
export interface AnswerError {
  indicator: string;
  member: string | null;
  answer: string;
}

export type ScoreResult = { ok: true; outcome: Outcome } | { ok: false; errors: AnswerError[] };
