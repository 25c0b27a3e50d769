import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import { remoteFamilyStore, setFamilyStore, type FamilyQuery, type Helper, type Me } from '../data';
import { listHelpers } from '../data/helpers';
import { FamiliesPage } from './FamiliesPage';

vi.mock('../data/helpers', async (original) => ({
  ...(await original<typeof import('../data/helpers')>()),
  listHelpers: vi.fn(),
}));

const ts = '2025-01-01T00:00:00Z';
const helperId = '0190a3b4-0000-7000-8000-000000000001';

const manager: Me = {
  user: { id: 'u1', username: 'manager', display_name: 'مدیر', role: 'center_manager', hq_id: null, center_id: 'c1', disabled: false, version: 1, created_at: ts, updated_at: ts },
  headquarters: null,
  center: { id: 'c1', code: 'C-001', name: 'مرکز' },
  permissions: ['families.read', 'families.create', 'helpers.read', 'assignments.manage'],
  creatable_roles: [],
};

const asked: FamilyQuery[] = [];

function renderPage(me: Me) {
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <FamiliesPage me={me} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
  setFamilyStore({
    ...remoteFamilyStore,
    list: async (q) => {
      asked.push(q);
      return { items: [], total: 0, page: 1, page_size: 25 };
    },
  });
  vi.mocked(listHelpers).mockResolvedValue({
    rules: { pre_service_hours: 40, in_service_hours: 40, caseload_min: 5, caseload_max: 15, assignment_days: 365, offline_lock_days: 14, version: null },
    items: [
      { id: 'h-applicant', full_name: 'سارا موسوی', status: 'applicant' } as Helper,
      { id: helperId, full_name: 'مریم احمدی', status: 'active' } as Helper,
    ],
  });
});

afterEach(() => {
  asked.length = 0;
  window.history.replaceState(null, '', '/');
});

afterAll(() => setFamilyStore(remoteFamilyStore));

describe('FamiliesPage helper filter', () => {
  it('lists families without a helper, from the address bar and into it', async () => {
    window.history.replaceState(null, '', '/families?helper=unassigned');
    renderPage(manager);
    const select = (await screen.findByRole('combobox', { name: fa.helpers.filter.label })) as HTMLInputElement;
    await waitFor(() => expect(select.value).toBe(fa.helpers.filter.unassigned));
    await waitFor(() => expect(asked.at(-1)?.helper).toBe('unassigned'));

    fireEvent.click(select);
    // Helpers who hold families first.
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      fa.helpers.filter.all,
      fa.helpers.filter.unassigned,
      'مریم احمدی',
      'سارا موسوی (متقاضی)',
    ]);
    fireEvent.click(screen.getByRole('option', { name: 'مریم احمدی' }));
    await waitFor(() => expect(asked.at(-1)?.helper).toBe(helperId));
    expect(window.location.search).toBe(`?helper=${helperId}`);
  });

  it('is only for managers who assign families', async () => {
    renderPage({ ...manager, permissions: ['families.read'] });
    await waitFor(() => expect(asked.length).toBeGreaterThan(0));
    expect(screen.queryByRole('combobox', { name: fa.helpers.filter.label })).toBeNull();
  });
});
