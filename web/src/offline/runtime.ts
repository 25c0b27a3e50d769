// The device store of the logged-in helper, for the running app: the one
// attached store (its database, the key while unlocked, its timers), the
// settings, and the events the session listens to. Attaching is in
// attach.ts, locking in unlock.ts, background syncing in background.ts.
import type { Me } from '../api/types';
import { PBKDF2_ITERATIONS, encryptJson, type Kek } from './crypto';
import { getMeta, setMeta, type DeviceDb } from './db';
import { OfflineError } from './errors';
import { IDLE_LOCK_MS, IdleWatch, isStale, type LockState } from './lock';
import type { OpenStore } from './records';
import { getSyncStatus, resetSyncStatus, setSyncStatus } from './status';
import type { Fetch } from './transport';

export interface DeviceConfig {
  fetch: Fetch;
  /** PBKDF2 iterations for new keys. */
  iterations: number;
  idleMs: number;
  /** Background sync while online. */
  syncEveryMs: number;
  /** How often locks are checked. */
  tickMs: number;
  now: () => Date;
  appVersion: string;
}

const defaults: DeviceConfig = {
  // Looked up at call time, so tests can stub the global.
  fetch: (input, init) => fetch(input, init),
  iterations: PBKDF2_ITERATIONS,
  idleMs: IDLE_LOCK_MS,
  syncEveryMs: 5 * 60_000,
  tickMs: 15_000,
  now: () => new Date(),
  appVersion: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0',
};

/** The settings in force (one object, changed in place). */
export const config: DeviceConfig = { ...defaults };

/** Tests make syncing fast and key derivation cheap. */
export function configureDevice(patch: Partial<DeviceConfig>): void {
  Object.assign(config, patch);
}

export function resetDeviceConfig(): void {
  Object.assign(config, defaults);
}

/** Who keeps an offline store: the holders of `sync.offline` (helpers). */
export function usesOfflineStore(me: Me): boolean {
  return me.permissions.includes('sync.offline');
}

export type DeviceEvent = 'revoked' | 'update_required' | 'signed_out';
const eventListeners = new Set<(e: DeviceEvent) => void>();

/** The session listens: a revoked device logs out; an app too old looks for its update. */
export function onDeviceEvent(listener: (e: DeviceEvent) => void): () => void {
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
}

export function emit(e: DeviceEvent): void {
  eventListeners.forEach((l) => l(e));
}

export interface Attached {
  userId: string;
  me: Me | null;
  /** Null when this device has no store for the user yet. */
  db: DeviceDb | null;
  deviceId: string;
  key: CryptoKey | null;
  /** After a password change on the server: the new password's key, waiting for the old one to open the store. */
  newKek: Kek | null;
  registered: boolean;
  createdAt: string | null;
  /** The server no longer speaks our protocol: no syncing until the app is updated. */
  stopped: boolean;
  watch: IdleWatch | null;
  timers: ReturnType<typeof setInterval>[];
  soon: ReturnType<typeof setTimeout> | null;
  cleanup: (() => void)[];
}

/** The attached store (one at a time); the other runtime modules read and replace it here. */
export const state: { current: Attached | null } = { current: null };

// Attaching and detaching one at a time: a start and a login (or React's
// doubled effects in development) must not attach two stores side by side.
let lifecycle: Promise<unknown> = Promise.resolve();
export function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = lifecycle.then(fn, fn);
  lifecycle = next.catch(() => {});
  return next;
}

export function attached(): Attached {
  if (!state.current?.db) throw new OfflineError('no_device');
  return state.current;
}

/** The open store (database and key) for reading and writing; OfflineError when locked or absent. */
export function openStore(): OpenStore {
  const c = attached();
  if (!c.key || !c.db) throw new OfflineError('locked');
  return { db: c.db, key: c.key };
}

/** The database alone (counts, meta): needs no key. */
export function currentDb(): DeviceDb | null {
  return state.current?.db ?? null;
}

export function setLock(lock: LockState): void {
  setSyncStatus({ lock });
}

export async function refresh(c: Attached | null = state.current): Promise<void> {
  if (!c?.db || c !== state.current) return;
  const db = c.db;
  try {
    const [pending, conflicts, refusals, lastSyncAt, lockAfterDays, createdAt] = await Promise.all([
      db.outbox.count(),
      db.problems.where('kind').equals('conflict').count(),
      db.problems.where('kind').equals('refusal').count(),
      getMeta(db, 'last_sync_at'),
      getMeta(db, 'lock_after_days'),
      getMeta(db, 'created_at'),
    ]);
    if (c !== state.current) return;
    c.createdAt = createdAt ?? null;
    setSyncStatus({ pending, conflicts, refusals, lastSyncAt: lastSyncAt ?? null, lockAfterDays: lockAfterDays ?? null });
  } catch {
    // The store was closed under us (detached, wiped): nothing to show.
  }
}

/** Counts and times shown by the status (after a change made outside the runtime). */
export function refreshStatus(): Promise<void> {
  return refresh();
}

export function staleNow(c: Attached): boolean {
  const s = getSyncStatus();
  return isStale({ lastSyncAt: s.lastSyncAt, createdAt: c.createdAt, lockAfterDays: s.lockAfterDays, now: config.now().getTime() });
}

export function online(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/** Stops a store's timers and listeners, drops its key and closes its database. */
export function stop(c: Attached): void {
  c.key = null;
  c.newKek = null;
  c.watch?.stop();
  c.timers.forEach(clearInterval);
  if (c.soon) clearTimeout(c.soon);
  c.cleanup.forEach((f) => f());
  c.db?.close();
}

/** detachDevice without waiting its turn (for the attaching code, already in turn). */
export async function detach(): Promise<void> {
  const c = state.current;
  state.current = null;
  if (c) stop(c);
  resetSyncStatus();
}

/** Stops everything of the attached store and drops the key. The data stays. */
export function detachDevice(): Promise<void> {
  return serial(detach);
}

/** A store attached with nothing open yet. */
export function blank(userId: string, me: Me | null, db: DeviceDb | null, deviceId: string): Attached {
  return {
    userId,
    me,
    db,
    deviceId,
    key: null,
    newKek: null,
    registered: false,
    createdAt: null,
    stopped: false,
    watch: null,
    timers: [],
    soon: null,
    cleanup: [],
  };
}

/** Keeps the user's Me in the store (encrypted) for starting offline. */
export async function saveMe(c: Attached): Promise<void> {
  if (c.db && c.key && c.me) await setMeta(c.db, 'me', await encryptJson(c.key, c.me));
}

/** For tests: the attached user, if any. */
export function attachedUser(): string | null {
  return state.current?.userId ?? null;
}
