// The sync endpoints over a plain (injectable) fetch rather than the
// generated client: tests script the server, and failures become ApiError as
// everywhere else but without telling the session — a background sync that
// finds the session gone must not pull the helper out of a half-filled form
// (the status says so instead).
import { fromThrown, toApiError } from '../api/client';
import { ApiError } from '../api/errors';
import type { CommissionChoice, Device, DirectoryResource, InstrumentDocument, RegisterDeviceRequest } from '../api/types';
import type { PullQuery, PullResponse, PushRequest, PushResponse } from './protocol';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

async function requestJson<T>(fetchFn: Fetch, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // Read whole before judging: a connection cut mid-answer is a network
    // failure, so nothing of a half-heard answer is acted on.
    text = await response.text();
  } catch (e) {
    throw fromThrown(e);
  }
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
      if (response.ok) throw new ApiError({ status: response.status, code: 'unknown', message: 'answer is not JSON' });
    }
  }
  if (!response.ok) throw toApiError(response, parsed);
  return parsed as T;
}

export function registerDevice(fetchFn: Fetch, body: RegisterDeviceRequest): Promise<Device> {
  return requestJson(fetchFn, 'POST', '/api/v1/sync/devices', body);
}

export function push(fetchFn: Fetch, body: PushRequest): Promise<PushResponse> {
  return requestJson(fetchFn, 'POST', '/api/v1/sync/push', body);
}

export function pull(fetchFn: Fetch, q: PullQuery): Promise<PullResponse> {
  const params = new URLSearchParams({ device_id: q.device_id, cursor: q.cursor, limit: String(q.limit), protocol: String(q.protocol) });
  return requestJson(fetchFn, 'GET', `/api/v1/sync/pull?${params.toString()}`);
}

export function fetchInstrument(fetchFn: Fetch, id: string): Promise<InstrumentDocument> {
  return requestJson(fetchFn, 'GET', `/api/v1/instruments/${encodeURIComponent(id)}`);
}

/** The resource directory as the user sees it (GET /api/v1/resources). */
export function fetchResources(fetchFn: Fetch): Promise<{ items: DirectoryResource[] }> {
  return requestJson(fetchFn, 'GET', '/api/v1/resources');
}

/** The commissions the user's families may be referred to. */
export function fetchReferable(fetchFn: Fetch): Promise<{ items: CommissionChoice[] }> {
  return requestJson(fetchFn, 'GET', '/api/v1/commissions/referable');
}
