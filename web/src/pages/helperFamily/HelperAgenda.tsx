// «کارهای امروز» on a helper's home: overdue and today's planned activities
// of their families (and commission tasks past due), from the phone when
// its store is open — so it works offline and shows the helper's own
// edits not sent yet — otherwise from the server.
import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CommissionTask, DueActivity } from '../../api/types';
import { useResource } from '../../data';
import { myAgenda } from '../../data/myFamiliesAgenda';
import { useSyncStatus } from '../../offline';
import { PendingMark } from '../../components/sync/PendingMark';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { linkProps } from '../../router';

function daysLate(due: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}

function ActivityItem({ a, today, pending }: { a: DueActivity; today: string; pending: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const late = a.due_on < today ? daysLate(a.due_on, today) : 0;
  return (
    <li data-activity={a.id}>
      <Group gap={6} wrap="wrap" align="baseline">
        <Anchor
          {...linkProps(`/families/${encodeURIComponent(a.family_id)}`)}
          fw={600}
          aria-label={t('offlineAssistance.openItem', { title: a.title, family: a.family_name })}
        >
          {a.title}
        </Anchor>
        <Text size="sm" c="dimmed">
          {a.family_name}
        </Text>
        {pending && <PendingMark />}
      </Group>
      <Text size="sm" c={late > 0 ? 'red.8' : undefined}>
        {t('offlineAssistance.dueOn', { date: formatDate(a.due_on, lang) })}
        {late > 0 && `${t('common.separator')}${t('offlineAssistance.lateBy', { n: formatNumber(late, lang) })}`}
      </Text>
    </li>
  );
}

function TaskItem({ task }: { task: CommissionTask & { family_name: string } }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <li>
      <Group gap={6} wrap="wrap" align="baseline">
        <Anchor
          {...linkProps(`/families/${encodeURIComponent(task.family_id)}`)}
          fw={600}
          aria-label={t('offlineAssistance.openItem', { title: task.title, family: task.family_name })}
        >
          {task.title}
        </Anchor>
        <Text size="sm" c="dimmed">
          {task.family_name}
        </Text>
      </Group>
      <Text size="sm" c="red.8">
        {t('offlineAssistance.dueOn', { date: formatDate(task.due_on, lang) })}
      </Text>
    </li>
  );
}

const listStyle = { listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 8, padding: 0, margin: 0 } as const;

export function HelperAgenda() {
  const { t } = useTranslation();
  const lang = useLang();
  const s = useSyncStatus();
  const res = useResource(() => myAgenda(), [s.online, s.lock, s.pending, s.lastSyncAt, s.syncing]);
  const data = res.data;
  if (data === undefined && res.error == null) return null;
  // Nothing to read it from: worth a word only when the password would open the phone's copy.
  if (data === null && !(s.active && s.lock !== 'open')) return null;

  const body = () => {
    if (res.error != null && !data) {
      return (
        <Alert color="red" variant="light" role="alert">
          {t('offlineAssistance.loadFailed')}
        </Alert>
      );
    }
    if (!data) return <Text size="sm">{t('offlineAssistance.needsStore')}</Text>;
    const { agenda, pending } = data;
    const empty = agenda.overdue.length === 0 && agenda.due_today.length === 0 && agenda.overdue_tasks.length === 0;
    return (
      <>
        {data.source === 'device' && (
          <Text size="sm" c="dimmed">
            {t('offlineAssistance.agendaFromDevice')}
          </Text>
        )}
        {empty && <Text size="sm">{t('offlineAssistance.nothing')}</Text>}
        {agenda.overdue.length > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5" c="red.9">
              {t('offlineAssistance.overdue', { n: formatNumber(agenda.overdue.length, lang) })}
            </Title>
            <ul style={listStyle} aria-label={t('offlineAssistance.overdue', { n: formatNumber(agenda.overdue.length, lang) })}>
              {agenda.overdue.map((a) => (
                <ActivityItem key={a.id} a={a} today={agenda.today} pending={pending.has(a.id)} />
              ))}
            </ul>
          </Stack>
        )}
        {agenda.due_today.length > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              {t('offlineAssistance.today', { n: formatNumber(agenda.due_today.length, lang) })}
            </Title>
            <ul style={listStyle} aria-label={t('offlineAssistance.today', { n: formatNumber(agenda.due_today.length, lang) })}>
              {agenda.due_today.map((a) => (
                <ActivityItem key={a.id} a={a} today={agenda.today} pending={pending.has(a.id)} />
              ))}
            </ul>
          </Stack>
        )}
        {agenda.overdue_tasks.length > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5" c="red.9">
              {t('offlineAssistance.overdueTasks', { n: formatNumber(agenda.overdue_tasks.length, lang) })}
            </Title>
            <ul style={listStyle}>
              {agenda.overdue_tasks.map((task) => (
                <TaskItem key={task.id} task={task} />
              ))}
            </ul>
          </Stack>
        )}
        {agenda.upcoming.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('offlineAssistance.upcoming', { n: formatNumber(agenda.upcoming.length, lang) })}
          </Text>
        )}
      </>
    );
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="helper-agenda">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={2} size="h4" id="helper-agenda">
            {t('offlineAssistance.agendaTitle')}
          </Title>
          <Button component="a" variant="light" size="compact-md" {...linkProps('/calendar')}>
            {t('offlineAssistance.openCalendar')}
          </Button>
        </Group>
        {body()}
      </Stack>
    </Card>
  );
}
