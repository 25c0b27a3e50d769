import { describe, expect, it } from 'vitest';
import type { MemberInput } from '../../api/types';
import type { LocalAssessment, LocalRecord } from '../../offline';
import { member } from '../../offline/testing';
import { memberInputFrom, memberValuesOf } from '../families/MemberFields';
import { defaultKind, householdChanges, memberChanges, newMember, tierOf } from './changes';
import { instrument } from './fixtures';

const record = (value: LocalAssessment): LocalRecord<LocalAssessment> => ({
  entity: 'assessment',
  id: value.id,
  family_id: 'f1',
  version: 1,
  pending: false,
  deleted: false,
  value,
});

describe('what a helper’s edit sends', () => {
  it('sends only the member fields the form changed; no value and "" are the same', () => {
    const m = member('m1', 'f1', 3, { mobile: '09121112233', national_id: null, birth_date: null, occupation: 'راننده' });
    const unchanged = memberInputFrom(memberValuesOf(m));
    expect(memberChanges(m, unchanged)).toEqual({});
    const body: MemberInput = { ...unchanged, mobile: '09124539573', occupation: '' };
    expect(memberChanges(m, body)).toEqual({ mobile: '09124539573', occupation: '' });
  });

  it('sends only the household fields that changed, phones as a list', () => {
    const f = { neighborhood: 'گلستان', address: 'کوچهٔ ۱', phones: ['0912'] };
    expect(householdChanges(f, { neighborhood: 'گلستان', address: 'کوچهٔ ۱', phones: ['0912'] })).toEqual({});
    expect(householdChanges(f, { neighborhood: 'نارمک', address: 'کوچهٔ ۱', phones: ['0912', '0935'] })).toEqual({ neighborhood: 'نارمک', phones: ['0912', '0935'] });
  });

  it('makes a new member from the form’s fields', () => {
    const m = newMember('m9', 'f1', { first_name: 'پارسا', last_name: 'فتحی', sex: 'male', relation: 'child', national_id: '', birth_date: '' }, '2025-03-01T10:00:00Z');
    expect(m).toMatchObject({ id: 'm9', family_id: 'f1', first_name: 'پارسا', national_id: null, birth_date: null, version: 0 });
  });
});

describe('assessments on the phone', () => {
  it('starts with a baseline, then follow-ups', () => {
    expect(defaultKind([])).toBe('baseline');
    expect(defaultKind([record({ id: 'a1', family_id: 'f1', status: 'draft' })])).toBe('baseline');
    expect(defaultKind([record({ id: 'a1', family_id: 'f1', status: 'final' })])).toBe('follow_up');
  });

  it('takes the server’s tier, and scores one not yet sent on the phone', () => {
    expect(tierOf({ id: 'a1', family_id: 'f1', status: 'final', tier: 'at_risk' }, instrument, [])).toEqual({ tier: 'at_risk', device: false });
    // Every first answer: the family's income is nil, a critical harm.
    const family: Record<string, string> = {};
    for (const i of instrument.indicators) {
      const first = i.options[0]!;
      if (i.subject.about === 'family') family[i.id] = 'value' in first ? first.value : String(first.min);
    }
    const scored = tierOf({ id: 'a2', family_id: 'f1', status: 'final', assessed_on: '2025-03-01', answers: { family, members: {} } }, instrument, []);
    expect(scored).toEqual({ tier: 'harmed', device: true });
    expect(tierOf({ id: 'a3', family_id: 'f1', status: 'final', assessed_on: '2025-03-01', answers: { family, members: {} } }, null, [])).toEqual({ tier: null, device: false });
  });
});
