import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import type { Assignment, FamilyDetail, Helper, HelperSuggestions, Me } from '../../api/types';
import { ApiError } from '../../api/errors';
import { assignFamily, endAssignment, familyAssignments, helperSuggestions } from '../../data/helpers';
import { FamilyHelper, defaultEnd } from './FamilyHelper';

vi.mock('../../data/helpers', async (original) => ({
  ...(await original<typeof import('../../data/helpers')>()),
  familyAssignments: vi.fn(),
  helperSuggestions: vi.fn(),
  assignFamily: vi.fn(),
  endAssignment: vi.fn(),
  changeAssignmentEnd: vi.fn(),
}));

const ts = '2025-01-01T00:00:00Z';

const me: Me = {
  user: { id: 'u1', username: 'manager', display_name: 'مدیر', role: 'center_manager', hq_id: null, center_id: 'c1', disabled: false, version: 1, created_at: ts, updated_at: ts },
  headquarters: null,
  center: { id: 'c1', code: 'C-001', name: 'مرکز' },
  permissions: ['families.read', 'helpers.read', 'assignments.manage'],
  creatable_roles: [],
};

const family = {
  id: 'f1',
  center_id: 'c1',
  family_name: 'خانوادهٔ رضایی',
  neighborhood: 'گلستان',
  tier: 'at_risk',
  members: [],
} as unknown as FamilyDetail;

function assignment(id: string, over: Partial<Assignment>): Assignment {
  return {
    id,
    active: false,
    assigned_by: 'u1',
    assigned_by_name: null,
    center_id: 'c1',
    created_at: ts,
    end_reason: '',
    ended_at: null,
    ended_by_name: null,
    ends_on: '2026-03-20',
    family_id: 'f1',
    family_name: 'خانوادهٔ رضایی',
    helper_id: `h-${id}`,
    helper_name: `همیار ${id}`,
    reason: '',
    replaces_id: null,
    starts_on: '2025-03-21',
    version: 3,
    ...over,
  };
}

function helper(id: string, name: string, caseload: number): Helper {
  return {
    id,
    full_name: name,
    first_name: name.split(' ')[0]!,
    last_name: name.split(' ')[1]!,
    status: 'active',
    caseload,
    center_id: 'c1',
    availability: '',
    background: 'local_activist',
    field_of_study: '',
    mobile: '',
    neighborhood: '',
    notes: '',
    skills: [],
    pre_service_hours: 40,
    in_service_hours: 4,
    last_activity: null,
    user_id: null,
    username: null,
    created_at: ts,
    updated_at: ts,
    version: 1,
  };
}

const suggestions: HelperSuggestions = {
  family_id: 'f1',
  family_name: 'خانوادهٔ رضایی',
  neighborhood: 'گلستان',
  tier: 'at_risk',
  harms: [{ indicator: 'unemployment', member: null, critical: false, name_fa: 'بیکاری سرپرست', name_en: 'Unemployed head' }],
  rules: { pre_service_hours: 40, in_service_hours: 40, caseload_min: 5, caseload_max: 15, assignment_days: 365, offline_lock_days: 14, version: null },
  suggestions: [
    { helper: helper('h1', 'مریم احمدی', 3), score: 9, free: 12, full: false, same_neighborhood: true, matching_skills: ['job_finding'] },
    { helper: helper('h2', 'زهرا کریمی', 7), score: 4, free: 8, full: false, same_neighborhood: false, matching_skills: [] },
    { helper: helper('h3', 'سارا موسوی', 15), score: 8, free: 0, full: true, same_neighborhood: true, matching_skills: ['job_finding'] },
  ],
};

function renderSection() {
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <FamilyHelper me={me} family={family} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

afterEach(() => {
  // A reload may still be on its way when the test ends.
  vi.mocked(familyAssignments).mockReset().mockResolvedValue([]);
  vi.mocked(helperSuggestions).mockReset().mockResolvedValue(suggestions);
  vi.mocked(assignFamily).mockReset();
  vi.mocked(endAssignment).mockReset();
});

describe('FamilyHelper', () => {
  it('is only for those who assign families', () => {
    const { container } = render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider env="test">
          <FamilyHelper me={{ ...me, permissions: ['families.read'] }} family={family} />
        </MantineProvider>
      </I18nextProvider>,
    );
    expect(container.querySelector('section')).toBeNull();
    expect(familyAssignments).not.toHaveBeenCalled();
  });

  it('shows the current helper and the former ones, with their end reason', async () => {
    vi.mocked(familyAssignments).mockResolvedValue([
      assignment('2', { active: true, reason: 'درخواست خانواده' }),
      assignment('1', { ended_at: '2025-03-21T08:00:00Z', end_reason: 'جابه‌جایی همیار', starts_on: '2024-04-01', ends_on: '2025-03-31' }),
    ]);
    renderSection();
    const section = await screen.findByRole('region', { name: fa.helpers.assign.section });
    expect(await within(section).findByRole('link', { name: 'همیار 2' })).toBeTruthy();
    expect(within(section).getByRole('link', { name: 'همیار 2' }).getAttribute('href')).toBe('/helpers/h-2');
    expect(within(section).getByText('از ۱ فروردین ۱۴۰۴ تا ۲۹ اسفند ۱۴۰۴')).toBeTruthy();
    const history = within(section).getByRole('list', { name: fa.helpers.assign.history });
    expect(within(history).getByText(/دلیل: جابه‌جایی همیار/)).toBeTruthy();
    expect(within(section).getByRole('button', { name: fa.helpers.assign.reassign })).toBeTruthy();
  });

  it('suggests helpers best first, keeps full ones out of reach, and asks why a family not harmed is assigned', async () => {
    vi.mocked(familyAssignments).mockResolvedValue([]);
    vi.mocked(helperSuggestions).mockResolvedValue(suggestions);
    vi.mocked(assignFamily).mockResolvedValue(assignment('9', { helper_name: 'مریم احمدی' }));
    renderSection();
    const section = await screen.findByRole('region', { name: fa.helpers.assign.section });
    expect(within(section).getByText(fa.helpers.assign.noHelper)).toBeTruthy();
    fireEvent.click(await within(section).findByRole('button', { name: fa.helpers.assign.assign }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('بیکاری سرپرست');

    const radios = within(dialog).getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual(['h1', 'h2', 'h3']);
    expect((within(dialog).getByRole('radio', { name: 'سارا موسوی' }) as HTMLInputElement).disabled).toBe(true);
    expect(within(dialog).getByText('ظرفیت تکمیل: این همیار ۱۵ خانواده دارد که سقف است.')).toBeTruthy();
    expect(within(dialog).getByText('۳ از ۱۵ خانواده؛ ۱۲ جای خالی')).toBeTruthy();
    expect(within(dialog).getAllByText(fa.helpers.assign.sameNeighborhood)).toHaveLength(2);
    expect(within(dialog).getAllByText(fa.helpers.skill.job_finding).length).toBeGreaterThan(0);

    // Not harmed: the reason is required, with the explanation.
    const reason = within(dialog).getByRole('textbox', { name: fa.helpers.assign.reason });
    expect(within(dialog).getByText(fa.helpers.assign.notHarmed)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('radio', { name: 'مریم احمدی' }));
    fireEvent.click(within(dialog).getByRole('button', { name: fa.helpers.assign.assign }));
    expect(await within(dialog).findByText(fa.helpers.assign.reasonRequired)).toBeTruthy();
    expect(assignFamily).not.toHaveBeenCalled();

    fireEvent.change(reason, { target: { value: 'درخواست مددكار' } });
    fireEvent.click(within(dialog).getByRole('button', { name: fa.helpers.assign.assign }));
    await waitFor(() => expect(assignFamily).toHaveBeenCalledTimes(1));
    const [familyId, input] = vi.mocked(assignFamily).mock.calls[0]!;
    expect(familyId).toBe('f1');
    // Arabic kaf typed, Persian sent; the end follows the start by the rules' length.
    expect(input).toMatchObject({ helperId: 'h1', reason: 'درخواست مددکار' });
    expect(input.startsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(input.endsOn).toBe(defaultEnd(input.startsOn!, 365));
  });

  it('explains a refusal for a full caseload, naming the helper and the limit', async () => {
    vi.mocked(familyAssignments).mockResolvedValue([]);
    vi.mocked(helperSuggestions).mockResolvedValue({ ...suggestions, tier: 'harmed' });
    vi.mocked(assignFamily).mockRejectedValue(new ApiError({ status: 409, code: 'caseload_full', field: 'helper_id' }));
    renderSection();
    const section = await screen.findByRole('region', { name: fa.helpers.assign.section });
    fireEvent.click(await within(section).findByRole('button', { name: fa.helpers.assign.assign }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(await within(dialog).findByRole('radio', { name: 'زهرا کریمی' }));
    // Harmed: no reason asked.
    expect(within(dialog).queryByRole('textbox', { name: fa.helpers.assign.reason })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: fa.helpers.assign.assign }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('«زهرا کریمی» هم‌اکنون ۱۵ خانواده دارد که سقف است');
  });

  it('ends an assignment after a confirmation that the helper loses access at once', async () => {
    const current = assignment('2', { active: true });
    vi.mocked(familyAssignments).mockResolvedValue([current]);
    vi.mocked(endAssignment).mockResolvedValue({ ...current, ended_at: ts, end_reason: 'پایان کار' });
    renderSection();
    const section = await screen.findByRole('region', { name: fa.helpers.assign.section });
    fireEvent.click(await within(section).findByRole('button', { name: fa.helpers.assignments.end }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('با پایان واگذاری، «همیار 2» از همین لحظه به پروندهٔ «خانوادهٔ رضایی» دسترسی ندارد.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: fa.helpers.assignments.endNow }));
    expect(await within(dialog).findByText(fa.helpers.assignments.endReasonRequired)).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('textbox', { name: fa.helpers.assignments.endReason }), { target: { value: 'پایان کار' } });
    fireEvent.click(within(dialog).getByRole('button', { name: fa.helpers.assignments.endNow }));
    await waitFor(() => expect(endAssignment).toHaveBeenCalledWith('2', 3, 'پایان کار'));
    await waitFor(() => expect(familyAssignments).toHaveBeenCalledTimes(2));
  });
});
