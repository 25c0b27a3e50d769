// Shared by the offline tests: records, a store, and a scripted server.
import type { Activity, Family, FamilyAssistance, Goal, Member, Referral, Service } from '../api/types';
import type { SyncContext } from './context';
import { applyPage } from './pull';
import type { MutationResult, PullResponse, PushRequest } from './protocol';
import { createDeviceStore, type OpenedStore } from './store';
import type { Fetch } from './transport';

/** Cheap key derivation: tests only. */
export const TEST_ITERATIONS = 1000;

const ts = '2025-01-01T00:00:00Z';

export function family(id: string, version = 1, over: Partial<Family> = {}): Family {
  return {
    id,
    center_id: 'c1',
    family_name: `خانوادهٔ ${id}`,
    head_member_id: null,
    head_name: '',
    neighborhood: 'گلستان',
    address: '',
    phones: [],
    housing: 'unknown',
    status: 'active',
    status_reason: '',
    consent_on: null,
    consent_recorded_by: null,
    sources: [],
    member_count: 0,
    tier: null,
    version,
    created_at: ts,
    updated_at: ts,
    ...over,
  };
}

export function member(id: string, familyId: string, version = 1, over: Partial<Member> = {}): Member {
  return {
    id,
    family_id: familyId,
    first_name: 'زهرا',
    last_name: 'رضایی',
    father_name: '',
    national_id: null,
    birth_date: null,
    sex: 'female',
    relation: 'head',
    marital_status: 'unknown',
    education: '',
    occupation: '',
    health: '',
    disability: '',
    insurance: '',
    mobile: '',
    extra: {},
    version,
    created_at: ts,
    updated_at: ts,
    ...over,
  };
}

export function service(id: string, familyId: string, over: Partial<Service> = {}): Service {
  return {
    id,
    family_id: familyId,
    activity_id: null,
    amend_reason: '',
    amended_by: null,
    amends: null,
    author_id: 'u-helper',
    created_at: ts,
    domain: 'social',
    follow_up_on: null,
    kind: 'face_to_face',
    member_ids: [],
    minutes: 30,
    notes: '',
    outcome: '',
    referral_id: null,
    resource_id: null,
    served_on: '2025-02-20',
    ...over,
  };
}

export function goal(id: string, familyId: string, version = 1, over: Partial<Goal> = {}): Goal {
  return { id, family_id: familyId, domain: 'economic', harm: null, member_id: null, notes: '', status: 'open', title: 'کار برای پدر', version, ...over };
}

export function activity(id: string, familyId: string, version = 1, over: Partial<Activity> = {}): Activity {
  return {
    id,
    family_id: familyId,
    domain: 'social',
    due_on: '2025-03-05',
    goal_id: null,
    kind: 'face_to_face',
    member_id: null,
    notes: '',
    resource_id: null,
    responsible: 'helper',
    service_id: null,
    status: 'planned',
    task_id: null,
    title: 'دیدار ماهانه',
    version,
    ...over,
  };
}

export function referral(id: string, familyId: string, version = 1, over: Partial<Referral> = {}): Referral {
  return {
    id,
    family_id: familyId,
    commission_id: null,
    feedback: '',
    member_id: null,
    reason: 'مشاوره',
    referred_by: 'u-helper',
    referred_on: '2025-02-10',
    resource_id: 'r1',
    status: 'sent',
    updated_at: ts,
    urgency: 'routine',
    version,
    ...over,
  };
}

/** A family's assistance as a pull sends it. */
export function assistance(familyId: string, over: Partial<FamilyAssistance> = {}): FamilyAssistance {
  return {
    family_id: familyId,
    can_work: true,
    today: '2026-11-24',
    services: [],
    goals: [],
    activities: [],
    referrals: [],
    decisions: [],
    tasks: [],
    harms: [],
    resources: [],
    names: {},
    ...over,
  };
}

let n = 0;

/** A fresh store under a new user id. */
export async function testStore(password = 'a long password'): Promise<OpenedStore> {
  n++;
  return createDeviceStore(`user-${n}-${Math.random().toString(36).slice(2)}`, password, { iterations: TEST_ITERATIONS });
}

export function page(over: Partial<PullResponse> = {}): PullResponse {
  return {
    cursor: 'c1',
    more: false,
    scope: { added: [], removed: [] },
    families: [],
    members: [],
    assessments: [],
    assistance: [],
    deleted: [],
    instrument_id: 'i1',
    lock_after_days: 14,
    ...over,
  };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function errorBody(status: number, code: string): Response {
  return json({ error: { code, message: code } }, status);
}

export function applied(id: string, version: number | null = 1, over: Partial<MutationResult> = {}): MutationResult {
  return { id, result: 'applied', original_result: null, version, reason: null, message: null, review: false, conflicts: [], ...over };
}

export interface Call {
  method: string;
  url: string;
  body: unknown;
}

/** A fetch answering by route; what is not scripted answers 404. */
export function scripted(routes: {
  push?: (req: PushRequest, call: number) => Response | Promise<Response>;
  pull?: (url: URL, call: number) => Response | Promise<Response>;
  register?: () => Response;
  instrument?: (id: string) => Response;
  /** GET /api/v1/resources and /api/v1/commissions/referable (unscripted: 404). */
  resources?: () => Response;
  referable?: () => Response;
}): { fetch: Fetch; calls: Call[] } {
  const calls: Call[] = [];
  const counts = { push: 0, pull: 0 };
  const f: Fetch = async (input, init) => {
    const url = new URL(input, 'http://hamyar.test');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, url: url.pathname + url.search, body });
    if (url.pathname === '/api/v1/sync/push' && routes.push) return routes.push(body as PushRequest, counts.push++);
    if (url.pathname === '/api/v1/sync/pull' && routes.pull) return routes.pull(url, counts.pull++);
    if (url.pathname === '/api/v1/sync/devices') return routes.register ? routes.register() : json({});
    if (url.pathname === '/api/v1/resources' && routes.resources) return routes.resources();
    if (url.pathname === '/api/v1/commissions/referable' && routes.referable) return routes.referable();
    const inst = /^\/api\/v1\/instruments\/(.+)$/.exec(url.pathname);
    if (inst && routes.instrument) return routes.instrument(decodeURIComponent(inst[1]!));
    return errorBody(404, 'not_found');
  };
  return { fetch: f, calls };
}

export function context(store: OpenedStore, fetchFn: Fetch, now = () => new Date('2025-03-01T10:00:00Z')): SyncContext {
  return { db: store.db, key: store.key, userId: store.userId, deviceId: 'dev-1', fetch: fetchFn, now };
}

/** Puts records on the device as a first pull would. */
export async function seed(store: OpenedStore, p: Partial<PullResponse>): Promise<void> {
  await applyPage(context(store, async () => json({})), page({ cursor: '', ...p }));
}
