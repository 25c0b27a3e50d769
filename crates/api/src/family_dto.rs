//! Bodies of the family registry's endpoints.

use chrono::{DateTime, NaiveDate, Utc};
use hamyar_application::{
    families::{FamilyDetail, FamilyPage, HistoryEntry, MemberInput},
    model::{Family, FamilyListItem, FamilySource, Member, User},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(ToSchema)]
#[schema(as = Housing)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum HousingCode {
    Owned,
    Rented,
    WithRelatives,
    Other,
    Unknown,
}

#[derive(ToSchema)]
#[schema(as = FamilyStatus)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum FamilyStatusCode {
    Active,
    MovedAway,
    Closed,
}

#[derive(ToSchema)]
#[schema(as = Sex)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum SexCode {
    Female,
    Male,
}

#[derive(ToSchema)]
#[schema(as = Relation)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum RelationCode {
    Head,
    Spouse,
    Child,
    Parent,
    Sibling,
    Grandchild,
    Other,
}

#[derive(ToSchema)]
#[schema(as = MaritalStatus)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum MaritalStatusCode {
    Single,
    Married,
    Divorced,
    Widowed,
    Unknown,
}

/// Who reported a family, and their reference for it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = FamilySource)]
pub struct FamilySourceDto {
    pub organization: String,
    #[serde(default)]
    pub reference: String,
}

impl From<FamilySource> for FamilySourceDto {
    fn from(s: FamilySource) -> Self {
        Self { organization: s.organization, reference: s.reference }
    }
}

impl From<FamilySourceDto> for FamilySource {
    fn from(s: FamilySourceDto) -> Self {
        Self { organization: s.organization, reference: s.reference }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Member)]
pub struct MemberDto {
    pub id: Uuid,
    pub family_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub father_name: String,
    #[schema(required = true)]
    pub national_id: Option<String>,
    #[schema(required = true)]
    pub birth_date: Option<NaiveDate>,
    #[schema(value_type = SexCode)]
    pub sex: String,
    #[schema(value_type = RelationCode)]
    pub relation: String,
    #[schema(value_type = MaritalStatusCode)]
    pub marital_status: String,
    pub education: String,
    pub occupation: String,
    pub health: String,
    pub disability: String,
    pub insurance: String,
    pub mobile: String,
    /// Attributes Hamyar has no field for (unknown columns of an imported list).
    pub extra: std::collections::BTreeMap<String, String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Member> for MemberDto {
    fn from(m: Member) -> Self {
        Self {
            id: m.id,
            family_id: m.family_id,
            first_name: m.first_name,
            last_name: m.last_name,
            father_name: m.father_name,
            national_id: m.national_id.map(|n| n.as_str().to_owned()),
            birth_date: m.birth_date,
            sex: m.sex.code().to_owned(),
            relation: m.relation.code().to_owned(),
            marital_status: m.marital_status.code().to_owned(),
            education: m.education,
            occupation: m.occupation,
            health: m.health,
            disability: m.disability,
            insurance: m.insurance,
            mobile: m.mobile,
            extra: m.extra,
            version: m.meta.version,
            created_at: m.meta.created_at,
            updated_at: m.meta.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Family)]
pub struct FamilyDto {
    pub id: Uuid,
    pub center_id: Uuid,
    pub family_name: String,
    #[schema(required = true)]
    pub head_member_id: Option<Uuid>,
    pub head_name: String,
    pub neighborhood: String,
    pub address: String,
    pub phones: Vec<String>,
    #[schema(value_type = HousingCode)]
    pub housing: String,
    #[schema(value_type = FamilyStatusCode)]
    pub status: String,
    pub status_reason: String,
    #[schema(required = true)]
    pub consent_on: Option<NaiveDate>,
    #[schema(required = true)]
    pub consent_recorded_by: Option<Uuid>,
    pub sources: Vec<FamilySourceDto>,
    pub member_count: i64,
    /// The family's current tier; null until a final assessment.
    #[schema(required = true, value_type = Option<crate::assessment_dto::TierCode>)]
    pub tier: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl FamilyDto {
    pub(crate) fn new(
        f: Family,
        head_name: String,
        member_count: i64,
        tier: Option<hamyar_domain::tier::Tier>,
    ) -> Self {
        Self {
            id: f.id,
            center_id: f.center_id,
            family_name: f.family_name,
            head_member_id: f.head_member_id,
            head_name,
            neighborhood: f.neighborhood,
            address: f.address,
            phones: f.phones,
            housing: f.housing.code().to_owned(),
            status: f.status.code().to_owned(),
            status_reason: f.status_reason,
            consent_on: f.consent_on,
            consent_recorded_by: f.consent_recorded_by,
            sources: f.sources.into_iter().map(Into::into).collect(),
            member_count,
            tier: tier.map(|t| t.code().to_owned()),
            version: f.meta.version,
            created_at: f.meta.created_at,
            updated_at: f.meta.updated_at,
        }
    }
}

impl From<FamilyListItem> for FamilyDto {
    fn from(item: FamilyListItem) -> Self {
        Self::new(item.family, item.head_name, item.member_count, item.tier)
    }
}

/// A family's file: the family and its members (head first).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = FamilyDetail)]
pub struct FamilyDetailDto {
    #[serde(flatten)]
    pub family: FamilyDto,
    pub members: Vec<MemberDto>,
}

impl From<FamilyDetail> for FamilyDetailDto {
    fn from(d: FamilyDetail) -> Self {
        let count = d.members.len() as i64;
        Self {
            family: FamilyDto::new(d.family, d.head_name, count, d.tier),
            members: d.members.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = FamilyPage)]
pub struct FamilyPageDto {
    pub items: Vec<FamilyDto>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

impl From<FamilyPage> for FamilyPageDto {
    fn from(p: FamilyPage) -> Self {
        Self {
            items: p.items.into_iter().map(Into::into).collect(),
            total: p.total,
            page: p.page,
            page_size: p.page_size,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserRef {
    pub id: Uuid,
    pub display_name: String,
}

impl From<User> for UserRef {
    fn from(u: User) -> Self {
        Self { id: u.id, display_name: u.display_name }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldChange {
    /// Any JSON value (`null` when the field was empty or new).
    pub old: serde_json::Value,
    pub new: serde_json::Value,
}

/// One change to a family or one of its members.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = HistoryEntry)]
pub struct HistoryEntryDto {
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// Who made it; `null` for the operator at the command line.
    #[schema(required = true)]
    pub actor: Option<UserRef>,
    /// `family` or `family_member`.
    pub entity: String,
    pub entity_id: Uuid,
    /// `create`, `update`, `delete` or `move`.
    pub op: String,
    pub changes: std::collections::BTreeMap<String, FieldChange>,
    /// For an edit made offline: the device and its clock when made.
    #[schema(required = true)]
    pub offline: Option<OfflineOrigin>,
}

/// Where and when an offline edit was made.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfflineOrigin {
    pub device_id: Uuid,
    pub device_seq: i64,
    /// The device's clock (may be wrong); the entry's `at` is the server's.
    #[schema(required = true)]
    pub device_time: Option<DateTime<Utc>>,
}

impl From<HistoryEntry> for HistoryEntryDto {
    fn from(h: HistoryEntry) -> Self {
        Self {
            seq: h.entry.seq,
            at: h.entry.at,
            actor: h.actor.map(Into::into),
            entity: h.entry.entity,
            entity_id: h.entry.entity_id,
            op: h.entry.op,
            changes: h.changes.into_iter().map(|(k, (old, new))| (k, FieldChange { old, new })).collect(),
            offline: h.entry.origin.map(|o| OfflineOrigin {
                device_id: o.device_id,
                device_seq: o.device_seq,
                device_time: o.device_time,
            }),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryList {
    pub items: Vec<HistoryEntryDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AccessEntry {
    pub at: DateTime<Utc>,
    pub user: UserRef,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AccessList {
    pub items: Vec<AccessEntry>,
}

/// A member as forms send it. Text fields left out keep their value on
/// edit; `""` clears them.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[schema(as = MemberInput)]
pub struct MemberInputDto {
    /// Optional client-made UUIDv7 (new members only).
    pub id: Option<Uuid>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub father_name: Option<String>,
    /// Ten digits; Persian or Arabic digits accepted.
    pub national_id: Option<String>,
    /// ISO `YYYY-MM-DD`; `""` clears it.
    pub birth_date: Option<String>,
    #[schema(value_type = Option<SexCode>)]
    pub sex: Option<String>,
    #[schema(value_type = Option<RelationCode>)]
    pub relation: Option<String>,
    #[schema(value_type = Option<MaritalStatusCode>)]
    pub marital_status: Option<String>,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub health: Option<String>,
    pub disability: Option<String>,
    pub insurance: Option<String>,
    pub mobile: Option<String>,
    /// Replaces the extra attributes when given.
    pub extra: Option<std::collections::BTreeMap<String, String>>,
}

impl From<MemberInputDto> for MemberInput {
    fn from(m: MemberInputDto) -> Self {
        Self {
            id: m.id,
            first_name: m.first_name,
            last_name: m.last_name,
            father_name: m.father_name,
            national_id: m.national_id,
            birth_date: m.birth_date,
            sex: m.sex,
            relation: m.relation,
            marital_status: m.marital_status,
            education: m.education,
            occupation: m.occupation,
            health: m.health,
            disability: m.disability,
            insurance: m.insurance,
            mobile: m.mobile,
            extra: m.extra,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateFamilyRequest {
    pub id: Option<Uuid>,
    /// Defaults to the caller's center.
    pub center_id: Option<Uuid>,
    /// Defaults to «خانوادهٔ <head's last name>».
    pub family_name: Option<String>,
    pub neighborhood: Option<String>,
    pub address: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[schema(value_type = Option<HousingCode>)]
    pub housing: Option<String>,
    /// ISO date the family consented to be registered.
    pub consent_on: Option<String>,
    #[serde(default)]
    pub sources: Vec<FamilySourceDto>,
    pub head: MemberInputDto,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateFamilyRequest {
    pub version: i64,
    pub family_name: Option<String>,
    pub neighborhood: Option<String>,
    pub address: Option<String>,
    pub phones: Option<Vec<String>>,
    #[schema(value_type = Option<HousingCode>)]
    pub housing: Option<String>,
    #[schema(value_type = Option<FamilyStatusCode>)]
    pub status: Option<String>,
    pub status_reason: Option<String>,
    #[serde(default, deserialize_with = "crate::dto::double_option")]
    #[schema(value_type = Option<String>)]
    pub consent_on: Option<Option<String>>,
    pub sources: Option<Vec<FamilySourceDto>>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateMemberRequest {
    pub version: i64,
    #[serde(flatten)]
    pub fields: MemberInputDto,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangeHeadRequest {
    pub member_id: Uuid,
    /// The family's current version.
    pub version: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MoveMemberRequest {
    pub to_family_id: Uuid,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FamilySearchQuery {
    /// Words to find in names, national IDs, phones and address.
    pub q: Option<String>,
    pub neighborhood: Option<String>,
    /// `active`, `moved_away` or `closed`.
    pub status: Option<String>,
    /// `stable`, `at_risk`, `harmed`, or `unassessed`.
    #[param(value_type = Option<crate::assessment_dto::TierFilterCode>)]
    pub tier: Option<String>,
    /// A helper's id (the families in their caseload), or `unassigned`.
    pub helper: Option<String>,
    pub page: Option<u64>,
    /// At most 100.
    pub page_size: Option<u64>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    pub version: i64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Who reported the list; with each household reference it identifies a
    /// family when the list is imported again.
    pub source: String,
    /// Check everything, write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// One refused cell or row of an imported list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportRowError {
    pub row: usize,
    pub column: String,
    pub value: String,
    pub reason_fa: String,
    pub reason_en: String,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportSummary {
    pub dry_run: bool,
    pub rows: usize,
    pub families_created: usize,
    pub families_updated: usize,
    pub families_unchanged: usize,
    pub families_rejected: usize,
    pub members_created: usize,
    pub members_updated: usize,
    pub rows_rejected: usize,
    pub errors: Vec<ImportRowError>,
}

impl From<hamyar_application::import::ImportSummary> for ImportSummary {
    fn from(s: hamyar_application::import::ImportSummary) -> Self {
        Self {
            dry_run: s.dry_run,
            rows: s.rows,
            families_created: s.families_created,
            families_updated: s.families_updated,
            families_unchanged: s.families_unchanged,
            families_rejected: s.families_rejected,
            members_created: s.members_created,
            members_updated: s.members_updated,
            rows_rejected: s.rows_rejected,
            errors: s
                .errors
                .into_iter()
                .map(|e| ImportRowError {
                    row: e.row,
                    column: e.column,
                    value: e.value,
                    reason_fa: e.reason_fa,
                    reason_en: e.reason_en,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `csv` or `xlsx` (default).
    pub format: Option<String>,
}

/// A family, as far as a duplicate listing needs it.
#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyRef {
    pub id: Uuid,
    pub family_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicateCandidate {
    pub member: MemberDto,
    pub family: FamilyRef,
}

/// People who are probably one person.
#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicateGroup {
    pub members: Vec<DuplicateCandidate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicateList {
    pub items: Vec<DuplicateGroup>,
}

impl From<hamyar_application::duplicates::DuplicateGroup> for DuplicateGroup {
    fn from(g: hamyar_application::duplicates::DuplicateGroup) -> Self {
        Self {
            members: g
                .members
                .into_iter()
                .map(|(m, f)| DuplicateCandidate {
                    member: m.into(),
                    family: FamilyRef { id: f.id, family_name: f.family_name },
                })
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MergeRequest {
    /// The record that stays.
    pub keep_member_id: Uuid,
    /// The record that is removed (its details fill the kept record's gaps).
    pub drop_member_id: Uuid,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DismissRequest {
    pub member_a: Uuid,
    pub member_b: Uuid,
}
