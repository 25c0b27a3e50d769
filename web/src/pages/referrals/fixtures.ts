// Test data for referrals and their cases (not shipped: only tests import it).
import type { CommissionTask, Decision, Referral, ReferralCase } from '../../api/types';

export function referral(id: string, over: Partial<Referral> = {}): Referral {
  return {
    id,
    family_id: `f-${id}`,
    member_id: null,
    resource_id: 'res-1',
    commission_id: null,
    reason: 'تنش شدید زوجین؛ نیاز به مشاورهٔ تخصصی',
    urgency: 'routine',
    status: 'sent',
    feedback: '',
    referred_by: 'u-manager',
    referred_on: '2025-03-01',
    updated_at: '2025-03-01T08:00:00Z',
    version: 1,
    ...over,
  };
}

export function referralCase(id: string, over: Partial<Referral> = {}, more: Partial<ReferralCase> = {}): ReferralCase {
  return {
    referral: referral(id, over),
    family_name: `خانوادهٔ ${id}`,
    contact: { head_name: 'مریم اکبری', neighborhood: 'گلستان', address: 'کوچهٔ 1، پلاک 10', phones: ['09352000000'] },
    member: null,
    resource: { id: 'res-1', kind: 'counselor', name: 'مرکز مشاوره امید', phone: '02122334455', removed: false },
    commission_name: null,
    referred_by_name: 'فاطمه کاظمی',
    receiver_name: 'دکتر رضا فرهمند',
    helper_name: 'زهرا موسوی',
    helper_mobile: '09153100000',
    decisions: [],
    tasks: [],
    can_answer: true,
    can_withdraw: false,
    ...more,
  };
}

export function decision(id: string, over: Partial<Decision> = {}): Decision {
  return {
    id,
    commission_id: 'c1',
    meeting_id: 'm1',
    referral_id: 'x',
    family_id: 'f-x',
    text: `تصمیم ${id}`,
    created_at: '2025-03-05T10:00:00Z',
    ...over,
  };
}

export function task(id: string, over: Partial<CommissionTask> = {}): CommissionTask {
  return {
    id,
    commission_id: 'c1',
    meeting_id: 'm1',
    decision_id: 'd1',
    referral_id: 'x',
    family_id: 'f-x',
    title: `کار ${id}`,
    assignee_kind: 'member',
    assignee_id: 'seat-1',
    due_on: '2025-03-20',
    status: 'open',
    overdue: false,
    done_on: null,
    done_note: '',
    done_by: null,
    version: 1,
    ...over,
  };
}
