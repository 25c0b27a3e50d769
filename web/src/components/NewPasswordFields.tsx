import { useTranslation } from 'react-i18next';
import { useLang } from '../lib/useLang';
import { PasswordField } from './PasswordField';
import { passwordHint, type NewPassword } from './PasswordRules';

/** A new password (with the rule as its hint) and its repeat; checked by `newPasswordErrors`. */
export function NewPasswordFields({
  value,
  onChange,
  label,
  repeatLabel,
  error,
  repeatError,
}: {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  label: string;
  repeatLabel: string;
  error: string | undefined;
  repeatError: string | undefined;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      <PasswordField
        label={label}
        description={passwordHint(t, lang)}
        required
        autoComplete="new-password"
        value={value.password}
        error={error}
        onChange={(e) => onChange({ ...value, password: e.currentTarget.value })}
      />
      <PasswordField
        label={repeatLabel}
        required
        autoComplete="new-password"
        value={value.repeat}
        error={repeatError}
        onChange={(e) => onChange({ ...value, repeat: e.currentTarget.value })}
      />
    </>
  );
}
