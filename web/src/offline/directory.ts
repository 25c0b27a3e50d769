// The resource directory and the referable commissions, kept on the device
// for the assistance forms' pickers offline. They are plain online lists
// (not part of the sync protocol): fetched after each successful sync,
// kept encrypted (the directory names people and their phones), and the
// last copy stays when fetching fails.
import type { CommissionChoice, DirectoryResource } from '../api/types';
import { decryptJson, encryptJson } from './crypto';
import type { SyncContext } from './context';
import { getMeta, setMeta } from './db';
import type { OpenStore } from './records';
import { fetchReferable, fetchResources } from './transport';

export interface LocalDirectory {
  resources: DirectoryResource[];
  commissions: CommissionChoice[];
  /** When it was fetched (RFC 3339). */
  fetched_at: string;
}

/**
 * Fetches both lists and keeps them. Never throws: a failure (no network, a
 * refusal, an older server) keeps what the device had; a list that could
 * not be fetched keeps its last copy.
 */
export async function refreshDirectory(ctx: SyncContext): Promise<boolean> {
  const [resources, commissions] = await Promise.allSettled([fetchResources(ctx.fetch), fetchReferable(ctx.fetch)]);
  if (resources.status === 'rejected' && commissions.status === 'rejected') return false;
  try {
    const held = await readDirectory(ctx);
    const next: LocalDirectory = {
      resources: resources.status === 'fulfilled' && Array.isArray(resources.value?.items) ? resources.value.items : (held?.resources ?? []),
      commissions: commissions.status === 'fulfilled' && Array.isArray(commissions.value?.items) ? commissions.value.items : (held?.commissions ?? []),
      fetched_at: ctx.now().toISOString(),
    };
    await setMeta(ctx.db, 'directory', await encryptJson(ctx.key, next));
    return true;
  } catch {
    // The store closed under us (locked, wiped): next time.
    return false;
  }
}

/** The directory as last fetched; null before the first successful fetch. */
export async function readDirectory(store: Pick<OpenStore, 'db' | 'key'>): Promise<LocalDirectory | null> {
  const sealed = await getMeta(store.db, 'directory');
  return sealed ? decryptJson<LocalDirectory>(store.key, sealed) : null;
}
