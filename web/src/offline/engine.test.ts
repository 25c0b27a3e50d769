import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { dbName, deleteDeviceDb, getMeta } from './db';
import { runSync } from './engine';
import { enqueue, pendingCount } from './outbox';
import { listProblems } from './problems';
import type { Conflict, PushRequest } from './protocol';
import { readFamilies, readFamily, readMembers } from './records';
import type { OpenedStore } from './store';
import { applied, context, errorBody, family, json, member, page, scripted, seed, testStore } from './testing';

let store: OpenedStore;

afterEach(async () => {
  if (store) await deleteDeviceDb(store.userId, store.db);
});

async function setUp() {
  store = await testStore();
  await seed(store, { families: [family('f1', 3), family('f2', 1)], members: [member('m1', 'f1', 2), member('m2', 'f2', 1)] });
}

function editMobile(n: number, id = 'm1', familyId = 'f1') {
  return enqueue(store, { entity: 'family_member', entity_id: id, family_id: familyId, op: 'update', fields: { mobile: `0912000000${n}` } });
}

const emptyPull = () => json(page({ cursor: 'c2' }));

describe('pushing the outbox', () => {
  it('sends in device_seq order with the protocol and device, and drops what was applied', async () => {
    await setUp();
    await editMobile(1);
    await editMobile(2, 'm2', 'f2');
    const server = scripted({ push: (req) => json({ results: req.mutations.map((m) => applied(m.id, 3)) }), pull: emptyPull });
    const r = await runSync(context(store, server.fetch));
    expect(r).toMatchObject({ state: 'ok', pushed: 2 });
    const body = server.calls.find((c) => c.url === '/api/v1/sync/push')!.body as PushRequest;
    expect(body.protocol).toBe(1);
    expect(body.device_id).toBe('dev-1');
    expect(body.mutations.map((m) => m.device_seq)).toEqual([1, 2]);
    expect(body.mutations[0]).toMatchObject({ entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'update', base_version: 2, fields: { mobile: '09120000001' } });
    expect(await pendingCount(store)).toBe(0);
    // The server's new version is the base now, with the edit in it.
    const [m] = await readMembers(store, 'f1');
    expect(m).toMatchObject({ version: 3, pending: false });
    expect(m!.value.mobile).toBe('09120000001');
  });

  it('drops a mutation answered `duplicate` (a repeat of one applied before)', async () => {
    await setUp();
    const mut = await editMobile(1);
    // The first answer is lost on the way back: nothing is dropped.
    let first = true;
    const server = scripted({
      push: (req) => {
        if (first) {
          first = false;
          throw new TypeError('Failed to fetch');
        }
        return json({ results: req.mutations.map((m) => applied(m.id, 3, { result: 'duplicate', original_result: 'applied' })) });
      },
      pull: emptyPull,
    });
    expect((await runSync(context(store, server.fetch))).state).toBe('offline');
    expect(await pendingCount(store)).toBe(1);
    const r = await runSync(context(store, server.fetch));
    expect(r.state).toBe('ok');
    expect(await pendingCount(store)).toBe(0);
    const pushes = server.calls.filter((c) => c.url === '/api/v1/sync/push').map((c) => (c.body as PushRequest).mutations[0]!.id);
    expect(pushes).toEqual([mut.id, mut.id]);
    expect((await readMembers(store, 'f1'))[0]!.value.mobile).toBe('09120000001');
  });

  it('keeps the mutations not answered when a later batch fails (200 at a time)', async () => {
    store = await testStore();
    const many = Array.from({ length: 250 }, (_, i) => member(`m${i}`, 'f1', 1));
    await seed(store, { families: [family('f1')], members: many });
    for (let i = 0; i < 250; i++) await editMobile(i % 10, `m${i}`);
    const server = scripted({
      push: (req, n) => {
        expect(req.mutations.length).toBeLessThanOrEqual(200);
        if (n === 0) return json({ results: req.mutations.map((m) => applied(m.id, 3 + n)) });
        throw new TypeError('Failed to fetch');
      },
      pull: emptyPull,
    });
    const r = await runSync(context(store, server.fetch));
    expect(r).toMatchObject({ state: 'offline', pushed: 200 });
    const left = await store.db.outbox.orderBy('device_seq').toArray();
    expect(left.map((m) => m.device_seq)).toEqual(Array.from({ length: 50 }, (_, i) => 201 + i));
    // No pull after a failed push.
    expect(server.calls.some((c) => c.url.startsWith('/api/v1/sync/pull'))).toBe(false);
  });

  it('keeps everything on a 500, and what a short answer leaves out', async () => {
    await setUp();
    const a = await editMobile(1);
    const b = await editMobile(2, 'm2', 'f2');
    const c = await enqueue(store, { entity: 'family', entity_id: 'f1', family_id: 'f1', op: 'update', fields: { address: 'کوچهٔ یاس' } });
    let call = 0;
    const server = scripted({
      push: (req) => {
        call++;
        if (call === 1) return errorBody(500, 'internal');
        // Only the first is answered.
        return json({ results: [applied(req.mutations[0]!.id, 3)] });
      },
      pull: emptyPull,
    });
    expect((await runSync(context(store, server.fetch))).state).toBe('failed');
    expect((await store.db.outbox.toArray()).map((m) => m.id)).toEqual([a.id, b.id, c.id]);
    expect((await runSync(context(store, server.fetch))).state).toBe('failed');
    expect((await store.db.outbox.orderBy('device_seq').toArray()).map((m) => m.id)).toEqual([b.id, c.id]);
  });

  it('keeps a cut answer as no answer', async () => {
    await setUp();
    await editMobile(1);
    const server = scripted({
      push: () => new Response('{"results":[{"id":', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    });
    expect((await runSync(context(store, server.fetch))).state).toBe('failed');
    expect(await pendingCount(store)).toBe(1);
  });

  it('keeps the outbox and says update_required on 426', async () => {
    await setUp();
    await editMobile(1);
    const server = scripted({ push: () => errorBody(426, 'protocol_unsupported') });
    const r = await runSync(context(store, server.fetch));
    expect(r.state).toBe('update_required');
    expect(r.error?.code).toBe('protocol_unsupported');
    expect(await pendingCount(store)).toBe(1);
  });

  it('wipes the store on 403 device_revoked', async () => {
    await setUp();
    await editMobile(1);
    const server = scripted({ push: () => errorBody(403, 'device_revoked') });
    const r = await runSync(context(store, server.fetch));
    expect(r.state).toBe('revoked');
    expect(await Dexie.exists(dbName(store.userId))).toBe(false);
  });

  it('keeps the outbox when the session is gone (401)', async () => {
    await setUp();
    await editMobile(1);
    const server = scripted({ push: () => errorBody(401, 'session_expired') });
    expect((await runSync(context(store, server.fetch))).state).toBe('signed_out');
    expect(await pendingCount(store)).toBe(1);
  });

  it('registers again when the server does not know the device (404), then goes on', async () => {
    await setUp();
    await editMobile(1);
    let registered = false;
    const server = scripted({
      push: (req) => (registered ? json({ results: req.mutations.map((m) => applied(m.id, 3)) }) : errorBody(404, 'not_found')),
      pull: emptyPull,
    });
    const ctx = { ...context(store, server.fetch), register: async () => void (registered = true) };
    expect((await runSync(ctx)).state).toBe('ok');
    expect(registered).toBe(true);
  });

  it('keeps a refusal and a conflict to show, and drops both mutations', async () => {
    await setUp();
    const refused = await enqueue(store, { entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'delete', fields: {} });
    const won = await editMobile(7, 'm2', 'f2');
    const conflict: Conflict = {
      id: 'k1',
      mutation_id: won.id,
      kind: 'field',
      entity: 'family_member',
      entity_id: 'm2',
      family_id: 'f2',
      field: 'mobile',
      winning_value: '09120000007',
      losing_value: '09129999999',
      winning_author: null,
      losing_author: null,
      device_time: won.device_time,
      created_at: '2025-03-01T10:00:00Z',
      resolved_at: null,
      resolved_by: null,
      resolution: null,
      version: 1,
    };
    const server = scripted({
      push: () =>
        json({
          results: [
            applied(refused.id, null, { result: 'rejected', reason: 'forbidden', message: 'حذف عضو کار مدیر مرکز است / Removing a member is the manager’s' }),
            applied(won.id, 5, { result: 'conflict', conflicts: [conflict] }),
          ],
        }),
      pull: emptyPull,
    });
    expect((await runSync(context(store, server.fetch))).state).toBe('ok');
    expect(await pendingCount(store)).toBe(0);
    const problems = await listProblems(store);
    expect(problems.map((p) => p.kind).sort()).toEqual(['conflict', 'refusal']);
    const refusal = problems.find((p) => p.kind === 'refusal')!;
    expect(refusal).toMatchObject({ family_id: 'f1', refusal: { reason: 'forbidden', mutation: { op: 'delete', entity_id: 'm1' } } });
    // The refused delete is undone on the device; the conflict's winner (ours) is the base.
    expect((await readMembers(store, 'f1')).map((m) => m.id)).toEqual(['m1']);
    expect((await readMembers(store, 'f2'))[0]).toMatchObject({ version: 5, value: { mobile: '09120000007' } });
  });

  it('sends a later edit of a record only after the earlier one is answered, on the version it produced', async () => {
    await setUp();
    const made = await enqueue(store, { entity: 'family_member', entity_id: 'm9', family_id: 'f1', op: 'create', fields: { first_name: 'سارا' } });
    const first = await editMobile(1);
    const fix = await enqueue(store, { entity: 'family_member', entity_id: 'm9', family_id: 'f1', op: 'update', fields: { last_name: 'کریمی' } });
    const second = await editMobile(2);
    expect([first.base_version, second.base_version, fix.base_version]).toEqual([2, 2, 0]);
    const pushes: PushRequest['mutations'][] = [];
    const versions: Record<string, number> = { m1: 2, m9: 0 };
    const server = scripted({
      push: (req) => {
        pushes.push(req.mutations);
        return json({ results: req.mutations.map((m) => applied(m.id, ++versions[m.entity_id]!)) });
      },
      pull: emptyPull,
    });
    expect((await runSync(context(store, server.fetch))).state).toBe('ok');
    // One mutation per record per push; each later edit rebased on the answer before it.
    expect(pushes.map((b) => b.map((m) => [m.id, m.base_version]))).toEqual([
      [
        [made.id, null],
        [first.id, 2],
      ],
      [
        [fix.id, 1],
        [second.id, 3],
      ],
    ]);
    const view = await readMembers(store, 'f1');
    expect(view.find((m) => m.id === 'm9')!.value).toMatchObject({ first_name: 'سارا', last_name: 'کریمی' });
    expect(view.find((m) => m.id === 'm1')).toMatchObject({ version: 4, value: { mobile: '09120000002' } });
  });

  it('keeps nothing of an edit whose record was deleted meanwhile but the conflict', async () => {
    await setUp();
    const edit = await editMobile(1);
    const conflict = {
      id: 'k2',
      mutation_id: edit.id,
      kind: 'edit_of_deleted' as const,
      entity: 'family_member' as const,
      entity_id: 'm1',
      family_id: 'f1',
      field: null,
      winning_value: null,
      losing_value: { mobile: '09120000001' },
      winning_author: null,
      losing_author: null,
      device_time: edit.device_time,
      created_at: '2025-03-01T10:00:00Z',
      resolved_at: null,
      resolved_by: null,
      resolution: null,
      version: 1,
    };
    const server = scripted({
      push: () => json({ results: [applied(edit.id, 7, { result: 'conflict', reason: 'edit_of_deleted', conflicts: [conflict] })] }),
      pull: () => json(page({ deleted: [{ entity: 'family_member', id: 'm1', family_id: 'f1' }] })),
    });
    expect((await runSync(context(store, server.fetch))).state).toBe('ok');
    expect(await readMembers(store, 'f1')).toEqual([]);
    expect((await listProblems(store)).map((p) => p.id)).toEqual(['k2']);
  });

  it('forgets a member made here and refused', async () => {
    await setUp();
    const made = await enqueue(store, { entity: 'family_member', entity_id: 'm9', family_id: 'f1', op: 'create', fields: { first_name: 'سارا' } });
    const server = scripted({ push: () => json({ results: [applied(made.id, null, { result: 'rejected', reason: 'validation' })] }), pull: emptyPull });
    await runSync(context(store, server.fetch));
    expect((await readMembers(store, 'f1', { includeDeleted: true })).map((m) => m.id)).toEqual(['m1']);
    expect(await store.db.records.get(['family_member', 'm9'])).toBeUndefined();
  });
});

describe('pulling', () => {
  it('pulls until `more` is false, saving each cursor, then the time of success', async () => {
    store = await testStore();
    const server = scripted({
      pull: (_url, n) =>
        json(
          [
            page({ cursor: 'p1', more: true, scope: { added: ['f1'], removed: [] }, families: [family('f1')], members: [member('m1', 'f1')] }),
            page({ cursor: 'p2', more: false, members: [member('m2', 'f1', 1, { relation: 'child', first_name: 'امید' })], lock_after_days: 21 }),
          ][n],
        ),
      instrument: (id) => json({ id, version: 1, instrument: { domains: [] } }),
    });
    const r = await runSync(context(store, server.fetch));
    expect(r).toMatchObject({ state: 'ok', pulled: 3 });
    const pulls = server.calls.filter((c) => c.url.startsWith('/api/v1/sync/pull')).map((c) => new URL(c.url, 'http://x').searchParams);
    expect(pulls.map((p) => p.get('cursor'))).toEqual(['', 'p1']);
    expect(pulls[0]!.get('device_id')).toBe('dev-1');
    expect(pulls[0]!.get('protocol')).toBe('1');
    expect(pulls[0]!.get('limit')).toBe('200');
    expect(await getMeta(store.db, 'cursor')).toBe('p2');
    expect(await getMeta(store.db, 'lock_after_days')).toBe(21);
    expect(await getMeta(store.db, 'last_sync_at')).toBe('2025-03-01T10:00:00.000Z');
    expect((await readMembers(store, 'f1')).map((m) => m.id)).toEqual(['m1', 'm2']);
    // The instrument came with the first sync, and is kept.
    expect(await getMeta(store.db, 'instrument_id')).toBe('i1');
    expect(await getMeta(store.db, 'instrument')).toMatchObject({ id: 'i1' });
  });

  it('saves the cursor of the pages taken when a later page fails', async () => {
    store = await testStore();
    const server = scripted({
      pull: (_url, n) => (n === 0 ? json(page({ cursor: 'p1', more: true, families: [family('f1')] })) : errorBody(502, 'internal')),
    });
    expect((await runSync(context(store, server.fetch))).state).toBe('failed');
    expect(await getMeta(store.db, 'cursor')).toBe('p1');
    expect(await getMeta(store.db, 'last_sync_at')).toBeUndefined();
  });

  it('ignores records older than the one held, and takes the same version again', async () => {
    await setUp();
    const server = scripted({
      pull: () =>
        json(
          page({
            families: [family('f1', 2, { neighborhood: 'کهنه' }), family('f2', 2, { neighborhood: 'تازه' })],
            members: [member('m1', 'f1', 2, { first_name: 'همان' }), member('m1', 'f1', 1, { first_name: 'کهنه‌تر' })],
          }),
        ),
    });
    await runSync(context(store, server.fetch));
    expect((await readFamily(store, 'f1'))!.value.neighborhood).toBe('گلستان');
    expect((await readFamily(store, 'f2'))!.value).toMatchObject({ neighborhood: 'تازه', version: 2 });
    // The same version, as the server has it now: the highest of the page.
    expect((await readMembers(store, 'f1'))[0]!.value.first_name).toBe('همان');
  });

  it("takes a family's new tier, which the server changes without a new version", async () => {
    await setUp();
    const server = scripted({ pull: () => json(page({ families: [family('f1', 3, { tier: 'stable' })] })) });
    await runSync(context(store, server.fetch));
    expect((await readFamily(store, 'f1'))!.value).toMatchObject({ tier: 'stable', version: 3 });
  });

  it("replaces the device's own folded copy with the server's copy of the same version", async () => {
    await setUp();
    const m = await enqueue(store, { entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'update', fields: { mobile: '۰۹۱۲۱۲۳۴۵۶۷' } });
    const server = scripted({
      push: () => json({ results: [applied(m.id, 3)] }),
      pull: () => json(page({ members: [member('m1', 'f1', 3, { mobile: '09121234567' })] })),
    });
    await runSync(context(store, server.fetch));
    expect((await readMembers(store, 'f1'))[0]!.value.mobile).toBe('09121234567');
  });

  it('keeps pending edits on top of a newer server version', async () => {
    await setUp();
    await editMobile(5);
    const server = scripted({
      push: () => errorBody(503, 'internal'),
      pull: () => json(page({ members: [member('m1', 'f1', 9, { education: 'لیسانس' })] })),
    });
    await runSync(context(store, server.fetch)); // the push fails: no pull
    const { applyPage } = await import('./pull');
    await applyPage(context(store, server.fetch), page({ members: [member('m1', 'f1', 9, { education: 'لیسانس' })] }));
    const [view] = await readMembers(store, 'f1');
    expect(view).toMatchObject({ version: 9, pending: true, value: { education: 'لیسانس', mobile: '09120000005' } });
  });

  it('deletes a family removed from scope only once its mutations are answered', async () => {
    await setUp();
    // An edit made while the sync runs: it is still in the outbox when the pull says f1 left the scope.
    let edit: Awaited<ReturnType<typeof editMobile>> | null = null;
    const server = scripted({
      push: (req) => json({ results: req.mutations.map((m) => applied(m.id, 3, { review: true })) }),
      pull: async () => {
        edit ??= await editMobile(4);
        return json(page({ scope: { added: [], removed: ['f1'] } }));
      },
    });
    expect((await runSync(context(store, server.fetch))).state).toBe('ok');
    // Still there: its edit waits for an answer, and no new edit may be made.
    expect((await readFamilies(store)).map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(await getMeta(store.db, 'pending_removals')).toEqual(['f1']);
    await expect(editMobile(8)).rejects.toMatchObject({ code: 'family_removed' });
    // The next sync pushes it; once answered, the family goes with all its records.
    expect((await runSync(context(store, server.fetch))).state).toBe('ok');
    expect((await readFamilies(store)).map((f) => f.id)).toEqual(['f2']);
    expect(await readMembers(store, 'f1')).toEqual([]);
    expect(await store.db.records.where('family_id').equals('f1').count()).toBe(0);
    expect(await getMeta(store.db, 'pending_removals')).toEqual([]);
  });

  it('deletes a removed family at once when nothing of it waits', async () => {
    await setUp();
    const server = scripted({ pull: () => json(page({ scope: { added: [], removed: ['f2'] }, deleted: [{ entity: 'family_member', id: 'm1', family_id: 'f1' }] })) });
    await runSync(context(store, server.fetch));
    expect((await readFamilies(store)).map((f) => f.id)).toEqual(['f1']);
    expect(await readMembers(store, 'f1')).toEqual([]);
  });

  it('fetches the instrument only when its id changes, and a refusal does not fail the sync', async () => {
    await setUp();
    let asked = 0;
    const server = scripted({
      pull: () => json(page({ instrument_id: 'i2' })),
      instrument: () => {
        asked++;
        return asked === 1 ? errorBody(404, 'not_found') : json({ id: 'i2' });
      },
    });
    expect((await runSync(context(store, server.fetch))).state).toBe('ok');
    expect(await getMeta(store.db, 'instrument_id')).toBeUndefined();
    await runSync(context(store, server.fetch));
    expect(await getMeta(store.db, 'instrument_id')).toBe('i2');
    await runSync(context(store, server.fetch));
    expect(asked).toBe(2);
  });
});
