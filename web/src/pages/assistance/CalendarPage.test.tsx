import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import { ApiError } from '../../api/errors';
import type { Agenda, DueActivity, Me } from '../../api/types';
import { getAgenda, getCalendar } from '../../data/assistance';
import { CalendarPage } from './CalendarPage';
import { activity } from './fixtures';

vi.mock('../../data/assistance', () => ({ getCalendar: vi.fn(), getAgenda: vi.fn() }));
const calendar = vi.mocked(getCalendar);
const agenda = vi.mocked(getAgenda);
const A = fa.assistance;

const me = { user: { role: 'helper' }, permissions: ['assistance.work'] } as unknown as Me;

const due = (over: Partial<DueActivity>): DueActivity => ({ ...activity(), family_name: 'خانوادهٔ رضایی', ...over });

const theAgenda: Agenda = {
  today: '2025-03-12',
  due_today: [due({ id: 'a-today', due_on: '2025-03-12', title: 'دیدار با مادر' })],
  overdue: [due({ id: 'a-late', due_on: '2025-03-09', title: 'تماس با مدرسه', family_id: 'f2', family_name: 'خانوادهٔ صفری' })],
  upcoming: [due({ id: 'a-soon', due_on: '2025-03-15', title: 'معرفی به کارگاه' })],
  overdue_tasks: [],
  waiting_referrals: [],
};

function renderPage() {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <CalendarPage me={me} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

beforeAll(async () => {
  initI18n('fa');
  await i18n.changeLanguage('fa');
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-12T09:00:00') });
});
afterAll(() => vi.useRealTimers());
beforeEach(() => {
  calendar.mockReset();
  agenda.mockReset();
  agenda.mockResolvedValue(theAgenda);
});

describe('CalendarPage', () => {
  it('asks for the Solar Hijri month on screen and shows its activities by day, each leading to its family', async () => {
    calendar.mockImplementation(async (from) =>
      from === '2025-02-19'
        ? [theAgenda.due_today[0]!, due({ id: 'a-done', due_on: '2025-03-12', title: 'مشاوره', status: 'done', family_id: 'f3', family_name: 'خانوادهٔ لطفی' })]
        : [due({ id: 'a-next', due_on: '2025-03-25', title: 'جلسهٔ نوروزی' })],
    );
    renderPage();
    expect(screen.getByRole('heading', { level: 1, name: A.calendar.title })).toBeTruthy();
    await waitFor(() => expect(calendar).toHaveBeenCalledWith('2025-02-19', '2025-03-20'));
    const today = await screen.findByRole('button', { name: '۲۲ اسفند ۱۴۰۳، فعالیت‌ها: ۲' });
    expect(today.getAttribute('aria-current')).toBe('date');
    const day = screen.getByRole('region', { name: 'فعالیت‌های ۲۲ اسفند ۱۴۰۳' });
    const link = within(day).getByRole('link', { name: 'خانواده: \u2068خانوادهٔ لطفی\u2069' });
    expect(link.getAttribute('href')).toBe('/families/f3');
    expect(within(day).getByText(A.activityStatus.done)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: A.calendar.next }));
    await waitFor(() => expect(calendar).toHaveBeenLastCalledWith('2025-03-21', '2025-04-20'));
    expect(await screen.findByRole('button', { name: '۵ فروردین ۱۴۰۴، فعالیت‌ها: ۱' })).toBeTruthy();
  });

  it('lists the overdue (how late) and the coming week from the agenda', async () => {
    calendar.mockResolvedValue([]);
    renderPage();
    const overdue = await screen.findByRole('region', { name: A.calendar.overdue });
    expect(within(overdue).getByText('تماس با مدرسه')).toBeTruthy();
    expect(within(overdue).getByText('۱۹ اسفند ۱۴۰۳، ۳ روز گذشته، اتصال به حامی یا کارفرما')).toBeTruthy();
    expect(within(overdue).getByRole('link').getAttribute('href')).toBe('/families/f2');
    const week = screen.getByRole('region', { name: A.calendar.upcomingWeek });
    expect(within(week).getByText('معرفی به کارگاه')).toBeTruthy();
    expect(await screen.findByText(A.calendar.emptyMonth)).toBeTruthy();
  });

  it('says when the month could not be loaded, and tries again', async () => {
    calendar.mockRejectedValueOnce(new ApiError({ status: 0, code: 'network' })).mockResolvedValue([]);
    renderPage();
    expect(await screen.findByText(fa.errors.network)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: fa.common.retry }));
    await waitFor(() => expect(calendar).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByText(fa.errors.network)).toBeNull());
  });
});
