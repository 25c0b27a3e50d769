// Reading the device's records. What a screen sees of a record is its local
// view: the last server version the device holds, with the outbox's pending
// mutations of it applied on top in device_seq order. Computing the view on
// read (instead of storing it) keeps it right when a pull brings a newer
// server version under edits that are still pending.
import type { AssessmentDetail, AssessmentSummary, Family, Member } from '../api/types';
import { decryptJson } from './crypto';
import type { DeviceDb, OutboxRow, RecordRow } from './db';
import type { MutationFields, SyncEntity, SyncOp } from './protocol';

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

/** What a record made on the device starts from, before its fields. */
function blank(entity: SyncEntity, id: string, familyId: string, at: string): Json {
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
  }
}

function overlay(base: Json, fields: MutationFields): Json {
  const out = { ...base };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}

/** One mutation applied to a record's value (null: no value yet). */
export function applyEdit(entity: SyncEntity, value: Json | null, edit: PendingEdit): { value: Json | null; deleted: boolean } {
  switch (edit.op) {
    case 'create':
    case 'append':
      return { value: overlay(blank(entity, edit.entity_id, edit.family_id, edit.device_time), edit.fields), deleted: false };
    case 'update':
      return { value: overlay(value ?? blank(entity, edit.entity_id, edit.family_id, edit.device_time), edit.fields), deleted: false };
    case 'delete':
      return { value, deleted: true };
  }
}

/** The local view of one record from its row's content and its pending edits (in device_seq order). */
export function viewOf(entity: SyncEntity, base: Json | null, edits: readonly PendingEdit[]): { value: Json | null; deleted: boolean } {
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

export function recordKey(entity: SyncEntity, id: string): string {
  return `${entity}:${id}`;
}

async function views<T>(store: OpenStore, rows: RecordRow[], outbox: OutboxRow[], options: ReadOptions): Promise<LocalRecord<T>[]> {
  const edits = await decryptEdits(store.key, outbox);
  const out: LocalRecord<T>[] = [];
  for (const row of rows) {
    const base = row.content ? await decryptJson<Json>(store.key, row.content) : null;
    const { value, deleted } = viewOf(row.entity, base, edits.get(recordKey(row.entity, row.id)) ?? []);
    if (!value || (deleted && !options.includeDeleted)) continue;
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
