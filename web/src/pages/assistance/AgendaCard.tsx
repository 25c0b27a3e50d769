// The dashboard's «کارهای امروز»: today's activities of my families (each
// leading to its family), how many are overdue, commission tasks past
// their day, and referrals waiting for my answer.
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Agenda, Me } from '../../api/types';
import { can } from '../../data/session';
import { getAgenda } from '../../data/assistance';
import { useResource } from '../../data/useResource';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { linkProps } from '../../router';
import { LoadState } from '../../components/LoadState';
import { URGENCY_COLORS } from './model';
import { isolate } from '../assessments/labels';

type AgendaTask = Agenda['overdue_tasks'][number];

export function AgendaCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useResource(() => getAgenda(), []);
  const works = can(me, 'assistance.work');
  const n = (v: number) => formatNumber(v, lang);
  // Where a task is worked on: its commission for those who sit in it, else the family's page.
  const taskLink = (k: AgendaTask) => (can(me, 'commissions.read') ? `/commissions/${k.commission_id}` : `/families/${k.family_id}`);
  const a = res.data;

  return (
    <Card withBorder shadow="xs" padding="lg" component="section" aria-labelledby="home-agenda">
      <Stack gap="sm">
        <Title order={2} size="h3" c="teal.9" id="home-agenda">
          {t('assistance.agenda.title')}
        </Title>
        {!a && <LoadState loading={res.loading} error={res.error} onRetry={res.reload} />}
        {a && works && (
          <Stack gap={6} component="section" aria-label={t('assistance.agenda.dueToday')}>
            {a.due_today.length === 0 ? (
              <Text c="dimmed">{t('assistance.agenda.noneToday')}</Text>
            ) : (
              <>
                <Text fw={600}>{t('assistance.agenda.dueToday')}</Text>
                <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
                  {a.due_today.map((d) => (
                    <li key={d.id}>
                      <Anchor {...linkProps(`/families/${d.family_id}`)}>{d.title}</Anchor>
                      <Text span size="sm" c="dimmed">
                        {t('common.separator')}
                        {isolate(d.family_name)}
                      </Text>
                    </li>
                  ))}
                </Stack>
              </>
            )}
            {a.overdue.length > 0 && (
              <Text fw={600} c="red.8">
                {t('assistance.agenda.overdue', { n: n(a.overdue.length) })}
              </Text>
            )}
          </Stack>
        )}
        {a && a.overdue_tasks.length > 0 && (
          <Stack gap={4} component="section" aria-label={t('assistance.agenda.overdueTasks', { n: n(a.overdue_tasks.length) })}>
            <Text fw={600} c="red.8">
              {t('assistance.agenda.overdueTasks', { n: n(a.overdue_tasks.length) })}
            </Text>
            <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
              {a.overdue_tasks.map((k) => (
                <li key={k.id}>
                  <Anchor {...linkProps(taskLink(k))} size="sm">
                    {t('assistance.agenda.taskDue', { title: isolate(k.title), date: formatDate(k.due_on, lang) })}
                  </Anchor>
                  <Text span size="sm" c="dimmed">
                    {t('common.separator')}
                    {isolate(k.family_name)}
                  </Text>
                </li>
              ))}
            </Stack>
          </Stack>
        )}
        {a && a.waiting_referrals.length > 0 && (
          <Stack gap={4} component="section" aria-label={t('assistance.agenda.waitingReferrals', { n: n(a.waiting_referrals.length) })}>
            <Text fw={600}>{t('assistance.agenda.waitingReferrals', { n: n(a.waiting_referrals.length) })}</Text>
            <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
              {a.waiting_referrals.map((r) => (
                <li key={r.id}>
                  <Group gap={6} wrap="nowrap">
                    <Anchor {...linkProps(`/referrals/${r.id}`)} size="sm">
                      {t('assistance.agenda.referralFrom', { family: isolate(r.family_name), date: formatDate(r.referred_on, lang) })}
                    </Anchor>
                    {r.urgency !== 'routine' && (
                      <Badge size="xs" color={URGENCY_COLORS[r.urgency]} variant="filled">
                        {t(`assistance.urgency.${r.urgency}`)}
                      </Badge>
                    )}
                  </Group>
                </li>
              ))}
            </Stack>
          </Stack>
        )}
        {a && !works && a.overdue_tasks.length === 0 && a.waiting_referrals.length === 0 && <Text c="dimmed">{t('assistance.agenda.nothing')}</Text>}
        <Group gap="xs">
          {works && (
            <Button component="a" {...linkProps('/calendar')} variant={a && a.overdue.length > 0 ? 'filled' : 'light'}>
              {t('assistance.agenda.openCalendar')}
            </Button>
          )}
          {can(me, 'referrals.read') && (
            <Button component="a" {...linkProps('/referrals')} variant="light">
              {t('assistance.agenda.allReferrals')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
