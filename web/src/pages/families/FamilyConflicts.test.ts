import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import type { SyncConflict } from '../../api/types';
import { conflictRecordName } from './FamilyConflicts';

function conflict(entity: string, winning: unknown): SyncConflict {
  return { entity, entity_id: 'e1', winning_value: winning } as unknown as SyncConflict;
}

describe('conflictRecordName', () => {
  it('names members by name, calendar records by title, others by their kind', () => {
    initI18n('fa');
    const names = new Map([['e1', 'زهرا موسوی']]);
    expect(conflictRecordName(conflict('family_member', {}), names, i18n.t)).toBe('زهرا موسوی');
    const none = new Map<string, string>();
    expect(conflictRecordName(conflict('plan_activity', { title: 'دیدار با پدر', due_on: '2026-11-25' }), none, i18n.t)).toBe('دیدار با پدر');
    expect(conflictRecordName(conflict('referral', { status: 'sent' }), none, i18n.t)).toBe('ارجاع');
    expect(conflictRecordName(conflict('family', {}), none, i18n.t)).toBe(i18n.t('syncRecords.familyRecord'));
  });
});
