// Making edits on the device: each is a mutation in the outbox (until the
// server answers it) and shows in the record's local view at once.
import { encryptJson } from './crypto';
import { getMeta, type OutboxRow } from './db';
import { OfflineError } from './errors';
import type { Mutation, MutationFields, SyncEntity, SyncOp } from './protocol';
import type { OpenStore } from './records';
import { uuidv7 } from './uuidv7';

export interface MutationInput {
  entity: SyncEntity;
  entity_id: string;
  family_id: string;
  op: SyncOp;
  fields: MutationFields;
  /**
   * The version the edit was made on. Left out: the version the device holds
   * (for update/delete), null for create/append. A record made here and not
   * yet acknowledged holds version 0; an edit of it is sent only after the
   * create is answered, with the create's version as its base (push.ts).
   */
  base_version?: number | null;
}

/** The entity/op pairs of protocol 1 (docs/sync.md, "What each entity and op takes"). */
const ALLOWED: Record<SyncEntity, readonly SyncOp[]> = {
  family: ['update'],
  family_member: ['create', 'update', 'delete'],
  assessment: ['append'],
  // A family's assistance (issue 7): services are append-only (a correction
  // is another create, naming the one it amends); `complete` marks an
  // activity done and logs its service in one step.
  service: ['create'],
  plan_goal: ['create', 'update'],
  plan_activity: ['create', 'update', 'complete'],
  referral: ['create', 'update'],
};

/**
 * Adds a mutation to the outbox and applies it to the local record, in one
 * transaction: the next device_seq is taken atomically, and the record is
 * marked pending (made, for create and append).
 */
export async function enqueue(store: OpenStore, input: MutationInput, now: Date = new Date()): Promise<Mutation> {
  const { db } = store;
  if (!ALLOWED[input.entity].includes(input.op)) throw new OfflineError('invalid_mutation', `${input.entity} ${input.op}`);
  const makes = input.op === 'create' || input.op === 'append';
  const fields = input.op === 'delete' ? {} : input.fields;
  const encrypted = await encryptJson(store.key, fields);
  const id = uuidv7(now.getTime());
  const deviceTime = now.toISOString();

  return db.transaction('rw', db.meta, db.outbox, db.records, async () => {
    const removals = (await getMeta(db, 'pending_removals')) ?? [];
    if (removals.includes(input.family_id)) throw new OfflineError('family_removed', input.family_id);
    if (!(await db.records.get(['family', input.family_id]))) throw new OfflineError('not_held', `family ${input.family_id}`);
    const row = await db.records.get([input.entity, input.entity_id]);
    if (makes && row) throw new OfflineError('exists', `${input.entity} ${input.entity_id}`);
    if (!makes && !row) throw new OfflineError('not_held', `${input.entity} ${input.entity_id}`);
    if (row && row.family_id !== input.family_id) throw new OfflineError('invalid_mutation', 'family_id');

    const seq = (await getMeta(db, 'next_seq')) ?? 1;
    await db.meta.put({ key: 'next_seq', value: seq + 1 });
    const baseVersion = input.base_version !== undefined ? input.base_version : makes ? null : row!.version;
    const out: OutboxRow = {
      id,
      device_seq: seq,
      entity: input.entity,
      entity_id: input.entity_id,
      family_id: input.family_id,
      op: input.op,
      base_version: baseVersion,
      fields: encrypted,
      device_time: deviceTime,
      state: 'queued',
    };
    await db.outbox.add(out);
    if (row) await db.records.update([input.entity, input.entity_id], { pending: 1 });
    else
      await db.records.add({
        entity: input.entity,
        id: input.entity_id,
        family_id: input.family_id,
        version: 0,
        pending: 1,
        folded: 0,
        content: null,
      });
    return toWire(out, fields);
  });
}

/** The mutation as pushed: the outbox row with its fields decrypted. */
export function toWire(row: OutboxRow, fields: MutationFields): Mutation {
  return {
    id: row.id,
    device_seq: row.device_seq,
    entity: row.entity,
    entity_id: row.entity_id,
    family_id: row.family_id,
    op: row.op,
    base_version: row.base_version,
    fields,
    device_time: row.device_time,
  };
}

/** How many mutations wait for the server. Needs no key: works while locked. */
export function pendingCount(store: Pick<OpenStore, 'db'>): Promise<number> {
  return store.db.outbox.count();
}

/**
 * The next push: the outbox in device_seq order, at most `limit`, cut before
 * a second mutation of the same record. A later edit of a record is made on
 * top of the earlier one, so its base version is the one the earlier edit
 * produces — known only once the server has answered it (push.ts rebases it).
 */
export async function outboxBatch(store: Pick<OpenStore, 'db'>, limit: number): Promise<OutboxRow[]> {
  const rows = await store.db.outbox.orderBy('device_seq').limit(limit).toArray();
  const batch: OutboxRow[] = [];
  const records = new Set<string>();
  for (const row of rows) {
    const k = `${row.entity}:${row.entity_id}`;
    if (records.has(k)) break;
    records.add(k);
    batch.push(row);
  }
  return batch;
}
