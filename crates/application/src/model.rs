//! The records use cases and storage exchange. Every user-editable record
//! carries the sync columns: a UUIDv7 id (a client may make it), a version
//! bumped on each write, timestamps, and a tombstone.

use chrono::{DateTime, NaiveDate, Utc};
use hamyar_domain::{
    family::{FamilyStatus, Housing, MaritalStatus, Relation, Sex},
    helper::{Curriculum, HelperBackground, HelperStatus, Hours, ProgramRules, SessionMode, Skill},
    instrument::{AnswerSet, Finding},
    national_id::NationalId,
    organization::{HostBody, HqLevel},
    role::Role,
    tier::{AssessmentDomain, AssessmentKind, AssessmentStatus, Tier},
};
use std::collections::BTreeMap;
use uuid::Uuid;

pub use crate::model_assistance::*;
pub use crate::model_programs::*;

#[derive(Debug, Clone, PartialEq)]
pub struct SyncMeta {
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

impl SyncMeta {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self { version: 1, created_at: at, updated_at: at, deleted_at: None }
    }

    /// The meta of the next version of a record.
    pub fn bumped(&self, at: DateTime<Utc>) -> Self {
        Self { version: self.version + 1, created_at: self.created_at, updated_at: at, deleted_at: self.deleted_at }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Headquarters {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub level: HqLevel,
    pub meta: SyncMeta,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Center {
    pub id: Uuid,
    pub hq_id: Uuid,
    pub code: String,
    pub name: String,
    pub host_body: HostBody,
    pub neighborhood: String,
    pub address: String,
    pub opened_on: Option<NaiveDate>,
    pub meta: SyncMeta,
}

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub hq_id: Option<Uuid>,
    pub center_id: Option<Uuid>,
    pub disabled: bool,
    pub meta: SyncMeta,
}

/// A server-side session. Only the SHA-256 of the token is stored, so a
/// copy of the database does not hand out live sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: Uuid,
    pub user_id: Uuid,
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub client_address: String,
    pub user_agent: String,
}

/// Who reported a family, and their own reference for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilySource {
    pub organization: String,
    pub reference: String,
}

/// A household registered at a center.
#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    pub id: Uuid,
    pub center_id: Uuid,
    pub family_name: String,
    pub head_member_id: Option<Uuid>,
    pub neighborhood: String,
    pub address: String,
    pub phones: Vec<String>,
    pub housing: Housing,
    pub status: FamilyStatus,
    pub status_reason: String,
    pub consent_on: Option<NaiveDate>,
    pub consent_recorded_by: Option<Uuid>,
    pub sources: Vec<FamilySource>,
    /// Set when this family was merged into another (and tombstoned).
    pub merged_into: Option<Uuid>,
    pub meta: SyncMeta,
}

/// A person in a family.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: Uuid,
    pub family_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub father_name: String,
    pub national_id: Option<NationalId>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Sex,
    pub relation: Relation,
    pub marital_status: MaritalStatus,
    pub education: String,
    pub occupation: String,
    pub health: String,
    pub disability: String,
    pub insurance: String,
    pub mobile: String,
    /// Attributes Hamyar has no field for (unknown columns of an imported list).
    pub extra: std::collections::BTreeMap<String, String>,
    pub meta: SyncMeta,
}

impl Member {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name).trim().to_owned()
    }

    /// The member as the change log keeps it. Sync compares an offline
    /// edit's fields against these keys (the names of `MemberInput`).
    pub fn snapshot(&self) -> serde_json::Value {
        serde_json::json!({
            "family_id": self.family_id, "first_name": self.first_name, "last_name": self.last_name,
            "father_name": self.father_name, "national_id": self.national_id.as_ref().map(|n| n.as_str()),
            "birth_date": self.birth_date, "sex": self.sex.code(), "relation": self.relation.code(),
            "marital_status": self.marital_status.code(), "education": self.education, "occupation": self.occupation,
            "health": self.health, "disability": self.disability, "insurance": self.insurance, "mobile": self.mobile,
            "extra": self.extra,
        })
    }
}

impl Family {
    /// The family as the change log keeps it (keys as in `FamilyPatch`).
    pub fn snapshot(&self) -> serde_json::Value {
        serde_json::json!({
            "center_id": self.center_id, "family_name": self.family_name, "head_member_id": self.head_member_id,
            "neighborhood": self.neighborhood, "address": self.address, "phones": self.phones,
            "housing": self.housing.code(), "status": self.status.code(), "status_reason": self.status_reason,
            "consent_on": self.consent_on, "consent_recorded_by": self.consent_recorded_by, "merged_into": self.merged_into,
            "sources": self.sources.iter().map(|s| serde_json::json!({"organization": s.organization, "reference": s.reference})).collect::<Vec<_>>(),
        })
    }
}

/// A family in a list: with what the list shows of its members.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyListItem {
    pub family: Family,
    pub head_name: String,
    pub member_count: i64,
    /// None until a final assessment.
    pub tier: Option<Tier>,
}

/// Families of one tier, or those never assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierFilter {
    Tier(Tier),
    Unassessed,
}

/// Families in a helper's caseload, or in nobody's, on the day (see
/// [`Assignment::counts_on`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignmentFilter {
    Helper(Uuid, NaiveDate),
    Unassigned(NaiveDate),
}

/// Columns derived from a family and its members, kept beside the family
/// row for listing and search; the application computes them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FamilyDerived {
    pub head_name: String,
    /// Normalized search keys of everything a search may match, `|`-separated.
    pub search_text: String,
    /// Orders family lists: the family's name, then the head's, in Persian
    /// alphabetical order, as bytes a database index can sort.
    pub sort_key: Vec<u8>,
}

/// One family row to write, or only its derived columns refreshed.
#[derive(Debug, Clone)]
pub struct FamilyWrite {
    pub family: Family,
    /// False when only the derived columns change (a member was edited).
    pub changed: bool,
    pub derived: FamilyDerived,
}

/// What happens to a member in a [`FamilyChange`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberOp {
    Create,
    Update,
    /// Tombstoned (`meta.deleted_at` set).
    Delete,
    /// Moved from the given family to `member.family_id`.
    Move {
        from: Uuid,
    },
}

/// A set of registry writes that succeed or fail together: a new family
/// with its head, a head change, a member moved between two families.
#[derive(Debug, Clone, Default)]
pub struct FamilyChange {
    pub families: Vec<FamilyWrite>,
    pub members: Vec<(Member, MemberOp)>,
}

/// A search of the registry, already normalized.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FamilyQuery {
    /// Search keys; each must occur in the family's search text.
    pub words: Vec<String>,
    pub neighborhood: Option<String>,
    pub status: Option<FamilyStatus>,
    pub tier: Option<TierFilter>,
    pub assignment: Option<AssignmentFilter>,
    pub offset: u64,
    pub limit: u64,
}

/// Who writes, and when: every write is recorded in the change log with it.
#[derive(Debug, Clone, Copy)]
pub struct WriteContext {
    /// None for the operator at the command line.
    pub actor: Option<Uuid>,
    pub at: DateTime<Utc>,
    /// Set when the write applies a device's offline mutation.
    pub origin: Option<MutationOrigin>,
}

/// The offline mutation a write applies (`docs/sync.md`): logged with each
/// change-log entry, so the family's history shows the device and its
/// clock, and so a push the device did not hear the answer to is known to
/// have been applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MutationOrigin {
    pub mutation_id: Uuid,
    pub device_id: Uuid,
    pub device_seq: i64,
    /// The device's clock: shown, never used for ordering.
    pub device_time: Option<DateTime<Utc>>,
}

/// A published version of an assessment instrument. The source is kept as
/// written; [`hamyar_domain::instrument::Instrument::parse`] reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct InstrumentRecord {
    pub id: Uuid,
    /// None for the instrument Hamyar ships with.
    pub hq_id: Option<Uuid>,
    pub code: String,
    pub instrument_version: u32,
    pub title_fa: String,
    pub title_en: String,
    pub source: String,
    pub published_by: Option<Uuid>,
    pub meta: SyncMeta,
}

/// A manager's tier for a family, kept beside the computed one.
#[derive(Debug, Clone, PartialEq)]
pub struct TierOverride {
    pub tier: Tier,
    pub reason: String,
    pub by: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// What an assessment's answers came to (`missing` is not stored: it is
/// found again from the answers and the instrument).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AssessmentResult {
    pub domain_scores: BTreeMap<AssessmentDomain, f64>,
    pub computed_tier: Option<Tier>,
    pub capacities: Vec<Finding>,
    pub harms: Vec<Finding>,
}

/// One assessment (سطح‌بندی) of a family.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub instrument_id: Uuid,
    pub kind: AssessmentKind,
    pub status: AssessmentStatus,
    pub assessed_on: NaiveDate,
    pub assessor_id: Uuid,
    /// Members by id, each with their age on `assessed_on`.
    pub answers: AnswerSet,
    pub result: AssessmentResult,
    pub tier_override: Option<TierOverride>,
    /// The final assessment this one corrects, and why.
    pub corrects: Option<Uuid>,
    pub correction_reason: String,
    /// The correction that replaced this one.
    pub superseded_by: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub finalized_by: Option<Uuid>,
    pub finalized_at: Option<DateTime<Utc>>,
    pub meta: SyncMeta,
}

impl Assessment {
    /// The tier that counts: the manager's, else the computed one.
    pub fn tier(&self) -> Option<Tier> {
        self.tier_override.as_ref().map(|o| o.tier).or(self.result.computed_tier)
    }
}

/// Writes that go with an assessment, in its transaction.
#[derive(Debug, Clone, Default)]
pub struct AssessmentWrite {
    /// Records with version 1 are inserted; others updated if the stored
    /// version is one less.
    pub assessments: Vec<Assessment>,
    /// The family's current tier, when this write changes it: (family,
    /// center, tier, the final assessment it comes from).
    pub family_tier: Option<(Uuid, Uuid, Tier, Uuid)>,
}

/// A family's current tier and the answers it comes from, for re-scoring.
#[derive(Debug, Clone, PartialEq)]
pub struct TierInput {
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub tier: Tier,
    /// JSON `AnswerSet`, parsed by the caller (in parallel).
    pub answers: String,
    pub override_tier: Option<Tier>,
}

/// A family a reclassification moves to another tier.
#[derive(Debug, Clone, PartialEq)]
pub struct TierChange {
    pub family_id: Uuid,
    pub from: Tier,
    pub to: Tier,
    pub domain_scores: BTreeMap<AssessmentDomain, f64>,
}

/// One run of re-scoring a headquarters' families.
#[derive(Debug, Clone, PartialEq)]
pub struct ReclassificationRecord {
    pub id: Uuid,
    pub hq_id: Uuid,
    pub instrument_id: Uuid,
    pub run_by: Option<Uuid>,
    pub run_at: DateTime<Utc>,
    pub families_scored: u64,
    pub families_changed: u64,
    pub summary: serde_json::Value,
}

/// A final assessment as the outcome reports read it.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessedTier {
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub kind: AssessmentKind,
    pub assessed_on: NaiveDate,
    pub assessor_id: Uuid,
    pub tier: Tier,
}

/// A family helper (همیار خانواده), from application to the end of their
/// service. Once accepted they hold a user account (`user_id`).
#[derive(Debug, Clone, PartialEq)]
pub struct Helper {
    pub id: Uuid,
    pub center_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub mobile: String,
    pub background: HelperBackground,
    pub field_of_study: String,
    pub skills: Vec<Skill>,
    pub neighborhood: String,
    /// When they can work, in their words ("weekday afternoons").
    pub availability: String,
    pub notes: String,
    pub status: HelperStatus,
    pub user_id: Option<Uuid>,
    pub meta: SyncMeta,
}

impl Helper {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name).trim().to_owned()
    }
}

/// One dated move of a helper's status, with who made it and why.
/// Append-only.
#[derive(Debug, Clone, PartialEq)]
pub struct HelperStatusChange {
    pub id: Uuid,
    pub helper_id: Uuid,
    pub from: Option<HelperStatus>,
    pub to: HelperStatus,
    pub reason: String,
    pub by: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// A training course of a headquarters (and, if set, of one center).
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub id: Uuid,
    pub hq_id: Uuid,
    pub center_id: Option<Uuid>,
    pub curriculum: Curriculum,
    pub title: String,
    pub description: String,
    pub trainer_id: Option<Uuid>,
    pub meta: SyncMeta,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CourseSession {
    pub id: Uuid,
    pub course_id: Uuid,
    pub held_on: NaiveDate,
    pub hours: Hours,
    pub mode: SessionMode,
    pub trainer_id: Option<Uuid>,
    pub topic: String,
    pub meta: SyncMeta,
}

/// A helper taking a course. Tombstoned when they leave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Enrollment {
    pub id: Uuid,
    pub course_id: Uuid,
    pub helper_id: Uuid,
    pub meta: SyncMeta,
}

/// Hours a helper attended of a session (zero: absent).
#[derive(Debug, Clone, PartialEq)]
pub struct Attendance {
    pub id: Uuid,
    pub session_id: Uuid,
    pub helper_id: Uuid,
    pub hours: Hours,
    pub meta: SyncMeta,
}

/// A family in a helper's caseload for a period. Open while `ended_at`
/// is unset; the helper has access from `starts_on` through `ends_on`.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub id: Uuid,
    pub helper_id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Why a family outside the harmed tier was assigned.
    pub reason: String,
    pub assigned_by: Option<Uuid>,
    /// The assignment this one took over from (a reassignment).
    pub replaces: Option<Uuid>,
    pub ended_at: Option<DateTime<Utc>>,
    pub ended_by: Option<Uuid>,
    pub end_reason: String,
    pub meta: SyncMeta,
}

impl Assignment {
    /// Does the helper have access to the family on `day`?
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.ended_at.is_none() && self.meta.deleted_at.is_none() && self.starts_on <= day && day <= self.ends_on
    }

    /// Does it count against the helper's caseload on `day` (open, not
    /// past its end; a future start counts)?
    pub fn counts_on(&self, day: NaiveDate) -> bool {
        self.ended_at.is_none() && self.meta.deleted_at.is_none() && day <= self.ends_on
    }
}

/// A headquarters' program rules as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramRulesRecord {
    pub id: Uuid,
    pub hq_id: Uuid,
    pub rules: ProgramRules,
    pub meta: SyncMeta,
}

/// Writes of the helper program that succeed or fail together: records of
/// version 1 are inserted, others updated if the stored version is one
/// less; each is logged.
#[derive(Debug, Clone, Default)]
pub struct ProgramWrite {
    pub helpers: Vec<Helper>,
    pub status_changes: Vec<HelperStatusChange>,
    /// A new account (with its password hash) or an updated one.
    pub new_user: Option<(User, String)>,
    pub updated_user: Option<User>,
    pub courses: Vec<Course>,
    pub sessions: Vec<CourseSession>,
    pub enrollments: Vec<Enrollment>,
    pub attendance: Vec<Attendance>,
    pub assignments: Vec<Assignment>,
    pub rules: Option<ProgramRulesRecord>,
    /// After writing: refuse (and write nothing) if this helper would hold
    /// more than this many families counting on the day.
    pub caseload_limit: Option<(Uuid, u32, NaiveDate)>,
}

/// One installation of the web app, registered at login, that holds a
/// helper's families offline (`docs/sync.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    /// Made by the device (UUIDv7).
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub app_version: String,
    pub protocol: u32,
    pub last_seen_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<Uuid>,
    pub meta: SyncMeta,
}

/// The server's answer to one offline mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MutationResult {
    Applied,
    /// Written, and a value it overwrote (or could not write) kept in a
    /// [`SyncConflict`].
    Conflict,
    /// Not written, with a reason.
    Rejected,
}

impl MutationResult {
    pub fn code(self) -> &'static str {
        match self {
            MutationResult::Applied => "applied",
            MutationResult::Conflict => "conflict",
            MutationResult::Rejected => "rejected",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "applied" => Some(MutationResult::Applied),
            "conflict" => Some(MutationResult::Conflict),
            "rejected" => Some(MutationResult::Rejected),
            _ => None,
        }
    }
}

/// A device's mutation as the server received and answered it: kept so a
/// repeated push gets the same answer, and so refusals and edits applied
/// after an assignment ended reach the manager.
#[derive(Debug, Clone, PartialEq)]
pub struct MutationRecord {
    pub id: Uuid,
    pub device_id: Uuid,
    pub device_seq: i64,
    pub user_id: Uuid,
    pub center_id: Option<Uuid>,
    pub entity: String,
    pub entity_id: Uuid,
    pub family_id: Uuid,
    pub op: String,
    pub base_version: Option<i64>,
    pub result: MutationResult,
    /// An error code for a refusal (`forbidden`, `validation`, …).
    pub reason: String,
    pub message: String,
    /// The record's version after the write.
    pub version: Option<i64>,
    /// Applied although the helper's assignment had ended meanwhile.
    pub review: bool,
    pub fields: serde_json::Value,
    pub device_time: Option<DateTime<Utc>>,
    pub received_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// Two writers set one field; the later (in server order) won.
    Field,
    /// An offline edit reached a record deleted meanwhile: not written.
    EditOfDeleted,
}

impl ConflictKind {
    pub fn code(self) -> &'static str {
        match self {
            ConflictKind::Field => "field",
            ConflictKind::EditOfDeleted => "edit_of_deleted",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "field" => Some(ConflictKind::Field),
            "edit_of_deleted" => Some(ConflictKind::EditOfDeleted),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictResolution {
    /// The winning value stays.
    Keep,
    /// The losing value is written back, as an edit by the resolver.
    Restore,
}

impl ConflictResolution {
    pub fn code(self) -> &'static str {
        match self {
            ConflictResolution::Keep => "keep",
            ConflictResolution::Restore => "restore",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "keep" => Some(ConflictResolution::Keep),
            "restore" => Some(ConflictResolution::Restore),
            _ => None,
        }
    }
}

/// A value that lost to a later write, or an edit that found its record
/// deleted: kept until the helper or the manager resolves it.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncConflict {
    pub id: Uuid,
    pub kind: ConflictKind,
    /// The mutation that made it.
    pub mutation_id: Uuid,
    pub center_id: Option<Uuid>,
    pub entity: String,
    pub entity_id: Uuid,
    pub family_id: Uuid,
    /// None for an edit of a deleted record (the losing value holds every
    /// field of the edit).
    pub field: Option<String>,
    pub winning_value: serde_json::Value,
    pub losing_value: serde_json::Value,
    pub winning_author: Option<Uuid>,
    pub losing_author: Option<Uuid>,
    pub losing_version: Option<i64>,
    pub device_time: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolved_by: Option<Uuid>,
    pub resolution: Option<ConflictResolution>,
    pub meta: SyncMeta,
}

/// A family whose records were sent to a device.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceFamily {
    pub device_id: Uuid,
    pub family_id: Uuid,
    pub first_sent_at: DateTime<Utc>,
    pub last_sent_at: DateTime<Utc>,
    /// When a pull told the device to delete it.
    pub removed_at: Option<DateTime<Utc>>,
    /// The cursor of the pull page that last sent it: a device pulling from
    /// before it never got that page, and is sent the family again.
    pub sent_seq: i64,
}
