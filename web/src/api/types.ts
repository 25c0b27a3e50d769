// The one place that names generated schema types. If the server's OpenAPI
// document names a schema differently, only this file changes.
import type { components } from './schema';

type S = components['schemas'];

export type Role = S['Role'];
export type HostBody = S['HostBody'];
export type HqLevel = S['HqLevel'];
export type Permission = S['Permission'];
export type Headquarters = S['Headquarters'];
export type Center = S['Center'];
export type User = S['User'];
export type Me = S['Me'];
export type OrgRef = S['OrgRef'];
export type ErrorBody = S['ErrorBody'];
export type ErrorDetail = S['ErrorDetail'];
export type LoginRequest = S['LoginRequest'];
export type ChangePasswordRequest = S['ChangePasswordRequest'];
export type CreateCenterRequest = S['CreateCenterRequest'];
export type UpdateCenterRequest = S['UpdateCenterRequest'];
export type CreateUserRequest = S['CreateUserRequest'];
export type UpdateUserRequest = S['UpdateUserRequest'];
export type ResetPasswordRequest = S['ResetPasswordRequest'];

// Family registry (docs/api-contract.md, "Family registry (issue 3)").
export type Housing = S['Housing'];
export type FamilyStatus = S['FamilyStatus'];
export type Sex = S['Sex'];
export type Relation = S['Relation'];
export type MaritalStatus = S['MaritalStatus'];
/** Who reported the family, and their reference for it. */
export type FamilySource = S['FamilySource'];
export type Member = S['Member'];
export type Family = S['Family'];
export type FamilyDetail = S['FamilyDetail'];
export type FamilyPage = S['FamilyPage'];
export type AccessEntry = S['AccessEntry'];
export type UserRef = S['UserRef'];
/** A member as forms send it; on edit, fields left out keep their value and `""` clears one. */
export type MemberInput = S['MemberInput'];
export type UpdateMemberRequest = S['UpdateMemberRequest'];
export type CreateFamilyRequest = S['CreateFamilyRequest'];
export type UpdateFamilyRequest = S['UpdateFamilyRequest'];
export type ChangeHeadRequest = S['ChangeHeadRequest'];
export type MoveMemberRequest = S['MoveMemberRequest'];
/** What an import did (or, in a dry run, would do). */
export type ImportSummary = S['ImportSummary'];
/** One refused cell or row of an imported list; `column` is the column's code (`national_id`). */
export type ImportRowError = S['ImportRowError'];
export type FamilyRef = S['FamilyRef'];
export type DuplicateCandidate = S['DuplicateCandidate'];
/** People of one center who are probably one person. */
export type DuplicateGroup = S['DuplicateGroup'];
export type MergeRequest = S['MergeRequest'];
export type DismissRequest = S['DismissRequest'];

// Assessments and tiers (docs/assessments.md).
export type Tier = S['Tier'];
/** The family list's `?tier=` filter: a tier, or families with no final assessment. */
export type TierFilter = Tier | 'unassessed';
export type AssessmentKind = S['AssessmentKind'];
export type AssessmentStatus = S['AssessmentStatus'];
/** Answers as the form keeps them: indicator id → answer, for the family and per member id. */
export type Answers = S['Answers'];
export type DomainScores = S['DomainScores'];
export type TierOverride = S['TierOverride'];
/** A capacity or harm an assessment found (the member it concerns, for member indicators). */
export type AssessmentFinding = S['Finding'];
export type MissingAnswer = S['MissingAnswer'];
export type AssessmentSummary = S['AssessmentSummary'];
export type AssessmentDetail = S['AssessmentDetail'];
export type AssessmentList = S['AssessmentList'];
export type Assessor = S['Assessor'];
export type TierHistoryEntry = S['TierHistoryEntry'];
export type CreateAssessmentRequest = S['CreateAssessmentRequest'];
export type UpdateAssessmentRequest = S['UpdateAssessmentRequest'];
export type OverrideTierRequest = S['OverrideTierRequest'];

// Instrument versions, reclassification and outcome reports (docs/assessments.md).
/** A published instrument version, without its indicators. */
export type InstrumentSummary = S['InstrumentSummary'];
export type InstrumentList = S['InstrumentList'];
/** A version whole. The schema types `instrument` as an object; it is the checked instrument. */
export type InstrumentDocument = Omit<S['InstrumentDocument'], 'instrument'> & {
  instrument: import('../assessment/instrument').Instrument;
};
/** A problem of an instrument file; `line` 0 is the whole file. */
export type InstrumentProblem = S['InstrumentProblem'];
export type InstrumentCheck = S['InstrumentCheck'];
/** What re-scoring with a version does (preview) or did (applied: `run_id`). */
export type Reclassification = S['Reclassification'];
export type CenterReclassification = S['CenterReclassification'];
export type TierTransitionCount = S['TierTransitionCount'];
export type ReclassificationRun = S['ReclassificationRun'];
export type TierCounts = S['TierCounts'];
export type CenterTierCounts = S['CenterTierCounts'];
export type TierDistribution = S['TierDistribution'];
/** Baseline tier (rows) × end-of-plan tier (columns), in the order of `tiers`. */
export type TransitionMatrix = S['TransitionMatrix'];
export type TransitionGroup = S['TransitionGroup'];
export type TransitionReport = S['TransitionReport'];

// Helper training (issue 5): courses, sessions, enrollment, attendance.
export type Curriculum = S['Curriculum'];
export type SessionMode = S['SessionMode'];
export type Course = S['Course'];
export type CourseDetail = S['CourseDetail'];
export type CourseSession = S['CourseSession'];
export type CourseRequest = S['CourseRequest'];
export type SessionRequest = S['SessionRequest'];
/** One helper's hours in one session (0: absent); `session_id` is set in a course's sheet. */
export type AttendanceEntry = S['AttendanceEntry'];
/** An enrolled helper, as a course lists them. */
export type Trainee = S['Trainee'];
export type TrainerRef = S['TrainerRef'];
// Offline devices and sync (docs/sync.md). src/offline/protocol.ts names the wire contract from these.
export type Device = S['Device'];
export type DeviceList = S['DeviceList'];
export type RegisterDeviceRequest = S['RegisterDeviceRequest'];
/** A device and the families it was sent (a lost phone's exposure). */
export type DeviceExposure = S['DeviceExposure'];
export type DeviceFamily = S['DeviceFamily'];
/** What an offline mutation may touch, and how. */
export type MutationEntity = S['MutationEntity'];
export type MutationOp = S['MutationOp'];
/** One change a device made offline, as the schema has it (fields, base version and device time optional). */
export type SyncMutation = S['Mutation'];
export type PushRequestBody = S['PushRequest'];
export type PushResponseBody = S['PushResponse'];
/** The server's answer to one mutation. */
export type MutationAnswer = S['MutationAnswer'];
export type MutationResultCode = S['MutationResultCode'];
export type PullResponseBody = S['PullResponse'];
export type ScopeChange = S['ScopeChange'];
export type DeletedRecord = S['DeletedRecord'];
/** A value an offline edit overwrote (`field`), or an edit that found its record deleted (`edit_of_deleted`). */
export type SyncConflict = S['SyncConflict'];
export type ConflictKind = S['ConflictKind'];
export type ConflictResolution = S['ConflictResolution'];
export type ConflictList = S['ConflictList'];
export type ResolveConflictRequest = S['ResolveConflictRequest'];
/** A mutation the server kept for the manager: refused, or applied after the helper's assignment ended (`review`). */
export type MutationRecord = S['MutationRecord'];
export type MutationRecordList = S['MutationRecordList'];
/** Where and when an offline edit was made (a history entry's `offline`). */
export type OfflineOrigin = S['OfflineOrigin'];
// A helper's home: the families assigned to them.
export type MyFamilies = S['MyFamilies'];
export type MyFamily = S['MyFamily'];

export type HistoryEntity = 'family' | 'family_member';
export type HistoryOp = 'create' | 'update' | 'delete' | 'move';
/**
 * One change to a family or a member. The schema gives `entity` and `op` as
 * plain strings (a newer server may add values) and each change's values as
 * objects, while they are any JSON value (text, date, list, null): typed
 * here as what they are.
 */
export type HistoryEntry = Omit<S['HistoryEntry'], 'changes'> & {
  changes: { [field: string]: { old: unknown; new: unknown } };
};

/**
 * Every value of a schema enum, in display order. The object must name each
 * value exactly once: a value added to (or dropped from) the schema fails the
 * type check here instead of going missing from a list.
 */
function valuesOf<T extends string>(all: Record<T, true>): readonly T[] {
  return Object.keys(all) as T[];
}

export const ROLES = valuesOf<Role>({
  hq_admin: true,
  center_manager: true,
  helper: true,
  specialist: true,
  commission_member: true,
  trainer: true,
});

export const HOST_BODIES = valuesOf<HostBody>({
  mosque: true,
  cultural_center: true,
  charity: true,
  volunteer_group: true,
  family_circle: true,
  other: true,
});

/** For values from outside the typed client (a select's string, the mock's request bodies). */
export function isHostBody(v: unknown): v is HostBody {
  return (HOST_BODIES as readonly unknown[]).includes(v);
}

/** Roles that belong to a center (every role but the headquarters admin). */
export function roleNeedsCenter(role: Role): boolean {
  return role !== 'hq_admin';
}

export const HOUSINGS = valuesOf<Housing>({ owned: true, rented: true, with_relatives: true, other: true, unknown: true });

export const FAMILY_STATUSES = valuesOf<FamilyStatus>({ active: true, moved_away: true, closed: true });

export const SEXES = valuesOf<Sex>({ female: true, male: true });

export const RELATIONS = valuesOf<Relation>({
  head: true,
  spouse: true,
  child: true,
  parent: true,
  sibling: true,
  grandchild: true,
  other: true,
});

export const MARITAL_STATUSES = valuesOf<MaritalStatus>({
  single: true,
  married: true,
  divorced: true,
  widowed: true,
  unknown: true,
});

/** Best off first (the order of the server's `Tier::ALL`). */
export const TIERS = valuesOf<Tier>({ stable: true, at_risk: true, harmed: true });

export const TIER_FILTERS: readonly TierFilter[] = [...TIERS, 'unassessed'];

export const ASSESSMENT_KINDS = valuesOf<AssessmentKind>({ baseline: true, follow_up: true, end_of_plan: true });

export function isTier(v: unknown): v is Tier {
  return (TIERS as readonly unknown[]).includes(v);
}

/** For the URL's `?tier=`. */
export function isTierFilter(v: unknown): v is TierFilter {
  return (TIER_FILTERS as readonly unknown[]).includes(v);
}

/** For strings from outside the typed client: the URL's `?status=`, the mock's request bodies. */
export function isFamilyStatus(v: unknown): v is FamilyStatus {
  return (FAMILY_STATUSES as readonly unknown[]).includes(v);
}

/** Pre-service first: the order a helper takes them. */
export const CURRICULA = valuesOf<Curriculum>({ pre_service: true, in_service: true });

export const SESSION_MODES = valuesOf<SessionMode>({ in_person: true, online: true });

// Family helpers, caseloads and program rules (issue 5).
export type HelperStatus = S['HelperStatus'];
export type HelperBackground = S['HelperBackground'];
export type Skill = S['Skill'];
/** A helper with their caseload, training hours and last activity. */
export type Helper = S['Helper'];
export type HelperList = S['HelperList'];
export type HelperDetail = S['HelperDetail'];
/** A course a helper took, with their hours in it. */
export type HelperCourse = S['HelperCourse'];
export type HelperStatusChange = S['HelperStatusChange'];
export type HelperRequest = S['HelperRequest'];
export type AcceptHelperRequest = S['AcceptHelperRequest'];
export type HelperStatusRequest = S['HelperStatusRequest'];
/** The numbers headquarters set for helpers; `version` is null while the plan's defaults apply. */
export type ProgramRules = S['ProgramRules'];
export type SetProgramRulesRequest = S['SetProgramRulesRequest'];
export type Assignment = S['Assignment'];
export type AssignRequest = S['AssignRequest'];
export type EndAssignmentRequest = S['EndAssignmentRequest'];
export type UpdateAssignmentRequest = S['UpdateAssignmentRequest'];
export type HelperSuggestion = S['HelperSuggestion'];
export type HelperSuggestions = S['HelperSuggestions'];

/** From applicant to active (the road of a helper), then out of service. */
export const HELPER_STATUSES = valuesOf<HelperStatus>({ applicant: true, in_training: true, accepted: true, active: true, inactive: true });

export const HELPER_BACKGROUNDS = valuesOf<HelperBackground>({ seminary_graduate: true, university_graduate: true, local_activist: true });

export const SKILLS = valuesOf<Skill>({
  counseling: true,
  religious_guidance: true,
  job_finding: true,
  legal_aid: true,
  health: true,
  education: true,
  financial_literacy: true,
});

/** For the URL's `?status=` of the helpers list. */
export function isHelperStatus(v: unknown): v is HelperStatus {
  return (HELPER_STATUSES as readonly unknown[]).includes(v);
}

// Focused assistance (issue 7): the resource directory, services, the
// assistance calendar, referrals and commissions.
export type Domain = S['Domain'];
export type ServiceKind = S['ServiceKind'];
export type ActivityStatus = S['ActivityStatus'];
export type GoalStatus = S['GoalStatus'];
export type Responsible = S['Responsible'];
export type ResourceKind = S['ResourceKind'];
export type ResourceLevel = S['ResourceLevel'];
export type Urgency = S['Urgency'];
export type ReferralStatus = S['ReferralStatus'];
export type MemberCapacity = S['MemberCapacity'];
export type TaskStatus = S['TaskStatus'];
export type AssigneeKind = S['AssigneeKind'];
export type DirectoryResource = S['Resource'];
export type ResourceRef = S['ResourceRef'];
export type ResourceRequest = S['ResourceRequest'];
export type Service = S['Service'];
export type ServiceRequest = S['ServiceRequest'];
export type Harm = S['Harm'];
export type Goal = S['Goal'];
export type GoalRequest = S['GoalRequest'];
export type Activity = S['Activity'];
export type ActivityRequest = S['ActivityRequest'];
export type CompleteActivityRequest = S['CompleteActivityRequest'];
export type DueActivity = S['DueActivity'];
export type Calendar = S['Calendar'];
export type Agenda = S['Agenda'];
export type Referral = S['Referral'];
export type ReferralRequest = S['ReferralRequest'];
export type ReferralAnswerRequest = S['ReferralAnswerRequest'];
export type ReferralCase = S['ReferralCase'];
export type Commission = S['Commission'];
export type CommissionChoice = S['CommissionChoice'];
export type CommissionDetail = S['CommissionDetail'];
export type CommissionRequest = S['CommissionRequest'];
export type CommissionSeat = S['CommissionSeat'];
export type SeatRequest = S['SeatRequest'];
export type Attendee = S['Attendee'];
export type Meeting = S['Meeting'];
export type MeetingRequest = S['MeetingRequest'];
export type MeetingDetail = S['MeetingDetail'];
export type Decision = S['Decision'];
export type DecisionRequest = S['DecisionRequest'];
export type CommissionTask = S['CommissionTask'];
export type TaskStatusRequest = S['TaskStatusRequest'];
export type FamilyAssistance = S['FamilyAssistance'];

// General assistance (issue 8): group programs, their sessions, targeting,
// registrations, attendance, certificates and reports.
export type ProgramKind = S['ProgramKind'];
export type Audience = S['Audience'];
export type Program = S['Program'];
export type ProgramDetail = S['ProgramDetail'];
export type ProgramSession = S['ProgramSession'];
export type ProgramTarget = S['ProgramTarget'];
export type ProgramParticipant = S['ProgramParticipant'];
export type ProgramReport = S['ProgramReport'];
export type ProgramTargeting = S['ProgramTargeting'];
export type Invitee = S['Invitee'];
export type ProgramRegistration = S['ProgramRegistration'];
export type RegistrationList = S['RegistrationList'];
export type WalkIn = S['WalkIn'];
export type ProgramCertificate = S['ProgramCertificate'];
export type FamilyProgram = S['FamilyProgram'];
export type FamilyProgramList = S['FamilyProgramList'];
export type ProgramMonth = S['ProgramMonth'];
export type ProgramMonthReport = S['ProgramMonthReport'];
export type ProgramRequest = S['ProgramRequest'];
export type ProgramSessionRequest = S['ProgramSessionRequest'];
export type RegisterRequest = S['RegisterRequest'];
export type WalkInRequest = S['WalkInRequest'];
export type LinkWalkInRequest = S['LinkWalkInRequest'];
export type ProgramAttendanceRequest = S['ProgramAttendanceRequest'];
export type ProgramAttendanceLine = S['ProgramAttendanceLine'];
