// A helper's home («خانواده‌های من») online or not. With a connection the
// server's list is the truth (assignments end on the server; a family taken
// away must disappear at once) and the phone adds what only it knows: edits
// not sent yet, conflicts and refusals, an assessment half filled in — and
// the household fields as edited here. Without one, the list comes from the
// phone: the families it holds, with their tier and neighborhood.
import { ApiError } from '../api/errors';
import type { Family, MyFamilies, Tier } from '../api/types';
import { getSyncStatus, localFamilySummaries, type LocalFamilySummary } from '../offline';
import { myFamilies } from './myFamilies';

export interface HomeFamily {
  family: Family;
  headName: string;
  memberCount: number;
  /** The assignment (from the server); null when the list came from the phone. */
  assignment: { id: string; starts_on: string; ends_on: string } | null;
  lastAssessedOn: string | null;
  /** A draft on the server to continue. */
  draftAssessmentId: string | null;
  /** What the phone holds of the family; null when its store is not open (or it does not hold it). */
  device: { pending: number; problems: number; draft: boolean } | null;
}

export interface MyFamiliesHome {
  /** `device`: the server could not be reached; the phone's copy is shown. */
  source: 'server' | 'device';
  items: HomeFamily[];
  helper: MyFamilies['helper'];
  /** Null when the list came from the phone. */
  rules: MyFamilies['rules'] | null;
}

/** No answer, or none from Hamyar: worth showing the phone's copy instead. */
export function unreachable(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'network' || e.code === 'timeout' || e.status === 0 || e.status >= 500);
}

async function deviceSummaries(): Promise<LocalFamilySummary[] | null> {
  const s = getSyncStatus();
  if (!s.active || s.lock !== 'open') return null;
  try {
    return await localFamilySummaries();
  } catch {
    // Locked or gone meanwhile: the server's list alone.
    return null;
  }
}

const TIER_ORDER: Record<Tier, number> = { harmed: 0, at_risk: 1, stable: 2 };

function later(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

function fromDevice(d: LocalFamilySummary): HomeFamily {
  return {
    family: d.family.value,
    headName: d.headName,
    memberCount: d.members,
    assignment: null,
    lastAssessedOn: d.lastAssessedOn,
    draftAssessmentId: null,
    device: { pending: d.pending, problems: d.problems, draft: d.draft },
  };
}

/** The families of the helper's home, from the server with the phone's marks, or from the phone alone. */
export async function myFamiliesHome(): Promise<MyFamiliesHome> {
  const device = await deviceSummaries();
  const offline = !getSyncStatus().online;
  if (device && offline) return deviceOnly(device);
  let server: MyFamilies;
  try {
    server = await myFamilies();
  } catch (e) {
    if (device && unreachable(e)) return deviceOnly(device);
    throw e;
  }
  const byId = new Map((device ?? []).map((d) => [d.family.id, d]));
  const items = server.items.map((i): HomeFamily => {
    const d = byId.get(i.family.id);
    // Edited here and not sent yet: the phone's household fields are the newer ones.
    const edited = d !== undefined && d.pending > 0;
    return {
      family: edited ? { ...i.family, neighborhood: d.family.value.neighborhood, address: d.family.value.address, phones: d.family.value.phones } : i.family,
      headName: edited ? d.headName : i.family.head_name,
      memberCount: edited ? d.members : i.family.member_count,
      assignment: { id: i.assignment_id, starts_on: i.starts_on, ends_on: i.ends_on },
      lastAssessedOn: later(i.last_assessed_on, d?.lastAssessedOn ?? null),
      draftAssessmentId: i.draft_assessment_id,
      device: d ? { pending: d.pending, problems: d.problems, draft: d.draft } : null,
    };
  });
  return { source: 'server', items, helper: server.helper, rules: server.rules };
}

function deviceOnly(device: LocalFamilySummary[]): MyFamiliesHome {
  const items = device.map(fromDevice);
  // As the server orders them: harmed first, then by name.
  items.sort(
    (a, b) =>
      (a.family.tier ? TIER_ORDER[a.family.tier] : 3) - (b.family.tier ? TIER_ORDER[b.family.tier] : 3) ||
      a.family.family_name.localeCompare(b.family.family_name, 'fa'),
  );
  return { source: 'device', items, helper: null, rules: null };
}
