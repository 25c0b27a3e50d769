import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import type { Helper, HelperDetail, HelperStatus, Me } from '../api/types';
import { ApiError } from '../api/errors';
import { createHelper, listHelpers } from '../data/helpers';
import { HelpersPage } from './HelpersPage';

vi.mock('../data/helpers', async (original) => ({
  ...(await original<typeof import('../data/helpers')>()),
  listHelpers: vi.fn(),
  createHelper: vi.fn(),
}));

const ts = '2025-01-01T00:00:00Z';

const me: Me = {
  user: { id: 'u1', username: 'manager', display_name: 'مدیر', role: 'center_manager', hq_id: null, center_id: 'c1', disabled: false, version: 1, created_at: ts, updated_at: ts },
  headquarters: null,
  center: { id: 'c1', code: 'C-001', name: 'مرکز' },
  permissions: ['families.read', 'helpers.read', 'helpers.manage', 'assignments.manage'],
  creatable_roles: [],
};

function helper(id: string, name: string, status: HelperStatus, caseload: number, over: Partial<Helper> = {}): Helper {
  return {
    id,
    full_name: name,
    first_name: name.split(' ')[0]!,
    last_name: name.split(' ')[1]!,
    status,
    caseload,
    center_id: 'c1',
    availability: '',
    background: 'local_activist',
    field_of_study: '',
    mobile: '',
    neighborhood: '',
    notes: '',
    skills: [],
    pre_service_hours: 12.5,
    in_service_hours: 0,
    last_activity: null,
    user_id: null,
    username: null,
    created_at: ts,
    updated_at: ts,
    version: 1,
    ...over,
  };
}

const rules = { pre_service_hours: 40, in_service_hours: 40, caseload_min: 5, caseload_max: 15, assignment_days: 365, offline_lock_days: 14, version: null };

function renderPage(who: Me = me) {
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <HelpersPage me={who} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

afterEach(() => {
  vi.mocked(listHelpers).mockReset();
  vi.mocked(createHelper).mockReset();
  window.history.replaceState(null, '', '/');
});

describe('HelpersPage', () => {
  it('shows each helper with status, caseload against the limits, training hours and last activity', async () => {
    vi.mocked(listHelpers).mockResolvedValue({
      rules,
      items: [
        helper('h1', 'مریم احمدی', 'active', 3, { pre_service_hours: 40, in_service_hours: 6, last_activity: new Date().toISOString() }),
        helper('h2', 'زهرا کریمی', 'active', 15, { pre_service_hours: 40 }),
        helper('h3', 'سارا موسوی', 'applicant', 0),
      ],
    });
    renderPage();
    const table = await screen.findByRole('table', { name: fa.helpers.list });
    const [, under, full, applicant] = within(table).getAllByRole('row');
    expect(within(under!).getByRole('link', { name: 'مریم احمدی' }).getAttribute('href')).toBe('/helpers/h1');
    expect(within(under!).getByText(fa.helpers.status.active)).toBeTruthy();
    expect(within(under!).getByText('۳ از ۱۵ خانواده')).toBeTruthy();
    expect(within(under!).getByText('کمتر از حداقل (۵)')).toBeTruthy();
    expect(within(under!).getByRole('progressbar', { name: 'خانواده‌های «مریم احمدی»' }).getAttribute('aria-valuetext')).toBe('۳ از ۱۵ خانواده، کمتر از حداقل (۵)');
    expect(within(under!).getByText('۶ از ۴۰ ساعت')).toBeTruthy();
    expect(within(under!).getByText(fa.helpers.activity.today)).toBeTruthy();
    expect(within(full!).getByText(fa.helpers.caseload.full)).toBeTruthy();
    // An applicant with no families is not warned about; no activity is a dash.
    expect(within(applicant!).queryByText(/کمتر از حداقل/)).toBeNull();
    expect(within(applicant!).getByText('۱۲٫۵ از ۴۰ ساعت')).toBeTruthy();
    expect(within(applicant!).getByText(fa.common.none)).toBeTruthy();
  });

  it('filters by status, from and into the address bar', async () => {
    window.history.replaceState(null, '', '/helpers?status=in_training');
    vi.mocked(listHelpers).mockResolvedValue({ rules, items: [] });
    renderPage();
    expect(await screen.findByText('همیاری با وضعیت «در حال آموزش» نیست.')).toBeTruthy();
    expect(listHelpers).toHaveBeenLastCalledWith('in_training');
    fireEvent.click(screen.getByRole('button', { name: fa.helpers.showAll }));
    await waitFor(() => expect(listHelpers).toHaveBeenLastCalledWith(null));
    expect(window.location.search).toBe('');
  });

  it('registers an applicant with normalized letters and digits, skills in list order', async () => {
    vi.mocked(listHelpers).mockResolvedValue({ rules, items: [] });
    vi.mocked(createHelper)
      .mockRejectedValueOnce(
        new ApiError({ status: 422, code: 'validation', field: 'mobile', reason: 'format', message: 'mobile: شمارهٔ تلفن نادرست است / Wrong phone number' }),
      )
      .mockResolvedValueOnce({ helper: helper('h9', 'علی رضایی', 'applicant', 0) } as HelperDetail);
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: fa.helpers.new }));
    const dialog = await screen.findByRole('dialog');
    const submit = within(dialog).getByRole('button', { name: fa.helpers.form.register });
    fireEvent.click(submit);
    expect(await within(dialog).findByText(fa.helpers.form.chooseBackground)).toBeTruthy();
    expect(within(dialog).getAllByText(fa.common.required)).toHaveLength(2);

    fireEvent.change(within(dialog).getByRole('textbox', { name: new RegExp(`^${fa.helpers.fields.first_name}( \\*)?$`) }), { target: { value: ' علي ' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: new RegExp(`^${fa.helpers.fields.last_name}( \\*)?$`) }), { target: { value: 'رضايي' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: fa.helpers.fields.mobile }), { target: { value: '۰۹۱۲ ۱۲۳ ۴۵۶۷' } });
    fireEvent.click(within(dialog).getByRole('combobox', { name: new RegExp(`^${fa.helpers.fields.background}`) }));
    fireEvent.click(await screen.findByRole('option', { name: fa.helpers.background.seminary_graduate }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: fa.helpers.skill.job_finding }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: fa.helpers.skill.counseling }));
    fireEvent.click(submit);
    expect(await within(dialog).findByText('شمارهٔ تلفن نادرست است')).toBeTruthy();
    expect(createHelper).toHaveBeenCalledWith({
      first_name: 'علی',
      last_name: 'رضایی',
      mobile: '09121234567',
      background: 'seminary_graduate',
      field_of_study: '',
      skills: ['counseling', 'job_finding'],
      neighborhood: '',
      availability: '',
      notes: '',
    });
    fireEvent.click(submit);
    await waitFor(() => expect(window.location.pathname).toBe('/helpers/h9'));
  });
});
