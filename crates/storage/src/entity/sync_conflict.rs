use sea_orm::entity::prelude::*;

/// A value an offline edit overwrote (or could not write), kept until
/// someone resolves it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sync_conflicts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    pub mutation_id: Uuid,
    pub center_id: Option<Uuid>,
    pub entity: String,
    pub entity_id: Uuid,
    pub family_id: Uuid,
    pub field: Option<String>,
    /// JSON text.
    pub winning_value: String,
    /// JSON text.
    pub losing_value: String,
    pub winning_author: Option<Uuid>,
    pub losing_author: Option<Uuid>,
    pub losing_version: Option<i64>,
    pub device_time: Option<DateTimeUtc>,
    pub resolved_at: Option<DateTimeUtc>,
    pub resolved_by: Option<Uuid>,
    pub resolution: Option<String>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
