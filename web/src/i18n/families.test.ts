// Every code of the family registry has words in both languages.
import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { FAMILY_STATUSES, HOUSINGS, MARITAL_STATUSES, RELATIONS, SEXES, type HistoryEntity, type HistoryOp } from '../api/types';
import { initI18n } from './index';
import fa from './fa';
import en from './en';
import { MEMBER_FIELDS } from '../pages/families/MemberFields';
import { fieldLabel, historyValue, type HistoryContext } from '../pages/families/format';

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const LATIN = /[A-Za-z]/;

const ENUMS = {
  housing: HOUSINGS,
  familyStatus: FAMILY_STATUSES,
  sex: SEXES,
  relation: RELATIONS,
  maritalStatus: MARITAL_STATUSES,
} as const;

// Every field of Family and MemberInput the history may name.
const FAMILY_FIELDS = [
  'family_name',
  'neighborhood',
  'address',
  'phones',
  'housing',
  'status',
  'status_reason',
  'consent_on',
  'consent_recorded_by',
  'sources',
  'head_member_id',
  'member_count',
  'organization',
  'reference',
  'family_id',
  'extra',
];

const ENTITIES: HistoryEntity[] = ['family', 'family_member'];
const OPS: HistoryOp[] = ['create', 'update', 'delete', 'move'];

describe('family registry words', () => {
  it.each(Object.entries(ENUMS).flatMap(([ns, values]) => values.map((v) => [ns, v] as const)))('%s.%s in Persian and English', (ns, v) => {
    const faMsg = (fa.enums as Record<string, Record<string, string>>)[ns]?.[v];
    const enMsg = (en.enums as Record<string, Record<string, string>>)[ns]?.[v];
    expect(faMsg).toMatch(ARABIC_SCRIPT);
    expect(faMsg).not.toMatch(LATIN);
    expect(enMsg).toBeTruthy();
    expect(enMsg).not.toMatch(ARABIC_SCRIPT);
  });

  it.each([...MEMBER_FIELDS, ...FAMILY_FIELDS])('field %s has a name in both languages', async (field) => {
    initI18n('fa');
    await i18n.changeLanguage('fa');
    expect(fieldLabel(field, i18n.t)).toMatch(ARABIC_SCRIPT);
    await i18n.changeLanguage('en');
    expect(fieldLabel(field, i18n.t)).not.toMatch(ARABIC_SCRIPT);
    expect(fieldLabel(field, i18n.t)).not.toBe(field);
  });

  it.each(ENTITIES.flatMap((e) => OPS.map((o) => [e, o] as const)))('history of %s %s is described', (entity, op) => {
    const faMsg = fa.history.ops[entity][op];
    const enMsg = en.history.ops[entity][op];
    expect(faMsg).toMatch(ARABIC_SCRIPT);
    expect(faMsg.replace(/\{\{\w+\}\}/g, '')).not.toMatch(LATIN);
    expect(enMsg).not.toMatch(ARABIC_SCRIPT);
  });

  it('shows history values in words: codes, Solar Hijri dates, masked IDs, Persian digits', async () => {
    initI18n('fa');
    await i18n.changeLanguage('fa');
    const ctx: HistoryContext = { t: i18n.t, lang: 'fa', familyId: 'f1', memberName: (id) => (id === 'm1' ? 'علی رضایی' : null) };
    expect(historyValue('housing', 'rented', ctx)).toBe(fa.enums.housing.rented);
    expect(historyValue('relation', 'spouse', ctx)).toBe(fa.enums.relation.spouse);
    expect(historyValue('birth_date', '2025-03-21', ctx)).toBe('۱ فروردین ۱۴۰۴');
    expect(historyValue('national_id', '0499370899', ctx)).toBe('\u2066******۰۸۹۹\u2069');
    expect(historyValue('phones', ['09121234567', '02188776655'], ctx)).toBe('۰۹۱۲۱۲۳۴۵۶۷، ۰۲۱۸۸۷۷۶۶۵۵');
    expect(historyValue('head_member_id', 'm1', ctx)).toBe('علی رضایی');
    expect(historyValue('head_member_id', 'gone', ctx)).toBe(fa.history.formerMember);
    expect(historyValue('family_id', 'f1', ctx)).toBe(fa.history.thisFamily);
    expect(historyValue('family_id', 'f2', ctx)).toBe(fa.history.otherFamily);
    expect(historyValue('address', '', ctx)).toBe(fa.common.none);
    expect(historyValue('sources', [{ organization: 'بهزیستی', reference: '1400' }], ctx)).toBe('بهزیستی (۱۴۰۰)');
  });
});
