// The directory's closed sets, in the order a person reads them. Each
// object names every value of the schema's enum (as types.ts does): a value
// added to the schema fails the type check here instead of going missing.
import type { Domain, ResourceKind, ResourceLevel } from '../../api/types';

export const RESOURCE_KINDS = Object.keys({
  organization: true,
  benefactor: true,
  employer: true,
  counselor: true,
  specialist: true,
  middle_circle: true,
} satisfies Record<ResourceKind, true>) as readonly ResourceKind[];

export const RESOURCE_LEVELS = Object.keys({ local: true, provincial: true, national: true } satisfies Record<ResourceLevel, true>) as readonly ResourceLevel[];

export const DOMAINS = Object.keys({ social: true, economic: true, cultural: true } satisfies Record<Domain, true>) as readonly Domain[];

export function isResourceKind(v: unknown): v is ResourceKind {
  return (RESOURCE_KINDS as readonly unknown[]).includes(v);
}

export function isDomain(v: unknown): v is Domain {
  return (DOMAINS as readonly unknown[]).includes(v);
}
