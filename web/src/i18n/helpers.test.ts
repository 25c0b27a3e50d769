import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { ApiError } from '../api/errors';
import { initI18n } from './index';
import fa from './fa';
import en from './en';
import { errorMessage, localDigits } from './errors';

beforeAll(() => {
  initI18n('fa');
});

describe('helper refusals in words', () => {
  it('tells the hours done of the hours needed, from the server, in Persian digits', async () => {
    await i18n.changeLanguage('fa');
    const err = new ApiError({
      status: 409,
      code: 'pre_service_incomplete',
      message: 'آموزش پیش از خدمت کامل نیست: 12.5 از 40 ساعت گذرانده شده است / Pre-service training is not complete: 12.5 of 40 hours done',
    });
    expect(errorMessage(err, i18n.t, 'fa')).toBe('آموزش پیش از خدمت کامل نیست: ۱۲٫۵ از ۴۰ ساعت گذرانده شده است');
    expect(errorMessage(err, i18n.t, 'en')).toBe('Pre-service training is not complete: 12.5 of 40 hours done');
    // Without the server's sentence, ours.
    expect(errorMessage(new ApiError({ status: 409, code: 'pre_service_incomplete' }), i18n.t, 'fa')).toBe(fa.errors.pre_service_incomplete);
  });

  it('names the two states of a refused move in Persian; in English (where the server gives codes) says it in our words', async () => {
    await i18n.changeLanguage('fa');
    const err = new ApiError({
      status: 409,
      code: 'status_change_not_allowed',
      field: 'status',
      message: 'این تغییر وضعیت مجاز نیست: از «فعال» به «در حال آموزش» / This status change is not allowed: from active to in_training',
    });
    expect(errorMessage(err, i18n.t, 'fa')).toBe('این تغییر وضعیت مجاز نیست: از «فعال» به «در حال آموزش»');
    await i18n.changeLanguage('en');
    expect(errorMessage(err, i18n.t, 'en')).toBe(en.errors.status_change_not_allowed);
  });

  it('explains a full caseload and a helper not accepted', async () => {
    await i18n.changeLanguage('fa');
    expect(errorMessage(new ApiError({ status: 409, code: 'caseload_full', field: 'helper_id' }), i18n.t, 'fa')).toBe(fa.errors.caseload_full);
    await i18n.changeLanguage('en');
    expect(errorMessage(new ApiError({ status: 422, code: 'helper_not_accepted', field: 'helper_id' }), i18n.t, 'en')).toBe(
      en.errors.helper_not_accepted,
    );
  });

  it("puts a validation sentence's ASCII digits in Persian", () => {
    const err = new ApiError({
      status: 422,
      code: 'validation',
      field: 'pre_service_hours',
      reason: 'too_large',
      message: 'pre_service_hours: ساعت بیش از حد است (بیشینه 500) / Too many hours (at most 500)',
    });
    expect(errorMessage(err, i18n.t, 'fa')).toBe('ساعت بیش از حد است (بیشینه ۵۰۰)');
    expect(errorMessage(err, i18n.t, 'en')).toBe('Too many hours (at most 500)');
  });

  it('localizes digits and the decimal mark only in Persian', () => {
    expect(localDigits('1.25 از 40', 'fa')).toBe('۱٫۲۵ از ۴۰');
    expect(localDigits('end. 40', 'fa')).toBe('end. ۴۰');
    expect(localDigits('1.25 of 40', 'en')).toBe('1.25 of 40');
  });
});
