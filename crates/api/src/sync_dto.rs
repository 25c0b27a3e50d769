//! Bodies of the offline-sync endpoints (`docs/sync.md`).

use crate::{
    assessment_dto::AssessmentSummaryDto,
    family_dto::{FamilyDto, MemberDto, UserRef},
};
use chrono::{DateTime, Utc};
use hamyar_application::{
    model::{MutationRecord, SyncConflict},
    sync::DeviceView,
    sync_pull::PullPage,
    sync_push::PushAnswer,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterDeviceRequest {
    /// Made by the device (UUIDv7) and kept in its storage.
    pub id: Uuid,
    /// E.g. «گوشی زهرا».
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub app_version: String,
    /// The sync protocol the app speaks (now 1).
    pub protocol: u32,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Device)]
pub struct DeviceDto {
    pub id: Uuid,
    pub user_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub name: String,
    pub app_version: String,
    pub protocol: u32,
    pub last_seen_at: DateTime<Utc>,
    #[schema(required = true)]
    pub revoked_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
}

impl From<DeviceView> for DeviceDto {
    fn from(v: DeviceView) -> Self {
        let d = v.device;
        Self {
            id: d.id,
            user_id: d.user_id,
            username: v.owner.username,
            display_name: v.owner.display_name,
            name: d.name,
            app_version: d.app_version,
            protocol: d.protocol,
            last_seen_at: d.last_seen_at,
            revoked_at: d.revoked_at,
            version: d.meta.version,
            created_at: d.meta.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = DeviceList)]
pub struct DeviceListDto {
    pub items: Vec<DeviceDto>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeviceListQuery {
    /// One user's devices (one I may see).
    pub user_id: Option<Uuid>,
}

/// What a mutation does to its record.
#[derive(ToSchema)]
#[schema(as = MutationOp)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum MutationOpCode {
    Create,
    Update,
    Delete,
    Append,
    /// An activity done, with the service it was.
    Complete,
}

/// The records a device may change offline.
#[derive(ToSchema)]
#[schema(as = MutationEntity)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum MutationEntityCode {
    Family,
    FamilyMember,
    Assessment,
    Service,
    PlanGoal,
    PlanActivity,
    Referral,
}

/// The server's answer to a mutation.
#[derive(ToSchema)]
#[schema(as = MutationResultCode)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum MutationResultCode {
    Applied,
    Duplicate,
    Conflict,
    Rejected,
}

/// One change a device made offline (`docs/sync.md`).
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = Mutation)]
pub struct MutationDto {
    /// UUIDv7 made on the device: the idempotency key.
    pub id: Uuid,
    /// 1, 2, 3… per device, never reused.
    pub device_seq: i64,
    #[schema(value_type = MutationEntityCode)]
    pub entity: String,
    pub entity_id: Uuid,
    pub family_id: Uuid,
    #[schema(value_type = MutationOpCode)]
    pub op: String,
    /// The record's version the edit was made on (null for create/append).
    pub base_version: Option<i64>,
    /// The changed fields, named as in the online API's inputs.
    #[serde(default)]
    #[schema(value_type = HashMap<String, serde_json::Value>)]
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// The device's clock: shown in history, never used for ordering.
    pub device_time: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PushRequest {
    pub protocol: u32,
    pub device_id: Uuid,
    /// In `device_seq` order; at most 200.
    pub mutations: Vec<MutationDto>,
}

/// A value an offline edit overwrote, or an edit that found its record deleted.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = SyncConflict)]
pub struct ConflictDto {
    pub id: Uuid,
    #[schema(value_type = ConflictKindCode)]
    pub kind: String,
    pub mutation_id: Uuid,
    #[schema(value_type = MutationEntityCode)]
    pub entity: String,
    pub entity_id: Uuid,
    pub family_id: Uuid,
    #[schema(required = true)]
    pub field: Option<String>,
    /// The value that stands (for an edit of a deleted record: the record as deleted).
    pub winning_value: serde_json::Value,
    /// The value that lost (for an edit of a deleted record: every field of the edit).
    pub losing_value: serde_json::Value,
    #[schema(required = true)]
    pub winning_author: Option<UserRef>,
    #[schema(required = true)]
    pub losing_author: Option<UserRef>,
    #[schema(required = true)]
    pub device_time: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    #[schema(required = true)]
    pub resolved_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub resolved_by: Option<UserRef>,
    #[schema(required = true, value_type = Option<ConflictResolutionCode>)]
    pub resolution: Option<String>,
    pub version: i64,
}

#[derive(ToSchema)]
#[schema(as = ConflictKind)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKindCode {
    /// Two writers set one field; the later (in server order) won.
    Field,
    /// An offline edit reached a record deleted meanwhile: not written.
    EditOfDeleted,
}

#[derive(ToSchema)]
#[schema(as = ConflictResolution)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum ConflictResolutionCode {
    Keep,
    Restore,
}

fn user_ref(id: Option<Uuid>, names: &HashMap<Uuid, String>) -> Option<UserRef> {
    id.map(|id| UserRef { id, display_name: names.get(&id).cloned().unwrap_or_default() })
}

impl ConflictDto {
    pub fn new(c: SyncConflict, names: &HashMap<Uuid, String>) -> Self {
        Self {
            id: c.id,
            kind: c.kind.code().to_owned(),
            mutation_id: c.mutation_id,
            entity: c.entity,
            entity_id: c.entity_id,
            family_id: c.family_id,
            field: c.field,
            winning_value: c.winning_value,
            losing_value: c.losing_value,
            winning_author: user_ref(c.winning_author, names),
            losing_author: user_ref(c.losing_author, names),
            device_time: c.device_time,
            created_at: c.meta.created_at,
            resolved_at: c.resolved_at,
            resolved_by: user_ref(c.resolved_by, names),
            resolution: c.resolution.map(|r| r.code().to_owned()),
            version: c.meta.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = MutationAnswer)]
pub struct MutationResultDto {
    pub id: Uuid,
    #[schema(value_type = MutationResultCode)]
    pub result: String,
    /// For a duplicate: what the first push of it came to.
    #[schema(required = true, value_type = Option<MutationResultCode>)]
    pub original_result: Option<String>,
    /// The record's version after the write.
    #[schema(required = true)]
    pub version: Option<i64>,
    /// An error code for a refusal (`forbidden`, `validation`, …) or `edit_of_deleted`.
    #[schema(required = true)]
    pub reason: Option<String>,
    #[schema(required = true)]
    pub message: Option<String>,
    /// Applied although the helper's assignment had ended meanwhile.
    pub review: bool,
    pub conflicts: Vec<ConflictDto>,
}

impl MutationResultDto {
    pub fn new(a: PushAnswer, names: &HashMap<Uuid, String>) -> Self {
        let r = a.record;
        let code = r.result.code().to_owned();
        let text = |s: String| Some(s).filter(|s| !s.is_empty());
        Self {
            id: r.id,
            result: if a.duplicate { "duplicate".to_owned() } else { code.clone() },
            original_result: a.duplicate.then_some(code),
            version: r.version,
            reason: text(r.reason),
            message: text(r.message),
            review: r.review,
            conflicts: a.conflicts.into_iter().map(|c| ConflictDto::new(c, names)).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PushResponse {
    /// One per mutation, in the order sent.
    pub results: Vec<MutationResultDto>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PullQuery {
    pub device_id: Uuid,
    /// As the last pull gave it; empty for a first sync.
    pub cursor: Option<String>,
    /// Change-log entries per page (default 200, at most 1000).
    pub limit: Option<u64>,
    /// The protocol the app speaks (default 1).
    pub protocol: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScopeChange {
    /// Families now on the device: every record of them is in this page.
    pub added: Vec<Uuid>,
    /// Families to delete from the device with all their records.
    pub removed: Vec<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = DeletedRecord)]
pub struct DeletedRecordDto {
    #[schema(value_type = MutationEntityCode)]
    pub entity: String,
    pub id: Uuid,
    pub family_id: Uuid,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PullResponse {
    /// Opaque: send it back with the next pull.
    pub cursor: String,
    /// Pull again at once with the new cursor.
    pub more: bool,
    pub scope: ScopeChange,
    pub families: Vec<FamilyDto>,
    pub members: Vec<MemberDto>,
    pub assessments: Vec<AssessmentSummaryDto>,
    /// Services, calendars, referrals and commission decisions of the
    /// families sent, one entry per family.
    pub assistance: Vec<crate::assistance_dto::FamilyAssistanceDto>,
    pub deleted: Vec<DeletedRecordDto>,
    /// The headquarters' current instrument.
    pub instrument_id: Uuid,
    /// A device that has not synced for this many days locks until it does.
    pub lock_after_days: u32,
}

impl From<PullPage> for PullResponse {
    fn from(p: PullPage) -> Self {
        let mut families = Vec::with_capacity(p.families.len());
        let mut members = Vec::new();
        for d in p.families {
            let count = d.members.len() as i64;
            families.push(FamilyDto::new(d.family, d.head_name, count, d.tier));
            members.extend(d.members.into_iter().map(MemberDto::from));
        }
        let assessments = p
            .assessments
            .iter()
            .flat_map(|of| {
                of.assessments.iter().map(|a| AssessmentSummaryDto::new(a, of.current == Some(a.id), &of.names))
            })
            .collect();
        Self {
            cursor: p.cursor,
            more: p.more,
            scope: ScopeChange { added: p.added, removed: p.removed },
            families,
            members,
            assessments,
            assistance: p.assistance.into_iter().map(Into::into).collect(),
            deleted: p
                .deleted
                .into_iter()
                .map(|d| DeletedRecordDto { entity: d.entity, id: d.id, family_id: d.family_id })
                .collect(),
            instrument_id: p.instrument_id,
            lock_after_days: p.lock_after_days,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConflictQuery {
    pub family_id: Option<Uuid>,
    /// Only those not yet resolved (default true).
    pub open: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConflictList {
    pub items: Vec<ConflictDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ResolveConflictRequest {
    /// `keep` (the winning value stays) or `restore` (the losing value is written back).
    #[schema(value_type = ConflictResolutionCode)]
    pub resolution: String,
    pub version: i64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SyncMutationQuery {
    pub family_id: Option<Uuid>,
    /// `rejected` or `review`; both when left out.
    pub result: Option<String>,
}

/// A mutation as the server received and answered it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = MutationRecord)]
pub struct MutationRecordDto {
    pub id: Uuid,
    pub device_id: Uuid,
    pub device_seq: i64,
    pub author: UserRef,
    #[schema(value_type = MutationEntityCode)]
    pub entity: String,
    pub entity_id: Uuid,
    pub family_id: Uuid,
    #[schema(value_type = MutationOpCode)]
    pub op: String,
    #[schema(value_type = MutationResultCode)]
    pub result: String,
    pub reason: String,
    pub message: String,
    pub review: bool,
    #[schema(value_type = HashMap<String, serde_json::Value>)]
    pub fields: serde_json::Value,
    #[schema(required = true)]
    pub device_time: Option<DateTime<Utc>>,
    pub received_at: DateTime<Utc>,
}

impl MutationRecordDto {
    pub fn new(r: MutationRecord, names: &HashMap<Uuid, String>) -> Self {
        Self {
            author: UserRef { id: r.user_id, display_name: names.get(&r.user_id).cloned().unwrap_or_default() },
            id: r.id,
            device_id: r.device_id,
            device_seq: r.device_seq,
            entity: r.entity,
            entity_id: r.entity_id,
            family_id: r.family_id,
            op: r.op,
            result: r.result.code().to_owned(),
            reason: r.reason,
            message: r.message,
            review: r.review,
            fields: r.fields,
            device_time: r.device_time,
            received_at: r.received_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MutationRecordList {
    pub items: Vec<MutationRecordDto>,
}

/// A family whose records were sent to a device.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = DeviceFamily)]
pub struct DeviceFamilyDto {
    pub family_id: Uuid,
    /// Null when you may not open the family's file (any more).
    #[schema(required = true)]
    pub family_name: Option<String>,
    pub first_sent_at: DateTime<Utc>,
    pub last_sent_at: DateTime<Utc>,
    /// When a pull told the device to delete it; null while it holds it.
    #[schema(required = true)]
    pub removed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeviceExposure {
    pub device: DeviceDto,
    pub families: Vec<DeviceFamilyDto>,
}
