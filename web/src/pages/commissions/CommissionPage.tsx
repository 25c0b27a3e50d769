// One commission: its overdue tasks first, then its cases, meetings (newest
// first, a new one recorded here), every task, and its seats. Those who work
// in it record meetings and close tasks; its owner edits it and its seats.
import { useEffect, useState } from 'react';
import { Anchor, Button, Card, Group, Modal, SimpleGrid, Stack, Switch, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CommissionDetail, CommissionTask, DirectoryResource, Me, Meeting } from '../../api/types';
import { can, getCommission, searchResources, useResource } from '../../data';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { usePageTitle } from '../../lib/usePageTitle';
import { linkProps, navigate } from '../../router';
import { InfoItem } from '../../components/InfoItem';
import { LoadState } from '../../components/LoadState';
import { ResponsiveList } from '../../components/ResponsiveList';
import { ReferralStatusBadge, UrgencyBadge } from '../referrals/ReferralBits';
import { isClosed, sortCases } from '../referrals/referralState';
import { CommissionForm } from './CommissionForm';
import { DomainBadge } from './CommissionsPage';
import { MeetingForm } from './MeetingForm';
import { SeatsSection } from './SeatsSection';
import { TaskList } from './TaskList';
import { assigneeOf } from './taskState';
import { digitsFor } from '../families/format';

type CommissionCase = CommissionDetail['cases'][number];

type Tab = 'cases' | 'meetings' | 'tasks' | 'seats';

export function CommissionPage({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const res = useResource(() => getCommission(id), [id]);
  const [detail, setDetail] = useState<CommissionDetail | undefined>(undefined);
  useEffect(() => {
    if (res.data) setDetail(res.data);
  }, [res.data]);
  const [tab, setTab] = useState<Tab>('cases');
  const [dialog, setDialog] = useState<'edit' | 'meeting' | null>(null);
  const [showClosed, setShowClosed] = useState(false);
  // Tasks given to a resource are named from the directory.
  const needsResources = (detail?.tasks ?? []).some((task) => task.assignee_kind === 'resource');
  const resources = useResource(() => (needsResources ? searchResources() : Promise.resolve([] as DirectoryResource[])), [needsResources]);
  usePageTitle(detail?.commission.name ?? t('casework.commissions.title'));

  const back = (
    <Anchor {...linkProps('/commissions')} size="sm">
      {t('casework.commissions.back')}
    </Anchor>
  );
  if (!detail) {
    return (
      <Stack gap="lg">
        {back}
        <LoadState loading={res.loading} error={res.error} onRetry={res.reload} />
      </Stack>
    );
  }

  const { commission } = detail;
  const n = (v: number) => formatNumber(v, lang);
  const familyOf = new Map(detail.cases.map((c) => [c.referral.id, c.family_name]));
  // Waiting cases first, the urgent on top.
  const cases = sortCases(detail.cases);
  const openCases = cases.filter((c) => !isClosed(c.referral.status));
  const shownCases = showClosed ? cases : openCases;
  const meetings = [...detail.meetings].sort((a, b) => b.held_on.localeCompare(a.held_on));
  const overdue = detail.tasks.filter((task) => task.status === 'open' && task.overdue);
  const openTasks = detail.tasks.filter((task) => task.status === 'open').length;
  const assignee = (task: CommissionTask) => assigneeOf(task, { seats: detail.seats, resources: resources.data ?? [] }, t);
  const family = (task: CommissionTask) => familyOf.get(task.referral_id) ?? null;

  function onTaskChanged(task: CommissionTask) {
    setDetail((d) => {
      if (!d) return d;
      const tasks = d.tasks.map((x) => (x.id === task.id ? task : x));
      const overdueTasks = tasks.filter((x) => x.status === 'open' && x.overdue).length;
      return { ...d, tasks, commission: { ...d.commission, overdue_tasks: overdueTasks } };
    });
  }

  const taskList = (tasks: readonly CommissionTask[], label: string, empty?: string) => (
    <TaskList
      tasks={tasks}
      label={label}
      empty={empty}
      assignee={assignee}
      family={family}
      canClose={() => detail.can_work}
      onChanged={onTaskChanged}
      onStale={res.reload}
    />
  );

  // The case's own page is under referrals: linked for those who may open it.
  const caseLink = (c: CommissionCase) =>
    can(me, 'referrals.read') ? (
      <Anchor {...linkProps(`/referrals/${encodeURIComponent(c.referral.id)}`)} fw={700}>
        {c.family_name}
      </Anchor>
    ) : (
      <Text fw={700}>{c.family_name}</Text>
    );
  const meetingLink = (m: Meeting) => (
    <Anchor {...linkProps(`/commissions/meetings/${encodeURIComponent(m.id)}`)} fw={700}>
      {t('casework.meetings.titleOn', { date: formatDate(m.held_on, lang) })}
    </Anchor>
  );
  const decided = (m: Meeting) => detail.decisions.filter((d) => d.meeting_id === m.id).length;

  return (
    <Stack gap="lg">
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {commission.name}
          </Title>
          <Group gap="xs">
            <DomainBadge domain={commission.domain} />
            <Text size="sm" c="dimmed">
              {commission.center_name ?? t('casework.commissions.ofHq')}
            </Text>
          </Group>
        </Stack>
        {commission.can_manage && (
          <Button variant="default" onClick={() => setDialog('edit')}>
            {t('casework.edit')}
          </Button>
        )}
      </Group>
      {res.error != null && <LoadState loading={false} error={res.error} onRetry={res.reload} />}
      {commission.notes && (
        <Text style={{ whiteSpace: 'pre-line' }} maw={760}>
          {digitsFor(commission.notes, lang)}
        </Text>
      )}
      <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="sm" m={0} aria-label={t('casework.commissions.summary')}>
        <InfoItem label={t('casework.commissions.fields.open_cases')}>{n(openCases.length)}</InfoItem>
        <InfoItem label={t('casework.commissions.fields.meetings')}>{n(detail.meetings.length)}</InfoItem>
        <InfoItem label={t('casework.commissions.fields.open_tasks')}>{n(openTasks)}</InfoItem>
        <InfoItem label={t('casework.commissions.fields.seats')}>{n(detail.seats.length)}</InfoItem>
      </SimpleGrid>
      {!detail.can_work && (
        <Text size="sm" c="dimmed">
          {t('casework.commissions.readOnly')}
        </Text>
      )}

      {overdue.length > 0 && (
        <Card withBorder padding="md" component="section" aria-labelledby="overdue-title" style={{ borderColor: 'var(--mantine-color-red-6)' }}>
          <Title order={2} size="h4" id="overdue-title" c="red.8" mb="sm">
            {t('casework.commissions.overdueTitle', { n: n(overdue.length) })}
          </Title>
          {taskList(overdue, t('casework.commissions.overdueList'))}
        </Card>
      )}

      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false}>
        <Tabs.List aria-label={t('casework.commissions.tabs')}>
          <Tabs.Tab value="cases">{t('casework.commissions.tab.cases', { n: n(openCases.length) })}</Tabs.Tab>
          <Tabs.Tab value="meetings">{t('casework.commissions.tab.meetings', { n: n(detail.meetings.length) })}</Tabs.Tab>
          <Tabs.Tab value="tasks">{t('casework.commissions.tab.tasks', { n: n(openTasks) })}</Tabs.Tab>
          <Tabs.Tab value="seats">{t('casework.commissions.tab.seats', { n: n(detail.seats.length) })}</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="cases" pt="md">
          <Stack gap="md">
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('casework.commissions.casesIntro')}
              </Text>
              {detail.cases.length > openCases.length && (
                <Switch
                  checked={showClosed}
                  onChange={(e) => setShowClosed(e.currentTarget.checked)}
                  label={t('casework.commissions.showClosed', { n: n(detail.cases.length - openCases.length) })}
                />
              )}
            </Group>
            {shownCases.length === 0 && <Text c="dimmed">{t('casework.commissions.noCases')}</Text>}
            <ResponsiveList
              items={shownCases}
              itemKey={(c) => c.referral.id}
              label={t('casework.commissions.casesList')}
              minWidth={760}
              columns={[
                { header: t('casework.referrals.fields.family'), cell: caseLink },
                { header: t('casework.referrals.fields.reason'), cell: (c) => <Text size="sm" lineClamp={2}>{digitsFor(c.referral.reason, lang)}</Text> },
                { header: t('casework.referrals.fields.urgency'), cell: (c) => <UrgencyBadge urgency={c.referral.urgency} /> },
                { header: t('casework.referrals.fields.referred_on'), cell: (c) => formatDate(c.referral.referred_on, lang) },
                { header: t('casework.referrals.fields.status'), cell: (c) => <ReferralStatusBadge status={c.referral.status} /> },
              ]}
              card={(c) => (
                <Stack gap={4}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    {caseLink(c)}
                    <ReferralStatusBadge status={c.referral.status} />
                  </Group>
                  <Group gap="xs">
                    <UrgencyBadge urgency={c.referral.urgency} size="sm" />
                    <Text size="xs" c="dimmed">
                      {t('casework.referrals.referredOnN', { date: formatDate(c.referral.referred_on, lang) })}
                    </Text>
                  </Group>
                  <Text size="sm" lineClamp={2}>
                    {digitsFor(c.referral.reason, lang)}
                  </Text>
                </Stack>
              )}
            />
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="meetings" pt="md">
          <Stack gap="md">
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('casework.meetings.intro')}
              </Text>
              {detail.can_work && <Button onClick={() => setDialog('meeting')}>{t('casework.meetings.new')}</Button>}
            </Group>
            {meetings.length === 0 && <Text c="dimmed">{t('casework.meetings.empty')}</Text>}
            <ResponsiveList
              items={meetings}
              itemKey={(m) => m.id}
              label={t('casework.meetings.list')}
              minWidth={640}
              columns={[
                { header: t('casework.meetings.fields.held_on'), cell: meetingLink },
                { header: t('casework.meetings.fields.place'), cell: (m) => (m.place ? digitsFor(m.place, lang) : t('common.none')) },
                { header: t('casework.meetings.fields.attendees'), cell: (m) => n(m.attendees.length) },
                { header: t('casework.meetings.fields.agenda'), cell: (m) => n(m.agenda.length) },
                { header: t('casework.meetings.fields.decisions'), cell: (m) => n(decided(m)) },
              ]}
              card={(m) => (
                <Stack gap={4}>
                  {meetingLink(m)}
                  {m.place && <Text size="sm">{digitsFor(m.place, lang)}</Text>}
                  <Text size="sm" c="dimmed">
                    {t('casework.meetings.countsN', { attendees: n(m.attendees.length), agenda: n(m.agenda.length), decisions: n(decided(m)) })}
                  </Text>
                </Stack>
              )}
            />
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="tasks" pt="md">
          {taskList(detail.tasks, t('casework.tasks.list'), t('casework.tasks.empty'))}
        </Tabs.Panel>

        <Tabs.Panel value="seats" pt="md">
          <SeatsSection me={me} detail={detail} onChange={setDetail} onStale={res.reload} />
        </Tabs.Panel>
      </Tabs>

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        fullScreen={phone}
        size="lg"
        title={dialog === 'edit' ? t('casework.commissions.editTitle', { name: commission.name }) : t('casework.meetings.newTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dialog === 'edit' && (
          <CommissionForm
            me={me}
            commission={commission}
            onCancel={() => setDialog(null)}
            onSaved={(d) => {
              setDialog(null);
              setDetail(d);
              notify({ color: 'teal', message: t('casework.commissions.updated', { name: d.commission.name }) });
            }}
            onStale={() => {
              setDialog(null);
              res.reload();
            }}
          />
        )}
        {dialog === 'meeting' && (
          <MeetingForm
            detail={detail}
            meeting={null}
            onCancel={() => setDialog(null)}
            onSaved={(m) => {
              setDialog(null);
              notify({ color: 'teal', message: t('casework.meetings.created', { date: formatDate(m.meeting.held_on, lang) }) });
              navigate(`/commissions/meetings/${encodeURIComponent(m.meeting.id)}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
