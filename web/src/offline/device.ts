// What the installation remembers outside the encrypted stores, in
// localStorage: its device id per user, which users have a store (for
// starting offline), and when the helper last touched the app (so that a
// reload does not get round the inactivity lock).
import { uuidv7 } from './uuidv7';

const DEVICES = 'hamyar.devices';
const STORES = 'hamyar.offline.stores';
const ACTIVITY = 'hamyar.offline.activity';
const LOCKED = 'hamyar.offline.locked';

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or full: this page keeps working, a reload forgets.
  }
}

/**
 * This installation's device id for a user, made once. Per user, not per
 * browser: the server ties a device id to one user and refuses it to another.
 */
export function deviceIdFor(userId: string): string {
  const all = read<Record<string, string>>(DEVICES, {});
  let id = all[userId];
  if (!id) {
    id = uuidv7();
    write(DEVICES, { ...all, [userId]: id });
  }
  return id;
}

/** A revoked device id is dead for good: the next login registers a new one. */
export function forgetDeviceId(userId: string): void {
  const all = read<Record<string, string>>(DEVICES, {});
  delete all[userId];
  write(DEVICES, all);
}

/** A user whose store is on this installation: enough to offer an offline unlock. */
export interface KnownStore {
  user_id: string;
  display_name: string;
  used_at: string;
}

export function knownStores(): KnownStore[] {
  const list = read<KnownStore[]>(STORES, []);
  return Array.isArray(list) ? list.filter((s) => typeof s?.user_id === 'string') : [];
}

export function rememberStore(userId: string, displayName: string, now: Date = new Date()): void {
  const others = knownStores().filter((s) => s.user_id !== userId);
  write(STORES, [{ user_id: userId, display_name: displayName, used_at: now.toISOString() }, ...others]);
}

export function forgetStore(userId: string): void {
  write(STORES, knownStores().filter((s) => s.user_id !== userId));
}

/** The store used last (the one an offline start unlocks). */
export function lastStore(): KnownStore | null {
  return [...knownStores()].sort((a, b) => b.used_at.localeCompare(a.used_at))[0] ?? null;
}

export function lastActivity(): number | null {
  const v = read<number | null>(ACTIVITY, null);
  return typeof v === 'number' ? v : null;
}

export function saveActivity(at: number): void {
  write(ACTIVITY, at);
}

/** Users whose app was locked when it was last open: a reload must not open it. */
export function lockedFlag(userId: string): boolean {
  return read<string[]>(LOCKED, []).includes(userId);
}

export function setLockedFlag(userId: string, locked: boolean): void {
  const others = read<string[]>(LOCKED, []).filter((u) => u !== userId);
  write(LOCKED, locked ? [...others, userId] : others);
}

/** A name the manager recognizes in the device list, e.g. "Android · Chrome". */
export function deviceName(ua: string = typeof navigator === 'undefined' ? '' : navigator.userAgent): string {
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  const browser = /SamsungBrowser/.test(ua)
    ? 'Samsung Internet'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : '';
  return [os, browser].filter(Boolean).join(' · ') || 'Browser';
}
