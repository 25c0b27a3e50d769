import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import en from '../i18n/en';
import { remoteFamilyStore, setFamilyStore, type Family, type FamilyQuery, type Me, type Role } from '../data';
import { FamiliesPage } from './FamiliesPage';

const ts = '2025-01-01T00:00:00Z';

function meOf(role: Role): Me {
  return {
    user: {
      id: 'u1',
      username: 'someone',
      display_name: 'زهرا کریمی',
      role,
      hq_id: null,
      center_id: 'c1',
      disabled: false,
      version: 1,
      created_at: ts,
      updated_at: ts,
    },
    headquarters: { id: 'h1', code: 'THR', name: 'ستاد' },
    center: { id: 'c1', code: 'C-001', name: 'مرکز' },
    // A helper gets the page, with nothing in it yet; a manager may also register families.
    permissions: role === 'center_manager' ? ['centers.read', 'families.read', 'families.create'] : ['centers.read', 'families.read'],
    creatable_roles: [],
  };
}

function family(n: number): Family {
  return {
    id: `f${n}`,
    center_id: 'c1',
    family_name: `خانوادهٔ ${n}`,
    head_member_id: `m${n}`,
    head_name: `سرپرست ${n}`,
    neighborhood: 'گلستان',
    address: '',
    phones: [],
    housing: 'unknown',
    status: 'active',
    status_reason: '',
    consent_on: null,
    consent_recorded_by: null,
    sources: [],
    member_count: 3,
    tier: n % 2 === 0 ? 'at_risk' : null,
    version: 1,
    created_at: ts,
    updated_at: ts,
  };
}

function renderPage(role: Role) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <FamiliesPage me={meOf(role)} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

/** A store answering pages of `total` families and recording what it was asked. */
function fakeStore(total: number) {
  const asked: FamilyQuery[] = [];
  setFamilyStore({
    ...remoteFamilyStore,
    list: async (q) => {
      asked.push(q);
      const size = q.pageSize ?? 25;
      const page = q.page ?? 1;
      const all = Array.from({ length: q.q ? 1 : total }, (_, i) => family(i + 1));
      return { items: all.slice((page - 1) * size, page * size), total: all.length, page, page_size: size };
    },
  });
  return asked;
}

beforeAll(() => {
  initI18n('fa');
});

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

afterAll(() => setFamilyStore(remoteFamilyStore));

describe('FamiliesPage with no families', () => {
  it('tells a helper that none are assigned yet, in Persian', async () => {
    fakeStore(0);
    await i18n.changeLanguage('fa');
    renderPage('helper');
    expect(await screen.findByText(fa.families.emptyAssigned)).toBeTruthy();
    expect(screen.getByText(fa.families.emptyAssignedHint)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    // Registering families is the manager's.
    expect(screen.queryByRole('button', { name: fa.families.new })).toBeNull();
    // Nor import, export or duplicates.
    expect(screen.queryByRole('link', { name: fa.families.importList })).toBeNull();
    expect(screen.queryByRole('button', { name: fa.export.menu })).toBeNull();
    expect(screen.queryByRole('link', { name: fa.families.duplicates })).toBeNull();
  });

  it('tells a helper that none are assigned yet, in English', async () => {
    fakeStore(0);
    await i18n.changeLanguage('en');
    renderPage('helper');
    expect(await screen.findByText(en.families.emptyAssigned)).toBeTruthy();
  });

  it('tells a manager that the center has none, and offers to register one', async () => {
    fakeStore(0);
    await i18n.changeLanguage('fa');
    renderPage('center_manager');
    expect(await screen.findByText(fa.families.emptyCenter)).toBeTruthy();
    expect(screen.getByRole('button', { name: fa.families.new })).toBeTruthy();
    expect(screen.getByRole('link', { name: fa.families.importList }).getAttribute('href')).toBe('/families/import');
    expect(screen.getByRole('link', { name: fa.families.duplicates }).getAttribute('href')).toBe('/families/duplicates');
    // The export menu names both formats and says the export is logged.
    fireEvent.click(screen.getByRole('button', { name: fa.export.menu }));
    expect(await screen.findByRole('menuitem', { name: 'فایل CSV' })).toBeTruthy();
    expect(screen.getByRole('menuitem', { name: 'فایل اکسل (XLSX)' })).toBeTruthy();
    expect(screen.getByText(fa.export.logged)).toBeTruthy();
  });
});

describe('FamiliesPage with families', () => {
  it('links each family to its page and pages through in Persian digits', async () => {
    const asked = fakeStore(30);
    await i18n.changeLanguage('fa');
    window.history.replaceState(null, '', '/families');
    renderPage('center_manager');
    const table = await screen.findByRole('table', { name: fa.families.list });
    expect(within(table).getByRole('link', { name: 'خانوادهٔ 1' }).getAttribute('href')).toBe('/families/f1');
    expect(screen.getByText('۳۰ خانواده')).toBeTruthy();
    expect(screen.getByText('صفحهٔ ۱ از ۲')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: fa.pager.next }));
    await screen.findByText('صفحهٔ ۲ از ۲');
    expect(asked.at(-1)).toMatchObject({ page: 2, pageSize: 25 });
    expect(window.location.search).toBe('?page=2');
  });

  it('searches after a pause, with normalized letters and digits, from page 1', async () => {
    const asked = fakeStore(30);
    await i18n.changeLanguage('fa');
    window.history.replaceState(null, '', '/families?page=2');
    renderPage('center_manager');
    await screen.findByText('صفحهٔ ۲ از ۲');
    const calls = asked.length;
    fireEvent.change(screen.getByRole('searchbox', { name: fa.families.search }), { target: { value: 'علي ۰۹۱۲' } });
    // Nothing yet: the list waits for the typing to pause.
    expect(asked.length).toBe(calls);
    await waitFor(() => expect(asked.at(-1)).toMatchObject({ q: 'علی 0912', page: 1 }), { timeout: 2000 });
    expect(await screen.findByText('۱ خانواده')).toBeTruthy();
    expect(new URLSearchParams(window.location.search).get('q')).toBe('علي ۰۹۱۲');
  });

  it('says when nothing matches and clears the search', async () => {
    setFamilyStore({
      ...remoteFamilyStore,
      list: vi.fn(async (q: FamilyQuery) => (q.q ? { items: [], total: 0, page: 1, page_size: 25 } : { items: [family(1)], total: 1, page: 1, page_size: 25 })),
    });
    await i18n.changeLanguage('fa');
    window.history.replaceState(null, '', '/families?q=%D8%B2');
    renderPage('center_manager');
    expect(await screen.findByText(fa.families.noMatch)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: fa.families.clearFilters }));
    expect(await screen.findByRole('link', { name: 'خانوادهٔ 1' })).toBeTruthy();
    expect((screen.getByRole('searchbox', { name: fa.families.search }) as HTMLInputElement).value).toBe('');
  });

  it('shows the tier of each family and filters by tier from the address bar', async () => {
    const asked = fakeStore(3);
    await i18n.changeLanguage('fa');
    window.history.replaceState(null, '', '/families?tier=unassessed');
    renderPage('center_manager');
    const table = await screen.findByRole('table', { name: fa.families.list });
    expect(asked.at(-1)).toMatchObject({ tier: 'unassessed', page: 1 });
    const rows = within(table).getAllByRole('row');
    // Families 1 and 3 have no tier yet; family 2 is at risk.
    expect(within(rows[1]!).getByText(fa.assessment.tier.none)).toBeTruthy();
    expect(within(rows[2]!).getByText(fa.assessment.tier.at_risk)).toBeTruthy();
    expect((screen.getByRole('combobox', { name: fa.assessment.tierFilter }) as HTMLInputElement).value).toBe(fa.assessment.tier.none);
  });
});
