import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import type { Device } from '../api/types';
import { ApiError } from '../api/errors';
import { deviceExposure, listDevices, revokeDevice } from '../data/devices';
import { DeviceList } from './DeviceList';

vi.mock('../data/devices', () => ({ listDevices: vi.fn(), revokeDevice: vi.fn(), deviceExposure: vi.fn() }));

const phone: Device = {
  id: 'd1',
  user_id: 'u1',
  username: 'helper.zahra',
  display_name: 'زهرا',
  name: 'گوشی زهرا',
  app_version: '0.6.0',
  protocol: 1,
  last_seen_at: '2026-11-20T08:00:00Z',
  revoked_at: null,
  version: 3,
  created_at: '2026-10-01T08:00:00Z',
};

function renderList() {
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <DeviceList userId="u1" headingId="devices" title="دستگاه‌ها" />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
});

afterEach(() => vi.resetAllMocks());

describe('device list', () => {
  it('asks for the user’s devices and shows when each was last seen, in Solar Hijri', async () => {
    vi.mocked(listDevices).mockResolvedValue([phone, { ...phone, id: 'd2', name: '', revoked_at: '2026-11-21T08:00:00Z' }]);
    renderList();
    expect(await screen.findByText('گوشی زهرا')).toBeTruthy();
    expect(listDevices).toHaveBeenCalledWith('u1');
    expect(screen.getByText(fa.devices.unnamed)).toBeTruthy();
    expect(screen.getAllByText(/آخرین تماس: ۲۹ آبان ۱۴۰۵/)).toHaveLength(2);
    expect(screen.getByText(/لغوشده در ۳۰ آبان ۱۴۰۵/)).toBeTruthy();
    // A revoked device offers no second revocation.
    expect(screen.getAllByRole('button', { name: fa.devices.revoke })).toHaveLength(1);
  });

  it('revokes after saying what is lost, and shows a refusal in Persian', async () => {
    vi.mocked(listDevices).mockResolvedValue([phone]);
    vi.mocked(revokeDevice).mockRejectedValueOnce(new ApiError({ status: 403, code: 'forbidden' }));
    renderList();
    fireEvent.click(await screen.findByRole('button', { name: fa.devices.revoke }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(fa.devices.revokeExplain)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: fa.devices.revoke }));
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
    vi.mocked(revokeDevice).mockResolvedValueOnce({ ...phone, revoked_at: '2026-11-23T08:00:00Z' });
    fireEvent.click(within(dialog).getByRole('button', { name: fa.devices.revoke }));
    await waitFor(() => expect(revokeDevice).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(listDevices).toHaveBeenCalledTimes(2));
  });

  it('lists the families sent to a device, hiding the names the viewer may no longer see', async () => {
    vi.mocked(listDevices).mockResolvedValue([phone]);
    vi.mocked(deviceExposure).mockResolvedValue({
      device: phone,
      families: [
        { family_id: 'f1', family_name: 'رضایی', first_sent_at: '2026-10-01T08:00:00Z', last_sent_at: '2026-11-20T08:00:00Z', removed_at: null },
        { family_id: 'f2', family_name: null, first_sent_at: '2026-10-01T08:00:00Z', last_sent_at: '2026-10-05T08:00:00Z', removed_at: '2026-10-06T08:00:00Z' },
      ],
    });
    renderList();
    fireEvent.click(await screen.findByRole('button', { name: fa.devices.exposure }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByRole('link', { name: 'رضایی' })).toBeTruthy();
    expect(within(dialog).getByText(fa.devices.familyHidden)).toBeTruthy();
    expect(within(dialog).getByText(/پاک‌شده از دستگاه در/)).toBeTruthy();
    expect(deviceExposure).toHaveBeenCalledWith('d1');
  });
});
