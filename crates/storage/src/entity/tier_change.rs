use sea_orm::entity::prelude::*;

/// A family whose tier a reclassification changed. Append-only.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "tier_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub seq: i64,
    pub reclassification_id: Uuid,
    pub family_id: Uuid,
    pub from_tier: Option<String>,
    pub to_tier: String,
    pub social_score: Option<f64>,
    pub economic_score: Option<f64>,
    pub cultural_score: Option<f64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
