// Test data for the helper's offline screens (not shipped: only tests import
// it): a helper, and their device store attached as at a login, filled by a
// scripted server.
import type { AssessmentSummary, InstrumentDocument, Me } from '../../api/types';
import type { Instrument } from '../../assessment/instrument';
import defaultJson from '../../../../instruments/default.json';
import { configureDevice, deviceLogin, syncNow } from '../../offline';
import { json, page, scripted, TEST_ITERATIONS, type Call } from '../../offline/testing';
import type { MutationResult, PullResponse, PushRequest } from '../../offline/protocol';

export const ts = '2025-01-01T00:00:00Z';

let n = 0;

/** A helper with a device store, under a new user id each time. */
export function helperMe(): Me {
  n++;
  return {
    user: {
      id: `helper-${n}-${Math.random().toString(36).slice(2)}`,
      username: `helper${n}`,
      display_name: 'علی نجفی',
      role: 'helper',
      center_id: 'c1',
      hq_id: 'h1',
      disabled: false,
      created_at: ts,
      updated_at: ts,
      version: 1,
    },
    center: null,
    headquarters: null,
    creatable_roles: [],
    permissions: ['families.read', 'my.families', 'households.edit', 'assessments.write', 'sync.offline'],
  };
}

export const instrument = defaultJson as Instrument;

export const instrumentDoc: InstrumentDocument = {
  id: 'i1',
  hq_id: null,
  code: 'hamyar-default',
  instrument_version: 1,
  title_fa: 'سنجش خانواده',
  title_en: 'Family assessment',
  builtin: true,
  published_by: null,
  published_at: ts,
  instrument,
  source: '',
};

export function summary(id: string, familyId: string, over: Partial<AssessmentSummary> = {}): AssessmentSummary {
  return {
    id,
    family_id: familyId,
    center_id: 'c1',
    instrument_id: 'i1',
    kind: 'baseline',
    status: 'final',
    assessed_on: '2024-10-01',
    assessor_id: 'u1',
    assessor_name: 'فاطمه کاظمی',
    domain_scores: { social: 30, economic: 50, cultural: 70 },
    computed_tier: 'harmed',
    tier: 'harmed',
    tier_override: null,
    corrects: null,
    correction_reason: '',
    superseded_by: null,
    current: true,
    finalized_at: ts,
    version: 2,
    created_at: ts,
    updated_at: ts,
    ...over,
  };
}

export interface Device {
  me: Me;
  calls: Call[];
  /** Mutations pushed so far. */
  pushed: () => PushRequest['mutations'];
}

/**
 * Logs the helper in on this "phone": the store is made and opened, and the
 * first sync pulls `pull` (and the instrument). Pushes answer `applied`
 * unless `push` says otherwise.
 */
export async function attachHelper(pull: Partial<PullResponse>, push?: (req: PushRequest) => MutationResult[]): Promise<Device> {
  const me = helperMe();
  const server = scripted({
    pull: () => json(page({ cursor: 'c1', instrument_id: 'i1', ...pull })),
    push: (req) => json({ results: push ? push(req) : req.mutations.map((m) => ({ id: m.id, result: 'applied', original_result: null, version: 2, reason: null, message: null, review: false, conflicts: [] })) }),
    instrument: () => json(instrumentDoc),
  });
  configureDevice({ fetch: server.fetch, iterations: TEST_ITERATIONS });
  await deviceLogin(me, 'a long password');
  await syncNow();
  const pushed = () => server.calls.filter((c) => c.url === '/api/v1/sync/push').flatMap((c) => (c.body as PushRequest).mutations);
  return { me, calls: server.calls, pushed };
}
