import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import type { Me } from '../api/types';
import { WrongPasswordError } from './crypto';
import { dbName, setMeta } from './db';
import { knownStores } from './device';
import { applyPage } from './pull';
import { attachedUser, configureDevice, currentDb, detachDevice, onDeviceEvent, openStore, refreshStatus, resetDeviceConfig } from './runtime';
import { deviceLogin, deviceResume, offlineCandidate, unlockOffline, wipeDevice } from './attach';
import { enqueueMutation, lockDevice, syncNow } from './background';
import { unlockDevice } from './unlock';
import { getSyncStatus } from './status';
import { applied, errorBody, family, json, member, page, scripted, TEST_ITERATIONS } from './testing';
import type { Fetch } from './transport';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

let n = 0;
function helper(): Me {
  n++;
  const id = `helper-${n}-${Math.random().toString(36).slice(2)}`;
  return {
    user: {
      id,
      username: `helper${n}`,
      display_name: 'زهرا احمدی',
      role: 'helper',
      center_id: 'c1',
      hq_id: 'h1',
      disabled: false,
      created_at: '2025-01-01T00:00:00Z',
      updated_at: '2025-01-01T00:00:00Z',
      version: 1,
    },
    center: null,
    headquarters: null,
    creatable_roles: [],
    permissions: ['families.read', 'my.families', 'sync.offline'],
  };
}

/** A server that knows the device and has one family for it. */
function server(over: Parameters<typeof scripted>[0] = {}) {
  return scripted({
    push: (req) => json({ results: req.mutations.map((m) => applied(m.id, 2)) }),
    pull: () => json(page({ cursor: 'c1', families: [family('f1')], members: [member('m1', 'f1')] })),
    ...over,
  });
}

const offline: Fetch = async () => {
  throw new TypeError('Failed to fetch');
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
  localStorage.clear();
  configureDevice({ iterations: TEST_ITERATIONS, tickMs: 1000 });
});

afterEach(async () => {
  await wipeDevice();
  resetDeviceConfig();
  vi.useRealTimers();
});

/** Lets the background work (a sync started by login, IndexedDB) finish. */
async function settle() {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
  await syncNow();
}

describe('logging in on the device', () => {
  it('makes the store, registers the device and syncs', async () => {
    const me = helper();
    const s = server();
    configureDevice({ fetch: s.fetch });
    await deviceLogin(me, 'a long password');
    await settle();
    expect(getSyncStatus()).toMatchObject({ active: true, lock: 'open', state: 'ok', pending: 0 });
    expect(s.calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/sync/devices', body: { protocol: 1 } });
    expect(getSyncStatus().lastSyncAt).toBe('2025-03-01T10:00:00.000Z');
    expect(knownStores().map((k) => k.user_id)).toEqual([me.user.id]);
  });

  it('keeps no store for users without offline work', async () => {
    const me = { ...helper(), permissions: ['families.read' as const] };
    configureDevice({ fetch: server().fetch });
    await deviceLogin(me, 'a long password');
    expect(getSyncStatus().active).toBe(false);
    expect(await Dexie.exists(dbName(me.user.id))).toBe(false);
  });
});

describe('locking', () => {
  it('locks after 10 minutes without input, drops the key, and the password opens it (offline too)', async () => {
    const me = helper();
    configureDevice({ fetch: server().fetch });
    await deviceLogin(me, 'a long password');
    await settle();
    configureDevice({ fetch: offline });
    await vi.advanceTimersByTimeAsync(5 * MIN);
    window.dispatchEvent(new Event('keydown'));
    await vi.advanceTimersByTimeAsync(9 * MIN);
    expect(getSyncStatus().lock).toBe('open');
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(getSyncStatus().lock).toBe('idle');
    expect(() => openStore()).toThrow(expect.objectContaining({ code: 'locked' }));
    await expect(unlockDevice('a wrong password')).rejects.toBeInstanceOf(WrongPasswordError);
    expect(getSyncStatus().lock).toBe('idle');
    expect(await unlockDevice('a long password')).toBe('open');
    expect(openStore().key).toBeDefined();
  });

  it('stays locked across a reload', async () => {
    const me = helper();
    configureDevice({ fetch: server().fetch });
    await deviceLogin(me, 'a long password');
    await settle();
    lockDevice();
    await detachDevice();
    await deviceResume(me);
    expect(getSyncStatus().lock).toBe('idle');
  });

  it('a reload soon after use leaves the screen free, the key out of memory', async () => {
    const me = helper();
    configureDevice({ fetch: server().fetch });
    await deviceLogin(me, 'a long password');
    await settle();
    await detachDevice();
    await vi.advanceTimersByTimeAsync(MIN);
    await deviceResume(me);
    expect(getSyncStatus()).toMatchObject({ active: true, lock: 'closed' });
    expect(() => openStore()).toThrow(expect.objectContaining({ code: 'locked' }));
    // Long unused before the reload: locked.
    await detachDevice();
    await vi.advanceTimersByTimeAsync(11 * MIN);
    await deviceResume(me);
    expect(getSyncStatus().lock).toBe('idle');
  });

  it('locks when the last sync is older than lock_after_days, and only a sync opens it', async () => {
    const me = helper();
    configureDevice({ fetch: server().fetch });
    await deviceLogin(me, 'a long password');
    await settle();
    await setMeta(currentDb()!, 'lock_after_days', 14);
    await refreshStatus();
    // Fifteen days later, offline all along.
    configureDevice({ fetch: offline });
    vi.setSystemTime(new Date(Date.now() + 15 * DAY));
    await vi.advanceTimersByTimeAsync(1000);
    expect(getSyncStatus().lock).toBe('stale');
    expect(() => openStore()).toThrow(expect.objectContaining({ code: 'locked' }));
    // The password alone does not open it while the sync fails.
    expect(await unlockDevice('a long password')).toBe('stale');
    expect(getSyncStatus()).toMatchObject({ lock: 'stale', state: 'offline' });
    expect(() => openStore()).toThrow(expect.objectContaining({ code: 'locked' }));
    // Online again: the sync succeeds and opens it.
    configureDevice({ fetch: server().fetch });
    expect(await unlockDevice('a long password')).toBe('open');
    expect(getSyncStatus().lastSyncAt).toBe(new Date().toISOString());
  });
});

describe('starting offline', () => {
  it('opens the last store with the password and gives back the cached Me', async () => {
    const me = helper();
    configureDevice({ fetch: server().fetch });
    await deviceLogin(me, 'a long password');
    await settle();
    await detachDevice();
    configureDevice({ fetch: offline });
    expect(await offlineCandidate()).toMatchObject({ user_id: me.user.id, display_name: 'زهرا احمدی' });
    await expect(unlockOffline(me.user.id, 'nope')).rejects.toBeInstanceOf(WrongPasswordError);
    expect(await unlockOffline(me.user.id, 'a long password')).toEqual(me);
    expect(getSyncStatus()).toMatchObject({ active: true, lock: 'open' });
    expect(attachedUser()).toBe(me.user.id);
  });
});

describe('a password changed on the server', () => {
  it('starts afresh when nothing is unsent', async () => {
    const me = helper();
    configureDevice({ fetch: server().fetch });
    await deviceLogin(me, 'the old password');
    await settle();
    await deviceLogin(me, 'the new password');
    expect(getSyncStatus().lock).toBe('open');
    lockDevice();
    expect(await unlockDevice('the new password')).toBe('open');
  });

  it('keeps unsent edits and takes the old password once', async () => {
    const me = helper();
    configureDevice({ fetch: offline });
    await deviceLogin(me, 'the old password');
    await applyPage(
      { ...openStore(), userId: me.user.id, deviceId: 'd', fetch: offline, now: () => new Date() },
      page({ families: [family('f1')], members: [member('m1', 'f1')] }),
    );
    await enqueueMutation({ entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'update', fields: { mobile: '09121111111' } });
    await deviceLogin(me, 'the new password');
    expect(getSyncStatus()).toMatchObject({ lock: 'password_changed', pending: 1 });
    await expect(unlockDevice('the new password')).rejects.toBeInstanceOf(WrongPasswordError);
    expect(await unlockDevice('the old password')).toBe('open');
    // From now on the new password opens it.
    lockDevice();
    expect(await unlockDevice('the new password')).toBe('open');
    expect(getSyncStatus().pending).toBe(1);
  });
});

describe('syncing in the background', () => {
  it('syncs when the connection comes back, and only one sync runs at a time', async () => {
    const me = helper();
    let pulls = 0;
    const s = server({
      pull: async () => {
        pulls++;
        return json(page());
      },
    });
    configureDevice({ fetch: s.fetch });
    await deviceLogin(me, 'a long password');
    await settle();
    const before = pulls;
    const [a, b] = [syncNow(), syncNow()];
    expect(a).toBe(b);
    await a;
    expect(pulls).toBe(before + 1);
    window.dispatchEvent(new Event('online'));
    await settle();
    expect(pulls).toBeGreaterThan(before + 1);
  });

  it('on device_revoked wipes the store, forgets the device and says so', async () => {
    const me = helper();
    const events: string[] = [];
    const off = onDeviceEvent((e) => events.push(e));
    configureDevice({ fetch: server().fetch });
    await deviceLogin(me, 'a long password');
    await settle();
    const before = JSON.parse(localStorage.getItem('hamyar.devices') ?? '{}') as Record<string, string>;
    configureDevice({ fetch: server({ pull: () => errorBody(403, 'device_revoked') }).fetch });
    const r = await syncNow();
    expect(r?.state).toBe('revoked');
    expect(events).toEqual(['revoked']);
    expect(attachedUser()).toBeNull();
    expect(await Dexie.exists(dbName(me.user.id))).toBe(false);
    const after = JSON.parse(localStorage.getItem('hamyar.devices') ?? '{}') as Record<string, string>;
    expect(before[me.user.id]).toBeDefined();
    expect(after[me.user.id]).toBeUndefined();
    expect(knownStores()).toEqual([]);
    off();
  });

  it('stops syncing on 426 and keeps the outbox', async () => {
    const me = helper();
    configureDevice({ fetch: server().fetch });
    await deviceLogin(me, 'a long password');
    await settle();
    await enqueueMutation({ entity: 'family_member', entity_id: 'm1', family_id: 'f1', op: 'update', fields: { mobile: '0912' } });
    const s = server({ push: () => errorBody(426, 'protocol_unsupported') });
    configureDevice({ fetch: s.fetch });
    expect((await syncNow())?.state).toBe('update_required');
    expect(getSyncStatus()).toMatchObject({ state: 'update_required', pending: 1 });
    const calls = s.calls.length;
    expect(await syncNow()).toBeNull();
    expect(s.calls.length).toBe(calls);
  });
});

describe('logging out', () => {
  it('wipes the store', async () => {
    const me = helper();
    configureDevice({ fetch: server().fetch });
    await deviceLogin(me, 'a long password');
    await settle();
    await wipeDevice();
    expect(await Dexie.exists(dbName(me.user.id))).toBe(false);
    expect(getSyncStatus().active).toBe(false);
    expect(await offlineCandidate()).toBeNull();
  });
});
