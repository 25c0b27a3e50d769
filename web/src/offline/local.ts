// Readers over the logged-in helper's open store, for screens. Each throws
// OfflineError `locked` / `no_device` when there is nothing to read with.
import type { Family, InstrumentDocument, Member } from '../api/types';
import { getMeta } from './db';
import { dismissProblem, listProblems, type Problem } from './problems';
import { readAssessments, readFamilies, readFamily, readMembers, type LocalAssessment, type LocalRecord, type ReadOptions } from './records';
import { currentDb, openStore, refreshStatus } from './runtime';

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
