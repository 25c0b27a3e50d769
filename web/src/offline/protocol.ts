// The sync wire contract, protocol 1 (docs/sync.md, "Wire contract"): the
// generated schema's types (named in src/api/types.ts), narrowed where the
// device is stricter than the schema — a mutation the device makes always
// has its fields, base version and device time; the schema leaves them
// optional for other clients.
import type {
  MutationAnswer,
  MutationEntity,
  MutationOp,
  MutationResultCode,
  PullResponseBody,
  PushRequestBody,
  PushResponseBody,
  SyncConflict,
  SyncMutation,
} from '../api/types';

export type {
  ConflictList,
  DeletedRecord,
  MutationRecord,
  MutationRecordList,
  ResolveConflictRequest,
  ConflictKind,
  ConflictResolution,
} from '../api/types';

/** The sync protocol this app speaks. */
export const PROTOCOL = 1;

/** The most mutations one push may carry. */
export const PUSH_BATCH = 200;

/** The page size asked of a pull. */
export const PULL_LIMIT = 200;

/**
 * A family's assistance records a device may change (protocol 1, issue 7):
 * services (append-only: `create`), goals and activities of the plan, and
 * referrals.
 */
export type AssistanceEntity = Extract<MutationEntity, 'service' | 'plan_goal' | 'plan_activity' | 'referral'>;
export const ASSISTANCE_ENTITIES: readonly AssistanceEntity[] = ['service', 'plan_goal', 'plan_activity', 'referral'];

export type SyncEntity = MutationEntity;
/** `complete`: an activity marked done, with the service it was logged in the same step. */
export type SyncOp = MutationOp;

/** Field name → new value; any JSON value. */
export type MutationFields = Record<string, unknown>;

/** A mutation as the device makes and pushes it. */
export type Mutation = Omit<SyncMutation, 'entity' | 'op' | 'base_version' | 'fields' | 'device_time'> & {
  entity: SyncEntity;
  op: SyncOp;
  /** The record's version the edit was made on; null for create and append. */
  base_version: number | null;
  fields: MutationFields;
  /** RFC 3339; shown in history, never used for ordering. */
  device_time: string;
};

export type PushRequest = Omit<PushRequestBody, 'mutations'> & {
  /** 1–200, in device_seq order. */
  mutations: Mutation[];
};

export type MutationResultKind = MutationResultCode;
/** What a mutation came to (a `duplicate` answers with the first one's). */
export type MutationOutcome = Exclude<MutationResultCode, 'duplicate'>;

export type Conflict = SyncConflict;

/** The answer to one mutation: applied / duplicate / conflict / rejected, with the record's new version. */
export type MutationResult = MutationAnswer;

export type PushResponse = PushResponseBody;

/** The query of GET /api/v1/sync/pull. */
export interface PullQuery {
  device_id: string;
  /** Opaque; empty on a first sync. */
  cursor: string;
  limit: number;
  protocol: number;
}

/**
 * A page of a pull. Assessments come as summaries (the contract says
 * "`Assessment` in the OpenAPI document"; the schema names `AssessmentSummary`).
 */
export type PullResponse = PullResponseBody;

export type SyncAssessment = PullResponse['assessments'][number];

/** One family's services, plan, referrals and commission decisions, as a pull sends them. */
export type SyncAssistance = PullResponse['assistance'][number];
