import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import type { Me, User } from '../../api/types';
import { addSeat, createMeeting, getCommission, removeSeat, setTaskStatus } from '../../data/commissions';
import { getReferral } from '../../data/referrals';
import { searchResources } from '../../data/resources';
import { listUsers } from '../../data/users';
import { meOf } from '../training/fixtures';
import { referralCase, task } from '../referrals/fixtures';
import { commission, commissionDetail, meetingDetail, meeting, seat } from './fixtures';
import { CommissionPage } from './CommissionPage';

vi.mock('../../data/commissions', async (original) => ({
  ...(await original<typeof import('../../data/commissions')>()),
  getCommission: vi.fn(),
  setTaskStatus: vi.fn(),
  addSeat: vi.fn(),
  removeSeat: vi.fn(),
  createMeeting: vi.fn(),
}));
vi.mock('../../data/referrals', async (original) => ({
  ...(await original<typeof import('../../data/referrals')>()),
  getReferral: vi.fn(),
}));
vi.mock('../../data/resources', async (original) => ({
  ...(await original<typeof import('../../data/resources')>()),
  searchResources: vi.fn(),
}));
vi.mock('../../data/users', async (original) => ({
  ...(await original<typeof import('../../data/users')>()),
  listUsers: vi.fn(),
}));

// Forms with many fields: slow under a full, parallel run.
vi.setConfig({ testTimeout: 20_000 });

const get = vi.mocked(getCommission);
const setStatus = vi.mocked(setTaskStatus);
const add = vi.mocked(addSeat);
const remove = vi.mocked(removeSeat);
const createM = vi.mocked(createMeeting);
const getRef = vi.mocked(getReferral);
const resources = vi.mocked(searchResources);
const users = vi.mocked(listUsers);
const c = fa.casework.commissions;
const manager = meOf('center_manager', 'center-1', ['commissions.read', 'commissions.manage', 'users.read', 'referrals.read']);

function renderPage(me: Me = manager) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <CommissionPage me={me} id="c1" />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

afterEach(() => {
  vi.clearAllMocks();
  window.history.replaceState(null, '', '/');
});

const ts = '2025-01-01T00:00:00Z';
const account = (id: string, display_name: string, role: User['role']): User => ({
  id,
  username: id,
  display_name,
  role,
  hq_id: null,
  center_id: 'center-1',
  disabled: false,
  version: 1,
  created_at: ts,
  updated_at: ts,
});

describe('CommissionPage', () => {
  it('puts overdue tasks on top, in red, and closes one with a note', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(
      commissionDetail({
        commission: commission({ overdue_tasks: 1 }),
        tasks: [
          task('t1', { referral_id: 'r1', title: 'معرفی به کارگاه', assignee_kind: 'resource', assignee_id: 'res-9', due_on: '2025-04-01' }),
          task('t2', { referral_id: 'r1', title: 'تماس با خیّر', assignee_id: 's2', due_on: '2025-03-01', overdue: true, version: 3 }),
        ],
      }),
    );
    resources.mockResolvedValue([{ id: 'res-9', name: 'کارگاه خیاطی نیکان' } as never]);
    setStatus.mockResolvedValue(task('t2', { referral_id: 'r1', title: 'تماس با خیّر', assignee_id: 's2', status: 'done', done_on: '2025-03-02', done_note: 'انجام شد', version: 4 }));
    renderPage();
    const overdue = await screen.findByRole('list', { name: c.overdueList });
    expect(screen.getByRole('heading', { name: 'کارهای عقب‌افتاده (۱)' })).toBeTruthy();
    const item = within(overdue).getByRole('listitem');
    expect(within(item).getByText('تماس با خیّر')).toBeTruthy();
    expect(within(item).getByText(fa.casework.tasks.overdue)).toBeTruthy();
    expect(within(item).getByText('خانواده: خانوادهٔ اکبری')).toBeTruthy();
    expect(within(item).getByText(/^مسئول: حاج آقا رضایی/)).toBeTruthy();
    expect(within(item).getByText('موعد: ۱۱ اسفند ۱۴۰۳')).toBeTruthy();

    // Every task, the overdue one first; the resource named from the directory.
    await user.click(screen.getByRole('tab', { name: 'کارها (۲)' }));
    const all = within(screen.getByRole('list', { name: fa.casework.tasks.list })).getAllByRole('listitem');
    expect(within(all[0]!).getByText('تماس با خیّر')).toBeTruthy();
    await waitFor(() => expect(within(all[1]!).getByText(/^مسئول: کارگاه خیاطی نیکان/)).toBeTruthy());

    await user.click(within(item).getByRole('button', { name: 'انجام «تماس با خیّر»' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: fa.casework.tasks.note }), 'انجام شد');
    await user.click(within(dialog).getByRole('button', { name: fa.casework.tasks.action.done }));
    await waitFor(() => expect(setStatus).toHaveBeenCalledWith('t2', { version: 3, status: 'done', note: 'انجام شد' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: c.overdueList })).toBeNull());
  });

  it('asks why a task is cancelled', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(commissionDetail({ tasks: [task('t1', { referral_id: 'r1', title: 'تماس با خیّر', overdue: true })] }));
    renderPage();
    const overdue = await screen.findByRole('list', { name: c.overdueList });
    await user.click(within(overdue).getByRole('button', { name: 'لغو «تماس با خیّر»' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: fa.casework.tasks.action.cancelled }));
    expect(within(dialog).getByText(fa.casework.tasks.cancelWhy)).toBeTruthy();
    expect(setStatus).not.toHaveBeenCalled();
  });

  it('is read-only for someone who may only look', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(
      commissionDetail({
        commission: commission({ can_manage: false }),
        can_work: false,
        tasks: [task('t1', { referral_id: 'r1', overdue: true })],
      }),
    );
    renderPage(meOf('center_manager', 'center-1', ['commissions.read']));
    expect(await screen.findByText(c.readOnly)).toBeTruthy();
    expect(screen.queryByRole('button', { name: fa.casework.edit })).toBeNull();
    expect(within(screen.getByRole('list', { name: c.overdueList })).queryByRole('button')).toBeNull();
    await user.click(screen.getByRole('tab', { name: /^جلسه‌ها/ }));
    expect(screen.queryByRole('button', { name: fa.casework.meetings.new })).toBeNull();
    await user.click(screen.getByRole('tab', { name: /^اعضا/ }));
    expect(screen.queryByRole('button', { name: fa.casework.seats.add })).toBeNull();
    expect(screen.queryByRole('button', { name: /پایان عضویت/ })).toBeNull();
  });

  it('lists open cases (urgent first) with links to them; closed ones on request', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(commissionDetail());
    renderPage();
    const table = await screen.findByRole('table', { name: c.casesList });
    const links = within(table).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['خانوادهٔ اکبری', 'خانوادهٔ باقری']);
    expect(links[0]!.getAttribute('href')).toBe('/referrals/r1');
    await user.click(screen.getByRole('switch', { name: 'نمایش پرونده‌های بسته (۱)' }));
    expect(within(screen.getByRole('table', { name: c.casesList })).getAllByRole('link')).toHaveLength(3);
  });

  it('names the cases without a link for someone who cannot open referrals (a headquarters admin)', async () => {
    get.mockResolvedValue(commissionDetail({ commission: commission({ center_id: null, center_name: null }) }));
    renderPage(meOf('hq_admin', null, ['commissions.read', 'commissions.manage']));
    const table = await screen.findByRole('table', { name: c.casesList });
    expect(within(table).getByText('خانوادهٔ اکبری')).toBeTruthy();
    expect(within(table).queryByRole('link')).toBeNull();
    expect(screen.getByText(c.ofHq)).toBeTruthy();
  });

  it('gives a seat to an account, and ends one after a confirmation', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(commissionDetail());
    users.mockResolvedValue([account('u-reza', 'دکتر رضا فرهمند', 'specialist'), account('u-ho', 'احمد حسینی', 'commission_member')]);
    add.mockResolvedValue(seat('s3', 'احمد حسینی', { user_id: 'u-ho', capacity: 'official', organization: 'بهزیستی' }));
    remove.mockResolvedValue(undefined);
    renderPage();
    await user.click(await screen.findByRole('tab', { name: 'اعضا (۲)' }));
    await user.click(screen.getByRole('button', { name: fa.casework.seats.add }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('combobox', { name: new RegExp(fa.casework.seats.fields.user_id) }));
    // Someone already seated is not offered again.
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['احمد حسینی (عضو کمیسیون)']);
    fireEvent.click(screen.getByRole('option', { name: 'احمد حسینی (عضو کمیسیون)' }));
    fireEvent.click(within(dialog).getByRole('combobox', { name: new RegExp(`^${fa.casework.seats.fields.capacity}`) }));
    fireEvent.click(await screen.findByRole('option', { name: fa.casework.seats.capacity.official }));
    await user.type(within(dialog).getByRole('textbox', { name: fa.casework.seats.fields.organization }), 'بهزیستی');
    await user.click(within(dialog).getByRole('button', { name: fa.casework.seats.add }));
    await waitFor(() => expect(add).toHaveBeenCalledWith('c1', { capacity: 'official', name: '', organization: 'بهزیستی', user_id: 'u-ho' }));
    expect(await screen.findByRole('tab', { name: 'اعضا (۳)' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'پایان عضویت «حاج آقا رضایی»' }));
    const confirm = await screen.findByRole('dialog');
    await user.click(within(confirm).getByRole('button', { name: fa.casework.seats.remove }));
    await waitFor(() => expect(remove).toHaveBeenCalledWith('c1', 's2', 1));
    expect(await screen.findByRole('tab', { name: 'اعضا (۲)' })).toBeTruthy();
  });

  it('records a meeting: date, who came (seats, the cases’ helper, a guest) and the agenda', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(commissionDetail({ meetings: [meeting('m0', '2025-02-01')] }));
    getRef.mockImplementation(async (id) => referralCase(id, {}, { helper_name: id === 'r3' ? 'کسی دیگر' : 'زهرا موسوی' }));
    createM.mockResolvedValue(meetingDetail({ meeting: meeting('m9', '2025-03-05') }));
    renderPage();
    await user.click(await screen.findByRole('tab', { name: 'جلسه‌ها (۱)' }));
    expect(screen.getByRole('link', { name: 'جلسهٔ ۱۳ بهمن ۱۴۰۳' }).getAttribute('href')).toBe('/commissions/meetings/m0');
    await user.click(screen.getByRole('button', { name: fa.casework.meetings.new }));
    const dialog = await screen.findByRole('dialog');
    const date = within(dialog).getByRole('textbox', { name: new RegExp(fa.casework.meetings.fields.held_on) });
    await user.clear(date);
    await user.type(date, '۱۴۰۳/۱۲/۱۵');
    await user.type(within(dialog).getByRole('textbox', { name: fa.casework.meetings.fields.place }), 'دفتر مرکز');
    // Both open cases are on the agenda; the closed one is not offered.
    expect(within(dialog).getByRole('checkbox', { name: /^خانوادهٔ اکبری/ })).toHaveProperty('checked', true);
    expect(within(dialog).getByRole('checkbox', { name: /^خانوادهٔ باقری/ })).toHaveProperty('checked', true);
    expect(within(dialog).queryByRole('checkbox', { name: /^خانوادهٔ تقوی/ })).toBeNull();
    // One helper for the two families, offered once.
    const helper = await within(dialog).findByRole('checkbox', { name: 'زهرا موسوی (همیار خانوادهٔ اکبری، خانوادهٔ باقری)' });
    await user.click(helper);
    await user.click(within(dialog).getByRole('checkbox', { name: 'حاج آقا رضایی' }));
    await user.type(within(dialog).getByRole('combobox', { name: fa.casework.meetings.guests }), 'خانم صادقي{Enter}');
    await user.click(within(dialog).getByRole('button', { name: fa.common.save }));
    await waitFor(() => expect(createM).toHaveBeenCalledTimes(1));
    expect(createM).toHaveBeenCalledWith('c1', {
      held_on: '2025-03-05',
      place: 'دفتر مرکز',
      notes: '',
      attendees: [{ member_id: 's1' }, { name: 'زهرا موسوی' }, { name: 'خانم صادقی' }],
      agenda: ['r1', 'r2'],
    });
    await waitFor(() => expect(window.location.pathname).toBe('/commissions/meetings/m9'));
  });
});
