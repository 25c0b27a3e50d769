import { describe, expect, it } from 'vitest';
import { REFERRAL_STATUSES } from './referralState';
import { answersFrom, groupOf, isClosed, roadOf, sortCases } from './referralState';
import { referralCase } from './fixtures';

describe('a referral’s road', () => {
  it('offers the receiver only the moves the server allows', () => {
    expect(answersFrom('sent')).toEqual(['accepted', 'declined']);
    expect(answersFrom('accepted')).toEqual(['in_progress', 'done']);
    expect(answersFrom('in_progress')).toEqual(['done']);
    for (const closed of ['declined', 'done', 'withdrawn'] as const) {
      expect(answersFrom(closed)).toEqual([]);
      expect(isClosed(closed)).toBe(true);
    }
    expect(REFERRAL_STATUSES.filter((s) => !isClosed(s))).toEqual(['sent', 'accepted', 'in_progress']);
  });

  it('groups waiting, in work and closed cases', () => {
    expect(groupOf('sent')).toBe('waiting');
    expect(groupOf('accepted')).toBe('working');
    expect(groupOf('in_progress')).toBe('working');
    expect(groupOf('withdrawn')).toBe('closed');
  });

  it('puts waiting cases first, the urgent on top, then the newest', () => {
    const cases = [
      referralCase('done-new', { status: 'done', referred_on: '2025-03-10' }),
      referralCase('working', { status: 'in_progress', urgency: 'urgent' }),
      referralCase('waiting-old', { referred_on: '2025-01-01' }),
      referralCase('waiting-urgent', { urgency: 'urgent', referred_on: '2024-12-01' }),
      referralCase('waiting-new', { referred_on: '2025-02-01' }),
      referralCase('declined-old', { status: 'declined', referred_on: '2024-01-01' }),
    ];
    expect(sortCases(cases).map((c) => c.referral.id)).toEqual([
      'waiting-urgent',
      'waiting-new',
      'waiting-old',
      'working',
      'done-new',
      'declined-old',
    ]);
  });

  it('draws the road a declined or withdrawn case took short', () => {
    expect(roadOf('declined')).toEqual(['sent', 'declined']);
    expect(roadOf('withdrawn')).toEqual(['sent', 'withdrawn']);
    expect(roadOf('accepted')).toEqual(['sent', 'accepted', 'in_progress', 'done']);
  });
});
