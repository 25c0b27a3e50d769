// The store's data key in its database: made at the first login, opened
// with the password at later logins and unlocks, wrapped again when the
// password changes.
import { newDataKey, PBKDF2_ITERATIONS, unwrapDataKey, wrapDataKey, wrapWithKek, type Kek } from './crypto';
import { getMeta, setMeta, type DeviceDb } from './db';
import { OfflineError } from './errors';

export async function hasStoreKey(db: DeviceDb): Promise<boolean> {
  return (await getMeta(db, 'key')) !== undefined;
}

/** Makes the store's data key and keeps it wrapped under the password (or a key already derived from it). */
export async function createStoreKey(db: DeviceDb, password: string | Kek, iterations: number = PBKDF2_ITERATIONS): Promise<CryptoKey> {
  const key = await newDataKey();
  const wrapped = typeof password === 'string' ? await wrapDataKey(key, password, iterations) : await wrapWithKek(key, password);
  await db.transaction('rw', db.meta, async () => {
    await setMeta(db, 'key', wrapped);
    if (!(await getMeta(db, 'created_at'))) await setMeta(db, 'created_at', new Date().toISOString());
  });
  return key;
}

/** The store's data key; WrongPasswordError when the password does not open it. */
export async function openStoreKey(db: DeviceDb, password: string): Promise<CryptoKey> {
  const wrapped = await getMeta(db, 'key');
  if (!wrapped) throw new OfflineError('no_device', 'no key');
  return unwrapDataKey(wrapped, password);
}

/** Wraps the data key under a new password (a changed password). */
export async function rewrapStoreKey(db: DeviceDb, key: CryptoKey, password: string | Kek, iterations: number = PBKDF2_ITERATIONS): Promise<void> {
  const wrapped = typeof password === 'string' ? await wrapDataKey(key, password, iterations) : await wrapWithKek(key, password);
  await setMeta(db, 'key', wrapped);
}
