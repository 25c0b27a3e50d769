use sea_orm::entity::prelude::*;

/// The answer the server gave a device's mutation, kept so a repeated push
/// gets the same answer, and so refusals reach the manager.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sync_mutations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
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
    pub result: String,
    pub reason: String,
    pub message: String,
    pub version: Option<i64>,
    pub review: bool,
    /// The mutation's fields as JSON text.
    pub fields: String,
    pub device_time: Option<DateTimeUtc>,
    pub received_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
