// A family's assistance on the helper's phone: the screens' backend writes
// into the device store's outbox (each write shows at once, marked
// pending, and goes with the next sync), and their source is read from the
// store, with the directory and commissions as last fetched online.
import type { ReferralStatus } from '../../api/types';
import { useResource, type Resource } from '../../data';
import { enqueueMutation, localAssistance, localDirectory, useSyncStatus, type MutationInput } from '../../offline';
import type { AssistanceBackend, AssistanceSource } from '../assistance/backend';

type Fields = Record<string, unknown>;

/** The fields as sent: what was given (undefined left out), without the record's id and version. */
function fieldsOf(body: object): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(body)) if (v !== undefined && k !== 'id' && k !== 'version') out[k] = v;
  return out;
}

/**
 * The base version of an edit: what the screen showed, when it is a server
 * version the phone knows; otherwise (a record made here, version 0) the
 * version the phone holds (the push moves it on once the create is answered).
 */
function base(version: number): Pick<MutationInput, 'base_version'> {
  return version >= 1 ? { base_version: version } : {};
}

async function enqueue(input: MutationInput): Promise<void> {
  await enqueueMutation(input);
}

/** The family's referrals: an organization's answer recorded by the helper, or the referral withdrawn. */
export interface ReferralAnswerBackend {
  answerReferral(familyId: string, referralId: string, baseVersion: number, status: ReferralStatus, feedback: string | null): Promise<void>;
}

export const offlineAssistance: AssistanceBackend & ReferralAnswerBackend = {
  async logService(familyId, service) {
    await enqueue({ entity: 'service', entity_id: service.id, family_id: familyId, op: 'create', fields: fieldsOf(service) });
  },
  async createGoal(familyId, goal) {
    await enqueue({ entity: 'plan_goal', entity_id: goal.id, family_id: familyId, op: 'create', fields: fieldsOf(goal) });
  },
  async updateGoal(familyId, goalId, baseVersion, change) {
    const fields = fieldsOf(change);
    if (Object.keys(fields).length === 0) return;
    await enqueue({ entity: 'plan_goal', entity_id: goalId, family_id: familyId, op: 'update', fields, ...base(baseVersion) });
  },
  async createActivity(familyId, activity) {
    await enqueue({ entity: 'plan_activity', entity_id: activity.id, family_id: familyId, op: 'create', fields: fieldsOf(activity) });
  },
  async updateActivity(familyId, activityId, baseVersion, change) {
    const fields = fieldsOf(change);
    if (Object.keys(fields).length === 0) return;
    await enqueue({ entity: 'plan_activity', entity_id: activityId, family_id: familyId, op: 'update', fields, ...base(baseVersion) });
  },
  async completeActivity(familyId, activityId, baseVersion, notes, service) {
    const fields: Fields = {};
    if (notes !== null) fields.notes = notes;
    // The service keeps its own id: the server logs it under that id.
    if (service) fields.service = { ...fieldsOf(service), id: service.id };
    await enqueue({ entity: 'plan_activity', entity_id: activityId, family_id: familyId, op: 'complete', fields, ...base(baseVersion) });
  },
  async createReferral(familyId, referral) {
    await enqueue({ entity: 'referral', entity_id: referral.id, family_id: familyId, op: 'create', fields: fieldsOf(referral) });
  },
  async answerReferral(familyId, referralId, baseVersion, status, feedback) {
    const fields: Fields = { status };
    if (feedback !== null) fields.feedback = feedback;
    await enqueue({ entity: 'referral', entity_id: referralId, family_id: familyId, op: 'update', fields, ...base(baseVersion) });
  },
};

/** What the assistance screens read, from the phone; `synced`: the server's copy of it has reached the phone. */
export interface OfflineAssistance {
  source: AssistanceSource;
  synced: boolean;
}

export async function loadOfflineAssistance(familyId: string): Promise<OfflineAssistance> {
  const [local, directory] = await Promise.all([localAssistance(familyId), localDirectory()]);
  return {
    source: {
      assistance: local.assistance,
      pending: local.pending,
      resources: directory?.resources ?? [],
      commissions: directory?.commissions ?? [],
    },
    synced: local.synced,
  };
}

/** The family's assistance from the phone, read again whenever the store changes (an edit queued, a sync, an unlock). */
export function useOfflineAssistance(familyId: string): Resource<OfflineAssistance> {
  const s = useSyncStatus();
  const key = `${s.pending}|${s.conflicts}|${s.refusals}|${s.lastSyncAt ?? ''}|${s.lock}|${s.syncing}`;
  return useResource(() => loadOfflineAssistance(familyId), [familyId, key]);
}
