use sea_orm::entity::prelude::*;

/// A resource of the directory (organization, benefactor, specialist…).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "resources")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub hq_id: Uuid,
    pub center_id: Option<Uuid>,
    pub kind: String,
    pub level: String,
    pub name: String,
    /// JSON array of domain codes.
    pub domains: String,
    pub offers: String,
    pub capacity: Option<i64>,
    pub contact_name: String,
    pub phone: String,
    pub address: String,
    pub area: String,
    pub notes: String,
    pub user_id: Option<Uuid>,
    /// `persian::search_key` of the resource's search text.
    pub search_key: String,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
