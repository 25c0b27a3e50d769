use sea_orm::entity::prelude::*;

/// A family or member referred to a resource or a commission.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "referrals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub member_id: Option<Uuid>,
    pub resource_id: Option<Uuid>,
    pub receiver_user_id: Option<Uuid>,
    pub commission_id: Option<Uuid>,
    pub reason: String,
    pub urgency: String,
    pub status: String,
    pub feedback: String,
    pub referred_on: Date,
    pub referred_by: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
