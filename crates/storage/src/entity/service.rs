use sea_orm::entity::prelude::*;

/// One service given to a family: a line of the service log.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "services")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub kind: String,
    pub domain: String,
    pub served_on: Date,
    pub minutes: i64,
    /// JSON array of member ids.
    pub member_ids: String,
    pub resource_id: Option<Uuid>,
    pub notes: String,
    pub outcome: String,
    pub follow_up_on: Option<Date>,
    pub activity_id: Option<Uuid>,
    pub referral_id: Option<Uuid>,
    pub amends_id: Option<Uuid>,
    pub amend_reason: String,
    pub author_id: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
