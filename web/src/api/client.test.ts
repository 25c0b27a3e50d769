import { describe, expect, it, vi } from 'vitest';
import { call, createApi, onAuthFailure, parseRetryAfter, toApiError } from './client';
import { ApiError } from './errors';

const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('toApiError', () => {
  it('reads the contract error body', () => {
    const e = toApiError(jsonResponse(409, {}), { error: { code: 'duplicate_username', message: 'x / y', field: 'username' } });
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 409, code: 'duplicate_username', field: 'username', message: 'x / y' });
  });

  it('reads why a field was refused', () => {
    const body = { error: { code: 'weak_password', message: 'x / y', field: 'password', reason: 'contains_username' } };
    expect(toApiError(jsonResponse(422, {}), body)).toMatchObject({ code: 'weak_password', field: 'password', reason: 'contains_username' });
    // An older server (or a body without one) has no reason.
    expect(toApiError(jsonResponse(409, {}), { error: { code: 'duplicate_code', message: '', field: 'code' } }).reason).toBeNull();
  });

  it('knows the server codes for a wrong method and a slow request', () => {
    const body = { error: { code: 'method_not_allowed', message: '', field: null, reason: null } };
    expect(toApiError(jsonResponse(405, {}), body)).toMatchObject({ status: 405, code: 'method_not_allowed', reason: null });
    // The server's 408 has an empty body.
    expect(toApiError(new Response('', { status: 408 }), undefined)).toMatchObject({ status: 408, code: 'timeout' });
  });

  it('keeps Retry-After of a throttled login', () => {
    const res = jsonResponse(429, {}, { 'Retry-After': '120' });
    expect(toApiError(res, { error: { code: 'too_many_attempts', message: '', field: null } })).toMatchObject({
      code: 'too_many_attempts',
      retryAfter: 120,
      field: null,
    });
  });

  it('maps bodies that are not contract errors', () => {
    expect(toApiError(new Response('<html>', { status: 502 }), '<html>').code).toBe('internal');
    expect(toApiError(new Response('', { status: 404 }), undefined).code).toBe('unknown');
    expect(toApiError(jsonResponse(400, {}), { error: { code: 'brand_new_code', message: '', field: null } }).code).toBe('unknown');
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter(new Date(1_000_000 + 90_000).toUTCString(), 1_000_000)).toBe(90);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('call', () => {
  it('returns the data of a success', async () => {
    const api = createApi({ baseUrl: 'http://hamyar.test', fetch: async () => jsonResponse(200, { status: 'ok' }) });
    await expect(call(() => api.GET('/healthz'))).resolves.toEqual({ status: 'ok' });
  });

  it('turns a failed fetch into code network', async () => {
    const api = createApi({
      baseUrl: 'http://hamyar.test',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(call(() => api.GET('/api/v1/me'))).rejects.toMatchObject({ code: 'network', status: 0 });
  });

  it('throws ApiError for an error answer and tells the session about expiry', async () => {
    const listener = vi.fn();
    const off = onAuthFailure(listener);
    const api = createApi({
      baseUrl: 'http://hamyar.test',
      fetch: async () => jsonResponse(401, { error: { code: 'session_expired', message: '', field: null } }),
    });
    await expect(call(() => api.GET('/api/v1/centers'))).rejects.toMatchObject({ code: 'session_expired', status: 401 });
    expect(listener).toHaveBeenCalledOnce();
    off();
  });

  it('does not treat wrong credentials as an ended session', async () => {
    const listener = vi.fn();
    const off = onAuthFailure(listener);
    const api = createApi({
      baseUrl: 'http://hamyar.test',
      fetch: async () => jsonResponse(401, { error: { code: 'invalid_credentials', message: '', field: null } }),
    });
    await expect(
      call(() => api.POST('/api/v1/auth/login', { body: { username: 'a', password: 'b' } })),
    ).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(listener).not.toHaveBeenCalled();
    off();
  });

  it('turns the server\'s bare 408 into code timeout', async () => {
    const api = createApi({ baseUrl: 'http://hamyar.test', fetch: async () => new Response(null, { status: 408 }) });
    await expect(call(() => api.GET('/api/v1/centers'))).rejects.toMatchObject({ code: 'timeout', status: 408 });
  });

  it('returns undefined for 204', async () => {
    const api = createApi({ baseUrl: 'http://hamyar.test', fetch: async () => new Response(null, { status: 204 }) });
    await expect(call(() => api.POST('/api/v1/auth/logout'))).resolves.toBeUndefined();
  });
});
