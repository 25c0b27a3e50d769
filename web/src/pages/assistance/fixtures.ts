// Records of one family's assistance for the tests of its screens, and a
// backend that records what the screens asked of it.
import { vi } from 'vitest';
import type {
  Activity,
  CommissionChoice,
  CommissionTask,
  Decision,
  DirectoryResource,
  FamilyAssistance,
  Goal,
  Referral,
  Service,
} from '../../api/types';
import type { AssistanceBackend, AssistanceSource } from './backend';
import type { AssistanceMember } from './lookup';

export const FAMILY = 'f1';
const ts = '2025-03-01T08:00:00Z';

export const members: AssistanceMember[] = [
  { id: 'm1', first_name: 'علی', last_name: 'رضایی' },
  { id: 'm2', first_name: 'مریم', last_name: 'رضایی' },
];

export function service(over: Partial<Service> = {}): Service {
  return {
    id: 's1',
    family_id: FAMILY,
    kind: 'counseling',
    domain: 'social',
    served_on: '2025-03-10',
    minutes: 45,
    member_ids: ['m2'],
    resource_id: null,
    notes: 'گفت‌وگو دربارهٔ مدرسه',
    outcome: '',
    follow_up_on: null,
    activity_id: null,
    referral_id: null,
    amends: null,
    amend_reason: '',
    amended_by: null,
    author_id: 'u1',
    created_at: ts,
    ...over,
  };
}

export function goal(over: Partial<Goal> = {}): Goal {
  return {
    id: 'g1',
    family_id: FAMILY,
    member_id: null,
    domain: 'economic',
    harm: { indicator: 'economic.income', member_id: null, label: 'درآمد ناکافی' },
    title: 'درآمد پایدار',
    notes: '',
    status: 'open',
    version: 2,
    ...over,
  };
}

export function activity(over: Partial<Activity> = {}): Activity {
  return {
    id: 'a1',
    family_id: FAMILY,
    goal_id: 'g1',
    member_id: 'm1',
    kind: 'connection',
    domain: 'economic',
    title: 'معرفی به کارگاه',
    due_on: '2025-03-15',
    responsible: 'resource',
    resource_id: 'r1',
    task_id: null,
    status: 'planned',
    notes: '',
    service_id: null,
    version: 3,
    ...over,
  };
}

export function referral(over: Partial<Referral> = {}): Referral {
  return {
    id: 'ref1',
    family_id: FAMILY,
    member_id: 'm2',
    resource_id: null,
    commission_id: 'c1',
    reason: 'اجارهٔ عقب‌افتاده',
    urgency: 'urgent',
    status: 'in_progress',
    feedback: '',
    referred_by: 'u1',
    referred_on: '2025-03-05',
    updated_at: ts,
    version: 2,
    ...over,
  };
}

export function decision(over: Partial<Decision> = {}): Decision {
  return {
    id: 'd1',
    family_id: FAMILY,
    commission_id: 'c1',
    meeting_id: 'mt1',
    referral_id: 'ref1',
    text: 'کمک اجاره از بهزیستی',
    created_at: '2025-03-08T09:00:00Z',
    ...over,
  };
}

export function task(over: Partial<CommissionTask> = {}): CommissionTask {
  return {
    id: 't1',
    family_id: FAMILY,
    commission_id: 'c1',
    meeting_id: 'mt1',
    decision_id: 'd1',
    referral_id: 'ref1',
    title: 'هماهنگی با بهزیستی',
    assignee_kind: 'member',
    assignee_id: 'seat1',
    due_on: '2025-03-12',
    status: 'done',
    done_on: '2025-03-11',
    done_note: 'نامه فرستاده شد',
    done_by: 'u2',
    overdue: false,
    version: 2,
    ...over,
  };
}

export const directory: DirectoryResource[] = [
  {
    id: 'r1',
    hq_id: 'hq',
    center_id: null,
    kind: 'employer',
    level: 'local',
    name: 'کارگاه خیاطی نور',
    domains: ['economic'],
    offers: 'کار',
    capacity: null,
    contact_name: '',
    phone: '',
    address: '',
    area: 'گلستان',
    notes: '',
    user_id: null,
    user_name: null,
    can_manage: false,
    version: 1,
  },
  {
    id: 'r2',
    hq_id: 'hq',
    center_id: null,
    kind: 'counselor',
    level: 'provincial',
    name: 'دکتر رضا فرهمند',
    domains: ['social'],
    offers: 'مشاورهٔ خانواده',
    capacity: 12,
    contact_name: '',
    phone: '',
    address: '',
    area: 'تهران',
    notes: '',
    user_id: 'u9',
    user_name: 'counselor.reza',
    can_manage: false,
    version: 1,
  },
];

export const commissions: CommissionChoice[] = [{ id: 'c1', name: 'کمیسیون اجتماعی گلستان', domain: 'social', headquarters: false }];

export function assistance(over: Partial<FamilyAssistance> = {}): FamilyAssistance {
  return {
    family_id: FAMILY,
    today: '2026-11-24',
    services: [service()],
    goals: [goal()],
    activities: [activity()],
    referrals: [referral()],
    decisions: [decision()],
    tasks: [task()],
    harms: [
      { indicator: 'economic.income', member_id: null, label: 'درآمد ناکافی' },
      { indicator: 'social.schooling', member_id: 'm2', label: 'خطر ترک تحصیل' },
    ],
    resources: [{ id: 'r1', kind: 'employer', name: 'کارگاه خیاطی نور', phone: '', removed: false }],
    names: { u1: 'فاطمه کاظمی', u2: 'احمد حسینی', c1: 'کمیسیون اجتماعی گلستان', seat1: 'احمد حسینی' },
    can_work: true,
    ...over,
  };
}

export function sourceOf(a: FamilyAssistance = assistance(), pending: string[] = []): AssistanceSource {
  return { assistance: a, pending: new Set(pending), resources: directory, commissions };
}

/** A backend whose every write succeeds (or does what the test tells it). */
export function fakeBackend(): { [K in keyof AssistanceBackend]: ReturnType<typeof vi.fn> & AssistanceBackend[K] } {
  return {
    logService: vi.fn(async () => {}),
    createGoal: vi.fn(async () => {}),
    updateGoal: vi.fn(async () => {}),
    createActivity: vi.fn(async () => {}),
    updateActivity: vi.fn(async () => {}),
    completeActivity: vi.fn(async () => {}),
    createReferral: vi.fn(async () => {}),
  } as never;
}
