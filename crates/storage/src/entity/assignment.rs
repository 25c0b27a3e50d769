use sea_orm::entity::prelude::*;

/// A family in a helper's caseload for a period.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "assignments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub helper_id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub starts_on: Date,
    pub ends_on: Date,
    pub reason: String,
    pub assigned_by: Option<Uuid>,
    pub replaces_id: Option<Uuid>,
    pub ended_at: Option<DateTimeUtc>,
    pub ended_by: Option<Uuid>,
    pub end_reason: String,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
