use sea_orm::entity::prelude::*;

/// Who opened a family's file, when. Append-only.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "family_access_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub seq: i64,
    pub family_id: Uuid,
    pub user_id: Uuid,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
