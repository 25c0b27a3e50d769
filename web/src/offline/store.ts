// Opening a user's device store with the password.
import { askPersistence, deleteDeviceDb, openDeviceDb, setMeta, type DeviceDb } from './db';
import { createStoreKey, hasStoreKey, openStoreKey } from './keys';
import type { OpenStore } from './records';

export interface OpenedStore extends OpenStore {
  userId: string;
  /** The store was made now (first login, or a fresh start). */
  created: boolean;
}

export interface OpenOptions {
  /** PBKDF2 iterations for a new key (tests pass fewer). */
  iterations?: number;
}

/** Makes a new, empty store (deleting any old one) with a key wrapped under `password`. */
export async function createDeviceStore(userId: string, password: string, options: OpenOptions = {}): Promise<OpenedStore> {
  await deleteDeviceDb(userId);
  const db = openDeviceDb(userId);
  const key = await createStoreKey(db, password, options.iterations);
  await setMeta(db, 'cursor', '');
  await askPersistence(db);
  return { db, key, userId, created: true };
}

/**
 * Opens a user's store with the password, making it if there is none.
 * WrongPasswordError (from ./crypto) when a store exists and the password does not open it.
 */
export async function openDeviceStore(userId: string, password: string, options: OpenOptions = {}): Promise<OpenedStore> {
  const db: DeviceDb = openDeviceDb(userId);
  if (!(await hasStoreKey(db))) {
    db.close();
    return createDeviceStore(userId, password, options);
  }
  try {
    return { db, key: await openStoreKey(db, password), userId, created: false };
  } catch (e) {
    db.close();
    throw e;
  }
}
