//! The ports storage implements. Every list method takes a [`Scope`]
//! computed by the policy, so no query can forget to be scoped.

use crate::model::{Center, FamilySummary, Headquarters, NewFamily, Session, User, WriteContext};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UniqueKey {
    Username,
    Code,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("version conflict")]
    VersionConflict,
    #[error("duplicate {0:?}")]
    Duplicate(UniqueKey),
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
    async fn insert_family(&self, ctx: WriteContext, family: &NewFamily) -> StoreResult<()>;
    async fn list_families(&self, scope: Scope) -> StoreResult<Vec<FamilySummary>>;
}

/// One entry of the append-only change log.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeEntry {
    pub seq: i64,
    pub entity: String,
    pub entity_id: Uuid,
    pub op: String,
    pub version: i64,
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
    pub data: serde_json::Value,
}

#[async_trait]
pub trait ChangeLogStore: Send + Sync {
    /// Entries with a sequence number above `after`, oldest first.
    async fn changes_after(&self, after: i64, limit: u64) -> StoreResult<Vec<ChangeEntry>>;
}

pub trait Store: OrgStore + UserStore + SessionStore + FamilyStore + ChangeLogStore {}
impl<T: OrgStore + UserStore + SessionStore + FamilyStore + ChangeLogStore> Store for T {}
