// Showing family records: names, ages, digits, field values of the history.
import type { TFunction } from 'i18next';
import type { Member } from '../../api/types';
import { toPersianDigits } from '../../lib/digits';
import { formatDate, formatInstantDate, isoToJalali } from '../../lib/jalali';
import { formatNumber, numberLocale, type Lang } from '../../lib/locale';
import { maskNationalId } from '../../lib/nationalId';

export function fullName(m: Pick<Member, 'first_name' | 'last_name'>): string {
  return `${m.first_name} ${m.last_name}`.trim();
}

/** Whole years from an ISO birth date to `today` (the viewer's local day), or null. */
export function ageOn(birthIso: string | null, today: Date = new Date()): number | null {
  if (!birthIso || !isoToJalali(birthIso)) return null;
  const [y, m, d] = birthIso.split('-').map(Number) as [number, number, number];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age >= 0 ? age : null;
}

/** Phone numbers, IDs: digits of the language, as written otherwise. */
export function digitsFor(s: string, lang: Lang): string {
  return lang === 'fa' ? toPersianDigits(s) : s;
}

/** `۱۲ مهر ۱۳۶۰ (۴۳ ساله)`. */
export function birthWithAge(iso: string | null, t: TFunction, lang: Lang, today?: Date): string {
  if (!iso) return t('common.none');
  const age = ageOn(iso, today);
  const date = formatDate(iso, lang);
  return age === null ? date : `${date} (${t('member.age', { n: formatNumber(age, lang) })})`;
}

// Fields whose values are codes of a closed set, and where their words are.
const ENUM_FIELDS: Record<string, string> = {
  housing: 'housing',
  status: 'familyStatus',
  sex: 'sex',
  relation: 'relation',
  marital_status: 'maritalStatus',
};

// Codes whose words are elsewhere than `enums` (an assessment's kind and tiers).
const CODE_FIELDS: Record<string, string> = {
  kind: 'assessment.kind',
  computed_tier: 'assessment.tier',
  override_tier: 'assessment.tier',
};

const DATE_FIELDS = new Set(['birth_date', 'consent_on', 'assessed_on', 'starts_on', 'ends_on']);

export interface HistoryContext {
  t: TFunction;
  lang: Lang;
  /** The family whose history this is. */
  familyId: string;
  /** A member's name by id: members of the family now, and those the history names. */
  memberName: (id: string) => string | null;
}

/**
 * One value of a history change, in words: codes translated, dates Solar
 * Hijri, national IDs masked, lists joined, ids named where we can.
 */
export function historyValue(field: string, value: unknown, ctx: HistoryContext): string {
  const { t, lang } = ctx;
  if (value === null || value === undefined || value === '') return t('common.none');
  if (Array.isArray(value)) {
    if (value.length === 0) return t('common.none');
    return value.map((v) => historyValue(field, v, ctx)).join(lang === 'fa' ? '، ' : ', ');
  }
  if (typeof value === 'object') {
    // A source: {organization, reference}.
    const o = value as { organization?: unknown; reference?: unknown };
    if (typeof o.organization === 'string') {
      return typeof o.reference === 'string' && o.reference ? `${o.organization} (${digitsFor(o.reference, lang)})` : o.organization;
    }
    // Extra attributes of an imported list: {column: value}.
    const pairs = Object.entries(value as Record<string, unknown>);
    if (pairs.length === 0) return t('common.none');
    return pairs.map(([k, v]) => `${k}: ${digitsFor(String(v), lang)}`).join(lang === 'fa' ? '، ' : ', ');
  }
  const s = String(value);
  const ns = ENUM_FIELDS[field];
  if (ns) return t(`enums.${ns}.${s}` as 'enums.sex.male', { defaultValue: s });
  const codes = CODE_FIELDS[field];
  if (codes) return t(`${codes}.${s}` as 'assessment.kind.baseline', { defaultValue: s });
  if (DATE_FIELDS.has(field)) return formatDate(s, lang);
  // Isolated left to right: "******0899" keeps its asterisks first in a Persian sentence.
  if (field === 'national_id') return `\u2066${digitsFor(maskNationalId(s), lang)}\u2069`;
  if (field === 'head_member_id') return ctx.memberName(s) ?? t('history.formerMember');
  if (field === 'family_id') return s === ctx.familyId ? t('history.thisFamily') : t('history.otherFamily');
  if (field === 'consent_recorded_by' || field.endsWith('_id')) return t('history.recorded');
  if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no');
  return digitsFor(s, lang);
}

/** A field's name in words; a field this build does not know keeps its code. */
export function fieldLabel(field: string, t: TFunction): string {
  return t(`fields.${field}` as 'fields.first_name', { defaultValue: field });
}

const timeFormats = new Map<Lang, Intl.DateTimeFormat>();

/** RFC 3339 instant → `۲ مهر ۱۴۰۳، ۱۴:۰۵` in the viewer's time zone. */
export function formatInstant(instant: string, lang: Lang): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  let f = timeFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(numberLocale(lang), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(lang, f);
  }
  return `${formatInstantDate(instant, lang)}${lang === 'fa' ? '، ' : ', '}${f.format(at)}`;
}

/** Nothing worth a line: no value, an empty text, list or object. */
export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

/**
 * What the history says of an assessment or an assignment of the family
 * (the rest — answers, scores, ids — belongs on the assessment's own page).
 */
const SHOWN_OF: Record<string, ReadonlySet<string>> = {
  assessment: new Set(['kind', 'assessed_on', 'computed_tier', 'override_tier', 'override_reason', 'correction_reason']),
  assignment: new Set(['starts_on', 'ends_on', 'reason', 'end_reason']),
};

/**
 * Fields the history keeps but a person has no use for: ids (the center,
 * who recorded the consent — the entry says who acted), the member's
 * family except when they moved, and of an assessment or an assignment all
 * but a few.
 */
export function shownChange(field: string, op: string, change: { old: unknown; new: unknown }, entity?: string): boolean {
  const only = entity ? SHOWN_OF[entity] : undefined;
  if (only && !only.has(field)) return false;
  if (field === 'center_id' || field === 'consent_recorded_by') return false;
  if (field === 'family_id') return op === 'move';
  if (op === 'create') return !isEmptyValue(change.new);
  return !(isEmptyValue(change.old) && isEmptyValue(change.new));
}

// The order a person reads a record in; fields not listed follow, by name.
const FIELD_ORDER = [
  'family_name',
  'head_member_id',
  'status',
  'status_reason',
  'neighborhood',
  'address',
  'phones',
  'housing',
  'sources',
  'consent_on',
  'first_name',
  'last_name',
  'father_name',
  'relation',
  'sex',
  'birth_date',
  'national_id',
  'marital_status',
  'education',
  'occupation',
  'health',
  'disability',
  'insurance',
  'mobile',
  'family_id',
  'kind',
  'assessed_on',
  'computed_tier',
  'override_tier',
  'override_reason',
  'correction_reason',
  'starts_on',
  'ends_on',
  'reason',
  'end_reason',
];

export function byFieldOrder(a: string, b: string): number {
  const ia = FIELD_ORDER.indexOf(a);
  const ib = FIELD_ORDER.indexOf(b);
  if (ia !== ib) return (ia === -1 ? FIELD_ORDER.length : ia) - (ib === -1 ? FIELD_ORDER.length : ib);
  return a.localeCompare(b);
}
