// Family helpers (همیار خانواده) as the center manager and headquarters see
// them: registration, the road to acceptance, caseloads (which families each
// helper has) and the program rules headquarters set. Desk work, online
// only (like registry.ts): never through an offline store.
import { api, call } from '../api/client';
import type {
  AcceptHelperRequest,
  Assignment,
  HelperDetail,
  HelperList,
  HelperRequest,
  HelperStatus,
  HelperSuggestions,
  ProgramRules,
  SetProgramRulesRequest,
} from '../api/types';

const byId = (id: string) => ({ params: { path: { id } } });

/** Helpers I may see (a manager: their center's; headquarters: all of theirs), with the rules for their bars. */
export function listHelpers(status?: HelperStatus | null): Promise<HelperList> {
  return call(() => api.GET('/api/v1/helpers', { params: { query: status ? { status } : {} } }));
}

/** A helper's record: status history, courses and hours, assignments, and what may happen next. */
export function getHelper(id: string): Promise<HelperDetail> {
  return call(() => api.GET('/api/v1/helpers/{id}', byId(id)));
}

/** Registers an applicant (at my center). */
export function createHelper(body: HelperRequest): Promise<HelperDetail> {
  return call(() => api.POST('/api/v1/helpers', { body }));
}

/** Edits the profile; `version` must be the one the form was loaded with. */
export function updateHelper(id: string, body: HelperRequest & { version: number }): Promise<HelperDetail> {
  return call(() => api.PATCH('/api/v1/helpers/{id}', { ...byId(id), body }));
}

/**
 * Accepts a helper whose pre-service hours are complete (`pre_service_incomplete`
 * otherwise) and gives them an account: `username` and `password` only when
 * they have none yet (`duplicate_username`, `weak_password`).
 */
export function acceptHelper(id: string, body: AcceptHelperRequest): Promise<HelperDetail> {
  return call(() => api.POST('/api/v1/helpers/{id}/accept', { ...byId(id), body }));
}

/**
 * `in_training`, or `inactive` (reason required): going inactive ends every
 * assignment and closes the helper's account at once.
 */
export function changeHelperStatus(id: string, status: 'in_training' | 'inactive', version: number, reason: string): Promise<HelperDetail> {
  return call(() => api.POST('/api/v1/helpers/{id}/status', { ...byId(id), body: { status, version, reason } }));
}

/** A family's assignments, newest first; the open one (if any) is the family's helper. */
export async function familyAssignments(familyId: string): Promise<Assignment[]> {
  return (await call(() => api.GET('/api/v1/families/{id}/assignments', byId(familyId)))).items;
}

/** Helpers of the family's center ranked for it (best first, full ones last), with the family's harms. */
export function helperSuggestions(familyId: string): Promise<HelperSuggestions> {
  return call(() => api.GET('/api/v1/families/{id}/helper-suggestions', byId(familyId)));
}

export interface AssignInput {
  helperId: string;
  /** ISO date; the server's default is today. */
  startsOn?: string | null;
  /** ISO date; the server's default is the rules' assignment length. */
  endsOn?: string | null;
  /** Required when the family is not in the harmed tier. */
  reason: string;
}

/**
 * Gives the family to a helper, ending its current assignment if it has one
 * (`caseload_full`, `helper_not_accepted`, `validation` on `reason`).
 */
export function assignFamily(familyId: string, input: AssignInput): Promise<Assignment> {
  return call(() =>
    api.POST('/api/v1/families/{id}/assignments', {
      ...byId(familyId),
      body: {
        helper_id: input.helperId,
        reason: input.reason,
        ...(input.startsOn ? { starts_on: input.startsOn } : {}),
        ...(input.endsOn ? { ends_on: input.endsOn } : {}),
      },
    }),
  );
}

/** Ends an assignment now: the helper loses access to the family at once. */
export function endAssignment(id: string, version: number, reason: string): Promise<Assignment> {
  return call(() => api.POST('/api/v1/assignments/{id}/end', { ...byId(id), body: { version, reason } }));
}

/** Moves an open assignment's planned end. */
export function changeAssignmentEnd(id: string, version: number, endsOn: string): Promise<Assignment> {
  return call(() => api.PATCH('/api/v1/assignments/{id}', { ...byId(id), body: { version, ends_on: endsOn } }));
}

/** My headquarters' hours and limits (the plan's defaults, `version` null, until first saved). */
export function getProgramRules(): Promise<ProgramRules> {
  return call(() => api.GET('/api/v1/program-rules'));
}

/** `version` is sent only when the rules were saved before (it is null until then). */
export function setProgramRules(rules: Omit<SetProgramRulesRequest, 'version'>, version: number | null): Promise<ProgramRules> {
  return call(() => api.PUT('/api/v1/program-rules', { body: { ...rules, ...(version !== null ? { version } : {}) } }));
}
