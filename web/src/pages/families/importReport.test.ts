import { beforeAll, describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import fa from '../../i18n/fa';
import en from '../../i18n/en';
import { ApiError } from '../../api/errors';
import type { ImportSummary } from '../../api/types';
import {
  IMPORT_COLUMNS,
  columnLabel,
  csvCell,
  fileProblem,
  importFailure,
  reasonOf,
  reportCsv,
  sampleCsv,
  serverHalf,
  sourceFromFileName,
  summaryItems,
  wouldWrite,
} from './importReport';

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;

function summary(over: Partial<ImportSummary> = {}): ImportSummary {
  return {
    dry_run: true,
    rows: 3,
    families_created: 1,
    families_updated: 0,
    families_unchanged: 0,
    families_rejected: 1,
    members_created: 2,
    members_updated: 0,
    rows_rejected: 1,
    errors: [],
    ...over,
  };
}

beforeAll(() => {
  initI18n('fa');
});

describe('summary', () => {
  it('lists every count in order, in Persian digits with grouping', () => {
    const items = summaryItems(summary({ rows: 12345 }), 'fa');
    expect(items.map((i) => i.key)).toEqual([
      'families_created',
      'families_updated',
      'families_unchanged',
      'families_rejected',
      'members_created',
      'members_updated',
      'rows',
      'rows_rejected',
    ]);
    expect(items[0]).toEqual({ key: 'families_created', count: 1, value: '۱' });
    expect(items.find((i) => i.key === 'rows')!.value).toBe('۱۲٬۳۴۵');
  });

  it('uses Latin digits in English', () => {
    expect(summaryItems(summary({ rows: 12345 }), 'en').find((i) => i.key === 'rows')!.value).toBe('12,345');
  });

  it('has words for every count in both languages', () => {
    for (const item of summaryItems(summary(), 'fa')) {
      expect(fa.import.counts[item.key]).toMatch(ARABIC_SCRIPT);
      expect(en.import.counts[item.key]).not.toMatch(ARABIC_SCRIPT);
    }
  });

  it('knows when a run would write nothing', () => {
    expect(wouldWrite(summary())).toBe(true);
    expect(wouldWrite(summary({ families_created: 0, members_created: 0 }))).toBe(false);
    expect(wouldWrite(summary({ families_created: 0, members_created: 0, members_updated: 1 }))).toBe(true);
  });
});

describe('error report', () => {
  it('builds a CSV with a byte order mark, the server columns and CRLF lines', () => {
    const csv = reportCsv([
      { row: 3, column: 'national_id', value: '1234567890', reason_fa: 'رقم کنترل درست نیست', reason_en: 'Invalid check digit' },
      { row: 4, column: 'sex', value: 'x', reason_fa: 'جنسیت نامعتبر است (زن / مرد)', reason_en: 'Unknown sex (female / male)' },
    ]);
    expect(csv.startsWith('\ufeffrow,column,value,reason_fa,reason_en\r\n')).toBe(true);
    expect(csv.split('\r\n')).toEqual([
      '\ufeffrow,column,value,reason_fa,reason_en',
      '3,national_id,1234567890,رقم کنترل درست نیست,Invalid check digit',
      '4,sex,x,جنسیت نامعتبر است (زن / مرد),Unknown sex (female / male)',
      '',
    ]);
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('علی، رضا')).toBe('علی، رضا');
  });

  it('keeps a cell from running as a spreadsheet formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+98912')).toBe("'+98912");
    expect(csvCell('@sum')).toBe("'@sum");
    expect(csvCell('-')).toBe("'-");
  });

  it('names a column as a Persian list heads it, and in English words', async () => {
    await i18n.changeLanguage('fa');
    expect(columnLabel('national_id', i18n.t)).toBe('کد ملی');
    expect(columnLabel('household_ref', i18n.t)).toBe('شناسه خانوار');
    expect(columnLabel('', i18n.t)).toBe('—');
    // Not a list column but a member field: the field's name.
    expect(columnLabel('consent_on', i18n.t)).toBe(fa.fields.consent_on);
    expect(columnLabel('something_new', i18n.t)).toBe('something_new');
    await i18n.changeLanguage('en');
    expect(columnLabel('national_id', i18n.t)).toBe('National ID');
    expect(columnLabel('household_ref', i18n.t)).toBe('Household reference');
    await i18n.changeLanguage('fa');
  });

  it('gives the reason in the current language, or the other when one is missing', () => {
    const e = { reason_fa: 'تاریخ نامعتبر است', reason_en: 'Invalid date' };
    expect(reasonOf(e, 'fa')).toBe('تاریخ نامعتبر است');
    expect(reasonOf(e, 'en')).toBe('Invalid date');
    expect(reasonOf({ reason_fa: '', reason_en: 'Invalid date' }, 'fa')).toBe('Invalid date');
  });
});

describe('columns', () => {
  it('translates every accepted column; in Persian, as its Persian header', () => {
    for (const c of IMPORT_COLUMNS) {
      expect(fa.import.columns[c.key]).toBe(c.fa);
      expect(en.import.columns[c.key]).toBeTruthy();
      expect(en.import.columns[c.key]).not.toMatch(ARABIC_SCRIPT);
    }
    expect(Object.keys(fa.import.columns).sort()).toEqual(IMPORT_COLUMNS.map((c) => c.key).sort());
  });

  it('marks the columns the server requires', () => {
    expect(IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.key)).toEqual(['household_ref', 'first_name', 'last_name', 'sex', 'relation']);
  });

  it('offers a sample with Persian headers and a Solar Hijri date', () => {
    const [header, first] = sampleCsv().replace('\ufeff', '').split('\r\n');
    expect(header!.split(',').slice(0, 3)).toEqual(['شناسه خانوار', 'نام', 'نام خانوادگی']);
    expect(first).toContain('۱۳۶۰/۰۷/۱۲');
  });
});

describe('before uploading', () => {
  it('names the source after the file', () => {
    expect(sourceFromFileName('بهزیستی منطقه ۴.xlsx')).toBe('بهزیستی منطقه ۴');
    expect(sourceFromFileName('list.2024.csv')).toBe('list.2024');
    expect(sourceFromFileName('C:\\fakepath\\komite.csv')).toBe('komite');
    expect(sourceFromFileName('noextension')).toBe('noextension');
    expect(sourceFromFileName('.hidden')).toBe('.hidden');
  });

  it('refuses files the server would refuse', () => {
    expect(fileProblem({ name: 'a.csv', size: 10 })).toBeNull();
    expect(fileProblem({ name: 'a.xlsx', size: 32 * 1024 * 1024 })).toBeNull();
    expect(fileProblem({ name: 'a.xlsx', size: 32 * 1024 * 1024 + 1 })).toBe('too_large');
    expect(fileProblem({ name: 'a.csv', size: 0 })).toBe('empty');
    expect(fileProblem({ name: 'OLD.XLS', size: 10 })).toBe('old_excel');
  });
});

describe('server errors', () => {
  const missing =
    'file: ستون‌های لازم در فایل نیست: جنسیت (sex)، نسبت (relation) / Required columns are missing: جنسیت (sex), نسبت (relation)';

  it('takes the half of a file error for the language, column names and all', () => {
    expect(serverHalf(missing, 'fa')).toBe('ستون‌های لازم در فایل نیست: جنسیت (sex)، نسبت (relation)');
    expect(serverHalf(missing, 'en')).toBe('Required columns are missing: جنسیت (sex), نسبت (relation)');
    expect(serverHalf('file: CSV نامعتبر در ردیف 12 / Invalid CSV at row 12: oops', 'fa')).toBe('CSV نامعتبر در ردیف ۱۲');
    expect(serverHalf('no halves', 'fa')).toBeNull();
  });

  it('puts each error beside its input', async () => {
    await i18n.changeLanguage('fa');
    const t = i18n.t;
    expect(importFailure(new ApiError({ status: 422, code: 'validation', field: 'file', reason: 'format', message: missing }), t, 'fa')).toEqual({
      field: 'file',
      message: 'ستون‌های لازم در فایل نیست: جنسیت (sex)، نسبت (relation)',
    });
    expect(importFailure(new ApiError({ status: 422, code: 'validation', field: 'file', reason: 'format' }), t, 'fa').message).toBe(
      t('import.fileUnreadable', { csv: 'CSV', xlsx: 'XLSX' }),
    );
    expect(importFailure(new ApiError({ status: 413, code: 'payload_too_large' }), t, 'fa')).toEqual({ field: 'file', message: fa.import.tooLarge });
    expect(importFailure(new ApiError({ status: 422, code: 'validation', field: 'source', reason: 'required' }), t, 'fa')).toEqual({
      field: 'source',
      message: fa.errors.reason.required,
    });
    expect(importFailure(new ApiError({ status: 408, code: 'timeout' }), t, 'fa')).toEqual({ field: null, message: fa.import.timeout });
    expect(importFailure(new ApiError({ status: 403, code: 'forbidden' }), t, 'fa')).toEqual({ field: null, message: fa.errors.forbidden });
    expect(importFailure(new TypeError('Failed to fetch'), t, 'fa')).toEqual({ field: null, message: fa.errors.network });
  });
});
