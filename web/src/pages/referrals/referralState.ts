// The rules of a referral's road, as the screens need them (the server's
// `ReferralStatus::may_become` is the authority and checks again).
import type { Referral, ReferralCase, ReferralStatus, Urgency } from '../../api/types';

/** sent → accepted | declined; accepted → in_progress | done; in_progress → done; any open one → withdrawn. */
const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  sent: ['accepted', 'declined', 'withdrawn'],
  accepted: ['in_progress', 'done', 'withdrawn'],
  in_progress: ['done', 'withdrawn'],
  declined: [],
  done: [],
  withdrawn: [],
};

/** Every status, in the order a case goes. */
export const REFERRAL_STATUSES = Object.keys(NEXT) as readonly ReferralStatus[];

export function isClosed(status: ReferralStatus): boolean {
  return NEXT[status].length === 0;
}

/** The receiver's answers from here (withdrawing is the family side's, apart). */
export function answersFrom(status: ReferralStatus): ReferralStatus[] {
  return NEXT[status].filter((s) => s !== 'withdrawn');
}

/** The list's groups: waiting for an answer, being worked on, closed. */
export type StatusGroup = 'waiting' | 'working' | 'closed';
export const STATUS_GROUPS: readonly StatusGroup[] = ['waiting', 'working', 'closed'];

export function groupOf(status: ReferralStatus): StatusGroup {
  if (status === 'sent') return 'waiting';
  return isClosed(status) ? 'closed' : 'working';
}

export function isStatusGroup(v: unknown): v is StatusGroup {
  return (STATUS_GROUPS as readonly unknown[]).includes(v);
}

const URGENCY_RANK: Record<Urgency, number> = { urgent: 0, soon: 1, routine: 2 };

/**
 * Waiting cases first, then those in work, then closed ones; within a
 * group the urgent first, then the newest. Stable for equal keys.
 */
export function sortCases<T extends { referral: Referral }>(cases: readonly T[]): T[] {
  const rank = (c: T) => STATUS_GROUPS.indexOf(groupOf(c.referral.status));
  return [...cases].sort((a, b) => {
    const byGroup = rank(a) - rank(b);
    if (byGroup !== 0) return byGroup;
    // Urgency matters while a case is open; closed ones read newest first.
    if (groupOf(a.referral.status) !== 'closed') {
      const byUrgency = URGENCY_RANK[a.referral.urgency] - URGENCY_RANK[b.referral.urgency];
      if (byUrgency !== 0) return byUrgency;
    }
    return b.referral.referred_on.localeCompare(a.referral.referred_on);
  });
}

/** The road a case has taken, as far as its current status tells (the server keeps no status history). */
export function roadOf(status: ReferralStatus): ReferralStatus[] {
  switch (status) {
    case 'declined':
      return ['sent', 'declined'];
    case 'withdrawn':
      return ['sent', 'withdrawn'];
    default:
      return ['sent', 'accepted', 'in_progress', 'done'];
  }
}

/** Who or what the case went to, in words the list shows. */
export function receiverOf(c: ReferralCase): string | null {
  if (c.commission_name) return c.commission_name;
  if (c.resource) return c.receiver_name && c.receiver_name !== c.resource.name ? `${c.resource.name} (${c.receiver_name})` : c.resource.name;
  return c.receiver_name;
}
