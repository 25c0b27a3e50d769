// One family as the helper's phone holds it: the record, its members and
// assessments with edits not yet sent applied, the device's conflicts and
// refusals, the instrument, and an assessment half filled in. Read again
// whenever the sync status moves (an edit queued, a sync done, unlocked).
import { useMemo } from 'react';
import type { Family, InstrumentDocument, Member } from '../../api/types';
import { useResource, type Resource } from '../../data';
import {
  localAssessments,
  localDraft,
  localFamily,
  localInstrument,
  localMembers,
  localPending,
  localProblems,
  useSyncStatus,
  type LocalAssessment,
  type LocalDraft,
  type LocalRecord,
  type Problem,
} from '../../offline';

export interface LocalFamilyData {
  family: LocalRecord<Family>;
  members: LocalRecord<Member>[];
  assessments: LocalRecord<LocalAssessment>[];
  problems: Problem[];
  instrument: InstrumentDocument | null;
  draft: LocalDraft | null;
  /** Mutations of this family waiting for the server. */
  pending: number;
}

/** Null when the device does not hold the family. */
export async function loadLocalFamily(id: string): Promise<LocalFamilyData | null> {
  const family = await localFamily(id);
  if (!family) return null;
  const [members, assessments, problems, instrument, draft, pending] = await Promise.all([
    localMembers(id),
    localAssessments(id),
    localProblems(id),
    localInstrument(),
    localDraft(id),
    localPending(id),
  ]);
  return { family, members, assessments, problems, instrument, draft, pending };
}

/** The family from the device, kept fresh by the sync status. */
export function useLocalFamily(id: string): Resource<LocalFamilyData | null> {
  const s = useSyncStatus();
  // What changes what the device holds: a queued edit, an answered push, a pull, an unlock.
  const key = `${s.pending}|${s.conflicts}|${s.refusals}|${s.lastSyncAt ?? ''}|${s.lock}|${s.syncing}`;
  return useResource(() => loadLocalFamily(id), [id, key]);
}

/** Members' names by id. */
export function useMemberNames(members: readonly LocalRecord<Member>[] | undefined): ReadonlyMap<string, string> {
  return useMemo(() => new Map((members ?? []).map((m) => [m.id, `${m.value.first_name} ${m.value.last_name}`.trim()])), [members]);
}
