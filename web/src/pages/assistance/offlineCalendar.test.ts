import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import type { Me } from '../../api/types';
import { getAgenda, getCalendar } from '../../data/assistance';
import { enqueueMutation, resetDeviceConfig, wipeDevice } from '../../offline';
import { resetSyncStatus, setSyncStatus } from '../../offline/status';
import { activity, assistance, family } from '../../offline/testing';
import { attachHelper, helperMe } from '../helperFamily/fixtures';
import { monthRange, todayIso } from './model';
import { useCalendarData } from './offlineCalendar';
import { currentMonth } from './MonthCalendar';

vi.mock('../../data/assistance', () => ({ getAgenda: vi.fn(), getCalendar: vi.fn() }));

afterEach(async () => {
  vi.mocked(getAgenda).mockReset();
  vi.mocked(getCalendar).mockReset();
  await wipeDevice();
  resetDeviceConfig();
  resetSyncStatus();
});

describe('the calendar page’s data', () => {
  it('comes from the phone for a helper whose store is open, offline, with edits not sent yet', async () => {
    const view = currentMonth();
    const { from } = monthRange(view.year, view.month);
    const today = todayIso();
    const device = await attachHelper({
      families: [family('f1', 1, { family_name: 'خانوادهٔ فتحی' })],
      assistance: [assistance('f1', { activities: [activity('a1', 'f1', 1, { title: 'دیدار', due_on: from }), activity('a2', 'f1', 1, { title: 'تماس', due_on: '2001-01-01' })] })],
    });
    await enqueueMutation({ entity: 'plan_activity', entity_id: 'a2', family_id: 'f1', op: 'update', fields: { due_on: today } });
    setSyncStatus({ online: false });
    const { result } = renderHook(() => useCalendarData(device.me, view));
    await waitFor(() => expect(result.current.month.data).toBeDefined());
    // a2 was moved to today on the phone: in this month now.
    expect(result.current.month.data!.map((a) => [a.id, a.family_name]).sort()).toEqual([
      ['a1', 'خانوادهٔ فتحی'],
      ['a2', 'خانوادهٔ فتحی'],
    ]);
    await waitFor(() => expect(result.current.agenda.data).toBeDefined());
    expect(result.current.agenda.data!.today).toBe(today);
    expect(result.current.agenda.data!.due_today.map((a) => a.id)).toContain('a2');
    expect(getCalendar).not.toHaveBeenCalled();
    expect(getAgenda).not.toHaveBeenCalled();
  });

  it('comes from the server for anyone who keeps no store', async () => {
    vi.mocked(getCalendar).mockResolvedValue([]);
    vi.mocked(getAgenda).mockResolvedValue({ today: '2025-03-01', due_today: [], overdue: [], upcoming: [], overdue_tasks: [], waiting_referrals: [] });
    const manager: Me = { ...helperMe(), permissions: ['families.read', 'assistance.work'] };
    const view = { year: 1403, month: 12 };
    const { result } = renderHook(() => useCalendarData(manager, view));
    await waitFor(() => expect(result.current.agenda.data).toBeDefined());
    expect(getCalendar).toHaveBeenCalledWith('2025-02-19', '2025-03-20');
    expect(getAgenda).toHaveBeenCalled();
  });
});
