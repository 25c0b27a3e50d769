// Reading the device's records. What a screen sees of a record is its local
// view: the last server version the device holds, with the outbox's pending
// mutations of it applied on top in device_seq order. Computing the view on
// read (instead of storing it) keeps it right when a pull brings a newer
// server version under edits that are still pending.
import type { AssessmentDetail, AssessmentSummary, Family, Member } from '../api/types';
import { decryptJson } from './crypto';
import type { DeviceDb, OutboxRow, RecordEntity, RecordRow } from './db';
import { ASSISTANCE_ENTITIES, type AssistanceEntity, type MutationFields, type SyncEntity, type SyncOp } from './protocol';

/** An open store: the database and the data key. */
export interface OpenStore {
  db: DeviceDb;
  key: CryptoKey;
}

/**
 * An assessment on the device: the summary the pull sends, or, for one
 * appended here and not yet synced, what the device knows (answers, kind,
 * dates) — tier and scores come from the server once it is applied.
 */
export type LocalAssessment = Partial<AssessmentDetail> & Pick<AssessmentSummary, 'id' | 'family_id' | 'status'>;

export interface LocalRecord<T> {
  entity: SyncEntity;
  id: string;
  family_id: string;
  /** The server version under the view (0: made here, not acknowledged yet). */
  version: number;
  /** Edits of it are waiting in the outbox. */
  pending: boolean;
  /** A pending delete: gone once the server answers. */
  deleted: boolean;
  value: T;
}

export interface ReadOptions {
  /** Include records with a pending delete (flagged `deleted`). */
  includeDeleted?: boolean;
}

/** A pending mutation as the view applies it (fields decrypted). */
export interface PendingEdit {
  op: SyncOp;
  entity_id: string;
  family_id: string;
  fields: MutationFields;
  device_time: string;
}

type Json = Record<string, unknown>;

/** The day of a device time on the phone's own calendar (an edit made at 23:30 in Tehran is of that day, not of UTC's). */
export function localDay(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function isAssistanceEntity(entity: RecordEntity): entity is AssistanceEntity {
  return (ASSISTANCE_ENTITIES as readonly string[]).includes(entity);
}

/** What a record made on the device starts from, before its fields. */
function blank(entity: RecordEntity, id: string, familyId: string, at: string): Json {
  const day = localDay(at);
  switch (entity) {
    case 'family_member':
      return {
        id,
        family_id: familyId,
        first_name: '',
        last_name: '',
        father_name: '',
        national_id: null,
        birth_date: null,
        marital_status: 'unknown',
        education: '',
        occupation: '',
        health: '',
        disability: '',
        insurance: '',
        mobile: '',
        extra: {},
        version: 0,
        created_at: at,
        updated_at: at,
      };
    case 'assessment':
      // Appending is making and finalizing in one step.
      return {
        id,
        family_id: familyId,
        status: 'final',
        answers: {},
        assessed_on: at.slice(0, 10),
        version: 0,
        created_at: at,
        updated_at: at,
        finalized_at: at,
      };
    case 'family':
      return { id, version: 0, created_at: at, updated_at: at };
    case 'service':
      // As a Service: its author and amendments are filled in by the server
      // (and, while pending, by the view of the family's assistance).
      return {
        id,
        family_id: familyId,
        activity_id: null,
        amend_reason: '',
        amended_by: null,
        amends: null,
        author_id: null,
        created_at: at,
        domain: 'social',
        follow_up_on: null,
        kind: 'other',
        member_ids: [],
        minutes: 0,
        notes: '',
        outcome: '',
        referral_id: null,
        resource_id: null,
        served_on: day,
      };
    case 'plan_goal':
      return { id, family_id: familyId, domain: 'social', harm: null, member_id: null, notes: '', status: 'open', title: '', version: 0 };
    case 'plan_activity':
      return {
        id,
        family_id: familyId,
        domain: 'social',
        due_on: day,
        goal_id: null,
        kind: 'other',
        member_id: null,
        notes: '',
        resource_id: null,
        responsible: 'helper',
        service_id: null,
        status: 'planned',
        task_id: null,
        title: '',
        version: 0,
      };
    case 'referral':
      return {
        id,
        family_id: familyId,
        commission_id: null,
        feedback: '',
        member_id: null,
        reason: '',
        referred_by: null,
        referred_on: day,
        resource_id: null,
        status: 'sent',
        updated_at: at,
        urgency: 'routine',
        version: 0,
      };
    case 'family_assistance':
      return { family_id: familyId };
  }
}

/**
 * Fields of an assistance request whose null means "none" (it clears them);
 * any other field's null means "not given" (left as it is), as the server
 * reads them.
 */
const CLEARABLE = new Set(['member_id', 'harm_indicator', 'harm_member_id', 'goal_id', 'resource_id', 'task_id', 'follow_up_on', 'referral_id', 'amends', 'commission_id']);

/**
 * A mutation's fields as the record they change holds them: the online
 * API's request fields (what a mutation carries) turned into the record's
 * (what a pull sends). Members, families and assessments take theirs as they are.
 */
function recordFields(entity: RecordEntity, value: Json | null, edit: PendingEdit): MutationFields {
  if (!isAssistanceEntity(entity)) return edit.fields;
  const f: MutationFields = {};
  for (const [k, v] of Object.entries(edit.fields)) if (v !== undefined && (v !== null || CLEARABLE.has(k))) f[k] = v;
  delete f.id;
  delete f.version;
  switch (entity) {
    case 'plan_goal':
      if ('harm_indicator' in f || 'harm_member_id' in f) {
        const held = (value?.harm ?? null) as { indicator: string; label: string; member_id: string | null } | null;
        const indicator = 'harm_indicator' in f ? (f.harm_indicator as string | null) : (held?.indicator ?? null);
        const member = 'harm_member_id' in f ? (f.harm_member_id as string | null) : (held?.member_id ?? null);
        // The label is the assessment's: the view of the family's assistance names it.
        f.harm = indicator ? { indicator, label: held?.indicator === indicator ? held.label : indicator, member_id: member ?? null } : null;
        delete f.harm_indicator;
        delete f.harm_member_id;
      }
      return f;
    case 'plan_activity':
      if (edit.op === 'complete') {
        const service = f.service as { id?: unknown } | null | undefined;
        const done: MutationFields = { status: 'done' };
        if (typeof f.notes === 'string') done.notes = f.notes;
        if (service && typeof service.id === 'string') done.service_id = service.id;
        return done;
      }
      return f;
    case 'referral':
      if (edit.op === 'update') f.updated_at = edit.device_time;
      return f;
    case 'service':
      return f;
  }
}

function overlay(base: Json, fields: MutationFields): Json {
  const out = { ...base };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}

/** One mutation applied to a record's value (null: no value yet). */
export function applyEdit(entity: RecordEntity, value: Json | null, edit: PendingEdit): { value: Json | null; deleted: boolean } {
  switch (edit.op) {
    case 'create':
    case 'append': {
      const start = blank(entity, edit.entity_id, edit.family_id, edit.device_time);
      return { value: overlay(start, recordFields(entity, start, edit)), deleted: false };
    }
    case 'update':
    case 'complete': {
      const start = value ?? blank(entity, edit.entity_id, edit.family_id, edit.device_time);
      return { value: overlay(start, recordFields(entity, start, edit)), deleted: false };
    }
    case 'delete':
      return { value, deleted: true };
  }
}

/** The local view of one record from its row's content and its pending edits (in device_seq order). */
export function viewOf(entity: RecordEntity, base: Json | null, edits: readonly PendingEdit[]): { value: Json | null; deleted: boolean } {
  let value = base;
  let deleted = false;
  for (const e of edits) {
    const next = applyEdit(entity, value, e);
    value = next.value;
    deleted = deleted || next.deleted;
  }
  return { value, deleted };
}

export async function decryptEdits(key: CryptoKey, rows: readonly OutboxRow[]): Promise<Map<string, PendingEdit[]>> {
  const byRecord = new Map<string, PendingEdit[]>();
  const sorted = [...rows].sort((a, b) => a.device_seq - b.device_seq);
  for (const r of sorted) {
    const fields = await decryptJson<MutationFields>(key, r.fields);
    const k = recordKey(r.entity, r.entity_id);
    const list = byRecord.get(k) ?? [];
    list.push({ op: r.op, entity_id: r.entity_id, family_id: r.family_id, fields, device_time: r.device_time });
    byRecord.set(k, list);
  }
  return byRecord;
}

export function recordKey(entity: RecordEntity, id: string): string {
  return `${entity}:${id}`;
}

/** Local views of rows, given the outbox rows that may concern them (or their edits, decrypted already). */
export async function views<T>(
  store: OpenStore,
  rows: RecordRow[],
  outbox: OutboxRow[] | Map<string, PendingEdit[]>,
  options: ReadOptions,
): Promise<LocalRecord<T>[]> {
  const edits = outbox instanceof Map ? outbox : await decryptEdits(store.key, outbox);
  const out: LocalRecord<T>[] = [];
  for (const row of rows) {
    const base = row.content ? await decryptJson<Json>(store.key, row.content) : null;
    const { value, deleted } = viewOf(row.entity, base, edits.get(recordKey(row.entity, row.id)) ?? []);
    if (!value || (deleted && !options.includeDeleted)) continue;
    if (row.entity === 'family_assistance') continue;
    out.push({ entity: row.entity, id: row.id, family_id: row.family_id, version: row.version, pending: row.pending === 1, deleted, value: value as T });
  }
  return out;
}

export async function readRecord<T>(store: OpenStore, entity: SyncEntity, id: string, options: ReadOptions = {}): Promise<LocalRecord<T> | null> {
  const [row, outbox] = await store.db.transaction('r', store.db.records, store.db.outbox, async () => [
    await store.db.records.get([entity, id]),
    await store.db.outbox.where('[entity+entity_id]').equals([entity, id]).toArray(),
  ] as const);
  if (!row) return null;
  return (await views<T>(store, [row], outbox, options))[0] ?? null;
}

async function readOfFamily<T>(store: OpenStore, entity: SyncEntity, familyId: string, options: ReadOptions): Promise<LocalRecord<T>[]> {
  const [rows, outbox] = await store.db.transaction('r', store.db.records, store.db.outbox, async () => [
    await store.db.records.where('[entity+family_id]').equals([entity, familyId]).toArray(),
    await store.db.outbox.where('family_id').equals(familyId).toArray(),
  ] as const);
  return views<T>(store, rows, outbox, options);
}

export function readFamily(store: OpenStore, id: string, options: ReadOptions = {}): Promise<LocalRecord<Family> | null> {
  return readRecord<Family>(store, 'family', id, options);
}

/** Every family on the device (the helper's scope), by family name. */
export async function readFamilies(store: OpenStore, options: ReadOptions = {}): Promise<LocalRecord<Family>[]> {
  const [rows, outbox] = await store.db.transaction('r', store.db.records, store.db.outbox, async () => [
    await store.db.records.where('[entity+family_id]').between(['family', ''], ['family', '\uffff']).toArray(),
    await store.db.outbox.filter((r) => r.entity === 'family').toArray(),
  ] as const);
  const list = await views<Family>(store, rows, outbox, options);
  return list.sort((a, b) => String(a.value.family_name ?? '').localeCompare(String(b.value.family_name ?? ''), 'fa'));
}

/** A family's members (head first, then by first name). */
export async function readMembers(store: OpenStore, familyId: string, options: ReadOptions = {}): Promise<LocalRecord<Member>[]> {
  const list = await readOfFamily<Member>(store, 'family_member', familyId, options);
  return list.sort((a, b) => rank(a.value) - rank(b.value) || String(a.value.first_name).localeCompare(String(b.value.first_name), 'fa'));
}

function rank(m: Member): number {
  return m.relation === 'head' ? 0 : 1;
}

/** A family's assessments, newest first. */
export async function readAssessments(store: OpenStore, familyId: string, options: ReadOptions = {}): Promise<LocalRecord<LocalAssessment>[]> {
  const list = await readOfFamily<LocalAssessment>(store, 'assessment', familyId, options);
  const when = (a: LocalAssessment) => `${a.assessed_on ?? ''}|${a.created_at ?? ''}`;
  return list.sort((a, b) => when(b.value).localeCompare(when(a.value)));
}
