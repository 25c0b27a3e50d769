use sea_orm::entity::prelude::*;

/// The append-only log of every write. `seq` is assigned by the database
/// and is the server's order of events: offline sync pulls by it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "change_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub seq: i64,
    pub entity: String,
    pub entity_id: Uuid,
    pub op: String,
    pub version: i64,
    pub actor_id: Option<Uuid>,
    pub hq_id: Option<Uuid>,
    pub center_id: Option<Uuid>,
    /// The family a registry record belongs to (after this write).
    pub family_id: Option<Uuid>,
    /// The family it belonged to before, when this write moved it.
    pub prior_family_id: Option<Uuid>,
    pub at: DateTimeUtc,
    /// The record as written, as JSON text (secrets left out).
    pub data: String,
    /// For an offline edit: the mutation, its device, the device's sequence
    /// number and clock (shown, never used for ordering).
    pub mutation_id: Option<Uuid>,
    pub device_id: Option<Uuid>,
    pub device_seq: Option<i64>,
    pub device_time: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
