import { afterEach, describe, expect, it } from 'vitest';
import { resetDeviceConfig, syncNow, wipeDevice } from '../../offline';
import { resetSyncStatus } from '../../offline/status';
import { activity, assistance, family, goal, member, referral } from '../../offline/testing';
import { attachHelper } from './fixtures';
import { loadOfflineAssistance, offlineAssistance } from './offlineAssistance';

afterEach(async () => {
  await wipeDevice();
  resetDeviceConfig();
  resetSyncStatus();
});

const serviceBody = { kind: 'face_to_face' as const, domain: 'social' as const, served_on: '2025-03-01', minutes: 30, notes: 'دیدار در خانه' };

describe('the offline assistance backend', () => {
  it('queues each write as its mutation, shows it at once, and sends it with the next sync', async () => {
    const device = await attachHelper({
      families: [family('f1', 2)],
      members: [member('m1', 'f1')],
      assistance: [
        assistance('f1', {
          goals: [goal('g1', 'f1', 2)],
          activities: [activity('a1', 'f1', 4)],
          referrals: [referral('ref1', 'f1', 1)],
        }),
      ],
    });
    await offlineAssistance.logService('f1', { id: 's-new', ...serviceBody, member_ids: ['m1'], resource_id: undefined });
    await offlineAssistance.createGoal('f1', { id: 'g-new', title: 'درآمد پایدار', domain: 'economic', harm_indicator: null });
    await offlineAssistance.updateGoal('f1', 'g1', 2, { status: 'achieved' });
    // Nothing changed: nothing queued.
    await offlineAssistance.updateGoal('f1', 'g1', 2, { title: undefined });
    await offlineAssistance.createActivity('f1', { id: 'a-new', title: 'معرفی به کارگاه', kind: 'connection', domain: 'economic', due_on: '2025-03-10', responsible: 'helper', goal_id: 'g-new' });
    await offlineAssistance.updateActivity('f1', 'a1', 4, { due_on: '2025-03-15' });
    await offlineAssistance.completeActivity('f1', 'a-new', 0, 'رفتند و ثبت‌نام کردند', { id: 's-done', ...serviceBody, kind: 'connection' });
    await offlineAssistance.createReferral('f1', { id: 'ref-new', resource_id: 'r1', reason: 'مشاورهٔ حقوقی', urgency: 'soon' });
    await offlineAssistance.answerReferral('f1', 'ref1', 1, 'withdrawn', null);

    const { source, synced } = await loadOfflineAssistance('f1');
    expect(synced).toBe(true);
    expect([...source.pending].sort()).toEqual(['a-new', 'a1', 'g-new', 'g1', 'ref-new', 'ref1', 's-done', 's-new']);
    const a = source.assistance;
    expect(a.services.map((s) => s.id).sort()).toEqual(['s-done', 's-new']);
    expect(a.services.find((s) => s.id === 's-done')).toMatchObject({ activity_id: 'a-new', kind: 'connection' });
    // Made here by the logged-in helper.
    expect(a.services.find((s) => s.id === 's-new')!.author_id).toBe(device.me.user.id);
    expect(a.names[device.me.user.id]).toBe('علی نجفی');
    expect(a.activities.find((x) => x.id === 'a-new')).toMatchObject({ status: 'done', service_id: 's-done', notes: 'رفتند و ثبت‌نام کردند' });
    expect(a.activities.find((x) => x.id === 'a1')).toMatchObject({ due_on: '2025-03-15', status: 'planned', version: 4 });
    expect(a.goals.find((g) => g.id === 'g1')!.status).toBe('achieved');
    expect(a.referrals.find((r) => r.id === 'ref1')!.status).toBe('withdrawn');
    expect(a.referrals.find((r) => r.id === 'ref-new')).toMatchObject({ status: 'sent', urgency: 'soon', resource_id: 'r1' });

    await syncNow();
    const sent = device.pushed().map((m) => ({ entity: m.entity, op: m.op, id: m.entity_id, base: m.base_version, fields: m.fields }));
    expect(sent).toEqual([
      { entity: 'service', op: 'create', id: 's-new', base: null, fields: { ...serviceBody, member_ids: ['m1'] } },
      { entity: 'plan_goal', op: 'create', id: 'g-new', base: null, fields: { title: 'درآمد پایدار', domain: 'economic', harm_indicator: null } },
      { entity: 'plan_goal', op: 'update', id: 'g1', base: 2, fields: { status: 'achieved' } },
      {
        entity: 'plan_activity',
        op: 'create',
        id: 'a-new',
        base: null,
        fields: { title: 'معرفی به کارگاه', kind: 'connection', domain: 'economic', due_on: '2025-03-10', responsible: 'helper', goal_id: 'g-new' },
      },
      { entity: 'plan_activity', op: 'update', id: 'a1', base: 4, fields: { due_on: '2025-03-15' } },
      // In the next push, after its create was answered (version 2 here): the service keeps its own id.
      {
        entity: 'plan_activity',
        op: 'complete',
        id: 'a-new',
        base: 2,
        fields: { notes: 'رفتند و ثبت‌نام کردند', service: { id: 's-done', ...serviceBody, kind: 'connection' } },
      },
      { entity: 'referral', op: 'create', id: 'ref-new', base: null, fields: { resource_id: 'r1', reason: 'مشاورهٔ حقوقی', urgency: 'soon' } },
      { entity: 'referral', op: 'update', id: 'ref1', base: 1, fields: { status: 'withdrawn' } },
    ]);
  });
});
