// One activity of the plan, wherever it shows (timeline, goal, calendar
// day, due lists): what, when, for whom, by whom, where it stands, and —
// for someone who works on the family — what can be done with it.
import { Badge, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../api/types';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { PendingMark } from '../../components/sync/PendingMark';
import type { Lookup } from './lookup';
import { ACTIVITY_COLORS, daysFrom } from './model';
import { isolate } from '../assessments/labels';

export type ActivityAction = 'done' | 'missed' | 'cancel' | 'reschedule' | 'edit';

export function ActivityStatusBadge({ activity, today }: { activity: Pick<Activity, 'status' | 'due_on'>; today: string }) {
  const { t } = useTranslation();
  const late = activity.status === 'planned' && activity.due_on < today;
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={ACTIVITY_COLORS[activity.status]} variant="light" size="sm">
        {t(`assistance.activityStatus.${activity.status}`)}
      </Badge>
      {late && (
        <Badge color="red" variant="filled" size="sm">
          {t('assistance.timeline.overdue')}
        </Badge>
      )}
    </Group>
  );
}

/** The buttons of an activity: «انجام شد» first (it is what a helper does most), the rest in a menu. */
export function ActivityActions({ activity, onAct }: { activity: Activity; onAct: (action: ActivityAction, activity: Activity) => void }) {
  const { t } = useTranslation();
  if (activity.status === 'done') return null;
  if (activity.status !== 'planned') {
    return (
      <Button size="compact-sm" variant="light" onClick={() => onAct('reschedule', activity)}>
        {t('assistance.actions.replan')}
      </Button>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Button size="compact-sm" color="teal" onClick={() => onAct('done', activity)} aria-label={t('assistance.actions.doneOf', { title: activity.title })}>
        {t('assistance.actions.done')}
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="compact-sm" variant="light" aria-label={t('assistance.actions.moreFor', { title: activity.title })}>
            …
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onAct('reschedule', activity)}>{t('assistance.actions.reschedule')}</Menu.Item>
          <Menu.Item onClick={() => onAct('missed', activity)}>{t('assistance.actions.missed')}</Menu.Item>
          <Menu.Item onClick={() => onAct('edit', activity)}>{t('assistance.actions.edit')}</Menu.Item>
          <Menu.Item color="red" onClick={() => onAct('cancel', activity)}>
            {t('assistance.actions.cancel')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

export function ActivityRow({
  activity,
  lookup,
  today,
  pending,
  onAct,
  showDate = true,
  showGoal = true,
}: {
  activity: Activity;
  lookup: Lookup;
  today: string;
  pending: boolean;
  /** Absent: read only. */
  onAct?: (action: ActivityAction, activity: Activity) => void;
  showDate?: boolean;
  showGoal?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const goal = showGoal ? lookup.goal(activity.goal_id) : null;
  const member = lookup.member(activity.member_id);
  const late = activity.status === 'planned' && activity.due_on < today ? daysFrom(activity.due_on, today) : 0;
  const who =
    activity.responsible === 'resource'
      ? (lookup.resource(activity.resource_id)?.name ?? t('assistance.responsible.resource'))
      : activity.responsible === 'commission_task'
        ? (lookup.task(activity.task_id)?.title ?? t('assistance.responsible.commission_task'))
        : null;
  return (
    <Stack gap={2} data-activity={activity.id} data-status={activity.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Text fw={600} td={activity.status === 'cancelled' ? 'line-through' : undefined}>
              {activity.title}
            </Text>
            <ActivityStatusBadge activity={activity} today={today} />
            {pending && <PendingMark />}
          </Group>
          <Text size="sm" c="dimmed">
            {[
              showDate ? t('assistance.timeline.due', { date: formatDate(activity.due_on, lang) }) : null,
              late > 0 ? t('assistance.calendar.daysLate', { n: formatNumber(late, lang) }) : null,
              t(`assistance.kind.${activity.kind}`),
              t(`assistance.domain.${activity.domain}`),
            ]
              .filter(Boolean)
              .join(t('common.separator'))}
          </Text>
        </Stack>
        {onAct && <ActivityActions activity={activity} onAct={onAct} />}
      </Group>
      {(member || who || goal) && (
        <Text size="sm">
          {[
            member ? t('assistance.timeline.member', { name: isolate(member) }) : null,
            who ? t('assistance.timeline.responsibleIs', { who: isolate(who) }) : null,
            goal ? t('assistance.timeline.goal', { title: isolate(goal.title) }) : null,
          ]
            .filter(Boolean)
            .join(t('common.separator'))}
        </Text>
      )}
      {activity.notes && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          {activity.notes}
        </Text>
      )}
      {activity.status === 'done' && activity.service_id && (
        <Text size="xs" c="teal.9">
          {t('assistance.timeline.serviceLogged')}
        </Text>
      )}
    </Stack>
  );
}
