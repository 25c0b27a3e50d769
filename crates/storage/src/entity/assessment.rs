use sea_orm::entity::prelude::*;

/// One assessment of a family: answers and what they came to.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "assessments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub instrument_id: Uuid,
    pub kind: String,
    pub status: String,
    pub assessed_on: Date,
    pub assessor_id: Uuid,
    /// JSON `AnswerSet`.
    pub answers: String,
    pub social_score: Option<f64>,
    pub economic_score: Option<f64>,
    pub cultural_score: Option<f64>,
    pub computed_tier: Option<String>,
    pub override_tier: Option<String>,
    pub override_reason: String,
    pub override_by: Option<Uuid>,
    pub override_at: Option<DateTimeUtc>,
    /// JSON arrays of findings.
    pub capacities: String,
    pub harms: String,
    pub corrects_id: Option<Uuid>,
    pub correction_reason: String,
    pub superseded_by: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub finalized_by: Option<Uuid>,
    pub finalized_at: Option<DateTimeUtc>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
