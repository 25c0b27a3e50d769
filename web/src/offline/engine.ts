// One sync: push the outbox, then pull. What each failure means for the
// device (docs/sync.md): no answer or a 5xx keeps everything for the next
// try; 426 keeps the outbox and stops syncing until the app is updated; 403
// device_revoked wipes the store; 401 means the session is gone (the outbox
// stays; the helper logs in again).
import { fromThrown } from '../api/client';
import { ApiError } from '../api/errors';
import type { SyncContext } from './context';
import { deleteDeviceDb, setMeta } from './db';
import { refreshDirectory } from './directory';
import { pullAll, settleRemovals } from './pull';
import { pushOutbox } from './push';

export type SyncState = 'ok' | 'offline' | 'failed' | 'update_required' | 'signed_out' | 'revoked';

export interface SyncResult {
  state: SyncState;
  error: ApiError | null;
  /** Mutations the server answered. */
  pushed: number;
  /** Records taken from the pull. */
  pulled: number;
}

export function classify(e: unknown): Exclude<SyncState, 'ok'> {
  const err = e instanceof ApiError ? e : fromThrown(e);
  if (err.code === 'network') return 'offline';
  if (err.status === 426 || err.code === 'protocol_unsupported') return 'update_required';
  if (err.code === 'device_revoked') return 'revoked';
  if (err.status === 401 || err.code === 'account_disabled') return 'signed_out';
  return 'failed';
}

/** Pushes, pulls and records the time of success. Never throws. */
export async function runSync(ctx: SyncContext): Promise<SyncResult> {
  const progress = { pushed: 0, pulled: 0 };
  try {
    await ctx.prepare?.();
    await pushOutbox(ctx, progress);
    await settleRemovals(ctx.db);
    progress.pulled = await pullAll(ctx);
    // The pickers' lists, for working offline; their failure is not the sync's.
    await refreshDirectory(ctx);
    await setMeta(ctx.db, 'last_sync_at', ctx.now().toISOString());
    return { state: 'ok', error: null, ...progress };
  } catch (e) {
    const error = e instanceof ApiError ? e : fromThrown(e);
    const state = classify(error);
    // A revoked device keeps nothing: the data goes at once, before anything else can read it.
    if (state === 'revoked') await deleteDeviceDb(ctx.userId, ctx.db);
    return { state, error, ...progress };
  }
}
