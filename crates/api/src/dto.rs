//! The API's request and response bodies, and their OpenAPI schemas.

use chrono::{DateTime, NaiveDate, Utc};
use hamyar_application::{
    auth::Me,
    model::{Center, Headquarters, User},
};
use hamyar_domain::role::Role;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A role code.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = Role)]
pub enum RoleCode {
    HqAdmin,
    CenterManager,
    Helper,
    Specialist,
    CommissionMember,
    Trainer,
}

impl From<Role> for RoleCode {
    fn from(r: Role) -> Self {
        match r {
            Role::HqAdmin => RoleCode::HqAdmin,
            Role::CenterManager => RoleCode::CenterManager,
            Role::Helper => RoleCode::Helper,
            Role::Specialist => RoleCode::Specialist,
            Role::CommissionMember => RoleCode::CommissionMember,
            Role::Trainer => RoleCode::Trainer,
        }
    }
}

impl From<RoleCode> for Role {
    fn from(r: RoleCode) -> Self {
        match r {
            RoleCode::HqAdmin => Role::HqAdmin,
            RoleCode::CenterManager => Role::CenterManager,
            RoleCode::Helper => Role::Helper,
            RoleCode::Specialist => Role::Specialist,
            RoleCode::CommissionMember => Role::CommissionMember,
            RoleCode::Trainer => Role::Trainer,
        }
    }
}

/// The kind of local body a center is set up in (documentation of the
/// values; requests send the code as a string and get a field error if it
/// is unknown).
#[derive(ToSchema)]
#[schema(as = HostBody)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum HostBodyCode {
    Mosque,
    CulturalCenter,
    Charity,
    VolunteerGroup,
    FamilyCircle,
    Other,
}

#[derive(ToSchema)]
#[schema(as = HqLevel)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum HqLevelCode {
    National,
    Province,
}

/// What the web app may show (the server checks every request regardless).
#[derive(ToSchema)]
#[schema(as = Permission)]
#[allow(dead_code)]
pub enum PermissionCode {
    #[schema(rename = "centers.read")]
    CentersRead,
    #[schema(rename = "centers.create")]
    CentersCreate,
    #[schema(rename = "centers.update")]
    CentersUpdate,
    #[schema(rename = "users.read")]
    UsersRead,
    #[schema(rename = "users.create")]
    UsersCreate,
    #[schema(rename = "users.update")]
    UsersUpdate,
    #[schema(rename = "families.read")]
    FamiliesRead,
    #[schema(rename = "families.create")]
    FamiliesCreate,
    #[schema(rename = "households.edit")]
    HouseholdsEdit,
    #[schema(rename = "assessments.write")]
    AssessmentsWrite,
    #[schema(rename = "tiers.override")]
    TiersOverride,
    #[schema(rename = "reports.read")]
    ReportsRead,
    #[schema(rename = "instruments.manage")]
    InstrumentsManage,
    #[schema(rename = "helpers.read")]
    HelpersRead,
    #[schema(rename = "helpers.manage")]
    HelpersManage,
    #[schema(rename = "assignments.manage")]
    AssignmentsManage,
    #[schema(rename = "my.families")]
    MyFamilies,
    #[schema(rename = "training.read")]
    TrainingRead,
    #[schema(rename = "training.manage")]
    TrainingManage,
    #[schema(rename = "program.manage")]
    ProgramManage,
    #[schema(rename = "sync.offline")]
    SyncOffline,
    #[schema(rename = "assistance.work")]
    AssistanceWork,
    #[schema(rename = "resources.read")]
    ResourcesRead,
    #[schema(rename = "resources.manage")]
    ResourcesManage,
    #[schema(rename = "referrals.read")]
    ReferralsRead,
    #[schema(rename = "commissions.read")]
    CommissionsRead,
    #[schema(rename = "commissions.manage")]
    CommissionsManage,
    #[schema(rename = "programs.read")]
    ProgramsRead,
    #[schema(rename = "programs.manage")]
    ProgramsManage,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Headquarters)]
pub struct HeadquartersDto {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    #[schema(value_type = HqLevelCode)]
    pub level: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Headquarters> for HeadquartersDto {
    fn from(h: Headquarters) -> Self {
        Self {
            id: h.id,
            code: h.code,
            name: h.name,
            level: h.level.code().to_owned(),
            version: h.meta.version,
            created_at: h.meta.created_at,
            updated_at: h.meta.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Center)]
pub struct CenterDto {
    pub id: Uuid,
    pub hq_id: Uuid,
    pub code: String,
    pub name: String,
    #[schema(value_type = HostBodyCode)]
    pub host_body: String,
    pub neighborhood: String,
    pub address: String,
    #[schema(required = true)]
    pub opened_on: Option<NaiveDate>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Center> for CenterDto {
    fn from(c: Center) -> Self {
        Self {
            id: c.id,
            hq_id: c.hq_id,
            code: c.code,
            name: c.name,
            host_body: c.host_body.code().to_owned(),
            neighborhood: c.neighborhood,
            address: c.address,
            opened_on: c.opened_on,
            version: c.meta.version,
            created_at: c.meta.created_at,
            updated_at: c.meta.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = User)]
pub struct UserDto {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: RoleCode,
    #[schema(required = true)]
    pub hq_id: Option<Uuid>,
    #[schema(required = true)]
    pub center_id: Option<Uuid>,
    pub disabled: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<User> for UserDto {
    fn from(u: User) -> Self {
        Self {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role.into(),
            hq_id: u.hq_id,
            center_id: u.center_id,
            disabled: u.disabled,
            version: u.meta.version,
            created_at: u.meta.created_at,
            updated_at: u.meta.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrgRef {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Me)]
pub struct MeDto {
    pub user: UserDto,
    #[schema(required = true)]
    pub headquarters: Option<OrgRef>,
    #[schema(required = true)]
    pub center: Option<OrgRef>,
    /// What the web app may show: `centers.read`, `centers.create`,
    /// `centers.update`, `users.read`, `users.create`, `users.update`, `families.read`.
    #[schema(value_type = Vec<PermissionCode>)]
    pub permissions: Vec<String>,
    pub creatable_roles: Vec<RoleCode>,
}

impl From<Me> for MeDto {
    fn from(me: Me) -> Self {
        Self {
            headquarters: me.headquarters.map(|h| OrgRef { id: h.id, code: h.code, name: h.name }),
            center: me.center.map(|c| OrgRef { id: c.id, code: c.code, name: c.name }),
            permissions: me.permissions.into_iter().map(str::to_owned).collect(),
            creatable_roles: me.creatable_roles.into_iter().map(RoleCode::from).collect(),
            user: me.user.into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HeadquartersList {
    pub items: Vec<HeadquartersDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CenterList {
    pub items: Vec<CenterDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserList {
    pub items: Vec<UserDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    pub status: String,
    pub version: String,
}

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Deserialize, ToSchema)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Deserialize, ToSchema)]
pub struct ResetPasswordRequest {
    pub new_password: String,
}

#[derive(Deserialize, ToSchema)]
pub struct CreateCenterRequest {
    /// Optional client-made UUIDv7 (offline creation).
    pub id: Option<Uuid>,
    pub code: String,
    pub name: String,
    pub host_body: String,
    pub neighborhood: Option<String>,
    pub address: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    pub opened_on: Option<String>,
    /// Defaults to the caller's headquarters.
    pub hq_id: Option<Uuid>,
}

/// Absent: keep. `null`: clear. A value: set.
pub(crate) fn double_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Deserialize, ToSchema)]
pub struct UpdateCenterRequest {
    /// The version the edit was made on.
    pub version: i64,
    pub name: Option<String>,
    pub host_body: Option<String>,
    pub neighborhood: Option<String>,
    pub address: Option<String>,
    /// ISO date; `null` clears it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub opened_on: Option<Option<String>>,
}

#[derive(Deserialize, ToSchema)]
pub struct CreateUserRequest {
    pub id: Option<Uuid>,
    pub username: String,
    pub display_name: String,
    pub role: RoleCode,
    pub password: String,
    pub center_id: Option<Uuid>,
    pub hq_id: Option<Uuid>,
}

#[derive(Deserialize, ToSchema)]
pub struct UpdateUserRequest {
    pub version: i64,
    pub display_name: Option<String>,
    pub disabled: Option<bool>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserListQuery {
    /// Only users of this center.
    pub center_id: Option<Uuid>,
}
