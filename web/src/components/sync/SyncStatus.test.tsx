import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import type { Me } from '../../api/types';
import { resetSyncStatus } from '../../offline/status';
import { SyncStatus } from './SyncStatus';
import { DeviceLock } from './DeviceLock';
import { formatBytes, relativeTime } from './format';

const me = {
  user: { id: 'u1', username: 'helper.zahra', display_name: 'زهرا احمدی', role: 'helper' },
  permissions: ['sync.offline'],
} as unknown as Me;

function renderIt(ui: React.ReactNode) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">{ui}</MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(() => {
  initI18n('fa');
});

afterEach(() => resetSyncStatus());

describe('SyncStatus', () => {
  it('shows nothing for users without offline data', () => {
    resetSyncStatus({ active: false });
    renderIt(<SyncStatus me={me} />);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says in Persian what waits, what went wrong and when it last synced', async () => {
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000).toISOString();
    resetSyncStatus({ active: true, lock: 'open', online: true, pending: 3, conflicts: 1, refusals: 1, lastSyncAt: fiveMinutesAgo, state: 'ok' });
    renderIt(<SyncStatus me={me} />);
    const button = screen.getByRole('button', { name: /^وضعیت همگام‌سازی: ۳ در صف، ۲ نیازمند توجه$/ });
    await userEvent.click(button);
    // Mantine names the panel after its button.
    const panel = await screen.findByRole('dialog', { name: /^وضعیت همگام‌سازی/ });
    expect(within(panel).getByText('۳ تغییر هنوز به سرور نرسیده است.')).toBeTruthy();
    expect(within(panel).getByText('ناسازگاری: ۱، پذیرفته‌نشده: ۱')).toBeTruthy();
    expect(within(panel).getByText('آخرین همگام‌سازی: ۵ دقیقه پیش')).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'همگام‌سازی' })).toBeTruthy();
  });

  it('explains being offline, an update required and a revoked session in Persian', async () => {
    resetSyncStatus({ active: true, lock: 'open', online: false, pending: 2, state: 'offline' });
    const { unmount } = renderIt(<SyncStatus me={me} />);
    await userEvent.click(screen.getByRole('button', { name: /بی‌اینترنت/ }));
    expect(await screen.findByText(/اینترنت در دسترس نیست/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'همگام‌سازی' }) as HTMLButtonElement).disabled).toBe(true);
    unmount();

    resetSyncStatus({ active: true, lock: 'open', online: true, pending: 2, state: 'update_required' });
    renderIt(<SyncStatus me={me} />);
    await userEvent.click(screen.getByRole('button', { name: /وضعیت همگام‌سازی/ }));
    expect(await screen.findByText(/این نسخهٔ همیار کهنه است/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'به‌روزرسانی همیار' })).toBeTruthy();
  });

  it('asks for the password when the store is locked after a reload', async () => {
    resetSyncStatus({ active: true, lock: 'closed', online: true, pending: 0, lastSyncAt: null });
    renderIt(<SyncStatus me={me} />);
    await userEvent.click(screen.getByRole('button', { name: /وضعیت همگام‌سازی/ }));
    expect(await screen.findByText(/داده‌های این گوشی قفل است/)).toBeTruthy();
    expect(screen.getByText('هنوز همگام‌سازی نشده است.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'باز کردن قفل' })).toBeTruthy();
  });
});

describe('DeviceLock', () => {
  it('covers the app with a Persian lock screen after inactivity', () => {
    resetSyncStatus({ active: true, lock: 'idle' });
    renderIt(<DeviceLock me={me} />);
    expect(screen.getByText('همیار قفل است')).toBeTruthy();
    expect(screen.getByText(/پس از ۱۰ دقیقه بی‌کاری هم خودش قفل می‌شود/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'باز کردن' })).toBeTruthy();
  });

  it('says why a stale device locks, with the days in Persian digits', () => {
    resetSyncStatus({ active: true, lock: 'stale', lockAfterDays: 14 });
    renderIt(<DeviceLock me={me} />);
    expect(screen.getByText(/بیش از ۱۴ روز است همگام نشده/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'باز کردن و همگام‌سازی' })).toBeTruthy();
  });

  it('is not there while open', () => {
    resetSyncStatus({ active: true, lock: 'open' });
    renderIt(<DeviceLock me={me} />);
    expect(screen.queryByText('همیار قفل است')).toBeNull();
  });
});

describe('formatting', () => {
  it('writes relative times and sizes with Persian digits', () => {
    const now = new Date('2025-03-01T10:00:00Z');
    expect(relativeTime('2025-03-01T09:55:00Z', now, 'fa')).toBe('۵ دقیقه پیش');
    expect(relativeTime('2025-03-01T09:59:50Z', now, 'fa')).toBe('اکنون');
    expect(relativeTime('2025-02-26T10:00:00Z', now, 'fa')).toBe('۳ روز پیش');
    expect(relativeTime('2025-03-01T07:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(formatBytes(1_234_567, 'fa')).toBe('۱٫۲ مگابایت');
    expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB');
  });
});
