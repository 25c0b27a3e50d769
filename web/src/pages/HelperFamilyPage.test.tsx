import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import type { SyncConflict } from '../api/types';
import { ApiError } from '../api/errors';
import { familyConflicts, resolveConflict } from '../data/sync';
import { remoteFamilyStore, setFamilyStore } from '../data';
import { resetDeviceConfig, syncNow, wipeDevice } from '../offline';
import { resetSyncStatus } from '../offline/status';
import { family, member } from '../offline/testing';
import { HelperFamilyPage } from './HelperFamilyPage';
import { attachHelper, summary, type Device } from './helperFamily/fixtures';

vi.mock('../data/sync', () => ({ familyConflicts: vi.fn(), resolveConflict: vi.fn(), familyOfflineEdits: vi.fn() }));
const conflictsOf = vi.mocked(familyConflicts);
const resolve = vi.mocked(resolveConflict);

const head = member('m1', 'f1', 3, { first_name: 'مهناز', last_name: 'فتحی', relation: 'head', mobile: '09121112233', birth_date: '1988-01-20' });
const child = member('m2', 'f1', 1, { first_name: 'آرش', last_name: 'فتحی', relation: 'child', sex: 'male', birth_date: '2014-02-01' });
const theFamily = family('f1', 4, {
  family_name: 'خانوادهٔ فتحی',
  neighborhood: 'باغ فیض',
  address: 'کوچهٔ 16، پلاک 25',
  phones: ['09352000255'],
  tier: 'harmed',
  head_member_id: 'm1',
  head_name: 'مهناز فتحی',
  member_count: 2,
});

function conflict(over: Partial<SyncConflict> = {}): SyncConflict {
  return {
    id: 'k1',
    mutation_id: 'mu1',
    kind: 'field',
    entity: 'family_member',
    entity_id: 'm1',
    family_id: 'f1',
    field: 'mobile',
    winning_value: '09124539573',
    losing_value: '09354539574',
    winning_author: { id: 'u-helper', display_name: 'علی نجفی' },
    losing_author: { id: 'u-manager', display_name: 'فاطمه کاظمی' },
    device_time: '2025-03-01T10:15:00Z',
    created_at: '2025-03-01T11:00:00Z',
    resolved_at: null,
    resolved_by: null,
    resolution: null,
    version: 1,
    ...over,
  };
}

let device: Device;

function renderPage(me = device.me) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <HelperFamilyPage me={me} id="f1" />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(() => {
  initI18n('fa');
  window.scrollTo = () => {};
});

beforeEach(async () => {
  await i18n.changeLanguage('fa');
  conflictsOf.mockReset();
  resolve.mockReset();
  conflictsOf.mockResolvedValue([]);
});

afterEach(async () => {
  await wipeDevice();
  resetDeviceConfig();
  resetSyncStatus();
});

describe('HelperFamilyPage: the family from the phone', () => {
  it('shows the family, its members and assessments from the device store, in Persian', async () => {
    device = await attachHelper({
      families: [theFamily],
      members: [head, child],
      assessments: [summary('a1', 'f1', { kind: 'baseline', assessed_on: '2025-03-21', tier: 'harmed' })],
    });
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'خانوادهٔ فتحی' })).toBeTruthy();
    const details = screen.getByRole('region', { name: fa.offlineFamily.details });
    expect(within(details).getByText('باغ فیض')).toBeTruthy();
    expect(within(details).getByText('کوچهٔ ۱۶، پلاک ۲۵')).toBeTruthy();
    expect(within(details).getByText('۰۹۳۵۲۰۰۰۲۵۵')).toBeTruthy();

    const table = screen.getByRole('table', { name: fa.family.membersList });
    const [, headRow] = within(table).getAllByRole('row');
    expect(within(headRow!).getByText('۰۹۱۲۱۱۱۲۲۳۳')).toBeTruthy();
    // Helpers edit members; they do not remove or move them, nor change the head.
    expect(within(headRow!).getByRole('button', { name: 'ویرایش «مهناز فتحی»' })).toBeTruthy();
    expect(screen.queryByText(fa.member.remove)).toBeNull();
    expect(screen.queryByText(fa.member.makeHead)).toBeNull();

    const assessments = screen.getByRole('region', { name: fa.assessment.section });
    const list = within(assessments).getByRole('table', { name: fa.assessment.list });
    expect(within(list).getByText(fa.assessment.kind.baseline)).toBeTruthy();
    expect(within(list).getByText('۱ فروردین ۱۴۰۴')).toBeTruthy();
    expect(within(assessments).getByRole('link', { name: fa.offlineFamily.newAssessment }).getAttribute('href')).toBe('/families/f1/assessment');
  });

  it('sends only the field the helper changed, shows it at once and marks it unsent', async () => {
    device = await attachHelper({ families: [theFamily], members: [head, child] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'ویرایش «مهناز فتحی»' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(fa.fields.mobile), { target: { value: '۰۹۱۲۴۵۳۹۵۷۳' } });
    fireEvent.click(within(dialog).getByRole('button', { name: fa.common.save }));

    const [, headRow] = within(screen.getByRole('table', { name: fa.family.membersList })).getAllByRole('row');
    await waitFor(() => expect(within(headRow!).getByText('۰۹۱۲۴۵۳۹۵۷۳')).toBeTruthy());
    expect(within(headRow!).getByText(fa.offlineFamily.pendingMark)).toBeTruthy();
    expect(await screen.findByText('۱ تغییر این خانواده هنوز به سرور نرسیده است.')).toBeTruthy();

    await act(() => syncNow());
    const [m] = device.pushed();
    expect(m).toMatchObject({ entity: 'family_member', entity_id: 'm1', op: 'update', base_version: 3, fields: { mobile: '09124539573' } });
    expect(Object.keys(m!.fields)).toEqual(['mobile']);
  });

  it('edits the neighborhood, address and phones only, and refuses a bad phone without losing what was typed', async () => {
    device = await attachHelper({ families: [theFamily], members: [head] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: fa.offlineFamily.editHousehold }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(fa.fields.neighborhood), { target: { value: 'نارمک' } });
    fireEvent.change(within(dialog).getByLabelText('تلفن ۱'), { target: { value: '۰۹۱۲-abc' } });
    fireEvent.click(within(dialog).getByRole('button', { name: fa.common.save }));
    expect(await within(dialog).findByText(fa.member.phoneFormat)).toBeTruthy();
    expect((within(dialog).getByLabelText(fa.fields.neighborhood) as HTMLInputElement).value).toBe('نارمک');
    expect(within(dialog).queryByLabelText(fa.fields.housing)).toBeNull();

    fireEvent.change(within(dialog).getByLabelText('تلفن ۱'), { target: { value: '۰۹۳۵ ۲۰۰ ۰۲۵۵' } });
    fireEvent.click(within(dialog).getByRole('button', { name: fa.common.save }));
    const details = screen.getByRole('region', { name: fa.offlineFamily.details });
    await waitFor(() => expect(within(details).getByText('نارمک')).toBeTruthy());
    expect(within(details).getByText(fa.offlineFamily.pendingMark)).toBeTruthy();

    await act(() => syncNow());
    // The phone number normalizes to what it was: only the neighborhood changed.
    expect(device.pushed()).toEqual([expect.objectContaining({ entity: 'family', entity_id: 'f1', op: 'update', fields: { neighborhood: 'نارمک' } })]);
  });

  it('adds a member on the phone: checked first, then one create with every field', async () => {
    device = await attachHelper({ families: [theFamily], members: [head] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: fa.member.add }));
    const dialog = await screen.findByRole('dialog');
    const name = (label: string) => within(dialog).getByRole('textbox', { name: new RegExp(`^${label}( \\*)?$`) });
    fireEvent.change(name(fa.fields.first_name), { target: { value: 'پارسا' } });
    fireEvent.change(name(fa.fields.last_name), { target: { value: 'فتحی' } });
    fireEvent.click(within(dialog).getByRole('button', { name: fa.common.save }));
    // Sex and relation are required: nothing is kept yet, nothing typed is lost.
    expect((await within(dialog).findAllByText(fa.common.required)).length).toBe(2);
    expect((name(fa.fields.last_name) as HTMLInputElement).value).toBe('فتحی');

    fireEvent.click(within(dialog).getByRole('combobox', { name: new RegExp(`^${fa.fields.sex}`) }));
    fireEvent.click(await screen.findByRole('option', { name: fa.enums.sex.male }));
    fireEvent.click(within(dialog).getByRole('combobox', { name: new RegExp(`^${fa.fields.relation}`) }));
    fireEvent.click(await screen.findByRole('option', { name: fa.enums.relation.child }));
    fireEvent.click(within(dialog).getByRole('button', { name: fa.common.save }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const rowOf = () => within(screen.getByRole('table', { name: fa.family.membersList })).getAllByRole('row').find((r) => r.textContent?.includes('پارسا فتحی'));
    await waitFor(() => expect(rowOf()).toBeTruthy());
    expect(within(rowOf()!).getByText(fa.offlineFamily.pendingMark)).toBeTruthy();
    await act(() => syncNow());
    const [m] = device.pushed();
    expect(m).toMatchObject({ entity: 'family_member', op: 'create', family_id: 'f1', base_version: null, fields: { first_name: 'پارسا', last_name: 'فتحی', sex: 'male', relation: 'child' } });
    expect(m!.entity_id).toMatch(/^[0-9a-f-]{14}7/);
  });

  it('shows the server’s conflicts with both values, who wrote each and the phone’s time, and keeps one', async () => {
    device = await attachHelper({ families: [theFamily], members: [head, child] });
    conflictsOf.mockResolvedValue([conflict(), conflict({ id: 'k2', kind: 'edit_of_deleted', entity_id: 'm9', field: null, winning_value: { first_name: 'پارسا', last_name: 'فتحی' }, losing_value: { mobile: '09120000000' } })]);
    resolve.mockResolvedValue({ ...conflict(), resolution: 'keep', resolved_at: ts() });
    renderPage();
    const section = await screen.findByRole('region', { name: fa.syncRecords.conflictsTitle });
    const items = within(section).getAllByRole('listitem');
    expect(within(items[0]!).getByText('«تلفن همراه»، مهناز فتحی')).toBeTruthy();
    expect(within(items[0]!).getByText('مقدار ثبت‌شده: ۰۹۱۲۴۵۳۹۵۷۳، نوشتهٔ علی نجفی')).toBeTruthy();
    expect(within(items[0]!).getByText('مقدار دیگر: ۰۹۳۵۴۵۳۹۵۷۴، نوشتهٔ فاطمه کاظمی')).toBeTruthy();
    expect(within(items[0]!).getByText(/^زمان تغییر روی گوشی: ۱۱ اسفند ۱۴۰۳، /)).toBeTruthy();
    // An edit of a removed member: kept, or nothing (it cannot be restored).
    expect(within(items[1]!).getByText('ویرایش پارسا فتحی پس از حذف آن')).toBeTruthy();
    expect(within(items[1]!).getByText('ویرایش: تلفن همراه: ۰۹۱۲۰۰۰۰۰۰۰')).toBeTruthy();
    expect(within(items[1]!).queryByRole('button', { name: fa.syncRecords.restore })).toBeNull();

    fireEvent.click(within(items[0]!).getByRole('button', { name: fa.syncRecords.keep }));
    await waitFor(() => expect(resolve).toHaveBeenCalledWith('k1', 'keep', 1));
  });

  it('says in Persian why resolving failed', async () => {
    device = await attachHelper({ families: [theFamily], members: [head] });
    conflictsOf.mockResolvedValue([conflict()]);
    resolve.mockRejectedValue(new ApiError({ status: 409, code: 'version_conflict' }));
    renderPage();
    const section = await screen.findByRole('region', { name: fa.syncRecords.conflictsTitle });
    fireEvent.click(within(section).getByRole('button', { name: fa.syncRecords.restore }));
    expect(await within(section).findByText(fa.errors.version_conflict)).toBeTruthy();
  });

  it('shows a refused edit with the server’s Persian reason', async () => {
    device = await attachHelper({ families: [theFamily], members: [head] }, (req) =>
      req.mutations.map((m) => ({
        id: m.id,
        result: 'rejected' as const,
        original_result: null,
        version: null,
        reason: 'validation',
        message: 'mobile: شمارهٔ همراه نامعتبر است / The mobile number is not valid',
        review: false,
        conflicts: [],
      })),
    );
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'ویرایش «مهناز فتحی»' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(fa.fields.mobile), { target: { value: '09120000000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: fa.common.save }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await act(() => syncNow());
    const problems = await screen.findByRole('region', { name: fa.offlineFamily.problems });
    expect(within(problems).getByText('ویرایش عضو خانواده پذیرفته نشد')).toBeTruthy();
    expect(within(problems).getByText('شمارهٔ همراه نامعتبر است')).toBeTruthy();
  });

  it('says offline what needs the internet instead of failing', async () => {
    device = await attachHelper({ families: [theFamily], members: [head] });
    conflictsOf.mockRejectedValue(new ApiError({ status: 0, code: 'network' }));
    renderPage();
    await screen.findByRole('heading', { level: 1, name: 'خانوادهٔ فتحی' });
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(await screen.findByText(fa.offlineFamily.offlineNotice)).toBeTruthy();
    expect(await screen.findByText(fa.syncRecords.needsNetwork)).toBeTruthy();
    fireEvent.mouseDown(screen.getByRole('tab', { name: fa.history.title }));
    fireEvent.click(screen.getByRole('tab', { name: fa.history.title }));
    expect(await screen.findByText(fa.offlineFamily.needsNetwork)).toBeTruthy();
  });
});

describe('HelperFamilyPage: the store not open', () => {
  it('shows the online page, with the password asked above it', async () => {
    device = await attachHelper({ families: [theFamily], members: [head] });
    await wipeDevice();
    resetSyncStatus({ active: true, lock: 'closed' });
    setFamilyStore({ ...remoteFamilyStore, get: async () => ({ ...theFamily, members: [head] }), history: async () => [] });
    try {
      renderPage();
      expect(await screen.findByRole('heading', { level: 1, name: 'خانوادهٔ فتحی' })).toBeTruthy();
      expect(screen.getByText(fa.offlineFamily.locked)).toBeTruthy();
      expect(screen.getByRole('button', { name: fa.sync.unlock })).toBeTruthy();
    } finally {
      setFamilyStore(remoteFamilyStore);
    }
  });
});

function ts(): string {
  return '2025-03-02T08:00:00Z';
}
