// What one sync works with: the open store, the device, the network.
import { ApiError } from '../api/errors';
import type { DeviceDb } from './db';
import type { Fetch } from './transport';

export interface SyncContext {
  db: DeviceDb;
  key: CryptoKey;
  userId: string;
  deviceId: string;
  fetch: Fetch;
  now: () => Date;
  /** Runs first, inside the sync (its failures count as the sync's): registering the device once per page. */
  prepare?: () => Promise<void>;
  /** Registers the device again: the server answered 404 (it does not know it). */
  register?: () => Promise<void>;
}

/** Runs a push or pull; on 404 (unknown device) registers again and tries once more. */
export async function withRegistration<T>(ctx: SyncContext, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404 || !ctx.register) throw e;
    await ctx.register();
    return request();
  }
}
