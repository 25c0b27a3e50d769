import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { I18nextProvider } from 'react-i18next';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import { MonthCalendar, type CalendarEntry, type MonthView } from './MonthCalendar';

const A = fa.assistance;

const entries: CalendarEntry[] = [
  { id: 'a1', date: '2025-03-12', title: 'دیدار با مادر', status: 'planned' },
  { id: 'a2', date: '2025-03-12', title: 'مشاوره', status: 'done' },
  { id: 'a3', date: '2025-03-03', title: 'جلسهٔ مدرسه', status: 'missed' },
  { id: 'a4', date: '2025-03-25', title: 'فروردین', status: 'planned' },
];

function Harness({ start, onView }: { start: MonthView; onView?: (v: MonthView) => void }) {
  const [view, setView] = useState(start);
  return (
    <MonthCalendar
      view={view}
      onViewChange={(v) => {
        setView(v);
        onView?.(v);
      }}
      entries={entries}
      renderDay={(list) => (
        <ul aria-label="day">
          {list.map((e) => (
            <li key={e.id}>{e.title}</li>
          ))}
        </ul>
      )}
    />
  );
}

function renderIt(start: MonthView = { year: 1403, month: 12 }, onView?: (v: MonthView) => void) {
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <Harness start={start} onView={onView} />
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

describe('MonthCalendar', () => {
  it('lays Esfand 1403 out from Saturday, in Persian digits, with today marked and chosen', () => {
    renderIt();
    const grid = screen.getByRole('table', { name: 'اسفند ۱۴۰۳' });
    const heads = within(grid).getAllByRole('columnheader');
    expect(heads[0]!.getAttribute('abbr')).toBe('شنبه');
    expect(heads[6]!.getAttribute('abbr')).toBe('جمعه');
    const rows = within(grid).getAllByRole('row').slice(1);
    // 1 Esfand 1403 (2025-02-19) was a Wednesday: the fifth cell of its week.
    const firstWeek = within(rows[0]!).getAllByRole('cell');
    const firstDay = firstWeek.findIndex((c) => c.textContent === '۱');
    expect(firstDay).toBe(4); // Wednesday
    // 30 days (a leap year).
    expect(within(grid).getByRole('button', { name: '۳۰ اسفند ۱۴۰۳، بدون فعالیت' })).toBeTruthy();
    const today = within(grid).getByRole('button', { name: '۲۲ اسفند ۱۴۰۳، فعالیت‌ها: ۲' });
    expect(today.getAttribute('aria-current')).toBe('date');
    expect(today.getAttribute('aria-pressed')).toBe('true');
    // A dot per activity, by status.
    expect([...today.querySelectorAll('[data-status]')].map((d) => d.getAttribute('data-status'))).toEqual(['planned', 'done']);
    // Today's activities listed below.
    expect(within(screen.getByRole('region', { name: 'فعالیت‌های ۲۲ اسفند ۱۴۰۳' })).getByText('دیدار با مادر')).toBeTruthy();
  });

  it('lists a chosen day and says when it has nothing', () => {
    renderIt();
    fireEvent.click(screen.getByRole('button', { name: '۱۳ اسفند ۱۴۰۳، فعالیت‌ها: ۱' }));
    const day = screen.getByRole('region', { name: 'فعالیت‌های ۱۳ اسفند ۱۴۰۳' });
    expect(within(day).getByText('جلسهٔ مدرسه')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '۱۴ اسفند ۱۴۰۳، بدون فعالیت' }));
    expect(within(screen.getByRole('region', { name: 'فعالیت‌های ۱۴ اسفند ۱۴۰۳' })).getByText(A.calendar.nothingThatDay)).toBeTruthy();
  });

  it('moves between months (across the year), and back to today', () => {
    const seen: MonthView[] = [];
    renderIt({ year: 1403, month: 12 }, (v) => seen.push(v));
    fireEvent.click(screen.getByRole('button', { name: A.calendar.next }));
    expect(screen.getByRole('table', { name: 'فروردین ۱۴۰۴' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '۵ فروردین ۱۴۰۴، فعالیت‌ها: ۱' })).toBeTruthy();
    // Not today's month: no day chosen yet.
    expect(screen.queryByRole('region')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: A.calendar.prev }));
    fireEvent.click(screen.getByRole('button', { name: A.calendar.prev }));
    expect(screen.getByRole('table', { name: 'بهمن ۱۴۰۳' })).toBeTruthy();
    expect(seen).toEqual([
      { year: 1404, month: 1 },
      { year: 1403, month: 12 },
      { year: 1403, month: 11 },
    ]);
  });
});
