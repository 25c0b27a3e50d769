import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import { remoteFamilyStore, setFamilyStore, type FamilyDetail, type Me, type Member } from '../data';
import { FamilyPage } from './FamilyPage';

const ts = '2025-01-01T00:00:00Z';

const me: Me = {
  user: { id: 'u1', username: 'manager', display_name: 'مدیر', role: 'center_manager', hq_id: null, center_id: 'c1', disabled: false, version: 1, created_at: ts, updated_at: ts },
  headquarters: null,
  center: { id: 'c1', code: 'C-001', name: 'مرکز' },
  permissions: ['families.read'],
  creatable_roles: [],
};

function member(id: string, first: string, relation: Member['relation'], national_id: string | null): Member {
  return {
    id,
    family_id: 'f1',
    first_name: first,
    last_name: 'رضایی',
    father_name: '',
    national_id,
    birth_date: '1978-04-02',
    sex: 'male',
    relation,
    marital_status: 'married',
    education: '',
    occupation: '',
    health: '',
    disability: '',
    insurance: '',
    mobile: '',
    extra: {},
    version: 1,
    created_at: ts,
    updated_at: ts,
  };
}

const detail: FamilyDetail = {
  id: 'f1',
  center_id: 'c1',
  family_name: 'خانوادهٔ رضایی',
  head_member_id: 'm1',
  head_name: 'علی رضایی',
  neighborhood: 'گلستان',
  address: 'کوچهٔ لاله، پلاک 12',
  phones: ['09121234500'],
  housing: 'rented',
  status: 'active',
  status_reason: '',
  consent_on: '2025-03-21',
  consent_recorded_by: null,
  sources: [{ organization: 'بهزیستی', reference: '1400' }],
  member_count: 2,
  version: 3,
  created_at: ts,
  updated_at: ts,
  members: [member('m1', 'علی', 'head', '0499370899'), member('m2', 'محمد', 'child', null)],
};

beforeAll(() => {
  initI18n('fa');
  setFamilyStore({ ...remoteFamilyStore, get: async () => detail });
});

afterAll(() => setFamilyStore(remoteFamilyStore));

describe('FamilyPage', () => {
  it('shows the family in Persian: Solar Hijri dates, Persian digits, translated codes', async () => {
    await i18n.changeLanguage('fa');
    render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider env="test">
          <FamilyPage me={me} id="f1" />
        </MantineProvider>
      </I18nextProvider>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'خانوادهٔ رضایی' })).toBeTruthy();
    expect(screen.getByText('۱ فروردین ۱۴۰۴')).toBeTruthy();
    expect(screen.getByText('۰۹۱۲۱۲۳۴۵۰۰')).toBeTruthy();
    expect(screen.getByText(fa.enums.housing.rented)).toBeTruthy();
    expect(screen.getByText('بهزیستی (۱۴۰۰)')).toBeTruthy();
    expect(screen.getByRole('tab', { name: fa.access.title })).toBeTruthy();

    const table = screen.getByRole('table', { name: fa.family.membersList });
    const [, headRow, childRow] = within(table).getAllByRole('row');
    // Masked but for the last four digits, until asked.
    expect(within(headRow!).getByText('******۰۸۹۹')).toBeTruthy();
    fireEvent.click(within(headRow!).getByRole('button', { name: 'نمایش کامل کد ملی «علی رضایی»' }));
    expect(within(headRow!).getByText('۰۴۹۹۳۷۰۸۹۹')).toBeTruthy();
    expect(within(childRow!).getByText(fa.enums.relation.child)).toBeTruthy();
    expect(within(headRow!).getByText(/\(۴[۰-۹] ساله\)/)).toBeTruthy();
  });
});
