// «تقویم همیاری» (`/calendar`, `assistance.work`): the activities of my
// families — a manager's center, a helper's assignments — on a Solar Hijri
// month, with today's, the overdue and the coming week's listed beside it,
// each leading to its family.
import { useState } from 'react';
import { Anchor, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DueActivity, Me } from '../../api/types';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { usePageTitle } from '../../lib/usePageTitle';
import { linkProps } from '../../router';
import { LoadState } from '../../components/LoadState';
import { ActivityStatusBadge } from './ActivityRow';
import { DueList } from './DueList';
import { MonthCalendar, currentMonth, type MonthView } from './MonthCalendar';
import { daysFrom, todayIso } from './model';
import { useCalendarData } from './offlineCalendar';
import { isolate } from '../assessments/labels';

/** One due activity of one of my families: what, which family (a link), when. */
export function DueActivityLine({ item, today, showDate = true }: { item: DueActivity; today: string; showDate?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const late = item.status === 'planned' && item.due_on < today ? daysFrom(item.due_on, today) : 0;
  return (
    <Stack gap={2}>
      <Group gap={6} justify="space-between" wrap="nowrap" align="flex-start">
        <Text fw={600} td={item.status === 'cancelled' ? 'line-through' : undefined}>
          {item.title}
        </Text>
        <ActivityStatusBadge activity={item} today={today} />
      </Group>
      <Anchor {...linkProps(`/families/${item.family_id}`)} size="sm">
        {t('assistance.calendar.family', { name: isolate(item.family_name) })}
      </Anchor>
      <Text size="sm" c="dimmed">
        {[
          showDate ? formatDate(item.due_on, lang) : null,
          late > 0 ? t('assistance.calendar.daysLate', { n: formatNumber(late, lang) }) : null,
          t(`assistance.kind.${item.kind}`),
        ]
          .filter(Boolean)
          .join(t('common.separator'))}
      </Text>
    </Stack>
  );
}

export function CalendarPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('assistance.calendar.title'));
  const [view, setView] = useState<MonthView>(currentMonth);
  // A helper's phone answers from its device store (src/pages/assistance/offlineCalendar.ts).
  const { month, agenda } = useCalendarData(me, view);
  const today = agenda.data?.today ?? todayIso();
  const items = month.data ?? [];

  const lists = agenda.data ? (
    <Stack gap="lg">
      <DueList
        title={t('assistance.calendar.overdue')}
        empty={t('assistance.calendar.noOverdue')}
        items={agenda.data.overdue}
        color="red"
        headingLevel={2}
        render={(item) => <DueActivityLine item={item} today={today} />}
      />
      <DueList
        title={t('assistance.calendar.upcomingWeek')}
        empty={t('assistance.calendar.noUpcoming')}
        items={agenda.data.upcoming}
        headingLevel={2}
        render={(item) => <DueActivityLine item={item} today={today} />}
      />
    </Stack>
  ) : (
    <LoadState loading={agenda.loading} error={agenda.error} onRetry={agenda.reload} />
  );

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('assistance.calendar.title')}
      </Title>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder padding="sm">
            <Stack gap="sm">
              {month.error != null && <LoadState loading={false} error={month.error} onRetry={month.reload} />}
              <MonthCalendar
                view={view}
                onViewChange={setView}
                entries={items.map((i) => ({ ...i, date: i.due_on }))}
                loading={month.loading}
                headingLevel={2}
                renderDay={(entries) => (
                  <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                    {entries.map((e) => (
                      <Card component="li" key={e.id} withBorder padding="sm">
                        <DueActivityLine item={e} today={today} showDate={false} />
                      </Card>
                    ))}
                  </Stack>
                )}
              />
              {month.data && items.length === 0 && !month.loading && (
                <Text size="sm" c="dimmed">
                  {t('assistance.calendar.emptyMonth')}
                </Text>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          {lists}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
