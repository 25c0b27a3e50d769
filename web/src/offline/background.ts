// Syncing in the background while a store is attached: when the
// connection comes back, every few minutes, soon after an edit; and the
// lock checks (inactivity, too long without a sync). One sync at a time.
import type { SyncResult } from './engine';
import { ApiError } from '../api/errors';
import { fromThrown } from '../api/client';
import { forgetDeviceId, forgetStore, saveActivity, setLockedFlag, deviceName } from './device';
import { classify, runSync } from './engine';
import { IdleWatch } from './lock';
import { enqueue, type MutationInput } from './outbox';
import { PROTOCOL, type Mutation } from './protocol';
import { attached, config, detach, emit, online, openStore, refresh, setLock, staleNow, state, stop, type Attached } from './runtime';
import { getSyncStatus, resetSyncStatus, setSyncStatus } from './status';
import { registerDevice } from './transport';

let running: Promise<SyncResult | null> | null = null;

/** Makes `c` the attached store and starts its timers and listeners. */
export function begin(c: Attached): void {
  if (state.current && state.current !== c) stop(state.current);
  state.current = c;
  resetSyncStatus({ active: true, needsLogin: c.db === null, online: online() });
  if (!c.db) return;
  const watch = new IdleWatch({
    idleMs: config.idleMs,
    now: () => config.now().getTime(),
    persist: saveActivity,
    onIdle: () => lockDevice(),
  });
  c.watch = watch;
  const lock = getSyncStatus().lock;
  if (lock === 'open' || lock === 'closed') watch.start();
  c.timers.push(setInterval(() => tick(c), config.tickMs));
  c.timers.push(
    setInterval(() => {
      if (online()) void syncNow();
    }, config.syncEveryMs),
  );
  if (typeof window !== 'undefined') {
    const onOnline = () => {
      setSyncStatus({ online: true });
      void syncNow();
    };
    const onOffline = () => setSyncStatus({ online: false });
    const onVisible = () => {
      if (document.visibilityState === 'visible') tick(c);
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisible);
    c.cleanup.push(() => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener('visibilitychange', onVisible);
    });
  }
}

/** The lock checks: inactivity, and too long without a sync. */
export function tick(c: Attached): void {
  if (c !== state.current) return;
  c.watch?.check();
  // Stale outranks idle: the password alone no longer opens it.
  const lock = getSyncStatus().lock;
  if (lock !== 'stale' && lock !== 'password_changed' && staleNow(c)) {
    c.key = null;
    c.watch?.stop();
    setLock('stale');
  }
}

/** Locks now: the key leaves memory, the screen is covered, a reload stays locked. */
export function lockDevice(): void {
  const c = state.current;
  if (!c?.db) return;
  const lock = getSyncStatus().lock;
  if (lock === 'stale' || lock === 'password_changed') return;
  c.key = null;
  c.watch?.stop();
  setLockedFlag(c.userId, true);
  setLock('idle');
}

/** Syncs now, unless one is running (then its result). Null when there is nothing to sync with (locked, no store, stopped). */
export function syncNow(): Promise<SyncResult | null> {
  if (!running) running = syncOnce().finally(() => (running = null));
  return running;
}

async function syncOnce(): Promise<SyncResult | null> {
  const c = state.current;
  if (!c?.db || !c.key || c.stopped) return null;
  if (!online()) {
    const result: SyncResult = { state: 'offline', error: new ApiError({ status: 0, code: 'network' }), pushed: 0, pulled: 0 };
    setSyncStatus({ online: false, state: result.state, error: result.error });
    return result;
  }
  setSyncStatus({ syncing: true });
  const db = c.db;
  const key = c.key;
  const run = () =>
    runSync({
      db,
      key,
      userId: c.userId,
      deviceId: c.deviceId,
      fetch: config.fetch,
      now: config.now,
      prepare: async () => {
        if (c.registered) return;
        await registerThisDevice(c.deviceId);
        c.registered = true;
      },
      register: () => registerThisDevice(c.deviceId),
    });
  let result: SyncResult | null;
  try {
    // One sync at a time across tabs too, where the browser can say.
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    result = locks ? await locks.request(`hamyar-sync-${c.userId}`, { ifAvailable: true }, (l) => (l ? run() : null)) : await run();
  } catch (e) {
    result = { state: classify(e), error: fromThrown(e), pushed: 0, pulled: 0 };
  }
  if (c !== state.current) return result;
  setSyncStatus({ syncing: false });
  if (!result) return null;
  setSyncStatus({ state: result.state, error: result.error, online: result.state === 'offline' ? false : true });
  switch (result.state) {
    case 'revoked':
      forgetDeviceId(c.userId);
      forgetStore(c.userId);
      setLockedFlag(c.userId, false);
      if (c === state.current) await detach();
      emit('revoked');
      return result;
    case 'update_required':
      c.stopped = true;
      emit('update_required');
      break;
    case 'signed_out':
      emit('signed_out');
      break;
    default:
      break;
  }
  await refresh(c);
  return result;
}

/** POST /api/v1/sync/devices: at login, once per page before syncing, and again when the server does not know the device. */
export async function registerThisDevice(deviceId: string): Promise<void> {
  await registerDevice(config.fetch, { id: deviceId, name: deviceName(), app_version: config.appVersion, protocol: PROTOCOL });
}

function syncSoon(c: Attached): void {
  if (c.soon) clearTimeout(c.soon);
  c.soon = setTimeout(() => {
    c.soon = null;
    if (c === state.current && online()) void syncNow();
  }, 3000);
}

/** Makes an edit on the device (see outbox.ts) and sends it soon. */
export async function enqueueMutation(input: MutationInput): Promise<Mutation> {
  const c = attached();
  const m = await enqueue(openStore(), input, config.now());
  await refresh(c);
  syncSoon(c);
  return m;
}

