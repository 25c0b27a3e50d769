// A commission's tasks: overdue ones first and marked in red, then the open
// ones by due date, then the finished. Those who may close a task mark it
// done or cancelled (with a note), or open it again.
import { useState, type FormEvent } from 'react';
import { Badge, Button, Card, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import type { CommissionTask, TaskStatus } from '../../api/types';
import { setTaskStatus } from '../../data';
import { formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { formatDate } from '../../lib/jalali';
import { notify } from '../../lib/notify';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { sortTasks, taskMoves } from './taskState';
import { digitsFor } from '../families/format';

const STATUS_COLOR: Record<TaskStatus, string> = { open: 'blue', done: 'teal', cancelled: 'gray' };

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light" data-status={status} style={{ flexShrink: 0 }}>
      {t(`casework.tasks.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** The red mark of a task past its due date. */
export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" data-overdue style={{ flexShrink: 0 }}>
      {t('casework.tasks.overdue')}
    </Badge>
  );
}

export interface TaskListProps {
  tasks: readonly CommissionTask[];
  /** Who the task was given to, in words. */
  assignee: (task: CommissionTask) => string;
  /** The family a task is about (omitted on a case's own page). */
  family?: (task: CommissionTask) => string | null;
  /** May I change this task's status? (The server checks again.) */
  canClose: (task: CommissionTask) => boolean;
  onChanged: (task: CommissionTask) => void;
  /** The task changed meanwhile: load the page again. */
  onStale: () => void;
  label: string;
  empty?: string;
}

export function TaskList({ tasks, assignee, family, canClose, onChanged, onStale, label, empty }: TaskListProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const phone = useIsPhone();
  const [moving, setMoving] = useState<{ task: CommissionTask; to: TaskStatus } | null>(null);
  const sorted = sortTasks(tasks);

  if (sorted.length === 0) return empty ? <Text c="dimmed">{empty}</Text> : null;

  return (
    <>
      <Stack component="ul" p={0} m={0} gap="sm" style={{ listStyle: 'none' }} aria-label={label}>
        {sorted.map((task) => {
          const late = task.status === 'open' && task.overdue;
          return (
            <Card
              component="li"
              key={task.id}
              withBorder
              padding="sm"
              style={late ? { borderColor: 'var(--mantine-color-red-6)', borderInlineStartWidth: 4 } : undefined}
            >
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text fw={700}>{digitsFor(task.title, lang)}</Text>
                  <Group gap={4} wrap="nowrap">
                    {late && <OverdueBadge />}
                    <TaskStatusBadge status={task.status} />
                  </Group>
                </Group>
                {family && family(task) && (
                  <Text size="sm">{t('casework.tasks.familyN', { name: family(task) })}</Text>
                )}
                <Text size="sm">
                  {t('casework.tasks.assigneeN', { name: assignee(task) })}
                  {t('common.separator')}
                  <Text span size="sm" c={late ? 'red.8' : undefined} fw={late ? 700 : undefined}>
                    {t('casework.tasks.dueN', { date: formatDate(task.due_on, lang) })}
                  </Text>
                </Text>
                {task.status !== 'open' && task.done_on && (
                  <Text size="sm" c="dimmed">
                    {t(task.status === 'done' ? 'casework.tasks.doneOnN' : 'casework.tasks.cancelledOnN', { date: formatDate(task.done_on, lang) })}
                  </Text>
                )}
                {task.done_note && (
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                    {t('casework.tasks.noteN', { note: digitsFor(task.done_note, lang) })}
                  </Text>
                )}
                {canClose(task) && (
                  <Group gap="xs" mt={4}>
                    {taskMoves(task.status).map((to) => (
                      <Button
                        key={to}
                        size="compact-sm"
                        variant={to === 'done' ? 'light' : 'default'}
                        color={to === 'done' ? 'teal' : undefined}
                        onClick={() => setMoving({ task, to })}
                        aria-label={t(`casework.tasks.actionOf.${to}`, { title: task.title })}
                      >
                        {t(`casework.tasks.action.${to}`)}
                      </Button>
                    ))}
                  </Group>
                )}
              </Stack>
            </Card>
          );
        })}
      </Stack>
      <Modal
        opened={moving !== null}
        onClose={() => setMoving(null)}
        fullScreen={phone}
        title={moving ? t(`casework.tasks.actionOf.${moving.to}`, { title: moving.task.title }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {moving && (
          <TaskStatusForm
            // The latest version: after a conflict the page reloads, and a second try uses it.
            task={tasks.find((x) => x.id === moving.task.id) ?? moving.task}
            to={moving.to}
            onCancel={() => setMoving(null)}
            onDone={(task) => {
              setMoving(null);
              onChanged(task);
              notify({ color: 'teal', message: t(`casework.tasks.moved.${task.status}`, { title: task.title }) });
            }}
            onStale={onStale}
          />
        )}
      </Modal>
    </>
  );
}

function TaskStatusForm({
  task,
  to,
  onCancel,
  onDone,
  onStale,
}: {
  task: CommissionTask;
  to: TaskStatus;
  onCancel: () => void;
  onDone: (task: CommissionTask) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const n = cleanInput(note);
    // A cancelled task says why.
    if (to === 'cancelled' && !n) {
      setErrors({ fields: { note: t('casework.tasks.cancelWhy') }, form: null });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      onDone(await setTaskStatus(task.id, { version: task.version, status: to, note: n }));
    } catch (err) {
      setErrors(formErrorFrom(err, ['note'], t, lang));
      if (err instanceof ApiError && err.code === 'version_conflict') onStale();
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Text size="sm">{t(`casework.tasks.explain.${to}`)}</Text>
        <Textarea
          label={to === 'cancelled' ? t('casework.tasks.noteRequired') : t('casework.tasks.note')}
          required={to === 'cancelled'}
          rows={3}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.fields.note}
          maxLength={2000}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} color={to === 'cancelled' ? 'red' : undefined}>
            {t(`casework.tasks.action.${to}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
