// What the app shows about the device store and its syncing (the header's
// SyncStatus, the lock screen): one snapshot, replaced on every change.
import { useSyncExternalStore } from 'react';
import type { ApiError } from '../api/errors';
import type { SyncState } from './engine';
import type { LockState } from './lock';

export interface SyncStatus {
  /** The logged-in user keeps an offline store (helpers). */
  active: boolean;
  /** No store on this device yet (the session is older than it): logging in again makes it. */
  needsLogin: boolean;
  lock: LockState;
  online: boolean;
  syncing: boolean;
  /** How the last sync ended; null before the first on this page. */
  state: SyncState | null;
  error: ApiError | null;
  /** Mutations waiting for the server. */
  pending: number;
  conflicts: number;
  refusals: number;
  /** The last successful sync (RFC 3339), ever, on this device. */
  lastSyncAt: string | null;
  /** The headquarters' limit on days without a sync; null before the first pull. */
  lockAfterDays: number | null;
}

export const INACTIVE: SyncStatus = {
  active: false,
  needsLogin: false,
  lock: 'closed',
  online: true,
  syncing: false,
  state: null,
  error: null,
  pending: 0,
  conflicts: 0,
  refusals: 0,
  lastSyncAt: null,
  lockAfterDays: null,
};

let status: SyncStatus = INACTIVE;
const listeners = new Set<() => void>();

export function getSyncStatus(): SyncStatus {
  return status;
}

export function setSyncStatus(patch: Partial<SyncStatus>): void {
  const next = { ...status, ...patch };
  if ((Object.keys(patch) as (keyof SyncStatus)[]).every((k) => Object.is(status[k], next[k]))) return;
  status = next;
  listeners.forEach((l) => l());
}

export function resetSyncStatus(patch: Partial<SyncStatus> = {}): void {
  status = { ...INACTIVE, online: typeof navigator === 'undefined' ? true : navigator.onLine, ...patch };
  listeners.forEach((l) => l());
}

export function subscribeSyncStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSyncStatus(): SyncStatus {
  return useSyncExternalStore(subscribeSyncStatus, getSyncStatus);
}
