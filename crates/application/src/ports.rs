//! The ports storage implements. Every list method takes a [`Scope`]
//! computed by the policy, so no query can forget to be scoped.

use crate::model::{
    Activity, AssessedTier, Assessment, AssessmentWrite, Assignment, AssistanceWrite, Attendance, Center, Commission,
    CommissionMember, Course, CourseSession, Decision, Device, DeviceFamily, Enrollment, Family, FamilyChange,
    FamilyDerived, FamilyListItem, FamilyQuery, Goal, Headquarters, Helper, HelperStatusChange, InstrumentRecord,
    Meeting, Member, MutationRecord, Program, ProgramAttendance, ProgramRulesRecord, ProgramSession, ProgramWrite,
    ProgramsWrite, ReclassificationRecord, Referral, Registration, Resource, Service, Session, SyncConflict, Task,
    TierChange, TierInput, User, WalkIn, WriteContext,
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use hamyar_domain::tier::Tier;
use std::collections::HashMap;
use uuid::Uuid;

/// What part of the organization a query may see. Deny by default:
/// `Nothing` is a real, common answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Nothing,
    Headquarters(Uuid),
    Center(Uuid),
    /// The operator at the command line: the whole database.
    Everything,
    /// A helper's families: those of their assignments active on the day.
    /// Only family queries know this scope; every other query sees nothing.
    AssignedTo {
        user_id: Uuid,
        on: chrono::NaiveDate,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UniqueKey {
    Username,
    Code,
    NationalId,
    /// A family has one open assignment at a time.
    OpenAssignment,
    /// Any other unique key: a race to create the same record.
    Other,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("version conflict")]
    VersionConflict,
    #[error("duplicate {0:?}")]
    Duplicate(UniqueKey),
    /// A write would give a helper more families than the limit.
    #[error("caseload limit of {max} reached")]
    CaseloadFull { max: u32 },
    #[error("storage: {0}")]
    Backend(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

#[async_trait]
pub trait OrgStore: Send + Sync {
    async fn insert_headquarters(&self, ctx: WriteContext, hq: &Headquarters) -> StoreResult<()>;
    async fn get_headquarters(&self, id: Uuid) -> StoreResult<Option<Headquarters>>;
    async fn find_headquarters_by_code(&self, code: &str) -> StoreResult<Option<Headquarters>>;
    async fn list_headquarters(&self, scope: Scope) -> StoreResult<Vec<Headquarters>>;

    async fn insert_center(&self, ctx: WriteContext, center: &Center) -> StoreResult<()>;
    /// Writes `center` if the stored version is still `center.meta.version - 1`.
    async fn update_center(&self, ctx: WriteContext, center: &Center) -> StoreResult<()>;
    async fn get_center(&self, id: Uuid) -> StoreResult<Option<Center>>;
    async fn find_center_by_code(&self, code: &str) -> StoreResult<Option<Center>>;
    async fn list_centers(&self, scope: Scope) -> StoreResult<Vec<Center>>;
}

#[async_trait]
pub trait UserStore: Send + Sync {
    async fn insert_user(&self, ctx: WriteContext, user: &User, password_hash: &str) -> StoreResult<()>;
    /// Writes `user` if the stored version is still `user.meta.version - 1`.
    async fn update_user(&self, ctx: WriteContext, user: &User) -> StoreResult<()>;
    /// Sets a new password hash, bumps the version, and ends every session
    /// of the user, in one transaction.
    async fn set_password(&self, ctx: WriteContext, user_id: Uuid, password_hash: &str) -> StoreResult<User>;
    async fn get_user(&self, id: Uuid) -> StoreResult<Option<User>>;
    /// The user and their password hash, by (normalized) username.
    async fn find_credentials(&self, username: &str) -> StoreResult<Option<(User, String)>>;
    async fn password_hash(&self, user_id: Uuid) -> StoreResult<Option<String>>;
    async fn list_users(&self, scope: Scope) -> StoreResult<Vec<User>>;
    /// Users by id, whatever their scope (for names in histories).
    async fn users_by_ids(&self, ids: &[Uuid]) -> StoreResult<Vec<User>>;
}

#[async_trait]
pub trait SessionStore: Send + Sync {
    async fn insert_session(&self, session: &Session) -> StoreResult<()>;
    async fn find_session(&self, token_hash: &str) -> StoreResult<Option<Session>>;
    async fn touch_session(&self, id: Uuid, at: DateTime<Utc>) -> StoreResult<()>;
    async fn delete_session(&self, id: Uuid) -> StoreResult<()>;
    async fn delete_user_sessions(&self, user_id: Uuid) -> StoreResult<()>;
    /// Housekeeping: sessions past their absolute expiry.
    async fn delete_sessions_expired_before(&self, at: DateTime<Utc>) -> StoreResult<u64>;
}

#[async_trait]
pub trait FamilyStore: Send + Sync {
    /// Writes a [`FamilyChange`] in one transaction: records with version 1
    /// are inserted, others updated only if the stored version is one less
    /// (else `VersionConflict`); every written record is logged with the
    /// family it belongs to.
    async fn save_family_change(&self, ctx: WriteContext, change: &FamilyChange) -> StoreResult<()>;
    async fn get_family(&self, id: Uuid) -> StoreResult<Option<Family>>;
    /// Live (not removed) members of a family.
    async fn family_members(&self, family_id: Uuid) -> StoreResult<Vec<Member>>;
    async fn get_member(&self, id: Uuid) -> StoreResult<Option<Member>>;
    async fn search_families(&self, scope: Scope, query: &FamilyQuery) -> StoreResult<(Vec<FamilyListItem>, u64)>;
    /// Writes many new families with their members in one transaction,
    /// with multi-row inserts (bulk imports); each is logged as created.
    async fn insert_new_families(
        &self,
        ctx: WriteContext,
        families: Vec<(Family, Vec<Member>, FamilyDerived)>,
    ) -> StoreResult<()>;
    /// After a bulk write: lets the database learn the new sizes of its
    /// tables, so it keeps choosing good plans (SQLite has no autovacuum
    /// daemon to do it).
    async fn refresh_statistics(&self) -> StoreResult<()>;
    /// Families a source reported, by its references, at a center.
    async fn families_by_sources(
        &self,
        center_id: Uuid,
        organization: &str,
        references: &[String],
    ) -> StoreResult<HashMap<String, Uuid>>;
    /// Live members holding any of these national IDs under a headquarters.
    async fn members_by_national_ids(&self, hq_id: Uuid, national_ids: &[String]) -> StoreResult<Vec<Member>>;
    /// The live member holding a national ID under a headquarters.
    async fn find_national_id(&self, hq_id: Uuid, national_id: &str) -> StoreResult<Option<Member>>;
    /// Change-log entries of a family and of its members — and of the
    /// families merged into it — newest first.
    async fn family_history(&self, family_id: Uuid) -> StoreResult<Vec<ChangeEntry>>;
    /// Pairs of members (smaller id first) a manager said are different people.
    async fn dismissed_duplicates(&self, center_id: Uuid) -> StoreResult<Vec<(Uuid, Uuid)>>;
    async fn dismiss_duplicate(
        &self,
        center_id: Uuid,
        pair: (Uuid, Uuid),
        by: Option<Uuid>,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    async fn record_family_access(&self, family_id: Uuid, user_id: Uuid, at: DateTime<Utc>) -> StoreResult<()>;
    /// When this user last opened this family's file.
    async fn last_family_access(&self, family_id: Uuid, user_id: Uuid) -> StoreResult<Option<DateTime<Utc>>>;
    /// Records one view of many files at once (an export).
    async fn record_families_access(&self, family_ids: &[Uuid], user_id: Uuid, at: DateTime<Utc>) -> StoreResult<()>;
    /// Every live family of a center (in Persian alphabetical order) and
    /// all their live members.
    async fn center_registry(&self, center_id: Uuid) -> StoreResult<(Vec<Family>, Vec<Member>)>;
    /// Who opened a family's file, newest first.
    async fn family_access_log(&self, family_id: Uuid, limit: u64) -> StoreResult<Vec<(DateTime<Utc>, Uuid)>>;
}

/// One entry of the append-only change log.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeEntry {
    pub seq: i64,
    /// The family the record belongs to, for registry records.
    pub family_id: Option<Uuid>,
    /// The family it belonged to before, when this write moved it.
    pub prior_family_id: Option<Uuid>,
    pub entity: String,
    pub entity_id: Uuid,
    pub op: String,
    pub version: i64,
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
    pub data: serde_json::Value,
    /// For an offline edit: its mutation, device and device clock.
    pub origin: Option<crate::model::MutationOrigin>,
}

#[async_trait]
pub trait ChangeLogStore: Send + Sync {
    /// Entries with a sequence number above `after`, oldest first.
    async fn changes_after(&self, after: i64, limit: u64) -> StoreResult<Vec<ChangeEntry>>;
}

/// Filters of the outcome reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AssessedTierQuery {
    pub center_id: Option<Uuid>,
    pub assessor_id: Option<Uuid>,
}

#[async_trait]
pub trait AssessmentStore: Send + Sync {
    async fn insert_instrument(&self, ctx: WriteContext, instrument: &InstrumentRecord) -> StoreResult<()>;
    async fn get_instrument(&self, id: Uuid) -> StoreResult<Option<InstrumentRecord>>;
    /// Instruments a headquarters published, and those Hamyar ships with,
    /// oldest first.
    async fn instruments_for(&self, hq_id: Option<Uuid>) -> StoreResult<Vec<InstrumentRecord>>;

    /// Writes an [`AssessmentWrite`] in one transaction, each record logged.
    async fn save_assessments(&self, ctx: WriteContext, write: &AssessmentWrite) -> StoreResult<()>;
    async fn get_assessment(&self, id: Uuid) -> StoreResult<Option<Assessment>>;
    /// A family's live assessments, newest first.
    async fn family_assessments(&self, family_id: Uuid) -> StoreResult<Vec<Assessment>>;
    /// Current tiers of these families.
    async fn family_tiers(&self, family_ids: &[Uuid]) -> StoreResult<HashMap<Uuid, Tier>>;
    /// Live, active families per (center, current tier; None = never assessed).
    async fn tier_counts(&self, scope: Scope) -> StoreResult<Vec<(Uuid, Option<Tier>, u64)>>;
    /// Final, not superseded baseline and end-of-plan assessments of live families.
    async fn assessed_tiers(&self, scope: Scope, query: AssessedTierQuery) -> StoreResult<Vec<AssessedTier>>;
    /// Reclassifications that changed a family's tier: (when, run, change).
    async fn family_tier_changes(&self, family_id: Uuid) -> StoreResult<Vec<(ReclassificationRecord, TierChange)>>;

    /// Families of a headquarters that have a tier, with the answers of the
    /// assessment it comes from, in id order after `after`.
    async fn tier_inputs(&self, hq_id: Uuid, after: Option<Uuid>, limit: u64) -> StoreResult<Vec<TierInput>>;
    /// Records a reclassification and moves the families it changed, in
    /// one transaction.
    async fn apply_reclassification(
        &self,
        ctx: WriteContext,
        run: &ReclassificationRecord,
        changes: &[TierChange],
    ) -> StoreResult<()>;
    async fn reclassifications(&self, hq_id: Uuid) -> StoreResult<Vec<ReclassificationRecord>>;
}

/// Training hours of one helper, per curriculum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HelperHours {
    pub pre_service: hamyar_domain::helper::Hours,
    pub in_service: hamyar_domain::helper::Hours,
}

#[async_trait]
pub trait HelperStore: Send + Sync {
    /// Writes a [`ProgramWrite`] in one transaction.
    async fn save_program(&self, ctx: WriteContext, write: &ProgramWrite) -> StoreResult<()>;
    async fn program_rules(&self, hq_id: Uuid) -> StoreResult<Option<ProgramRulesRecord>>;

    async fn get_helper(&self, id: Uuid) -> StoreResult<Option<Helper>>;
    async fn helper_of_user(&self, user_id: Uuid) -> StoreResult<Option<Helper>>;
    /// Live helpers of the centers a scope covers, by name.
    async fn list_helpers(&self, scope: Scope) -> StoreResult<Vec<Helper>>;
    /// Oldest first.
    async fn helper_status_changes(&self, helper_id: Uuid) -> StoreResult<Vec<HelperStatusChange>>;
    async fn helper_hours(&self, helper_ids: &[Uuid]) -> StoreResult<HashMap<Uuid, HelperHours>>;
    /// When each of these users last wrote anything (from the change log).
    async fn last_activity(&self, user_ids: &[Uuid]) -> StoreResult<HashMap<Uuid, DateTime<Utc>>>;

    async fn get_course(&self, id: Uuid) -> StoreResult<Option<Course>>;
    /// Live courses of a headquarters, newest first.
    async fn list_courses(&self, hq_id: Uuid) -> StoreResult<Vec<Course>>;
    async fn get_course_session(&self, id: Uuid) -> StoreResult<Option<CourseSession>>;
    /// Live sessions of a course, by date.
    async fn course_sessions(&self, course_id: Uuid) -> StoreResult<Vec<CourseSession>>;
    /// Live enrollments of a course.
    async fn course_enrollments(&self, course_id: Uuid) -> StoreResult<Vec<Enrollment>>;
    /// Live enrollments of a helper.
    async fn helper_enrollments(&self, helper_id: Uuid) -> StoreResult<Vec<Enrollment>>;
    /// Attendance rows of these sessions.
    async fn session_attendance(&self, session_ids: &[Uuid]) -> StoreResult<Vec<Attendance>>;

    async fn get_assignment(&self, id: Uuid) -> StoreResult<Option<Assignment>>;
    /// A family's assignments, newest first, ended ones included.
    async fn family_assignments(&self, family_id: Uuid) -> StoreResult<Vec<Assignment>>;
    /// The assignments of these helpers to live families, newest first,
    /// ended ones included.
    async fn helper_assignments(&self, helper_ids: &[Uuid]) -> StoreResult<Vec<Assignment>>;
    /// Families the helper holding this account may open on the day.
    async fn assigned_families(&self, user_id: Uuid, on: chrono::NaiveDate) -> StoreResult<Vec<Uuid>>;
}

#[async_trait]
pub trait DeviceStore: Send + Sync {
    /// Inserts a device of version 1, or updates it if the stored version
    /// is the one before; logged.
    async fn save_device(&self, ctx: WriteContext, device: &Device) -> StoreResult<()>;
    async fn get_device(&self, id: Uuid) -> StoreResult<Option<Device>>;
    /// Live devices of these users, newest first.
    async fn devices_of(&self, user_ids: &[Uuid]) -> StoreResult<Vec<Device>>;
}

#[async_trait]
pub trait SyncStore: Send + Sync {
    async fn get_mutation(&self, id: Uuid) -> StoreResult<Option<MutationRecord>>;
    /// Records a mutation's answer and the conflicts it made, in one
    /// transaction (a record with this id already there: `Duplicate(Other)`).
    async fn record_mutation(&self, record: &MutationRecord, conflicts: &[SyncConflict]) -> StoreResult<()>;
    /// Change-log entries a mutation wrote, oldest first.
    async fn mutation_changes(&self, mutation_id: Uuid) -> StoreResult<Vec<ChangeEntry>>;
    /// The change-log entry that wrote this version of a record.
    async fn change_at_version(&self, entity_id: Uuid, version: i64) -> StoreResult<Option<ChangeEntry>>;
    /// Mutations of these families (or of a center), newest first, of the
    /// given results (and/or marked for review).
    async fn list_mutations(
        &self,
        center_id: Uuid,
        families: Option<&[Uuid]>,
        rejected: bool,
        review: bool,
    ) -> StoreResult<Vec<MutationRecord>>;

    async fn get_conflict(&self, id: Uuid) -> StoreResult<Option<SyncConflict>>;
    /// The conflicts a mutation made.
    async fn mutation_conflicts(&self, mutation_id: Uuid) -> StoreResult<Vec<SyncConflict>>;
    /// Conflicts of a center (or of these families), newest first.
    async fn list_conflicts(
        &self,
        center_id: Uuid,
        families: Option<&[Uuid]>,
        open_only: bool,
    ) -> StoreResult<Vec<SyncConflict>>;
    /// Updates a conflict if the stored version is the one before; logged.
    async fn save_conflict(&self, ctx: WriteContext, conflict: &SyncConflict) -> StoreResult<()>;

    /// Families a device holds now (sent and not removed), and all it ever held.
    async fn device_families(&self, device_id: Uuid) -> StoreResult<Vec<DeviceFamily>>;
    /// Records that these families' records were sent to the device now, in
    /// the page whose cursor is `seq`.
    async fn mark_families_sent(
        &self,
        device_id: Uuid,
        family_ids: &[Uuid],
        at: DateTime<Utc>,
        seq: i64,
    ) -> StoreResult<()>;
    /// Records that the device was told to delete these families.
    async fn mark_families_removed(&self, device_id: Uuid, family_ids: &[Uuid], at: DateTime<Utc>) -> StoreResult<()>;
    /// The newest change-log sequence number.
    async fn last_change_seq(&self) -> StoreResult<i64>;
    /// Change-log entries in `(after, upto]` of records of these families
    /// (now or before a move), oldest first.
    async fn family_changes_between(
        &self,
        family_ids: &[Uuid],
        after: i64,
        upto: i64,
        limit: u64,
    ) -> StoreResult<Vec<ChangeEntry>>;
}

/// Focused assistance: the directory, the service log, calendars,
/// referrals and commissions.
#[async_trait]
pub trait AssistanceStore: Send + Sync {
    /// Writes an [`AssistanceWrite`] in one transaction: records of version
    /// 1 inserted, others updated if the stored version is the one before;
    /// each logged (family records with their family).
    async fn save_assistance(&self, ctx: WriteContext, write: &AssistanceWrite) -> StoreResult<()>;

    async fn get_resource(&self, id: Uuid) -> StoreResult<Option<Resource>>;
    /// Live resources of a headquarters and of its centers, by name;
    /// `search` (a `persian::search_key`) narrows them to those whose
    /// name, offers, contact or area hold it.
    async fn list_resources(&self, hq_id: Uuid, search: Option<&str>) -> StoreResult<Vec<Resource>>;

    async fn get_service(&self, id: Uuid) -> StoreResult<Option<Service>>;
    /// Live services of these families, amendments included, newest first.
    async fn family_services(&self, family_ids: &[Uuid]) -> StoreResult<Vec<Service>>;

    async fn get_goal(&self, id: Uuid) -> StoreResult<Option<Goal>>;
    /// Live goals of these families, oldest first.
    async fn family_goals(&self, family_ids: &[Uuid]) -> StoreResult<Vec<Goal>>;
    async fn get_activity(&self, id: Uuid) -> StoreResult<Option<Activity>>;
    /// Live activities of these families, by day.
    async fn family_activities(&self, family_ids: &[Uuid]) -> StoreResult<Vec<Activity>>;
    /// Live activities of the families a scope sees (a center, or a
    /// helper's assignments) due in `[from, to]`, by day.
    async fn activities_due(&self, scope: Scope, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<Activity>>;

    async fn get_referral(&self, id: Uuid) -> StoreResult<Option<Referral>>;
    /// Live referrals of these families, newest first.
    async fn family_referrals(&self, family_ids: &[Uuid]) -> StoreResult<Vec<Referral>>;
    /// Live referrals whose receiver is this account, or that went to these
    /// commissions, newest first.
    async fn referrals_received(&self, user_id: Option<Uuid>, commission_ids: &[Uuid]) -> StoreResult<Vec<Referral>>;
    /// Live referrals made by a center's families, newest first.
    async fn center_referrals(&self, center_id: Uuid) -> StoreResult<Vec<Referral>>;

    async fn get_commission(&self, id: Uuid) -> StoreResult<Option<Commission>>;
    /// Live commissions of a headquarters and of its centers.
    async fn list_commissions(&self, hq_id: Uuid) -> StoreResult<Vec<Commission>>;
    /// Live seats of these commissions.
    async fn commission_members(&self, commission_ids: &[Uuid]) -> StoreResult<Vec<CommissionMember>>;
    /// Commissions where this account holds a live seat.
    async fn member_commissions(&self, user_id: Uuid) -> StoreResult<Vec<Uuid>>;
    async fn get_meeting(&self, id: Uuid) -> StoreResult<Option<Meeting>>;
    /// Live meetings of a commission, newest first.
    async fn commission_meetings(&self, commission_id: Uuid) -> StoreResult<Vec<Meeting>>;
    async fn get_decision(&self, id: Uuid) -> StoreResult<Option<Decision>>;
    /// Live decisions of these meetings.
    async fn meeting_decisions(&self, meeting_ids: &[Uuid]) -> StoreResult<Vec<Decision>>;
    /// Live decisions about these families.
    async fn family_decisions(&self, family_ids: &[Uuid]) -> StoreResult<Vec<Decision>>;
    async fn get_task(&self, id: Uuid) -> StoreResult<Option<Task>>;
    /// Live tasks of these commissions, by due day.
    async fn commission_tasks(&self, commission_ids: &[Uuid]) -> StoreResult<Vec<Task>>;
    /// Live tasks about these families, by due day.
    async fn family_tasks(&self, family_ids: &[Uuid]) -> StoreResult<Vec<Task>>;
}

/// General assistance: group programs, sessions, walk-ins, registrations
/// and attendance.
#[async_trait]
pub trait ProgramStore: Send + Sync {
    /// Writes a [`ProgramsWrite`] in one transaction: records of version 1
    /// inserted, others updated if the stored version is the one before;
    /// each logged (registrations and attendance of members with their
    /// family).
    async fn save_programs(&self, ctx: WriteContext, write: &ProgramsWrite) -> StoreResult<()>;
    async fn get_program(&self, id: Uuid) -> StoreResult<Option<Program>>;
    /// Live programs of these centers, newest first.
    async fn center_programs(&self, center_ids: &[Uuid]) -> StoreResult<Vec<Program>>;
    async fn get_program_session(&self, id: Uuid) -> StoreResult<Option<ProgramSession>>;
    /// Live sessions of these programs, by day and time.
    async fn program_sessions(&self, program_ids: &[Uuid]) -> StoreResult<Vec<ProgramSession>>;
    async fn get_walk_in(&self, id: Uuid) -> StoreResult<Option<WalkIn>>;
    /// Live walk-ins of these ids.
    async fn walk_ins(&self, ids: &[Uuid]) -> StoreResult<Vec<WalkIn>>;
    async fn get_registration(&self, id: Uuid) -> StoreResult<Option<Registration>>;
    /// Live registrations of these programs.
    async fn program_registrations(&self, program_ids: &[Uuid]) -> StoreResult<Vec<Registration>>;
    /// Live registrations of these members (a family's programs).
    async fn member_registrations(&self, member_ids: &[Uuid]) -> StoreResult<Vec<Registration>>;
    /// Live attendance lines of these sessions.
    async fn program_attendance(&self, session_ids: &[Uuid]) -> StoreResult<Vec<ProgramAttendance>>;
    /// Members of a headquarters marked present at a session held on or
    /// after `since` of a live program whose `topic_key` is this one.
    async fn attended_topic_since(&self, hq_id: Uuid, topic_key: &str, since: NaiveDate) -> StoreResult<Vec<Uuid>>;
}

pub trait Store:
    OrgStore
    + UserStore
    + SessionStore
    + FamilyStore
    + ChangeLogStore
    + AssessmentStore
    + HelperStore
    + DeviceStore
    + SyncStore
    + AssistanceStore
    + ProgramStore
{
}
impl<T> Store for T where
    T: OrgStore
        + UserStore
        + SessionStore
        + FamilyStore
        + ChangeLogStore
        + AssessmentStore
        + HelperStore
        + DeviceStore
        + SyncStore
        + AssistanceStore
        + ProgramStore
{
}
