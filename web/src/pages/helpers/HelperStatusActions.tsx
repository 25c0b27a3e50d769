// Moving a helper along their road: acceptance (with their account), into
// training, out of service. Each says beforehand what it will do, and each
// refusal of the server in words.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { acceptHelper, changeHelperStatus } from '../../data';
import type { HelperDetail } from '../../api/types';
import { ApiError } from '../../api/errors';
import { formErrorFrom, noErrors, type FormErrorState } from '../../i18n/errors';
import { cleanInput, toAsciiDigits } from '../../lib/digits';
import { formatNumber } from '../../lib/locale';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../../components/FormAlert';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { emptyNewPassword, newPasswordErrors, usernameProblem, type NewPassword } from '../../components/PasswordRules';
import { formatHours } from './helperState';

interface Props {
  detail: HelperDetail;
  onCancel: () => void;
  onDone: (fresh: HelperDetail) => void;
  /** The helper changed meanwhile: reload the page behind. */
  onStale: () => void;
}

const stale = (err: unknown) => err instanceof ApiError && (err.code === 'version_conflict' || err.code === 'status_change_not_allowed');

/** Username and password for a helper without an account; only a reason for one who has one. */
export function AcceptHelper({ detail, onCancel, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { helper, rules } = detail;
  const needsAccount = helper.user_id === null && !helper.username;
  const [username, setUsername] = useState('');
  const [newPassword, setNewPassword] = useState<NewPassword>(emptyNewPassword);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const u = cleanInput(username).toLowerCase();
    const fields: Record<string, string> = {};
    if (needsAccount) {
      const badName = u ? usernameProblem(u, t) : t('common.required');
      if (badName) fields.username = badName;
      Object.assign(fields, newPasswordErrors(newPassword, 'password', u, t, lang));
    }
    setErrors({ fields, form: null });
    if (Object.keys(fields).length > 0) return;
    setBusy(true);
    try {
      const account = needsAccount ? { username: u, password: toAsciiDigits(newPassword.password) } : {};
      onDone(await acceptHelper(helper.id, { version: helper.version, reason: cleanInput(reason), ...account }));
    } catch (err) {
      setErrors(formErrorFrom(err, needsAccount ? ['username', 'password', 'reason'] : ['reason'], t, lang));
      if (stale(err)) onStale();
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Text size="sm">
          {t('helpers.accept.intro', {
            name: helper.full_name,
            done: formatHours(helper.pre_service_hours, lang),
            required: formatHours(rules.pre_service_hours, lang),
          })}
        </Text>
        {needsAccount ? (
          <>
            <Text size="sm" c="dimmed">
              {t('helpers.accept.accountHint')}
            </Text>
            <TextInput
              label={t('helpers.accept.username')}
              description={t('users.usernameHint')}
              required
              value={username}
              error={errors.fields.username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              classNames={{ input: 'plaintext' }}
            />
            <NewPasswordFields
              value={newPassword}
              onChange={setNewPassword}
              label={t('helpers.accept.password')}
              repeatLabel={t('helpers.accept.repeatPassword')}
              error={errors.fields.password}
              repeatError={errors.fields.repeat}
            />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('helpers.accept.hasAccount', { username: `\u2066${helper.username ?? ''}\u2069` })}
          </Text>
        )}
        <Textarea
          label={t('helpers.accept.reason')}
          // Not autosize: its hidden measuring textarea widens the page in RTL on a phone (see FamilyForm).
          rows={3}
          value={reason}
          error={errors.fields.reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('helpers.actions.accept')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Into training (from applicant, or back from inactive); the reason is optional. */
export function StartTraining({ detail, onCancel, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { helper } = detail;
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      onDone(await changeHelperStatus(helper.id, 'in_training', helper.version, cleanInput(reason)));
    } catch (err) {
      setErrors(formErrorFrom(err, ['reason'], t, lang));
      if (stale(err)) onStale();
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Text size="sm">{t('helpers.training.startIntro', { name: helper.full_name })}</Text>
        <Textarea
          label={t('helpers.statusHistory.reasonOptional')}
          // Not autosize: its hidden measuring textarea widens the page in RTL on a phone (see FamilyForm).
          rows={3}
          value={reason}
          error={errors.fields.reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('helpers.actions.startTraining')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Out of service: every assignment ends and the account closes at once; the reason is required. */
export function MakeInactive({ detail, onCancel, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { helper } = detail;
  const open = detail.assignments.filter((a) => a.ended_at === null).length;
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const r = cleanInput(reason);
    if (!r) {
      setErrors({ fields: { reason: t('helpers.inactive.reasonRequired') }, form: null });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      onDone(await changeHelperStatus(helper.id, 'inactive', helper.version, r));
    } catch (err) {
      setErrors(formErrorFrom(err, ['reason'], t, lang));
      if (stale(err)) onStale();
      setBusy(false);
    }
  }

  const hasAccount = helper.user_id !== null || !!helper.username;
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <FormAlert message={errors.form} />
        <Alert color="red" variant="light" title={t('helpers.inactive.warningTitle')} role="note">
          <Stack gap={4}>
            <Text size="sm">
              {open > 0
                ? t('helpers.inactive.endsAssignments', { n: formatNumber(open, lang) })
                : t('helpers.inactive.noAssignments')}
            </Text>
            {hasAccount && <Text size="sm">{t('helpers.inactive.closesAccount')}</Text>}
          </Stack>
        </Alert>
        <Textarea
          label={t('helpers.inactive.reason')}
          required
          // Not autosize: its hidden measuring textarea widens the page in RTL on a phone (see FamilyForm).
          rows={3}
          value={reason}
          error={errors.fields.reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={busy}>
            {t('helpers.actions.makeInactive')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
