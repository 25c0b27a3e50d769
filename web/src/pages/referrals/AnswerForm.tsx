// The receiver's answer to a case: accept or decline a new one, start work
// on it or close it, each with feedback the family's side reads; while it
// is in work, the feedback alone can be brought up to date.
import { useState } from 'react';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import type { ReferralCase, ReferralStatus } from '../../api/types';
import { answerReferral } from '../../data';
import { formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput } from '../../lib/digits';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { digitsFor } from '../families/format';
import { answersFrom } from './referralState';

export interface AnswerFormProps {
  case_: ReferralCase;
  onAnswered: (next: ReferralCase, status: ReferralStatus) => void;
  /** The case changed meanwhile: load it again. */
  onStale: () => void;
}

export function AnswerForm({ case_, onAnswered, onStale }: AnswerFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { referral } = case_;
  // The server keeps ASCII digits; the person edits in their language's.
  const [feedback, setFeedback] = useState(() => digitsFor(referral.feedback, lang));
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState<ReferralStatus | null>(null);
  const moves = answersFrom(referral.status);
  // While it is in work, a report can be saved without moving the case.
  const canReport = referral.status === 'accepted' || referral.status === 'in_progress';

  async function answer(status: ReferralStatus) {
    const text = cleanInput(feedback);
    // Saying no says why: the center can then refer the family elsewhere.
    if (status === 'declined' && !text) {
      setErrors({ fields: { feedback: t('casework.referrals.answer.declineWhy') }, form: null });
      return;
    }
    setErrors(noErrors);
    setStale(false);
    setBusy(status);
    try {
      const next = await answerReferral(referral.id, { version: referral.version, status, feedback: text });
      setBusy(null);
      onAnswered(next, status);
    } catch (err) {
      setErrors(formErrorFrom(err, ['feedback'], t, lang));
      setStale(err instanceof ApiError && err.code === 'version_conflict');
      setBusy(null);
    }
  }

  return (
    <Stack gap="sm">
      <FormAlert message={errors.form}>
        {stale && (
          <Button size="compact-sm" variant="light" color="red" mt="xs" display="block" onClick={onStale}>
            {t('casework.reloadLatest')}
          </Button>
        )}
      </FormAlert>
      <Text size="sm" c="dimmed">
        {t(`casework.referrals.answer.hint.${referral.status === 'sent' ? 'sent' : 'working'}`)}
      </Text>
      <Textarea
        label={t('casework.referrals.answer.feedback')}
        description={t('casework.referrals.answer.feedbackHint')}
        rows={4}
        value={feedback}
        onChange={(e) => setFeedback(e.currentTarget.value)}
        error={errors.fields.feedback}
        maxLength={4000}
      />
      <Group gap="xs">
        {moves.map((s) => (
          <Button
            key={s}
            color={s === 'declined' ? 'red' : s === 'done' ? 'teal' : undefined}
            variant={s === 'declined' ? 'light' : 'filled'}
            loading={busy === s}
            disabled={busy !== null && busy !== s}
            onClick={() => void answer(s)}
          >
            {t(`casework.referrals.answer.to.${s}`)}
          </Button>
        ))}
        {canReport && (
          <Button
            variant="default"
            loading={busy === referral.status}
            disabled={busy !== null && busy !== referral.status}
            onClick={() => void answer(referral.status)}
          >
            {t('casework.referrals.answer.saveReport')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
