// The device store: one IndexedDB database per user (Dexie 4). Ids,
// versions, family ids and sync state are in the clear, for indexing and for
// syncing while locked; what is about people (record content, mutation
// fields, conflicts, the cached `Me`) is encrypted under the data key.
import Dexie, { type Table } from 'dexie';
import type { Encrypted, WrappedKey } from './crypto';
import type { SyncEntity, SyncOp } from './protocol';

/**
 * What a record row may hold: anything a mutation may change, and
 * `family_assistance` — one per family, the part of its assistance the
 * device only reads (commission decisions and tasks, the harms a goal may
 * address, names, resource references, whether the helper may work on it).
 */
export type RecordEntity = SyncEntity | 'family_assistance';

/** One family, member, assessment or assistance record: the last server version known, plus acknowledged edits. */
export interface RecordRow {
  entity: RecordEntity;
  id: string;
  family_id: string;
  /** The server version `content` is; 0 for a record made here and not yet acknowledged. */
  version: number;
  /** 1 while the outbox holds a mutation of this record (0/1: IndexedDB does not index booleans). */
  pending: 0 | 1;
  /**
   * 1 when `content` was rebuilt here from an acknowledged mutation rather than
   * received: the pull's copy of the same version replaces it (the server
   * may have normalized what was sent).
   */
  folded: 0 | 1;
  /** The record as the server last had it; null for one made here and not yet acknowledged. */
  content: Encrypted | null;
}

export type OutboxState = 'queued' | 'sending';

/** A mutation the server has not answered yet; `fields` encrypted. */
export interface OutboxRow {
  id: string;
  device_seq: number;
  entity: SyncEntity;
  entity_id: string;
  family_id: string;
  op: SyncOp;
  base_version: number | null;
  fields: Encrypted;
  device_time: string;
  state: OutboxState;
}

/**
 * An assessment being filled in on the device, one per family: the answers
 * so far, encrypted, until it is finalized (then it is a mutation) or
 * thrown away. Never sent: the server gets the assessment whole.
 */
export interface DraftRow {
  family_id: string;
  /** The assessment's id when it is appended (UUIDv7, made when the draft was). */
  id: string;
  updated_at: string;
  content: Encrypted;
}

export type ProblemKind = 'conflict' | 'refusal';

/** A conflict or refusal the server reported, kept for the helper to see. */
export interface ProblemRow {
  /** The conflict's id, or the refused mutation's. */
  id: string;
  kind: ProblemKind;
  family_id: string;
  entity: SyncEntity;
  entity_id: string;
  /** When the device learnt of it. */
  received_at: string;
  content: Encrypted;
}

/** What the meta table holds, by key. */
export interface MetaValues {
  device_id: string;
  /** The device_seq the next mutation gets. */
  next_seq: number;
  /** The server's opaque pull cursor ('' before the first pull). */
  cursor: string;
  last_sync_at: string;
  /** When this store was made: the staleness clock before the first sync. */
  created_at: string;
  key: WrappedKey;
  instrument_id: string;
  /** The instrument document (not personal data: in the clear). */
  instrument: unknown;
  lock_after_days: number;
  /** The user's `Me`, for starting offline. */
  me: Encrypted;
  /** Families the server removed from scope whose mutations are still in the outbox. */
  pending_removals: string[];
  /** navigator.storage.persist() has been asked (once per store). */
  persist_asked: boolean;
  /**
   * The resource directory and the commissions the helper's families may be
   * referred to, as last fetched online (for the pickers offline); encrypted
   * (a directory names people and their phones).
   */
  directory: Encrypted;
  /** A whole pull has run since pulls carry the families' assistance (see pull.ts). */
  assistance_pulled: boolean;
}

export type MetaKey = keyof MetaValues;

interface MetaRow {
  key: MetaKey;
  value: unknown;
}

export type DeviceDb = Dexie & {
  records: Table<RecordRow, [RecordEntity, string]>;
  outbox: Table<OutboxRow, string>;
  problems: Table<ProblemRow, string>;
  meta: Table<MetaRow, MetaKey>;
  drafts: Table<DraftRow, string>;
};

const PREFIX = 'hamyar-device-';

export function dbName(userId: string): string {
  return `${PREFIX}${userId}`;
}

/** Opens (creating if needed) the store of one user. */
export function openDeviceDb(userId: string): DeviceDb {
  const db = new Dexie(dbName(userId)) as DeviceDb;
  db.version(1).stores({
    records: '[entity+id], family_id, [entity+family_id]',
    outbox: 'id, &device_seq, [entity+entity_id], family_id',
    problems: 'id, kind, family_id',
    meta: 'key',
  });
  // Assessment drafts kept on the device (a new table: nothing to migrate).
  db.version(2).stores({ drafts: 'family_id' });
  return db;
}

export function deviceDbExists(userId: string): Promise<boolean> {
  return Dexie.exists(dbName(userId));
}

/** Deletes a user's store with everything in it. */
export async function deleteDeviceDb(userId: string, open?: DeviceDb): Promise<void> {
  open?.close();
  await Dexie.delete(dbName(userId));
}

export async function getMeta<K extends MetaKey>(db: DeviceDb, key: K): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(db: DeviceDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}

export interface StorageInfo {
  /** Whether the browser promised not to evict the store; null when it cannot say. */
  persisted: boolean | null;
  /** Bytes used by this site, and what it may use; null when unknown. */
  usage: number | null;
  quota: number | null;
}

/** Asks once per store that the browser keep our data under storage pressure. */
export async function askPersistence(db: DeviceDb): Promise<void> {
  if (await getMeta(db, 'persist_asked')) return;
  await setMeta(db, 'persist_asked', true);
  try {
    await navigator.storage?.persist?.();
  } catch {
    // Not granted or not supported: the status shows it.
  }
}

export async function storageInfo(): Promise<StorageInfo> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  let persisted: boolean | null = null;
  let usage: number | null = null;
  let quota: number | null = null;
  try {
    if (storage?.persisted) persisted = await storage.persisted();
    if (storage?.estimate) {
      const e = await storage.estimate();
      usage = e.usage ?? null;
      quota = e.quota ?? null;
    }
  } catch {
    // Some browsers refuse in private mode.
  }
  return { persisted, usage, quota };
}
