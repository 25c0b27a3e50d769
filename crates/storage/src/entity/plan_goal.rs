use sea_orm::entity::prelude::*;

/// A goal of a family's assistance calendar.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_goals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub member_id: Option<Uuid>,
    pub domain: String,
    /// The harm it addresses: none when the indicator is null.
    pub harm_indicator: Option<String>,
    pub harm_member_id: Option<Uuid>,
    pub harm_label: Option<String>,
    pub title: String,
    pub notes: String,
    pub status: String,
    pub created_by: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
