import { useState } from 'react';
import { Anchor, Button, EmptyState, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can, listCourses, useResource, type Course, type Me } from '../data';
import { notify } from '../lib/notify';
import { formatNumber } from '../lib/locale';
import { useIsPhone } from '../lib/useIsPhone';
import { useLang } from '../lib/useLang';
import { usePageTitle } from '../lib/usePageTitle';
import { linkProps, navigate } from '../router';
import { LoadState } from '../components/LoadState';
import { ResponsiveList } from '../components/ResponsiveList';
import { CourseForm } from './training/CourseForm';
import { CurriculumBadge } from './training/CurriculumBadge';
import { formatHours } from './training/hours';

export function CoursesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  usePageTitle(t('training.title'));
  const courses = useResource(() => listCourses(), []);
  const [creating, setCreating] = useState(false);
  const canCreate = can(me, 'training.manage');
  const items = courses.data ?? [];

  const titleLink = (c: Course) => (
    <Anchor {...linkProps(`/courses/${encodeURIComponent(c.id)}`)} fw={700}>
      {c.title}
    </Anchor>
  );
  const center = (c: Course) => c.center_name ?? t('training.allCenters');
  const trainer = (c: Course) => c.trainer_name ?? t('training.noTrainer');

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('training.title')}
        </Title>
        {canCreate && <Button onClick={() => setCreating(true)}>{t('training.new')}</Button>}
      </Group>
      <Text c="dimmed" maw={720}>
        {t('training.intro')}
      </Text>

      {(!courses.data || courses.error != null) && (
        <LoadState loading={courses.loading && !courses.data} error={courses.error} onRetry={courses.reload} />
      )}
      {courses.data && items.length === 0 && (
        <EmptyState title={t('training.empty')} description={canCreate ? t('training.emptyHint') : undefined} />
      )}

      <ResponsiveList
        items={items}
        itemKey={(c) => c.id}
        label={t('training.list')}
        minWidth={860}
        columns={[
          { header: t('training.fields.title'), cell: titleLink },
          { header: t('training.fields.curriculum'), cell: (c) => <CurriculumBadge curriculum={c.curriculum} /> },
          { header: t('training.fields.center_id'), cell: center },
          { header: t('training.fields.trainer_id'), cell: trainer },
          { header: t('training.fields.sessions'), cell: (c) => formatNumber(c.session_count, lang) },
          { header: t('training.fields.hours'), cell: (c) => formatHours(c.hours, lang) },
          { header: t('training.fields.enrolled'), cell: (c) => formatNumber(c.enrolled, lang) },
        ]}
        card={(c) => (
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              {titleLink(c)}
              <CurriculumBadge curriculum={c.curriculum} />
            </Group>
            <Text size="sm">
              {center(c)}
              {t('common.separator')}
              {t('training.fields.trainer_id')}: {trainer(c)}
            </Text>
            <Text size="sm" c="dimmed">
              {t('training.sessionsN', { n: formatNumber(c.session_count, lang) })}
              {t('common.separator')}
              {t('training.hoursN', { n: formatHours(c.hours, lang) })}
              {t('common.separator')}
              {t('training.enrolledN', { n: formatNumber(c.enrolled, lang) })}
            </Text>
          </Stack>
        )}
      />

      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        fullScreen={phone}
        size="lg"
        title={t('training.new')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {creating && (
          <CourseForm
            me={me}
            course={null}
            onCancel={() => setCreating(false)}
            onSaved={(d) => {
              setCreating(false);
              notify({ color: 'teal', message: t('training.created', { title: d.course.title }) });
              navigate(`/courses/${encodeURIComponent(d.course.id)}`);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
