// A family's assistance on one line of time, newest first: services (a
// corrected one as its correction, the earlier versions struck through),
// activities, referrals and their answers, commission decisions and tasks
// (a task's completion on the day it was done). Filtered by category.
import { useMemo, useState, type ReactNode } from 'react';
import { Badge, Button, Card, Chip, Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Activity, Service } from '../../api/types';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { PendingMark } from '../../components/sync/PendingMark';
import type { AssistanceSource } from './backend';
import { ActivityRow, type ActivityAction } from './ActivityRow';
import { receiverOf, type Lookup } from './lookup';
import { REFERRAL_COLORS, TIMELINE_CATEGORIES, URGENCY_COLORS, buildTimeline, categoryOf, idsOf, type TimelineCategory, type TimelineItem } from './model';
import { isolate } from '../assessments/labels';

export function Timeline({
  source,
  lookup,
  today,
  onAct,
  onAmend,
}: {
  source: AssistanceSource;
  lookup: Lookup;
  today: string;
  /** Absent: read only. */
  onAct?: (action: ActivityAction, activity: Activity) => void;
  onAmend?: (service: Service) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [shown, setShown] = useState<string[]>([...TIMELINE_CATEGORIES]);
  const all = useMemo(() => buildTimeline(source.assistance), [source.assistance]);
  const items = all.filter((i) => shown.includes(categoryOf(i)));
  const counts = useMemo(() => {
    const c: Record<TimelineCategory, number> = { service: 0, activity: 0, referral: 0, commission: 0 };
    for (const i of all) c[categoryOf(i)]++;
    return c;
  }, [all]);

  if (all.length === 0) return <Text c="dimmed">{t('assistance.timeline.empty')}</Text>;

  let lastDate = '';
  // Where the future (what is planned) meets the past (what was done): a line that says today.
  const firstPast = items.findIndex((i) => i.date <= today);
  const todayLine = (
    <Divider
      my="xs"
      color="teal.6"
      labelPosition="center"
      data-today-line
      label={
        <Text size="sm" fw={700} c="teal.9">
          {t('assistance.timeline.today', { date: formatDate(today, lang) })}
        </Text>
      }
    />
  );
  return (
    <Stack gap="sm">
      <Chip.Group multiple value={shown} onChange={setShown}>
        <Group gap={6} role="group" aria-label={t('assistance.timeline.filters')}>
          {TIMELINE_CATEGORIES.map((c) => (
            <Chip key={c} value={c} size="sm" variant="light">
              {t(`assistance.timeline.categories.${c}`)} ({formatNumber(counts[c], lang)})
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {items.length === 0 && <Text c="dimmed">{t('assistance.timeline.emptyFiltered')}</Text>}
      <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('assistance.timeline.list')}>
        {items.map((item, index) => {
          const atToday = index === firstPast && index > 0;
          // The today line says the date of today's items.
          const showDate = (item.date !== lastDate || atToday) && !(atToday && item.date === today);
          lastDate = item.date;
          const pending = idsOf(item).some((id) => source.pending.has(id));
          return (
            <li key={item.key} data-type={item.type}>
              {atToday && todayLine}
              {showDate && (
                <Text size="sm" fw={700} c="teal.9" mt="xs" mb={4}>
                  {formatDate(item.date, lang)}
                </Text>
              )}
              <Card withBorder padding="sm">
                <TimelineEntry item={item} lookup={lookup} today={today} pending={pending} onAct={onAct} onAmend={onAmend} />
              </Card>
            </li>
          );
        })}
      </Stack>
    </Stack>
  );
}

function Head({ label, color, children }: { label: string; color: string; children?: ReactNode }) {
  return (
    <Group gap={6}>
      <Badge color={color} variant="outline" size="sm">
        {label}
      </Badge>
      {children}
    </Group>
  );
}

function Line({ children, dimmed, strike }: { children: ReactNode; dimmed?: boolean; strike?: boolean }) {
  return (
    <Text size="sm" c={dimmed ? 'dimmed' : undefined} td={strike ? 'line-through' : undefined} style={{ whiteSpace: 'pre-wrap' }}>
      {children}
    </Text>
  );
}

function TimelineEntry({
  item,
  lookup,
  today,
  pending,
  onAct,
  onAmend,
}: {
  item: TimelineItem;
  lookup: Lookup;
  today: string;
  pending: boolean;
  onAct?: (action: ActivityAction, activity: Activity) => void;
  onAmend?: (service: Service) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const sep = t('common.separator');
  const mark = pending ? <PendingMark /> : null;

  switch (item.type) {
    case 'service': {
      const s = item.service;
      return (
        <Stack gap={4}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Head label={t('assistance.timeline.service')} color="teal">
              <Text fw={600}>{t(`assistance.kind.${s.kind}`)}</Text>
              {item.earlier.length > 0 && (
                <Badge color="orange" variant="light" size="sm">
                  {t('assistance.timeline.corrected')}
                </Badge>
              )}
              {mark}
            </Head>
            {onAmend && (
              <Button size="compact-sm" variant="subtle" style={{ flex: 'none' }} onClick={() => onAmend(s)} aria-label={t('assistance.actions.amendOf', { date: formatDate(s.served_on, lang) })}>
                {t('assistance.actions.amend')}
              </Button>
            )}
          </Group>
          <ServiceBody service={s} lookup={lookup} />
          {s.amends && s.amend_reason && <Line>{t('assistance.timeline.correctionReason', { reason: isolate(s.amend_reason) })}</Line>}
          {item.earlier.map((e) => (
            <Stack key={e.id} gap={2} ps="sm" data-earlier style={{ borderInlineStart: '3px solid var(--mantine-color-gray-4)' }}>
              <Text size="xs" c="dimmed">
                {t('assistance.timeline.earlier', { date: formatDate(e.served_on, lang) })}
              </Text>
              <ServiceBody service={e} lookup={lookup} strike />
            </Stack>
          ))}
        </Stack>
      );
    }
    case 'activity':
      return (
        <Stack gap={4}>
          <Head label={t('assistance.timeline.activity')} color="blue" />
          <ActivityRow activity={item.activity} lookup={lookup} today={today} pending={pending} onAct={onAct} showDate={false} />
        </Stack>
      );
    case 'referral': {
      const r = item.referral;
      const member = lookup.member(r.member_id);
      const by = lookup.name(r.referred_by);
      return (
        <Stack gap={4}>
          <Head label={t('assistance.timeline.referral')} color="grape">
            <Text fw={600}>{t('assistance.timeline.referralTo', { name: isolate(receiverOf(r, lookup, t)) })}</Text>
            <Badge color={REFERRAL_COLORS[r.status]} variant="light" size="sm">
              {t(`assistance.referralStatus.${r.status}`)}
            </Badge>
            {r.urgency !== 'routine' && (
              <Badge color={URGENCY_COLORS[r.urgency]} variant="filled" size="sm">
                {t(`assistance.urgency.${r.urgency}`)}
              </Badge>
            )}
            {mark}
          </Head>
          {member && <Line>{t('assistance.timeline.member', { name: isolate(member) })}</Line>}
          <Line>{t('assistance.timeline.reason', { text: isolate(r.reason) })}</Line>
          {r.feedback && <Line>{t('assistance.timeline.feedback', { text: isolate(r.feedback) })}</Line>}
          {by && <Line dimmed>{t('assistance.timeline.by', { name: isolate(by) })}</Line>}
        </Stack>
      );
    }
    case 'decision': {
      const d = item.decision;
      return (
        <Stack gap={4}>
          <Head label={t('assistance.timeline.decision')} color="indigo">
            <Text fw={600}>{lookup.name(d.commission_id) ?? t('assistance.timeline.unknownName')}</Text>
            {mark}
          </Head>
          <Line>{d.text}</Line>
        </Stack>
      );
    }
    case 'task': {
      const k = item.task;
      const assignee =
        k.assignee_kind === 'helper'
          ? t('assistance.timeline.helperAssignee')
          : k.assignee_kind === 'resource'
            ? lookup.resource(k.assignee_id)?.name
            : lookup.name(k.assignee_id);
      const overdue = k.overdue && k.status === 'open';
      const commission = lookup.name(k.commission_id);
      return (
        <Stack gap={4}>
          <Head label={t('assistance.timeline.task')} color="indigo">
            <Text fw={600} td={k.status === 'cancelled' ? 'line-through' : undefined}>
              {k.title}
            </Text>
            <Badge color={k.status === 'done' ? 'teal' : k.status === 'cancelled' ? 'gray' : 'blue'} variant="light" size="sm">
              {t(`assistance.taskStatus.${k.status}`)}
            </Badge>
            {overdue && (
              <Badge color="red" variant="filled" size="sm">
                {t('assistance.timeline.overdue')}
              </Badge>
            )}
            {mark}
          </Head>
          <Line dimmed>
            {[
              t('assistance.timeline.due', { date: formatDate(k.due_on, lang) }),
              commission ? t('assistance.timeline.commission', { name: isolate(commission) }) : null,
              assignee ? t('assistance.timeline.assignee', { name: isolate(assignee) }) : null,
            ]
              .filter(Boolean)
              .join(sep)}
          </Line>
        </Stack>
      );
    }
    case 'taskDone': {
      const k = item.task;
      const by = lookup.name(k.done_by);
      return (
        <Stack gap={4}>
          <Head label={t('assistance.timeline.taskDone')} color="teal">
            <Text fw={600}>{k.title}</Text>
            {mark}
          </Head>
          {k.done_note && <Line>{t('assistance.timeline.doneNote', { text: isolate(k.done_note) })}</Line>}
          {by && <Line dimmed>{t('assistance.timeline.doneBy', { name: isolate(by) })}</Line>}
        </Stack>
      );
    }
  }
}

/** What a service was: how long, in which domain, for whom, with whom, and what came of it. */
function ServiceBody({ service: s, lookup, strike = false }: { service: Service; lookup: Lookup; strike?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const sep = t('common.separator');
  const names = s.member_ids.map((id) => lookup.member(id) ?? t('assistance.timeline.unknownName'));
  const resource = lookup.resource(s.resource_id);
  const author = lookup.name(s.author_id);
  const activity = lookup.activity(s.activity_id);
  return (
    <Stack gap={2}>
      {activity && !strike && <Line>{t('assistance.timeline.forActivity', { title: isolate(activity.title) })}</Line>}
      <Line strike={strike} dimmed={strike}>
        {[
          strike ? t(`assistance.kind.${s.kind}`) : null,
          t('assistance.timeline.minutes', { n: formatNumber(s.minutes, lang) }),
          t(`assistance.domain.${s.domain}`),
          names.length > 0 ? t('assistance.timeline.members', { names: isolate(names.join(sep)) }) : t('assistance.timeline.wholeFamily'),
        ]
          .filter(Boolean)
          .join(sep)}
      </Line>
      {resource && (
        <Line strike={strike} dimmed={strike}>
          {t('assistance.timeline.resource', { name: isolate(resource.removed ? t('assistance.timeline.removedResource', { name: resource.name }) : resource.name) })}
        </Line>
      )}
      {s.notes && (
        <Line strike={strike} dimmed={strike}>
          {t('assistance.timeline.notes', { text: isolate(s.notes) })}
        </Line>
      )}
      {s.outcome && (
        <Line strike={strike} dimmed={strike}>
          {t('assistance.timeline.outcome', { text: isolate(s.outcome) })}
        </Line>
      )}
      {s.follow_up_on && (
        <Line strike={strike} dimmed={strike}>
          {t('assistance.timeline.followUp', { date: formatDate(s.follow_up_on, lang) })}
        </Line>
      )}
      {author && !strike && <Line dimmed>{t('assistance.timeline.by', { name: isolate(author) })}</Line>}
    </Stack>
  );
}
