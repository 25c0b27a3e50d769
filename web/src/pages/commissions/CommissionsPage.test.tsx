import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import type { Me } from '../../api/types';
import { createCommission, listCommissions } from '../../data/commissions';
import { meOf } from '../training/fixtures';
import { commission, commissionDetail } from './fixtures';
import { CommissionsPage } from './CommissionsPage';

vi.mock('../../data/commissions', async (original) => ({
  ...(await original<typeof import('../../data/commissions')>()),
  listCommissions: vi.fn(),
  createCommission: vi.fn(),
}));

const list = vi.mocked(listCommissions);
const create = vi.mocked(createCommission);
const c = fa.casework.commissions;
const manager = meOf('center_manager', 'center-1', ['commissions.read', 'commissions.manage']);

function renderPage(me: Me = manager) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <CommissionsPage me={me} />
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

describe('CommissionsPage', () => {
  it('lists commissions with their counts, overdue tasks marked in red', async () => {
    list.mockResolvedValue([
      commission({ overdue_tasks: 2, seats: 3, open_cases: 4 }),
      commission({ id: 'c2', name: 'کمیسیون فرهنگی ستاد', domain: 'cultural', center_id: null, center_name: null, can_manage: false }),
    ]);
    renderPage();
    const table = await screen.findByRole('table', { name: c.list });
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(first!).getByRole('link', { name: 'کمیسیون اقتصادی گلستان' }).getAttribute('href')).toBe('/commissions/c1');
    expect(within(first!).getByText('حوزهٔ اقتصادی')).toBeTruthy();
    expect(within(first!).getByText('۳')).toBeTruthy();
    expect(within(first!).getByText('۴')).toBeTruthy();
    const overdue = within(first!).getByText('۲ کار عقب‌افتاده');
    expect(overdue.closest('[data-overdue]')).toBeTruthy();
    expect(within(second!).getByText(c.ofHq)).toBeTruthy();
    expect(within(second!).getByText(c.noOverdue)).toBeTruthy();
  });

  it('sets a commission up and opens it', async () => {
    const user = userEvent.setup();
    list.mockResolvedValue([]);
    create.mockResolvedValue(commissionDetail({ commission: commission({ id: 'new-1', name: 'کمیسیون فرهنگی' }) }));
    renderPage();
    expect(await screen.findByText(c.empty)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: c.new }));
    const dialog = await screen.findByRole('dialog', { name: c.newTitle });
    expect(within(dialog).getByText(c.centerHint.replace('{{name}}', 'مرکز گلستان'))).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: fa.common.save }));
    expect(within(dialog).getByText(fa.common.required)).toBeTruthy();
    expect(create).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('radio', { name: fa.assessment.domain.cultural }));
    await user.type(within(dialog).getByRole('textbox', { name: new RegExp(`^${c.fields.name}`) }), 'كمیسیون فرهنگی');
    await user.type(within(dialog).getByRole('textbox', { name: c.fields.notes }), 'ماهی یک‌بار');
    await user.click(within(dialog).getByRole('button', { name: fa.common.save }));
    // Arabic ك became Persian ک.
    await waitFor(() => expect(create).toHaveBeenCalledWith({ domain: 'cultural', name: 'کمیسیون فرهنگی', notes: 'ماهی یک‌بار' }));
    await waitFor(() => expect(window.location.pathname).toBe('/commissions/new-1'));
  });

  it('offers no new commission to a member', async () => {
    list.mockResolvedValue([commission({ can_manage: false })]);
    renderPage(meOf('commission_member', 'center-1', ['commissions.read', 'referrals.read']));
    await screen.findByRole('table', { name: c.list });
    expect(screen.queryByRole('button', { name: c.new })).toBeNull();
  });
});
