// Offline edits as the server keeps them (docs/sync.md, "Conflicts and
// refusals"): a family's open conflicts and how they are resolved, and the
// edits it refused or applied for review. Online only: these are the
// server's records, read by the family page (helpers and center managers).
import { api, call } from '../api/client';
import type { ConflictResolution, MutationRecord, SyncConflict } from '../api/types';

/** The family's conflicts not yet resolved, as the server has them. */
export async function familyConflicts(familyId: string): Promise<SyncConflict[]> {
  return (await call(() => api.GET('/api/v1/sync/conflicts', { params: { query: { family_id: familyId, open: true } } }))).items;
}

/**
 * Closes a conflict: `keep` leaves the value that stands, `restore` writes the
 * other one back (an ordinary edit by the resolver). `version` is the
 * conflict's: `version_conflict` when someone resolved it meanwhile.
 */
export function resolveConflict(id: string, resolution: ConflictResolution, version: number): Promise<SyncConflict> {
  return call(() => api.POST('/api/v1/sync/conflicts/{id}/resolve', { params: { path: { id } }, body: { resolution, version } }));
}

/** The family's offline edits the server refused, and those applied after the helper's assignment ended (for review). */
export async function familyOfflineEdits(familyId: string): Promise<MutationRecord[]> {
  return (await call(() => api.GET('/api/v1/sync/mutations', { params: { query: { family_id: familyId } } }))).items;
}
