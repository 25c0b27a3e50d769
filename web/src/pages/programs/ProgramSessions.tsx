// A program's sessions: a day (Solar Hijri) and `HH:MM` times; managers add,
// edit and remove them.
import { useState, type FormEvent } from 'react';
import { ActionIcon, Badge, Button, Card, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProgramDetail, ProgramSession } from '../../api/types';
import { addProgramSession, removeProgramSession, updateProgramSession } from '../../data';
import { errorMessage, formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { formatDate } from '../../lib/jalali';
import { notify } from '../../lib/notify';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { parseTime, sessionWhen, sortedSessions, timeText } from './model';

type Dialog = { kind: 'add' } | { kind: 'edit'; session: ProgramSession } | { kind: 'remove'; session: ProgramSession } | null;

export function ProgramSessions({ detail, onChange }: { detail: ProgramDetail; onChange: (d: ProgramDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [dialog, setDialog] = useState<Dialog>(null);
  const sessions = sortedSessions(detail.program.sessions);
  const close = () => setDialog(null);
  const title =
    dialog?.kind === 'add'
      ? t('programs.sessions.addTitle')
      : dialog?.kind === 'edit'
        ? t('programs.sessions.editTitle', { date: formatDate(dialog.session.held_on, lang) })
        : dialog?.kind === 'remove'
          ? t('programs.sessions.removeTitle', { date: formatDate(dialog.session.held_on, lang) })
          : '';
  return (
    <Stack gap="sm">
      {detail.can_manage && (
        <Group justify="flex-end">
          <Button onClick={() => setDialog({ kind: 'add' })}>{t('programs.sessions.add')}</Button>
        </Group>
      )}
      {sessions.length === 0 ? (
        <Text c="dimmed">{t('programs.sessions.empty')}</Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('programs.sessions.list')}>
          {sessions.map((s) => {
            const date = formatDate(s.held_on, lang);
            return (
              <Card key={s.id} component="li" withBorder padding="sm">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={2}>
                    <Text fw={600} size="sm">
                      {sessionWhen(s, t, lang)}
                    </Text>
                    {s.title && <Text size="sm">{s.title}</Text>}
                    {s.held_on <= detail.today && (
                      <Badge size="xs" variant="light" color="gray">
                        {t('programs.sessions.held')}
                      </Badge>
                    )}
                  </Stack>
                  {detail.can_manage && (
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={t('programs.sessions.editOf', { date })} onClick={() => setDialog({ kind: 'edit', session: s })}>
                        ✎
                      </ActionIcon>
                      <ActionIcon variant="subtle" color="red" aria-label={t('programs.sessions.removeOf', { date })} onClick={() => setDialog({ kind: 'remove', session: s })}>
                        ✕
                      </ActionIcon>
                    </Group>
                  )}
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
      <Modal opened={dialog !== null} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
          <SessionForm
            programId={detail.program.id}
            session={dialog.kind === 'edit' ? dialog.session : null}
            defaultDay={detail.today}
            onCancel={close}
            onSaved={(d, day) => {
              onChange(d);
              close();
              notify({ color: 'teal', message: t('programs.sessions.saved', { date: formatDate(day, lang) }) });
            }}
          />
        )}
        {dialog?.kind === 'remove' && (
          <RemoveSession
            session={dialog.session}
            onCancel={close}
            onDone={() => {
              onChange({ ...detail, program: { ...detail.program, sessions: detail.program.sessions.filter((s) => s.id !== dialog.session.id) } });
              close();
              notify({ color: 'teal', message: t('programs.sessions.removed', { date: formatDate(dialog.session.held_on, lang) }) });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

const FIELDS = ['held_on', 'starts_at', 'ends_at', 'title'] as const;

export function SessionForm({
  programId,
  session,
  defaultDay,
  onCancel,
  onSaved,
}: {
  programId: string;
  session: ProgramSession | null;
  defaultDay: string;
  onCancel: () => void;
  onSaved: (d: ProgramDetail, day: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [day, setDay] = useState<string | null>(session?.held_on ?? defaultDay);
  const [dayValid, setDayValid] = useState(true);
  const [starts, setStarts] = useState(timeText(session?.starts_at ?? null, lang));
  const [ends, setEnds] = useState(timeText(session?.ends_at ?? null, lang));
  const [title, setTitle] = useState(session?.title ?? '');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const s = parseTime(starts);
    const en = parseTime(ends);
    if (!day || !dayValid) fields.held_on = t('programs.errors.date');
    if (s === false) fields.starts_at = t('programs.errors.time');
    if (en === false) fields.ends_at = t('programs.errors.time');
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    const body = { held_on: day!, starts_at: s || null, ends_at: en || null, title: title.trim() };
    setBusy(true);
    setErrors(noErrors);
    try {
      const d = session ? await updateProgramSession(session.id, { ...body, version: session.version }) : await addProgramSession(programId, body);
      onSaved(d, day!);
    } catch (err) {
      setErrors(formErrorFrom(err, FIELDS, t, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <JalaliDateInput
          label={t('programs.sessions.held_on')}
          value={day}
          required
          error={errors.fields.held_on}
          onChange={(v, valid) => {
            setDay(v);
            setDayValid(valid);
          }}
        />
        <Group grow>
          <TextInput label={t('programs.sessions.starts_at')} value={starts} onChange={(e) => setStarts(e.currentTarget.value)} error={errors.fields.starts_at} inputMode="numeric" placeholder={timeText('17:00', lang)} dir="ltr" />
          <TextInput label={t('programs.sessions.ends_at')} value={ends} onChange={(e) => setEnds(e.currentTarget.value)} error={errors.fields.ends_at} inputMode="numeric" placeholder={timeText('19:00', lang)} dir="ltr" />
        </Group>
        <TextInput label={t('programs.sessions.sessionTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.fields.title} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RemoveSession({ session, onCancel, onDone }: { session: ProgramSession; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Stack>
      <Text>{t('programs.sessions.removeConfirm')}</Text>
      <FormAlert message={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button
          color="red"
          loading={busy}
          onClick={() => {
            setBusy(true);
            removeProgramSession(session.id, session.version).then(onDone, (e: unknown) => {
              setError(errorMessage(e, t, lang));
              setBusy(false);
            });
          }}
        >
          {t('casework.remove')}
        </Button>
      </Group>
    </Stack>
  );
}
