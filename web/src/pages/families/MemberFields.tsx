// The fields of one family member (MemberInput), used by "new family" (for
// the head), "add member" and "edit member".
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MARITAL_STATUSES, RELATIONS, SEXES, type MaritalStatus, type Member, type MemberInput, type Relation, type Sex } from '../../api/types';
import { cleanInput, toAsciiDigits } from '../../lib/digits';
import { nationalIdProblem, normalizeNationalId } from '../../lib/nationalId';
import { JalaliDateInput } from '../../components/JalaliDateInput';
import { NationalIdInput } from '../../components/NationalIdInput';
import type { TFunction } from 'i18next';

export interface MemberValues {
  first_name: string;
  last_name: string;
  father_name: string;
  national_id: string;
  birth_date: string | null;
  /** False while the birth date's text is not a real date. */
  birth_date_valid: boolean;
  sex: Sex | null;
  relation: Relation | null;
  marital_status: MaritalStatus | null;
  education: string;
  occupation: string;
  health: string;
  disability: string;
  insurance: string;
  mobile: string;
}

/** Field names as the server calls them: errors from it land beside these. */
export const MEMBER_FIELDS = [
  'first_name',
  'last_name',
  'father_name',
  'national_id',
  'birth_date',
  'sex',
  'relation',
  'marital_status',
  'education',
  'occupation',
  'health',
  'disability',
  'insurance',
  'mobile',
] as const;

export function memberValuesOf(m: Member | null, relation: Relation | null = null): MemberValues {
  return {
    first_name: m?.first_name ?? '',
    last_name: m?.last_name ?? '',
    father_name: m?.father_name ?? '',
    national_id: m?.national_id ?? '',
    birth_date: m?.birth_date ?? null,
    birth_date_valid: true,
    sex: m?.sex ?? null,
    relation: m?.relation ?? relation,
    marital_status: m?.marital_status ?? null,
    education: m?.education ?? '',
    occupation: m?.occupation ?? '',
    health: m?.health ?? '',
    disability: m?.disability ?? '',
    insurance: m?.insurance ?? '',
    mobile: m?.mobile ?? '',
  };
}

/** Phone numbers as the server keeps them: ASCII digits (a leading + kept), no spaces, dashes, dots or brackets. */
export function normalizePhone(s: string): string {
  return toAsciiDigits(s).replace(/[\s\-().\u200c]/g, '');
}

/** What the server accepts: 4–15 digits, maybe after a +. */
export function isPhoneLike(s: string): boolean {
  return /^\+?\d{4,15}$/.test(s);
}

/** The checks the form makes before sending; messages keyed by field. */
export function memberErrors(v: MemberValues, t: TFunction): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!cleanInput(v.first_name)) fields.first_name = t('common.required');
  if (!cleanInput(v.last_name)) fields.last_name = t('common.required');
  if (!v.sex) fields.sex = t('common.required');
  if (!v.relation) fields.relation = t('common.required');
  if (v.national_id.trim()) {
    const problem = nationalIdProblem(v.national_id);
    if (problem) fields.national_id = t(`member.nationalIdErrors.${problem}`);
  }
  const mobile = normalizePhone(v.mobile);
  if (mobile && !isPhoneLike(mobile)) fields.mobile = t('member.phoneFormat');
  return fields;
}

/**
 * The body the server gets: every field, so an edit can also clear one
 * (`""` clears; a field left out would keep its old value). Call after
 * `memberErrors` found nothing (sex and relation are set).
 */
export function memberInputFrom(v: MemberValues): MemberInput {
  return {
    first_name: cleanInput(v.first_name),
    last_name: cleanInput(v.last_name),
    father_name: cleanInput(v.father_name),
    national_id: v.national_id.trim() ? normalizeNationalId(v.national_id) : '',
    birth_date: v.birth_date ?? '',
    sex: v.sex ?? 'female',
    relation: v.relation ?? 'other',
    marital_status: v.marital_status ?? 'unknown',
    education: cleanInput(v.education),
    occupation: cleanInput(v.occupation),
    health: cleanInput(v.health),
    disability: cleanInput(v.disability),
    insurance: cleanInput(v.insurance),
    mobile: normalizePhone(v.mobile),
  };
}

export interface MemberFieldsProps {
  values: MemberValues;
  onChange: (next: MemberValues) => void;
  errors: Record<string, string>;
  /** The head's relation is fixed: it changes through "make head". */
  relationFixed?: boolean;
}

export function MemberFields({ values, onChange, errors, relationFixed = false }: MemberFieldsProps) {
  const { t } = useTranslation();
  const set = <K extends keyof MemberValues>(k: K, v: MemberValues[K]) => onChange({ ...values, [k]: v });
  const text = (k: 'first_name' | 'last_name' | 'father_name' | 'education' | 'occupation' | 'health' | 'disability' | 'insurance', required = false) => (
    <TextInput
      label={t(`fields.${k}`)}
      required={required}
      value={values[k]}
      error={errors[k]}
      onChange={(e) => set(k, e.currentTarget.value)}
      autoComplete="off"
    />
  );
  // A member is never made head here; the head keeps "head".
  const relations = relationFixed ? RELATIONS : RELATIONS.filter((r) => r !== 'head');

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
      {text('first_name', true)}
      {text('last_name', true)}
      {text('father_name')}
      <NationalIdInput
        label={t('fields.national_id')}
        description={t('member.nationalIdHint')}
        value={values.national_id}
        error={errors.national_id}
        onChange={(v) => set('national_id', v)}
      />
      <JalaliDateInput
        label={t('fields.birth_date')}
        value={values.birth_date}
        error={errors.birth_date}
        onChange={(v, valid) => onChange({ ...values, birth_date: v, birth_date_valid: valid })}
      />
      <Select<Sex>
        label={t('fields.sex')}
        required
        data={SEXES.map((s) => ({ value: s, label: t(`enums.sex.${s}`) }))}
        value={values.sex}
        error={errors.sex}
        onChange={(v) => set('sex', v)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <Select<Relation>
        label={t('fields.relation')}
        required
        disabled={relationFixed}
        data={relations.map((r) => ({ value: r, label: t(`enums.relation.${r}`) }))}
        value={values.relation}
        error={errors.relation}
        onChange={(v) => set('relation', v)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <Select<MaritalStatus>
        label={t('fields.marital_status')}
        data={MARITAL_STATUSES.map((s) => ({ value: s, label: t(`enums.maritalStatus.${s}`) }))}
        value={values.marital_status}
        error={errors.marital_status}
        onChange={(v) => set('marital_status', v)}
        comboboxProps={{ withinPortal: true }}
      />
      <TextInput
        label={t('fields.mobile')}
        description={t('member.mobileHint')}
        value={values.mobile}
        error={errors.mobile}
        onChange={(e) => set('mobile', e.currentTarget.value)}
        inputMode="tel"
        type="tel"
        autoComplete="off"
        classNames={{ input: 'numeric-input' }}
      />
      {text('education')}
      {text('occupation')}
      {text('health')}
      {text('disability')}
      {text('insurance')}
    </SimpleGrid>
  );
}
