use sea_orm::entity::prelude::*;

/// Someone at a program not (yet) in the registry.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "program_walk_ins")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub center_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub mobile: String,
    pub sex: String,
    pub birth_year: Option<i64>,
    pub neighborhood: String,
    pub member_id: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
