// A Solar Hijri month of activities: weeks from Saturday, Persian digits,
// today outlined, a colored dot per activity (its status) on a phone and
// short titles on wider screens. A day is a button: its activities are
// listed below the grid, as the caller renders them (with actions on a
// family's page, with links on the calendar page).
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { ActionIcon, Button, Group, Loader, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ActivityStatus } from '../../api/types';
import { addMonths, formatDate, isoToJalali, jalaliToIso, monthGrid, monthName, todayJalali, weekdayNames } from '../../lib/jalali';
import { formatDigits, formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { ACTIVITY_COLORS, ACTIVITY_STATUSES } from './model';
import classes from './MonthCalendar.module.css';

export interface CalendarEntry {
  id: string;
  /** ISO date. */
  date: string;
  title: string;
  /** An activity's status (its dot's color and the legend's). */
  status?: ActivityStatus;
  /** A Mantine color for entries that are not activities. */
  color?: string;
}

const colorOf = (e: CalendarEntry) => e.color ?? ACTIVITY_COLORS[e.status ?? 'planned'];

export interface MonthView {
  year: number;
  month: number;
}

export function currentMonth(): MonthView {
  const today = todayJalali();
  return { year: today.year, month: today.month };
}

export function shiftMonth(view: MonthView, delta: number): MonthView {
  return addMonths(view.year, view.month, delta);
}

const SHOWN_TITLES = 2;
const SHOWN_DOTS = 4;

export function MonthCalendar<E extends CalendarEntry>({
  view,
  onViewChange,
  entries,
  renderDay,
  loading = false,
  headingLevel = 3,
  texts = 'assistance.calendar',
  legend,
}: {
  view: MonthView;
  onViewChange: (view: MonthView) => void;
  entries: readonly E[];
  /** What the chosen day shows below the grid (its entries, possibly none). */
  renderDay: (entries: E[], iso: string) => ReactNode;
  loading?: boolean;
  headingLevel?: 2 | 3 | 4;
  /** Where the day's words are (`dayLabel`, `dayLabelEmpty`, `dayList`, `nothingThatDay`): activities by default. */
  texts?: 'assistance.calendar' | 'programs.calendar';
  /** Instead of the activity statuses' legend (null: none). */
  legend?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const rtl = i18n.dir() === 'rtl';
  const captionId = useId();
  const today = jalaliToIso(todayJalali());
  const inView = (iso: string) => {
    const d = isoToJalali(iso);
    return !!d && d.year === view.year && d.month === view.month;
  };
  const [selected, setSelected] = useState<string | null>(() => (inView(today) ? today : null));
  // A new month: today when it is in it, otherwise no day yet.
  useEffect(() => {
    setSelected((s) => (s && inView(s) ? s : inView(today) ? today : null));
  }, [view.year, view.month]);

  const byDay = useMemo(() => {
    const m = new Map<string, E[]>();
    for (const e of entries) {
      const list = m.get(e.date);
      if (list) list.push(e);
      else m.set(e.date, [e]);
    }
    return m;
  }, [entries]);

  const weekdays = weekdayNames(lang, 'narrow');
  const weekdaysLong = weekdayNames(lang, 'long');
  const n = (v: number) => formatDigits(v, lang);
  const title = t('assistance.calendar.grid', { month: monthName(view.month, lang), year: n(view.year) });
  const selectedEntries = selected ? (byDay.get(selected) ?? []) : [];

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <ActionIcon variant="light" size="lg" onClick={() => onViewChange(shiftMonth(view, -1))} aria-label={t('assistance.calendar.prev')}>
          {rtl ? '›' : '‹'}
        </ActionIcon>
        <Group gap="xs" wrap="nowrap">
          <Title order={headingLevel} size="h5" id={captionId} aria-live="polite">
            {monthName(view.month, lang)} {n(view.year)}
          </Title>
          {loading && <Loader size="xs" aria-label={t('common.loading')} />}
        </Group>
        <ActionIcon variant="light" size="lg" onClick={() => onViewChange(shiftMonth(view, 1))} aria-label={t('assistance.calendar.next')}>
          {rtl ? '‹' : '›'}
        </ActionIcon>
      </Group>
      <table className={classes.grid} aria-labelledby={captionId}>
        <caption>
          <VisuallyHidden>{title}</VisuallyHidden>
        </caption>
        <thead>
          <tr>
            {weekdays.map((w, i) => (
              <th key={i} scope="col" abbr={weekdaysLong[i]}>
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(view.year, view.month).map((week, wi) => (
            <tr key={wi}>
              {week.map((d, di) => {
                if (!d) return <td key={di} />;
                const iso = jalaliToIso(d);
                const list = byDay.get(iso) ?? [];
                const date = formatDate(iso, lang);
                return (
                  <td key={di}>
                    <UnstyledButton
                      className={classes.day}
                      data-today={iso === today || undefined}
                      data-selected={iso === selected || undefined}
                      aria-pressed={iso === selected}
                      aria-current={iso === today ? 'date' : undefined}
                      aria-label={
                        list.length > 0
                          ? t(`${texts}.dayLabel`, { date, n: formatNumber(list.length, lang) })
                          : t(`${texts}.dayLabelEmpty`, { date })
                      }
                      onClick={() => setSelected(iso)}
                    >
                      <span className={classes.number}>{n(d.day)}</span>
                      {list.length > 0 && (
                        <>
                          <span className={classes.dots} aria-hidden="true">
                            {list.slice(0, SHOWN_DOTS).map((e) => (
                              <span
                                key={e.id}
                                className={classes.dot}
                                data-status={e.status}
                                style={{ background: `var(--mantine-color-${colorOf(e)}-6)` }}
                              />
                            ))}
                          </span>
                          <span className={classes.titles} aria-hidden="true">
                            {list.slice(0, SHOWN_TITLES).map((e) => (
                              <span key={e.id} className={classes.title} style={{ borderColor: `var(--mantine-color-${colorOf(e)}-6)` }}>
                                {e.title}
                              </span>
                            ))}
                          </span>
                          {list.length > SHOWN_DOTS && (
                            <span className={classes.more} aria-hidden="true" dir="ltr">
                              {t('assistance.calendar.more', { n: n(list.length - SHOWN_DOTS) })}
                            </span>
                          )}
                        </>
                      )}
                    </UnstyledButton>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {legend !== undefined ? (
        legend
      ) : (
        <Group gap="md" aria-label={t('assistance.calendar.legend')} role="group">
          {ACTIVITY_STATUSES.map((s) => (
            <Text key={s} size="xs" c="dimmed">
              <span className={classes.legendDot} style={{ background: `var(--mantine-color-${ACTIVITY_COLORS[s]}-6)` }} aria-hidden="true" />
              {t(`assistance.activityStatus.${s}`)}
            </Text>
          ))}
        </Group>
      )}
      {selected ? (
        <Stack gap="xs" role="region" aria-label={t(`${texts}.dayList`, { date: formatDate(selected, lang) })}>
          <Group justify="space-between">
            <Text fw={700}>{t(`${texts}.dayList`, { date: formatDate(selected, lang) })}</Text>
            {selected !== today && (
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() => {
                  const now = todayJalali();
                  onViewChange({ year: now.year, month: now.month });
                  setSelected(today);
                }}
              >
                {t('assistance.calendar.today')}
              </Button>
            )}
          </Group>
          {selectedEntries.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t(`${texts}.nothingThatDay`)}
            </Text>
          ) : (
            renderDay(selectedEntries, selected)
          )}
        </Stack>
      ) : null}
    </Stack>
  );
}
