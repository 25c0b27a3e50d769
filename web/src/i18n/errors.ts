// Turning any failure into words for the person in front of the screen.
import type { TFunction } from 'i18next';
import { ApiError, isKnownReason, type ErrorCode, type KnownReason } from '../api/errors';
import { fromThrown } from '../api/client';
import { MIN_PASSWORD_LENGTH } from '../data/session';
import { formatDigits, formatNumber, type Lang } from '../lib/locale';
import { toPersianDigits } from '../lib/digits';
import { isOfflineError, type OfflineErrorCode } from '../offline/errors';

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const LATIN = /[A-Za-z]/;

/**
 * The contract's `message` is "fa text / en text". For `validation` and
 * `weak_password` (when we have no words for the `reason`) it says
 * more than our generic sentence (which field rule failed), so we show the
 * half for the current language — only when it is clearly in that language,
 * so no English leaks into the Persian UI.
 */
export function serverMessageFor(message: string, lang: Lang, options: { names?: boolean } = {}): string | null {
  // Field errors come as "field: fa / en".
  const parts = message.replace(/^[a-z_]+: /, '').split(' / ');
  if (parts.length !== 2) return null;
  const [fa, en] = parts.map((p) => p.trim()) as [string, string];
  if (lang === 'fa') return fa && ARABIC_SCRIPT.test(fa) && !LATIN.test(fa) ? fa : null;
  // With `names`, the English half may quote Persian names; it must still be English.
  if (options.names) return en && LATIN.test(en) ? en : null;
  return en && !ARABIC_SCRIPT.test(en) ? en : null;
}

/**
 * Our own words for why a field was refused, when the reason is one we know.
 * Field-neutral: they are shown beside the field (or, for a field the form
 * does not show, at its top).
 */
export function reasonMessage(err: ApiError, t: TFunction, lang: Lang): string | null {
  if (!isKnownReason(err.reason)) return null;
  // The server sends `too_short` only for passwords (its minimum is ours).
  if (err.reason === 'too_short') {
    return err.code === 'weak_password' ? t('errors.reason.too_short', { min: formatDigits(MIN_PASSWORD_LENGTH, lang) }) : null;
  }
  return t(`errors.reason.${err.reason satisfies KnownReason}`);
}

/** Digits of a server sentence in the language's own: `12.5` → `۱۲٫۵` in Persian. */
export function localDigits(text: string, lang: Lang): string {
  if (lang !== 'fa') return text;
  return toPersianDigits(text.replace(/(\d)\.(\d)/g, '$1\u066b$2'));
}

export function errorMessage(e: unknown, t: TFunction, lang: Lang): string {
  // The device store's own refusals (a locked phone, a family no longer on it) never reached a server.
  if (isOfflineError(e)) return t(`offlineErrors.${e.code satisfies OfflineErrorCode}`);
  const err = e instanceof ApiError ? e : fromThrown(e);
  if (err.code === 'too_many_attempts' && err.retryAfter !== null && err.retryAfter > 0) {
    return t('errors.too_many_attempts_wait', { minutes: formatNumber(Math.ceil(err.retryAfter / 60), lang) });
  }
  if (err.code === 'duplicate_national_id') {
    // The server's sentence names the person, family and center the ID is
    // registered with (when the caller may see them): more use than ours.
    // Those names are Persian in the English half too: data, not UI text.
    const specific = serverMessageFor(err.message, lang, { names: true });
    if (specific) return specific;
  }
  if (err.code === 'pre_service_incomplete' || (err.code === 'status_change_not_allowed' && lang === 'fa')) {
    // The server's sentence says how many hours are done of how many, or
    // which states the move was between (in English it names them by code:
    // ours is better there).
    const specific = serverMessageFor(err.message, lang);
    if (specific) return localDigits(specific, lang);
  }
  if (err.code === 'validation' || err.code === 'weak_password') {
    // Most specific first: the server's own sentence in this language (it
    // names the limits, e.g. "2–32 characters"), then our words for the
    // reason, then the general one for the code.
    // (Digits localized: some server sentences build their numbers with ASCII digits.)
    const server = serverMessageFor(err.message, lang);
    const specific = server !== null ? localDigits(server, lang) : reasonMessage(err, t, lang);
    if (specific) return specific;
  }
  return t(`errors.${err.code satisfies ErrorCode}`);
}

export interface FormErrorState {
  /** Message per form field, keyed by the API field name. */
  fields: Record<string, string>;
  /** Message for the top of the form. */
  form: string | null;
}

export const noErrors: FormErrorState = { fields: {}, form: null };

/**
 * Puts an error beside its field when the server names a field the form
 * shows; otherwise at the top of the form. `fieldOf` maps the server's field
 * name to the form's (e.g. `head.national_id` → `national_id`).
 */
export function formErrorFrom(
  e: unknown,
  formFields: readonly string[],
  t: TFunction,
  lang: Lang,
  fieldOf: (field: string) => string = (f) => f,
): FormErrorState {
  if (isOfflineError(e)) return { fields: {}, form: errorMessage(e, t, lang) };
  const err = e instanceof ApiError ? e : fromThrown(e);
  const message = errorMessage(err, t, lang);
  const field = err.field ? fieldOf(err.field) : null;
  if (field && formFields.includes(field)) return { fields: { [field]: message }, form: null };
  return { fields: {}, form: message };
}
