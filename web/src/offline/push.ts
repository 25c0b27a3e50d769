// Pushing the outbox and acting on each answer (docs/sync.md, "Push").
// Only an answered mutation leaves the outbox: whatever the server did not
// answer (a cut connection, a 5xx, a short list of results) goes again next
// time, and its id makes a repeat harmless (`duplicate`).
import { ApiError } from '../api/errors';
import { decryptJson, encryptJson, type Encrypted } from './crypto';
import type { OutboxRow, ProblemRow } from './db';
import { outboxBatch, toWire } from './outbox';
import { conflictRow, refusalRow } from './problems';
import { PROTOCOL, PUSH_BATCH, type Mutation, type MutationFields, type MutationResult } from './protocol';
import { applyEdit, recordKey } from './records';
import { withRegistration, type SyncContext } from './context';
import { push } from './transport';

type Json = Record<string, unknown>;

/** Pushes the whole outbox in device_seq order, 200 at a time, counting answers in `progress` (kept when a later batch fails). */
export async function pushOutbox(ctx: SyncContext, progress: { pushed: number } = { pushed: 0 }): Promise<number> {
  for (;;) {
    const batch = await outboxBatch(ctx, PUSH_BATCH);
    if (batch.length === 0) return progress.pushed;
    const mutations: Mutation[] = [];
    for (const row of batch) mutations.push(toWire(row, await decryptJson<MutationFields>(ctx.key, row.fields)));
    // Once sent, a mutation is never changed: a retry must carry exactly what
    // the server may already have applied.
    await ctx.db.outbox.bulkUpdate(batch.map((r) => ({ key: r.id, changes: { state: 'sending' as const } })));
    const res = await withRegistration(ctx, () => push(ctx.fetch, { protocol: PROTOCOL, device_id: ctx.deviceId, mutations }));
    const n = await acknowledge(ctx, batch, mutations, Array.isArray(res?.results) ? res.results : []);
    progress.pushed += n;
    if (n < batch.length) {
      // Not a contract answer: keep the rest for the next try.
      throw new ApiError({ status: 200, code: 'unknown', message: `push answered ${n} of ${batch.length}` });
    }
  }
}

interface Touched {
  row: OutboxRow;
  content: Json | null;
  version: number;
  changed: boolean;
  remove: boolean;
}

/**
 * Drops the answered mutations and keeps what the answers say: the server's
 * new version as the record's base (with the mutation's fields folded in
 * until the pull brings the server's copy), a conflict or a refusal to show.
 */
export async function acknowledge(ctx: SyncContext, batch: OutboxRow[], mutations: Mutation[], results: MutationResult[]): Promise<number> {
  const { db, key } = ctx;
  const at = ctx.now().toISOString();
  const byId = new Map(results.map((r) => [r.id, r]));
  const touched = new Map<string, Touched>();
  const problems: ProblemRow[] = [];
  const answered: OutboxRow[] = [];
  /** Records an answer made beside the one it changed (the service of a completed activity). */
  const made: { id: string; family_id: string; content: Json }[] = [];
  /** Later edits of a record made on top of an answered one: their base becomes its new version. */
  const rebases: { row: OutboxRow; from: number; to: number }[] = [];

  for (const [i, row] of batch.entries()) {
    const r = byId.get(row.id);
    if (!r) continue;
    answered.push(row);
    const m = mutations[i]!;
    const outcome = r.result === 'duplicate' ? (r.original_result ?? 'applied') : r.result;
    if (outcome === 'rejected') {
      problems.push(await refusalRow(key, { mutation: m, reason: r.reason ?? null, message: r.message ?? null }, at));
      continue;
    }
    for (const c of r.conflicts ?? []) problems.push(await conflictRow(key, c, at));
    // An edit of a record deleted meanwhile was not written: nothing to keep of it here.
    if (r.reason === 'edit_of_deleted' || (r.conflicts ?? []).some((c) => c.kind === 'edit_of_deleted')) continue;
    // Applied, or a conflict the later write (this one) won: the server has
    // these values now.
    const k = recordKey(row.entity, row.entity_id);
    let t = touched.get(k);
    if (!t) {
      const held = await db.records.get([row.entity, row.entity_id]);
      t = {
        row,
        content: held?.content ? await decryptJson<Json>(key, held.content) : null,
        version: held?.version ?? 0,
        changed: false,
        remove: false,
      };
      touched.set(k, t);
    }
    if (row.op === 'delete') {
      t.remove = true;
    } else if (r.version !== null && r.version !== undefined) {
      t.content = applyEdit(row.entity, t.content, m).value;
      t.version = r.version;
      t.changed = true;
      // A record made here holds version 0 until its create is answered.
      // Later edits move onto the answered version only when nobody else
      // wrote in between (or for a create): otherwise they keep the version
      // they were made on, so the server still sees what they overwrite.
      const from = row.base_version ?? 0;
      if (from === 0 || r.version === from + 1) rebases.push({ row, from, to: r.version });
      // Completing an activity logged its service too: kept here until the
      // pull brings the server's copy, as the activity's own edit is.
      const service = row.op === 'complete' ? (m.fields.service as Json | null | undefined) : null;
      if (service && typeof service.id === 'string') {
        const edit = { op: 'create' as const, entity_id: service.id, family_id: row.family_id, fields: { ...service, activity_id: row.entity_id }, device_time: row.device_time };
        made.push({ id: service.id, family_id: row.family_id, content: applyEdit('service', null, edit).value! });
      }
    }
  }

  const sealed = new Map<string, Encrypted>();
  for (const [k, t] of touched) if (t.changed && !t.remove && t.content) sealed.set(k, await encryptJson(key, t.content));
  const madeSealed: { id: string; family_id: string; content: Encrypted }[] = [];
  for (const x of made) madeSealed.push({ ...x, content: await encryptJson(key, x.content) });

  await db.transaction('rw', db.outbox, db.records, db.problems, async () => {
    await db.outbox.bulkDelete(answered.map((r) => r.id));
    for (const { row, from, to } of rebases) {
      // Only mutations never sent: what the server may have seen is never changed.
      await db.outbox
        .where('[entity+entity_id]')
        .equals([row.entity, row.entity_id])
        .filter((later) => later.state === 'queued' && later.device_seq > row.device_seq && later.base_version === from)
        .modify({ base_version: to });
    }
    for (const [k, t] of touched) {
      const pk: [OutboxRow['entity'], string] = [t.row.entity, t.row.entity_id];
      if (t.remove) {
        await db.records.delete(pk);
        continue;
      }
      const content = sealed.get(k);
      if (content) await db.records.update(pk, { content, version: t.version, folded: 1 });
    }
    // Pending flags of every record an answer touched; a record made here
    // and refused has nothing left to show.
    const seen = new Set<string>();
    for (const row of answered) {
      const k = recordKey(row.entity, row.entity_id);
      if (seen.has(k)) continue;
      seen.add(k);
      const pk: [OutboxRow['entity'], string] = [row.entity, row.entity_id];
      const still = await db.outbox.where('[entity+entity_id]').equals(pk).count();
      const held = await db.records.get(pk);
      if (!held) continue;
      if (still === 0 && held.content === null) await db.records.delete(pk);
      else await db.records.update(pk, { pending: still > 0 ? 1 : 0 });
    }
    for (const x of madeSealed) {
      if (await db.records.get(['service', x.id])) continue;
      await db.records.add({ entity: 'service', id: x.id, family_id: x.family_id, version: 1, pending: 0, folded: 1, content: x.content });
    }
    await db.problems.bulkPut(problems);
  });
  return answered.length;
}
