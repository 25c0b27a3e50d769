use sea_orm::entity::prelude::*;

/// A piece of work a commission's decision divided out.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "commission_tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub commission_id: Uuid,
    pub meeting_id: Uuid,
    pub decision_id: Uuid,
    pub referral_id: Uuid,
    pub family_id: Uuid,
    pub title: String,
    /// `member`, `resource` or `helper`.
    pub assignee_kind: String,
    pub assignee_id: Option<Uuid>,
    pub due_on: Date,
    pub status: String,
    pub done_on: Option<Date>,
    pub done_note: String,
    pub done_by: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
