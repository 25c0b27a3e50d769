import { useState, type FormEvent } from 'react';
import { Button, Group, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SESSION_MODES, type CourseDetail, type CourseSession, type SessionMode, type TrainerRef } from '../../api/types';
import { ApiError } from '../../api/errors';
import { addSession, updateSession } from '../../data';
import { formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { formatDigits } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { MAX_SESSION_HOURS, formatHours, parseHours } from './hours';
import { localIsoDate } from '../myFamilies/period';
import { persianFilter } from './searchFilter';

const FIELDS = ['held_on', 'hours', 'mode', 'trainer_id', 'topic'] as const;

export interface SessionFormProps {
  courseId: string;
  /** Null for a new session. */
  session: CourseSession | null;
  trainers: readonly TrainerRef[];
  /** A new session's trainer to begin with (the course's). */
  defaultTrainerId: string | null;
  onCancel: () => void;
  onSaved: (detail: CourseDetail) => void;
  onStale: () => void;
}

/** A session's date, length (quarter hours), mode, trainer and topic. */
export function SessionForm({ courseId, session, trainers, defaultTrainerId, onCancel, onSaved, onStale }: SessionFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [heldOn, setHeldOn] = useState<string | null>(session?.held_on ?? localIsoDate());
  const [heldOnValid, setHeldOnValid] = useState(true);
  const [hoursText, setHoursText] = useState(session ? formatHours(session.hours, lang) : '');
  const [mode, setMode] = useState<SessionMode>(session?.mode ?? 'in_person');
  const [trainerId, setTrainerId] = useState<string | null>(session ? session.trainer_id : defaultTrainerId);
  const [topic, setTopic] = useState(session?.topic ?? '');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);

  const parsed = parseHours(hoursText, MAX_SESSION_HOURS);
  const max = formatDigits(MAX_SESSION_HOURS, lang);

  function hoursProblem(): string | null {
    if (parsed === null) return t('training.hoursErrors.zero');
    if (!parsed.ok) return t(`training.hoursErrors.${parsed.error}`, { max });
    if (parsed.hours === 0) return t('training.hoursErrors.zero');
    return null;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!heldOn) fields.held_on = heldOnValid ? t('common.required') : '';
    const badHours = hoursProblem();
    if (badHours) fields.hours = badHours;
    const cleanTopic = cleanInput(topic);
    if (!cleanTopic) fields.topic = t('common.required');
    setErrors({ fields, form: null });
    setStale(false);
    // An unreadable date shows its own message in the date input.
    if (Object.keys(fields).length > 0 || !heldOn || !parsed?.ok) return;
    const body = { held_on: heldOn, hours: parsed.hours, mode, trainer_id: trainerId, topic: cleanTopic };
    setBusy(true);
    try {
      onSaved(session ? await updateSession(session.id, { ...body, version: session.version }) : await addSession(courseId, body));
    } catch (err) {
      setErrors(formErrorFrom(err, FIELDS, t, lang));
      setStale(err instanceof ApiError && err.code === 'version_conflict');
      setBusy(false);
    }
  }

  const trainerOptions = trainers.map((tr) => ({ value: tr.id, label: tr.display_name }));
  if (trainerId && !trainers.some((tr) => tr.id === trainerId)) trainerOptions.unshift({ value: trainerId, label: t('training.noTrainer') });

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form}>
          {stale && (
            <Button size="compact-sm" variant="light" color="red" mt="xs" display="block" onClick={onStale}>
              {t('training.reloadLatest')}
            </Button>
          )}
        </FormAlert>
        <JalaliDateInput
          label={t('training.fields.held_on')}
          required
          value={heldOn}
          onChange={(v, valid) => {
            setHeldOn(v);
            setHeldOnValid(valid);
          }}
          error={errors.fields.held_on || null}
        />
        <TextInput
          label={t('training.fields.session_hours')}
          description={t('training.hoursHint')}
          required
          inputMode="decimal"
          value={hoursText}
          onChange={(e) => setHoursText(e.currentTarget.value)}
          onBlur={() => {
            // Show what will be sent: the rounded quarter hour in the UI's digits.
            if (parsed?.ok) setHoursText(formatHours(parsed.hours, lang));
          }}
          error={errors.fields.hours}
          autoComplete="off"
          maw={220}
        />
        {parsed?.ok && parsed.rounded && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('training.rounded', { n: formatHours(parsed.hours, lang) })}
          </Text>
        )}
        {session && (
          <Text size="sm" c="dimmed">
            {t('training.sessions.shortenHint')}
          </Text>
        )}
        <Radio.Group label={t('training.fields.mode')} required value={mode} onChange={(v) => setMode(v as SessionMode)} error={errors.fields.mode}>
          <Group mt={4}>
            {SESSION_MODES.map((m) => (
              <Radio key={m} value={m} label={t(`training.mode.${m}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Select
          label={t('training.fields.trainer_id')}
          placeholder={t('training.noTrainer')}
          data={trainerOptions}
          value={trainerId}
          onChange={setTrainerId}
          error={errors.fields.trainer_id}
          clearable
          searchable
          filter={persianFilter}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t('training.fields.topic')}
          required
          value={topic}
          onChange={(e) => setTopic(e.currentTarget.value)}
          error={errors.fields.topic}
          maxLength={200}
          autoComplete="off"
        />
        <Group justify="flex-end" mt="sm">
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
