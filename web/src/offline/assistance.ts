// A family's assistance as the phone holds it (services, the plan's goals
// and activities, referrals, and what commissions decided), with the edits
// not sent yet applied — the same `FamilyAssistance` the online API
// answers, so its screens render either alike. Also the helper's calendar
// and agenda across the families on the phone.
import { jalaliToIso, todayJalali } from '../lib/jalali';
import type {
  Activity,
  Agenda,
  Calendar,
  CommissionTask,
  DueActivity,
  FamilyAssistance,
  Goal,
  Referral,
  ResourceRef,
  Service,
} from '../api/types';
import { decryptJson } from './crypto';
import type { RecordEntity, RecordRow } from './db';
import type { LocalDirectory } from './directory';
import { ASSISTANCE_ENTITIES } from './protocol';
import { applyEdit, decryptEdits, readFamilies, views, type LocalRecord, type OpenStore, type PendingEdit } from './records';

type Json = Record<string, unknown>;

/** What the device only reads of a family's assistance (kept as its `family_assistance` record). */
type AssistanceRest = Omit<FamilyAssistance, 'services' | 'goals' | 'activities' | 'referrals'>;

export interface LocalAssistance {
  assistance: FamilyAssistance;
  /** Records with changes the server has not had yet (a completed activity's service included). */
  pending: Set<string>;
  /** The server's assistance of the family has reached the phone (false: not synced since it was added). */
  synced: boolean;
}

/** Who is working on the phone: pending records are theirs. */
export interface LocalAuthor {
  id: string;
  name: string;
}

export interface AssistanceContext {
  author?: LocalAuthor | null;
  directory?: LocalDirectory | null;
}

function emptyRest(familyId: string): AssistanceRest {
  // Only an assigned helper's phone holds a family: they may work on it
  // (the server judges every edit again).
  return {
    family_id: familyId,
    can_work: true,
    decisions: [],
    tasks: [],
    harms: [],
    resources: [],
    names: {},
    today: jalaliToIso(todayJalali()),
  };
}

const byServed = (a: Service, b: Service) =>
  b.served_on.localeCompare(a.served_on) || b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);
/** UUIDv7 ids order by creation. */
const byDue = (a: Activity, b: Activity) => a.due_on.localeCompare(b.due_on) || a.id.localeCompare(b.id);
const byReferred = (a: Referral, b: Referral) => b.referred_on.localeCompare(a.referred_on) || b.id.localeCompare(a.id);

/** The service a pending `complete` logs, as the view shows it until the server has it. */
function completedService(edit: PendingEdit): Service | null {
  if (edit.op !== 'complete') return null;
  const s = edit.fields.service as Json | null | undefined;
  if (!s || typeof s.id !== 'string') return null;
  const made = applyEdit('service', null, {
    op: 'create',
    entity_id: s.id,
    family_id: edit.family_id,
    fields: { ...s, activity_id: edit.entity_id },
    device_time: edit.device_time,
  });
  return made.value as unknown as Service;
}

/**
 * Assembles a family's assistance from its record views: the services a
 * pending completion logs, amendments marked on what they amend, harm
 * labels, and — for records made here — their author and the names and
 * resources the server would have sent with them.
 */
export function assembleAssistance(
  familyId: string,
  rest: AssistanceRest | null,
  records: readonly LocalRecord<unknown>[],
  edits: ReadonlyMap<string, readonly PendingEdit[]>,
  ctx: AssistanceContext = {},
): LocalAssistance {
  const base = rest ?? emptyRest(familyId);
  const pending = new Set<string>();
  const services: Service[] = [];
  const goals: Goal[] = [];
  const activities: Activity[] = [];
  const referrals: Referral[] = [];
  for (const r of records) {
    if (r.pending) pending.add(r.id);
    // The version the phone holds (an edit folded in after its answer keeps the old number in its content).
    const v = (r.version > 0 && typeof (r.value as Json).version === 'number' ? { ...(r.value as Json), version: r.version } : r.value) as Json;
    const mine = r.version === 0 && r.pending;
    switch (r.entity) {
      case 'service':
        services.push({ ...(v as unknown as Service), author_id: (v.author_id as string | null) ?? (mine ? (ctx.author?.id ?? null) : null) });
        break;
      case 'plan_goal':
        goals.push(v as unknown as Goal);
        break;
      case 'plan_activity':
        activities.push(v as unknown as Activity);
        break;
      case 'referral':
        referrals.push({ ...(v as unknown as Referral), referred_by: (v.referred_by as string | null) ?? (mine ? (ctx.author?.id ?? null) : null) });
        break;
      default:
        break;
    }
  }
  // A completion waiting to be sent: its service shows at once.
  const held = new Set(services.map((s) => s.id));
  for (const list of edits.values()) {
    for (const e of list) {
      const s = completedService(e);
      if (!s || held.has(s.id) || e.family_id !== familyId) continue;
      services.push({ ...s, author_id: ctx.author?.id ?? null });
      held.add(s.id);
      pending.add(s.id);
    }
  }
  // A correction made here: the corrected service says so before the server does.
  const byId = new Map(services.map((s) => [s.id, s]));
  for (const s of [...services].sort((a, b) => a.created_at.localeCompare(b.created_at))) {
    const target = s.amends ? byId.get(s.amends) : undefined;
    if (target && !target.amended_by) byId.set(target.id, { ...target, amended_by: s.id });
  }
  const finalServices = services.map((s) => byId.get(s.id)!);
  // Harm labels are the assessment's.
  const labels = new Map(base.harms.map((h) => [h.indicator, h.label]));
  const finalGoals = goals.map((g) => (g.harm && labels.has(g.harm.indicator) ? { ...g, harm: { ...g.harm, label: labels.get(g.harm.indicator)! } } : g));

  // Names and resource references of what was made here.
  const names: Record<string, string> = { ...base.names };
  if (ctx.author && pending.size > 0 && !names[ctx.author.id]) names[ctx.author.id] = ctx.author.name;
  for (const c of ctx.directory?.commissions ?? []) {
    if (!names[c.id] && referrals.some((r) => r.commission_id === c.id)) names[c.id] = c.name;
  }
  const resources: ResourceRef[] = [...base.resources];
  const known = new Set(resources.map((r) => r.id));
  const wanted = [
    ...finalServices.map((s) => s.resource_id),
    ...activities.map((a) => a.resource_id),
    ...referrals.map((r) => r.resource_id),
  ].filter((id): id is string => typeof id === 'string');
  for (const id of wanted) {
    if (known.has(id)) continue;
    const d = ctx.directory?.resources.find((r) => r.id === id);
    if (!d) continue;
    resources.push({ id: d.id, kind: d.kind, name: d.name, phone: d.phone, removed: false });
    known.add(id);
  }

  return {
    assistance: {
      ...base,
      family_id: familyId,
      names,
      resources,
      services: finalServices.sort(byServed),
      goals: finalGoals,
      activities: activities.sort(byDue),
      referrals: referrals.sort(byReferred),
    },
    pending,
    synced: rest !== null,
  };
}

function isAssistanceRow(row: RecordRow): boolean {
  return (ASSISTANCE_ENTITIES as readonly RecordEntity[]).includes(row.entity);
}

/** One family's assistance from the device, with its pending edits. */
export async function readAssistance(store: OpenStore, familyId: string, ctx: AssistanceContext = {}): Promise<LocalAssistance> {
  const [rows, outbox] = await store.db.transaction('r', store.db.records, store.db.outbox, async () => [
    await store.db.records.where('family_id').equals(familyId).toArray(),
    await store.db.outbox.where('family_id').equals(familyId).toArray(),
  ] as const);
  const edits = await decryptEdits(store.key, outbox);
  const restRow = rows.find((r) => r.entity === 'family_assistance');
  const rest = restRow?.content ? await decryptJson<AssistanceRest>(store.key, restRow.content) : null;
  const records = await views<unknown>(store, rows.filter(isAssistanceRow), edits, {});
  // Goals come in the order they were made (as the server lists them).
  records.sort((a, b) => a.id.localeCompare(b.id));
  return assembleAssistance(familyId, rest, records, edits, ctx);
}

/** The agenda or a calendar from the device, and which of its activities have edits not sent yet. */
export type LocalAgenda = Agenda & { pending: string[] };
export type LocalCalendar = Calendar & { pending: string[] };

/** Every activity on the device, with its family's name (edits made here applied). */
async function deviceActivities(store: OpenStore): Promise<(DueActivity & { pending: boolean })[]> {
  const families = await readFamilies(store);
  const names = new Map(families.map((f) => [f.id, f.value.family_name]));
  const [rows, outbox] = await store.db.transaction('r', store.db.records, store.db.outbox, async () => [
    await store.db.records.where('[entity+family_id]').between(['plan_activity', ''], ['plan_activity', '\uffff']).toArray(),
    await store.db.outbox.filter((r) => r.entity === 'plan_activity').toArray(),
  ] as const);
  const list = await views<Activity>(store, rows, outbox, {});
  return list
    .filter((a) => names.has(a.family_id))
    .map((a) => ({ ...a.value, version: a.version > 0 ? a.version : a.value.version, family_name: names.get(a.family_id)!, pending: a.pending }))
    .sort(byDue);
}

function split(list: (DueActivity & { pending: boolean })[]): { items: DueActivity[]; pending: string[] } {
  return { items: list.map(({ pending: _, ...a }) => a), pending: list.filter((a) => a.pending).map((a) => a.id) };
}

/** The calendar between two days (ISO, both included), from the device. */
export async function readCalendar(store: OpenStore, from: string, to: string): Promise<LocalCalendar> {
  const all = await deviceActivities(store);
  return split(all.filter((a) => a.due_on >= from && a.due_on <= to));
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * What is due, as the server's agenda says it for a helper, from the
 * device: planned activities overdue (within a year), of today and of the
 * coming week, and their families' commission tasks past due. Referrals to
 * answer are a receiver's (a specialist's), never a helper's: none.
 */
export async function readAgenda(store: OpenStore, today: string): Promise<LocalAgenda> {
  const all = (await deviceActivities(store)).filter((a) => a.status === 'planned');
  const yearAgo = addDays(today, -366);
  const week = addDays(today, 7);
  const families = await readFamilies(store);
  const overdueTasks: (CommissionTask & { family_name: string })[] = [];
  for (const f of families) {
    const row = await store.db.records.get(['family_assistance', f.id]);
    if (!row?.content) continue;
    const rest = await decryptJson<AssistanceRest>(store.key, row.content);
    for (const t of rest.tasks) {
      if (t.status === 'open' && t.due_on < today) overdueTasks.push({ ...t, overdue: true, family_name: f.value.family_name });
    }
  }
  const overdue = split(all.filter((a) => a.due_on < today && a.due_on >= yearAgo));
  const dueToday = split(all.filter((a) => a.due_on === today));
  const upcoming = split(all.filter((a) => a.due_on > today && a.due_on <= week));
  return {
    today,
    overdue: overdue.items,
    due_today: dueToday.items,
    upcoming: upcoming.items,
    overdue_tasks: overdueTasks.sort((a, b) => a.due_on.localeCompare(b.due_on)),
    waiting_referrals: [],
    pending: [...overdue.pending, ...dueToday.pending, ...upcoming.pending],
  };
}
