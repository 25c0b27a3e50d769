import { afterEach, describe, expect, it } from 'vitest';
import type { CommissionChoice, DirectoryResource, Service } from '../api/types';
import { readAgenda, readAssistance, readCalendar } from './assistance';
import { deleteDeviceDb } from './db';
import { readDirectory } from './directory';
import { runSync } from './engine';
import { OfflineError } from './errors';
import { enqueue, pendingCount } from './outbox';
import type { PushRequest } from './protocol';
import { applyPage } from './pull';
import type { OpenedStore } from './store';
import {
  activity,
  applied,
  assistance,
  context,
  family,
  goal,
  json,
  member,
  page,
  referral,
  scripted,
  seed,
  service,
  testStore,
} from './testing';

let store: OpenedStore;

afterEach(async () => {
  if (store) await deleteDeviceDb(store.userId, store.db);
});

const at = new Date('2025-03-01T10:15:00Z');

async function setUp() {
  store = await testStore();
  await seed(store, {
    families: [family('f1', 3), family('f2', 1)],
    members: [member('m1', 'f1', 2)],
    assistance: [
      assistance('f1', {
        services: [service('s1', 'f1', { notes: 'دیدار در خانه', resource_id: 'r1' })],
        goals: [goal('g1', 'f1', 2)],
        activities: [activity('a1', 'f1', 4, { goal_id: 'g1' }), activity('a2', 'f1', 1, { due_on: '2025-02-20', title: 'پیگیری بیمه' })],
        referrals: [referral('ref1', 'f1', 1)],
        harms: [{ indicator: 'income', label: 'درآمد ناکافی', member_id: null }],
        resources: [{ id: 'r1', kind: 'counselor', name: 'مشاور محله', phone: '021', removed: false }],
        names: { 'u-helper': 'علی همیار' },
      }),
      assistance('f2', { activities: [activity('a3', 'f2', 1, { due_on: '2025-03-01', title: 'تماس تلفنی' })] }),
    ],
  });
}

const newService = (over: Partial<Service> = {}) => ({
  kind: 'counseling',
  domain: 'social',
  served_on: '2025-03-01',
  minutes: 45,
  member_ids: ['m1'],
  notes: 'گفت‌وگو دربارهٔ مدرسه',
  ...over,
});

describe('a family’s assistance on the device', () => {
  it('keeps what the pull sends, encrypted, and reads it back as the API shapes it', async () => {
    await setUp();
    const { assistance: a, pending, synced } = await readAssistance(store, 'f1');
    expect(synced).toBe(true);
    expect(pending.size).toBe(0);
    expect(a.services.map((s) => s.id)).toEqual(['s1']);
    expect(a.goals.map((g) => g.id)).toEqual(['g1']);
    // Soonest first.
    expect(a.activities.map((x) => x.id)).toEqual(['a2', 'a1']);
    expect(a.referrals[0]).toMatchObject({ id: 'ref1', status: 'sent', version: 1 });
    expect(a).toMatchObject({ family_id: 'f1', can_work: true, names: { 'u-helper': 'علی همیار' }, harms: [{ indicator: 'income' }] });
    expect(a.resources.map((r) => r.id)).toEqual(['r1']);
    // Rows per record, content encrypted.
    const rows = await store.db.records.where('family_id').equals('f1').toArray();
    expect(rows.map((r) => `${r.entity}:${r.id}`).sort()).toEqual(
      ['assessment', 'family:f1', 'family_assistance:f1', 'family_member:m1', 'plan_activity:a1', 'plan_activity:a2', 'plan_goal:g1', 'referral:ref1', 'service:s1']
        .filter((k) => k !== 'assessment')
        .sort(),
    );
    expect(rows.find((r) => r.id === 'a1')).toMatchObject({ version: 4, pending: 0 });
    const text = JSON.stringify(rows);
    expect(text).not.toContain('دیدار در خانه');
    expect(text).not.toContain('درآمد ناکافی');
    // Another family's records stay its own.
    expect((await readAssistance(store, 'f2')).assistance.activities.map((x) => x.id)).toEqual(['a3']);
  });

  it('is empty (and says so) for a family whose assistance never came', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1')] });
    const r = await readAssistance(store, 'f1');
    expect(r.synced).toBe(false);
    expect(r.assistance).toMatchObject({ family_id: 'f1', services: [], activities: [], can_work: true });
  });

  it('takes a family’s assistance whole: what the server no longer has goes, what waits to be sent stays', async () => {
    await setUp();
    await enqueue(store, { entity: 'plan_activity', entity_id: 'a2', family_id: 'f1', op: 'update', fields: { due_on: '2025-03-09' } }, at);
    await enqueue(store, { entity: 'service', entity_id: 's-new', family_id: 'f1', op: 'create', fields: newService() }, at);
    const ctx = context(store, async () => json({}));
    await applyPage(
      ctx,
      page({
        cursor: 'c2',
        families: [family('f1', 3)],
        assistance: [assistance('f1', { services: [service('s1', 'f1')], activities: [activity('a1', 'f1', 5, { status: 'cancelled' })] })],
      }),
    );
    const { assistance: a } = await readAssistance(store, 'f1');
    // g1 and ref1 are gone there; a2 (edited here) and the new service wait.
    expect(a.goals).toEqual([]);
    expect(a.referrals).toEqual([]);
    expect(a.activities.map((x) => [x.id, x.status, x.due_on])).toEqual([
      ['a1', 'cancelled', '2025-03-05'],
      ['a2', 'planned', '2025-03-09'],
    ]);
    expect(a.services.map((s) => s.id).sort()).toEqual(['s-new', 's1']);
    // A page without the family's assistance leaves it alone.
    await applyPage(ctx, page({ cursor: 'c3', families: [family('f2', 2)], assistance: [assistance('f2')] }));
    expect((await readAssistance(store, 'f1')).assistance.activities).toHaveLength(2);
    expect((await readAssistance(store, 'f2')).assistance.activities).toEqual([]);
  });

  it('pulls everything again, once, on a store made before pulls carried assistance', async () => {
    store = await testStore();
    // Synced before: a cursor, and no assistance records.
    await applyPage(context(store, async () => json({})), page({ cursor: 'c5', families: [family('f1')] }));
    const cursors: (string | null)[] = [];
    const server = scripted({
      pull: (url) => {
        cursors.push(url.searchParams.get('cursor'));
        return json(page({ cursor: `c${6 + cursors.length}`, families: [family('f1')], assistance: [assistance('f1', { services: [service('s1', 'f1')] })] }));
      },
    });
    await runSync(context(store, server.fetch));
    await runSync(context(store, server.fetch));
    expect(cursors).toEqual(['', 'c7']);
    expect((await readAssistance(store, 'f1')).assistance.services.map((s) => s.id)).toEqual(['s1']);
  });

  it('removes a family’s assistance with the family, once its edits are answered', async () => {
    await setUp();
    await enqueue(store, { entity: 'service', entity_id: 's-new', family_id: 'f1', op: 'create', fields: newService() }, at);
    const server = scripted({
      push: () => new Response('{}', { status: 500 }),
      pull: () => json(page({ cursor: 'c2', scope: { added: [], removed: ['f1'] } })),
    });
    // The push fails: nothing is removed while the service waits.
    await runSync(context(store, server.fetch));
    expect(await store.db.records.where('family_id').equals('f1').count()).toBeGreaterThan(0);
    await applyPage(context(store, server.fetch), page({ cursor: 'c2', scope: { added: [], removed: ['f1'] } }));
    expect((await readAssistance(store, 'f1')).assistance.services.map((s) => s.id)).toContain('s-new');
    // Answered: the family goes with every record of its assistance.
    const ok = scripted({
      push: (req) => json({ results: req.mutations.map((m) => applied(m.id, 1)) }),
      pull: () => json(page({ cursor: 'c3', scope: { added: [], removed: ['f1'] } })),
    });
    expect((await runSync(context(store, ok.fetch))).state).toBe('ok');
    expect(await store.db.records.where('family_id').equals('f1').count()).toBe(0);
    expect(await store.db.records.where('family_id').equals('f2').count()).toBeGreaterThan(0);
  });
});

describe('assistance edits on the device', () => {
  it('queues a service (append-only create) and shows it at once, by the helper, pending', async () => {
    await setUp();
    const m = await enqueue(store, { entity: 'service', entity_id: 's-new', family_id: 'f1', op: 'create', fields: newService({ resource_id: 'r2' }) }, at);
    expect(m).toMatchObject({ entity: 'service', op: 'create', base_version: null, family_id: 'f1', fields: { kind: 'counseling', minutes: 45 } });
    const directory = {
      resources: [{ id: 'r2', kind: 'organization', name: 'کمیتهٔ امداد', phone: '123' } as DirectoryResource],
      commissions: [],
      fetched_at: '',
    };
    const { assistance: a, pending } = await readAssistance(store, 'f1', { author: { id: 'u-me', name: 'مریم همیار' }, directory });
    expect(pending).toEqual(new Set(['s-new']));
    const s = a.services.find((x) => x.id === 's-new')!;
    expect(s).toMatchObject({ family_id: 'f1', kind: 'counseling', served_on: '2025-03-01', minutes: 45, member_ids: ['m1'], author_id: 'u-me', amends: null, amend_reason: '' });
    // Newest first.
    expect(a.services.map((x) => x.id)).toEqual(['s-new', 's1']);
    // The names the server would have sent with it.
    expect(a.names['u-me']).toBe('مریم همیار');
    expect(a.resources.find((r) => r.id === 'r2')).toMatchObject({ name: 'کمیتهٔ امداد', removed: false });
    // Services are never edited: only corrected by another one.
    await expect(enqueue(store, { entity: 'service', entity_id: 's1', family_id: 'f1', op: 'update', fields: { minutes: 10 } })).rejects.toBeInstanceOf(OfflineError);
  });

  it('shows a correction over what it corrects', async () => {
    await setUp();
    await enqueue(store, {
      entity: 'service',
      entity_id: 's-fix',
      family_id: 'f1',
      op: 'create',
      fields: newService({ minutes: 60, amends: 's1', amend_reason: 'مدت اشتباه بود' }),
    });
    const { assistance: a } = await readAssistance(store, 'f1');
    expect(a.services.find((s) => s.id === 's1')!.amended_by).toBe('s-fix');
    expect(a.services.find((s) => s.id === 's-fix')).toMatchObject({ amends: 's1', amend_reason: 'مدت اشتباه بود', minutes: 60 });
  });

  it('queues goals: made here, and edited with only what changed (null clears)', async () => {
    await setUp();
    const made = await enqueue(store, {
      entity: 'plan_goal',
      entity_id: 'g-new',
      family_id: 'f1',
      op: 'create',
      fields: { domain: 'economic', title: 'شغل برای مادر', harm_indicator: 'income', member_id: 'm1' },
    });
    expect(made.base_version).toBeNull();
    const edit = await enqueue(store, { entity: 'plan_goal', entity_id: 'g1', family_id: 'f1', op: 'update', fields: { status: 'achieved', member_id: null } });
    expect(edit).toMatchObject({ op: 'update', base_version: 2, fields: { status: 'achieved', member_id: null } });
    const { assistance: a, pending } = await readAssistance(store, 'f1');
    expect(pending).toEqual(new Set(['g-new', 'g1']));
    expect(a.goals.find((g) => g.id === 'g-new')).toMatchObject({
      status: 'open',
      title: 'شغل برای مادر',
      member_id: 'm1',
      version: 0,
      // The label is the assessment's.
      harm: { indicator: 'income', label: 'درآمد ناکافی', member_id: null },
    });
    expect(a.goals.find((g) => g.id === 'g-new')).not.toHaveProperty('harm_indicator');
    expect(a.goals.find((g) => g.id === 'g1')).toMatchObject({ status: 'achieved', member_id: null, title: 'کار برای پدر', version: 2 });
  });

  it('queues activities: made, rescheduled, marked missed', async () => {
    await setUp();
    await enqueue(store, {
      entity: 'plan_activity',
      entity_id: 'a-new',
      family_id: 'f1',
      op: 'create',
      fields: { goal_id: 'g1', kind: 'connection', domain: 'economic', title: 'معرفی به کارگاه', due_on: '2025-03-10', responsible: 'helper' },
    });
    const moved = await enqueue(store, { entity: 'plan_activity', entity_id: 'a1', family_id: 'f1', op: 'update', fields: { due_on: '2025-03-12' } });
    expect(moved).toMatchObject({ base_version: 4, fields: { due_on: '2025-03-12' } });
    await enqueue(store, { entity: 'plan_activity', entity_id: 'a2', family_id: 'f1', op: 'update', fields: { status: 'missed', notes: 'خانه نبودند' } });
    const { assistance: a, pending } = await readAssistance(store, 'f1');
    expect(pending).toEqual(new Set(['a-new', 'a1', 'a2']));
    expect(a.activities.map((x) => [x.id, x.due_on, x.status])).toEqual([
      ['a2', '2025-02-20', 'missed'],
      ['a-new', '2025-03-10', 'planned'],
      ['a1', '2025-03-12', 'planned'],
    ]);
    expect(a.activities.find((x) => x.id === 'a-new')).toMatchObject({ goal_id: 'g1', kind: 'connection', title: 'معرفی به کارگاه', service_id: null, version: 0 });
    expect(a.activities.find((x) => x.id === 'a2')!.notes).toBe('خانه نبودند');
  });

  it('completes an activity with its service in one step: done at once, the service shown with it', async () => {
    await setUp();
    const done = await enqueue(store, {
      entity: 'plan_activity',
      entity_id: 'a1',
      family_id: 'f1',
      op: 'complete',
      fields: { notes: 'انجام شد', service: { id: 's-done', ...newService({ minutes: 20 }) } },
    }, at);
    expect(done).toMatchObject({ entity: 'plan_activity', op: 'complete', base_version: 4, fields: { notes: 'انجام شد', service: { id: 's-done' } } });
    const { assistance: a, pending } = await readAssistance(store, 'f1', { author: { id: 'u-me', name: 'مریم' } });
    expect(pending).toEqual(new Set(['a1', 's-done']));
    expect(a.activities.find((x) => x.id === 'a1')).toMatchObject({ status: 'done', notes: 'انجام شد', service_id: 's-done' });
    expect(a.services.find((s) => s.id === 's-done')).toMatchObject({ activity_id: 'a1', minutes: 20, kind: 'counseling', author_id: 'u-me', family_id: 'f1' });

    // Sent: the server answers; the activity and its service stay as they are until the pull brings the server's copies.
    let sent: PushRequest | null = null;
    const server = scripted({
      push: (req) => {
        sent = req;
        return json({ results: req.mutations.map((m) => applied(m.id, 5)) });
      },
      pull: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect((await runSync(context(store, server.fetch))).state).toBe('offline');
    expect(sent!.mutations[0]).toMatchObject({ entity: 'plan_activity', op: 'complete', entity_id: 'a1', base_version: 4 });
    expect(await pendingCount(store)).toBe(0);
    const after = await readAssistance(store, 'f1');
    expect(after.pending.size).toBe(0);
    expect(after.assistance.activities.find((x) => x.id === 'a1')).toMatchObject({ status: 'done', service_id: 's-done', version: 5 });
    expect(after.assistance.services.find((s) => s.id === 's-done')).toMatchObject({ activity_id: 'a1', minutes: 20 });

    // The pull's copies replace what the device folded in.
    await applyPage(
      context(store, server.fetch),
      page({
        cursor: 'c9',
        families: [family('f1', 3)],
        assistance: [
          assistance('f1', {
            services: [service('s1', 'f1'), service('s-done', 'f1', { activity_id: 'a1', minutes: 20, author_id: 'u-me' })],
            activities: [activity('a1', 'f1', 5, { status: 'done', service_id: 's-done' })],
          }),
        ],
      }),
    );
    const pulled = await readAssistance(store, 'f1');
    expect(pulled.assistance.services.map((s) => s.id).sort()).toEqual(['s-done', 's1']);
    expect((await store.db.records.get(['service', 's-done']))!.folded).toBe(0);
  });

  it('sends an edit of an activity made here after its create, on the version the create got', async () => {
    await setUp();
    await enqueue(store, { entity: 'plan_activity', entity_id: 'a-new', family_id: 'f1', op: 'create', fields: { title: 'دیدار', kind: 'face_to_face', domain: 'social', due_on: '2025-03-03', responsible: 'helper' } });
    const complete = await enqueue(store, {
      entity: 'plan_activity',
      entity_id: 'a-new',
      family_id: 'f1',
      op: 'complete',
      fields: { service: { id: 's-x', ...newService() } },
    });
    // Made on the record as the phone holds it: not yet on the server.
    expect(complete.base_version).toBe(0);
    const pushes: PushRequest[] = [];
    const server = scripted({
      push: (req) => {
        pushes.push(req);
        return json({ results: req.mutations.map((m) => applied(m.id, m.op === 'create' ? 1 : 2)) });
      },
      pull: () => json(page({ cursor: 'c2' })),
    });
    expect((await runSync(context(store, server.fetch))).state).toBe('ok');
    expect(pushes.map((p) => p.mutations.map((m) => [m.op, m.base_version]))).toEqual([[['create', null]], [['complete', 1]]]);
  });

  it('queues referrals: made (to a resource or a commission) and answered', async () => {
    await setUp();
    await enqueue(store, {
      entity: 'referral',
      entity_id: 'ref-new',
      family_id: 'f1',
      op: 'create',
      fields: { commission_id: 'c-1', member_id: 'm1', reason: 'نیاز به وام', urgency: 'soon' },
    }, at);
    const answer = await enqueue(store, { entity: 'referral', entity_id: 'ref1', family_id: 'f1', op: 'update', fields: { status: 'accepted', feedback: 'نوبت داده شد' } }, at);
    expect(answer).toMatchObject({ base_version: 1, fields: { status: 'accepted', feedback: 'نوبت داده شد' } });
    const commissions: CommissionChoice[] = [{ id: 'c-1', domain: 'economic', headquarters: false, name: 'کمیسیون اقتصادی' }];
    const { assistance: a, pending } = await readAssistance(store, 'f1', {
      author: { id: 'u-me', name: 'مریم' },
      directory: { resources: [], commissions, fetched_at: '' },
    });
    expect(pending).toEqual(new Set(['ref-new', 'ref1']));
    expect(a.referrals.find((r) => r.id === 'ref-new')).toMatchObject({
      status: 'sent',
      urgency: 'soon',
      commission_id: 'c-1',
      resource_id: null,
      referred_by: 'u-me',
      referred_on: '2025-03-01',
    });
    expect(a.names['c-1']).toBe('کمیسیون اقتصادی');
    expect(a.referrals.find((r) => r.id === 'ref1')).toMatchObject({ status: 'accepted', feedback: 'نوبت داده شد', updated_at: '2025-03-01T10:15:00.000Z' });
  });

  it('refuses what protocol 1 does not take', async () => {
    await setUp();
    const code = (p: Promise<unknown>) => p.then(() => null, (e: OfflineError) => e.code);
    expect(await code(enqueue(store, { entity: 'plan_goal', entity_id: 'g1', family_id: 'f1', op: 'delete', fields: {} }))).toBe('invalid_mutation');
    expect(await code(enqueue(store, { entity: 'referral', entity_id: 'ref1', family_id: 'f1', op: 'complete', fields: {} }))).toBe('invalid_mutation');
    expect(await code(enqueue(store, { entity: 'plan_activity', entity_id: 'nope', family_id: 'f1', op: 'complete', fields: {} }))).toBe('not_held');
    // A record of another family.
    expect(await code(enqueue(store, { entity: 'plan_activity', entity_id: 'a3', family_id: 'f1', op: 'update', fields: {} }))).toBe('invalid_mutation');
    expect(await pendingCount(store)).toBe(0);
  });
});

describe('the helper’s agenda and calendar from the device', () => {
  it('lists today’s, overdue and the week’s planned activities of every family, edits made here included', async () => {
    await setUp();
    // a1 (03-05) rescheduled to yesterday; a2 (02-20) marked done here.
    await enqueue(store, { entity: 'plan_activity', entity_id: 'a1', family_id: 'f1', op: 'update', fields: { due_on: '2025-02-28' } });
    await enqueue(store, { entity: 'plan_activity', entity_id: 'a-new', family_id: 'f1', op: 'create', fields: { title: 'دیدار', kind: 'face_to_face', domain: 'social', due_on: '2025-03-04', responsible: 'helper' } });
    let agenda = await readAgenda(store, '2025-03-01');
    expect(agenda.today).toBe('2025-03-01');
    expect(agenda.overdue.map((x) => [x.id, x.family_name])).toEqual([
      ['a2', 'خانوادهٔ f1'],
      ['a1', 'خانوادهٔ f1'],
    ]);
    expect(agenda.due_today.map((x) => [x.id, x.family_name])).toEqual([['a3', 'خانوادهٔ f2']]);
    expect(agenda.upcoming.map((x) => x.id)).toEqual(['a-new']);
    expect(agenda.waiting_referrals).toEqual([]);
    // Which of them wait to be sent.
    expect([...agenda.pending].sort()).toEqual(['a-new', 'a1']);
    expect(agenda.overdue[0]).not.toHaveProperty('pending');
    await enqueue(store, { entity: 'plan_activity', entity_id: 'a2', family_id: 'f1', op: 'complete', fields: {} });
    agenda = await readAgenda(store, '2025-03-01');
    expect(agenda.overdue.map((x) => x.id)).toEqual(['a1']);
    const month = await readCalendar(store, '2025-02-20', '2025-03-20');
    expect(month.items.map((x) => [x.id, x.status])).toEqual([
      ['a2', 'done'],
      ['a1', 'planned'],
      ['a3', 'planned'],
      ['a-new', 'planned'],
    ]);
  });

  it('lists the families’ commission tasks past due', async () => {
    store = await testStore();
    const task = {
      id: 't1',
      family_id: 'f1',
      commission_id: 'c1',
      decision_id: 'd1',
      meeting_id: 'mt1',
      referral_id: 'ref1',
      assignee_id: null,
      assignee_kind: 'helper' as const,
      done_by: null,
      done_note: '',
      done_on: null,
      due_on: '2025-02-25',
      overdue: false,
      status: 'open' as const,
      title: 'پیگیری وام',
      version: 1,
    };
    await seed(store, { families: [family('f1')], assistance: [assistance('f1', { tasks: [task, { ...task, id: 't2', due_on: '2025-03-09' }] })] });
    const agenda = await readAgenda(store, '2025-03-01');
    expect(agenda.overdue_tasks.map((t) => [t.id, t.overdue, t.family_name])).toEqual([['t1', true, 'خانوادهٔ f1']]);
  });
});

describe('the directory for the pickers', () => {
  const resources = [{ id: 'r1', name: 'مشاور محله', kind: 'counselor', phone: '0912' }];
  const commissions = [{ id: 'c1', name: 'کمیسیون اجتماعی', domain: 'social', headquarters: false }];

  it('is fetched with each sync and kept encrypted; a failed fetch keeps the last copy', async () => {
    store = await testStore();
    await seed(store, { families: [family('f1')] });
    const server = scripted({
      pull: () => json(page({ cursor: 'c2' })),
      resources: () => json({ items: resources }),
      referable: () => json({ items: commissions }),
    });
    expect((await runSync(context(store, server.fetch))).state).toBe('ok');
    const d = await readDirectory(store);
    expect(d).toMatchObject({ resources, commissions, fetched_at: '2025-03-01T10:00:00.000Z' });
    expect(JSON.stringify(await store.db.meta.toArray())).not.toContain('مشاور محله');
    // The lists fail (an older server, a refusal): the sync does not, and the copy stays.
    const older = scripted({ pull: () => json(page({ cursor: 'c3' })) });
    expect((await runSync(context(store, older.fetch))).state).toBe('ok');
    expect(await readDirectory(store)).toMatchObject({ resources, commissions });
    // One list fails: the other is refreshed.
    const half = scripted({ pull: () => json(page({ cursor: 'c4' })), referable: () => json({ items: [] }) });
    await runSync(context(store, half.fetch, () => new Date('2025-03-02T10:00:00Z')));
    expect(await readDirectory(store)).toMatchObject({ resources, commissions: [], fetched_at: '2025-03-02T10:00:00.000Z' });
  });
});
