// The family registry of the mock server (docs/api-contract.md, "Family
// registry (issue 3)"): search, paging, members, head, move, history and the
// access log, in memory. For `npm run dev:mock` only.
import { randomUUID } from 'node:crypto';
import {
  FAMILY_STATUSES,
  HOUSINGS,
  MARITAL_STATUSES,
  RELATIONS,
  SEXES,
  type AccessEntry,
  type Family,
  type FamilyDetail,
  type FamilySource,
  type HistoryEntry,
  type Member,
} from '../src/api/types';
import { nationalIdProblem, normalizeNationalId } from '../src/lib/nationalId';

/** A refusal: the mock handler turns it into the contract's error body. */
export class FamilyFail extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string | null = null,
    readonly reason: string | null = null,
    readonly text: string | null = null,
  ) {
    super(code);
  }
}

export interface Caller {
  id: string;
  display_name: string;
  role: string;
  center_id: string | null;
}

export interface CenterRef {
  id: string;
  name: string;
}

type Body = Record<string, unknown>;
type StoredFamily = Omit<Family, 'head_name' | 'member_count'>;
type Row = { family_id: string; entry: HistoryEntry };

const now = () => new Date().toISOString();

/** The server's search normalization: Arabic letters and digits to Persian/ASCII, ZWNJ and spaces ignored. */
export function normalizeForSearch(s: string): string {
  return s
    .replace(/[\u06f0-\u06f9]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[\u064a\u0649]/g, '\u06cc')
    .replace(/\u0643/g, '\u06a9')
    .replace(/\u0629/g, '\u0647')
    .replace(/[\u200c\s]/g, '')
    .toLowerCase();
}

const MEMBER_TEXT = ['father_name', 'education', 'occupation', 'health', 'disability', 'insurance', 'mobile'] as const;

export function createFamilyRegistry(centers: CenterRef[]) {
  const families: StoredFamily[] = [];
  const members: (Member & { deleted: boolean })[] = [];
  const history: Row[] = [];
  const access: { family_id: string; entry: AccessEntry }[] = [];
  let seq = 0;

  const membersOf = (familyId: string) => {
    const list = members.filter((m) => m.family_id === familyId && !m.deleted);
    // Head first, then by birth date (unknown last).
    return list.sort((a, b) => {
      if (a.relation === 'head' && b.relation !== 'head') return -1;
      if (b.relation === 'head' && a.relation !== 'head') return 1;
      return (a.birth_date ?? '9999').localeCompare(b.birth_date ?? '9999');
    });
  };
  const strip = ({ deleted: _d, ...m }: Member & { deleted: boolean }): Member => m;
  const view = (f: StoredFamily): Family => {
    const list = membersOf(f.id);
    const head = list.find((m) => m.id === f.head_member_id);
    return { ...f, head_name: head ? `${head.first_name} ${head.last_name}` : '', member_count: list.length };
  };
  const detail = (f: StoredFamily): FamilyDetail => ({ ...view(f), members: membersOf(f.id).map(strip) });

  function log(family_id: string, actor: Caller | null, entity: HistoryEntry['entity'], entity_id: string, op: HistoryEntry['op'], changes: HistoryEntry['changes']) {
    history.push({
      family_id,
      entry: {
        seq: ++seq,
        at: now(),
        actor: actor ? { id: actor.id, display_name: actor.display_name } : null,
        entity,
        entity_id,
        op,
        changes,
      },
    });
  }

  const text = (v: unknown, field: string, required = false): string => {
    if (v === undefined || v === null) {
      if (required) throw new FamilyFail(422, 'validation', field, 'required');
      return '';
    }
    if (typeof v !== 'string') throw new FamilyFail(400, 'malformed_json');
    if (required && v.trim() === '') throw new FamilyFail(422, 'validation', field, 'required');
    return v.trim();
  };
  const oneOf = <T extends string>(v: unknown, all: readonly T[], field: string, fallback?: T): T => {
    if ((v === undefined || v === null) && fallback !== undefined) return fallback;
    if (!(all as readonly unknown[]).includes(v)) throw new FamilyFail(422, 'validation', field, v === undefined || v === null ? 'required' : 'unknown');
    return v as T;
  };
  const date = (v: unknown, field: string): string | null => {
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new FamilyFail(422, 'validation', field, 'date');
    return v;
  };
  const phones = (v: unknown): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw new FamilyFail(400, 'malformed_json');
    return v.map((p, i) => {
      const s = normalizeNationalId(text(p, `phones[${i}]`));
      if (!/^\+?\d{3,15}$/.test(s)) throw new FamilyFail(422, 'validation', `phones[${i}]`, 'format');
      return s;
    });
  };
  const sources = (v: unknown): FamilySource[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw new FamilyFail(400, 'malformed_json');
    return v.map((s: Body, i) => ({ organization: text(s.organization, `sources[${i}].organization`, true), reference: text(s.reference, `sources[${i}].reference`) }));
  };

  /** Refuses an ID that is malformed or registered to another living member (same headquarters: the whole mock). */
  function checkNationalId(v: unknown, exceptMemberId: string | null): string | null {
    const raw = text(v, 'national_id');
    if (!raw) return null;
    const problem = nationalIdProblem(raw);
    if (problem) throw new FamilyFail(422, 'validation', 'national_id', problem);
    const id = normalizeNationalId(raw);
    const other = members.find((m) => !m.deleted && m.national_id === id && m.id !== exceptMemberId);
    if (other) {
      const f = families.find((x) => x.id === other.family_id);
      const c = centers.find((x) => x.id === f?.center_id);
      throw new FamilyFail(
        409,
        'duplicate_national_id',
        'national_id',
        null,
        // The server's sentence: who holds the ID, in which family and center.
        `این کد ملی پیش‌تر برای «${other.first_name} ${other.last_name}» در «${f?.family_name ?? ''}»، ${c?.name ?? ''} ثبت شده است / ` +
          `This national ID is already registered for ${other.first_name} ${other.last_name} in ${f?.family_name ?? ''}, ${c?.name ?? ''}`,
      );
    }
    return id;
  }

  function memberFrom(b: Body, familyId: string, existing: Member | null): Member & { deleted: boolean } {
    const pick = (k: string) => (b[k] === undefined && existing ? (existing as unknown as Body)[k] : b[k]);
    const m: Member & { deleted: boolean } = {
      id: existing?.id ?? (typeof b.id === 'string' ? b.id : randomUUID()),
      family_id: familyId,
      first_name: text(pick('first_name'), 'first_name', true),
      last_name: text(pick('last_name'), 'last_name', true),
      father_name: '',
      national_id: checkNationalId(pick('national_id'), existing?.id ?? null),
      birth_date: date(pick('birth_date'), 'birth_date'),
      sex: oneOf(pick('sex'), SEXES, 'sex'),
      relation: oneOf(pick('relation'), RELATIONS, 'relation'),
      marital_status: oneOf(pick('marital_status'), MARITAL_STATUSES, 'marital_status', 'unknown'),
      education: '',
      occupation: '',
      health: '',
      disability: '',
      insurance: '',
      mobile: '',
      extra: existing?.extra ?? {},
      version: existing ? existing.version + 1 : 1,
      created_at: existing?.created_at ?? now(),
      updated_at: now(),
      deleted: false,
    };
    for (const k of MEMBER_TEXT) m[k] = text(pick(k), k);
    m.mobile = normalizeNationalId(m.mobile);
    return m;
  }

  function diff(before: Body, after: Body, keys: readonly string[]): HistoryEntry['changes'] {
    const out: HistoryEntry['changes'] = {};
    for (const k of keys) {
      if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = { old: before[k] ?? null, new: after[k] ?? null };
    }
    return out;
  }
  const MEMBER_KEYS = ['first_name', 'last_name', 'father_name', 'national_id', 'birth_date', 'sex', 'relation', 'marital_status', ...MEMBER_TEXT] as const;
  const FAMILY_KEYS = ['family_name', 'neighborhood', 'address', 'phones', 'housing', 'status', 'status_reason', 'consent_on', 'sources', 'head_member_id'] as const;

  function create(caller: Caller | null, centerId: string, b: Body): FamilyDetail {
    if (typeof b.head !== 'object' || b.head === null) throw new FamilyFail(422, 'validation', 'head', 'required');
    const id = typeof b.id === 'string' ? b.id : randomUUID();
    const head = memberFrom({ ...(b.head as Body), relation: 'head' }, id, null);
    const name = text(b.family_name, 'family_name');
    const f: StoredFamily = {
      id,
      center_id: centerId,
      family_name: name || `خانوادهٔ ${head.last_name}`,
      head_member_id: head.id,
      neighborhood: text(b.neighborhood, 'neighborhood'),
      address: text(b.address, 'address'),
      phones: phones(b.phones),
      housing: oneOf(b.housing, HOUSINGS, 'housing', 'unknown'),
      status: 'active',
      status_reason: '',
      consent_on: date(b.consent_on, 'consent_on'),
      consent_recorded_by: b.consent_on ? (caller?.id ?? null) : null,
      sources: sources(b.sources),
      version: 1,
      created_at: now(),
      updated_at: now(),
    };
    families.push(f);
    members.push(head);
    log(f.id, caller, 'family', f.id, 'create', diff({}, f as unknown as Body, FAMILY_KEYS));
    log(f.id, caller, 'family_member', head.id, 'create', diff({}, head as unknown as Body, MEMBER_KEYS));
    return detail(f);
  }

  function seed(centerId: string, lastName: string, neighborhood: string, address: string, people: [string, string, string, string, string?][]) {
    const [head, ...rest] = people;
    const asBody = ([first_name, relation, sex, birth_date, national_id]: [string, string, string, string, string?]) => ({
      first_name,
      last_name: lastName,
      relation,
      sex,
      birth_date,
      national_id,
      marital_status: relation === 'child' ? 'single' : 'married',
    });
    const d = create(null, centerId, {
      neighborhood,
      address,
      phones: [`0912${String(1234500 + families.length).padStart(7, '0')}`],
      housing: families.length % 2 ? 'owned' : 'rented',
      sources: [{ organization: 'بهزیستی', reference: `${1400 + families.length}` }],
      head: asBody(head!),
    });
    for (const p of rest) members.push(memberFrom(asBody(p), d.id, null));
  }

  // What `hamyar demo` has in its center (a few of them), plus enough to page through.
  const c = centers[0]!.id;
  seed(c, 'رضایی', 'گلستان', 'خیابان گلستان، کوچهٔ لاله، پلاک ۱۲', [
    ['علی', 'head', 'male', '1978-04-02', '0499370899'],
    ['زینب', 'spouse', 'female', '1982-09-15'],
    ['محمد', 'child', 'male', '2008-01-20'],
    ['فاطمه', 'child', 'female', '2012-06-11'],
  ]);
  seed(c, 'محمدی', 'گلستان', 'خیابان شهید بهشتی، پلاک ۴۵', [
    ['معصومه', 'head', 'female', '1985-03-30'],
    ['امیرحسین', 'child', 'male', '2010-11-03'],
  ]);
  seed(c, 'حسینی', 'باغ فیض', 'کوچهٔ یاس، پلاک ۳', [
    ['سید جواد', 'head', 'male', '1969-07-07'],
    ['سیده مریم', 'spouse', 'female', '1972-12-01'],
    ['کبری', 'parent', 'female', '1945-01-01'],
  ]);
  const more = ['اکبری', 'باقری', 'پورمحمد', 'تقوی', 'ثابتی', 'جلالی', 'چراغی', 'حیدری', 'خسروی', 'دهقان', 'ذاکری', 'رحیمی', 'زمانی', 'ژاله', 'سلیمانی', 'شریفی', 'صالحی', 'ضیایی', 'طاهری', 'ظهیری', 'عباسی', 'غفاری', 'فرهادی', 'قربانی', 'کاظمی', 'گودرزی'];
  more.forEach((n, i) => seed(c, n, i % 2 ? 'باغ فیض' : 'گلستان', `کوچهٔ ${i + 1}`, [[i % 3 ? 'حسن' : 'مریم', 'head', i % 3 ? 'male' : 'female', `19${60 + i}-0${(i % 9) + 1}-1${i % 10}`]]));
  if (centers[1]) seed(centers[1].id, 'نوری', 'تهرانپارس', 'فلکهٔ دوم', [['اکرم', 'head', 'female', '1988-05-05'], ['علیرضا', 'child', 'male', '2013-09-01']]);

  /** Families a caller may see one by one: a manager's center; nobody else's yet. */
  const visible = (caller: Caller) => (caller.role === 'center_manager' ? families.filter((f) => f.center_id === caller.center_id) : []);
  const find = (caller: Caller, id: string) => {
    const f = visible(caller).find((x) => x.id === id);
    if (!f) throw new FamilyFail(404, 'not_found');
    return f;
  };
  const findMember = (f: StoredFamily, id: string) => {
    const m = members.find((x) => x.id === id && x.family_id === f.id && !x.deleted);
    if (!m) throw new FamilyFail(404, 'not_found');
    return m;
  };
  const checkVersion = (v: unknown, current: number) => {
    if (v !== current) throw new FamilyFail(409, 'version_conflict', 'version');
  };

  function list(caller: Caller, query: URLSearchParams) {
    const words = (query.get('q') ?? '').split(/\s+/).map(normalizeForSearch).filter(Boolean);
    const nb = normalizeForSearch(query.get('neighborhood') ?? '');
    const status = query.get('status');
    if (status && !(FAMILY_STATUSES as readonly string[]).includes(status)) throw new FamilyFail(422, 'validation', 'status', 'unknown');
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
    const pageSize = Number(query.get('page_size') ?? 25) || 25;
    if (pageSize < 1 || pageSize > 100) throw new FamilyFail(422, 'validation', 'page_size', 'format');
    const matches = visible(caller)
      .filter((f) => !status || f.status === status)
      .filter((f) => !nb || normalizeForSearch(f.neighborhood).includes(nb))
      .filter((f) => {
        if (words.length === 0) return true;
        const hay = normalizeForSearch(
          [f.family_name, f.address, ...f.phones, ...membersOf(f.id).flatMap((m) => [m.first_name, m.last_name, m.national_id ?? '', m.mobile])].join(' '),
        );
        return words.every((w) => hay.includes(w));
      })
      .sort((a, b) => a.family_name.localeCompare(b.family_name, 'fa'));
    return { items: matches.slice((page - 1) * pageSize, page * pageSize).map(view), total: matches.length, page, page_size: pageSize };
  }

  /** Answers a family route, or returns false when the path is not one. */
  async function route(caller: Caller, method: string, path: string, query: URLSearchParams, body: () => Promise<Body>): Promise<{ status: number; body?: unknown } | false> {
    if (path === '/api/v1/families') {
      if (method === 'GET') return { status: 200, body: list(caller, query) };
      if (method === 'POST') {
        if (caller.role !== 'center_manager' || !caller.center_id) throw new FamilyFail(403, 'forbidden');
        return { status: 201, body: create(caller, caller.center_id, await body()) };
      }
      return false;
    }
    const m = /^\/api\/v1\/families\/([^/]+)(?:\/(members|head|history|access-log)(?:\/([^/]+)(\/move)?)?)?$/.exec(path);
    if (!m) return false;
    const [, id, sub, memberId, move] = m;
    const f = find(caller, id!);
    if (!sub) {
      if (method === 'GET') {
        access.push({ family_id: f.id, entry: { at: now(), user: { id: caller.id, display_name: caller.display_name } } });
        return { status: 200, body: detail(f) };
      }
      if (method === 'PATCH') {
        const b = await body();
        checkVersion(b.version, f.version);
        const before = { ...f } as unknown as Body;
        const next = { ...f };
        if (b.family_name !== undefined) next.family_name = text(b.family_name, 'family_name', true);
        if (b.neighborhood !== undefined) next.neighborhood = text(b.neighborhood, 'neighborhood');
        if (b.address !== undefined) next.address = text(b.address, 'address');
        if (b.phones !== undefined) next.phones = phones(b.phones);
        if (b.housing !== undefined) next.housing = oneOf(b.housing, HOUSINGS, 'housing');
        if (b.status !== undefined) next.status = oneOf(b.status, FAMILY_STATUSES, 'status');
        if (b.status_reason !== undefined) next.status_reason = text(b.status_reason, 'status_reason');
        if (next.status !== 'active' && !next.status_reason) throw new FamilyFail(422, 'validation', 'status_reason', 'required');
        if (b.consent_on !== undefined) {
          next.consent_on = date(b.consent_on, 'consent_on');
          next.consent_recorded_by = next.consent_on ? caller.id : null;
        }
        if (b.sources !== undefined) next.sources = sources(b.sources);
        const changes = diff(before, next as unknown as Body, FAMILY_KEYS);
        if (Object.keys(changes).length > 0) {
          Object.assign(f, next, { version: f.version + 1, updated_at: now() });
          log(f.id, caller, 'family', f.id, 'update', changes);
        }
        return { status: 200, body: view(f) };
      }
      return false;
    }
    if (sub === 'history' && method === 'GET' && !memberId) {
      return { status: 200, body: { items: history.filter((h) => h.family_id === f.id).map((h) => h.entry).reverse() } };
    }
    if (sub === 'access-log' && method === 'GET' && !memberId) {
      if (caller.role !== 'center_manager') throw new FamilyFail(403, 'forbidden');
      return { status: 200, body: { items: access.filter((a) => a.family_id === f.id).map((a) => a.entry).reverse() } };
    }
    if (sub === 'head' && method === 'POST' && !memberId) {
      const b = await body();
      checkVersion(b.version, f.version);
      const next = findMember(f, text(b.member_id, 'member_id', true));
      const old = members.find((x) => x.id === f.head_member_id);
      if (old && old.id !== next.id) {
        old.relation = 'other';
        old.version++;
        next.relation = 'head';
        next.version++;
        log(f.id, caller, 'family', f.id, 'update', { head_member_id: { old: old.id, new: next.id } });
        f.head_member_id = next.id;
        f.version++;
      }
      return { status: 200, body: detail(f) };
    }
    if (sub === 'members' && !memberId && method === 'POST') {
      const b = await body();
      if (b.relation === 'head') throw new FamilyFail(422, 'validation', 'relation', 'unknown');
      const added = memberFrom(b, f.id, null);
      members.push(added);
      log(f.id, caller, 'family_member', added.id, 'create', diff({}, added as unknown as Body, MEMBER_KEYS));
      return { status: 201, body: strip(added) };
    }
    if (sub === 'members' && memberId) {
      const current = findMember(f, memberId);
      if (move && method === 'POST') {
        const b = await body();
        if (current.id === f.head_member_id) throw new FamilyFail(422, 'validation', 'member_id', 'is_head');
        const target = find(caller, text(b.to_family_id, 'to_family_id', true));
        if (target.id === f.id) throw new FamilyFail(422, 'validation', 'to_family_id', 'unknown');
        current.family_id = target.id;
        current.version++;
        const changes = { family_id: { old: f.id, new: target.id } };
        log(f.id, caller, 'family_member', current.id, 'move', changes);
        log(target.id, caller, 'family_member', current.id, 'move', changes);
        return { status: 200, body: detail(target) };
      }
      if (!move && method === 'PATCH') {
        const b = await body();
        checkVersion(b.version, current.version);
        if (current.relation === 'head' && b.relation !== undefined && b.relation !== 'head') throw new FamilyFail(422, 'validation', 'relation', 'unknown');
        if (current.relation !== 'head' && b.relation === 'head') throw new FamilyFail(422, 'validation', 'relation', 'unknown');
        const next = memberFrom(b, f.id, current);
        const changes = diff(current as unknown as Body, next as unknown as Body, MEMBER_KEYS);
        if (Object.keys(changes).length > 0) {
          Object.assign(current, next);
          log(f.id, caller, 'family_member', current.id, 'update', changes);
        }
        return { status: 200, body: strip(current) };
      }
      if (!move && method === 'DELETE') {
        checkVersion(Number(query.get('version')), current.version);
        if (current.id === f.head_member_id) throw new FamilyFail(422, 'validation', 'member_id', 'is_head');
        current.deleted = true;
        // Like the server: the removed member's last state, unchanged.
        log(f.id, caller, 'family_member', current.id, 'delete', {});
        return { status: 204 };
      }
    }
    return false;
  }

  return { route };
}
