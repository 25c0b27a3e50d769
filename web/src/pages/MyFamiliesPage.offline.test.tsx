import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import { ApiError } from '../api/errors';
import type { MyFamilies } from '../api/types';
import { myFamilies } from '../data/myFamilies';
import { enqueueMutation, resetDeviceConfig, wipeDevice } from '../offline';
import { resetSyncStatus } from '../offline/status';
import { activity, assistance, family, member } from '../offline/testing';
import { localIsoDate } from './myFamilies/period';
import { MyFamiliesPage } from './MyFamiliesPage';
import { attachHelper } from './helperFamily/fixtures';

vi.mock('../data/myFamilies', () => ({ myFamilies: vi.fn() }));
const load = vi.mocked(myFamilies);

const rules: MyFamilies['rules'] = { pre_service_hours: 40, in_service_hours: 40, caseload_max: 15, caseload_min: 5, assignment_days: 365, offline_lock_days: 14, version: null };
const harmed = family('f1', 2, { family_name: 'خانوادهٔ فتحی', neighborhood: 'باغ فیض', tier: 'harmed', head_name: 'مهناز فتحی', member_count: 1 });
const stable = family('f2', 1, { family_name: 'خانوادهٔ احمدی', neighborhood: 'گلستان', tier: 'stable', head_name: 'رضا احمدی', member_count: 1 });
const head = member('m1', 'f1', 1, { first_name: 'مهناز', last_name: 'فتحی', relation: 'head' });

function renderPage() {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <MyFamiliesPage />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(() => {
  initI18n('fa');
});

afterEach(async () => {
  load.mockReset();
  await wipeDevice();
  resetDeviceConfig();
  resetSyncStatus();
});

describe('MyFamiliesPage on a helper’s phone', () => {
  it('lists the phone’s families when the server cannot be reached: tier, neighborhood, unsent changes', async () => {
    await attachHelper({ families: [stable, harmed], members: [head, member('m2', 'f2', 1, { first_name: 'رضا', last_name: 'احمدی', relation: 'head' })] });
    await act(async () => {
      await enqueueMutation({ entity: 'family', entity_id: 'f1', family_id: 'f1', op: 'update', fields: { neighborhood: 'نارمک' } });
    });
    load.mockRejectedValue(new ApiError({ status: 0, code: 'network' }));
    renderPage();

    expect(await screen.findByText(fa.myFamilies.fromDevice)).toBeTruthy();
    const cards = within(screen.getByRole('list', { name: fa.myFamilies.list })).getAllByRole('listitem');
    // Harmed first, as the server orders them.
    const first = within(cards[0]!);
    expect(first.getByRole('heading', { name: 'خانوادهٔ فتحی' })).toBeTruthy();
    expect(first.getByText(fa.assessment.tier.harmed)).toBeTruthy();
    expect(first.getByText('محله: نارمک')).toBeTruthy();
    expect(first.getByText('۱ تغییر فرستاده‌نشده')).toBeTruthy();
    expect(first.getByRole('link', { name: 'پروندهٔ خانواده، خانوادهٔ فتحی' }).getAttribute('href')).toBe('/families/f1');
    const second = within(cards[1]!);
    expect(second.getByText('محله: گلستان')).toBeTruthy();
    expect(second.queryByText(fa.offlineFamily.pendingMark)).toBeNull();
    // No assignment period and no training without the server: said so.
    expect(screen.queryByText(/دورهٔ همراهی:/)).toBeNull();
    expect(screen.getByText(fa.myFamilies.trainingNeedsNetwork)).toBeTruthy();
  });

  it('shows the server’s list online, with the phone’s marks', async () => {
    await attachHelper({ families: [harmed], members: [head] });
    await act(async () => {
      await enqueueMutation({ entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'update', fields: { mobile: '09121234567' } });
    });
    load.mockResolvedValue({
      items: [{ family: harmed, assignment_id: 'as1', starts_on: '2025-01-01', ends_on: '2099-12-31', last_assessed_on: null, draft_assessment_id: null }],
      helper: null,
      rules,
    });
    renderPage();
    const list = await screen.findByRole('list', { name: fa.myFamilies.list });
    const card = within(within(list).getAllByRole('listitem')[0]!);
    expect(card.getByText(/^دورهٔ همراهی: /)).toBeTruthy();
    expect(card.getByText('۱ تغییر فرستاده‌نشده')).toBeTruthy();
    expect(screen.queryByText(fa.myFamilies.fromDevice)).toBeNull();
  });

  it('shows today’s and overdue work from the phone, with the helper’s own edits, offline', async () => {
    const today = localIsoDate();
    const day = (n: number) => localIsoDate(new Date(Date.now() + n * 86_400_000));
    await attachHelper({
      families: [harmed, stable],
      members: [head],
      assistance: [
        assistance('f1', {
          activities: [
            activity('a1', 'f1', 1, { title: 'دیدار ماهانه', due_on: today }),
            activity('a2', 'f1', 1, { title: 'پیگیری بیمه', due_on: day(-3) }),
            activity('a3', 'f1', 1, { title: 'تماس انجام‌شده', due_on: day(-2), status: 'done' }),
            activity('a4', 'f1', 1, { title: 'کارگاه', due_on: day(3) }),
          ],
        }),
        assistance('f2', { activities: [activity('b1', 'f2', 1, { title: 'معرفی به کارفرما', due_on: day(-1) })] }),
      ],
    });
    // Rescheduled to today on the phone, not sent yet.
    await act(async () => {
      await enqueueMutation({ entity: 'plan_activity', entity_id: 'b1', family_id: 'f2', op: 'update', fields: { due_on: today } });
    });
    load.mockRejectedValue(new ApiError({ status: 0, code: 'network' }));
    renderPage();
    const agenda = await screen.findByRole('region', { name: fa.offlineAssistance.agendaTitle });
    expect(await within(agenda).findByText(fa.offlineAssistance.agendaFromDevice)).toBeTruthy();
    const overdue = within(within(agenda).getByRole('list', { name: 'عقب‌افتاده (۱)' }));
    expect(overdue.getByRole('link', { name: 'پیگیری بیمه، خانوادهٔ خانوادهٔ فتحی' }).getAttribute('href')).toBe('/families/f1');
    expect(overdue.getByText('۳ روز گذشته', { exact: false })).toBeTruthy();
    const todays = within(within(agenda).getByRole('list', { name: 'امروز (۲)' }));
    expect(todays.getByText('دیدار ماهانه')).toBeTruthy();
    const moved = todays.getByText('معرفی به کارفرما').closest('li')!;
    expect(within(moved as HTMLElement).getByText(fa.offlineFamily.pendingMark)).toBeTruthy();
    expect(within(agenda).queryByText('تماس انجام‌شده')).toBeNull();
    expect(within(agenda).getByText('۱ کار دیگر در هفتهٔ پیش رو.')).toBeTruthy();
  });

  it('still says what went wrong when neither the server nor the phone has the list', async () => {
    load.mockRejectedValue(new ApiError({ status: 0, code: 'network' }));
    renderPage();
    expect(await screen.findByText(fa.errors.network)).toBeTruthy();
  });
});
