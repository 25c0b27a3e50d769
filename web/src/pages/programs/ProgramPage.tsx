// One group program: its details (managers edit), sessions, and for its
// manager the invitees, participants, the phone's attendance sheet, the
// report and the certificates of a completed course.
import { digitsFor } from '../families/format';
import { useEffect, useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProgramDetail, ProgramParticipant } from '../../api/types';
import { getProgram, useResource, type Me } from '../../data';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { usePageTitle } from '../../lib/usePageTitle';
import { linkProps } from '../../router';
import { InfoItem } from '../../components/InfoItem';
import { LoadState } from '../../components/LoadState';
import { Certificate } from './Certificate';
import { ProgramAttendance } from './ProgramAttendance';
import { ProgramForm } from './ProgramForm';
import { ProgramParticipants } from './ProgramParticipants';
import { ProgramReportView } from './ProgramReportView';
import { ProgramSessions } from './ProgramSessions';
import { ProgramTargeting } from './ProgramTargeting';
import { targetSummary } from './model';

type Dialog = { kind: 'edit' } | { kind: 'certificate'; p: ProgramParticipant } | null;

export function ProgramPage({ id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const resource = useResource(() => getProgram(id), [id]);
  const [detail, setDetail] = useState<ProgramDetail | undefined>(undefined);
  const [tab, setTab] = useState<string | null>('sessions');
  const [dialog, setDialog] = useState<Dialog>(null);
  useEffect(() => {
    if (resource.data) setDetail(resource.data);
  }, [resource.data]);
  usePageTitle(detail ? digitsFor(detail.program.topic, lang) : t('programs.title'));

  const back = (
    <Anchor {...linkProps('/programs')} size="sm">
      {t('programs.back')}
    </Anchor>
  );
  if (!detail) {
    return (
      <Stack>
        {back}
        <LoadState loading={resource.loading} error={resource.error} onRetry={resource.reload} />
      </Stack>
    );
  }
  const p = detail.program;
  const none = t('common.none');
  const campaign = p.kind === 'media_campaign';
  const close = () => setDialog(null);

  return (
    <Stack gap="lg">
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {digitsFor(p.topic, lang)}
          </Title>
          <Group gap="xs">
            <Badge variant="light">{t(`programs.kind.${p.kind}`)}</Badge>
            {p.is_course && (
              <Badge variant="light" color="grape">
                {t('programs.course')}
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              {t(`assessment.domain.${p.domain}`)}
            </Text>
          </Group>
        </Stack>
        {detail.can_manage && (
          <Button variant="light" onClick={() => setDialog({ kind: 'edit' })}>
            {t('programs.edit')}
          </Button>
        )}
      </Group>

      <Card withBorder padding="md" component="section" aria-label={t('programs.details')}>
        <SimpleGrid component="dl" m={0} cols={{ base: 1, sm: 2, md: 3 }} spacing="md" verticalSpacing="sm">
          <InfoItem label={t('programs.target.title')}>{targetSummary(p.target, t, lang)}</InfoItem>
          <InfoItem label={t('programs.fields.organizer')}>{detail.organizer_name ?? t('programs.fields.organizerOwn')}</InfoItem>
          <InfoItem label={t('programs.fields.facilitator')}>{p.facilitator || none}</InfoItem>
          {campaign ? (
            <>
              <InfoItem label={t('programs.fields.channel')}>{p.channel || none}</InfoItem>
              <InfoItem label={t('programs.fields.starts_on')}>{p.starts_on ? formatDate(p.starts_on, lang) : none}</InfoItem>
              <InfoItem label={t('programs.fields.ends_on')}>{p.ends_on ? formatDate(p.ends_on, lang) : none}</InfoItem>
              <InfoItem label={t('programs.fields.reported_reach')}>{p.reported_reach !== null ? formatNumber(p.reported_reach, lang) : none}</InfoItem>
            </>
          ) : (
            <>
              <InfoItem label={t('programs.fields.place')}>{p.place || none}</InfoItem>
              {p.online_link && (
                <InfoItem label={t('programs.fields.online_link')}>
                  <Anchor href={p.online_link} target="_blank" rel="noreferrer" className="ltr">
                    {p.online_link}
                  </Anchor>
                </InfoItem>
              )}
              <InfoItem label={t('programs.fields.capacity')}>{p.capacity !== null ? formatNumber(p.capacity, lang) : none}</InfoItem>
            </>
          )}
          {p.description && <InfoItem label={t('programs.fields.description')}>{p.description}</InfoItem>}
        </SimpleGrid>
      </Card>

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sessions">{t('programs.sessions.title')}</Tabs.Tab>
          {detail.can_manage && (
            <>
              <Tabs.Tab value="invitees">{t('programs.targeting.title')}</Tabs.Tab>
              <Tabs.Tab value="participants">{t('programs.participants.title')}</Tabs.Tab>
              <Tabs.Tab value="attendance">{t('programs.attendance.title')}</Tabs.Tab>
            </>
          )}
          {detail.report && <Tabs.Tab value="report">{t('programs.report.title')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="sessions" pt="md">
          <ProgramSessions detail={detail} onChange={setDetail} />
        </Tabs.Panel>
        {detail.can_manage && (
          <>
            <Tabs.Panel value="invitees" pt="md">
              <ProgramTargeting detail={detail} onRegistered={resource.reload} />
            </Tabs.Panel>
            <Tabs.Panel value="participants" pt="md">
              <ProgramParticipants detail={detail} onChanged={resource.reload} onCertificate={(pp) => setDialog({ kind: 'certificate', p: pp })} />
            </Tabs.Panel>
            <Tabs.Panel value="attendance" pt="md">
              <ProgramAttendance detail={detail} onChange={setDetail} />
            </Tabs.Panel>
          </>
        )}
        {detail.report && (
          <Tabs.Panel value="report" pt="md">
            <ProgramReportView report={detail.report} isCourse={p.is_course} />
          </Tabs.Panel>
        )}
      </Tabs>

      <Modal
        opened={dialog !== null}
        onClose={close}
        fullScreen={phone || dialog?.kind === 'certificate'}
        size="xl"
        title={dialog?.kind === 'edit' ? t('programs.editTitle', { topic: p.topic }) : dialog?.kind === 'certificate' ? t('programs.participants.certificateOf', { name: dialog.p.name }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dialog?.kind === 'edit' && (
          <ProgramForm
            detail={detail}
            onCancel={close}
            onSaved={(d) => {
              setDetail(d);
              close();
              notify({ color: 'teal', message: t('programs.updated', { topic: d.program.topic }) });
            }}
          />
        )}
        {dialog?.kind === 'certificate' && <Certificate registrationId={dialog.p.registration.id} />}
      </Modal>
    </Stack>
  );
}
