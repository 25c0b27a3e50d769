use sea_orm::entity::prelude::*;

/// A headquarters' training hours and caseload limits.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "program_rules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub hq_id: Uuid,
    pub pre_service_quarters: i64,
    pub in_service_quarters: i64,
    pub caseload_max: i64,
    pub caseload_min: i64,
    pub assignment_days: i64,
    pub offline_lock_days: i64,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
