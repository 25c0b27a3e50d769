import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../api/types';
import { caseloadState, currentAssignment, formatHours, freePlaces, lastActivity, parseHours, parseWhole, percentOf } from './helperState';

const rules = { caseload_min: 5, caseload_max: 15 };

describe('caseload bar', () => {
  it('warns when an accepted or active helper has fewer families than the minimum', () => {
    expect(caseloadState(0, rules, 'accepted')).toBe('under');
    expect(caseloadState(4, rules, 'active')).toBe('under');
    expect(caseloadState(5, rules, 'active')).toBe('ok');
    expect(caseloadState(14, rules, 'active')).toBe('ok');
  });

  it('does not warn for helpers who take no families yet (or any more)', () => {
    expect(caseloadState(0, rules, 'applicant')).toBe('ok');
    expect(caseloadState(0, rules, 'in_training')).toBe('ok');
    expect(caseloadState(0, rules, 'inactive')).toBe('ok');
  });

  it('is full at the limit, and above it (after the limit was lowered)', () => {
    expect(caseloadState(15, rules, 'active')).toBe('full');
    expect(caseloadState(17, rules, 'active')).toBe('full');
    expect(caseloadState(1, { caseload_min: 0, caseload_max: 1 }, 'accepted')).toBe('full');
    // A minimum of 0 never warns.
    expect(caseloadState(0, { caseload_min: 0, caseload_max: 3 }, 'active')).toBe('ok');
  });

  it('fills the bar in proportion, within 0–100', () => {
    expect(percentOf(3, 15)).toBe(20);
    expect(percentOf(20, 15)).toBe(100);
    expect(percentOf(0, 15)).toBe(0);
    expect(percentOf(0, 0)).toBe(100);
    expect(freePlaces(12, 15)).toBe(3);
    expect(freePlaces(16, 15)).toBe(0);
  });
});

describe('hours', () => {
  it('shows quarter hours in the language’s digits', () => {
    expect(formatHours(12.5, 'fa')).toBe('۱۲٫۵');
    expect(formatHours(40, 'fa')).toBe('۴۰');
    expect(formatHours(1.25, 'en')).toBe('1.25');
  });

  it('reads hours typed with any digits and decimal mark, in quarter steps', () => {
    expect(parseHours('40')).toBe(40);
    expect(parseHours('۳۷٫۵')).toBe(37.5);
    expect(parseHours('٣٧٫٥')).toBe(37.5);
    expect(parseHours('۱/۲۵')).toBe(1.25);
    expect(parseHours(' 2.75 ')).toBe(2.75);
    expect(parseHours('1.1')).toBeNull();
    expect(parseHours('-1')).toBeNull();
    expect(parseHours('')).toBeNull();
    expect(parseHours('چهل')).toBeNull();
  });

  it('reads whole numbers typed with any digits', () => {
    expect(parseWhole('۳۶۵')).toBe(365);
    expect(parseWhole('١٥')).toBe(15);
    expect(parseWhole('15.5')).toBeNull();
    expect(parseWhole('')).toBeNull();
  });
});

describe('last activity', () => {
  const now = new Date(2025, 5, 10, 9, 0);
  it('says today, yesterday, days ago, then a date', () => {
    expect(lastActivity(null, now)).toEqual({ kind: 'none' });
    expect(lastActivity(new Date(2025, 5, 10, 1, 0).toISOString(), now)).toEqual({ kind: 'today' });
    expect(lastActivity(new Date(2025, 5, 9, 23, 0).toISOString(), now)).toEqual({ kind: 'yesterday' });
    expect(lastActivity(new Date(2025, 5, 3, 12, 0).toISOString(), now)).toEqual({ kind: 'daysAgo', days: 7 });
    const old = new Date(2025, 3, 1).toISOString();
    expect(lastActivity(old, now)).toEqual({ kind: 'date', at: old });
    expect(lastActivity('not a date', now)).toEqual({ kind: 'none' });
  });
});

describe('the family’s helper', () => {
  const a = (id: string, over: Partial<Assignment>): Assignment => ({
    id,
    active: false,
    assigned_by: null,
    assigned_by_name: null,
    center_id: 'c1',
    created_at: '2025-01-01T00:00:00Z',
    end_reason: '',
    ended_at: null,
    ended_by_name: null,
    ends_on: '2026-01-01',
    family_id: 'f1',
    family_name: 'خانوادهٔ رضایی',
    helper_id: `h-${id}`,
    helper_name: `همیار ${id}`,
    reason: '',
    replaces_id: null,
    starts_on: '2025-01-02',
    version: 1,
    ...over,
  });

  it('is the active assignment, else one not ended yet, else none', () => {
    expect(currentAssignment([a('1', { ended_at: '2025-02-01T00:00:00Z' }), a('2', { active: true })])?.id).toBe('2');
    expect(currentAssignment([a('1', { ended_at: '2025-02-01T00:00:00Z' }), a('2', {})])?.id).toBe('2');
    expect(currentAssignment([a('1', { ended_at: '2025-02-01T00:00:00Z' })])).toBeNull();
    expect(currentAssignment([])).toBeNull();
  });
});
