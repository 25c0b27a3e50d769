// Readers over the logged-in helper's open store, for screens. Each throws
// OfflineError `locked` / `no_device` when there is nothing to read with.
import type { Family, InstrumentDocument, Member } from '../api/types';
import { readAgenda, readAssistance, readCalendar, type LocalAgenda, type LocalAssistance, type LocalCalendar } from './assistance';
import { readDirectory, type LocalDirectory } from './directory';
import { getMeta } from './db';
import { enqueueMutation } from './background';
import { appendDraft, deleteDraft, draftFamilies, readDraft, writeDraft, type LocalDraft } from './drafts';
import { dismissProblem, listProblems, type Problem } from './problems';
import { readAssessments, readFamilies, readFamily, readMembers, type LocalAssessment, type LocalRecord, type ReadOptions } from './records';
import { localDay } from './records';
import { config, currentDb, openStore, refreshStatus, state } from './runtime';

export async function localFamily(id: string, options?: ReadOptions): Promise<LocalRecord<Family> | null> {
  return readFamily(openStore(), id, options);
}

export async function localFamilies(options?: ReadOptions): Promise<LocalRecord<Family>[]> {
  return readFamilies(openStore(), options);
}

export async function localMembers(familyId: string, options?: ReadOptions): Promise<LocalRecord<Member>[]> {
  return readMembers(openStore(), familyId, options);
}

export async function localAssessments(familyId: string, options?: ReadOptions): Promise<LocalRecord<LocalAssessment>[]> {
  return readAssessments(openStore(), familyId, options);
}

/** Conflicts and refusals of this device's edits, newest first (of one family, or all). */
export async function localProblems(familyId?: string): Promise<Problem[]> {
  return listProblems(openStore(), familyId);
}

/** The helper has read it: off the list (the server keeps its own record). */
export async function dismissLocalProblem(id: string): Promise<void> {
  const db = currentDb();
  if (!db) return;
  await dismissProblem(db, id);
  await refreshStatus();
}

/** The instrument the headquarters uses now, as last synced; null before the first sync. */
export async function localInstrument(): Promise<InstrumentDocument | null> {
  const db = currentDb();
  if (!db) return null;
  return ((await getMeta(db, 'instrument')) as InstrumentDocument | undefined) ?? null;
}

/** Mutations waiting for the server: of one family, or all. Needs no key. */
export async function localPending(familyId?: string): Promise<number> {
  const db = currentDb();
  if (!db) return 0;
  return familyId ? db.outbox.where('family_id').equals(familyId).count() : db.outbox.count();
}

/** One family on the device, as the helper's list shows it. */
export interface LocalFamilySummary {
  family: LocalRecord<Family>;
  /** Mutations of this family waiting for the server. */
  pending: number;
  /** Conflicts and refusals of this family still on the device's list. */
  problems: number;
  /** Live members on the device (those added here included). */
  members: number;
  /** The head's name as the device has it (edits made here included). */
  headName: string;
  /** The newest final assessment's day, those made here included; null when none. */
  lastAssessedOn: string | null;
  /** An assessment is being filled in on the device. */
  draft: boolean;
}

/** Every family on the device with what the helper's home says of it, by family name. */
export async function localFamilySummaries(): Promise<LocalFamilySummary[]> {
  const store = openStore();
  const [families, outbox, problems, drafts] = await Promise.all([
    readFamilies(store),
    store.db.outbox.toArray(),
    store.db.problems.toArray(),
    draftFamilies(store.db),
  ]);
  const count = (rows: { family_id: string }[], id: string) => rows.filter((r) => r.family_id === id).length;
  const out: LocalFamilySummary[] = [];
  for (const family of families) {
    const [members, assessments] = await Promise.all([readMembers(store, family.id), readAssessments(store, family.id)]);
    const head = members.find((m) => m.value.relation === 'head')?.value;
    const finals = assessments.filter((a) => a.value.status === 'final' && a.value.assessed_on);
    out.push({
      family,
      pending: count(outbox, family.id),
      problems: count(problems, family.id),
      members: members.length,
      headName: head ? `${head.first_name} ${head.last_name}`.trim() : family.value.head_name,
      lastAssessedOn: finals.map((a) => a.value.assessed_on!).sort().at(-1) ?? null,
      draft: drafts.has(family.id),
    });
  }
  return out;
}

/** The assessment being filled in for a family on this device, if any. */
export async function localDraft(familyId: string): Promise<LocalDraft | null> {
  return readDraft(openStore(), familyId);
}

/** Keeps the answers so far (encrypted); OfflineError `locked` while locked. */
export async function saveLocalDraft(draft: Omit<LocalDraft, 'updated_at'>): Promise<LocalDraft> {
  return writeDraft(openStore(), draft, config.now());
}

/** Throws the family's draft away. */
export async function discardLocalDraft(familyId: string): Promise<void> {
  const db = currentDb();
  if (db) await deleteDraft(db, familyId);
}

/**
 * Finalizes the draft: one `append` mutation (applied here at once, sent on
 * the next sync), and the draft goes.
 */
export async function finalizeLocalDraft(draft: Pick<LocalDraft, 'id' | 'family_id' | 'kind' | 'assessed_on' | 'answers'>): Promise<void> {
  await appendDraft(openStore(), draft, enqueueMutation);
  await refreshStatus();
}

/** The resource directory and referable commissions as last fetched online; null before the first. */
export async function localDirectory(): Promise<LocalDirectory | null> {
  return readDirectory(openStore());
}

/**
 * A family's assistance from the phone, with the edits not sent yet applied
 * (and marked pending); records made here name the logged-in helper.
 */
export async function localAssistance(familyId: string): Promise<LocalAssistance> {
  const store = openStore();
  const me = state.current?.me;
  const directory = await readDirectory(store);
  return readAssistance(store, familyId, { author: me ? { id: me.user.id, name: me.user.display_name } : null, directory });
}

/** Today on the phone's calendar (ISO). */
export function localToday(): string {
  return localDay(config.now().toISOString());
}

/** The helper's agenda from the phone: overdue, today's and the week's planned activities, overdue commission tasks. */
export async function localAgenda(today: string = localToday()): Promise<LocalAgenda> {
  return readAgenda(openStore(), today);
}

/** Activities due between two days (ISO, both included) in the families on the phone. */
export async function localCalendar(from: string, to: string): Promise<LocalCalendar> {
  return readCalendar(openStore(), from, to);
}
