//! The records use cases and storage exchange. Every user-editable record
//! carries the sync columns: a UUIDv7 id (a client may make it), a version
//! bumped on each write, timestamps, and a tombstone.

use chrono::{DateTime, NaiveDate, Utc};
use hamyar_domain::{
    organization::{HostBody, HqLevel},
    role::Role,
};
use uuid::Uuid;

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

#[derive(Debug, Clone, PartialEq)]
pub struct FamilySummary {
    pub id: Uuid,
    pub center_id: Uuid,
    pub family_name: String,
    pub head_name: String,
    pub neighborhood: String,
    pub member_count: i64,
    pub created_at: DateTime<Utc>,
}

/// A family as first registered (the registry issue grows this).
#[derive(Debug, Clone, PartialEq)]
pub struct NewFamily {
    pub id: Uuid,
    pub center_id: Uuid,
    pub family_name: String,
    pub head_name: String,
    pub neighborhood: String,
    pub address: String,
    pub members: Vec<NewMember>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewMember {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub relation: String,
    pub sex: String,
    pub birth_date: Option<NaiveDate>,
}

/// Who writes, and when: every write is recorded in the change log with it.
#[derive(Debug, Clone, Copy)]
pub struct WriteContext {
    /// None for the operator at the command line.
    pub actor: Option<Uuid>,
    pub at: DateTime<Utc>,
}
