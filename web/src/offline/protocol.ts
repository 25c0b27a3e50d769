// The sync wire contract, protocol 1 (docs/sync.md, "Wire contract"). Written
// by hand: the push/pull endpoints are not in the generated schema yet. Once
// they are, these become aliases of the generated types (src/api/types.ts).
import type { AssessmentSummary, Family, Member, UserRef } from '../api/types';

/** The sync protocol this app speaks. */
export const PROTOCOL = 1;

/** The most mutations one push may carry. */
export const PUSH_BATCH = 200;

/** The page size asked of a pull. */
export const PULL_LIMIT = 200;

export type SyncEntity = 'family' | 'family_member' | 'assessment';
export type SyncOp = 'create' | 'update' | 'delete' | 'append';

/** Field name → new value; any JSON value. */
export type MutationFields = Record<string, unknown>;

export interface Mutation {
  /** UUIDv7 made on the device: the idempotency key. */
  id: string;
  /** 1, 2, 3… per device, never reused. */
  device_seq: number;
  entity: SyncEntity;
  entity_id: string;
  family_id: string;
  op: SyncOp;
  /** The record's version the edit was made on; null for create and append. */
  base_version: number | null;
  fields: MutationFields;
  /** RFC 3339; shown in history, never used for ordering. */
  device_time: string;
}

export interface PushRequest {
  protocol: number;
  device_id: string;
  /** 1–200, in device_seq order. */
  mutations: Mutation[];
}

export type MutationOutcome = 'applied' | 'conflict' | 'rejected';
export type MutationResultKind = MutationOutcome | 'duplicate';

export interface Conflict {
  id: string;
  /** The mutation that made it (the generated schema has it; docs/sync.md does not list it yet). */
  mutation_id?: string;
  kind: 'field' | 'edit_of_deleted';
  entity: SyncEntity;
  entity_id: string;
  family_id: string;
  field: string | null;
  winning_value: unknown;
  losing_value: unknown;
  winning_author: UserRef | null;
  losing_author: UserRef | null;
  device_time: string | null;
  created_at: string;
  resolved_at: string | null;
  resolved_by: UserRef | null;
  resolution: 'keep' | 'restore' | null;
  version: number;
}

export interface MutationResult {
  id: string;
  result: MutationResultKind;
  /** For `duplicate`: what the first answer was. */
  original_result: MutationOutcome | null;
  /** The record's version after the write. */
  version: number | null;
  /** An error code (`forbidden`, `validation`, `assessment_final`, `sequence_reused`, …). */
  reason: string | null;
  /** "fa text / en text". */
  message: string | null;
  /** Applied after the helper's assignment ended. */
  review: boolean;
  conflicts: Conflict[];
}

export interface PushResponse {
  /** In the order sent. */
  results: MutationResult[];
}

export interface PullQuery {
  device_id: string;
  /** Opaque; empty on a first sync. */
  cursor: string;
  limit: number;
  protocol: number;
}

export interface DeletedRecord {
  entity: SyncEntity;
  id: string;
  family_id: string;
}

/**
 * An assessment as the pull sends it. The contract says "`Assessment` in the
 * OpenAPI document"; the server's generated `PullResponse` names `AssessmentSummary`.
 */
export type SyncAssessment = AssessmentSummary;

export interface PullResponse {
  cursor: string;
  /** Pull again at once with the new cursor. */
  more: boolean;
  scope: { added: string[]; removed: string[] };
  families: Family[];
  members: Member[];
  assessments: SyncAssessment[];
  deleted: DeletedRecord[];
  instrument_id: string;
  lock_after_days: number;
}

/** GET /api/v1/sync/mutations: a mutation the server kept (refused, or applied for review). */
export interface MutationRecord {
  id: string;
  device_id: string;
  device_seq: number;
  author: UserRef;
  entity: SyncEntity;
  entity_id: string;
  family_id: string;
  op: SyncOp;
  result: MutationOutcome;
  reason: string | null;
  message: string | null;
  review: boolean;
  fields: MutationFields;
  device_time: string;
  received_at: string;
}

export interface ConflictList {
  items: Conflict[];
}

export interface MutationRecordList {
  items: MutationRecord[];
}

export interface ResolveConflictRequest {
  resolution: 'keep' | 'restore';
  version: number;
}
