// The typed HTTP client (openapi-fetch over the generated schema) and the one
// place where HTTP failures become ApiError. Screens never use this directly:
// they go through src/data/.
import createClient from 'openapi-fetch';
import type { paths } from './schema';
import type { ErrorDetail } from './types';
import { ApiError, isServerErrorCode } from './errors';

export function createApi(options: { baseUrl?: string; fetch?: typeof fetch } = {}) {
  return createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    // The session is an HttpOnly cookie on our own origin.
    credentials: 'same-origin',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

export type Api = ReturnType<typeof createApi>;

export const api: Api = createApi();

/** `Retry-After` is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Turns a non-2xx response and its (already parsed) body into an ApiError. */
export function toApiError(response: Response, body: unknown): ApiError {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const detail = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof detail === 'object' && detail !== null) {
    // Checked one by one: the body comes from the network, whatever the schema says.
    const { code, field, reason, message } = detail as { [K in keyof ErrorDetail]?: unknown };
    return new ApiError({
      status: response.status,
      code: isServerErrorCode(code) ? code : 'unknown',
      field: typeof field === 'string' && field !== '' ? field : null,
      reason: typeof reason === 'string' && reason !== '' ? reason : null,
      message: typeof message === 'string' ? message : undefined,
      retryAfter,
    });
  }
  // Not a contract error body: the server's bare 408 (a request over its time
  // limit), a proxy page, an empty 502, …
  if (response.status === 408) return new ApiError({ status: 408, code: 'timeout', retryAfter });
  return new ApiError({ status: response.status, code: response.status >= 500 ? 'internal' : 'unknown', retryAfter });
}

/** A thrown fetch (no answer at all) becomes `network`; anything else stays `unknown`. */
export function fromThrown(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof TypeError) return new ApiError({ status: 0, code: 'network', message: e.message });
  return new ApiError({ status: 0, code: 'unknown', message: e instanceof Error ? e.message : String(e) });
}

type AuthFailureListener = (e: ApiError) => void;
const authListeners = new Set<AuthFailureListener>();

/** Called for 401 `session_expired`/`unauthenticated` and 403 `account_disabled` from any call. */
export function onAuthFailure(listener: AuthFailureListener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

export function isAuthFailure(e: ApiError): boolean {
  return e.code === 'session_expired' || e.code === 'unauthenticated' || e.code === 'account_disabled';
}

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Runs one openapi-fetch call: returns the data of a 2xx, throws ApiError
 * otherwise, and tells the session about authentication failures.
 */
export async function call<T>(request: () => Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await request();
  } catch (e) {
    throw fromThrown(e);
  }
  if (!outcome.response.ok) {
    const err = toApiError(outcome.response, outcome.error);
    if (isAuthFailure(err)) authListeners.forEach((l) => l(err));
    throw err;
  }
  return outcome.data as T;
}
