// One helper: profile, status and its history, training hours and courses,
// caseload and assignments; for managers, the next step on their road.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can, getHelper, useResource, type Assignment, type HelperDetail, type HelperStatus, type Me } from '../data';
import { formatDate, formatInstantDate } from '../lib/jalali';
import { formatNumber } from '../lib/locale';
import { notify } from '../lib/notify';
import { useIsPhone } from '../lib/useIsPhone';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps } from '../router';
import { DeviceList } from '../components/DeviceList';
import { InfoItem } from '../components/InfoItem';
import { LoadState } from '../components/LoadState';
import { ResponsiveList } from '../components/ResponsiveList';
import { digitsFor } from './families/format';
import { EndAssignment, ExtendAssignment, periodText } from './helpers/AssignmentActions';
import { CaseloadBar, HelperStatusBadge, HoursBar, LastActivityText } from './helpers/HelperBits';
import { HelperForm } from './helpers/HelperForm';
import { lastHelpersListPath } from './helpers/listPath';
import { AcceptHelper, MakeInactive, StartTraining } from './helpers/HelperStatusActions';
import { formatHours, freePlaces, reasonText } from './helpers/helperState';

type Dialog =
  | { kind: 'edit' }
  | { kind: 'accept' }
  | { kind: 'startTraining' }
  | { kind: 'inactive' }
  | { kind: 'endAssignment'; assignment: Assignment }
  | { kind: 'extendAssignment'; assignment: Assignment }
  | null;

/** A section of the page: a card with a heading that names it (a landmark region). */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

/** The buttons the server's `next_statuses` allow, in road order. */
const ACTION_ORDER: HelperStatus[] = ['in_training', 'accepted', 'inactive'];

export function HelperPage({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const resource = useResource(() => getHelper(id), [id]);
  const [detail, setDetail] = useState<HelperDetail | undefined>(undefined);
  useEffect(() => setDetail(resource.data), [resource.data]);
  const [dialog, setDialog] = useState<Dialog>(null);
  usePageTitle(detail?.helper.full_name ?? t('helpers.title'));
  const canManage = can(me, 'helpers.manage');
  const canAssign = can(me, 'assignments.manage');
  const none = t('common.none');
  const close = () => setDialog(null);
  const done = (fresh: HelperDetail, message: string) => {
    setDetail(fresh);
    close();
    notify({ color: 'teal', message });
  };

  const back = (
    <Anchor {...linkProps(lastHelpersListPath())} size="sm">
      {t('helpers.backToList')}
    </Anchor>
  );

  if (!detail) {
    return (
      <Stack gap="lg">
        {back}
        <LoadState loading={resource.loading} error={resource.error} onRetry={resource.reload} />
      </Stack>
    );
  }

  const { helper, rules } = detail;
  const missing = detail.pre_service_missing_hours;
  const next = ACTION_ORDER.filter((s) => detail.next_statuses.includes(s));
  const acceptBlocked = next.includes('accepted') && missing > 0;
  const open = detail.assignments.filter((a) => a.ended_at === null);
  const ended = detail.assignments.filter((a) => a.ended_at !== null);

  const actionButton = (s: HelperStatus) => {
    switch (s) {
      case 'accepted':
        return (
          <Button
            key={s}
            onClick={() => setDialog({ kind: 'accept' })}
            disabled={acceptBlocked}
            aria-describedby={acceptBlocked ? 'accept-blocked' : undefined}
          >
            {t('helpers.actions.accept')}
          </Button>
        );
      case 'in_training':
        return (
          <Button key={s} variant="light" onClick={() => setDialog({ kind: 'startTraining' })}>
            {t('helpers.actions.startTraining')}
          </Button>
        );
      case 'inactive':
        return (
          <Button key={s} variant="light" color="red" onClick={() => setDialog({ kind: 'inactive' })}>
            {t('helpers.actions.makeInactive')}
          </Button>
        );
      default:
        return null;
    }
  };

  const assignmentState = (a: Assignment) => {
    if (a.ended_at !== null) return <Badge color="gray" variant="light">{t('helpers.assignments.ended')}</Badge>;
    if (a.active) return <Badge color="teal" variant="light">{t('helpers.assignments.active')}</Badge>;
    return <Badge color="blue" variant="light">{t('helpers.assignments.upcoming')}</Badge>;
  };

  const familyLink = (a: Assignment) =>
    can(me, 'families.read') ? (
      <Anchor {...linkProps(`/families/${a.family_id}`)} fw={600}>
        {a.family_name || none}
      </Anchor>
    ) : (
      <Text fw={600}>{a.family_name || none}</Text>
    );

  const assignmentActions = (a: Assignment) =>
    canAssign && a.ended_at === null ? (
      <Group gap="xs" wrap="nowrap">
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => setDialog({ kind: 'extendAssignment', assignment: a })}
          aria-label={t('helpers.assignments.extendOf', { family: a.family_name })}
        >
          {t('helpers.assignments.extend')}
        </Button>
        <Button
          size="compact-sm"
          variant="light"
          color="red"
          onClick={() => setDialog({ kind: 'endAssignment', assignment: a })}
          aria-label={t('helpers.assignments.endOf', { family: a.family_name })}
        >
          {t('helpers.assignments.end')}
        </Button>
      </Group>
    ) : null;

  const endedText = (a: Assignment) =>
    a.ended_at
      ? `${t('helpers.assignments.endedOn', { date: formatInstantDate(a.ended_at, lang) })}${a.ended_by_name ? ` ${t('helpers.assignments.endedBy', { name: a.ended_by_name })}` : ''}${a.end_reason ? `${t('common.separator')}${t('helpers.assignments.endReasonIs', { reason: reasonText(a.end_reason, lang) })}` : ''}`
      : null;

  const dialogTitle = (() => {
    switch (dialog?.kind) {
      case 'edit':
        return t('helpers.editTitle', { name: helper.full_name });
      case 'accept':
        return t('helpers.accept.title', { name: helper.full_name });
      case 'startTraining':
        return t('helpers.training.startTitle', { name: helper.full_name });
      case 'inactive':
        return t('helpers.inactive.title', { name: helper.full_name });
      case 'endAssignment':
        return t('helpers.assignments.endTitle', { family: dialog.assignment.family_name });
      case 'extendAssignment':
        return t('helpers.assignments.extendTitle', { family: dialog.assignment.family_name });
      default:
        return '';
    }
  })();
  const bigDialog = dialog?.kind === 'edit' || dialog?.kind === 'accept';

  return (
    <Stack gap="lg">
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {helper.full_name}
            </Title>
            <HelperStatusBadge status={helper.status} />
          </Group>
          <Text c="dimmed" size="sm">
            {t(`helpers.background.${helper.background}`)}
            {helper.neighborhood && `${t('common.separator')}${helper.neighborhood}`}
          </Text>
        </Stack>
        {canManage && (
          <Group gap="xs" role="group" aria-label={t('helpers.actions.label')}>
            <Button variant="default" onClick={() => setDialog({ kind: 'edit' })}>
              {t('helpers.edit')}
            </Button>
            {next.map(actionButton)}
          </Group>
        )}
      </Group>

      {canManage && acceptBlocked && (
        <Alert color="orange" variant="light" id="accept-blocked" role="note">
          {t('helpers.accept.needsHours', {
            n: formatHours(missing, lang),
            done: formatHours(helper.pre_service_hours, lang),
            required: formatHours(rules.pre_service_hours, lang),
          })}
        </Alert>
      )}

      <Section id="helper-profile" title={t('helpers.profile')}>
        <SimpleGrid component="dl" m={0} cols={{ base: 2, md: 3 }} spacing="md" verticalSpacing="sm">
          <InfoItem label={t('helpers.fields.mobile')}>{helper.mobile ? <span className="ltr">{digitsFor(helper.mobile, lang)}</span> : none}</InfoItem>
          <InfoItem label={t('helpers.fields.background')}>{t(`helpers.background.${helper.background}`)}</InfoItem>
          <InfoItem label={t('helpers.fields.field_of_study')}>{helper.field_of_study || none}</InfoItem>
          <InfoItem label={t('helpers.fields.neighborhood')}>{helper.neighborhood || none}</InfoItem>
          <InfoItem label={t('helpers.fields.availability')}>{helper.availability ? digitsFor(helper.availability, lang) : none}</InfoItem>
          <InfoItem label={t('helpers.fields.username')}>{helper.username ? <span className="ltr">{helper.username}</span> : t('helpers.noAccount')}</InfoItem>
          <InfoItem label={t('helpers.fields.registered')}>{formatInstantDate(helper.created_at, lang)}</InfoItem>
          <InfoItem label={t('helpers.columns.lastActivity')}>
            <LastActivityText at={helper.last_activity} />
          </InfoItem>
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t('helpers.fields.skills')}
          </Text>
          {helper.skills.length === 0 ? (
            <Text>{none}</Text>
          ) : (
            <Group gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('helpers.fields.skills')}>
              {helper.skills.map((s) => (
                <Badge key={s} component="li" variant="outline" color="teal">
                  {t(`helpers.skill.${s}`, { defaultValue: s })}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
        {helper.notes && (
          <Stack gap={0}>
            <Text size="sm" c="dimmed">
              {t('helpers.fields.notes')}
            </Text>
            <Text style={{ whiteSpace: 'pre-line' }}>{digitsFor(helper.notes, lang)}</Text>
          </Stack>
        )}
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section id="helper-training" title={t('helpers.training.title')}>
          <HoursBar label={t('helpers.training.preService')} done={helper.pre_service_hours} required={rules.pre_service_hours} />
          <HoursBar label={t('helpers.training.inService')} done={helper.in_service_hours} required={rules.in_service_hours} />
          {detail.courses.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('helpers.training.noCourses')}
            </Text>
          ) : (
            <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('helpers.training.courses')}>
              {detail.courses.map((c) => (
                <Group key={c.course_id} component="li" justify="space-between" wrap="nowrap" gap="xs">
                  <Stack gap={0}>
                    <Text size="sm" fw={600}>
                      {digitsFor(c.title, lang)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`helpers.training.curriculum.${c.curriculum}`, { defaultValue: c.curriculum })}
                    </Text>
                  </Stack>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {t('helpers.training.attended', { done: formatHours(c.attended_hours, lang), offered: formatHours(c.offered_hours, lang) })}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </Section>

        <Section id="helper-status" title={t('helpers.statusHistory.title')}>
          {detail.history.length === 0 ? (
            <Text size="sm" c="dimmed">
              {none}
            </Text>
          ) : (
            <Timeline active={detail.history.length - 1} bulletSize={14} lineWidth={2}>
              {detail.history.map((h, i) => (
                <Timeline.Item
                  key={i}
                  title={
                    h.from
                      ? t('helpers.statusHistory.change', { from: t(`helpers.status.${h.from}`), to: t(`helpers.status.${h.to}`) })
                      : t('helpers.statusHistory.registered', { to: t(`helpers.status.${h.to}`) })
                  }
                >
                  <Text size="xs" c="dimmed">
                    {t('helpers.statusHistory.byAt', { who: h.by_name ?? t('history.system'), at: formatInstantDate(h.at, lang) })}
                  </Text>
                  {h.reason && <Text size="sm">{t('helpers.statusHistory.reason', { reason: reasonText(h.reason, lang) })}</Text>}
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Section>
      </SimpleGrid>

      <Section id="helper-caseload" title={t('helpers.caseload.title')}>
        <CaseloadBar caseload={helper.caseload} status={helper.status} rules={rules} name={helper.full_name} />
        <Text size="sm" c="dimmed">
          {t('helpers.caseload.rules', {
            min: formatNumber(rules.caseload_min, lang),
            max: formatNumber(rules.caseload_max, lang),
            free: formatNumber(freePlaces(helper.caseload, rules.caseload_max), lang),
          })}
        </Text>
        {open.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('helpers.assignments.noneOpen')}
          </Text>
        )}
        <ResponsiveList
          items={open}
          itemKey={(a) => a.id}
          label={t('helpers.assignments.openList')}
          minWidth={640}
          columns={[
            { header: t('helpers.assignments.family'), cell: familyLink },
            { header: t('helpers.assignments.periodHeader'), cell: (a) => periodText(a, t, lang) },
            { header: t('fields.status'), cell: assignmentState },
            ...(canAssign ? [{ header: t('common.actions'), cell: assignmentActions }] : []),
          ]}
          card={(a) => (
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap">
                {familyLink(a)}
                {assignmentState(a)}
              </Group>
              <Text size="sm">{periodText(a, t, lang)}</Text>
              {assignmentActions(a)}
            </Stack>
          )}
        />
        {ended.length > 0 && (
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('helpers.assignments.endedTitle')}
            </Title>
            <ResponsiveList
              items={ended}
              itemKey={(a) => a.id}
              label={t('helpers.assignments.endedList')}
              minWidth={640}
              columns={[
                { header: t('helpers.assignments.family'), cell: familyLink },
                { header: t('helpers.assignments.periodHeader'), cell: (a) => periodText(a, t, lang) },
                { header: t('helpers.assignments.endHeader'), cell: endedText },
              ]}
              card={(a) => (
                <Stack gap={4}>
                  {familyLink(a)}
                  <Text size="sm">{periodText(a, t, lang)}</Text>
                  <Text size="sm" c="dimmed">
                    {endedText(a)}
                  </Text>
                </Stack>
              )}
            />
          </Stack>
        )}
      </Section>

      {canManage && helper.user_id && (
        <DeviceList userId={helper.user_id} headingId="helper-devices" title={t('helpers.devicesTitle')} />
      )}

      <Modal
        opened={dialog !== null}
        onClose={close}
        fullScreen={phone && bigDialog}
        size={bigDialog ? 'xl' : 'md'}
        title={dialogTitle}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dialog?.kind === 'edit' && (
          <HelperForm
            helper={helper}
            onCancel={close}
            onSaved={(fresh) => done(fresh, t('helpers.updated', { name: fresh.helper.full_name }))}
            onReloaded={setDetail}
          />
        )}
        {dialog?.kind === 'accept' && (
          <AcceptHelper detail={detail} onCancel={close} onStale={resource.reload} onDone={(fresh) => done(fresh, t('helpers.accept.done', { name: helper.full_name }))} />
        )}
        {dialog?.kind === 'startTraining' && (
          <StartTraining
            detail={detail}
            onCancel={close}
            onStale={resource.reload}
            onDone={(fresh) => done(fresh, t('helpers.training.started', { name: helper.full_name }))}
          />
        )}
        {dialog?.kind === 'inactive' && (
          <MakeInactive detail={detail} onCancel={close} onStale={resource.reload} onDone={(fresh) => done(fresh, t('helpers.inactive.done', { name: helper.full_name }))} />
        )}
        {dialog?.kind === 'endAssignment' && (
          <EndAssignment
            assignment={dialog.assignment}
            onCancel={close}
            onStale={resource.reload}
            onDone={() => {
              close();
              resource.reload();
              notify({ color: 'teal', message: t('helpers.assignments.endedDone', { family: dialog.assignment.family_name }) });
            }}
          />
        )}
        {dialog?.kind === 'extendAssignment' && (
          <ExtendAssignment
            assignment={dialog.assignment}
            onCancel={close}
            onStale={resource.reload}
            onDone={(a) => {
              close();
              resource.reload();
              notify({ color: 'teal', message: t('helpers.assignments.extended', { family: a.family_name, date: formatDate(a.ends_on, lang) }) });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
