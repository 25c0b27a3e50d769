use sea_orm::entity::prelude::*;

/// One run of re-scoring a headquarters' families with a new instrument.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "reclassifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub hq_id: Uuid,
    pub instrument_id: Uuid,
    pub run_by: Option<Uuid>,
    pub run_at: DateTimeUtc,
    pub families_scored: i64,
    pub families_changed: i64,
    /// JSON summary (see `ReclassificationSummary`).
    pub summary: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
