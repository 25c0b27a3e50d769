// A family's focused assistance (همیاری متمرکز) online: what the manager's
// family page reads and writes straight through the API, the pickers'
// lists (the resource directory, the commissions a family may be referred
// to), a user's assistance calendar and agenda. A helper's phone reads and
// writes the same through its device store (src/offline), behind the same
// `AssistanceBackend` (src/pages/assistance/backend.ts).
import { searchResources } from './resources';
import { api, call } from '../api/client';
import type {
  Agenda,
  CommissionChoice,
  DueActivity,
  FamilyAssistance,
} from '../api/types';
import type { AssistanceBackend, AssistanceSource } from '../pages/assistance/backend';

const byId = (id: string) => ({ params: { path: { id } } });

/** Services, goals, activities, referrals, decisions and tasks of a family, with the names they refer to. */
export function getFamilyAssistance(familyId: string): Promise<FamilyAssistance> {
  return call(() => api.GET('/api/v1/families/{id}/assistance', byId(familyId)));
}

/** The resource directory I may refer to (with `q`: words in the name, offers, contact or area). */
/** Commissions a family may be referred to (the center's and its headquarters'). */
export async function referableCommissions(): Promise<CommissionChoice[]> {
  return (await call(() => api.GET('/api/v1/commissions/referable'))).items;
}

/** Activities of my families due from `from` to `to` (ISO dates, both included), with the families' names. */
export async function getCalendar(from: string, to: string): Promise<DueActivity[]> {
  return (await call(() => api.GET('/api/v1/calendar', { params: { query: { from, to } } }))).items;
}

/** What is due for me: today, overdue, the coming week, overdue commission tasks, referrals to answer. */
export function getAgenda(): Promise<Agenda> {
  return call(() => api.GET('/api/v1/agenda'));
}

/**
 * Everything the family's assistance screens read, online. The pickers'
 * lists are loaded only for someone who may work on the family (the others
 * only read).
 */
export async function loadAssistanceSource(familyId: string): Promise<AssistanceSource> {
  const assistance = await getFamilyAssistance(familyId);
  if (!assistance.can_work) return { assistance, pending: new Set(), resources: [], commissions: [] };
  const [resources, commissions] = await Promise.all([searchResources(), referableCommissions()]);
  return { assistance, pending: new Set(), resources, commissions };
}

/** Writes straight to the API; the screen reloads the family's assistance after each. */
export const onlineAssistance: AssistanceBackend = {
  async logService(familyId, service) {
    await call(() => api.POST('/api/v1/families/{id}/services', { ...byId(familyId), body: service }));
  },
  async createGoal(familyId, goal) {
    await call(() => api.POST('/api/v1/families/{id}/goals', { ...byId(familyId), body: goal }));
  },
  async updateGoal(_familyId, goalId, baseVersion, change) {
    await call(() => api.PATCH('/api/v1/goals/{id}', { ...byId(goalId), body: { ...change, version: baseVersion } }));
  },
  async createActivity(familyId, activity) {
    await call(() => api.POST('/api/v1/families/{id}/activities', { ...byId(familyId), body: activity }));
  },
  async updateActivity(_familyId, activityId, baseVersion, change) {
    await call(() => api.PATCH('/api/v1/activities/{id}', { ...byId(activityId), body: { ...change, version: baseVersion } }));
  },
  async completeActivity(_familyId, activityId, baseVersion, notes, service) {
    await call(() =>
      api.POST('/api/v1/activities/{id}/complete', {
        ...byId(activityId),
        body: { version: baseVersion, ...(notes !== null ? { notes } : {}), ...(service ? { service } : {}) },
      }),
    );
  },
  async createReferral(familyId, referral) {
    await call(() => api.POST('/api/v1/families/{id}/referrals', { ...byId(familyId), body: referral }));
  },
};
