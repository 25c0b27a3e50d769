// The pure parts of importing a list: the columns a file may have, the
// summary in words and digits, the error report as a CSV file, the source's
// name from the file's, and the checks made before uploading.
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/errors';
import { fromThrown } from '../../api/client';
import type { ImportRowError, ImportSummary } from '../../api/types';
import { errorMessage } from '../../i18n/errors';
import { IMPORT_LIMIT_BYTES } from '../../data/registry';
import { toPersianDigits } from '../../lib/digits';
import { formatNumber, type Lang } from '../../lib/locale';
import { fieldLabel } from './format';

export interface ImportColumn {
  /** The English header, and the code the error report names the column by. */
  key: ImportColumnKey;
  /** The Persian header (a file may use either). */
  fa: string;
  /** A file without this column is refused whole. */
  required: boolean;
}

export type ImportColumnKey =
  | 'household_ref'
  | 'first_name'
  | 'last_name'
  | 'father_name'
  | 'national_id'
  | 'birth_date'
  | 'sex'
  | 'relation'
  | 'mobile'
  | 'neighborhood'
  | 'address'
  | 'family_name'
  | 'marital_status'
  | 'education'
  | 'occupation'
  | 'health'
  | 'disability'
  | 'insurance';

/** The columns the server knows (docs/api-contract.md, import), in the order a list usually has them. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'household_ref', fa: 'شناسه خانوار', required: true },
  { key: 'first_name', fa: 'نام', required: true },
  { key: 'last_name', fa: 'نام خانوادگی', required: true },
  { key: 'father_name', fa: 'نام پدر', required: false },
  { key: 'national_id', fa: 'کد ملی', required: false },
  { key: 'birth_date', fa: 'تاریخ تولد', required: false },
  { key: 'sex', fa: 'جنسیت', required: true },
  { key: 'relation', fa: 'نسبت', required: true },
  { key: 'mobile', fa: 'تلفن همراه', required: false },
  { key: 'neighborhood', fa: 'محله', required: false },
  { key: 'address', fa: 'نشانی', required: false },
  // What Hamyar's own export writes besides, so an export imports back whole.
  { key: 'family_name', fa: 'نام خانواده', required: false },
  { key: 'marital_status', fa: 'وضعیت تأهل', required: false },
  { key: 'education', fa: 'تحصیلات', required: false },
  { key: 'occupation', fa: 'شغل', required: false },
  { key: 'health', fa: 'سلامت', required: false },
  { key: 'disability', fa: 'معلولیت', required: false },
  { key: 'insurance', fa: 'بیمه', required: false },
];

export function isImportColumn(v: string): v is ImportColumnKey {
  return IMPORT_COLUMNS.some((c) => c.key === v);
}

/**
 * The name of a column of the error report in the current language: in
 * Persian the header a Persian list uses. A column the server names that is
 * not a list column (a field of the member) gets the field's name; an empty
 * one (the row as a whole) a dash.
 */
export function columnLabel(column: string, t: TFunction): string {
  if (!column) return t('common.none');
  if (isImportColumn(column)) return t(`import.columns.${column}`);
  return fieldLabel(column, t);
}

/** Why a row was refused, in the current language (the other one if the server sent only that). */
export function reasonOf(e: Pick<ImportRowError, 'reason_fa' | 'reason_en'>, lang: Lang): string {
  return (lang === 'fa' ? e.reason_fa || e.reason_en : e.reason_en || e.reason_fa) || '';
}

export const SUMMARY_KEYS = [
  'families_created',
  'families_updated',
  'families_unchanged',
  'families_rejected',
  'members_created',
  'members_updated',
  'rows',
  'rows_rejected',
] as const;

export type SummaryKey = (typeof SUMMARY_KEYS)[number];

export interface SummaryItem {
  key: SummaryKey;
  count: number;
  /** The count in the language's digits: `۱٬۲۳۴`. */
  value: string;
}

/** Each count of a summary, in display order, with its digits. */
export function summaryItems(s: ImportSummary, lang: Lang): SummaryItem[] {
  return SUMMARY_KEYS.map((key) => ({ key, count: s[key], value: formatNumber(s[key], lang) }));
}

/** Whether running the import for real would write anything. */
export function wouldWrite(s: ImportSummary): boolean {
  return s.families_created + s.families_updated + s.members_created + s.members_updated > 0;
}

/**
 * One CSV cell: quoted when it holds a separator, quote or line break. A
 * cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a
 * leading apostrophe: the report quotes cells of an outside list.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV text: UTF-8 byte order mark first (so spreadsheet programs read the Persian right), CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The error report as the server's command line writes it: row, column, value, reason_fa, reason_en. */
export function reportCsv(errors: readonly ImportRowError[]): string {
  return toCsv([
    ['row', 'column', 'value', 'reason_fa', 'reason_en'],
    ...errors.map((e) => [String(e.row), e.column, e.value, e.reason_fa, e.reason_en]),
  ]);
}

/** A list to start from: the usual columns with Persian headers and one household of two. */
export function sampleCsv(): string {
  const columns: ImportColumnKey[] = ['household_ref', 'first_name', 'last_name', 'father_name', 'national_id', 'birth_date', 'sex', 'relation', 'mobile', 'neighborhood', 'address'];
  const header = columns.map((k) => IMPORT_COLUMNS.find((c) => c.key === k)!.fa);
  return toCsv([
    header,
    ['1', 'علی', 'رضایی', 'حسن', '', '۱۳۶۰/۰۷/۱۲', 'مرد', 'سرپرست', '09121234567', 'گلستان', 'کوچهٔ یاس، پلاک ۳'],
    ['1', 'مریم', 'احمدی', 'محمود', '', '۱۳۶۵/۰۴/۱۲', 'زن', 'همسر', '', '', ''],
  ]);
}

/** The file's name without its extension: what the source is called unless the person says otherwise. */
export function sourceFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).trim();
}

export type FileProblem = 'too_large' | 'empty' | 'old_excel';

/** What is wrong with a file before it is sent, if anything the server would refuse for sure. */
export function fileProblem(file: { name: string; size: number }): FileProblem | null {
  if (file.size > IMPORT_LIMIT_BYTES) return 'too_large';
  if (file.size === 0) return 'empty';
  // The old binary Excel format: the server reads only XLSX and CSV.
  if (/\.xls$/i.test(file.name)) return 'old_excel';
  return null;
}

/**
 * The half of the server's "field: fa / en" sentence for the current
 * language, as it is: unlike other messages, the file's problems quote
 * column names in both scripts («نام (first_name)»). Null when the message
 * has no two halves.
 */
export function serverHalf(message: string, lang: Lang): string | null {
  const text = message.replace(/^[a-z_]+: /, '');
  const at = text.indexOf(' / ');
  if (at < 0) return null;
  const half = (lang === 'fa' ? text.slice(0, at) : text.slice(at + 3)).trim();
  if (!half) return null;
  return lang === 'fa' ? toPersianDigits(half) : half;
}

/** File format names, put into sentences as they are (the UI strings have no Latin). */
export const FORMAT_NAMES = { csv: 'CSV', xlsx: 'XLSX', xls: 'XLS' } as const;

/** A problem found before uploading, in words. */
export function fileProblemText(problem: FileProblem, t: TFunction): string {
  switch (problem) {
    case 'too_large':
      return t('import.tooLarge');
    case 'empty':
      return t('import.emptyFile');
    case 'old_excel':
      return t('import.oldExcel', FORMAT_NAMES);
  }
}

export interface ImportFailure {
  /** Where the message goes: beside the file, beside the source, or above the form. */
  field: 'file' | 'source' | null;
  message: string;
}

/** Why an upload was refused, and beside which input to say it. */
export function importFailure(e: unknown, t: TFunction, lang: Lang): ImportFailure {
  const err = e instanceof ApiError ? e : fromThrown(e);
  if (err.code === 'payload_too_large') return { field: 'file', message: t('import.tooLarge') };
  if (err.code === 'timeout') return { field: null, message: t('import.timeout') };
  if (err.field === 'file') {
    // Missing columns (named in both scripts), an unreadable or empty file.
    return { field: 'file', message: serverHalf(err.message, lang) ?? t('import.fileUnreadable', FORMAT_NAMES) };
  }
  if (err.field === 'source') return { field: 'source', message: errorMessage(err, t, lang) };
  return { field: null, message: errorMessage(err, t, lang) };
}
