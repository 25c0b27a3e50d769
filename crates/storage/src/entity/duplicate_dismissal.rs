use sea_orm::entity::prelude::*;

/// Two people a manager said are not the same person (`member_a` < `member_b`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "duplicate_dismissals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub center_id: Uuid,
    pub member_a: Uuid,
    pub member_b: Uuid,
    pub dismissed_by: Option<Uuid>,
    pub dismissed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
