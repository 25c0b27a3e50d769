import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import type { Agenda, Me, Permission } from '../api/types';
import { getAgenda } from '../data/assistance';
import { activity, referral, task } from './assistance/fixtures';
import { HomePage } from './HomePage';

vi.mock('../data/assistance', () => ({ getAgenda: vi.fn() }));
vi.mock('./myFamilies/HomeCard', () => ({ MyFamiliesHomeCard: () => null }));
const agenda = vi.mocked(getAgenda);
const A = fa.assistance.agenda;
const ts = '2025-01-01T00:00:00Z';

function meWith(role: Me['user']['role'], permissions: Permission[]): Me {
  return {
    user: { id: 'u1', username: 'u', display_name: 'زهرا موسوی', role, hq_id: 'hq', center_id: 'c1', disabled: false, version: 1, created_at: ts, updated_at: ts },
    headquarters: null,
    center: null,
    permissions,
    creatable_roles: [],
  };
}

const full: Agenda = {
  today: '2025-03-12',
  due_today: [{ ...activity({ id: 'a1', title: 'دیدار با مادر', due_on: '2025-03-12' }), family_name: 'خانوادهٔ رضایی' }],
  overdue: [
    { ...activity({ id: 'a2', due_on: '2025-03-01' }), family_name: 'خانوادهٔ رضایی' },
    { ...activity({ id: 'a3', due_on: '2025-03-02' }), family_name: 'خانوادهٔ صفری' },
  ],
  upcoming: [],
  overdue_tasks: [{ ...task({ id: 't1', status: 'open', done_on: null, overdue: true, due_on: '2025-03-05', commission_id: 'c9', family_id: 'f7' }), family_name: 'خانوادهٔ فتحی' }],
  waiting_referrals: [{ ...referral({ id: 'ref9', urgency: 'urgent', referred_on: '2025-03-10' }), family_name: 'خانوادهٔ لطفی' }],
};

function renderHome(me: Me) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <HomePage me={me} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});
beforeEach(() => agenda.mockReset());

describe('HomePage: the agenda', () => {
  it('shows a helper today’s activities, what is overdue, late commission tasks and referrals to answer', async () => {
    agenda.mockResolvedValue(full);
    renderHome(meWith('helper', ['my.families', 'assistance.work', 'referrals.read']));
    const card = await screen.findByRole('region', { name: A.title });
    const today = await within(card).findByRole('region', { name: A.dueToday });
    const link = within(today).getByRole('link', { name: 'دیدار با مادر' });
    expect(link.getAttribute('href')).toBe('/families/f1');
    expect(within(card).getByText('فعالیت‌های عقب‌افتاده: ۲')).toBeTruthy();
    const tasks = within(card).getByRole('region', { name: 'کارهای کمیسیون عقب‌افتاده: ۱' });
    // A helper does not sit in the commission: the task leads to the family.
    expect(within(tasks).getByRole('link').getAttribute('href')).toBe('/families/f7');
    const referrals = within(card).getByRole('region', { name: 'ارجاع‌های منتظر پاسخ شما: ۱' });
    expect(within(referrals).getByRole('link', { name: '\u2068خانوادهٔ لطفی\u2069، ۲۰ اسفند ۱۴۰۳' }).getAttribute('href')).toBe('/referrals/ref9');
    expect(within(referrals).getByText(fa.assistance.urgency.urgent)).toBeTruthy();
    expect(within(card).getByRole('link', { name: A.openCalendar }).getAttribute('href')).toBe('/calendar');
  });

  it('shows a specialist only the referrals waiting for them, and says when nothing waits', async () => {
    agenda.mockResolvedValue({ ...full, due_today: [], overdue: [], overdue_tasks: [], waiting_referrals: [] });
    renderHome(meWith('specialist', ['referrals.read']));
    const card = await screen.findByRole('region', { name: A.title });
    expect(await within(card).findByText(A.nothing)).toBeTruthy();
    expect(within(card).queryByRole('region', { name: A.dueToday })).toBeNull();
    expect(within(card).queryByRole('link', { name: A.openCalendar })).toBeNull();
  });

  it('has no agenda for those who neither assist families nor receive referrals', () => {
    renderHome(meWith('trainer', ['training.read']));
    expect(screen.queryByRole('region', { name: A.title })).toBeNull();
    expect(agenda).not.toHaveBeenCalled();
  });
});
