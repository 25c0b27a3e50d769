// The contract between a family's assistance screens and where their
// writes go: online, straight to the API (the manager's family page); on a
// helper's phone, into the device store's outbox, sent by the sync engine.
// The screens render a `FamilyAssistance` and call these; they never know
// which backend they have.
import type {
  ActivityRequest,
  CommissionChoice,
  FamilyAssistance,
  GoalRequest,
  ReferralRequest,
  DirectoryResource,
  ServiceRequest,
} from '../../api/types';

/** Fields of a change; on an update, only what changed (null clears). */
export type GoalChange = Omit<GoalRequest, 'id' | 'version'>;
export type ActivityChange = Omit<ActivityRequest, 'id' | 'version'>;

export interface AssistanceBackend {
  /** Logs a service (with `amends` + `amend_reason`: a correction). `id` is made by the caller (UUIDv7). */
  logService(familyId: string, service: ServiceRequest & { id: string }): Promise<void>;
  createGoal(familyId: string, goal: GoalChange & { id: string }): Promise<void>;
  updateGoal(familyId: string, goalId: string, baseVersion: number, change: GoalChange): Promise<void>;
  createActivity(familyId: string, activity: ActivityChange & { id: string }): Promise<void>;
  updateActivity(familyId: string, activityId: string, baseVersion: number, change: ActivityChange): Promise<void>;
  /** Marks it done and, with `service`, logs the service it was — one step. */
  completeActivity(
    familyId: string,
    activityId: string,
    baseVersion: number,
    notes: string | null,
    service: (ServiceRequest & { id: string }) | null,
  ): Promise<void>;
  createReferral(familyId: string, referral: ReferralRequest & { id: string }): Promise<void>;
}

/** What the screens read, wherever it comes from. */
export interface AssistanceSource {
  assistance: FamilyAssistance;
  /** Ids of records with changes not yet on the server (offline). */
  pending: ReadonlySet<string>;
  /** The directory, for pickers (cached on the phone). */
  resources: readonly DirectoryResource[];
  /** Commissions the family may be referred to. */
  commissions: readonly CommissionChoice[];
}
