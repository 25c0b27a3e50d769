import type { TFunction } from 'i18next';
import { MIN_PASSWORD_LENGTH } from '../data/session';
import { toAsciiDigits } from '../lib/digits';
import { formatDigits, type Lang } from '../lib/locale';

/** The username rule of the server: 3–64 of a–z 0–9 . _ -, starting with a letter (after lowercasing). */
export function usernameProblem(username: string, t: TFunction): string | null {
  if (username.length < 3 || username.length > 64) return t('users.usernameLength');
  if (!/^[a-z][a-z0-9._-]*$/.test(username)) return t('users.usernameFormat');
  return null;
}

/** The checks the server also makes (`weak_password`), done first so the person learns before sending. */
export function passwordProblem(password: string, username: string | null, t: TFunction, lang: Lang): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return t('password.tooShort', { min: formatDigits(MIN_PASSWORD_LENGTH, lang) });
  // The server's rule (weak_password): the username must not appear in it, in any letter case.
  if (username && password.toLowerCase().includes(username.toLowerCase())) return t('password.containsUsername');
  return null;
}

export function repeatProblem(password: string, repeat: string, t: TFunction): string | null {
  return password === repeat ? null : t('password.mismatch');
}

export function passwordHint(t: TFunction, lang: Lang): string {
  return t('password.hint', { min: formatDigits(MIN_PASSWORD_LENGTH, lang) });
}

/** A new password as typed, and its repeat. */
export interface NewPassword {
  password: string;
  repeat: string;
}

export const emptyNewPassword: NewPassword = { password: '', repeat: '' };

/**
 * The client-side checks of a new password and its repeat (Persian digits
 * count as ASCII, as they are sent), as field errors: the password's under
 * `field` (the API's name for it), the repeat's under `repeat`.
 */
export function newPasswordErrors(
  value: NewPassword,
  field: string,
  username: string | null,
  t: TFunction,
  lang: Lang,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const password = toAsciiDigits(value.password);
  const weak = passwordProblem(password, username, t, lang);
  if (weak) errors[field] = weak;
  const rep = repeatProblem(password, toAsciiDigits(value.repeat), t);
  if (rep) errors.repeat = rep;
  return errors;
}
