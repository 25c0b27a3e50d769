// Test data for commissions and their meetings (not shipped: only tests import it).
import type { Commission, CommissionDetail, CommissionSeat, Meeting, MeetingDetail } from '../../api/types';
import { referral } from '../referrals/fixtures';

export function commission(over: Partial<Commission> = {}): Commission {
  return {
    id: 'c1',
    hq_id: 'hq-1',
    center_id: 'center-1',
    center_name: 'مرکز گلستان',
    domain: 'economic',
    name: 'کمیسیون اقتصادی گلستان',
    notes: '',
    seats: 2,
    open_cases: 2,
    overdue_tasks: 0,
    can_manage: true,
    version: 1,
    ...over,
  };
}

export function seat(id: string, name: string, over: Partial<CommissionSeat> = {}): CommissionSeat {
  return { id, name, capacity: 'specialist', organization: '', user_id: null, version: 1, ...over };
}

export function meeting(id: string, held_on: string, over: Partial<Meeting> = {}): Meeting {
  return { id, commission_id: 'c1', held_on, place: 'دفتر مرکز', attendees: [], agenda: [], notes: '', version: 1, ...over };
}

export function commissionDetail(over: Partial<CommissionDetail> = {}): CommissionDetail {
  return {
    commission: commission(),
    seats: [seat('s1', 'دکتر رضا فرهمند', { user_id: 'u-reza', organization: 'مرکز مشاوره امید' }), seat('s2', 'حاج آقا رضایی', { capacity: 'activist' })],
    user_names: { 'u-reza': 'دکتر رضا فرهمند' },
    cases: [
      { referral: referral('r1', { commission_id: 'c1', resource_id: null, urgency: 'urgent', reason: 'بیکاری سرپرست' }), family_name: 'خانوادهٔ اکبری' },
      { referral: referral('r2', { commission_id: 'c1', resource_id: null, status: 'in_progress' }), family_name: 'خانوادهٔ باقری' },
      { referral: referral('r3', { commission_id: 'c1', resource_id: null, status: 'done' }), family_name: 'خانوادهٔ تقوی' },
    ],
    meetings: [],
    decisions: [],
    tasks: [],
    can_work: true,
    ...over,
  };
}

export function meetingDetail(over: Partial<MeetingDetail> = {}): MeetingDetail {
  return {
    meeting: meeting('m1', '2025-03-05', { agenda: ['r1', 'r2'], attendees: [{ member_id: 's1', user_id: 'u-reza', name: 'دکتر رضا فرهمند' }, { member_id: null, user_id: null, name: 'زهرا موسوی' }] }),
    commission_name: 'کمیسیون اقتصادی گلستان',
    decisions: [],
    tasks: [],
    ...over,
  };
}
