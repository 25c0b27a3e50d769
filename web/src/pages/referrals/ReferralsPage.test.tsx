import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import { listReferrals } from '../../data/referrals';
import { meOf } from '../training/fixtures';
import { referralCase } from './fixtures';
import { ReferralsPage } from './ReferralsPage';

vi.mock('../../data/referrals', async (original) => ({
  ...(await original<typeof import('../../data/referrals')>()),
  listReferrals: vi.fn(),
}));

const list = vi.mocked(listReferrals);
const rf = fa.casework.referrals;
const specialist = meOf('specialist', 'center-1', ['resources.read', 'referrals.read']);

function renderPage() {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <ReferralsPage me={specialist} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

beforeEach(() => window.history.replaceState(null, '', '/referrals'));

afterEach(() => {
  vi.clearAllMocks();
});

const cases = [
  referralCase('closed', { status: 'done', referred_on: '2025-03-10' }, { family_name: 'خانوادهٔ تقوی', can_answer: false }),
  referralCase('working', { status: 'in_progress' }, { family_name: 'خانوادهٔ باقری', commission_name: 'کمیسیون اجتماعی', resource: null, receiver_name: null }),
  referralCase('waiting', { urgency: 'urgent', referred_on: '2025-03-01' }, { family_name: 'خانوادهٔ اکبری', member: { id: 'm1', name: 'مجید اکبری', sex: 'male', birth_date: null } }),
];

describe('ReferralsPage', () => {
  it('lists the waiting case first, with its urgency, receiver and Solar Hijri date', async () => {
    list.mockResolvedValue(cases);
    renderPage();
    const table = await screen.findByRole('table', { name: rf.list });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('link')[0]!.textContent)).toEqual(['خانوادهٔ اکبری', 'خانوادهٔ باقری', 'خانوادهٔ تقوی']);
    const first = rows[0]!;
    expect(within(first).getByText(rf.waitingForYou)).toBeTruthy();
    expect(within(first).getByText(rf.urgency.urgent)).toBeTruthy();
    expect(within(first).getByText('مجید اکبری')).toBeTruthy();
    expect(within(first).getByText('مرکز مشاوره امید (دکتر رضا فرهمند)')).toBeTruthy();
    expect(within(first).getByText('۱۱ اسفند ۱۴۰۳')).toBeTruthy();
    expect(within(first).getByRole('link', { name: 'خانوادهٔ اکبری' }).getAttribute('href')).toBe('/referrals/waiting');
    // A commission's case names the commission; a case in work is not waiting for me.
    expect(within(rows[1]!).getByText('کمیسیون اجتماعی')).toBeTruthy();
    expect(within(rows[1]!).queryByText(rf.waitingForYou)).toBeNull();
    expect(within(rows[2]!).getByText(rf.status.done)).toBeTruthy();
  });

  it('filters by where the cases stand, with counts, and keeps the filter in the address bar', async () => {
    const user = userEvent.setup();
    list.mockResolvedValue(cases);
    renderPage();
    await screen.findByRole('table', { name: rf.list });
    expect(screen.getByRole('radio', { name: `${rf.groups.waiting} (۱)` })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: `${rf.groups.closed} (۱)` }));
    const rows = within(screen.getByRole('table', { name: rf.list })).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(within(rows[0]!).getByText('خانوادهٔ تقوی')).toBeTruthy();
    expect(window.location.search).toBe('?status=closed');
  });

  it('says so when nothing was referred', async () => {
    list.mockResolvedValue([]);
    renderPage();
    expect(await screen.findByText(rf.empty)).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
  });
});
