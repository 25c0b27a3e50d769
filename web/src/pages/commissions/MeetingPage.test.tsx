import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import { ApiError } from '../../api/errors';
import { getCommission, getMeeting, recordDecision } from '../../data/commissions';
import { getReferral } from '../../data/referrals';
import { searchResources } from '../../data/resources';
import { meOf } from '../training/fixtures';
import { decision, referralCase, task } from '../referrals/fixtures';
import { resource } from '../resources/fixtures';
import { commissionDetail, meetingDetail } from './fixtures';
import { MeetingPage } from './MeetingPage';

vi.mock('../../data/commissions', async (original) => ({
  ...(await original<typeof import('../../data/commissions')>()),
  getMeeting: vi.fn(),
  getCommission: vi.fn(),
  recordDecision: vi.fn(),
}));
vi.mock('../../data/referrals', async (original) => ({
  ...(await original<typeof import('../../data/referrals')>()),
  getReferral: vi.fn(),
}));
vi.mock('../../data/resources', async (original) => ({
  ...(await original<typeof import('../../data/resources')>()),
  searchResources: vi.fn(),
}));

// Forms with many fields: slow under a full, parallel run.
vi.setConfig({ testTimeout: 20_000 });

const getM = vi.mocked(getMeeting);
const getC = vi.mocked(getCommission);
const record = vi.mocked(recordDecision);
const getRef = vi.mocked(getReferral);
const resources = vi.mocked(searchResources);
const d = fa.casework.decisions;
const me = meOf('center_manager', 'center-1', ['commissions.read', 'commissions.manage']);

function renderPage() {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <MeetingPage me={me} id="m1" />
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
});

function setUp(canWork = true) {
  getM.mockResolvedValue(
    meetingDetail({
      decisions: [decision('d0', { referral_id: 'r2', text: 'پیگیری بدهی با خیّر' })],
      tasks: [task('t0', { referral_id: 'r2', title: 'تماس با خیّر', assignee_id: 's2' })],
    }),
  );
  getC.mockResolvedValue(commissionDetail({ can_work: canWork }));
  getRef.mockImplementation(async (id) => referralCase(id, {}, { helper_name: id === 'r1' ? 'زهرا موسوی' : null }));
  resources.mockResolvedValue([
    resource('res-1', { name: 'کارگاه خیاطی نیکان' }),
    resource('res-2', { name: 'کمیتهٔ امداد', center_id: null }),
    // Another center's own: not for this center's commission.
    resource('res-3', { name: 'خیریهٔ مرکز نور', center_id: 'center-2' }),
  ]);
}

describe('MeetingPage', () => {
  it('shows the meeting and, per case on its agenda, its decisions and tasks', async () => {
    setUp();
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'جلسهٔ ۱۵ اسفند ۱۴۰۳' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'بازگشت به کمیسیون اقتصادی گلستان' }).getAttribute('href')).toBe('/commissions/c1');
    expect(screen.getByText('دکتر رضا فرهمند، زهرا موسوی')).toBeTruthy();
    const first = screen.getByRole('region', { name: 'پروندهٔ خانوادهٔ اکبری' });
    expect(within(first).getByText('بیکاری سرپرست')).toBeTruthy();
    expect(await within(first).findByText('همیار خانواده (زهرا موسوی)')).toBeTruthy();
    expect(within(first).getByText(d.none)).toBeTruthy();
    const second = screen.getByRole('region', { name: 'پروندهٔ خانوادهٔ باقری' });
    expect(within(second).getByText('پیگیری بدهی با خیّر')).toBeTruthy();
    expect(within(second).getByText(/^مسئول: حاج آقا رضایی/)).toBeTruthy();
    expect(within(second).getByRole('button', { name: 'انجام «تماس با خیّر»' })).toBeTruthy();
  });

  it('records a decision with a task for a seat, one for a resource and one for the helper', async () => {
    const user = userEvent.setup();
    setUp();
    record.mockImplementation(async (_m, body) => ({
      decision: decision('d9', { referral_id: body.referral_id, text: body.text }),
      tasks: (body.tasks ?? []).map((x, i) => task(`n${i}`, { referral_id: body.referral_id, title: x.title, assignee_kind: x.assignee_kind, assignee_id: x.assignee_id ?? null, due_on: x.due_on })),
    }));
    renderPage();
    const first = await screen.findByRole('region', { name: 'پروندهٔ خانوادهٔ اکبری' });
    await user.click(within(first).getByRole('button', { name: 'ثبت تصمیم دربارهٔ خانوادهٔ اکبری' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: new RegExp(`^${d.text}`) }), 'معرفی سرپرست به کارگاه');
    for (let i = 0; i < 3; i++) await user.click(within(dialog).getByRole('button', { name: d.addTask }));
    const rows = within(dialog).getAllByRole('group', { name: /^کار [۱-۳]$/ });
    expect(rows).toHaveLength(3);

    // Nothing filled: each row says what it lacks, nothing is sent.
    await user.click(within(dialog).getByRole('button', { name: d.save }));
    expect(within(rows[0]!).getAllByText(fa.common.required)).toHaveLength(2);
    expect(within(rows[0]!).getByText(d.chooseAssignee)).toBeTruthy();
    expect(record).not.toHaveBeenCalled();

    // 1: a seat.
    fireEvent.change(within(rows[0]!).getByRole('textbox', { name: new RegExp(`^${d.taskTitle}`) }), { target: { value: 'تماس با خیّر' } });
    fireEvent.click(within(rows[0]!).getByRole('combobox', { name: new RegExp(`^${d.whichSeat}`) }));
    fireEvent.click(await screen.findByRole('option', { name: 'حاج آقا رضایی' }));
    fireEvent.change(within(rows[0]!).getByRole('textbox', { name: new RegExp(d.dueOn) }), { target: { value: '۱۴۰۳/۱۲/۲۰' } });
    // 2: a resource of the directory (the headquarters' or this center's).
    fireEvent.change(within(rows[1]!).getByRole('textbox', { name: new RegExp(`^${d.taskTitle}`) }), { target: { value: 'معرفی به کارگاه' } });
    fireEvent.click(within(rows[1]!).getByRole('combobox', { name: d.assigneeKind }));
    fireEvent.click(await screen.findByRole('option', { name: fa.casework.tasks.assignee.resource }));
    fireEvent.click(within(rows[1]!).getByRole('combobox', { name: new RegExp(`^${d.whichResource}`) }));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['کارگاه خیاطی نیکان', 'کمیتهٔ امداد']);
    fireEvent.click(screen.getByRole('option', { name: 'کارگاه خیاطی نیکان' }));
    fireEvent.change(within(rows[1]!).getByRole('textbox', { name: new RegExp(d.dueOn) }), { target: { value: '1404/01/15' } });
    // 3: the family's helper, named.
    fireEvent.change(within(rows[2]!).getByRole('textbox', { name: new RegExp(`^${d.taskTitle}`) }), { target: { value: 'پیگیری با خانواده' } });
    fireEvent.click(within(rows[2]!).getByRole('combobox', { name: d.assigneeKind }));
    fireEvent.click(await screen.findByRole('option', { name: 'همیار خانواده (زهرا موسوی)' }));
    expect(within(rows[2]!).queryByRole('combobox', { name: new RegExp(d.whichResource) })).toBeNull();
    fireEvent.change(within(rows[2]!).getByRole('textbox', { name: new RegExp(d.dueOn) }), { target: { value: '۱۴۰۴/۰۱/۳۱' } });

    await user.click(within(dialog).getByRole('button', { name: d.save }));
    await waitFor(() => expect(record).toHaveBeenCalledTimes(1));
    expect(record).toHaveBeenCalledWith('m1', {
      referral_id: 'r1',
      text: 'معرفی سرپرست به کارگاه',
      tasks: [
        { title: 'تماس با خیّر', assignee_kind: 'member', assignee_id: 's2', due_on: '2025-03-10' },
        { title: 'معرفی به کارگاه', assignee_kind: 'resource', assignee_id: 'res-1', due_on: '2025-04-04' },
        { title: 'پیگیری با خانواده', assignee_kind: 'helper', assignee_id: null, due_on: '2025-04-20' },
      ],
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(first).getByText('معرفی سرپرست به کارگاه')).toBeTruthy();
    expect(within(first).getByText(/^مسئول: کارگاه خیاطی نیکان/)).toBeTruthy();
    // The waiting case is in progress now.
    expect(within(first).getByText(fa.casework.referrals.status.in_progress)).toBeTruthy();
  });

  it('keeps the form and says why when the server refuses', async () => {
    const user = userEvent.setup();
    setUp();
    record.mockRejectedValue(
      new ApiError({ status: 422, code: 'validation', field: 'referral_id', reason: 'unknown', message: 'referral_id: این پرونده در دستور کار این جلسه نیست / This case is not on this meeting\u2019s agenda' }),
    );
    renderPage();
    const first = await screen.findByRole('region', { name: 'پروندهٔ خانوادهٔ اکبری' });
    await user.click(within(first).getByRole('button', { name: 'ثبت تصمیم دربارهٔ خانوادهٔ اکبری' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: new RegExp(`^${d.text}`) }), 'تصمیم');
    await user.click(within(dialog).getByRole('button', { name: d.save }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('این پرونده در دستور کار این جلسه نیست');
  });

  it('only shows the meeting to someone who does not work in the commission', async () => {
    setUp(false);
    renderPage();
    const second = await screen.findByRole('region', { name: 'پروندهٔ خانوادهٔ باقری' });
    expect(within(second).getByText('تماس با خیّر')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /ثبت تصمیم/ })).toBeNull();
    expect(screen.queryByRole('button', { name: fa.casework.edit })).toBeNull();
    expect(within(second).queryByRole('button')).toBeNull();
  });
});
