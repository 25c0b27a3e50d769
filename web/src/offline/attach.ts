// Attaching a helper's store: at login (with the password: the key is
// made or opened), at a start with a live session (without the key), at an
// offline start (with the password), and wiping it at logout.
import type { Me } from '../api/types';
import { WrongPasswordError, decryptJson, newKek } from './crypto';
import { deleteDeviceDb, deviceDbExists, getMeta, openDeviceDb, setMeta } from './db';
import {
  deviceIdFor,
  forgetDeviceId,
  forgetStore,
  knownStores,
  lastActivity,
  lastStore,
  lockedFlag,
  rememberStore,
  saveActivity,
  setLockedFlag,
  type KnownStore,
} from './device';
import { classify } from './engine';
import { OfflineError } from './errors';
import { hasStoreKey, openStoreKey } from './keys';
import type { LockState } from './lock';
import { blank, config, detach, online, refresh, saveMe, serial, setLock, state, usesOfflineStore } from './runtime';
import { begin, registerThisDevice, syncNow, tick } from './background';
import { getSyncStatus, setSyncStatus } from './status';
import { createDeviceStore, openDeviceStore } from './store';

type Registration = 'ok' | 'revoked' | 'update_required' | 'failed';

async function register(deviceId: string): Promise<Registration> {
  try {
    await registerThisDevice(deviceId);
    return 'ok';
  } catch (e) {
    const outcome = classify(e);
    return outcome === 'revoked' || outcome === 'update_required' ? outcome : 'failed';
  }
}

/** Other users' stores with nothing left to send are deleted at a login (a shared phone keeps no one else's data it does not need). */
async function dropSettledStores(exceptUserId: string): Promise<void> {
  for (const s of knownStores()) {
    if (s.user_id === exceptUserId) continue;
    try {
      if (!(await deviceDbExists(s.user_id))) {
        forgetStore(s.user_id);
        continue;
      }
      const db = openDeviceDb(s.user_id);
      const waiting = await db.outbox.count();
      db.close();
      if (waiting === 0) {
        await deleteDeviceDb(s.user_id);
        forgetStore(s.user_id);
      }
    } catch {
      // Left for the next login.
    }
  }
}

/**
 * After a successful login: registers the device and opens (or makes) the
 * store with the password typed. A password changed on the server leaves the
 * store unopenable: with nothing unsent it starts afresh; with unsent edits
 * it is kept and the old password is asked once (`password_changed`).
 * Never throws: the login itself has succeeded, offline work is a bonus.
 */
export function deviceLogin(me: Me, password: string): Promise<void> {
  return serial(() => attachAtLogin(me, password));
}

async function attachAtLogin(me: Me, password: string): Promise<void> {
  await detach();
  if (!usesOfflineStore(me)) return;
  const userId = me.user.id;
  try {
    await dropSettledStores(userId);
    let deviceId = deviceIdFor(userId);
    const reg = await register(deviceId);
    if (reg === 'revoked') {
      // Revoked while away: its data goes; this login is a new device.
      await deleteDeviceDb(userId);
      forgetDeviceId(userId);
      deviceId = deviceIdFor(userId);
    }
    const registered = reg === 'ok' || (reg === 'revoked' && (await register(deviceId)) === 'ok');

    const c = blank(userId, me, null, deviceId);
    c.registered = registered;
    c.stopped = reg === 'update_required';
    let lock: LockState = 'open';
    try {
      const opened = await openDeviceStore(userId, password, { iterations: config.iterations });
      c.db = opened.db;
      c.key = opened.key;
    } catch (e) {
      if (!(e instanceof WrongPasswordError)) throw e;
      const db = openDeviceDb(userId);
      if ((await db.outbox.count()) === 0) {
        db.close();
        const fresh = await createDeviceStore(userId, password, { iterations: config.iterations });
        c.db = fresh.db;
        c.key = fresh.key;
      } else {
        c.db = db;
        c.newKek = await newKek(password, config.iterations);
        lock = 'password_changed';
      }
    }
    await setMeta(c.db!, 'device_id', deviceId);
    await saveMe(c);
    rememberStore(userId, me.user.display_name, config.now());
    setLockedFlag(userId, lock !== 'open');
    saveActivity(config.now().getTime());
    begin(c);
    setLock(lock);
    if (c.stopped) setSyncStatus({ state: 'update_required' });
    await refresh(c);
    if (lock === 'open') void syncNow();
  } catch {
    // IndexedDB unavailable (some private modes) or broken: online work goes on without a store.
    await detach();
  }
}

/**
 * On start with a live session: attaches the user's store without its key
 * (that needs the password). Locked screen when it was locked before the
 * reload, idle for too long, or too long without a sync.
 */
export function deviceResume(me: Me): Promise<void> {
  return serial(() => attachAtStart(me));
}

async function attachAtStart(me: Me): Promise<void> {
  if (!usesOfflineStore(me)) {
    await detach();
    return;
  }
  const userId = me.user.id;
  if (state.current?.userId === userId) {
    // Started offline, now confirmed online: keep going, with the fresh Me.
    state.current.me = me;
    await saveMe(state.current);
    return;
  }
  await detach();
  try {
    const exists = await deviceDbExists(userId);
    const db = exists ? openDeviceDb(userId) : null;
    if (!db || !(await hasStoreKey(db))) {
      db?.close();
      begin(blank(userId, me, null, deviceIdFor(userId)));
      return;
    }
    const c = blank(userId, me, db, (await getMeta(db, 'device_id')) ?? deviceIdFor(userId));
    const last = lastActivity();
    const idle = lockedFlag(userId) || (last !== null && config.now().getTime() - last >= config.idleMs);
    begin(c);
    setLock(idle ? 'idle' : 'closed');
    if (idle) {
      c.watch?.stop();
      setLockedFlag(userId, true);
    }
    await refresh(c);
    tick(c);
  } catch {
    await detach();
  }
}

/** The store an offline start can unlock: the last used on this device, if it is still there. */
export async function offlineCandidate(): Promise<KnownStore | null> {
  const s = lastStore();
  if (!s) return null;
  try {
    return (await deviceDbExists(s.user_id)) ? s : null;
  } catch {
    return null;
  }
}

/** Offline start: opens the store with the password and gives back the user's cached Me. WrongPasswordError on a wrong one. */
export function unlockOffline(userId: string, password: string): Promise<Me> {
  return serial(() => attachOffline(userId, password));
}

async function attachOffline(userId: string, password: string): Promise<Me> {
  await detach();
  const db = openDeviceDb(userId);
  try {
    const key = await openStoreKey(db, password);
    const sealed = await getMeta(db, 'me');
    if (!sealed) throw new OfflineError('no_device', 'no cached Me');
    const me = await decryptJson<Me>(key, sealed);
    const c = blank(userId, me, db, (await getMeta(db, 'device_id')) ?? deviceIdFor(userId));
    c.key = key;
    setLockedFlag(userId, false);
    saveActivity(config.now().getTime());
    begin(c);
    setLock('open');
    await refresh(c);
    tick(c);
    if (getSyncStatus().lock === 'open' && online()) void syncNow();
    return me;
  } catch (e) {
    if (state.current?.db !== db) db.close();
    throw e;
  }
}

/** Logout: deletes the store of the logged-in user (warn first when `pending` > 0). */
export function wipeDevice(): Promise<void> {
  return serial(async () => {
    const c = state.current;
    await detach();
    if (!c) return;
    await deleteDeviceDb(c.userId, c.db ?? undefined);
    forgetStore(c.userId);
    setLockedFlag(c.userId, false);
  });
}

