import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import { ApiError } from '../../api/errors';
import type { Me } from '../../api/types';
import { answerReferral, getReferral } from '../../data/referrals';
import { setTaskStatus } from '../../data/commissions';
import { meOf } from '../training/fixtures';
import { decision, referralCase, task } from './fixtures';
import { ReferralCasePage } from './ReferralCasePage';

vi.mock('../../data/referrals', async (original) => ({
  ...(await original<typeof import('../../data/referrals')>()),
  getReferral: vi.fn(),
  answerReferral: vi.fn(),
}));
vi.mock('../../data/commissions', async (original) => ({
  ...(await original<typeof import('../../data/commissions')>()),
  setTaskStatus: vi.fn(),
}));

const get = vi.mocked(getReferral);
const answer = vi.mocked(answerReferral);
const setStatus = vi.mocked(setTaskStatus);
const rf = fa.casework.referrals;
const specialist = meOf('specialist', 'center-1', ['resources.read', 'referrals.read']);
const helper = meOf('helper', 'center-1', ['referrals.read', 'assistance.work']);

function renderPage(me: Me = specialist) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <ReferralCasePage me={me} id="r1" />
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

describe('ReferralCasePage', () => {
  it('shows the specialist what was referred and how to reach the family, tap to call', async () => {
    get.mockResolvedValue(referralCase('r1', { urgency: 'urgent' }, { family_name: 'خانوادهٔ اکبری', member: { id: 'm1', name: 'مجید اکبری', sex: 'male', birth_date: '1990-03-21' } }));
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'خانوادهٔ اکبری' })).toBeTruthy();
    expect(screen.getByText(rf.waitingHint)).toBeTruthy();
    expect(screen.getByText('مجید اکبری (متولد ۱ فروردین ۱۳۶۹)')).toBeTruthy();
    expect(screen.getByText('تنش شدید زوجین؛ نیاز به مشاورهٔ تخصصی')).toBeTruthy();
    // The address's digits are Persian; the phones are links.
    expect(screen.getByText('کوچهٔ ۱، پلاک ۱۰')).toBeTruthy();
    const family = screen.getByRole('link', { name: 'تماس با مریم اکبری: 09352000000' });
    expect(family.getAttribute('href')).toBe('tel:09352000000');
    expect(family.textContent).toBe('۰۹۳۵۲۰۰۰۰۰۰');
    expect(screen.getByRole('link', { name: 'تماس با همیار خانواده، زهرا موسوی' }).getAttribute('href')).toBe('tel:09153100000');
    // Where it stands: sent, the rest not yet.
    const road = screen.getByRole('heading', { name: rf.road }).closest('section')!;
    expect(within(road).getAllByText(rf.notYet)).toHaveLength(3);
    // A new case is accepted or declined: nothing else yet.
    expect(screen.getByRole('button', { name: rf.answer.to.accepted })).toBeTruthy();
    expect(screen.getByRole('button', { name: rf.answer.to.declined })).toBeTruthy();
    expect(screen.queryByRole('button', { name: rf.answer.to.done })).toBeNull();
    expect(screen.queryByRole('button', { name: rf.answer.saveReport })).toBeNull();
    expect(screen.queryByRole('button', { name: rf.withdraw.action })).toBeNull();
    // Not a commission's case.
    expect(screen.queryByRole('heading', { name: rf.decisions })).toBeNull();
  });

  it('accepts with feedback, then offers the next steps', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(referralCase('r1', { version: 3 }));
    answer.mockResolvedValue(referralCase('r1', { version: 4, status: 'accepted', feedback: 'جلسهٔ نخست شنبه ساعت 10' }));
    renderPage();
    await user.type(await screen.findByRole('textbox', { name: rf.answer.feedback }), 'جلسهٔ نخست شنبه ساعت ۱۰');
    await user.click(screen.getByRole('button', { name: rf.answer.to.accepted }));
    await waitFor(() => expect(answer).toHaveBeenCalledWith('r1', { version: 3, status: 'accepted', feedback: 'جلسهٔ نخست شنبه ساعت 10' }));
    expect(await screen.findByRole('button', { name: rf.answer.to.in_progress })).toBeTruthy();
    expect(screen.getByRole('button', { name: rf.answer.to.done })).toBeTruthy();
    expect(screen.getByRole('button', { name: rf.answer.saveReport })).toBeTruthy();
    expect(screen.queryByRole('button', { name: rf.answer.to.declined })).toBeNull();
    // The feedback reads with Persian digits, and is edited with them.
    const road = screen.getByRole('heading', { name: rf.road }).closest('section')!;
    expect(within(road).getByText('جلسهٔ نخست شنبه ساعت ۱۰')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: rf.answer.feedback }) as HTMLTextAreaElement).value).toBe('جلسهٔ نخست شنبه ساعت ۱۰');
  });

  it('asks why before declining', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(referralCase('r1'));
    answer.mockResolvedValue(referralCase('r1', { status: 'declined', feedback: 'ظرفیت نداریم' }, { can_answer: false }));
    renderPage();
    await user.click(await screen.findByRole('button', { name: rf.answer.to.declined }));
    expect(screen.getByText(rf.answer.declineWhy)).toBeTruthy();
    expect(answer).not.toHaveBeenCalled();
    await user.type(screen.getByRole('textbox', { name: rf.answer.feedback }), 'ظرفیت نداریم');
    await user.click(screen.getByRole('button', { name: rf.answer.to.declined }));
    await waitFor(() => expect(answer).toHaveBeenCalledWith('r1', { version: 1, status: 'declined', feedback: 'ظرفیت نداریم' }));
    // Closed: nothing more to answer.
    await waitFor(() => expect(screen.queryByRole('heading', { name: rf.answer.title })).toBeNull());
    expect(screen.getAllByText(rf.status.declined).length).toBeGreaterThan(0);
  });

  it('says when the case changed meanwhile and loads it again on request', async () => {
    const user = userEvent.setup();
    get.mockResolvedValueOnce(referralCase('r1', { version: 1 })).mockResolvedValue(referralCase('r1', { version: 2, status: 'withdrawn' }, { can_answer: false }));
    answer.mockRejectedValue(new ApiError({ status: 409, code: 'version_conflict' }));
    renderPage();
    await user.click(await screen.findByRole('button', { name: rf.answer.to.accepted }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(fa.errors.version_conflict);
    await user.click(within(alert).getByRole('button', { name: fa.casework.reloadLatest }));
    await waitFor(() => expect(get).toHaveBeenCalledTimes(2));
    expect(await screen.findAllByText(rf.status.withdrawn)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: rf.answer.title })).toBeNull();
  });

  it('lets the family’s side withdraw it after a confirmation, keeping the receiver’s words', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(referralCase('r1', { status: 'accepted', version: 5 }, { can_answer: false, can_withdraw: true }));
    answer.mockResolvedValue(referralCase('r1', { status: 'withdrawn', version: 6 }, { can_answer: false, can_withdraw: false }));
    renderPage(meOf('center_manager', 'center-1', ['referrals.read', 'assistance.work']));
    expect(await screen.findByRole('heading', { level: 1 })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: rf.answer.title })).toBeNull();
    await user.click(screen.getByRole('button', { name: rf.withdraw.action }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/«مرکز مشاوره امید \(دکتر رضا فرهمند\)» دیگر نمی‌تواند/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: rf.withdraw.action }));
    await waitFor(() => expect(answer).toHaveBeenCalledWith('r1', { version: 5, status: 'withdrawn' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: rf.withdraw.action })).toBeNull());
  });

  it('shows a commission’s decisions and tasks; the helper closes only the task given to them', async () => {
    const user = userEvent.setup();
    get.mockResolvedValue(
      referralCase(
        'r1',
        { commission_id: 'c1', resource_id: null, status: 'in_progress' },
        {
          commission_name: 'کمیسیون اجتماعی',
          resource: null,
          receiver_name: null,
          can_answer: false,
          can_withdraw: true,
          decisions: [decision('d1', { referral_id: 'r1', text: 'معرفی به کاریابی' })],
          tasks: [
            task('t1', { referral_id: 'r1', title: 'پیگیری با خانواده', assignee_kind: 'helper', assignee_id: null }),
            task('t2', { referral_id: 'r1', title: 'تماس با کارفرما', overdue: true }),
          ],
        },
      ),
    );
    setStatus.mockResolvedValue(task('t1', { referral_id: 'r1', title: 'پیگیری با خانواده', assignee_kind: 'helper', assignee_id: null, status: 'done', done_on: '2025-03-10', version: 2 }));
    renderPage(helper);
    expect(await screen.findByText('معرفی به کاریابی')).toBeTruthy();
    // A helper has no way into the commission's meetings.
    expect(screen.queryByRole('link', { name: /تصمیم جلسه/ })).toBeNull();
    const tasks = screen.getByRole('list', { name: fa.casework.tasks.ofCase });
    const items = within(tasks).getAllByRole('listitem');
    // The overdue one first, marked.
    expect(within(items[0]!).getByText('تماس با کارفرما')).toBeTruthy();
    expect(within(items[0]!).getByText(fa.casework.tasks.overdue)).toBeTruthy();
    expect(within(items[0]!).queryByRole('button')).toBeNull();
    expect(within(items[1]!).getByText(/^مسئول: همیار خانواده \(زهرا موسوی\)/)).toBeTruthy();
    await user.click(within(items[1]!).getByRole('button', { name: 'انجام «پیگیری با خانواده»' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: fa.casework.tasks.note }), 'با خانواده صحبت شد');
    await user.click(within(dialog).getByRole('button', { name: fa.casework.tasks.action.done }));
    await waitFor(() => expect(setStatus).toHaveBeenCalledWith('t1', { version: 1, status: 'done', note: 'با خانواده صحبت شد' }));
    expect(await screen.findByText('انجام‌شده در ۲۰ اسفند ۱۴۰۳')).toBeTruthy();
  });
});
