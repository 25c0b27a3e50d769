import { beforeEach, describe, expect, it, vi } from 'vitest';

const fetchMock = vi.hoisted(() => vi.fn<(req: Request) => Promise<Response>>());

// The real client (and its error handling) on a fetch that records the requests.
vi.mock('../api/client', async (original) => {
  const real = await original<typeof import('../api/client')>();
  return { ...real, api: real.createApi({ baseUrl: 'http://hamyar.test', fetch: fetchMock as unknown as typeof fetch }) };
});

import { ApiError } from '../api/errors';
import { getCalendar, loadAssistanceSource, onlineAssistance } from './assistance';
import { searchResources } from './resources';

function answer(status: number, body: unknown = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The requests made, as method, path with query, and body. */
async function sent(): Promise<{ method: string; url: string; body: unknown }[]> {
  return Promise.all(
    fetchMock.mock.calls.map(async (args: unknown[]) => {
      const req = args[0] as Request;
      const text = await req.clone().text();
      const u = new URL(req.url);
      return { method: req.method, url: decodeURIComponent(u.pathname + u.search), body: text ? JSON.parse(text) : null };
    }),
  );
}

beforeEach(() => {
  fetchMock.mockReset();
});

describe('the online assistance backend', () => {
  it('sends each write to its endpoint with the base version beside the change', async () => {
    fetchMock.mockImplementation(async () => answer(201, {}));
    const service = { id: 's1', kind: 'counseling' as const, domain: 'social' as const, served_on: '2025-03-10', minutes: 45 };
    await onlineAssistance.logService('f1', service);
    await onlineAssistance.createGoal('f1', { id: 'g1', title: 'هدف', domain: 'social' });
    await onlineAssistance.updateGoal('f1', 'g1', 4, { status: 'achieved' });
    await onlineAssistance.createActivity('f1', { id: 'a1', title: 'دیدار', due_on: '2025-03-15', domain: 'social' });
    await onlineAssistance.updateActivity('f1', 'a1', 2, { status: 'missed' });
    await onlineAssistance.completeActivity('f1', 'a1', 3, null, { ...service, id: 's2' });
    await onlineAssistance.completeActivity('f1', 'a1', 4, 'بدون خدمت', null);
    await onlineAssistance.createReferral('f1', { id: 'r1', commission_id: 'c1', reason: 'دلیل', urgency: 'soon' });
    expect(await sent()).toEqual([
      { method: 'POST', url: '/api/v1/families/f1/services', body: service },
      { method: 'POST', url: '/api/v1/families/f1/goals', body: { id: 'g1', title: 'هدف', domain: 'social' } },
      { method: 'PATCH', url: '/api/v1/goals/g1', body: { status: 'achieved', version: 4 } },
      { method: 'POST', url: '/api/v1/families/f1/activities', body: { id: 'a1', title: 'دیدار', due_on: '2025-03-15', domain: 'social' } },
      { method: 'PATCH', url: '/api/v1/activities/a1', body: { status: 'missed', version: 2 } },
      { method: 'POST', url: '/api/v1/activities/a1/complete', body: { version: 3, service: { ...service, id: 's2' } } },
      { method: 'POST', url: '/api/v1/activities/a1/complete', body: { version: 4, notes: 'بدون خدمت' } },
      { method: 'POST', url: '/api/v1/families/f1/referrals', body: { id: 'r1', commission_id: 'c1', reason: 'دلیل', urgency: 'soon' } },
    ]);
  });

  it('turns a refusal into an ApiError naming the field', async () => {
    fetchMock.mockResolvedValue(answer(409, { error: { code: 'version_conflict', message: 'x / y', field: null, reason: null } }));
    const e = await onlineAssistance.updateActivity('f1', 'a1', 1, { status: 'done' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('version_conflict');
    fetchMock.mockResolvedValue(answer(422, { error: { code: 'validation', message: 'm', field: 'minutes', reason: 'range' } }));
    const v = (await onlineAssistance.logService('f1', { id: 's', kind: 'other', domain: 'social', served_on: '2025-01-01', minutes: 0 }).catch((err: unknown) => err)) as ApiError;
    expect([v.code, v.field, v.reason]).toEqual(['validation', 'minutes', 'range']);
  });
});

describe('loaders', () => {
  it('loads the family with the pickers’ lists only for someone who may work on it', async () => {
    const assistance = { family_id: 'f1', can_work: true, services: [] };
    fetchMock.mockImplementation(async (req: Request) => {
      const path = new URL(req.url).pathname;
      if (path.endsWith('/assistance')) return answer(200, assistance);
      if (path === '/api/v1/resources') return answer(200, { items: [{ id: 'r1' }] });
      if (path === '/api/v1/commissions/referable') return answer(200, { items: [{ id: 'c1' }] });
      return answer(404);
    });
    const source = await loadAssistanceSource('f1');
    expect(source.resources).toEqual([{ id: 'r1' }]);
    expect(source.commissions).toEqual([{ id: 'c1' }]);
    expect(source.pending.size).toBe(0);

    fetchMock.mockClear();
    assistance.can_work = false;
    const readOnly = await loadAssistanceSource('f1');
    expect(readOnly.resources).toEqual([]);
    expect((await sent()).map((r) => r.url)).toEqual(['/api/v1/families/f1/assistance']);
  });

  it('asks the calendar for a range and the directory for words', async () => {
    fetchMock.mockImplementation(async () => answer(200, { items: [] }));
    await getCalendar('2025-02-19', '2025-03-20');
    await searchResources({ q: ' مشاور ' });
    await searchResources({ q: '' });
    expect((await sent()).map((r) => r.url)).toEqual(['/api/v1/calendar?from=2025-02-19&to=2025-03-20', '/api/v1/resources?q=مشاور', '/api/v1/resources']);
  });
});
