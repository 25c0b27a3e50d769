use sea_orm::entity::prelude::*;

/// A published version of an assessment instrument: its TOML source.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "instruments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Null for the instrument Hamyar ships with.
    pub hq_id: Option<Uuid>,
    pub code: String,
    pub instrument_version: i64,
    pub title_fa: String,
    pub title_en: String,
    pub source: String,
    pub published_by: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
