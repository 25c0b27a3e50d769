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
export type FamilySummary = S['FamilySummary'];
export type ErrorBody = S['ErrorBody'];
export type ErrorDetail = S['ErrorDetail'];
export type LoginRequest = S['LoginRequest'];
export type ChangePasswordRequest = S['ChangePasswordRequest'];
export type CreateCenterRequest = S['CreateCenterRequest'];
export type UpdateCenterRequest = S['UpdateCenterRequest'];
export type CreateUserRequest = S['CreateUserRequest'];
export type UpdateUserRequest = S['UpdateUserRequest'];
export type ResetPasswordRequest = S['ResetPasswordRequest'];

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
