use sea_orm::entity::prelude::*;

/// A program of general assistance (workshop, class, campaign…) of a center.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "programs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub hq_id: Uuid,
    pub center_id: Uuid,
    pub kind: String,
    pub domain: String,
    pub topic: String,
    /// `persian::search_key` of the topic.
    pub topic_key: String,
    pub description: String,
    pub organizer_center_id: Option<Uuid>,
    pub organizer_resource_id: Option<Uuid>,
    /// The target as JSON (`model::target_json`).
    pub target: String,
    pub place: String,
    pub online_link: String,
    pub capacity: Option<i64>,
    pub facilitator: String,
    pub channel: String,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub reported_reach: Option<i64>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
