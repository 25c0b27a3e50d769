import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CourseDetail, CourseSession } from '../../api/types';
import { ApiError } from '../../api/errors';
import { deleteSession } from '../../data';
import { errorMessage } from '../../i18n/errors';
import { formatDate } from '../../lib/jalali';
import { formatNumber } from '../../lib/locale';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { ResponsiveList } from '../../components/ResponsiveList';
import { formatHours } from './hours';
import { SessionForm } from './SessionForm';

type Dialog = { kind: 'add' } | { kind: 'edit'; session: CourseSession } | { kind: 'delete'; session: CourseSession } | null;

export interface SessionsSectionProps {
  detail: CourseDetail;
  canManage: boolean;
  onChange: (detail: CourseDetail) => void;
  onStale: () => void;
}

/** The course's sessions by date, with adding, editing and deleting for those who run it. */
export function SessionsSection({ detail, canManage, onChange, onStale }: SessionsSectionProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const [dialog, setDialog] = useState<Dialog>(null);
  const trainerName = new Map(detail.trainers.map((tr) => [tr.id, tr.display_name]));
  if (detail.course.trainer_id && detail.course.trainer_name) trainerName.set(detail.course.trainer_id, detail.course.trainer_name);
  const trainer = (s: CourseSession) => (s.trainer_id ? (trainerName.get(s.trainer_id) ?? t('common.none')) : t('training.noTrainer'));
  const date = (s: CourseSession) => formatDate(s.held_on, lang);

  function actions(s: CourseSession) {
    if (!canManage) return null;
    return (
      <Group gap="xs" wrap="nowrap">
        <Button size="compact-sm" variant="default" onClick={() => setDialog({ kind: 'edit', session: s })} aria-label={t('training.sessions.editOf', { date: date(s) })}>
          {t('training.sessions.edit')}
        </Button>
        <Button
          size="compact-sm"
          variant="light"
          color="red"
          onClick={() => setDialog({ kind: 'delete', session: s })}
          aria-label={t('training.sessions.deleteOf', { date: date(s) })}
        >
          {t('training.sessions.delete')}
        </Button>
      </Group>
    );
  }

  const saved = (message: string) => (d: CourseDetail) => {
    setDialog(null);
    onChange(d);
    notify({ color: 'teal', message });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('training.sessions.total', {
            sessions: formatNumber(detail.course.session_count, lang),
            hours: formatHours(detail.course.hours, lang),
          })}
        </Text>
        {canManage && <Button onClick={() => setDialog({ kind: 'add' })}>{t('training.sessions.add')}</Button>}
      </Group>
      {detail.sessions.length === 0 && <Text c="dimmed">{t('training.sessions.empty')}</Text>}
      <ResponsiveList
        items={detail.sessions}
        itemKey={(s) => s.id}
        label={t('training.sessions.list')}
        minWidth={760}
        columns={[
          { header: t('training.fields.held_on'), cell: date },
          { header: t('training.fields.topic'), cell: (s) => s.topic },
          { header: t('training.fields.hours'), cell: (s) => formatHours(s.hours, lang) },
          { header: t('training.fields.mode'), cell: (s) => t(`training.mode.${s.mode}`) },
          { header: t('training.fields.trainer_id'), cell: trainer },
          ...(canManage ? [{ header: t('common.actions'), cell: actions }] : []),
        ]}
        card={(s) => (
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap">
              <Text fw={700}>{date(s)}</Text>
              <Text size="sm">{t('training.hoursN', { n: formatHours(s.hours, lang) })}</Text>
            </Group>
            <Text size="sm">{s.topic}</Text>
            <Text size="sm" c="dimmed">
              {t(`training.mode.${s.mode}`)}
              {t('common.separator')}
              {trainer(s)}
            </Text>
            {actions(s)}
          </Stack>
        )}
      />

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        fullScreen={phone && dialog?.kind !== 'delete'}
        size={dialog?.kind === 'delete' ? 'md' : 'lg'}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        title={
          dialog?.kind === 'add'
            ? t('training.sessions.addTitle')
            : dialog?.kind === 'edit'
              ? t('training.sessions.editTitle', { date: date(dialog.session) })
              : dialog?.kind === 'delete'
                ? t('training.sessions.deleteTitle', { date: date(dialog.session) })
                : ''
        }
      >
        {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
          <SessionForm
            courseId={detail.course.id}
            session={dialog.kind === 'edit' ? dialog.session : null}
            trainers={detail.trainers}
            defaultTrainerId={detail.course.trainer_id}
            onCancel={() => setDialog(null)}
            onSaved={saved(dialog.kind === 'edit' ? t('training.sessions.updated') : t('training.sessions.added'))}
            onStale={() => {
              setDialog(null);
              onStale();
            }}
          />
        )}
        {dialog?.kind === 'delete' && (
          <DeleteSession
            // The latest version: after a conflict the page reloads, and a second try uses it.
            session={detail.sessions.find((s) => s.id === dialog.session.id) ?? dialog.session}
            onCancel={() => setDialog(null)} onDone={saved(t('training.sessions.deleted'))} onStale={onStale} />
        )}
      </Modal>
    </Stack>
  );
}

function DeleteSession({
  session,
  onCancel,
  onDone,
  onStale,
}: {
  session: CourseSession;
  onCancel: () => void;
  onDone: (d: CourseDetail) => void;
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
      onDone(await deleteSession(session.id, session.version));
    } catch (err) {
      setError(errorMessage(err, t, lang));
      // The page behind is out of date: refresh it so a second try uses the new version.
      if (err instanceof ApiError && err.code === 'version_conflict') onStale();
      setBusy(false);
    }
  }

  return (
    <Stack>
      <FormAlert message={error} />
      <Text>{t('training.sessions.deleteConfirm', { topic: session.topic, date: formatDate(session.held_on, lang) })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={busy} onClick={() => void confirm()}>
          {t('training.sessions.delete')}
        </Button>
      </Group>
    </Stack>
  );
}
