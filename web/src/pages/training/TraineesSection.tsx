import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CourseDetail, Helper, Trainee } from '../../api/types';
import { enrollHelper, listHelpers, unenrollHelper, useResource } from '../../data';
import { errorMessage } from '../../i18n/errors';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { ResponsiveList } from '../../components/ResponsiveList';
import { courseHours } from './attendance';
import { formatHours } from './hours';
import { persianFilter } from './searchFilter';

/**
 * Helpers a course may still enroll: not inactive, not enrolled already and,
 * for a center's own course, of that center. By name.
 */
export function enrollable(candidates: readonly Helper[], detail: Pick<CourseDetail, 'course' | 'trainees'>): Helper[] {
  const enrolled = new Set(detail.trainees.map((t) => t.helper_id));
  const center = detail.course.center_id;
  return candidates
    .filter((h) => h.status !== 'inactive' && !enrolled.has(h.id) && (center === null || h.center_id === center))
    .sort((a, b) => a.full_name.localeCompare(b.full_name, 'fa'));
}

export interface TraineesSectionProps {
  detail: CourseDetail;
  canManage: boolean;
  onChange: (detail: CourseDetail) => void;
}

/** Who takes the course, with their hours in it; enrolling and removing for those who run it. */
export function TraineesSection({ detail, canManage, onChange }: TraineesSectionProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [removing, setRemoving] = useState<Trainee | null>(null);
  const totals = courseHours(detail.attendance);
  const hours = (tr: Trainee) =>
    t('training.trainees.hoursOf', { x: formatHours(totals.get(tr.helper_id) ?? 0, lang), y: formatHours(detail.course.hours, lang) });
  const status = (tr: Trainee) => (
    <Badge variant="light" color={tr.status === 'inactive' ? 'gray' : 'teal'}>
      {t(`helpers.status.${tr.status}`)}
    </Badge>
  );
  const removeButton = (tr: Trainee) =>
    canManage ? (
      <Button size="compact-sm" variant="light" color="red" onClick={() => setRemoving(tr)} aria-label={t('training.trainees.removeOf', { name: tr.full_name })}>
        {t('training.trainees.remove')}
      </Button>
    ) : null;

  return (
    <Stack gap="md">
      {canManage && <EnrollForm detail={detail} onChange={onChange} />}
      {detail.trainees.length === 0 && <Text c="dimmed">{t('training.trainees.empty')}</Text>}
      <ResponsiveList
        items={detail.trainees}
        itemKey={(tr) => tr.helper_id}
        label={t('training.trainees.list')}
        minWidth={720}
        columns={[
          { header: t('training.trainees.name'), cell: (tr) => tr.full_name },
          { header: t('training.trainees.center'), cell: (tr) => tr.center_name || t('common.none') },
          { header: t('training.trainees.status'), cell: status },
          { header: t('training.trainees.totalHours'), cell: hours },
          ...(canManage ? [{ header: t('common.actions'), cell: removeButton }] : []),
        ]}
        card={(tr) => (
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap">
              <Text fw={700}>{tr.full_name}</Text>
              {status(tr)}
            </Group>
            <Text size="sm" c="dimmed">
              {tr.center_name}
            </Text>
            <Text size="sm">
              {t('training.trainees.totalHours')}: {hours(tr)}
            </Text>
            {canManage && <Group>{removeButton(tr)}</Group>}
          </Stack>
        )}
      />
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing ? t('training.trainees.removeTitle', { name: removing.full_name }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {removing && (
          <RemoveTrainee
            courseId={detail.course.id}
            trainee={removing}
            onCancel={() => setRemoving(null)}
            onDone={(d) => {
              notify({ color: 'teal', message: t('training.trainees.removed', { name: removing.full_name }) });
              setRemoving(null);
              onChange(d);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function EnrollForm({ detail, onChange }: { detail: CourseDetail; onChange: (d: CourseDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  // Helpers I may see (a trainer: the whole headquarters'); the course's own rules narrow them.
  const candidates = useResource(async () => (await listHelpers()).items, []);
  const [helperId, setHelperId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = enrollable(candidates.data ?? [], detail);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!helperId) {
      setError(t('common.required'));
      return;
    }
    const name = options.find((h) => h.id === helperId)?.full_name ?? '';
    setBusy(true);
    try {
      const d = await enrollHelper(detail.course.id, helperId);
      setHelperId(null);
      onChange(d);
      notify({ color: 'teal', message: t('training.trainees.enrolled', { name }) });
    } catch (err) {
      setError(errorMessage(err, t, lang));
      // Someone's status may have changed: list them again.
      candidates.reload();
    } finally {
      setBusy(false);
    }
  }

  const loadError = candidates.error ? errorMessage(candidates.error, t, lang) : null;
  const none = candidates.data !== undefined && options.length === 0;

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('training.trainees.enrollForm')}>
      <Stack gap="xs">
        <FormAlert message={loadError} />
        <Group align="flex-end" gap="sm">
          <Select
            label={t('training.trainees.helper')}
            description={none ? t('training.trainees.noCandidates') : t('training.trainees.helperHint')}
            placeholder={none ? undefined : t('training.trainees.choose')}
            data={options.map((h) => ({
              value: h.id,
              label: t('training.trainees.option', { name: h.full_name, status: t(`helpers.status.${h.status}`) }),
            }))}
            value={helperId}
            onChange={setHelperId}
            error={error}
            disabled={none || candidates.data === undefined}
            searchable
            filter={persianFilter}
            clearable
            comboboxProps={{ withinPortal: true }}
            w={{ base: '100%', xs: 340 }}
          />
          <Button type="submit" loading={busy} disabled={none}>
            {t('training.trainees.enroll')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RemoveTrainee({
  courseId,
  trainee,
  onCancel,
  onDone,
}: {
  courseId: string;
  trainee: Trainee;
  onCancel: () => void;
  onDone: (d: CourseDetail) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      onDone(await unenrollHelper(courseId, trainee.helper_id));
    } catch (err) {
      setError(errorMessage(err, t, lang));
      setBusy(false);
    }
  }

  return (
    <Stack>
      <FormAlert message={error} />
      <Text>{t('training.trainees.removeConfirm', { name: trainee.full_name })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={busy} onClick={() => void confirm()}>
          {t('training.trainees.remove')}
        </Button>
      </Group>
    </Stack>
  );
}
