import { afterEach, describe, expect, it } from 'vitest';
import { deleteDeviceDb } from './db';
import { appendDraft, deleteDraft, draftFamilies, readDraft, writeDraft } from './drafts';
import { enqueue } from './outbox';
import { applyPage } from './pull';
import { readAssessments } from './records';
import type { OpenedStore } from './store';
import { context, family, json, member, page, seed, testStore } from './testing';

let store: OpenedStore;

afterEach(async () => {
  if (store) await deleteDeviceDb(store.userId, store.db);
});

const answers = { family: { 'social.cohesion': '3' }, members: { m1: { 'social.schooling': '2' } } };

describe('assessment drafts on the device', () => {
  it('keeps the answers encrypted and gives them back', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1')], members: [member('m1', 'f1')] });
    const saved = await writeDraft(store, { id: 'a-new', family_id: 'f1', kind: 'follow_up', assessed_on: '2025-03-01', answers }, new Date('2025-03-01T10:00:00Z'));
    expect(saved.updated_at).toBe('2025-03-01T10:00:00.000Z');

    const row = await store.db.drafts.get('f1');
    expect(row?.id).toBe('a-new');
    // Nothing about the family in the clear.
    expect(JSON.stringify(row)).not.toContain('social.cohesion');
    expect(JSON.stringify(row)).not.toContain('follow_up');

    expect(await readDraft(store, 'f1')).toEqual({ id: 'a-new', family_id: 'f1', kind: 'follow_up', assessed_on: '2025-03-01', answers, updated_at: saved.updated_at });
    expect(await readDraft(store, 'f2')).toBeNull();
    expect(await draftFamilies(store.db)).toEqual(new Set(['f1']));
  });

  it('finalizes as one append mutation with kind, day and answers, and drops the draft', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1')], members: [member('m1', 'f1')] });
    const draft = await writeDraft(store, { id: 'a-new', family_id: 'f1', kind: 'baseline', assessed_on: '2025-03-01', answers });
    const m = await appendDraft(store, draft, (input) => enqueue(store, input));
    expect(m).toMatchObject({
      entity: 'assessment',
      entity_id: 'a-new',
      family_id: 'f1',
      op: 'append',
      base_version: null,
      fields: { kind: 'baseline', assessed_on: '2025-03-01', answers },
    });
    expect(await readDraft(store, 'f1')).toBeNull();
    // Shown at once: final, pending, with its answers.
    const [a] = await readAssessments(store, 'f1');
    expect(a).toMatchObject({ id: 'a-new', pending: true, value: { status: 'final', kind: 'baseline', assessed_on: '2025-03-01', answers } });

    // A finalize that reached the outbox but not the draft's removal: only the draft goes the second time.
    await writeDraft(store, draft);
    expect(await appendDraft(store, draft, (input) => enqueue(store, input))).toBeNull();
    expect(await store.db.outbox.count()).toBe(1);
    expect(await readDraft(store, 'f1')).toBeNull();
  });

  it('leaves a newer draft of the family alone when an older one is dropped', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1')] });
    await writeDraft(store, { id: 'a-2', family_id: 'f1', kind: 'baseline', assessed_on: '2025-03-01', answers });
    await deleteDraft(store.db, 'f1', 'a-1');
    expect((await readDraft(store, 'f1'))?.id).toBe('a-2');
    await deleteDraft(store.db, 'f1');
    expect(await readDraft(store, 'f1')).toBeNull();
  });

  it('goes with its family when the family leaves the device', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1'), family('f2')] });
    await writeDraft(store, { id: 'a-1', family_id: 'f1', kind: 'baseline', assessed_on: '2025-03-01', answers });
    await writeDraft(store, { id: 'a-2', family_id: 'f2', kind: 'baseline', assessed_on: '2025-03-01', answers });
    await applyPage(context(store, async () => json({})), page({ cursor: 'c2', scope: { added: [], removed: ['f1'] } }));
    expect(await readDraft(store, 'f1')).toBeNull();
    expect((await readDraft(store, 'f2'))?.id).toBe('a-2');
  });
});
