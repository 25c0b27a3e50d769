// Opening the lock (the password; after a password change the old one;
// when stale, a successful sync too), and the key under a new password.
import { deleteDeviceDb, openDeviceDb, setMeta } from './db';
import { saveActivity, setLockedFlag } from './device';
import { createStoreKey, openStoreKey, rewrapStoreKey } from './keys';
import type { LockState } from './lock';
import { attached, config, online, refresh, saveMe, setLock, staleNow, state } from './runtime';
import { syncNow } from './background';
import { getSyncStatus } from './status';

/**
 * Opens the lock with the password (WrongPasswordError otherwise). After a
 * password change it takes the old password, and wraps the key under the
 * new one. When the last sync is too old, the lock stays until a sync
 * succeeds: the result says which.
 */
export async function unlockDevice(password: string): Promise<LockState> {
  const c = attached();
  const db = c.db!;
  const key = await openStoreKey(db, password);
  if (c !== state.current) return getSyncStatus().lock;
  if (getSyncStatus().lock === 'password_changed' && c.newKek) {
    await rewrapStoreKey(db, key, c.newKek);
    c.newKek = null;
  }
  c.key = key;
  await saveMe(c);
  await refresh(c);
  if (staleNow(c)) {
    setLock('stale');
    const result = await syncNow();
    if (c !== state.current) return getSyncStatus().lock;
    if (result?.state !== 'ok') {
      c.key = null;
      setLock('stale');
      return 'stale';
    }
  }
  setLockedFlag(c.userId, false);
  saveActivity(config.now().getTime());
  setLock('open');
  c.watch?.start();
  if (getSyncStatus().state !== 'ok' && online()) void syncNow();
  return 'open';
}

/**
 * After a password change, when the old password is not known: the unsent
 * edits are given up, the store starts afresh under the new password.
 */
export async function discardAndStartFresh(): Promise<void> {
  const c = attached();
  if (!c.newKek) return;
  const kek = c.newKek;
  await deleteDeviceDb(c.userId, c.db!);
  const db = openDeviceDb(c.userId);
  c.db = db;
  c.key = await createStoreKey(db, kek);
  c.newKek = null;
  await setMeta(db, 'cursor', '');
  await setMeta(db, 'device_id', c.deviceId);
  await saveMe(c);
  setLockedFlag(c.userId, false);
  setLock('open');
  c.watch?.start();
  await refresh(c);
  void syncNow();
}

/** The password was changed in this app: the key is wrapped under the new one. */
export async function rewrapForNewPassword(currentPassword: string, newPassword: string): Promise<void> {
  const c = state.current;
  if (!c?.db) return;
  try {
    const key = c.key ?? (await openStoreKey(c.db, currentPassword));
    await rewrapStoreKey(c.db, key, newPassword, config.iterations);
  } catch {
    // The store was under another password already: the next login sorts it out.
  }
}

