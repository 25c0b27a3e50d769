// Pure rules of the assistance screens: the vocabularies in display order,
// a family's timeline (services with their corrections, activities,
// referrals, commission decisions and tasks, by date), what is overdue and
// coming up, and the calendar's month range.
import type {
  Activity,
  ActivityStatus,
  CommissionTask,
  Decision,
  Domain,
  FamilyAssistance,
  GoalStatus,
  Referral,
  ReferralStatus,
  Responsible,
  Service,
  ServiceKind,
  Urgency,
} from '../../api/types';
import { daysInMonth, jalaliToIso, todayJalali } from '../../lib/jalali';

/** Every value of a vocabulary, in display order; a value added to the schema fails the type check here. */
function valuesOf<T extends string>(all: Record<T, true>): readonly T[] {
  return Object.keys(all) as T[];
}

export const SERVICE_KINDS = valuesOf<ServiceKind>({
  face_to_face: true,
  counseling: true,
  qa_session: true,
  connection: true,
  relatives: true,
  middle_circles: true,
  referral: true,
  other: true,
});
export const DOMAINS = valuesOf<Domain>({ social: true, economic: true, cultural: true });
export const ACTIVITY_STATUSES = valuesOf<ActivityStatus>({ planned: true, done: true, missed: true, cancelled: true });
export const GOAL_STATUSES = valuesOf<GoalStatus>({ open: true, achieved: true, dropped: true });
export const RESPONSIBLES = valuesOf<Responsible>({ helper: true, resource: true, commission_task: true });
export const URGENCIES = valuesOf<Urgency>({ routine: true, soon: true, urgent: true });

/** The server's bounds of a service's duration (minutes). */
export const MAX_MINUTES = 720;

export function isDomain(v: unknown): v is Domain {
  return (DOMAINS as readonly unknown[]).includes(v);
}

/** Mantine colors, one per status (the calendar's dots and the badges agree). */
export const ACTIVITY_COLORS: Record<ActivityStatus, string> = {
  planned: 'blue',
  done: 'teal',
  missed: 'red',
  cancelled: 'gray',
};
export const GOAL_COLORS: Record<GoalStatus, string> = { open: 'blue', achieved: 'teal', dropped: 'gray' };
export const REFERRAL_COLORS: Record<ReferralStatus, string> = {
  sent: 'blue',
  accepted: 'cyan',
  declined: 'red',
  in_progress: 'indigo',
  done: 'teal',
  withdrawn: 'gray',
};
export const URGENCY_COLORS: Record<Urgency, string> = { routine: 'gray', soon: 'orange', urgent: 'red' };

/** Today's ISO date where the viewer is (the day a helper lives in). */
export function todayIso(): string {
  return jalaliToIso(todayJalali());
}

/** ISO date of an RFC 3339 instant in the viewer's time zone. */
export function localDateOf(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Whole days from `from` to `to` (ISO dates). */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** First and last ISO day of a Solar Hijri month (the calendar's query). */
export function monthRange(year: number, month: number): { from: string; to: string } {
  return { from: jalaliToIso({ year, month, day: 1 }), to: jalaliToIso({ year, month, day: daysInMonth(year, month) }) };
}

// --- The timeline -----------------------------------------------------------

export type TimelineCategory = 'service' | 'activity' | 'referral' | 'commission';
export const TIMELINE_CATEGORIES: readonly TimelineCategory[] = ['service', 'activity', 'referral', 'commission'];

export type TimelineItem =
  /** A service as it stands now, with the versions it corrected (newest first). */
  | { type: 'service'; key: string; date: string; service: Service; earlier: Service[] }
  | { type: 'activity'; key: string; date: string; activity: Activity }
  | { type: 'referral'; key: string; date: string; referral: Referral }
  | { type: 'decision'; key: string; date: string; decision: Decision }
  /** A commission task, on its due day. */
  | { type: 'task'; key: string; date: string; task: CommissionTask }
  /** A task's completion: its own item, on the day it was done. */
  | { type: 'taskDone'; key: string; date: string; task: CommissionTask };

export function categoryOf(item: TimelineItem): TimelineCategory {
  switch (item.type) {
    case 'service':
    case 'activity':
    case 'referral':
      return item.type;
    default:
      return 'commission';
  }
}

// Same day: what happened before what was due.
const TYPE_ORDER: Record<TimelineItem['type'], number> = { taskDone: 0, service: 1, referral: 2, decision: 3, activity: 4, task: 5 };

/**
 * Everything of a family's assistance on one line of time, newest first.
 * A corrected service appears once, as its latest correction, carrying the
 * versions before it (a correction known only on this phone is enough:
 * the original need not say `amended_by` yet).
 */
export function buildTimeline(a: Pick<FamilyAssistance, 'services' | 'activities' | 'referrals' | 'decisions' | 'tasks'>): TimelineItem[] {
  const byId = new Map(a.services.map((s) => [s.id, s]));
  const corrected = new Set<string>();
  for (const s of a.services) {
    if (s.amends) corrected.add(s.amends);
    if (s.amended_by && byId.has(s.amended_by)) corrected.add(s.id);
  }
  const items: TimelineItem[] = [];
  for (const s of a.services) {
    if (corrected.has(s.id)) continue;
    const earlier: Service[] = [];
    const seen = new Set([s.id]);
    let prev = s.amends ? byId.get(s.amends) : undefined;
    while (prev && !seen.has(prev.id)) {
      seen.add(prev.id);
      earlier.push(prev);
      prev = prev.amends ? byId.get(prev.amends) : undefined;
    }
    items.push({ type: 'service', key: `s:${s.id}`, date: s.served_on, service: s, earlier });
  }
  for (const act of a.activities) items.push({ type: 'activity', key: `a:${act.id}`, date: act.due_on, activity: act });
  for (const r of a.referrals) items.push({ type: 'referral', key: `r:${r.id}`, date: r.referred_on, referral: r });
  for (const d of a.decisions) items.push({ type: 'decision', key: `d:${d.id}`, date: localDateOf(d.created_at), decision: d });
  for (const task of a.tasks) {
    items.push({ type: 'task', key: `t:${task.id}`, date: task.due_on, task });
    if (task.status === 'done' && task.done_on) items.push({ type: 'taskDone', key: `td:${task.id}`, date: task.done_on, task });
  }
  return items.sort((x, y) => (x.date !== y.date ? (x.date < y.date ? 1 : -1) : TYPE_ORDER[x.type] - TYPE_ORDER[y.type]));
}

/** The records a timeline item stands for (an item is pending when any of them is). */
export function idsOf(item: TimelineItem): string[] {
  switch (item.type) {
    case 'service':
      return [item.service.id, ...item.earlier.map((s) => s.id)];
    case 'activity':
      return [item.activity.id];
    case 'referral':
      return [item.referral.id];
    case 'decision':
      return [item.decision.id];
    default:
      return [item.task.id];
  }
}

// --- Due lists --------------------------------------------------------------

/** Planned activities before today, oldest first. */
export function overdueOf<T extends Pick<Activity, 'status' | 'due_on'>>(activities: readonly T[], today: string): T[] {
  return activities.filter((a) => a.status === 'planned' && a.due_on < today).sort((x, y) => x.due_on.localeCompare(y.due_on));
}

/** Planned activities from today on (within `days` when given), soonest first. */
export function upcomingOf<T extends Pick<Activity, 'status' | 'due_on'>>(activities: readonly T[], today: string, days?: number): T[] {
  return activities
    .filter((a) => a.status === 'planned' && a.due_on >= today && (days === undefined || daysFrom(today, a.due_on) <= days))
    .sort((x, y) => x.due_on.localeCompare(y.due_on));
}
