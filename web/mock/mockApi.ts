// An in-memory stand-in for the Hamyar server, following docs/api-contract.md,
// for developing the web app before (or without) the Rust server:
//   HAMYAR_MOCK=1 npm run dev      (or `npm run preview` after a build)
// Seeded users (password = username + "-pass-1"): admin (hq_admin),
// manager (center_manager), helper (helper). Not used by tests or production.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'vite';
import type { components } from '../src/api/schema';
import { isHostBody, type HostBody, type Permission } from '../src/api/types';
import { FamilyFail, createFamilyRegistry } from './mockFamilies';

type S = components['schemas'];
type Role = S['Role'];
type StoredUser = S['User'] & { password: string };

const now = () => new Date().toISOString();

function seed() {
  const hq: S['Headquarters'] = {
    id: randomUUID(),
    code: 'THR',
    name: 'ستاد استان تهران',
    level: 'province',
    version: 1,
    created_at: now(),
    updated_at: now(),
  };
  const center = (code: string, name: string, host_body: HostBody, neighborhood: string, opened_on: string | null): S['Center'] => ({
    id: randomUUID(),
    hq_id: hq.id,
    code,
    name,
    host_body,
    neighborhood,
    address: '',
    opened_on,
    version: 1,
    created_at: now(),
    updated_at: now(),
  });
  const centers = [
    center('C-001', 'مرکز همیاری محله نارمک', 'mosque', 'نارمک', '2025-03-20'),
    center('C-002', 'مرکز همیاری خانی‌آباد', 'charity', 'خانی‌آباد نو', null),
  ];
  const user = (username: string, display_name: string, role: Role, center_id: string | null): StoredUser => ({
    id: randomUUID(),
    username,
    display_name,
    role,
    hq_id: role === 'hq_admin' ? hq.id : null,
    center_id,
    disabled: false,
    version: 1,
    created_at: now(),
    updated_at: now(),
    password: `${username}-pass-1`,
  });
  const users = [
    user('admin', 'مریم احمدی', 'hq_admin', null),
    user('manager', 'علی رضایی', 'center_manager', centers[0]!.id),
    user('helper', 'زهرا کریمی', 'helper', centers[0]!.id),
  ];
  const families = createFamilyRegistry(centers);
  return { hq, centers, users, families, sessions: new Map<string, string>(), failures: new Map<string, number>() };
}

const PERMISSIONS: Record<Role, Permission[]> = {
  // Headquarters see families only in aggregate (later reports), never one by one.
  hq_admin: ['centers.read', 'centers.create', 'centers.update', 'users.read', 'users.create', 'users.update'],
  center_manager: ['centers.read', 'centers.update', 'users.read', 'users.create', 'users.update', 'families.read', 'families.create'],
  helper: ['centers.read', 'families.read'],
  specialist: ['centers.read'],
  commission_member: ['centers.read'],
  trainer: ['centers.read'],
};
const CREATABLE: Record<Role, Role[]> = {
  hq_admin: ['hq_admin', 'center_manager', 'helper', 'specialist', 'commission_member', 'trainer'],
  center_manager: ['helper', 'specialist', 'commission_member', 'trainer'],
  helper: [],
  specialist: [],
  commission_member: [],
  trainer: [],
};

class Fail extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string | null = null,
    readonly headers: Record<string, string> = {},
    readonly reason: string | null = null,
  ) {
    super(code);
  }
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (body === undefined) return res.end();
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readRaw(req)).toString('utf8');
  if (!(req.headers['content-type'] ?? '').includes('application/json')) throw new Fail(415, 'unsupported_media_type');
  try {
    const v = JSON.parse(raw) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error();
    return v as Record<string, unknown>;
  } catch {
    throw new Fail(400, 'malformed_json');
  }
}

export function createMockHandler() {
  const db = seed();
  const strip = ({ password: _pw, ...u }: StoredUser): S['User'] => u;

  function me(u: StoredUser): S['Me'] {
    const c = db.centers.find((x) => x.id === u.center_id);
    return {
      user: strip(u),
      headquarters: u.hq_id || c ? { id: db.hq.id, code: db.hq.code, name: db.hq.name } : null,
      center: c ? { id: c.id, code: c.code, name: c.name } : null,
      permissions: PERMISSIONS[u.role],
      creatable_roles: CREATABLE[u.role],
    };
  }

  function newSession(res: ServerResponse, userId: string) {
    const token = randomUUID();
    db.sessions.set(token, userId);
    res.setHeader('Set-Cookie', `hamyar_session=${token}; HttpOnly; SameSite=Strict; Path=/`);
  }

  function current(req: IncomingMessage): { user: StoredUser; token: string } {
    const token = /(?:^|;\s*)hamyar_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (!token) throw new Fail(401, 'unauthenticated');
    const id = db.sessions.get(token);
    if (!id) throw new Fail(401, 'session_expired');
    const user = db.users.find((u) => u.id === id);
    if (!user) throw new Fail(401, 'session_expired');
    if (user.disabled) throw new Fail(403, 'account_disabled');
    return { user, token };
  }

  const need = (u: StoredUser, p: Permission) => {
    if (!PERMISSIONS[u.role].includes(p)) throw new Fail(403, 'forbidden');
  };
  const visibleCenters = (u: StoredUser) => (u.role === 'hq_admin' ? db.centers : db.centers.filter((c) => c.id === u.center_id));
  const visibleUsers = (u: StoredUser) =>
    u.role === 'hq_admin' ? db.users : u.role === 'center_manager' ? db.users.filter((x) => x.center_id === u.center_id) : [];
  const str = (v: unknown, field: string, required = true): string | undefined => {
    if (v === undefined || v === null) {
      if (required) throw new Fail(422, 'validation', field, {}, 'required');
      return undefined;
    }
    if (typeof v !== 'string') throw new Fail(400, 'malformed_json');
    if (required && v.trim() === '') throw new Fail(422, 'validation', field, {}, 'required');
    return v;
  };
  const hostBody = (v: unknown): HostBody => {
    const h = str(v, 'host_body');
    if (!isHostBody(h)) throw new Fail(422, 'validation', 'host_body', {}, 'unknown');
    return h;
  };
  const checkPassword = (pw: string, username: string, field: string) => {
    if (pw.length < 10) throw new Fail(422, 'weak_password', field, {}, 'too_short');
    if (pw.toLowerCase().includes(username)) throw new Fail(422, 'weak_password', field, {}, 'contains_username');
  };
  const endSessionsOf = (userId: string) => {
    for (const [token, id] of db.sessions) if (id === userId) db.sessions.delete(token);
  };

  async function route(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
    const m = req.method ?? 'GET';
    if (m === 'POST' && path === '/api/v1/auth/login') {
      const body = await readJson(req);
      const username = str(body.username, 'username') ?? '';
      const fails = db.failures.get(username) ?? 0;
      if (fails >= 5) throw new Fail(429, 'too_many_attempts', null, { 'Retry-After': '300' });
      const user = db.users.find((u) => u.username === username);
      if (!user || user.password !== body.password) {
        db.failures.set(username, fails + 1);
        throw new Fail(401, 'invalid_credentials');
      }
      if (user.disabled) throw new Fail(403, 'account_disabled');
      db.failures.delete(username);
      newSession(res, user.id);
      return send(res, 200, me(user));
    }
    if (m === 'POST' && path === '/api/v1/auth/logout') {
      const token = /(?:^|;\s*)hamyar_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      if (token) db.sessions.delete(token);
      return send(res, 204, undefined, { 'Set-Cookie': 'hamyar_session=; Max-Age=0; Path=/' });
    }
    const { user } = current(req);
    if (m === 'GET' && path === '/api/v1/me') return send(res, 200, me(user));
    if (m === 'POST' && path === '/api/v1/me/password') {
      const body = await readJson(req);
      if (body.current_password !== user.password) throw new Fail(422, 'wrong_password', 'current_password');
      const pw = str(body.new_password, 'new_password') ?? '';
      checkPassword(pw, user.username, 'new_password');
      user.password = pw;
      endSessionsOf(user.id);
      newSession(res, user.id);
      return send(res, 200, me(user));
    }
    if (m === 'GET' && path === '/api/v1/headquarters') return send(res, 200, { items: user.hq_id ? [db.hq] : [] });
    if (m === 'GET' && path === '/api/v1/centers') {
      need(user, 'centers.read');
      return send(res, 200, { items: visibleCenters(user) });
    }
    if (m === 'POST' && path === '/api/v1/centers') {
      need(user, 'centers.create');
      const b = await readJson(req);
      const code = str(b.code, 'code') ?? '';
      if (db.centers.some((c) => c.code === code)) throw new Fail(409, 'duplicate_code', 'code');
      const c: S['Center'] = {
        id: randomUUID(),
        hq_id: db.hq.id,
        code,
        name: str(b.name, 'name') ?? '',
        host_body: hostBody(b.host_body),
        neighborhood: str(b.neighborhood, 'neighborhood', false) ?? '',
        address: str(b.address, 'address', false) ?? '',
        opened_on: str(b.opened_on, 'opened_on', false) ?? null,
        version: 1,
        created_at: now(),
        updated_at: now(),
      };
      db.centers.push(c);
      return send(res, 201, c);
    }
    const centerId = /^\/api\/v1\/centers\/([^/]+)$/.exec(path)?.[1];
    if (centerId) {
      need(user, 'centers.read');
      const c = visibleCenters(user).find((x) => x.id === centerId);
      if (!c) throw new Fail(404, 'not_found');
      if (m === 'GET') return send(res, 200, c);
      if (m === 'PATCH') {
        need(user, 'centers.update');
        const b = await readJson(req);
        if (b.version !== c.version) throw new Fail(409, 'version_conflict', 'version');
        if (b.name !== undefined) c.name = str(b.name, 'name') ?? c.name;
        if (b.host_body !== undefined) c.host_body = hostBody(b.host_body);
        if (b.neighborhood !== undefined) c.neighborhood = str(b.neighborhood, 'neighborhood', false) ?? '';
        if (b.address !== undefined) c.address = str(b.address, 'address', false) ?? '';
        if (b.opened_on !== undefined) c.opened_on = (b.opened_on as string | null) ?? null;
        c.version++;
        c.updated_at = now();
        return send(res, 200, c);
      }
    }
    if (m === 'GET' && path === '/api/v1/users') {
      need(user, 'users.read');
      const cid = query.get('center_id');
      return send(res, 200, { items: visibleUsers(user).filter((u) => !cid || u.center_id === cid).map(strip) });
    }
    if (m === 'POST' && path === '/api/v1/users') {
      need(user, 'users.create');
      const b = await readJson(req);
      const role = str(b.role, 'role') as Role;
      if (!CREATABLE[user.role].includes(role)) throw new Fail(403, 'forbidden');
      const username = str(b.username, 'username') ?? '';
      if (username.length < 3 || username.length > 64) throw new Fail(422, 'validation', 'username', {}, 'length');
      if (!/^[a-z][a-z0-9._-]*$/.test(username)) throw new Fail(422, 'validation', 'username', {}, 'format');
      if (db.users.some((u) => u.username === username)) throw new Fail(409, 'duplicate_username', 'username');
      const password = str(b.password, 'password') ?? '';
      checkPassword(password, username, 'password');
      const center_id = role === 'hq_admin' ? null : user.role === 'hq_admin' ? ((b.center_id as string) ?? null) : user.center_id;
      if (role !== 'hq_admin' && !center_id) throw new Fail(422, 'validation', 'center_id', {}, 'required');
      if (role !== 'hq_admin' && !db.centers.some((c) => c.id === center_id)) throw new Fail(422, 'validation', 'center_id', {}, 'unknown');
      const u: StoredUser = {
        id: randomUUID(),
        username,
        display_name: str(b.display_name, 'display_name') ?? '',
        role,
        hq_id: role === 'hq_admin' ? db.hq.id : null,
        center_id,
        disabled: false,
        version: 1,
        created_at: now(),
        updated_at: now(),
        password,
      };
      db.users.push(u);
      return send(res, 201, strip(u));
    }
    const userMatch = /^\/api\/v1\/users\/([^/]+)(\/password)?$/.exec(path);
    if (userMatch) {
      need(user, 'users.read');
      const target = visibleUsers(user).find((x) => x.id === userMatch[1]);
      if (!target) throw new Fail(404, 'not_found');
      if (m === 'GET' && !userMatch[2]) return send(res, 200, strip(target));
      need(user, 'users.update');
      if (!CREATABLE[user.role].includes(target.role) || target.id === user.id) throw new Fail(403, 'forbidden');
      const b = await readJson(req);
      if (m === 'PATCH' && !userMatch[2]) {
        if (b.version !== target.version) throw new Fail(409, 'version_conflict', 'version');
        if (typeof b.display_name === 'string') target.display_name = b.display_name;
        if (typeof b.disabled === 'boolean') {
          target.disabled = b.disabled;
          if (b.disabled) endSessionsOf(target.id);
        }
        target.version++;
        target.updated_at = now();
        return send(res, 200, strip(target));
      }
      if (m === 'POST' && userMatch[2]) {
        const pw = str(b.new_password, 'new_password') ?? '';
        checkPassword(pw, target.username, 'new_password');
        target.password = pw;
        endSessionsOf(target.id);
        return send(res, 204);
      }
    }
    if (path === '/api/v1/families' || path.startsWith('/api/v1/families/')) {
      need(user, 'families.read');
      // A helper has the page but no families until assignments exist.
      const answer = await db.families.route(user, m, path, query, () => readJson(req), () => readRaw(req));
      if (answer && answer.file) {
        res.statusCode = answer.status;
        res.setHeader('Content-Type', answer.file.type);
        res.setHeader('Content-Disposition', `attachment; filename="${answer.file.name}"`);
        return res.end(answer.file.bytes);
      }
      if (answer) return send(res, answer.status, answer.body);
      throw new Fail(405, 'method_not_allowed');
    }
    throw new Fail(404, 'not_found');
  }

  return async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = new URL(req.url ?? '/', 'http://mock');
    if (url.pathname === '/healthz') return send(res, 200, { status: 'ok' });
    if (!url.pathname.startsWith('/api/')) return next();
    try {
      await route(req, res, url.pathname, url.searchParams);
    } catch (e) {
      if (e instanceof Fail) {
        const error = { code: e.code, message: `${e.code} / ${e.code}`, field: e.field, reason: e.reason };
        return send(res, e.status, { error }, e.headers);
      }
      if (e instanceof FamilyFail) {
        const error = { code: e.code, message: e.text ?? `${e.code} / ${e.code}`, field: e.field, reason: e.reason };
        return send(res, e.status, { error });
      }
      send(res, 500, { error: { code: 'internal', message: 'internal / internal', field: null, reason: null } });
    }
  };
}

export function mockApi(): Plugin {
  const handler = createMockHandler();
  return {
    name: 'hamyar-mock-api',
    configureServer(server) {
      server.middlewares.use((req, res, next) => void handler(req, res, next));
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => void handler(req, res, next));
    },
  };
}
