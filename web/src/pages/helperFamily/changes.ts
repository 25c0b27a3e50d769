// What a helper's edit sends (docs/sync.md: an update carries only the
// fields that changed — a field sent unchanged would overwrite someone
// else's newer value and count as a conflict), and what the device shows of
// an assessment the server has not scored yet.
import type { AssessmentKind, Family, Member, MemberInput, Tier } from '../../api/types';
import type { Instrument } from '../../assessment/instrument';
import { score } from '../../assessment/scoring';
import type { LocalAssessment, LocalRecord } from '../../offline';
import { answerSetOf, formAnswersOf, type MemberLike } from '../assessments/answers';

/** The family fields a helper may change (the server refuses the others). */
export const HOUSEHOLD_FIELDS = ['neighborhood', 'address', 'phones'] as const;

export interface HouseholdValues {
  neighborhood: string;
  address: string;
  phones: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

/** The household fields that differ from the family as the device shows it. */
export function householdChanges(family: Pick<Family, 'neighborhood' | 'address' | 'phones'>, next: HouseholdValues): Partial<HouseholdValues> {
  const out: Partial<HouseholdValues> = {};
  if (!same(family.neighborhood, next.neighborhood)) out.neighborhood = next.neighborhood;
  if (!same(family.address, next.address)) out.address = next.address;
  if (!same(family.phones ?? [], next.phones)) out.phones = next.phones;
  return out;
}

/** A member's value as a form sends it: no value and `""` are the same. */
function asSent(v: unknown): unknown {
  return v === null || v === undefined ? '' : v;
}

/** The member fields the form changed (the form sends every field; `""` clears one). */
export function memberChanges(member: Member, body: MemberInput): Partial<MemberInput> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'id' || v === undefined) continue;
    if (!same(asSent(member[k as keyof Member]), asSent(v))) out[k] = v;
  }
  return out as Partial<MemberInput>;
}

/** A member made on the device, as the form's fields make it (until the server has it). */
export function newMember(id: string, familyId: string, body: MemberInput, now: string): Member {
  return {
    id,
    family_id: familyId,
    first_name: body.first_name ?? '',
    last_name: body.last_name ?? '',
    father_name: body.father_name ?? '',
    national_id: body.national_id || null,
    birth_date: body.birth_date || null,
    sex: body.sex ?? 'female',
    relation: body.relation ?? 'other',
    marital_status: body.marital_status ?? 'unknown',
    education: body.education ?? '',
    occupation: body.occupation ?? '',
    health: body.health ?? '',
    disability: body.disability ?? '',
    insurance: body.insurance ?? '',
    mobile: body.mobile ?? '',
    extra: {},
    version: 0,
    created_at: now,
    updated_at: now,
  };
}

/** A new assessment's kind: baseline while the family has no final one, then follow-up. */
export function defaultKind(assessments: readonly LocalRecord<LocalAssessment>[]): AssessmentKind {
  return assessments.some((a) => a.value.status === 'final') ? 'follow_up' : 'baseline';
}

/**
 * The tier of an assessment on the device: the server's once it has scored
 * it; for one made here and not yet scored, the device's own scoring of its
 * answers (`device: true`).
 */
export function tierOf(
  a: LocalAssessment,
  instrument: Instrument | null,
  members: readonly MemberLike[],
): { tier: Tier | null; device: boolean } {
  if (a.tier !== undefined && a.tier !== null) return { tier: a.tier, device: false };
  if (a.status !== 'final' || !a.answers || !instrument || !a.assessed_on) return { tier: a.tier ?? null, device: false };
  const scored = score(instrument, answerSetOf(formAnswersOf(a.answers), members, a.assessed_on));
  return { tier: scored.ok ? scored.outcome.tier : null, device: true };
}
