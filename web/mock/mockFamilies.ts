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
  isTierFilter,
  type AccessEntry,
  type DuplicateGroup,
  type Family,
  type FamilyDetail,
  type FamilySource,
  type HistoryEntry,
  type ImportRowError,
  type ImportSummary,
  type Member,
} from '../src/api/types';
import { parseJalali } from '../src/lib/jalali';
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
/** A route's answer: JSON, or a file to download. */
export type Answer = { status: number; body?: unknown; file?: { bytes: Buffer; type: string; name: string } };
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
        // The mock has no devices: every edit is an online one.
        offline: null,
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
      // The mock has no assessments: every family is unassessed.
      tier: null,
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
    const tier = query.get('tier');
    if (tier && !isTierFilter(tier)) throw new FamilyFail(422, 'validation', 'tier', 'unknown');
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
    const pageSize = Number(query.get('page_size') ?? 25) || 25;
    if (pageSize < 1 || pageSize > 100) throw new FamilyFail(422, 'validation', 'page_size', 'format');
    const matches = visible(caller)
      .filter((f) => !status || f.status === status)
      .filter((f) => !tier || (tier === 'unassessed' ? f.tier === null : f.tier === tier))
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
  async function route(
    caller: Caller,
    method: string,
    path: string,
    query: URLSearchParams,
    body: () => Promise<Body>,
    raw: () => Promise<Buffer>,
  ): Promise<Answer | false> {
    const tools = await registryTool(caller, method, path, query, body, raw);
    if (tools) return tools;
    if (path === '/api/v1/families') {
      if (method === 'GET') return { status: 200, body: list(caller, query) };
      if (method === 'POST') {
        if (caller.role !== 'center_manager' || !caller.center_id) throw new FamilyFail(403, 'forbidden');
        return { status: 201, body: create(caller, caller.center_id, await body()) };
      }
      return false;
    }
    const m = /^\/api\/v1\/families\/([^/]+)(?:\/(members|head|history|access-log|assessments|tier-history)(?:\/([^/]+)(\/move)?)?)?$/.exec(path);
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
    // Assessments are not mocked: every family is unassessed, with no history of tiers.
    if (sub === 'assessments' && method === 'GET' && !memberId) return { status: 200, body: { items: [], tier: null } };
    if (sub === 'tier-history' && method === 'GET' && !memberId) return { status: 200, body: { items: [] } };
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

  // ---- Import, export, likely duplicates (simplified: CSV only) ----

  const IMPORT_HEADERS: Record<string, string> = {
    household_ref: 'شناسه خانوار',
    first_name: 'نام',
    last_name: 'نام خانوادگی',
    father_name: 'نام پدر',
    national_id: 'کد ملی',
    birth_date: 'تاریخ تولد',
    sex: 'جنسیت',
    relation: 'نسبت',
    mobile: 'تلفن همراه',
    neighborhood: 'محله',
    address: 'نشانی',
  };
  const SEX_WORDS: Record<string, string> = { زن: 'female', مرد: 'male', female: 'female', male: 'male' };
  const RELATION_WORDS: Record<string, string> = { سرپرست: 'head', همسر: 'spouse', فرزند: 'child', پدر: 'parent', مادر: 'parent', خواهر: 'sibling', برادر: 'sibling', نوه: 'grandchild', سایر: 'other' };
  for (const r of RELATIONS) RELATION_WORDS[r] = r;
  const dismissed = new Set<string>();
  const pairKey = (a: string, b: string) => [a, b].sort().join(':');
  const liveMember = (caller: Caller, id: string) => {
    const m = members.find((x) => x.id === id && !x.deleted);
    const f = m && visible(caller).find((x) => x.id === m.family_id && x.status !== 'closed');
    if (!m || !f) throw new FamilyFail(404, 'not_found');
    return { m, f };
  };

  /** Cells of a comma, semicolon or tab separated text, with quotes. */
  function parseCsv(text: string): string[][] {
    const first = text.split(/\r?\n/, 1)[0] ?? '';
    const sep = ['\t', ';', ','].reduce((best, d) => (first.split(d).length > first.split(best).length ? d : best), ',');
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === sep) row.push(cell), (cell = '');
      else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        row.push(cell), rows.push(row), (row = []), (cell = '');
      } else cell += c;
    }
    if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
    return rows;
  }

  function importList(caller: Caller, source: string, bytes: Buffer, dryRun: boolean): ImportSummary {
    const fileError = (fa: string, en: string) => new FamilyFail(422, 'validation', 'file', 'format', `file: ${fa} / ${en}`);
    if (bytes.subarray(0, 4).toString('latin1') === 'PK\x03\x04') throw fileError('سرور آزمایشی فقط CSV می‌خواند', 'The mock server reads CSV only');
    if (!source.trim()) throw new FamilyFail(422, 'validation', 'source', 'required');
    const rows = parseCsv(bytes.toString('utf8').replace(/^\ufeff/, ''));
    if (rows.length === 0) throw fileError('فایل خالی است', 'The file is empty');
    const key = (h: string) => normalizeForSearch(h.replace(/_/g, ' '));
    const columns = new Map<string, number>();
    rows[0]!.forEach((h, i) => {
      const known = Object.entries(IMPORT_HEADERS).find(([en, fa]) => key(en) === key(h) || key(fa) === key(h));
      if (known && !columns.has(known[0])) columns.set(known[0], i);
    });
    const missing = ['household_ref', 'first_name', 'last_name', 'sex', 'relation'].filter((c) => !columns.has(c));
    if (missing.length > 0) {
      const names = missing.map((c) => `${IMPORT_HEADERS[c]} (${c})`);
      throw fileError(`ستون‌های لازم در فایل نیست: ${names.join('، ')}`, `Required columns are missing: ${names.join(', ')}`);
    }
    const summary: ImportSummary = { dry_run: dryRun, rows: 0, families_created: 0, families_updated: 0, families_unchanged: 0, families_rejected: 0, members_created: 0, members_updated: 0, rows_rejected: 0, errors: [] };
    const households = new Map<string, { row: number; body: Body; neighborhood: string; address: string }[]>();
    const errors = new Map<string, ImportRowError[]>();
    const fail = (ref: string, row: number, column: string, value: string, fa: string, en: string) =>
      errors.set(ref, [...(errors.get(ref) ?? []), { row, column, value, reason_fa: fa, reason_en: en }]);
    rows.slice(1).forEach((cells, i) => {
      const row = i + 2;
      if (cells.every((c) => !c.trim())) return;
      summary.rows++;
      const get = (c: string) => (columns.has(c) ? (cells[columns.get(c)!] ?? '').trim() : '');
      const ref = get('household_ref');
      if (!ref) return fail(`#${row}`, row, 'household_ref', '', 'شناسهٔ خانوار خالی است', 'The household reference is empty');
      const body: Body = { first_name: get('first_name'), last_name: get('last_name'), father_name: get('father_name'), mobile: get('mobile') };
      const nid = get('national_id');
      if (nid) {
        const problem = nationalIdProblem(nid);
        if (problem) fail(ref, row, 'national_id', nid, 'کد ملی نامعتبر است', `Invalid national ID (${problem})`);
        else body.national_id = normalizeNationalId(nid);
      }
      const born = get('birth_date');
      if (born) {
        const iso = /^\d{4}-\d{2}-\d{2}$/.test(born) && Number(born.slice(0, 4)) >= 1700 ? born : parseJalali(born);
        if (typeof iso === 'string') body.birth_date = iso;
        else if (iso.ok) body.birth_date = iso.iso;
        else fail(ref, row, 'birth_date', born, 'تاریخ نامعتبر است', 'Invalid date');
      }
      body.sex = SEX_WORDS[normalizeForSearch(get('sex'))];
      if (!body.sex) fail(ref, row, 'sex', get('sex'), 'جنسیت نامعتبر است (زن / مرد)', 'Unknown sex (female / male)');
      body.relation = RELATION_WORDS[normalizeForSearch(get('relation'))];
      if (!body.relation) fail(ref, row, 'relation', get('relation'), 'نسبت نامعتبر است', 'Unknown relation');
      households.set(ref, [...(households.get(ref) ?? []), { row, body, neighborhood: get('neighborhood'), address: get('address') }]);
    });
    for (const [ref, people] of households) {
      const heads = people.filter((p) => p.body.relation === 'head');
      if (heads.length !== 1 && !errors.has(ref)) fail(ref, people[0]!.row, 'relation', '', 'این خانوار باید یک سرپرست داشته باشد', 'This household needs exactly one head');
      if (errors.has(ref)) continue;
      const known = families.some((f) => f.center_id === caller.center_id && f.sources.some((x) => x.organization === source && x.reference === ref));
      if (known) {
        summary.families_unchanged++;
        continue;
      }
      summary.families_created++;
      summary.members_created += people.length;
      if (dryRun) continue;
      try {
        const d = create(caller, caller.center_id!, {
          neighborhood: people.find((p) => p.neighborhood)?.neighborhood ?? '',
          address: people.find((p) => p.address)?.address ?? '',
          sources: [{ organization: source, reference: ref }],
          head: heads[0]!.body,
        });
        for (const p of people.filter((x) => x !== heads[0])) members.push(memberFrom(p.body, d.id, null));
      } catch (e) {
        summary.families_created--;
        summary.members_created -= people.length;
        fail(ref, people[0]!.row, '', '', 'ثبت این خانوار ممکن نشد', `This household could not be registered (${e instanceof Error ? e.message : 'error'})`);
      }
    }
    for (const [ref, list] of errors) {
      summary.families_rejected++;
      summary.rows_rejected += (households.get(ref) ?? []).length || 1;
      summary.errors.push(...list);
    }
    summary.errors.sort((a, b) => a.row - b.row);
    return summary;
  }

  function exportCsv(caller: Caller): Buffer {
    const cols = ['شناسه خانوار', 'نام خانواده', 'نام', 'نام خانوادگی', 'نام پدر', 'کد ملی', 'تاریخ تولد', 'جنسیت', 'نسبت', 'تلفن همراه', 'محله', 'نشانی'];
    const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = [cols.join(',')];
    for (const f of visible(caller).filter((x) => x.status !== 'closed')) {
      access.push({ family_id: f.id, entry: { at: now(), user: { id: caller.id, display_name: caller.display_name } } });
      for (const m of membersOf(f.id)) {
        lines.push([f.id, f.family_name, m.first_name, m.last_name, m.father_name, m.national_id ?? '', m.birth_date ?? '', m.sex, m.relation, m.mobile, f.neighborhood, f.address].map(cell).join(','));
      }
    }
    return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
  }

  function duplicateGroups(caller: Caller): DuplicateGroup[] {
    const groups = new Map<string, (Member & { deleted: boolean })[]>();
    for (const f of visible(caller).filter((x) => x.status !== 'closed')) {
      for (const m of membersOf(f.id)) {
        if (!m.birth_date) continue;
        const k = [normalizeForSearch(`${m.first_name}${m.last_name}`), normalizeForSearch(m.father_name), m.birth_date.slice(0, 4)].join('|');
        groups.set(k, [...(groups.get(k) ?? []), m]);
      }
    }
    return [...groups.values()]
      .filter((g) => g.some((a, i) => g.slice(i + 1).some((b) => !dismissed.has(pairKey(a.id, b.id)))))
      .map((g) => ({ members: g.map((m) => ({ member: strip(m), family: { id: m.family_id, family_name: families.find((f) => f.id === m.family_id)!.family_name } })) }));
  }

  function merge(caller: Caller, keepId: string, dropId: string): FamilyDetail {
    const keep = liveMember(caller, keepId);
    const drop = liveMember(caller, dropId);
    if (keep.m.id === drop.m.id) throw new FamilyFail(422, 'validation', 'drop_member_id', 'same', 'drop_member_id: دو نفر متفاوت را برگزینید / Choose two different people');
    if (keep.m.national_id && drop.m.national_id && keep.m.national_id !== drop.m.national_id) {
      throw new FamilyFail(422, 'validation', 'drop_member_id', 'different_national_ids', 'drop_member_id: کد ملی این دو نفر متفاوت است؛ یک نفر نیستند / Their national IDs differ: they are not one person');
    }
    drop.m.deleted = true;
    log(drop.f.id, caller, 'family_member', drop.m.id, 'delete', {});
    keep.m.national_id ??= drop.m.national_id;
    keep.m.birth_date ??= drop.m.birth_date;
    for (const k of MEMBER_TEXT) if (!keep.m[k]) keep.m[k] = drop.m[k];
    keep.m.version++;
    if (drop.f.id !== keep.f.id && drop.f.head_member_id === drop.m.id) {
      // A second registration of the household: its people move over, it closes.
      for (const other of membersOf(drop.f.id)) {
        other.family_id = keep.f.id;
        other.version++;
        log(keep.f.id, caller, 'family_member', other.id, 'move', { family_id: { old: drop.f.id, new: keep.f.id } });
      }
      Object.assign(drop.f, { status: 'closed', status_reason: 'merged', head_member_id: null, version: drop.f.version + 1 });
    } else if (drop.f.id === keep.f.id && keep.f.head_member_id === drop.m.id) {
      keep.m.relation = 'head';
      keep.f.head_member_id = keep.m.id;
    }
    return detail(keep.f);
  }

  async function registryTool(caller: Caller, method: string, path: string, query: URLSearchParams, body: () => Promise<Body>, raw: () => Promise<Buffer>): Promise<Answer | false> {
    const tool = /^\/api\/v1\/families\/(import|export|duplicates|duplicates\/merge|duplicates\/dismiss)$/.exec(path)?.[1];
    if (!tool) return false;
    if (caller.role !== 'center_manager' || !caller.center_id) throw new FamilyFail(403, 'forbidden');
    if (tool === 'import' && method === 'POST') {
      const bytes = await raw();
      if (bytes.length > 32 * 1024 * 1024) throw new FamilyFail(413, 'payload_too_large');
      return { status: 200, body: importList(caller, query.get('source') ?? '', bytes, query.get('dry_run') === 'true') };
    }
    if (tool === 'export' && method === 'GET') {
      // The mock writes CSV whatever the format asked.
      return { status: 200, file: { bytes: exportCsv(caller), type: 'text/csv; charset=utf-8', name: `families-mock-${now().slice(0, 10).replace(/-/g, '')}.csv` } };
    }
    if (tool === 'duplicates' && method === 'GET') return { status: 200, body: { items: duplicateGroups(caller) } };
    if (tool === 'duplicates/merge' && method === 'POST') {
      const b = await body();
      return { status: 200, body: merge(caller, text(b.keep_member_id, 'keep_member_id', true), text(b.drop_member_id, 'drop_member_id', true)) };
    }
    if (tool === 'duplicates/dismiss' && method === 'POST') {
      const b = await body();
      const a = liveMember(caller, text(b.member_a, 'member_a', true)).m;
      const c = liveMember(caller, text(b.member_b, 'member_b', true)).m;
      if (a.id === c.id) throw new FamilyFail(422, 'validation', 'member_b', 'same');
      dismissed.add(pairKey(a.id, c.id));
      return { status: 204 };
    }
    return false;
  }

  return { route };
}
