import { useEffect, useState } from 'react';
import { Anchor, Button, Group, Modal, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { getCourse, useResource, type CourseDetail, type Me } from '../data';
import { formatNumber } from '../lib/locale';
import { notify } from '../lib/notify';
import { useIsPhone } from '../lib/useIsPhone';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps } from '../router';
import { LoadState } from '../components/LoadState';
import { AttendanceSheet } from './training/AttendanceSheet';
import { CourseForm } from './training/CourseForm';
import { CurriculumBadge } from './training/CurriculumBadge';
import { formatHours } from './training/hours';
import { SessionsSection } from './training/SessionsSection';
import { TraineesSection } from './training/TraineesSection';

type Tab = 'sessions' | 'trainees' | 'attendance';

/** One course: its details, sessions, trainees and the attendance sheet. */
export function CoursePage({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const res = useResource(() => getCourse(id), [id]);
  // Every write answers the course whole: shown at once, without another load.
  const [detail, setDetail] = useState<CourseDetail | undefined>(undefined);
  useEffect(() => {
    if (res.data) setDetail(res.data);
  }, [res.data]);
  const [tab, setTab] = useState<Tab>('sessions');
  const [editing, setEditing] = useState(false);
  usePageTitle(detail?.course.title ?? t('training.title'));

  const back = (
    <Anchor {...linkProps('/courses')} size="sm">
      {t('training.back')}
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

  const course = detail.course;
  // The server says whether I may change it (and checks again on every change).
  const canManage = course.can_manage;

  return (
    <Stack gap="lg">
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {course.title}
          </Title>
          <Group gap="xs">
            <CurriculumBadge curriculum={course.curriculum} />
          </Group>
        </Stack>
        {canManage && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('training.edit')}
          </Button>
        )}
      </Group>
      {res.error != null && <LoadState loading={false} error={res.error} onRetry={res.reload} />}

      <SimpleGrid component="dl" cols={{ base: 2, md: 4 }} spacing="sm" m={0} aria-label={t('training.summary')}>
        <Fact label={t('training.fields.center_id')} value={course.center_name ?? t('training.allCenters')} />
        <Fact label={t('training.fields.trainer_id')} value={course.trainer_name ?? t('training.noTrainer')} />
        <Fact
          label={t('training.fields.sessions')}
          value={`${t('training.sessionsN', { n: formatNumber(course.session_count, lang) })}${t('common.separator')}${t('training.hoursN', { n: formatHours(course.hours, lang) })}`}
        />
        <Fact label={t('training.fields.enrolled')} value={t('training.enrolledN', { n: formatNumber(course.enrolled, lang) })} />
      </SimpleGrid>
      {course.description && (
        <Text style={{ whiteSpace: 'pre-line' }} maw={760}>
          {course.description}
        </Text>
      )}
      {!canManage && (
        <Text size="sm" c="dimmed">
          {t('training.readOnly')}
        </Text>
      )}

      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted>
        <Tabs.List aria-label={t('training.tabs')}>
          <Tabs.Tab value="sessions">{t('training.sessions.title')}</Tabs.Tab>
          <Tabs.Tab value="trainees">{t('training.trainees.title')}</Tabs.Tab>
          <Tabs.Tab value="attendance">{t('training.attendance.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sessions" pt="md">
          <SessionsSection detail={detail} canManage={canManage} onChange={setDetail} onStale={res.reload} />
        </Tabs.Panel>
        <Tabs.Panel value="trainees" pt="md">
          <TraineesSection detail={detail} canManage={canManage} onChange={setDetail} />
        </Tabs.Panel>
        <Tabs.Panel value="attendance" pt="md">
          <AttendanceSheet detail={detail} canManage={canManage} onChange={setDetail} />
        </Tabs.Panel>
      </Tabs>

      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        fullScreen={phone}
        size="lg"
        title={t('training.editTitle', { title: course.title })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing && (
          <CourseForm
            me={me}
            course={course}
            trainers={detail.trainers}
            onCancel={() => setEditing(false)}
            onSaved={(d) => {
              setEditing(false);
              setDetail(d);
              notify({ color: 'teal', message: t('training.updated', { title: d.course.title }) });
            }}
            onStale={() => {
              setEditing(false);
              res.reload();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={600}>
        {value}
      </Text>
    </div>
  );
}
