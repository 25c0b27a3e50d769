use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "families")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub center_id: Uuid,
    pub family_name: String,
    /// Derived: the head member's full name.
    pub head_name: String,
    pub neighborhood: String,
    pub address: String,
    /// JSON array of phone numbers (digits).
    pub phones: String,
    pub housing: String,
    pub status: String,
    pub status_reason: String,
    pub consent_on: Option<Date>,
    pub consent_recorded_by: Option<Uuid>,
    pub head_member_id: Option<Uuid>,
    /// Set when this family was merged into another (and tombstoned).
    pub merged_into: Option<Uuid>,
    /// Derived: normalized search keys, `|`-separated.
    pub search_text: String,
    /// Derived: bytes that sort as the family's name, then its head's name,
    /// in Persian order (`hamyar_domain::persian::sort_key`).
    pub sort_key: Option<Vec<u8>>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
