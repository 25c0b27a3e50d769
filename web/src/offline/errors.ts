// Why the device store refused a call. Screens show these; they never reach the server.

export type OfflineErrorCode =
  /** The store is locked (the data key is not in memory): unlock first. */
  | 'locked'
  /** This user has no device store (not a helper, or not logged in on this device). */
  | 'no_device'
  /** An edit of a record the device does not hold. */
  | 'not_held'
  /** A record id the device already holds, for a create. */
  | 'exists'
  /** The family left this device's scope: it is deleted once its pending edits are answered. */
  | 'family_removed'
  /** An entity/op pair the protocol does not have. */
  | 'invalid_mutation';

export class OfflineError extends Error {
  readonly code: OfflineErrorCode;

  constructor(code: OfflineErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'OfflineError';
    this.code = code;
  }
}

export function isOfflineError(e: unknown, code?: OfflineErrorCode): e is OfflineError {
  return e instanceof OfflineError && (code === undefined || e.code === code);
}
