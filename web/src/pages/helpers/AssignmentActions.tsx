// Ending an assignment (the helper loses the family at once) and moving its
// planned end: the dialogs' contents, used on the family and helper pages.
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeAssignmentEnd, endAssignment } from '../../data';
import type { Assignment } from '../../api/types';
import { ApiError } from '../../api/errors';
import { formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { formatDate } from '../../lib/jalali';
import type { Lang } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { JalaliDateInput } from '../../components/JalaliDateInput';

interface Props {
  assignment: Assignment;
  onCancel: () => void;
  onDone: (saved: Assignment) => void;
  /** The assignment changed meanwhile: the screen behind reloads. */
  onStale: () => void;
}

/** «از ۱ فروردین ۱۴۰۴ تا ۲۹ اسفند ۱۴۰۴». */
export function periodText(a: Pick<Assignment, 'starts_on' | 'ends_on'>, t: TFunction, lang: Lang): string {
  return t('helpers.assignments.period', { from: formatDate(a.starts_on, lang), to: formatDate(a.ends_on, lang) });
}

export function EndAssignment({ assignment, onCancel, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const r = cleanInput(reason);
    if (!r) {
      setErrors({ fields: { reason: t('helpers.assignments.endReasonRequired') }, form: null });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      onDone(await endAssignment(assignment.id, assignment.version, r));
    } catch (err) {
      setErrors(formErrorFrom(err, ['reason'], t, lang));
      if (err instanceof ApiError && (err.code === 'version_conflict' || err.code === 'not_found')) onStale();
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Alert color="orange" variant="light" role="note">
          {t('helpers.assignments.endWarning', { helper: assignment.helper_name, family: assignment.family_name })}
        </Alert>
        <Textarea
          label={t('helpers.assignments.endReason')}
          required
          // Not autosize: its hidden measuring textarea widens the page in RTL on a phone (see FamilyForm).
          rows={3}
          value={reason}
          error={errors.fields.reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={busy}>
            {t('helpers.assignments.endNow')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ExtendAssignment({ assignment, onCancel, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [endsOn, setEndsOn] = useState<string | null>(assignment.ends_on);
  const [valid, setValid] = useState(true);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!valid) return;
    if (!endsOn) {
      setErrors({ fields: { ends_on: t('common.required') }, form: null });
      return;
    }
    if (endsOn < assignment.starts_on) {
      setErrors({ fields: { ends_on: t('helpers.assignments.endBeforeStart') }, form: null });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      onDone(await changeAssignmentEnd(assignment.id, assignment.version, endsOn));
    } catch (err) {
      setErrors(formErrorFrom(err, ['ends_on'], t, lang));
      if (err instanceof ApiError && (err.code === 'version_conflict' || err.code === 'not_found')) onStale();
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Text size="sm">
          {t('helpers.assignments.extendIntro', {
            helper: assignment.helper_name,
            family: assignment.family_name,
            from: formatDate(assignment.starts_on, lang),
            to: formatDate(assignment.ends_on, lang),
          })}
        </Text>
        <JalaliDateInput
          label={t('helpers.assignments.newEnd')}
          description={t('helpers.assignments.newEndHint')}
          required
          value={endsOn}
          error={errors.fields.ends_on}
          onChange={(v, ok) => {
            setEndsOn(v);
            setValid(ok);
          }}
        />
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
