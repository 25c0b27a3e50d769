import { useState, type FormEvent } from 'react';
import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { WrongPasswordError } from '../../offline';
import { errorMessage } from '../../i18n/errors';
import { toAsciiDigits } from '../../lib/digits';
import { useLang } from '../../lib/useLang';
import { FormAlert } from '../FormAlert';
import { PasswordField } from '../PasswordField';

/** A password and a button: the device store's locks and the offline start. */
export function UnlockForm({
  onUnlock,
  label,
  submitLabel,
  message = null,
}: {
  /** Resolves when open; WrongPasswordError for a wrong password. */
  onUnlock: (password: string) => Promise<void>;
  label?: string;
  submitLabel?: string;
  /** A message from outside (e.g. why the last try did not open a stale lock). */
  message?: string | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!password) {
      setError(t('common.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // Digits as at login: the key was wrapped under the ASCII form.
      await onUnlock(toAsciiDigits(password));
      setPassword('');
    } catch (err) {
      setError(err instanceof WrongPasswordError ? t('lock.wrongPassword') : errorMessage(err, t, lang));
      if (err instanceof WrongPasswordError) setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack gap="sm">
        <FormAlert message={error ?? message} />
        <PasswordField
          label={label ?? t('lock.password')}
          name="password"
          autoComplete="current-password"
          data-autofocus
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Button type="submit" loading={busy} fullWidth>
          {submitLabel ?? t('lock.unlock')}
        </Button>
      </Stack>
    </form>
  );
}
