// One referral as a case: what was referred and why, how to reach the
// family (tap to call), where it stands, the receiver's answer and, for a
// commission's case, its decisions and tasks. The receiver answers here; the
// family's side may withdraw it. Phone first: a specialist works from here.
import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import type { CommissionTask, Me, ReferralCase, ReferralStatus } from '../../api/types';
import { answerReferral, can, getReferral, useResource } from '../../data';
import { errorMessage } from '../../i18n/errors';
import { formatDate, formatInstantDate } from '../../lib/jalali';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { usePageTitle } from '../../lib/usePageTitle';
import { linkProps } from '../../router';
import { FormAlert } from '../../components/FormAlert';
import { InfoItem } from '../../components/InfoItem';
import { LoadState } from '../../components/LoadState';
import { PhoneLink } from '../resources/ResourceBits';
import { TaskList } from '../commissions/TaskList';
import { assigneeOf } from '../commissions/taskState';
import { AnswerForm } from './AnswerForm';
import { ReferralStatusBadge, UrgencyBadge } from './ReferralBits';
import { receiverOf, roadOf } from './referralState';
import { digitsFor } from '../families/format';

export function ReferralCasePage({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useResource(() => getReferral(id), [id]);
  // Every answer returns the case whole: shown at once, without another load.
  const [item, setItem] = useState<ReferralCase | undefined>(undefined);
  useEffect(() => {
    if (res.data) setItem(res.data);
  }, [res.data]);
  const [withdrawing, setWithdrawing] = useState(false);
  usePageTitle(item ? t('casework.referrals.caseTitle', { name: item.family_name }) : t('casework.referrals.title'));

  const back = (
    <Anchor {...linkProps('/referrals')} size="sm">
      {t('casework.referrals.back')}
    </Anchor>
  );
  if (!item) {
    return (
      <Stack gap="lg">
        {back}
        <LoadState loading={res.loading} error={res.error} onRetry={res.reload} />
      </Stack>
    );
  }

  const { referral, contact } = item;
  const commissionCase = referral.commission_id !== null;
  // Nobody with an account answers for this organization: the family's side records its answer.
  const recordsForOrg = item.can_answer && !commissionCase && item.receiver_name === null && item.can_withdraw;
  // A task given to the family's helper is theirs to close too; commission workers close any.
  const canClose = (task: CommissionTask) =>
    item.can_answer || (task.assignee_kind === 'helper' && me.user.role === 'helper' && item.can_withdraw);
  const seesMeetings = can(me, 'commissions.read');

  function onTaskChanged(task: CommissionTask) {
    setItem((c) => (c ? { ...c, tasks: c.tasks.map((x) => (x.id === task.id ? task : x)) } : c));
  }

  return (
    <Stack gap="lg">
      {back}
      <Stack gap={6}>
        <Title order={1} size="h2">
          {item.family_name}
        </Title>
        <Group gap="xs">
          <ReferralStatusBadge status={referral.status} />
          <UrgencyBadge urgency={referral.urgency} />
        </Group>
      </Stack>
      {res.error != null && <LoadState loading={false} error={res.error} onRetry={res.reload} />}

      {item.can_answer && referral.status === 'sent' && (
        <Alert color="blue" variant="light" role="note" title={t('casework.referrals.waitingForYou')}>
          {t('casework.referrals.waitingHint')}
        </Alert>
      )}

      <Card withBorder padding="md" component="section" aria-labelledby="case-what">
        <Title order={2} size="h4" id="case-what" mb="sm">
          {t('casework.referrals.what')}
        </Title>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" m={0}>
          <InfoItem label={t('casework.referrals.fields.member')}>
            {item.member
              ? item.member.birth_date
                ? t('casework.referrals.memberBorn', { name: item.member.name, date: formatDate(item.member.birth_date, lang) })
                : item.member.name
              : t('casework.referrals.wholeFamily')}
          </InfoItem>
          <InfoItem label={t('casework.referrals.fields.receiver')}>{receiverOf(item) ?? t('common.none')}</InfoItem>
          <InfoItem label={t('casework.referrals.fields.referred_on')}>{formatDate(referral.referred_on, lang)}</InfoItem>
          <InfoItem label={t('casework.referrals.fields.referred_by')}>{item.referred_by_name ?? t('common.none')}</InfoItem>
        </SimpleGrid>
        <Text component="h3" size="sm" c="dimmed" mt="sm" mb={0}>
          {t('casework.referrals.fields.reason')}
        </Text>
        <Text style={{ whiteSpace: 'pre-line' }}>{digitsFor(referral.reason, lang)}</Text>
      </Card>

      {(contact || item.helper_name) && (
        <Card withBorder padding="md" component="section" aria-labelledby="case-contact">
          <Title order={2} size="h4" id="case-contact" mb="sm">
            {t('casework.referrals.contact')}
          </Title>
          <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" m={0}>
            {contact && (
              <>
                <InfoItem label={t('casework.referrals.fields.head_name')}>{contact.head_name || t('common.none')}</InfoItem>
                <InfoItem label={t('casework.referrals.fields.phones')}>
                  {contact.phones.length === 0 ? (
                    t('common.none')
                  ) : (
                    <Group component="span" gap="md">
                      {contact.phones.map((p) => (
                        <PhoneLink key={p} phone={p} label={t('casework.referrals.callFamily', { phone: p, name: contact.head_name || item.family_name })} />
                      ))}
                    </Group>
                  )}
                </InfoItem>
                <InfoItem label={t('casework.referrals.fields.neighborhood')}>{contact.neighborhood ? digitsFor(contact.neighborhood, lang) : t('common.none')}</InfoItem>
                <InfoItem label={t('casework.referrals.fields.address')}>{contact.address ? digitsFor(contact.address, lang) : t('common.none')}</InfoItem>
              </>
            )}
            <InfoItem label={t('casework.referrals.fields.helper')}>
              {item.helper_name ? (
                <Group component="span" gap="xs">
                  <span>{item.helper_name}</span>
                  {item.helper_mobile && <PhoneLink phone={item.helper_mobile} label={t('casework.referrals.callHelper', { name: item.helper_name })} />}
                </Group>
              ) : (
                t('casework.referrals.noHelper')
              )}
            </InfoItem>
          </SimpleGrid>
        </Card>
      )}

      <Card withBorder padding="md" component="section" aria-labelledby="case-road">
        <Title order={2} size="h4" id="case-road" mb="sm">
          {t('casework.referrals.road')}
        </Title>
        <Road status={referral.status} referredOn={referral.referred_on} updatedAt={referral.updated_at} />
        {referral.feedback ? (
          <Stack gap={2} mt="md">
            <Text size="sm" c="dimmed">
              {t('casework.referrals.fields.feedback')}
            </Text>
            <Text style={{ whiteSpace: 'pre-line' }}>{digitsFor(referral.feedback, lang)}</Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed" mt="md">
            {t('casework.referrals.noFeedback')}
          </Text>
        )}
      </Card>

      {item.can_answer && (
        <Card withBorder padding="md" component="section" aria-labelledby="case-answer">
          <Title order={2} size="h4" id="case-answer" mb="sm">
            {t('casework.referrals.answer.title')}
          </Title>
          {recordsForOrg && (
            <Text size="sm" mb="sm">
              {t('casework.referrals.answer.forOrg')}
            </Text>
          )}
          <AnswerForm
            key={`${referral.id}-${referral.version}`}
            case_={item}
            onAnswered={(next, status) => {
              setItem(next);
              notify({ color: 'teal', message: t(`casework.referrals.answered.${status}`) });
            }}
            onStale={res.reload}
          />
        </Card>
      )}

      {item.can_withdraw && (
        <Group>
          <Button variant="light" color="red" onClick={() => setWithdrawing(true)}>
            {t('casework.referrals.withdraw.action')}
          </Button>
        </Group>
      )}

      {commissionCase && (
        <Card withBorder padding="md" component="section" aria-labelledby="case-decisions">
          <Title order={2} size="h4" id="case-decisions" mb="sm">
            {t('casework.referrals.decisions')}
          </Title>
          {item.decisions.length === 0 ? (
            <Text c="dimmed">{t('casework.referrals.noDecisions')}</Text>
          ) : (
            <Stack component="ul" p={0} m={0} gap="sm" style={{ listStyle: 'none' }}>
              {[...item.decisions]
                .sort((a, b) => b.created_at.localeCompare(a.created_at))
                .map((d) => (
                  <li key={d.id}>
                    <Text size="sm" c="dimmed">
                      {seesMeetings ? (
                        <Anchor {...linkProps(`/commissions/meetings/${encodeURIComponent(d.meeting_id)}`)} size="sm">
                          {t('casework.referrals.decidedOn', { date: formatInstantDate(d.created_at, lang) })}
                        </Anchor>
                      ) : (
                        t('casework.referrals.decidedOn', { date: formatInstantDate(d.created_at, lang) })
                      )}
                    </Text>
                    <Text style={{ whiteSpace: 'pre-line' }}>{digitsFor(d.text, lang)}</Text>
                  </li>
                ))}
            </Stack>
          )}
          <Title order={3} size="h5" mt="md" mb="xs">
            {t('casework.tasks.title')}
          </Title>
          <TaskList
            tasks={item.tasks}
            label={t('casework.tasks.ofCase')}
            empty={t('casework.tasks.none')}
            assignee={(task) => assigneeOf(task, { helperName: () => item.helper_name }, t)}
            canClose={canClose}
            onChanged={onTaskChanged}
            onStale={res.reload}
          />
        </Card>
      )}

      <Modal
        opened={withdrawing}
        onClose={() => setWithdrawing(false)}
        size="md"
        title={t('casework.referrals.withdraw.title', { name: item.family_name })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {withdrawing && (
          <Withdraw
            item={item}
            onCancel={() => setWithdrawing(false)}
            onDone={(next) => {
              setWithdrawing(false);
              setItem(next);
              notify({ color: 'teal', message: t('casework.referrals.answered.withdrawn') });
            }}
            onStale={res.reload}
          />
        )}
      </Modal>
    </Stack>
  );
}

/** Where the case stands on its road: the steps reached, the current one marked. */
function Road({ status, referredOn, updatedAt }: { status: ReferralStatus; referredOn: string; updatedAt: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const road = roadOf(status);
  const at = road.indexOf(status);
  const ended = status === 'declined' || status === 'withdrawn';
  return (
    <Timeline active={at} bulletSize={18} lineWidth={2} color={ended ? 'gray' : 'teal'} aria-label={t('casework.referrals.road')}>
      {road.map((s, i) => (
        <Timeline.Item
          key={s}
          title={t(`casework.referrals.status.${s}`)}
          aria-current={i === at ? 'step' : undefined}
          c={i > at ? 'dimmed' : undefined}
        >
          <Text size="xs" c="dimmed">
            {i === 0
              ? formatDate(referredOn, lang)
              : i === at
                ? formatInstantDate(updatedAt, lang)
                : i > at
                  ? t('casework.referrals.notYet')
                  : ''}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function Withdraw({
  item,
  onCancel,
  onDone,
  onStale,
}: {
  item: ReferralCase;
  onCancel: () => void;
  onDone: (next: ReferralCase) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      // No feedback: the receiver's words stay as they wrote them.
      onDone(await answerReferral(item.referral.id, { version: item.referral.version, status: 'withdrawn' }));
    } catch (err) {
      setError(errorMessage(err, t, lang));
      if (err instanceof ApiError && err.code === 'version_conflict') onStale();
      setBusy(false);
    }
  }

  return (
    <Stack>
      <FormAlert message={error} />
      <Text>{t('casework.referrals.withdraw.confirm', { receiver: receiverOf(item) ?? t('common.none') })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={busy} onClick={() => void confirm()}>
          {t('casework.referrals.withdraw.action')}
        </Button>
      </Group>
    </Stack>
  );
}
