import { afterEach, describe, expect, it } from 'vitest';
import { deleteDeviceDb } from './db';
import { OfflineError } from './errors';
import { enqueue, pendingCount } from './outbox';
import { readAssessments, readFamily, readMembers } from './records';
import type { OpenedStore } from './store';
import { family, member, seed, testStore } from './testing';

let store: OpenedStore;

afterEach(async () => {
  if (store) await deleteDeviceDb(store.userId, store.db);
});

describe('enqueueing a mutation', () => {
  it('assigns increasing device_seq numbers, UUIDv7 ids and the device time', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1', 3)], members: [member('m1', 'f1', 2)] });
    const at = new Date('2025-03-01T10:15:00Z');
    const a = await enqueue(store, { entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'update', fields: { mobile: '09121234567' } }, at);
    const b = await enqueue(store, { entity: 'family', entity_id: 'f1', family_id: 'f1', op: 'update', fields: { neighborhood: 'نارمک' } }, at);
    const c = await enqueue(store, { entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'update', fields: { education: 'دیپلم' } }, at);
    expect([a.device_seq, b.device_seq, c.device_seq]).toEqual([1, 2, 3]);
    expect(a.id).toMatch(/^[0-9a-f-]{14}7/);
    expect(a.id < b.id && b.id < c.id).toBe(true);
    expect(a.device_time).toBe('2025-03-01T10:15:00.000Z');
    // The base is the version the device holds.
    expect(a.base_version).toBe(2);
    expect(b.base_version).toBe(3);
    expect(await pendingCount(store)).toBe(3);
  });

  it('gives concurrent edits distinct, gapless sequence numbers', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1')], members: [member('m1', 'f1')] });
    const all = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        enqueue(store, { entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'update', fields: { occupation: `کار ${i}` } }),
      ),
    );
    expect(all.map((m) => m.device_seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('shows an edit in the local view at once, over the server version', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1')], members: [member('m1', 'f1', 4, { mobile: '', education: 'ابتدایی' })] });
    await enqueue(store, { entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'update', fields: { mobile: '09121234567' } });
    const [m] = await readMembers(store, 'f1');
    expect(m!.value.mobile).toBe('09121234567');
    expect(m!.value.education).toBe('ابتدایی');
    expect(m!.pending).toBe(true);
    expect(m!.version).toBe(4);
  });

  it('makes a new member with version 0, pending', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1')] });
    const created = await enqueue(store, {
      entity: 'family_member',
      entity_id: 'm-new',
      family_id: 'f1',
      op: 'create',
      fields: { first_name: 'علی', last_name: 'رضایی', sex: 'male', relation: 'child' },
    });
    expect(created.base_version).toBeNull();
    const [m] = await readMembers(store, 'f1');
    expect(m).toMatchObject({ id: 'm-new', version: 0, pending: true, deleted: false });
    expect(m!.value).toMatchObject({ id: 'm-new', family_id: 'f1', first_name: 'علی', sex: 'male', relation: 'child', national_id: null });
  });

  it('hides a deleted member (a tombstone until the server answers)', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1')], members: [member('m1', 'f1'), member('m2', 'f1', 1, { relation: 'child' })] });
    const d = await enqueue(store, { entity: 'family_member', entity_id: 'm2', family_id: 'f1', op: 'delete', fields: { ignored: true } });
    expect(d.fields).toEqual({});
    expect((await readMembers(store, 'f1')).map((m) => m.id)).toEqual(['m1']);
    const all = await readMembers(store, 'f1', { includeDeleted: true });
    expect(all.find((m) => m.id === 'm2')).toMatchObject({ deleted: true, pending: true });
  });

  it('keeps an appended assessment as a final one, pending', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1')] });
    await enqueue(
      store,
      { entity: 'assessment', entity_id: 'a1', family_id: 'f1', op: 'append', fields: { kind: 'follow_up', answers: { family: { income: 'low' } } } },
      new Date('2025-03-02T08:00:00Z'),
    );
    const [a] = await readAssessments(store, 'f1');
    expect(a).toMatchObject({ id: 'a1', pending: true, version: 0 });
    expect(a!.value).toMatchObject({ status: 'final', kind: 'follow_up', assessed_on: '2025-03-02', answers: { family: { income: 'low' } } });
  });

  it('merges successive edits of one record in order', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1', 1, { phones: ['021'] })] });
    await enqueue(store, { entity: 'family', entity_id: 'f1', family_id: 'f1', op: 'update', fields: { phones: ['021', '0912'] } });
    await enqueue(store, { entity: 'family', entity_id: 'f1', family_id: 'f1', op: 'update', fields: { address: 'کوچهٔ یاس' } });
    const f = await readFamily(store, 'f1');
    expect(f!.value).toMatchObject({ phones: ['021', '0912'], address: 'کوچهٔ یاس', neighborhood: 'گلستان' });
  });

  it('refuses edits the protocol or the device cannot take', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1')], members: [member('m1', 'f1')] });
    const code = (p: Promise<unknown>) => p.then(() => null, (e: OfflineError) => e.code);
    expect(await code(enqueue(store, { entity: 'family', entity_id: 'f1', family_id: 'f1', op: 'delete', fields: {} }))).toBe('invalid_mutation');
    expect(await code(enqueue(store, { entity: 'family_member', entity_id: 'nope', family_id: 'f1', op: 'update', fields: {} }))).toBe('not_held');
    expect(await code(enqueue(store, { entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'create', fields: {} }))).toBe('exists');
    expect(await code(enqueue(store, { entity: 'family_member', entity_id: 'x', family_id: 'f9', op: 'create', fields: {} }))).toBe('not_held');
    // Nothing was queued, and no sequence number was used up.
    expect(await pendingCount(store)).toBe(0);
    const ok = await enqueue(store, { entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'update', fields: {} });
    expect(ok.device_seq).toBe(1);
  });

  it('keeps the personal content encrypted in IndexedDB', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1')], members: [member('m1', 'f1', 1, { first_name: 'مریم' })] });
    await enqueue(store, { entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'update', fields: { mobile: '09127654321' } });
    const row = await store.db.records.get(['family_member', 'm1']);
    const out = (await store.db.outbox.toArray())[0]!;
    const text = JSON.stringify([row, out]);
    expect(text).not.toContain('مریم');
    expect(text).not.toContain('09127654321');
    expect(row).toMatchObject({ entity: 'family_member', id: 'm1', family_id: 'f1', version: 1, pending: 1 });
  });
});
