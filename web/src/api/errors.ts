// Error codes the contract defines (docs/api-contract.md), plus the ones the
// client makes itself: `network` (no answer), `timeout` (the server's bare
// 408) and `unknown` (an answer that is not a contract error, e.g. a proxy's
// HTML page).

export const SERVER_ERROR_CODES = [
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'validation',
  'weak_password',
  'wrong_password',
  'invalid_credentials',
  'unauthenticated',
  'session_expired',
  'account_disabled',
  'forbidden',
  'not_found',
  'duplicate_code',
  'duplicate_username',
  'duplicate_national_id',
  'method_not_allowed',
  'version_conflict',
  'too_many_attempts',
  // Assessments and instruments (docs/assessments.md).
  'instrument_invalid',
  'instrument_version_taken',
  'assessment_final',
  'assessment_incomplete',
  // Helpers and caseloads (issue 5).
  'pre_service_incomplete',
  'caseload_full',
  'helper_not_accepted',
  'status_change_not_allowed',
  // Offline devices (docs/sync.md).
  'protocol_unsupported',
  'device_revoked',
  'internal',
] as const;

export const CLIENT_ERROR_CODES = ['network', 'timeout', 'unknown'] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type ErrorCode = ServerErrorCode | (typeof CLIENT_ERROR_CODES)[number];

export const ALL_ERROR_CODES: readonly ErrorCode[] = [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES];

export function isServerErrorCode(v: unknown): v is ServerErrorCode {
  return typeof v === 'string' && (SERVER_ERROR_CODES as readonly string[]).includes(v);
}

/**
 * Why the server refused a field (`reason` beside `field`), for the reasons
 * the web app has words for. The server may send others (domain code adds
 * them); those stay plain strings in `ApiError.reason` and are not translated.
 */
export const KNOWN_REASONS = [
  'required',
  'length',
  'format',
  'too_long',
  'too_short',
  'contains_username',
  'unknown',
  'date',
  // National ID.
  'not_digits',
  'repeated',
  'checksum',
  // A family's head cannot be removed (field `member_id`).
  'is_head',
  // Merging likely duplicates: two national IDs, or one person twice.
  'different_national_ids',
  'same',
  // Jalali dates.
  'year',
  'month',
  'day',
] as const;

export type KnownReason = (typeof KNOWN_REASONS)[number];

export function isKnownReason(v: unknown): v is KnownReason {
  return typeof v === 'string' && (KNOWN_REASONS as readonly string[]).includes(v);
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly field: string | null;
  /** Why `field` was refused (`length`, `too_short`, …), when the server said. */
  readonly reason: string | null;
  /** Seconds from `Retry-After` (429), when the server sent it. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: ErrorCode;
    field?: string | null;
    reason?: string | null;
    message?: string;
    retryAfter?: number | null;
  }) {
    super(init.message ?? init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.field = init.field ?? null;
    this.reason = init.reason ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
