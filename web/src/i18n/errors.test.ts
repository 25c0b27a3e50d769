import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { ALL_ERROR_CODES, ApiError, KNOWN_REASONS } from '../api/errors';
import { initI18n } from './index';
import fa from './fa';
import en from './en';
import { errorMessage, formErrorFrom, serverMessageFor } from './errors';
import { OfflineError, type OfflineErrorCode } from '../offline/errors';

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const LATIN = /[A-Za-z]/;

beforeAll(() => {
  initI18n('fa');
});

describe('error translation', () => {
  it.each(ALL_ERROR_CODES)('%s has a Persian and an English message', (code) => {
    const faMsg = fa.errors[code];
    const enMsg = en.errors[code];
    expect(faMsg).toBeTruthy();
    expect(enMsg).toBeTruthy();
    expect(faMsg).toMatch(ARABIC_SCRIPT);
    expect(faMsg).not.toMatch(LATIN);
    expect(enMsg).not.toMatch(ARABIC_SCRIPT);
  });

  it.each(ALL_ERROR_CODES)('%s is translated through i18next in both languages', async (code) => {
    const err = new ApiError({ status: 400, code });
    await i18n.changeLanguage('fa');
    expect(errorMessage(err, i18n.t, 'fa')).toBe(fa.errors[code]);
    await i18n.changeLanguage('en');
    expect(errorMessage(err, i18n.t, 'en')).toBe(en.errors[code]);
  });

  it.each<OfflineErrorCode>(['locked', 'no_device', 'not_held', 'exists', 'family_removed', 'invalid_mutation'])(
    'says in Persian why the phone refused an edit (%s), at the top of a form',
    async (code) => {
      await i18n.changeLanguage('fa');
      const e = new OfflineError(code, 'detail');
      expect(errorMessage(e, i18n.t, 'fa')).toBe(fa.offlineErrors[code]);
      expect(fa.offlineErrors[code]).not.toMatch(LATIN);
      expect(formErrorFrom(e, ['mobile'], i18n.t, 'fa')).toEqual({ fields: {}, form: fa.offlineErrors[code] });
      await i18n.changeLanguage('en');
      expect(errorMessage(e, i18n.t, 'en')).toBe(en.offlineErrors[code]);
      await i18n.changeLanguage('fa');
    },
  );

  it('tells the wait in minutes for too_many_attempts, in Persian digits', async () => {
    const err = new ApiError({ status: 429, code: 'too_many_attempts', retryAfter: 290 });
    await i18n.changeLanguage('fa');
    expect(errorMessage(err, i18n.t, 'fa')).toContain('۵ دقیقه');
    await i18n.changeLanguage('en');
    expect(errorMessage(err, i18n.t, 'en')).toContain('5 minutes');
  });

  it('turns a thrown fetch into the network message', async () => {
    await i18n.changeLanguage('fa');
    expect(errorMessage(new TypeError('Failed to fetch'), i18n.t, 'fa')).toBe(fa.errors.network);
  });

  it('shows the language half of a validation message only when it is clean', () => {
    expect(serverMessageFor('کد باید ۲ تا ۲۰ نویسه باشد / code must be 2–20 characters', 'fa')).toBe('کد باید ۲ تا ۲۰ نویسه باشد');
    expect(serverMessageFor('کد باید ۲ تا ۲۰ نویسه باشد / code must be 2–20 characters', 'en')).toBe('code must be 2–20 characters');
    expect(serverMessageFor('invalid code', 'fa')).toBeNull();
    // The server prefixes field errors with the field name.
    expect(serverMessageFor('username: نام کاربری باید ۳ تا ۶۴ نویسه باشد / Username must be 3–64 characters', 'fa')).toBe(
      'نام کاربری باید ۳ تا ۶۴ نویسه باشد',
    );
    expect(serverMessageFor('code invalid / code invalid', 'fa')).toBeNull();
  });

  it.each(KNOWN_REASONS)('reason %s has a Persian and an English message', (reason) => {
    const faMsg = fa.errors.reason[reason];
    const enMsg = en.errors.reason[reason];
    expect(faMsg).toBeTruthy();
    expect(enMsg).toBeTruthy();
    expect(faMsg).toMatch(ARABIC_SCRIPT);
    expect(faMsg.replace(/\{\{\w+\}\}/g, '')).not.toMatch(LATIN);
    expect(enMsg).not.toMatch(ARABIC_SCRIPT);
  });

  it("prefers the server's own sentence in the current language: it names the limits", async () => {
    const err = new ApiError({
      status: 422,
      code: 'validation',
      field: 'code',
      reason: 'length',
      message: 'code: کد باید ۲ تا ۳۲ نویسه باشد / Code must be 2–32 characters',
    });
    await i18n.changeLanguage('fa');
    expect(errorMessage(err, i18n.t, 'fa')).toBe('کد باید ۲ تا ۳۲ نویسه باشد');
    await i18n.changeLanguage('en');
    expect(errorMessage(err, i18n.t, 'en')).toBe('Code must be 2–32 characters');
  });

  it('shows our words for a known reason when the server sentence is not usable', async () => {
    const err = new ApiError({
      status: 422,
      code: 'weak_password',
      field: 'new_password',
      reason: 'contains_username',
      message: 'weak password',
    });
    await i18n.changeLanguage('fa');
    expect(errorMessage(err, i18n.t, 'fa')).toBe(fa.errors.reason.contains_username);
    await i18n.changeLanguage('en');
    expect(errorMessage(err, i18n.t, 'en')).toBe(en.errors.reason.contains_username);

    const format = new ApiError({ status: 422, code: 'validation', field: 'username', reason: 'format' });
    expect(errorMessage(format, i18n.t, 'en')).toBe(en.errors.reason.format);
    await i18n.changeLanguage('fa');
    expect(errorMessage(format, i18n.t, 'fa')).toBe(fa.errors.reason.format);
  });

  it('tells the password minimum of a too-short password, in Persian digits', async () => {
    const err = new ApiError({ status: 422, code: 'weak_password', field: 'password', reason: 'too_short' });
    await i18n.changeLanguage('fa');
    expect(errorMessage(err, i18n.t, 'fa')).toBe('دست‌کم ۱۰ نویسه باشد.');
    await i18n.changeLanguage('en');
    expect(errorMessage(err, i18n.t, 'en')).toBe('Use at least 10 characters.');
  });

  it('falls back to the server sentence, then the code, for reasons it has no words for', async () => {
    await i18n.changeLanguage('fa');
    const halves = 'code: کد باید ۲ تا ۳۲ نویسه باشد / Code must be 2–32 characters';
    const newReason = new ApiError({ status: 422, code: 'validation', field: 'code', reason: 'brand_new', message: halves });
    expect(errorMessage(newReason, i18n.t, 'fa')).toBe('کد باید ۲ تا ۳۲ نویسه باشد');
    expect(errorMessage(newReason, i18n.t, 'en')).toBe('Code must be 2–32 characters');
    const bare = new ApiError({ status: 422, code: 'weak_password', reason: 'brand_new' });
    expect(errorMessage(bare, i18n.t, 'fa')).toBe(fa.errors.weak_password);
    // `too_short` has a number we only know for passwords.
    const shortName = new ApiError({ status: 422, code: 'validation', field: 'name', reason: 'too_short' });
    expect(errorMessage(shortName, i18n.t, 'fa')).toBe(fa.errors.validation);
  });

  it("names where a duplicate national ID is registered, from the server's sentence", async () => {
    const dup = new ApiError({
      status: 409,
      code: 'duplicate_national_id',
      field: 'national_id',
      message:
        'این کد ملی پیش‌تر برای «علی رضایی» در «خانوادهٔ رضایی»، مرکز گلستان ثبت شده است / This national ID is already registered for علی رضایی in خانوادهٔ رضایی, مرکز گلستان',
    });
    await i18n.changeLanguage('fa');
    expect(formErrorFrom(dup, ['national_id'], i18n.t, 'fa')).toEqual({
      fields: { national_id: 'این کد ملی پیش‌تر برای «علی رضایی» در «خانوادهٔ رضایی»، مرکز گلستان ثبت شده است' },
      form: null,
    });
    // The names are Persian in the English sentence too: they are data.
    expect(errorMessage(dup, i18n.t, 'en')).toBe('This national ID is already registered for علی رضایی in خانوادهٔ رضایی, مرکز گلستان');
    // The head's fields of a new family may come prefixed.
    const prefixed = new ApiError({ status: 409, code: 'duplicate_national_id', field: 'head.national_id', message: 'x' });
    expect(formErrorFrom(prefixed, ['national_id'], i18n.t, 'fa', (f) => f.replace(/^head\./, ''))).toEqual({
      fields: { national_id: fa.errors.duplicate_national_id },
      form: null,
    });
  });

  it('places field errors beside known fields, others at the top', async () => {
    await i18n.changeLanguage('fa');
    const dup = new ApiError({ status: 409, code: 'duplicate_username', field: 'username' });
    expect(formErrorFrom(dup, ['username', 'password'], i18n.t, 'fa')).toEqual({
      fields: { username: fa.errors.duplicate_username },
      form: null,
    });
    const other = new ApiError({ status: 422, code: 'validation', field: 'hq_id' });
    expect(formErrorFrom(other, ['username'], i18n.t, 'fa')).toEqual({ fields: {}, form: fa.errors.validation });
    const required = new ApiError({ status: 422, code: 'validation', field: 'name', reason: 'required' });
    expect(formErrorFrom(required, ['code', 'name'], i18n.t, 'fa')).toEqual({
      fields: { name: fa.errors.reason.required },
      form: null,
    });
  });
});

describe('resources', () => {
  // Every Persian string but the language switch itself is Persian.
  function leaves(o: object, prefix = ''): [string, string][] {
    return Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`),
    );
  }

  it('has no Latin text in the Persian UI', () => {
    const leaking = leaves(fa).filter(([k, v]) => !k.startsWith('lang.') && LATIN.test(v.replace(/\{\{\w+\}\}/g, '')));
    expect(leaking).toEqual([]);
  });

  it('has no Persian text in the English UI', () => {
    const leaking = leaves(en).filter(([k, v]) => !k.startsWith('lang.') && ARABIC_SCRIPT.test(v));
    expect(leaking).toEqual([]);
  });

  it('has the same keys in both languages', () => {
    expect(leaves(en).map(([k]) => k)).toEqual(leaves(fa).map(([k]) => k));
  });
});
