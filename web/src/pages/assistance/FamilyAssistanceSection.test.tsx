import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import { ApiError } from '../../api/errors';
import type { FamilyAssistance } from '../../api/types';
import { notify } from '../../lib/notify';
import { FamilyAssistanceSection } from './FamilyAssistanceSection';
import { FAMILY, activity, assistance, fakeBackend, members, service, sourceOf } from './fixtures';

vi.mock('../../lib/notify', () => ({ notify: vi.fn() }));

const A = fa.assistance;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const iso = (s: string) => `\u2068${s}\u2069`;

let backend: ReturnType<typeof fakeBackend>;
let changed: ReturnType<typeof vi.fn<() => void>>;

function renderSection(a: FamilyAssistance = assistance(), pending: string[] = []) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <FamilyAssistanceSection
          familyId={FAMILY}
          familyName="خانوادهٔ رضایی"
          members={members}
          source={sourceOf(a, pending)}
          backend={backend}
          onChanged={changed}
        />
      </MantineProvider>
    </I18nextProvider>,
  );
}

const section = () => screen.getByRole('region', { name: A.section });
const timeline = () => within(section()).getByRole('list', { name: A.timeline.list });
/** The form control a label names (a searchable select's label also names its list). */
const field = (dialog: HTMLElement, label: string) =>
  within(dialog)
    .getAllByLabelText(label, { exact: false })
    .find((el) => ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) as HTMLInputElement;
const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
  // Wednesday 22 Esfand 1403.
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-12T09:00:00') });
});

afterAll(() => {
  vi.useRealTimers();
});

beforeEach(() => {
  vi.mocked(notify).mockClear();
  backend = fakeBackend();
  changed = vi.fn<() => void>();
});

describe('FamilyAssistanceSection: the timeline', () => {
  it('puts services, activities, referrals, decisions and tasks on one line of time, newest first, in Persian', () => {
    renderSection();
    const items = within(timeline()).getAllByRole('listitem');
    // Planned (15 Esfand… no: 25 Esfand) first, then the past, newest first; a task's completion on its own day.
    expect(items.map((li) => li.getAttribute('data-type'))).toEqual(['activity', 'task', 'taskDone', 'service', 'decision', 'referral']);
    expect(within(items[0]!).getByText('۲۵ اسفند ۱۴۰۳')).toBeTruthy();
    expect(within(items[0]!).getByText('معرفی به کارگاه')).toBeTruthy();
    expect(within(items[0]!).getByText(A.activityStatus.planned)).toBeTruthy();
    // Today's line, between what is planned and what was done.
    expect(within(items[1]!).getByText(`امروز، ۲۲ اسفند ۱۴۰۳`)).toBeTruthy();
    expect(within(items[2]!).getByText(A.timeline.taskDone)).toBeTruthy();
    expect(within(items[2]!).getByText(`گزارش: ${iso('نامه فرستاده شد')}`)).toBeTruthy();
    expect(within(items[2]!).getByText(`ثبت: ${iso('احمد حسینی')}`)).toBeTruthy();
    expect(within(items[3]!).getByText('۴۵ دقیقه، اجتماعی، اعضا: \u2068مریم رضایی\u2069')).toBeTruthy();
    expect(within(items[3]!).getByText(`ثبت: ${iso('فاطمه کاظمی')}`)).toBeTruthy();
    expect(within(items[4]!).getByText('کمیسیون اجتماعی گلستان')).toBeTruthy();
    const ref = items[5]!;
    expect(within(ref).getByText(`به ${iso('کمیسیون اجتماعی گلستان')}`)).toBeTruthy();
    expect(within(ref).getByText(A.referralStatus.in_progress)).toBeTruthy();
    expect(within(ref).getByText(A.urgency.urgent)).toBeTruthy();
    expect(within(ref).getByText(`عضو: ${iso('مریم رضایی')}`)).toBeTruthy();
  });

  it('shows a corrected service as its correction, with the reason and the earlier version struck through', () => {
    const original = service({ id: 's1', minutes: 45, amended_by: 's2' });
    const correction = service({ id: 's2', minutes: 60, amends: 's1', amend_reason: 'مدت اشتباه بود', created_at: '2025-03-11T08:00:00Z' });
    renderSection(assistance({ services: [correction, original], activities: [], referrals: [], decisions: [], tasks: [] }));
    const items = within(timeline()).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(within(item).getByText(A.timeline.corrected)).toBeTruthy();
    expect(within(item).getByText(`دلیل اصلاح: ${iso('مدت اشتباه بود')}`)).toBeTruthy();
    expect(within(item).getByText(/^۶۰ دقیقه/)).toBeTruthy();
    const earlier = within(item).getByText(/^مشاوره، ۴۵ دقیقه/);
    expect(earlier.style.textDecoration || getComputedStyle(earlier).textDecoration).toContain('line-through');
    // Only the correction can be corrected again.
    expect(within(item).getAllByRole('button', { name: /^اصلاح خدمت/ })).toHaveLength(1);
  });

  it('filters by category and marks records not yet sent', () => {
    renderSection(assistance(), ['ref1']);
    const ref = within(timeline())
      .getAllByRole('listitem')
      .find((li) => li.getAttribute('data-type') === 'referral')!;
    expect(within(ref).getByText(fa.offlineFamily.pendingMark)).toBeTruthy();
    fireEvent.click(within(section()).getByRole('checkbox', { name: /^خدمت‌ها/ }));
    fireEvent.click(within(section()).getByRole('checkbox', { name: /^کمیسیون/ }));
    const types = within(timeline())
      .getAllByRole('listitem')
      .map((li) => li.getAttribute('data-type'));
    expect(types).toEqual(['activity', 'referral']);
  });

  it('is read only for someone who may not work on the family', () => {
    renderSection(assistance({ can_work: false }));
    expect(within(section()).getByText(A.readOnly)).toBeTruthy();
    expect(within(section()).queryByRole('button', { name: A.actions.logService })).toBeNull();
    expect(within(section()).queryByRole('button', { name: /^اصلاح/ })).toBeNull();
    expect(within(section()).queryByRole('button', { name: /^انجام شد/ })).toBeNull();
  });
});

describe('FamilyAssistanceSection: writing', () => {
  it('logs a service with a client-made id, ASCII minutes and the members served', async () => {
    renderSection();
    fireEvent.click(within(section()).getByRole('button', { name: A.actions.logService }));
    const dialog = await screen.findByRole('dialog', { name: 'ثبت خدمت برای \u2068خانوادهٔ رضایی\u2069' });
    fireEvent.click(within(dialog).getByRole('button', { name: A.service.submit }));
    // Nothing sent until kind, domain and minutes are given.
    expect(await within(dialog).findByText(A.service.minutesRange)).toBeTruthy();
    expect(within(dialog).getAllByText(fa.common.required)).toHaveLength(2);
    expect(backend.logService).not.toHaveBeenCalled();

    fireEvent.change(field(dialog, A.service.kind), { target: { value: 'face_to_face' } });
    fireEvent.change(field(dialog, A.service.domain), { target: { value: 'cultural' } });
    type(field(dialog, A.service.minutes), '۹۰۰');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'مریم رضایی' }));
    type(field(dialog, A.service.notes), ' گفت‌وگو با مادر ');
    type(field(dialog, A.service.follow_up_on), '1403/12/01');
    fireEvent.click(within(dialog).getByRole('button', { name: A.service.submit }));
    expect(await within(dialog).findByText(A.service.minutesRange)).toBeTruthy();
    expect(within(dialog).getByText(A.service.followUpBefore)).toBeTruthy();

    type(field(dialog, A.service.minutes), '۹۰');
    type(field(dialog, A.service.follow_up_on), '1404/01/20');
    fireEvent.click(within(dialog).getByRole('button', { name: A.service.submit }));
    await waitFor(() => expect(backend.logService).toHaveBeenCalledTimes(1));
    const [familyId, body] = backend.logService.mock.calls[0]!;
    expect(familyId).toBe(FAMILY);
    expect(body).toMatchObject({
      kind: 'face_to_face',
      domain: 'cultural',
      served_on: '2025-03-12',
      minutes: 90,
      member_ids: ['m2'],
      resource_id: null,
      notes: 'گفت‌وگو با مادر',
      follow_up_on: '2025-04-09',
    });
    expect(body.id).toMatch(UUID_V7);
    expect(body).not.toHaveProperty('amends');
    await waitFor(() => expect(changed).toHaveBeenCalled());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('refuses a service dated after today, and puts a refusal of the server beside its field', async () => {
    backend.logService.mockRejectedValueOnce(
      new ApiError({ status: 422, code: 'validation', field: 'minutes', reason: 'range', message: 'minutes: مدت باید از ۱ دقیقه تا ۱۲ ساعت باشد / The duration must be 1 minute to 12 hours' }),
    );
    renderSection();
    fireEvent.click(within(section()).getByRole('button', { name: A.actions.logService }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(field(dialog, A.service.kind), { target: { value: 'counseling' } });
    fireEvent.change(field(dialog, A.service.domain), { target: { value: 'social' } });
    type(field(dialog, A.service.minutes), '30');
    type(field(dialog, A.service.served_on), '1403/12/25');
    fireEvent.click(within(dialog).getByRole('button', { name: A.service.submit }));
    expect(await within(dialog).findByText(A.service.inFuture)).toBeTruthy();
    expect(backend.logService).not.toHaveBeenCalled();

    type(field(dialog, A.service.served_on), '1403/12/20');
    fireEvent.click(within(dialog).getByRole('button', { name: A.service.submit }));
    expect(await within(dialog).findByText('مدت باید از ۱ دقیقه تا ۱۲ ساعت باشد')).toBeTruthy();
    expect(backend.logService.mock.calls[0]![1]).toMatchObject({ served_on: '2025-03-10' });
    expect(changed).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('corrects a service: its fields prefilled, a reason required, sent as an amendment', async () => {
    renderSection();
    fireEvent.click(within(section()).getByRole('button', { name: 'اصلاح خدمت ۲۰ اسفند ۱۴۰۳' }));
    const dialog = await screen.findByRole('dialog');
    expect(field(dialog, A.service.kind).value).toBe('counseling');
    expect(field(dialog, A.service.minutes).value).toBe('۴۵');
    expect((within(dialog).getByRole('checkbox', { name: 'مریم رضایی' }) as HTMLInputElement).checked).toBe(true);
    type(field(dialog, A.service.minutes), '60');
    fireEvent.click(within(dialog).getByRole('button', { name: A.service.submitAmend }));
    expect(await within(dialog).findByText(A.service.amendReasonRequired)).toBeTruthy();
    expect(backend.logService).not.toHaveBeenCalled();
    type(field(dialog, A.service.amend_reason), 'مدت اشتباه ثبت شده بود');
    fireEvent.click(within(dialog).getByRole('button', { name: A.service.submitAmend }));
    await waitFor(() => expect(backend.logService).toHaveBeenCalledTimes(1));
    const body = backend.logService.mock.calls[0]![1];
    expect(body).toMatchObject({ amends: 's1', amend_reason: 'مدت اشتباه ثبت شده بود', minutes: 60, served_on: '2025-03-10', kind: 'counseling', member_ids: ['m2'] });
    expect(body.id).not.toBe('s1');
  });

  it('completes an activity and logs its service in one step, prefilled from the activity', async () => {
    renderSection();
    fireEvent.click(within(timeline()).getByRole('button', { name: 'انجام شد: معرفی به کارگاه' }));
    const dialog = await screen.findByRole('dialog');
    expect(field(dialog, A.service.kind).value).toBe('connection');
    expect(field(dialog, A.service.domain).value).toBe('economic');
    expect((within(dialog).getByRole('checkbox', { name: 'علی رضایی' }) as HTMLInputElement).checked).toBe(true);
    expect(field(dialog, A.service.resource_id).value).toContain('کارگاه خیاطی نور');
    type(field(dialog, A.service.minutes), '120');
    fireEvent.click(within(dialog).getByRole('button', { name: A.service.submitComplete }));
    await waitFor(() => expect(backend.completeActivity).toHaveBeenCalledTimes(1));
    const [familyId, activityId, version, notes, svc] = backend.completeActivity.mock.calls[0]!;
    expect([familyId, activityId, version, notes]).toEqual([FAMILY, 'a1', 3, null]);
    expect(svc).toMatchObject({ kind: 'connection', domain: 'economic', member_ids: ['m1'], resource_id: 'r1', minutes: 120, served_on: '2025-03-12' });
    expect(backend.logService).not.toHaveBeenCalled();
  });

  it('completes an activity without a service when asked, keeping only a note', async () => {
    renderSection();
    fireEvent.click(within(timeline()).getByRole('button', { name: 'انجام شد: معرفی به کارگاه' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: A.service.withService }));
    expect(within(dialog).queryByLabelText(A.service.minutes, { exact: false })).toBeNull();
    type(field(dialog, A.service.completionNotes), 'کارگاه خودش تماس گرفت');
    fireEvent.click(within(dialog).getByRole('button', { name: A.service.submitComplete }));
    await waitFor(() => expect(backend.completeActivity).toHaveBeenCalledWith(FAMILY, 'a1', 3, 'کارگاه خودش تماس گرفت', null));
  });

  it('marks an activity missed, and reloads when the server says it changed meanwhile', async () => {
    renderSection();
    fireEvent.click(within(timeline()).getByRole('button', { name: 'کارهای دیگر «معرفی به کارگاه»' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: A.actions.missed }));
    await waitFor(() => expect(backend.updateActivity).toHaveBeenCalledWith(FAMILY, 'a1', 3, { status: 'missed' }));
    await waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
    expect(notify).toHaveBeenLastCalledWith({ color: 'teal', message: 'فعالیت «\u2068معرفی به کارگاه\u2069» انجام‌نشده ثبت شد.' });

    backend.updateActivity.mockRejectedValueOnce(new ApiError({ status: 409, code: 'version_conflict' }));
    fireEvent.click(within(timeline()).getByRole('button', { name: 'کارهای دیگر «معرفی به کارگاه»' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: A.actions.cancel }));
    await waitFor(() => expect(notify).toHaveBeenLastCalledWith({ color: 'red', message: fa.errors.version_conflict }));
    expect(backend.updateActivity).toHaveBeenLastCalledWith(FAMILY, 'a1', 3, { status: 'cancelled' });
    await waitFor(() => expect(changed).toHaveBeenCalledTimes(2));
  });

  it('reschedules a missed activity back into the plan', async () => {
    renderSection(assistance({ activities: [activity({ status: 'missed' })] }));
    fireEvent.click(within(timeline()).getByRole('button', { name: A.actions.replan }));
    const dialog = await screen.findByRole('dialog');
    type(field(dialog, A.activity.due_on), '1404/01/10');
    fireEvent.click(within(dialog).getByRole('button', { name: A.activity.submitReschedule }));
    await waitFor(() => expect(backend.updateActivity).toHaveBeenCalledWith(FAMILY, 'a1', 3, { due_on: '2025-03-30', status: 'planned' }));
  });
});

describe('FamilyAssistanceSection: the plan', () => {
  it('makes a goal from a harm of the latest assessment: domain and member follow the harm', async () => {
    renderSection();
    fireEvent.click(within(section()).getByRole('button', { name: A.actions.more }));
    fireEvent.click(await screen.findByRole('menuitem', { name: A.actions.newGoal }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(field(dialog, A.goal.harm), { target: { value: 'social.schooling|m2' } });
    expect(field(dialog, A.goal.domain).value).toBe('social');
    expect(field(dialog, A.goal.member_id).value).toBe('m2');
    fireEvent.click(within(dialog).getByRole('button', { name: A.goal.submit }));
    expect(await within(dialog).findByText(fa.common.required)).toBeTruthy();
    type(field(dialog, A.goal.title), 'بازگشت به مدرسه');
    fireEvent.click(within(dialog).getByRole('button', { name: A.goal.submit }));
    await waitFor(() => expect(backend.createGoal).toHaveBeenCalledTimes(1));
    const [familyId, body] = backend.createGoal.mock.calls[0]!;
    expect(familyId).toBe(FAMILY);
    expect(body).toMatchObject({
      title: 'بازگشت به مدرسه',
      domain: 'social',
      member_id: 'm2',
      harm_indicator: 'social.schooling',
      harm_member_id: 'm2',
      status: 'open',
    });
    expect(body.id).toMatch(UUID_V7);
  });

  it('groups goals by whom they are for, and edits one sending only what changed', async () => {
    renderSection(
      assistance({
        goals: [
          { ...assistance().goals[0]!, id: 'g1' },
          { ...assistance().goals[0]!, id: 'g2', member_id: 'm2', title: 'بازگشت به مدرسه', domain: 'social', harm: null, version: 5 },
        ],
      }),
    );
    fireEvent.click(within(section()).getByRole('tab', { name: A.tabs.plan }));
    const family = await within(section()).findByRole('region', { name: A.timeline.wholeFamily });
    expect(within(family).getByText('درآمد پایدار')).toBeTruthy();
    expect(within(family).getByText(`اقتصادی، آسیب: درآمد ناکافی`)).toBeTruthy();
    // The goal's activity under it.
    expect(within(within(family).getByRole('list', { name: A.plan.activities })).getByText('معرفی به کارگاه')).toBeTruthy();
    const maryam = within(section()).getByRole('region', { name: 'مریم رضایی' });
    expect(within(maryam).getByText(A.plan.noActivities)).toBeTruthy();

    fireEvent.click(within(maryam).getByRole('button', { name: 'کارهای دیگر «بازگشت به مدرسه»' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: A.actions.editGoal }));
    const dialog = await screen.findByRole('dialog');
    type(field(dialog, A.goal.notes), 'با مدیر مدرسه هماهنگ شد');
    fireEvent.click(within(dialog).getByRole('radio', { name: A.goalStatus.achieved }));
    fireEvent.click(within(dialog).getByRole('button', { name: A.goal.submit }));
    await waitFor(() => expect(backend.updateGoal).toHaveBeenCalledWith(FAMILY, 'g2', 5, { notes: 'با مدیر مدرسه هماهنگ شد', status: 'achieved' }));
  });

  it('plans an activity under a goal, carried out by a resource of the directory', async () => {
    renderSection();
    fireEvent.click(within(section()).getByRole('tab', { name: A.tabs.plan }));
    fireEvent.click(await within(section()).findByRole('button', { name: 'کارهای دیگر «درآمد پایدار»' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: A.actions.activityForGoal }));
    const dialog = await screen.findByRole('dialog');
    expect(field(dialog, A.activity.domain).value).toBe('economic');
    type(field(dialog, A.activity.title), 'مصاحبهٔ کاری');
    type(field(dialog, A.activity.due_on), '۱۴۰۴/۰۱/۱۵');
    fireEvent.change(field(dialog, A.activity.responsible), { target: { value: 'resource' } });
    fireEvent.click(within(dialog).getByRole('button', { name: A.activity.submit }));
    expect(await within(dialog).findByText(fa.common.required)).toBeTruthy();
    expect(backend.createActivity).not.toHaveBeenCalled();
    // The directory is searched as people type, Arabic letters too.
    const picker = field(dialog, A.activity.resource_id);
    fireEvent.click(picker);
    type(picker, 'خياطي');
    fireEvent.click(await screen.findByRole('option', { name: /کارگاه خیاطی نور/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: A.activity.submit }));
    await waitFor(() => expect(backend.createActivity).toHaveBeenCalledTimes(1));
    expect(backend.createActivity.mock.calls[0]![1]).toMatchObject({
      title: 'مصاحبهٔ کاری',
      due_on: '2025-04-04',
      goal_id: 'g1',
      domain: 'economic',
      responsible: 'resource',
      resource_id: 'r1',
      task_id: null,
      status: 'planned',
    });
  });
});

describe('FamilyAssistanceSection: referrals', () => {
  it('refers to a commission (never to a resource at the same time), with the urgency', async () => {
    renderSection();
    fireEvent.click(within(section()).getByRole('button', { name: A.actions.more }));
    fireEvent.click(await screen.findByRole('menuitem', { name: A.actions.refer }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('radio', { name: A.referral.toCommission }));
    fireEvent.click(within(dialog).getByRole('button', { name: A.referral.submit }));
    expect(await within(dialog).findAllByText(fa.common.required)).toHaveLength(2);
    fireEvent.change(field(dialog, A.referral.commission_id), { target: { value: 'c1' } });
    fireEvent.change(field(dialog, A.referral.member_id), { target: { value: 'm2' } });
    fireEvent.click(within(dialog).getByRole('radio', { name: A.urgency.soon }));
    type(field(dialog, A.referral.reason), 'اجارهٔ سه ماه عقب‌افتاده');
    fireEvent.click(within(dialog).getByRole('button', { name: A.referral.submit }));
    await waitFor(() => expect(backend.createReferral).toHaveBeenCalledTimes(1));
    const body = backend.createReferral.mock.calls[0]![1];
    expect(body).toMatchObject({ commission_id: 'c1', member_id: 'm2', urgency: 'soon', reason: 'اجارهٔ سه ماه عقب‌افتاده' });
    expect(body).not.toHaveProperty('resource_id');
    expect(body.id).toMatch(UUID_V7);
  });

  it('a retry after a lost answer sends the same record, and the server having it already counts as sent', async () => {
    backend.createReferral
      .mockRejectedValueOnce(new ApiError({ status: 0, code: 'network' }))
      .mockRejectedValueOnce(new ApiError({ status: 422, code: 'validation', field: 'id', reason: 'taken' }));
    renderSection();
    fireEvent.click(within(section()).getByRole('button', { name: A.actions.more }));
    fireEvent.click(await screen.findByRole('menuitem', { name: A.actions.refer }));
    const dialog = await screen.findByRole('dialog');
    const picker = field(dialog, A.referral.resource_id);
    fireEvent.click(picker);
    fireEvent.click(await screen.findByRole('option', { name: /دکتر رضا فرهمند/ }));
    type(field(dialog, A.referral.reason), 'تنش شدید زوجین');
    fireEvent.click(within(dialog).getByRole('button', { name: A.referral.submit }));
    expect(await within(dialog).findByText(fa.errors.network)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: A.referral.submit }));
    await waitFor(() => expect(changed).toHaveBeenCalled());
    const [first, second] = backend.createReferral.mock.calls;
    expect(first![1]).toMatchObject({ resource_id: 'r2', urgency: 'routine' });
    expect(first![1]).not.toHaveProperty('commission_id');
    expect(second![1].id).toBe(first![1].id);
  });
});
