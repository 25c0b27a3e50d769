import { api, call } from '../api/client';
import type { FamilySummary } from '../api/types';

/**
 * Where family data comes from. Today: the server. For helpers working
 * offline this becomes a Dexie-backed store kept in step by a sync loop, with
 * writes queued in an outbox; screens keep calling the functions below.
 */
export interface FamilySource {
  list(): Promise<FamilySummary[]>;
}

export const remoteFamilySource: FamilySource = {
  async list() {
    return (await call(() => api.GET('/api/v1/families'))).items;
  },
};

let source: FamilySource = remoteFamilySource;

/** Swaps the source (the offline store, or a fake in tests). */
export function setFamilySource(next: FamilySource): void {
  source = next;
}

export function listFamilies(): Promise<FamilySummary[]> {
  return source.list();
}
