import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { initI18n } from '../i18n';
import fa from '../i18n/fa';
import { newPasswordErrors } from './PasswordRules';

beforeAll(() => {
  initI18n('fa');
});

describe('newPasswordErrors', () => {
  it('accepts a long enough password repeated, Persian digits counting as ASCII', () => {
    expect(newPasswordErrors({ password: 'helper-pass-۱۲۳۴', repeat: 'helper-pass-1234' }, 'password', 'ali', i18n.t, 'fa')).toEqual({});
  });

  it('puts the password’s problem under the given field and the repeat’s under `repeat`', () => {
    expect(newPasswordErrors({ password: 'ali-is-here-1', repeat: 'other' }, 'new_password', 'Ali', i18n.t, 'fa')).toEqual({
      new_password: fa.password.containsUsername,
      repeat: fa.password.mismatch,
    });
  });
});
