// The data layer: the only code screens use to read and change data.
//
// Screens call the async functions and hooks exported here and never fetch
// themselves. Today every function goes straight to the server (src/api).
// When helpers get offline work, the family sources (families.ts, and the
// assessment/service/calendar modules that will follow) will be swapped for a
// Dexie-backed local store with an outbox of idempotent writes (client-made
// UUIDs, server-issued sync cursors) — behind the same function signatures,
// so the screens do not change. Administrative data (centers, users) stays
// online-only.
export * from './session';
export * from './centers';
export * from './users';
export * from './families';
export * from './assessments';
export * from './registry';
export * from './instruments';
export * from './reports';
export * from './training';
export * from './myFamilies';
export * from './myFamiliesHome';
export * from './helpers';
export * from './sync';
export * from './devices';
export * from './resources';
export * from './referrals';
export * from './commissions';
export * from './programs';
export * from './useResource';
export type * from '../api/types';
