import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import {
  remoteAssessmentStore,
  remoteFamilyStore,
  setAssessmentStore,
  setFamilyStore,
  type AssessmentSummary,
  type CreateAssessmentRequest,
  type FamilyDetail,
  type Me,
  type Member,
} from '../data';
import { familyConflicts, familyOfflineEdits, resolveConflict } from '../data/sync';
import type { HistoryEntry, MutationRecord, SyncConflict } from '../api/types';
import { FamilyPage } from './FamilyPage';
import { loadAssistanceSource, onlineAssistance } from '../data/assistance';
import { assistance, sourceOf } from './assistance/fixtures';

vi.mock('../data/sync', () => ({ familyConflicts: vi.fn(async () => []), resolveConflict: vi.fn(), familyOfflineEdits: vi.fn(async () => []) }));
vi.mock('../data/assistance', () => ({
  loadAssistanceSource: vi.fn(async () => sourceOf(assistance({ activities: [], tasks: [], decisions: [] }))),
  onlineAssistance: { logService: vi.fn(async () => {}) },
}));

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
  tier: 'harmed',
  version: 3,
  created_at: ts,
  updated_at: ts,
  members: [member('m1', 'علی', 'head', '0499370899'), member('m2', 'محمد', 'child', null)],
};

function assessment(id: string, over: Partial<AssessmentSummary>): AssessmentSummary {
  return {
    id,
    family_id: 'f1',
    center_id: 'c1',
    instrument_id: 'i1',
    kind: 'baseline',
    status: 'final',
    assessed_on: '2025-04-01',
    assessor_id: 'u1',
    assessor_name: 'فاطمه کاظمی',
    domain_scores: { social: 30, economic: 50, cultural: 70 },
    computed_tier: 'harmed',
    tier: 'harmed',
    tier_override: null,
    corrects: null,
    correction_reason: '',
    superseded_by: null,
    current: false,
    finalized_at: ts,
    version: 2,
    created_at: ts,
    updated_at: ts,
    ...over,
  };
}

const started: CreateAssessmentRequest[] = [];

const history: HistoryEntry[] = [
  {
    seq: 12,
    entity: 'family_member',
    entity_id: 'm1',
    op: 'update',
    at: '2025-03-01T11:00:00Z',
    actor: { id: 'u2', display_name: 'علی نجفی' },
    changes: { mobile: { old: '09121112233', new: '09124539573' } },
    offline: { device_id: 'd1', device_seq: 7, device_time: '2025-03-01T10:15:00Z' },
  },
  {
    seq: 11,
    entity: 'assessment',
    entity_id: 'a9',
    op: 'finalize',
    at: '2025-03-01T11:00:00Z',
    actor: { id: 'u2', display_name: 'علی نجفی' },
    changes: {
      status: { old: 'draft', new: 'final' },
      computed_tier: { old: null, new: 'at_risk' },
      answers: { old: {}, new: { family: { 'social.cohesion': '3' } } },
      instrument_id: { old: null, new: 'i1' },
    },
    offline: { device_id: 'd1', device_seq: 8, device_time: null },
  },
  {
    seq: 10,
    entity: 'family',
    entity_id: 'f1',
    op: 'update',
    at: '2025-02-01T08:00:00Z',
    actor: { id: 'u1', display_name: 'مدیر' },
    changes: { neighborhood: { old: 'نارمک', new: 'گلستان' } },
    offline: null,
  },
];

beforeAll(() => {
  initI18n('fa');
  setFamilyStore({ ...remoteFamilyStore, get: async () => detail, history: async () => history });
  setAssessmentStore({
    ...remoteAssessmentStore,
    list: async () => ({
      tier: 'harmed',
      items: [
        assessment('a3', { kind: 'follow_up', status: 'draft', assessed_on: '2025-06-01', computed_tier: null, tier: null, finalized_at: null }),
        assessment('a2', {
          corrects: 'a1',
          correction_reason: 'پاسخ اشتباه',
          current: true,
          computed_tier: 'at_risk',
          tier_override: { tier: 'harmed', reason: 'خشونت تازه', by: 'u1', by_name: 'فاطمه کاظمی', at: ts },
        }),
        assessment('a1', { superseded_by: 'a2' }),
      ],
    }),
    tierHistory: async () => [
      { on: '2025-04-01', at: ts, source: 'assessment', assessment_id: 'a2', kind: 'baseline', tier: 'harmed', computed_tier: 'at_risk', override_reason: 'خشونت تازه', instrument_id: 'i1' },
    ],
    assessors: async () => [{ id: 'u1', display_name: 'مدیر', role: 'center_manager' }],
    start: async (_family, body) => {
      started.push(body);
      throw new Error('stop here');
    },
  });
});

afterAll(() => {
  setFamilyStore(remoteFamilyStore);
  setAssessmentStore(remoteAssessmentStore);
});

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

  it('shows the tier, the assessments with their marks and the tier history, and starts a new one', async () => {
    await i18n.changeLanguage('fa');
    render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider env="test">
          <FamilyPage me={{ ...me, permissions: ['families.read', 'assessments.write'] }} id="f1" />
        </MantineProvider>
      </I18nextProvider>,
    );
    const section = await screen.findByRole('region', { name: fa.assessment.section });
    const table = await within(section).findByRole('table', { name: fa.assessment.list });
    const [, draftRow, correctionRow, oldRow] = within(table).getAllByRole('row');
    expect(within(draftRow!).getByText(fa.assessment.status.draft)).toBeTruthy();
    expect(within(draftRow!).getByRole('link', { name: 'ادامهٔ سطح‌بندی پیگیری ۱۱ خرداد ۱۴۰۴' }).getAttribute('href')).toBe('/assessments/a3');
    // The manager's tier, and beside it what was computed.
    expect(within(correctionRow!).getByText(fa.assessment.tier.harmed)).toBeTruthy();
    expect(within(correctionRow!).getByText('محاسبه‌شده: در معرض آسیب')).toBeTruthy();
    expect(within(correctionRow!).getByText(fa.assessment.marks.current)).toBeTruthy();
    expect(within(correctionRow!).getByText(fa.assessment.marks.correction)).toBeTruthy();
    expect(within(oldRow!).getByText(fa.assessment.marks.superseded)).toBeTruthy();
    const history = within(section).getByRole('region', { name: fa.assessment.history.title });
    expect(within(history).getByText('سطح محاسبه‌شده «در معرض آسیب» بود؛ دلیل تغییر: \u2068خشونت تازه\u2069')).toBeTruthy();

    // A new one: follow-up by default (the family has a final assessment), today, by me.
    fireEvent.click(within(section).getByRole('button', { name: fa.assessment.new }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByRole('radio', { name: fa.assessment.kind.follow_up }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(dialog).getByRole('radio', { name: fa.assessment.kind.end_of_plan }));
    await waitFor(() => expect((within(dialog).getByRole('combobox', { name: fa.assessment.fields.assessor_id }) as HTMLInputElement).value).toContain('مدیر'));
    fireEvent.click(within(dialog).getByRole('button', { name: fa.assessment.start }));
    await waitFor(() => expect(started).toHaveLength(1));
    expect(started[0]).toMatchObject({ kind: 'end_of_plan', assessor_id: 'u1' });
    expect(started[0]!.assessed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('shows the manager the family’s conflicts and refused offline edits, and marks edits made offline in the history', async () => {
    await i18n.changeLanguage('fa');
    const conflict: SyncConflict = {
      id: 'k1',
      mutation_id: 'mu1',
      kind: 'field',
      entity: 'family_member',
      entity_id: 'm1',
      family_id: 'f1',
      field: 'mobile',
      winning_value: '09124539573',
      losing_value: '09354539574',
      winning_author: { id: 'u2', display_name: 'علی نجفی' },
      losing_author: { id: 'u1', display_name: 'مدیر' },
      device_time: '2025-03-01T10:15:00Z',
      created_at: '2025-03-01T11:00:00Z',
      resolved_at: null,
      resolved_by: null,
      resolution: null,
      version: 1,
    };
    const refused: MutationRecord = {
      id: 'mu2',
      device_id: 'd1',
      device_seq: 9,
      author: { id: 'u2', display_name: 'علی نجفی' },
      entity: 'family',
      entity_id: 'f1',
      family_id: 'f1',
      op: 'update',
      result: 'rejected',
      reason: 'forbidden',
      message: 'forbidden',
      review: false,
      fields: { housing: 'owned' },
      device_time: '2025-03-01T10:20:00Z',
      received_at: '2025-03-01T11:00:00Z',
    };
    vi.mocked(familyConflicts).mockResolvedValueOnce([conflict]);
    vi.mocked(familyOfflineEdits).mockResolvedValueOnce([refused, { ...refused, id: 'mu3', result: 'applied', review: true, reason: '', message: '', fields: { neighborhood: 'نارمک' } }]);
    vi.mocked(resolveConflict).mockResolvedValueOnce({ ...conflict, resolution: 'restore', resolved_at: '2025-03-02T08:00:00Z' });
    render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider env="test">
          <FamilyPage me={me} id="f1" />
        </MantineProvider>
      </I18nextProvider>,
    );
    const conflicts = await screen.findByRole('region', { name: fa.syncRecords.conflictsTitle });
    expect(within(conflicts).getByText('«تلفن همراه»، علی رضایی')).toBeTruthy();
    expect(within(conflicts).getByText('مقدار ثبت‌شده: ۰۹۱۲۴۵۳۹۵۷۳، نوشتهٔ علی نجفی')).toBeTruthy();
    expect(within(conflicts).getByText('مقدار دیگر: ۰۹۳۵۴۵۳۹۵۷۴، نوشتهٔ مدیر')).toBeTruthy();

    const edits = await screen.findByRole('region', { name: fa.syncRecords.editsTitle });
    const [first, second] = within(edits).getAllByRole('listitem');
    expect(within(first!).getByText('ویرایش خانواده')).toBeTruthy();
    expect(within(first!).getByText(fa.syncRecords.rejected)).toBeTruthy();
    expect(within(first!).getByText(fa.errors.forbidden)).toBeTruthy();
    expect(within(first!).getByText('تغییرها: مسکن: ملکی')).toBeTruthy();
    expect(within(first!).getByText(/^همیار: علی نجفی، زمان تغییر روی گوشی: ۱۱ اسفند ۱۴۰۳/)).toBeTruthy();
    expect(within(second!).getByText(fa.syncRecords.review)).toBeTruthy();
    // Read-only: nothing to press.
    expect(within(edits).queryByRole('button')).toBeNull();

    fireEvent.click(within(conflicts).getByRole('button', { name: fa.syncRecords.restore }));
    await waitFor(() => expect(resolveConflict).toHaveBeenCalledWith('k1', 'restore', 1));

    fireEvent.click(screen.getByRole('tab', { name: fa.history.title }));
    const entries = within(await screen.findByRole('list', { name: fa.history.title })).getAllByRole('listitem');
    const offlineEdit = entries.find((e) => e.textContent?.includes('مشخصات عضو ویرایش شد'))!;
    expect(within(offlineEdit).getByText(fa.history.offline)).toBeTruthy();
    expect(within(offlineEdit).getByText(/^زمان روی گوشی: ۱۱ اسفند ۱۴۰۳، /)).toBeTruthy();
    // An assessment in the history: in words, without its answers.
    const assessment = entries.find((e) => e.textContent?.includes(fa.history.ops.assessment.finalize))!;
    expect(within(assessment).getByText(`${fa.fields.computed_tier}: — ← ${fa.assessment.tier.at_risk}`)).toBeTruthy();
    expect(assessment.textContent).not.toContain('social.cohesion');
    expect(assessment.textContent).not.toContain('instrument');
    const online = entries.find((e) => e.textContent?.includes('مشخصات خانواده ویرایش شد'))!;
    expect(within(online).queryByText(fa.history.offline)).toBeNull();
  });

  it('holds the family’s focused assistance, read from the server and written to it', async () => {
    await i18n.changeLanguage('fa');
    vi.mocked(loadAssistanceSource).mockClear();
    render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider env="test">
          <FamilyPage me={{ ...me, permissions: ['families.read', 'assistance.work'] }} id="f1" />
        </MantineProvider>
      </I18nextProvider>,
    );
    const timeline = await screen.findByRole('list', { name: fa.assistance.timeline.list });
    const section = screen.getByRole('region', { name: fa.assistance.section });
    expect(vi.mocked(loadAssistanceSource)).toHaveBeenCalledWith('f1');
    // The family's members name the records: the referral is for محمد.
    expect(within(timeline).getByText('عضو: \u2068محمد رضایی\u2069')).toBeTruthy();

    fireEvent.click(within(section).getByRole('button', { name: fa.assistance.actions.logService }));
    const dialog = await screen.findByRole('dialog');
    const pick = (label: string, value: string) => fireEvent.change(within(dialog).getByLabelText(label, { exact: false }), { target: { value } });
    pick(fa.assistance.service.kind, 'qa_session');
    pick(fa.assistance.service.domain, 'cultural');
    pick(fa.assistance.service.minutes, '40');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'محمد رضایی' }));
    fireEvent.click(within(dialog).getByRole('button', { name: fa.assistance.service.submit }));
    await waitFor(() => expect(onlineAssistance.logService).toHaveBeenCalledTimes(1));
    expect(vi.mocked(onlineAssistance.logService).mock.calls[0]).toEqual(['f1', expect.objectContaining({ kind: 'qa_session', domain: 'cultural', minutes: 40, member_ids: ['m2'] })]);
    // Written: the section reloads from the server.
    await waitFor(() => expect(vi.mocked(loadAssistanceSource)).toHaveBeenCalledTimes(2));
  });
});
