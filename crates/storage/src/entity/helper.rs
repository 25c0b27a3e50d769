use sea_orm::entity::prelude::*;

/// A family helper, from application on.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "helpers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub center_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub mobile: String,
    pub background: String,
    pub field_of_study: String,
    pub skills: String,
    pub neighborhood: String,
    pub availability: String,
    pub notes: String,
    pub status: String,
    pub user_id: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
