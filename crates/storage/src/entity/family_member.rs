use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "family_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub family_id: Uuid,
    /// The family's headquarters: national IDs are unique under it.
    pub hq_id: Option<Uuid>,
    pub first_name: String,
    pub last_name: String,
    pub father_name: String,
    pub national_id: Option<String>,
    pub birth_date: Option<Date>,
    pub sex: String,
    pub relation: String,
    pub marital_status: String,
    pub education: String,
    pub occupation: String,
    pub health: String,
    pub disability: String,
    pub insurance: String,
    pub mobile: String,
    /// JSON object of extra attributes (unknown import columns).
    pub extra: String,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
