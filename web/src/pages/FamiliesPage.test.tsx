import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import en from '../i18n/en';
import { remoteFamilySource, setFamilySource, type Me, type Role } from '../data';
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
    // What the server gives a helper: the page, with nothing in it yet.
    permissions: ['centers.read', 'families.read'],
    creatable_roles: [],
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

beforeAll(() => {
  initI18n('fa');
  setFamilySource({ list: async () => [] });
});

afterAll(() => setFamilySource(remoteFamilySource));

describe('FamiliesPage with no families', () => {
  it('tells a helper that none are assigned yet, in Persian', async () => {
    await i18n.changeLanguage('fa');
    renderPage('helper');
    expect(await screen.findByText(fa.families.emptyAssigned)).toBeTruthy();
    expect(screen.getByText(fa.families.emptyAssignedHint)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('tells a helper that none are assigned yet, in English', async () => {
    await i18n.changeLanguage('en');
    renderPage('helper');
    expect(await screen.findByText(en.families.emptyAssigned)).toBeTruthy();
  });

  it('tells a manager that the center has none', async () => {
    await i18n.changeLanguage('fa');
    renderPage('center_manager');
    expect(await screen.findByText(fa.families.emptyCenter)).toBeTruthy();
  });
});
