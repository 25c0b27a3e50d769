import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import type { Assignment, HelperDetail, Me } from '../api/types';
import { ApiError } from '../api/errors';
import { acceptHelper, changeHelperStatus, getHelper } from '../data/helpers';
import { HelperPage } from './HelperPage';

vi.mock('../data/helpers', async (original) => ({
  ...(await original<typeof import('../data/helpers')>()),
  getHelper: vi.fn(),
  acceptHelper: vi.fn(),
  changeHelperStatus: vi.fn(),
}));

const ts = '2025-01-01T00:00:00Z';

const me: Me = {
  user: { id: 'u1', username: 'manager', display_name: 'مدیر', role: 'center_manager', hq_id: null, center_id: 'c1', disabled: false, version: 1, created_at: ts, updated_at: ts },
  headquarters: null,
  center: { id: 'c1', code: 'C-001', name: 'مرکز' },
  permissions: ['families.read', 'helpers.read', 'helpers.manage', 'assignments.manage'],
  creatable_roles: [],
};

function assignment(id: string, over: Partial<Assignment>): Assignment {
  return {
    id,
    active: true,
    assigned_by: 'u1',
    assigned_by_name: null,
    center_id: 'c1',
    created_at: ts,
    end_reason: '',
    ended_at: null,
    ended_by_name: null,
    ends_on: '2026-03-20',
    family_id: `f${id}`,
    family_name: `خانوادهٔ ${id}`,
    helper_id: 'h1',
    helper_name: 'مریم احمدی',
    reason: '',
    replaces_id: null,
    starts_on: '2025-03-21',
    version: 1,
    ...over,
  };
}

function detail(over: Partial<HelperDetail['helper']>, more: Partial<HelperDetail> = {}): HelperDetail {
  return {
    helper: {
      id: 'h1',
      first_name: 'مریم',
      last_name: 'احمدی',
      full_name: 'مریم احمدی',
      status: 'in_training',
      caseload: 0,
      center_id: 'c1',
      availability: 'عصرها',
      background: 'university_graduate',
      field_of_study: 'مددکاری اجتماعی',
      mobile: '09121234567',
      neighborhood: 'گلستان',
      notes: '',
      skills: ['counseling', 'job_finding'],
      pre_service_hours: 27.5,
      in_service_hours: 0,
      last_activity: null,
      user_id: null,
      username: null,
      created_at: ts,
      updated_at: ts,
      version: 4,
      ...over,
    },
    rules: { pre_service_hours: 40, in_service_hours: 40, caseload_min: 5, caseload_max: 15, assignment_days: 365, offline_lock_days: 14, version: null },
    pre_service_missing_hours: 12.5,
    next_statuses: ['accepted', 'inactive'],
    courses: [{ course_id: 'k1', title: 'مبانی همیاری', curriculum: 'pre_service', attended_hours: 27.5, offered_hours: 30 }],
    history: [
      { from: null, to: 'applicant', at: ts, by_name: 'مدیر', reason: '' },
      { from: 'applicant', to: 'in_training', at: '2025-02-01T08:00:00Z', by_name: 'مدیر', reason: 'آغاز دوره' },
    ],
    assignments: [],
    ...more,
  };
}

function renderPage() {
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <HelperPage me={me} id="h1" />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

afterEach(() => {
  vi.mocked(getHelper).mockReset();
  vi.mocked(acceptHelper).mockReset();
  vi.mocked(changeHelperStatus).mockReset();
});

describe('HelperPage', () => {
  it('says before any click how many pre-service hours acceptance still needs', async () => {
    vi.mocked(getHelper).mockResolvedValue(detail({}));
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'مریم احمدی' })).toBeTruthy();
    const accept = screen.getByRole('button', { name: fa.helpers.actions.accept }) as HTMLButtonElement;
    expect(accept.disabled).toBe(true);
    const why = document.getElementById(accept.getAttribute('aria-describedby')!)!;
    expect(why.textContent).toBe('برای پذیرش، ۱۲٫۵ ساعت دیگر آموزش پیش از خدمت لازم است (۲۷٫۵ از ۴۰ ساعت گذرانده شده است).');

    // Training against the rules, the courses, the history of the status.
    const training = screen.getByRole('region', { name: fa.helpers.training.title });
    expect(within(training).getByRole('progressbar', { name: fa.helpers.training.preService }).getAttribute('aria-valuetext')).toBe('۲۷٫۵ از ۴۰ ساعت');
    expect(within(training).getByText('مبانی همیاری')).toBeTruthy();
    expect(within(training).getByText('۲۷٫۵ از ۳۰ ساعت')).toBeTruthy();
    const history = screen.getByRole('region', { name: fa.helpers.statusHistory.title });
    expect(within(history).getByText('«متقاضی» ← «در حال آموزش»')).toBeTruthy();
    expect(within(history).getByText('دلیل: آغاز دوره')).toBeTruthy();
    // Profile: Persian digits, the background and skills in words.
    expect(screen.getByText('۰۹۱۲۱۲۳۴۵۶۷')).toBeTruthy();
    expect(screen.getAllByText(fa.helpers.background.university_graduate).length).toBeGreaterThan(0);
    expect(screen.getByText(fa.helpers.skill.job_finding)).toBeTruthy();
  });

  it('accepts with a new account, and shows the refusals clearly', async () => {
    vi.mocked(getHelper).mockResolvedValue(detail({ pre_service_hours: 40 }, { pre_service_missing_hours: 0 }));
    vi.mocked(acceptHelper)
      .mockRejectedValueOnce(new ApiError({ status: 409, code: 'duplicate_username', field: 'username' }))
      .mockRejectedValueOnce(
        new ApiError({
          status: 409,
          code: 'pre_service_incomplete',
          message: 'آموزش پیش از خدمت کامل نیست: 38 از 40 ساعت گذرانده شده است / Pre-service training is not complete: 38 of 40 hours done',
        }),
      );
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: fa.helpers.actions.accept }));
    const dialog = await screen.findByRole('dialog');
    const submit = within(dialog).getByRole('button', { name: fa.helpers.actions.accept });
    fireEvent.click(submit);
    expect(await within(dialog).findByText(fa.common.required)).toBeTruthy();
    expect(acceptHelper).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByRole('textbox', { name: fa.helpers.accept.username }), { target: { value: 'Maryam.Ahmadi' } });
    fireEvent.change(within(dialog).getByLabelText(new RegExp(`^${fa.helpers.accept.password}`), { selector: 'input' }), { target: { value: 'گذر-۱۲۳۴۵۶۷۸' } });
    fireEvent.change(within(dialog).getByLabelText(new RegExp(`^${fa.helpers.accept.repeatPassword}`), { selector: 'input' }), { target: { value: 'گذر-۱۲۳۴۵۶۷۸' } });
    fireEvent.click(submit);
    expect(await within(dialog).findByText(fa.errors.duplicate_username)).toBeTruthy();
    expect(acceptHelper).toHaveBeenCalledWith('h1', { version: 4, reason: '', username: 'maryam.ahmadi', password: 'گذر-12345678' });

    fireEvent.click(submit);
    expect(await within(dialog).findByText('آموزش پیش از خدمت کامل نیست: ۳۸ از ۴۰ ساعت گذرانده شده است')).toBeTruthy();
  });

  it('asks no account of a helper who has one', async () => {
    const fresh = detail({ status: 'accepted', username: 'maryam', user_id: 'u9', pre_service_hours: 40 }, { pre_service_missing_hours: 0 });
    vi.mocked(getHelper).mockResolvedValue(detail({ status: 'inactive', username: 'maryam', user_id: 'u9', pre_service_hours: 40 }, { pre_service_missing_hours: 0, next_statuses: ['accepted', 'in_training'] }));
    vi.mocked(acceptHelper).mockResolvedValue(fresh);
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: fa.helpers.actions.accept }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByRole('textbox', { name: fa.helpers.accept.username })).toBeNull();
    expect(within(dialog).getByText('حساب کاربری پیشین این همیار (\u2066maryam\u2069) دوباره باز می‌شود.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: fa.helpers.actions.accept }));
    await waitFor(() => expect(acceptHelper).toHaveBeenCalledWith('h1', { version: 4, reason: '' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getAllByText(fa.helpers.status.accepted).length).toBeGreaterThan(0);
  });

  it('explains that going inactive ends every assignment and closes the account at once, and needs a reason', async () => {
    vi.mocked(getHelper).mockResolvedValue(
      detail(
        { status: 'active', caseload: 2, username: 'maryam', user_id: 'u9', pre_service_hours: 40 },
        { pre_service_missing_hours: 0, next_statuses: ['inactive'], assignments: [assignment('1', {}), assignment('2', {}), assignment('3', { active: false, ended_at: ts, end_reason: 'پایان دوره' })] },
      ),
    );
    vi.mocked(changeHelperStatus).mockRejectedValue(
      new ApiError({ status: 409, code: 'status_change_not_allowed', field: 'status', message: 'این تغییر وضعیت مجاز نیست: از «غیرفعال» به «غیرفعال» / This status change is not allowed: from inactive to inactive' }),
    );
    renderPage();
    const caseload = await screen.findByRole('region', { name: fa.helpers.caseload.title });
    expect(within(caseload).getByRole('table', { name: fa.helpers.assignments.openList })).toBeTruthy();
    expect(within(caseload).getByRole('table', { name: fa.helpers.assignments.endedList })).toBeTruthy();
    expect(within(caseload).getByText(/دلیل: پایان دوره/)).toBeTruthy();
    expect(within(caseload).getByText('کمتر از حداقل (۵)')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: fa.helpers.actions.makeInactive }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('همهٔ واگذاری‌های این همیار (۲ خانواده) همین حالا پایان می‌یابد و دیگر به پروندهٔ آن خانواده‌ها دسترسی ندارد.')).toBeTruthy();
    expect(within(dialog).getByText(fa.helpers.inactive.closesAccount)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: fa.helpers.actions.makeInactive }));
    expect(await within(dialog).findByText(fa.helpers.inactive.reasonRequired)).toBeTruthy();
    expect(changeHelperStatus).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByRole('textbox', { name: fa.helpers.inactive.reason }), { target: { value: 'جابه‌جایی' } });
    fireEvent.click(within(dialog).getByRole('button', { name: fa.helpers.actions.makeInactive }));
    expect(await within(dialog).findByText('این تغییر وضعیت مجاز نیست: از «غیرفعال» به «غیرفعال»')).toBeTruthy();
    expect(changeHelperStatus).toHaveBeenCalledWith('h1', 'inactive', 4, 'جابه‌جایی');
  });
});
