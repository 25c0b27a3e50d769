use sea_orm::entity::prelude::*;

/// A dated activity of a family's assistance calendar.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_activities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub goal_id: Option<Uuid>,
    pub member_id: Option<Uuid>,
    pub kind: String,
    pub domain: String,
    pub title: String,
    pub due_on: Date,
    pub responsible: String,
    pub resource_id: Option<Uuid>,
    pub task_id: Option<Uuid>,
    pub status: String,
    pub notes: String,
    pub service_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
