// Pulling the server's changes (docs/sync.md, "Pull"): records newer than
// what the device holds, deletions, and the scope — families that left it
// are deleted with everything under them, but only once the outbox holds
// nothing of theirs (their edits must be answered first).
import type { InstrumentDocument } from '../api/types';
import { ApiError } from '../api/errors';
import { encryptJson, type Encrypted } from './crypto';
import { getMeta, setMeta, type DeviceDb, type RecordEntity, type RecordRow } from './db';
import { withRegistration, type SyncContext } from './context';
import { ASSISTANCE_ENTITIES, PROTOCOL, PULL_LIMIT, type PullResponse, type SyncAssistance } from './protocol';
import { fetchInstrument, pull } from './transport';

/** A guard against a server that says `more` forever. */
const MAX_PAGES = 10_000;

/** Pulls until `more` is false. Returns how many records were taken. */
export async function pullAll(ctx: SyncContext): Promise<number> {
  // A store made before pulls carried the families' assistance holds its
  // families without it, and the server sends a family again only when it
  // changes: such a store pulls everything again, once.
  if (!(await getMeta(ctx.db, 'assistance_pulled')) && ((await getMeta(ctx.db, 'cursor')) ?? '') !== '') {
    await setMeta(ctx.db, 'cursor', '');
  }
  let taken = 0;
  let instrumentId: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const cursor = (await getMeta(ctx.db, 'cursor')) ?? '';
    const res = await withRegistration(ctx, () =>
      pull(ctx.fetch, { device_id: ctx.deviceId, cursor, limit: PULL_LIMIT, protocol: PROTOCOL }),
    );
    taken += await applyPage(ctx, res);
    // From an empty cursor every family comes whole in the first page.
    if (page === 0) await setMeta(ctx.db, 'assistance_pulled', true);
    if (res.instrument_id) instrumentId = res.instrument_id;
    if (!res.more) break;
  }
  if (instrumentId) await keepInstrument(ctx, instrumentId);
  return taken;
}

interface Incoming {
  entity: RecordEntity;
  id: string;
  family_id: string;
  version: number;
  value: unknown;
}

function incomingOf(page: PullResponse): Incoming[] {
  const all: Incoming[] = [
    ...(page.families ?? []).map((f) => ({ entity: 'family' as const, id: f.id, family_id: f.id, version: f.version, value: f })),
    ...(page.members ?? []).map((m) => ({ entity: 'family_member' as const, id: m.id, family_id: m.family_id, version: m.version, value: m })),
    ...(page.assessments ?? []).map((a) => ({ entity: 'assessment' as const, id: a.id, family_id: a.family_id, version: a.version, value: a })),
    ...(page.assistance ?? []).flatMap(assistanceRecords),
  ];
  // A page may repeat a record: the highest version wins.
  const best = new Map<string, Incoming>();
  for (const r of all) {
    const k = `${r.entity}:${r.id}`;
    const b = best.get(k);
    if (!b || r.version > b.version) best.set(k, r);
  }
  return [...best.values()];
}

/**
 * A family's assistance as records: each service, goal, activity and
 * referral its own (they are edited one by one), and the rest — what the
 * device only reads — as one `family_assistance` record of the family.
 * Services are never edited (corrections are new services): version 1.
 */
function assistanceRecords(a: SyncAssistance): Incoming[] {
  const f = a.family_id;
  const { services, goals, activities, referrals, ...rest } = a;
  return [
    { entity: 'family_assistance', id: f, family_id: f, version: 1, value: rest },
    ...services.map((x) => ({ entity: 'service' as const, id: x.id, family_id: f, version: 1, value: x })),
    ...goals.map((x) => ({ entity: 'plan_goal' as const, id: x.id, family_id: f, version: x.version, value: x })),
    ...activities.map((x) => ({ entity: 'plan_activity' as const, id: x.id, family_id: f, version: x.version, value: x })),
    ...referrals.map((x) => ({ entity: 'referral' as const, id: x.id, family_id: f, version: x.version, value: x })),
  ];
}

/**
 * Newer than held, or the same version again. The same version is taken too:
 * what the server derives beside a record changes without a new version (a
 * family's tier, head and member count after an assessment or a member edit;
 * an assessment that stopped being the current one), and a record the device
 * only folded together itself is replaced by the server's copy. An older
 * version never replaces a newer one.
 */
function takes(held: RecordRow | undefined, version: number): boolean {
  return !held || version >= held.version;
}

/** Applies one page and saves its cursor, in one transaction. Returns how many records were taken. */
export async function applyPage(ctx: SyncContext, page: PullResponse): Promise<number> {
  const { db } = ctx;
  const incoming = incomingOf(page);
  // Encryption cannot run inside an IndexedDB transaction: seal what may be
  // taken first, then write and check again inside.
  const held = await db.records.bulkGet(incoming.map((r) => [r.entity, r.id] as [RecordEntity, string]));
  const sealed = new Map<Incoming, Encrypted>();
  for (const [i, r] of incoming.entries()) if (takes(held[i], r.version)) sealed.set(r, await encryptJson(ctx.key, r.value));

  return db.transaction('rw', [db.records, db.outbox, db.meta, db.drafts], async () => {
    let taken = 0;
    for (const [r, content] of sealed) {
      const now = await db.records.get([r.entity, r.id]);
      if (!takes(now, r.version)) continue;
      await db.records.put({
        entity: r.entity,
        id: r.id,
        family_id: r.family_id,
        version: r.version,
        pending: now?.pending ?? 0,
        folded: 0,
        content,
      });
      taken++;
    }
    // A family's assistance comes whole: what the device holds of it from
    // the server and the page no longer has is gone there (nothing waiting
    // to be sent is touched).
    for (const a of page.assistance ?? []) {
      const present = new Set(incoming.filter((r) => r.family_id === a.family_id).map((r) => `${r.entity}:${r.id}`));
      const stale = await db.records
        .where('family_id')
        .equals(a.family_id)
        .filter((row) => (ASSISTANCE_ENTITIES as readonly string[]).includes(row.entity) && row.pending === 0 && !present.has(`${row.entity}:${row.id}`))
        .toArray();
      for (const row of stale) {
        if ((await db.outbox.where('[entity+entity_id]').equals([row.entity, row.id]).count()) === 0) await db.records.delete([row.entity, row.id]);
      }
    }
    const removed = new Set(page.scope?.removed ?? []);
    for (const d of page.deleted ?? []) {
      if (d.entity === 'family') removed.add(d.id);
      else await db.records.delete([d.entity, d.id]);
    }
    let waiting = (await getMeta(db, 'pending_removals')) ?? [];
    const added = new Set(page.scope?.added ?? []);
    waiting = waiting.filter((f) => !added.has(f));
    for (const f of removed) if (!waiting.includes(f)) waiting.push(f);
    await setMeta(db, 'pending_removals', await removeSettled(db, waiting));
    await setMeta(db, 'cursor', page.cursor);
    if (typeof page.lock_after_days === 'number') await setMeta(db, 'lock_after_days', page.lock_after_days);
    return taken;
  });
}

/**
 * Deletes the families whose edits have all been answered, with any
 * assessment half-filled for them (it can no longer be sent); returns those
 * still waiting. Call inside a transaction over records, outbox and drafts.
 */
async function removeSettled(db: DeviceDb, families: string[]): Promise<string[]> {
  const still: string[] = [];
  for (const f of families) {
    if ((await db.outbox.where('family_id').equals(f).count()) > 0) still.push(f);
    else {
      await db.records.where('family_id').equals(f).delete();
      await db.drafts.delete(f);
    }
  }
  return still;
}

/** After a push: deletes the removed families nothing waits for any more. */
export async function settleRemovals(db: DeviceDb): Promise<void> {
  await db.transaction('rw', [db.records, db.outbox, db.meta, db.drafts], async () => {
    const waiting = (await getMeta(db, 'pending_removals')) ?? [];
    if (waiting.length === 0) return;
    await setMeta(db, 'pending_removals', await removeSettled(db, waiting));
  });
}

/**
 * Fetches the instrument when the server names another one. A refusal here
 * (not a network failure) keeps the old one and does not fail the sync:
 * it is tried again next time.
 */
async function keepInstrument(ctx: SyncContext, id: string): Promise<void> {
  if ((await getMeta(ctx.db, 'instrument_id')) === id) return;
  let doc: InstrumentDocument;
  try {
    doc = await fetchInstrument(ctx.fetch, id);
  } catch (e) {
    if (e instanceof ApiError && e.status >= 400 && e.status !== 401 && e.status !== 426 && e.code !== 'device_revoked') return;
    throw e;
  }
  await ctx.db.transaction('rw', ctx.db.meta, async () => {
    await setMeta(ctx.db, 'instrument', doc);
    await setMeta(ctx.db, 'instrument_id', id);
  });
}
