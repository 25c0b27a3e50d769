import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import { familyConflicts } from '../data/sync';
import { resetDeviceConfig, syncNow, wipeDevice } from '../offline';
import { resetSyncStatus } from '../offline/status';
import { activity, assistance, family, member, service } from '../offline/testing';
import { HelperFamilyPage } from './HelperFamilyPage';
import { attachHelper, type Device } from './helperFamily/fixtures';
import { todayIso } from './assistance/model';

vi.mock('../data/sync', () => ({ familyConflicts: vi.fn(), resolveConflict: vi.fn(), familyOfflineEdits: vi.fn() }));

const head = member('m1', 'f1', 3, { first_name: 'مهناز', last_name: 'فتحی', relation: 'head' });
const theFamily = family('f1', 4, { family_name: 'خانوادهٔ فتحی', head_member_id: 'm1', head_name: 'مهناز فتحی', member_count: 1 });

let device: Device;

function renderPage() {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <HelperFamilyPage me={device.me} id="f1" />
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
  vi.mocked(familyConflicts).mockResolvedValue([]);
});

afterEach(async () => {
  await wipeDevice();
  resetDeviceConfig();
  resetSyncStatus();
});

/** A field's label (Mantine adds " *" to required ones). */
const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

/** The section once the phone's copy is read (a loading card stands in for it before). */
async function section(): Promise<HTMLElement> {
  const button = await screen.findByRole('button', { name: fa.assistance.actions.logService });
  return button.closest('section')!;
}

function timelineItem(region: HTMLElement, text: string): HTMLElement {
  const list = within(region).getByRole('list', { name: fa.assistance.timeline.list });
  const item = within(list)
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes(text));
  if (!item) throw new Error(`no timeline item with ${text}`);
  return item;
}

describe('HelperFamilyPage: the family’s assistance from the phone', () => {
  it('shows the services and plan the phone holds', async () => {
    device = await attachHelper({
      families: [theFamily],
      members: [head],
      assistance: [
        assistance('f1', {
          services: [service('s1', 'f1', { notes: 'دیدار در خانه', served_on: '2025-02-20' })],
          activities: [activity('a1', 'f1', 2, { title: 'پیگیری بیمه', due_on: '2099-01-01' })],
          names: { 'u-helper': 'علی نجفی' },
        }),
      ],
    });
    renderPage();
    const region = await section();
    await waitFor(() => expect(timelineItem(region, 'دیدار در خانه')).toBeTruthy());
    expect(timelineItem(region, 'پیگیری بیمه')).toBeTruthy();
    expect(within(region).queryByText(fa.offlineFamily.pendingMark)).toBeNull();
  });

  it('logs a service on the phone: shown at once, marked unsent, sent with the next sync', async () => {
    device = await attachHelper({ families: [theFamily], members: [head], assistance: [assistance('f1')] });
    renderPage();
    const region = await section();
    fireEvent.click(within(region).getByRole('button', { name: fa.assistance.actions.logService }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(label(fa.assistance.service.kind)), { target: { value: 'counseling' } });
    fireEvent.change(within(dialog).getByLabelText(label(fa.assistance.service.domain)), { target: { value: 'economic' } });
    fireEvent.change(within(dialog).getByLabelText(label(fa.assistance.service.minutes)), { target: { value: '۴۵' } });
    fireEvent.change(within(dialog).getByLabelText(fa.assistance.service.notes), { target: { value: 'گفت‌وگو دربارهٔ مدرسه' } });
    fireEvent.click(within(dialog).getByRole('button', { name: fa.assistance.service.submit }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await waitFor(() => expect(within(timelineItem(region, 'گفت‌وگو دربارهٔ مدرسه')).getByText(fa.offlineFamily.pendingMark)).toBeTruthy());
    expect(await screen.findByText('۱ تغییر این خانواده هنوز به سرور نرسیده است.')).toBeTruthy();

    await act(() => syncNow());
    const [m] = device.pushed();
    expect(m).toMatchObject({
      entity: 'service',
      op: 'create',
      family_id: 'f1',
      base_version: null,
      fields: { kind: 'counseling', domain: 'economic', minutes: 45, served_on: todayIso(), notes: 'گفت‌وگو دربارهٔ مدرسه' },
    });
    expect(m!.fields).not.toHaveProperty('id');
  });

  it('marks an activity missed on the phone: its new status shows at once, unsent', async () => {
    device = await attachHelper({
      families: [theFamily],
      members: [head],
      assistance: [assistance('f1', { activities: [activity('a1', 'f1', 2, { title: 'پیگیری بیمه', due_on: '2025-02-01' })] })],
    });
    renderPage();
    const region = await section();
    await waitFor(() => expect(timelineItem(region, 'پیگیری بیمه')).toBeTruthy());
    fireEvent.click(within(timelineItem(region, 'پیگیری بیمه')).getByRole('button', { name: `کارهای دیگر «پیگیری بیمه»` }));
    fireEvent.click(await screen.findByRole('menuitem', { name: fa.assistance.actions.missed }));
    await waitFor(() => expect(within(timelineItem(region, 'پیگیری بیمه')).getByText(fa.offlineFamily.pendingMark)).toBeTruthy());
    expect(within(timelineItem(region, 'پیگیری بیمه')).getByText(fa.assistance.activityStatus.missed)).toBeTruthy();

    await act(() => syncNow());
    expect(device.pushed()).toEqual([
      expect.objectContaining({ entity: 'plan_activity', entity_id: 'a1', op: 'update', base_version: 2, fields: { status: 'missed' } }),
    ]);
  });
});
