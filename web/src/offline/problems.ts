// Conflicts and refusals the server reported for this device's edits. The
// mutation itself leaves the outbox when answered; what went wrong stays
// here, encrypted, until the helper has seen it (an edit is never lost silently).
import { decryptJson, encryptJson } from './crypto';
import type { DeviceDb, ProblemRow } from './db';
import type { Conflict, Mutation, SyncEntity } from './protocol';
import type { OpenStore } from './records';

/** A refused mutation: what it tried, and why the server said no. */
export interface Refusal {
  mutation: Mutation;
  /** An error code (`forbidden`, `validation`, `assessment_final`, …); null when the server gave none. */
  reason: string | null;
  /** "fa / en" from the server. */
  message: string | null;
}

interface Common {
  id: string;
  family_id: string;
  entity: SyncEntity;
  entity_id: string;
  received_at: string;
}

export type Problem = (Common & { kind: 'conflict'; conflict: Conflict }) | (Common & { kind: 'refusal'; refusal: Refusal });

export async function conflictRow(key: CryptoKey, c: Conflict, at: string): Promise<ProblemRow> {
  return {
    id: c.id,
    kind: 'conflict',
    family_id: c.family_id,
    entity: c.entity,
    entity_id: c.entity_id,
    received_at: at,
    content: await encryptJson(key, c),
  };
}

export async function refusalRow(key: CryptoKey, r: Refusal, at: string): Promise<ProblemRow> {
  const m = r.mutation;
  return {
    id: m.id,
    kind: 'refusal',
    family_id: m.family_id,
    entity: m.entity,
    entity_id: m.entity_id,
    received_at: at,
    content: await encryptJson(key, r),
  };
}

/** Every problem, newest first. */
export async function listProblems(store: OpenStore, familyId?: string): Promise<Problem[]> {
  const rows = familyId ? await store.db.problems.where('family_id').equals(familyId).toArray() : await store.db.problems.toArray();
  rows.sort((a, b) => b.received_at.localeCompare(a.received_at) || b.id.localeCompare(a.id));
  const out: Problem[] = [];
  for (const row of rows) {
    const common: Common = { id: row.id, family_id: row.family_id, entity: row.entity, entity_id: row.entity_id, received_at: row.received_at };
    if (row.kind === 'conflict') out.push({ ...common, kind: 'conflict', conflict: await decryptJson<Conflict>(store.key, row.content) });
    else out.push({ ...common, kind: 'refusal', refusal: await decryptJson<Refusal>(store.key, row.content) });
  }
  return out;
}

/** Counts by kind. Needs no key: works while locked. */
export async function problemCounts(db: DeviceDb): Promise<{ conflicts: number; refusals: number }> {
  const [conflicts, refusals] = await Promise.all([
    db.problems.where('kind').equals('conflict').count(),
    db.problems.where('kind').equals('refusal').count(),
  ]);
  return { conflicts, refusals };
}

/** The helper has seen it: drop it from the device (the server keeps its own record). */
export async function dismissProblem(db: DeviceDb, id: string): Promise<void> {
  await db.problems.delete(id);
}
