// The session with a helper's device store: login makes it, a start
// without a connection offers to open it, logout wipes it.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import type { Me } from '../api/types';
import { dbName } from '../offline/db';
import { configureDevice, detachDevice, getSyncStatus, syncNow, WrongPasswordError } from '../offline';
import { errorBody, family, json, page, TEST_ITERATIONS } from '../offline/testing';

type Handler = (url: URL, init: RequestInit | undefined) => Response | Promise<Response>;
let handler: Handler = () => {
  throw new TypeError('Failed to fetch');
};
/** Every request of the app, the typed client's and the sync's, goes to `handler`. */
async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : null;
  const url = new URL(request ? request.url : String(input), 'http://hamyar.test');
  return handler(url, request ? { method: request.method } : init);
}
vi.mock('../api/client', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../api/client')>();
  return { ...mod, api: mod.createApi({ baseUrl: 'http://hamyar.test', fetch: (r) => fakeFetch(r) }) };
});
const session = await import('./session');

const me: Me = {
  user: {
    id: `u-${Math.random().toString(36).slice(2)}`,
    username: 'helper.zahra',
    display_name: 'زهرا موسوی',
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

const online: Handler = (url) => {
  if (url.pathname === '/api/v1/auth/login') return json(me);
  if (url.pathname === '/api/v1/auth/logout') return new Response(null, { status: 204 });
  if (url.pathname === '/api/v1/me') return json(me);
  if (url.pathname === '/api/v1/sync/devices') return json({});
  if (url.pathname === '/api/v1/sync/pull') return json(page({ families: [family('f1')] }));
  return errorBody(404, 'not_found');
};
const offline: Handler = () => {
  throw new TypeError('Failed to fetch');
};

beforeAll(() => {
  configureDevice({ iterations: TEST_ITERATIONS, fetch: fakeFetch });
});

afterEach(async () => {
  handler = online;
  if (session.getSession().status === 'authenticated') await session.logout();
  await detachDevice();
});

describe('a helper’s session and the device store', () => {
  it('makes the store at login and opens it with the password when the app starts offline', async () => {
    handler = online;
    await session.login('helper.zahra', 'a long password');
    await syncNow();
    expect(getSyncStatus()).toMatchObject({ active: true, lock: 'open', state: 'ok' });

    // The page is reloaded without a connection.
    await detachDevice();
    handler = offline;
    await session.loadSession();
    const s = session.getSession();
    expect(s.status).toBe('offline_locked');
    if (s.status !== 'offline_locked') return;
    expect(s.store).toMatchObject({ user_id: me.user.id, display_name: 'زهرا موسوی' });
    await expect(session.unlockOfflineSession('not it')).rejects.toBeInstanceOf(WrongPasswordError);
    await session.unlockOfflineSession('a long password');
    expect(session.getSession()).toEqual({ status: 'authenticated', me, offline: true });
    expect(getSyncStatus()).toMatchObject({ active: true, lock: 'open' });
  });

  it('shows the plain "unreachable" screen to a browser without a store', async () => {
    handler = offline;
    localStorage.clear();
    await session.loadSession();
    expect(session.getSession().status).toBe('unreachable');
  });

  it('wipes the store at logout', async () => {
    handler = online;
    await session.login('helper.zahra', 'a long password');
    expect(await Dexie.exists(dbName(me.user.id))).toBe(true);
    await session.logout();
    expect(session.getSession()).toEqual({ status: 'anonymous', notice: null });
    expect(await Dexie.exists(dbName(me.user.id))).toBe(false);
  });

  it('logs out with a notice when the device was revoked', async () => {
    handler = online;
    await session.login('helper.zahra', 'a long password');
    handler = (url, init) => (url.pathname === '/api/v1/sync/pull' ? errorBody(403, 'device_revoked') : online(url, init));
    await syncNow();
    expect(session.getSession()).toEqual({ status: 'anonymous', notice: 'device_revoked' });
    expect(await Dexie.exists(dbName(me.user.id))).toBe(false);
  });
});
