// The one place that names generated schema types. If the server's OpenAPI
// document names a schema differently, only this file changes.
import type { components } from './schema';

type S = components['schemas'];

export type Role = S['Role'];
export type HostBody = S['HostBody'];
export type HqLevel = S['HqLevel'];
export type Permission = S['Permission'];
export type Headquarters = S['Headquarters'];
export type Center = S['Center'];
export type User = S['User'];
export type Me = S['Me'];
export type OrgRef = S['OrgRef'];
export type ErrorBody = S['ErrorBody'];
export type ErrorDetail = S['ErrorDetail'];
export type LoginRequest = S['LoginRequest'];
export type ChangePasswordRequest = S['ChangePasswordRequest'];
export type CreateCenterRequest = S['CreateCenterRequest'];
export type UpdateCenterRequest = S['UpdateCenterRequest'];
export type CreateUserRequest = S['CreateUserRequest'];
export type UpdateUserRequest = S['UpdateUserRequest'];
export type ResetPasswordRequest = S['ResetPasswordRequest'];

// Family registry (docs/api-contract.md, "Family registry (issue 3)").
export type Housing = S['Housing'];
export type FamilyStatus = S['FamilyStatus'];
export type Sex = S['Sex'];
export type Relation = S['Relation'];
export type MaritalStatus = S['MaritalStatus'];
/** Who reported the family, and their reference for it. */
export type FamilySource = S['FamilySource'];
export type Member = S['Member'];
export type Family = S['Family'];
export type FamilyDetail = S['FamilyDetail'];
export type FamilyPage = S['FamilyPage'];
export type AccessEntry = S['AccessEntry'];
export type UserRef = S['UserRef'];
/** A member as forms send it; on edit, fields left out keep their value and `""` clears one. */
export type MemberInput = S['MemberInput'];
export type UpdateMemberRequest = S['UpdateMemberRequest'];
export type CreateFamilyRequest = S['CreateFamilyRequest'];
export type UpdateFamilyRequest = S['UpdateFamilyRequest'];
export type ChangeHeadRequest = S['ChangeHeadRequest'];
export type MoveMemberRequest = S['MoveMemberRequest'];
/** What an import did (or, in a dry run, would do). */
export type ImportSummary = S['ImportSummary'];
/** One refused cell or row of an imported list; `column` is the column's code (`national_id`). */
export type ImportRowError = S['ImportRowError'];
export type FamilyRef = S['FamilyRef'];
export type DuplicateCandidate = S['DuplicateCandidate'];
/** People of one center who are probably one person. */
export type DuplicateGroup = S['DuplicateGroup'];
export type MergeRequest = S['MergeRequest'];
export type DismissRequest = S['DismissRequest'];

export type HistoryEntity = 'family' | 'family_member';
export type HistoryOp = 'create' | 'update' | 'delete' | 'move';
/**
 * One change to a family or a member. The schema gives `entity` and `op` as
 * plain strings (a newer server may add values) and each change's values as
 * objects, while they are any JSON value (text, date, list, null): typed
 * here as what they are.
 */
export type HistoryEntry = Omit<S['HistoryEntry'], 'changes'> & {
  changes: { [field: string]: { old: unknown; new: unknown } };
};

/**
 * Every value of a schema enum, in display order. The object must name each
 * value exactly once: a value added to (or dropped from) the schema fails the
 * type check here instead of going missing from a list.
 */
function valuesOf<T extends string>(all: Record<T, true>): readonly T[] {
  return Object.keys(all) as T[];
}

export const ROLES = valuesOf<Role>({
  hq_admin: true,
  center_manager: true,
  helper: true,
  specialist: true,
  commission_member: true,
  trainer: true,
});

export const HOST_BODIES = valuesOf<HostBody>({
  mosque: true,
  cultural_center: true,
  charity: true,
  volunteer_group: true,
  family_circle: true,
  other: true,
});

/** For values from outside the typed client (a select's string, the mock's request bodies). */
export function isHostBody(v: unknown): v is HostBody {
  return (HOST_BODIES as readonly unknown[]).includes(v);
}

/** Roles that belong to a center (every role but the headquarters admin). */
export function roleNeedsCenter(role: Role): boolean {
  return role !== 'hq_admin';
}

export const HOUSINGS = valuesOf<Housing>({ owned: true, rented: true, with_relatives: true, other: true, unknown: true });

export const FAMILY_STATUSES = valuesOf<FamilyStatus>({ active: true, moved_away: true, closed: true });

export const SEXES = valuesOf<Sex>({ female: true, male: true });

export const RELATIONS = valuesOf<Relation>({
  head: true,
  spouse: true,
  child: true,
  parent: true,
  sibling: true,
  grandchild: true,
  other: true,
});

export const MARITAL_STATUSES = valuesOf<MaritalStatus>({
  single: true,
  married: true,
  divorced: true,
  widowed: true,
  unknown: true,
});

/** For strings from outside the typed client: the URL's `?status=`, the mock's request bodies. */
export function isFamilyStatus(v: unknown): v is FamilyStatus {
  return (FAMILY_STATUSES as readonly unknown[]).includes(v);
}
