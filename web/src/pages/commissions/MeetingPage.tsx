// One meeting of a commission: when, where and who came, then each case on
// its agenda with what was decided about it and the tasks it divided out.
// Those who work in the commission record decisions (with tasks) and close
// tasks here.
import { useEffect, useMemo, useState } from 'react';
import { Anchor, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CommissionDetail, CommissionTask, DirectoryResource, Me, MeetingDetail } from '../../api/types';
import { can, getCommission, getMeeting, getReferral, searchResources, useResource } from '../../data';
import { formatDate, formatInstantDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { usePageTitle } from '../../lib/usePageTitle';
import { linkProps } from '../../router';
import { InfoItem } from '../../components/InfoItem';
import { LoadState } from '../../components/LoadState';
import { ReferralStatusBadge, UrgencyBadge } from '../referrals/ReferralBits';
import { DecisionForm } from './DecisionForm';
import { MeetingForm } from './MeetingForm';
import { TaskList } from './TaskList';
import { assigneeOf } from './taskState';
import { digitsFor } from '../families/format';

interface Loaded {
  meeting: MeetingDetail;
  commission: CommissionDetail;
}

/** The meeting and its commission (seats, cases, whether I may work in it). */
async function loadMeeting(id: string): Promise<Loaded> {
  const meeting = await getMeeting(id);
  const commission = await getCommission(meeting.meeting.commission_id);
  return { meeting, commission };
}

export function MeetingPage({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const res = useResource(() => loadMeeting(id), [id]);
  const [data, setData] = useState<Loaded | undefined>(undefined);
  useEffect(() => {
    if (res.data) setData(res.data);
  }, [res.data]);
  const [dialog, setDialog] = useState<{ kind: 'edit' } | { kind: 'decide'; referralId: string } | null>(null);
  const agenda = data?.meeting.meeting.agenda ?? [];
  const agendaKey = agenda.join(',');
  // The family's helper of each case on the agenda (a task may be theirs).
  const helpers = useResource(
    () =>
      Promise.all(agenda.map((r) => getReferral(r).then((c) => [r, c.helper_name] as const, () => [r, null] as const))).then(
        (pairs) => new Map<string, string | null>(pairs),
      ),
    [agendaKey],
  );
  const canWork = data?.commission.can_work ?? false;
  const centerId = data?.commission.commission.center_id ?? null;
  // Resources a task may go to: the headquarters' and, for a center's commission, that center's.
  const resources = useResource(
    () => (data ? searchResources() : Promise.resolve([] as DirectoryResource[])),
    [data === undefined],
  );
  const resourceChoices = useMemo(
    () => (resources.data ?? []).filter((r) => centerId === null || r.center_id === null || r.center_id === centerId),
    [resources.data, centerId],
  );
  usePageTitle(data ? t('casework.meetings.titleOn', { date: formatDate(data.meeting.meeting.held_on, lang) }) : t('casework.commissions.title'));

  if (!data) {
    return (
      <Stack gap="lg">
        <Anchor {...linkProps('/commissions')} size="sm">
          {t('casework.commissions.back')}
        </Anchor>
        <LoadState loading={res.loading} error={res.error} onRetry={res.reload} />
      </Stack>
    );
  }

  const { meeting: md, commission: cd } = data;
  const { meeting } = md;
  const n = (v: number) => formatNumber(v, lang);
  const caseOf = new Map(cd.cases.map((c) => [c.referral.id, c]));
  const helperOf = (referralId: string) => helpers.data?.get(referralId) ?? null;
  const assignee = (task: CommissionTask) =>
    assigneeOf(task, { seats: cd.seats, resources: resources.data ?? [], helperName: (x) => helperOf(x.referral_id) }, t);

  function onTaskChanged(task: CommissionTask) {
    setData((d) => (d ? { ...d, meeting: { ...d.meeting, tasks: d.meeting.tasks.map((x) => (x.id === task.id ? task : x)) } } : d));
  }

  const deciding = dialog?.kind === 'decide' ? caseOf.get(dialog.referralId) : undefined;

  return (
    <Stack gap="lg">
      <Anchor {...linkProps(`/commissions/${encodeURIComponent(meeting.commission_id)}`)} size="sm">
        {t('casework.meetings.back', { name: md.commission_name })}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('casework.meetings.titleOn', { date: formatDate(meeting.held_on, lang) })}
          </Title>
          <Text c="dimmed">{md.commission_name}</Text>
        </Stack>
        {canWork && (
          <Button variant="default" onClick={() => setDialog({ kind: 'edit' })}>
            {t('casework.edit')}
          </Button>
        )}
      </Group>
      {res.error != null && <LoadState loading={false} error={res.error} onRetry={res.reload} />}

      <Card withBorder padding="md">
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" m={0}>
          <InfoItem label={t('casework.meetings.fields.place')}>{meeting.place ? digitsFor(meeting.place, lang) : t('common.none')}</InfoItem>
          <InfoItem label={t('casework.meetings.fields.attendees')}>
            {meeting.attendees.length === 0 ? t('common.none') : meeting.attendees.flatMap((a) => (a.name ? [a.name] : [])).join(t('common.separator'))}
          </InfoItem>
        </SimpleGrid>
        {meeting.notes && (
          <Text mt="sm" style={{ whiteSpace: 'pre-line' }}>
            {digitsFor(meeting.notes, lang)}
          </Text>
        )}
      </Card>

      <Title order={2} size="h3">
        {t('casework.meetings.agendaTitle', { n: n(meeting.agenda.length) })}
      </Title>
      {meeting.agenda.length === 0 && <Text c="dimmed">{t('casework.meetings.agendaEmpty')}</Text>}
      {meeting.agenda.map((referralId) => {
        const c = caseOf.get(referralId);
        const decisions = md.decisions.filter((d) => d.referral_id === referralId).sort((a, b) => a.created_at.localeCompare(b.created_at));
        const tasks = md.tasks.filter((x) => x.referral_id === referralId);
        const name = c?.family_name ?? t('casework.meetings.unknownCase');
        return (
          <Card key={referralId} withBorder padding="md" component="section" aria-label={t('casework.meetings.caseOf', { name })}>
            <Stack gap="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                {can(me, 'referrals.read') ? (
                  <Anchor {...linkProps(`/referrals/${encodeURIComponent(referralId)}`)} fw={700} size="lg">
                    {name}
                  </Anchor>
                ) : (
                  <Text fw={700} size="lg">
                    {name}
                  </Text>
                )}
                {c && <ReferralStatusBadge status={c.referral.status} />}
              </Group>
              {c && (
                <>
                  <Group gap="xs">
                    <UrgencyBadge urgency={c.referral.urgency} size="sm" />
                    {helperOf(referralId) && (
                      <Text size="sm" c="dimmed">
                        {t('casework.tasks.helperNamed', { name: helperOf(referralId) })}
                      </Text>
                    )}
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                    {digitsFor(c.referral.reason, lang)}
                  </Text>
                </>
              )}
              <Title order={3} size="h5">
                {t('casework.decisions.title')}
              </Title>
              {decisions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('casework.decisions.none')}
                </Text>
              ) : (
                <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                  {decisions.map((d) => (
                    <li key={d.id}>
                      <Text style={{ whiteSpace: 'pre-line' }}>{digitsFor(d.text, lang)}</Text>
                      <Text size="xs" c="dimmed">
                        {t('casework.decisions.recordedOn', { date: formatInstantDate(d.created_at, lang) })}
                      </Text>
                    </li>
                  ))}
                </Stack>
              )}
              {tasks.length > 0 && (
                <TaskList
                  tasks={tasks}
                  label={t('casework.meetings.tasksOf', { name })}
                  assignee={assignee}
                  canClose={() => canWork}
                  onChanged={onTaskChanged}
                  onStale={res.reload}
                />
              )}
              {canWork && (
                <Group>
                  <Button variant="light" onClick={() => setDialog({ kind: 'decide', referralId })} aria-label={t('casework.decisions.recordFor', { name })}>
                    {t('casework.decisions.record')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        );
      })}

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        fullScreen={phone}
        size="lg"
        title={
          dialog?.kind === 'edit'
            ? t('casework.meetings.editTitle')
            : t('casework.decisions.recordFor', { name: deciding?.family_name ?? t('casework.meetings.unknownCase') })
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dialog?.kind === 'edit' && (
          <MeetingForm
            detail={cd}
            meeting={meeting}
            onCancel={() => setDialog(null)}
            onSaved={(m) => {
              setDialog(null);
              setData((d) => (d ? { ...d, meeting: m } : d));
              notify({ color: 'teal', message: t('casework.meetings.updated') });
            }}
            onStale={() => {
              setDialog(null);
              res.reload();
            }}
          />
        )}
        {dialog?.kind === 'decide' && (
          <DecisionForm
            meetingId={meeting.id}
            referralId={dialog.referralId}
            familyName={deciding?.family_name ?? t('casework.meetings.unknownCase')}
            seats={cd.seats}
            resources={resourceChoices}
            helperName={helperOf(dialog.referralId)}
            onCancel={() => setDialog(null)}
            onSaved={(saved) => {
              setDialog(null);
              setData((d) => {
                if (!d) return d;
                // A case still waiting is in progress once decided on (as the server does).
                const cases = d.commission.cases.map((c) =>
                  c.referral.id === saved.decision.referral_id && (c.referral.status === 'sent' || c.referral.status === 'accepted')
                    ? { ...c, referral: { ...c.referral, status: 'in_progress' as const } }
                    : c,
                );
                return {
                  commission: { ...d.commission, cases },
                  meeting: { ...d.meeting, decisions: [...d.meeting.decisions, saved.decision], tasks: [...d.meeting.tasks, ...saved.tasks] },
                };
              });
              notify({ color: 'teal', message: t('casework.decisions.saved', { n: n(saved.tasks.length) }) });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
