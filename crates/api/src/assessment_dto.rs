//! Bodies of the assessment, instrument and outcome-report endpoints.

use chrono::{DateTime, NaiveDate, Utc};
use hamyar_application::{
    assessments::{AnswerInput, AssessmentView, DEFAULT_INSTRUMENT_ID, ReclassificationSummary, TierHistoryEntry},
    model::{Assessment, InstrumentRecord, ReclassificationRecord},
    outcomes::{TierCounts, TransitionMatrix},
};
use hamyar_domain::{
    instrument::{AnswerSet, Finding, InstrumentError, Missing},
    tier::{AssessmentDomain, Tier},
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(ToSchema)]
#[schema(as = Tier)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum TierCode {
    Stable,
    AtRisk,
    Harmed,
}

#[derive(ToSchema)]
#[schema(as = AssessmentKind)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentKindCode {
    Baseline,
    FollowUp,
    EndOfPlan,
}

#[derive(ToSchema)]
#[schema(as = AssessmentStatus)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentStatusCode {
    Draft,
    Final,
}

/// A published instrument version, without its indicators.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = InstrumentSummary)]
pub struct InstrumentSummaryDto {
    pub id: Uuid,
    /// Null for the instrument Hamyar ships with.
    #[schema(required = true)]
    pub hq_id: Option<Uuid>,
    pub code: String,
    pub instrument_version: u32,
    pub title_fa: String,
    pub title_en: String,
    /// Hamyar's own default instrument.
    pub builtin: bool,
    #[schema(required = true)]
    pub published_by: Option<Uuid>,
    pub published_at: DateTime<Utc>,
}

impl From<&InstrumentRecord> for InstrumentSummaryDto {
    fn from(i: &InstrumentRecord) -> Self {
        Self {
            id: i.id,
            hq_id: i.hq_id,
            code: i.code.clone(),
            instrument_version: i.instrument_version,
            title_fa: i.title_fa.clone(),
            title_en: i.title_en.clone(),
            builtin: i.id == DEFAULT_INSTRUMENT_ID,
            published_by: i.published_by,
            published_at: i.meta.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = InstrumentList)]
pub struct InstrumentListDto {
    /// Oldest first.
    pub items: Vec<InstrumentSummaryDto>,
    /// The version new assessments use.
    pub current_id: Uuid,
}

/// An instrument version whole: the checked instrument (the shape
/// `docs/instruments.md` describes under "JSON form") and its TOML source.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = InstrumentDocument)]
pub struct InstrumentDto {
    #[serde(flatten)]
    pub summary: InstrumentSummaryDto,
    /// Indicators, answers, scores, marks and tier rules (see docs/instruments.md).
    #[schema(value_type = Object)]
    pub instrument: serde_json::Value,
    pub source: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct InstrumentSourceRequest {
    /// The instrument file (TOML).
    pub source: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = InstrumentProblem)]
pub struct InstrumentProblemDto {
    /// 1-based; 0 when the problem is the whole file.
    pub line: usize,
    pub message_fa: String,
    pub message_en: String,
}

impl From<InstrumentError> for InstrumentProblemDto {
    fn from(e: InstrumentError) -> Self {
        Self { line: e.line, message_fa: e.message_fa, message_en: e.message_en }
    }
}

/// What `hamyar instrument check` says, for the web app.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = InstrumentCheck)]
pub struct InstrumentCheckDto {
    pub valid: bool,
    pub problems: Vec<InstrumentProblemDto>,
    #[schema(required = true)]
    pub code: Option<String>,
    #[schema(required = true)]
    pub instrument_version: Option<u32>,
    /// Indicators per domain, when valid.
    pub indicators: BTreeMap<String, usize>,
}

/// Answers as the form keeps them: indicator id → answer, for the family
/// and per member id. A blank answer is no answer.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[schema(as = Answers)]
pub struct AnswersDto {
    #[serde(default)]
    pub family: BTreeMap<String, String>,
    #[serde(default)]
    pub members: BTreeMap<Uuid, BTreeMap<String, String>>,
}

impl From<AnswersDto> for AnswerInput {
    fn from(a: AnswersDto) -> Self {
        AnswerInput { family: a.family, members: a.members }
    }
}

impl From<&AnswerSet> for AnswersDto {
    fn from(set: &AnswerSet) -> Self {
        Self {
            family: set.family.clone(),
            members: set.members.iter().filter_map(|m| Some((m.member.parse().ok()?, m.answers.clone()))).collect(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateAssessmentRequest {
    /// A client may make the id (UUIDv7).
    pub id: Option<Uuid>,
    /// Defaults to `baseline` for a family's first assessment, else `follow_up`.
    #[schema(value_type = Option<AssessmentKindCode>)]
    pub kind: Option<String>,
    /// ISO date; defaults to today.
    pub assessed_on: Option<String>,
    /// A user of the family's center; defaults to you.
    pub assessor_id: Option<Uuid>,
    pub answers: Option<AnswersDto>,
    /// The final assessment this one corrects (starts from its answers).
    pub corrects: Option<Uuid>,
    /// Required with `corrects`.
    pub correction_reason: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateAssessmentRequest {
    pub version: i64,
    #[schema(value_type = Option<AssessmentKindCode>)]
    pub kind: Option<String>,
    pub assessed_on: Option<String>,
    pub assessor_id: Option<Uuid>,
    /// Replaces every answer when given.
    pub answers: Option<AnswersDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct VersionBody {
    pub version: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OverrideTierRequest {
    pub version: i64,
    #[schema(value_type = TierCode)]
    pub tier: String,
    /// Why the computed tier does not fit this family (required).
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Finding)]
pub struct FindingDto {
    pub indicator: String,
    /// The member it concerns (for member indicators).
    #[schema(required = true)]
    pub member: Option<String>,
    pub name_fa: String,
    pub name_en: String,
    pub critical: bool,
}

impl From<&Finding> for FindingDto {
    fn from(f: &Finding) -> Self {
        Self {
            indicator: f.indicator.clone(),
            member: f.member.clone(),
            name_fa: f.name.fa.clone(),
            name_en: f.name.en.clone(),
            critical: f.critical,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = MissingAnswer)]
pub struct MissingDto {
    pub indicator: String,
    #[schema(required = true)]
    pub member: Option<String>,
}

impl From<&Missing> for MissingDto {
    fn from(m: &Missing) -> Self {
        Self { indicator: m.indicator.clone(), member: m.member.clone() }
    }
}

/// Domain → score 0–100 (absent when nothing in it is answered).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = DomainScores)]
pub struct DomainScoresDto {
    pub social: Option<f64>,
    pub economic: Option<f64>,
    pub cultural: Option<f64>,
}

impl From<&BTreeMap<AssessmentDomain, f64>> for DomainScoresDto {
    fn from(s: &BTreeMap<AssessmentDomain, f64>) -> Self {
        Self {
            social: s.get(&AssessmentDomain::Social).copied(),
            economic: s.get(&AssessmentDomain::Economic).copied(),
            cultural: s.get(&AssessmentDomain::Cultural).copied(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TierOverride)]
pub struct TierOverrideDto {
    #[schema(value_type = TierCode)]
    pub tier: String,
    pub reason: String,
    #[schema(required = true)]
    pub by: Option<Uuid>,
    pub by_name: String,
    pub at: DateTime<Utc>,
}

/// An assessment in a list.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AssessmentSummary)]
pub struct AssessmentSummaryDto {
    pub id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub instrument_id: Uuid,
    #[schema(value_type = AssessmentKindCode)]
    pub kind: String,
    #[schema(value_type = AssessmentStatusCode)]
    pub status: String,
    pub assessed_on: NaiveDate,
    pub assessor_id: Uuid,
    pub assessor_name: String,
    pub domain_scores: DomainScoresDto,
    /// What the answers come to (null until every domain has an answer).
    #[schema(required = true, value_type = Option<TierCode>)]
    pub computed_tier: Option<String>,
    /// The tier that counts: the manager's override, else the computed one.
    #[schema(required = true, value_type = Option<TierCode>)]
    pub tier: Option<String>,
    #[schema(required = true)]
    pub tier_override: Option<TierOverrideDto>,
    #[schema(required = true)]
    pub corrects: Option<Uuid>,
    pub correction_reason: String,
    #[schema(required = true)]
    pub superseded_by: Option<Uuid>,
    /// This assessment gives the family its current tier.
    pub current: bool,
    #[schema(required = true)]
    pub finalized_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl AssessmentSummaryDto {
    pub fn new(a: &Assessment, current: bool, names: &HashMap<Uuid, String>) -> Self {
        let name = |id: &Uuid| names.get(id).cloned().unwrap_or_default();
        Self {
            id: a.id,
            family_id: a.family_id,
            center_id: a.center_id,
            instrument_id: a.instrument_id,
            kind: a.kind.code().to_owned(),
            status: a.status.code().to_owned(),
            assessed_on: a.assessed_on,
            assessor_id: a.assessor_id,
            assessor_name: name(&a.assessor_id),
            domain_scores: (&a.result.domain_scores).into(),
            computed_tier: a.result.computed_tier.map(|t| t.code().to_owned()),
            tier: a.tier().map(|t| t.code().to_owned()),
            tier_override: a.tier_override.as_ref().map(|o| TierOverrideDto {
                tier: o.tier.code().to_owned(),
                reason: o.reason.clone(),
                by: o.by,
                by_name: o.by.as_ref().map(name).unwrap_or_default(),
                at: o.at,
            }),
            corrects: a.corrects,
            correction_reason: a.correction_reason.clone(),
            superseded_by: a.superseded_by,
            current,
            finalized_at: a.finalized_at,
            version: a.meta.version,
            created_at: a.meta.created_at,
            updated_at: a.meta.updated_at,
        }
    }
}

/// An assessment whole: answers, findings, what is still unanswered.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AssessmentDetail)]
pub struct AssessmentDto {
    #[serde(flatten)]
    pub summary: AssessmentSummaryDto,
    pub instrument: InstrumentSummaryDto,
    pub answers: AnswersDto,
    /// The members answered about, with their age on the assessment day.
    pub members: Vec<AssessedMemberDto>,
    pub capacities: Vec<FindingDto>,
    pub harms: Vec<FindingDto>,
    pub missing: Vec<MissingDto>,
}

impl From<AssessmentView> for AssessmentDto {
    fn from(v: AssessmentView) -> Self {
        let a = &v.assessment;
        Self {
            summary: AssessmentSummaryDto::new(a, v.current, &v.names),
            instrument: (&v.instrument).into(),
            answers: (&a.answers).into(),
            members: v
                .members
                .iter()
                .map(|(id, name, age)| AssessedMemberDto { id: *id, name: name.clone(), age: *age })
                .collect(),
            capacities: a.result.capacities.iter().map(Into::into).collect(),
            harms: a.result.harms.iter().map(Into::into).collect(),
            missing: v.missing.iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AssessedMember)]
pub struct AssessedMemberDto {
    pub id: Uuid,
    /// Empty if the person has left the family since.
    pub name: String,
    /// Whole years on the assessment day (null when the birth date is unknown).
    #[schema(required = true)]
    pub age: Option<u32>,
}

#[derive(ToSchema)]
#[schema(as = TierFilter)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum TierFilterCode {
    Stable,
    AtRisk,
    Harmed,
    /// Never assessed (no final assessment).
    Unassessed,
}

#[derive(ToSchema)]
#[schema(as = TransitionGrouping)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum TransitionGroupingCode {
    Center,
    Assessor,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AssessmentList)]
pub struct AssessmentListDto {
    /// Newest first.
    pub items: Vec<AssessmentSummaryDto>,
    /// The family's current tier (null until a final assessment).
    #[schema(required = true, value_type = Option<TierCode>)]
    pub tier: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Assessor)]
pub struct AssessorDto {
    pub id: Uuid,
    pub display_name: String,
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TierHistoryEntry)]
pub struct TierHistoryEntryDto {
    /// The day the tier was given.
    pub on: NaiveDate,
    pub at: DateTime<Utc>,
    /// `assessment` or `reclassification`.
    pub source: String,
    #[schema(required = true)]
    pub assessment_id: Option<Uuid>,
    #[schema(required = true, value_type = Option<AssessmentKindCode>)]
    pub kind: Option<String>,
    #[schema(value_type = TierCode)]
    pub tier: String,
    #[schema(required = true, value_type = Option<TierCode>)]
    pub computed_tier: Option<String>,
    #[schema(required = true)]
    pub override_reason: Option<String>,
    pub instrument_id: Uuid,
}

impl From<TierHistoryEntry> for TierHistoryEntryDto {
    fn from(e: TierHistoryEntry) -> Self {
        Self {
            on: e.on,
            at: e.at,
            source: e.source.to_owned(),
            assessment_id: e.assessment_id,
            kind: e.kind.map(|k| k.code().to_owned()),
            tier: e.tier.code().to_owned(),
            computed_tier: e.computed_tier.map(|t| t.code().to_owned()),
            override_reason: e.override_reason,
            instrument_id: e.instrument_id,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TierHistory)]
pub struct TierHistoryDto {
    /// Oldest first.
    pub items: Vec<TierHistoryEntryDto>,
}

#[derive(Debug, Default, Serialize, ToSchema)]
#[schema(as = TierCounts)]
pub struct TierCountsDto {
    pub stable: u64,
    pub at_risk: u64,
    pub harmed: u64,
    /// Active families with no final assessment yet.
    pub unassessed: u64,
}

impl From<&TierCounts> for TierCountsDto {
    fn from(c: &TierCounts) -> Self {
        Self { stable: c.stable, at_risk: c.at_risk, harmed: c.harmed, unassessed: c.unassessed }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CenterTierCounts)]
pub struct CenterTierCountsDto {
    pub center_id: Uuid,
    pub center_name: String,
    #[serde(flatten)]
    pub counts: TierCountsDto,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TierDistribution)]
pub struct TierDistributionDto {
    pub centers: Vec<CenterTierCountsDto>,
    pub total: TierCountsDto,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TransitionQuery {
    pub center_id: Option<Uuid>,
    /// The user who made the end-of-plan assessments.
    pub assessor_id: Option<Uuid>,
    /// End-of-plan assessments from this ISO date…
    pub from: Option<String>,
    /// …to this one (inclusive).
    pub to: Option<String>,
    /// `center` or `assessor`: a matrix per group besides the total.
    #[param(value_type = Option<TransitionGroupingCode>)]
    pub by: Option<String>,
}

/// Baseline tier (rows) × end-of-plan tier (columns), in the order of
/// `tiers`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TransitionMatrix)]
pub struct TransitionMatrixDto {
    #[schema(value_type = Vec<TierCode>)]
    pub tiers: Vec<String>,
    pub cells: Vec<Vec<u64>>,
    /// Each cell as a percentage of its row (one decimal); 0 for an empty row.
    pub row_percentages: Vec<Vec<f64>>,
    pub row_totals: Vec<u64>,
    pub families: u64,
    /// Families that got better, stayed, got worse.
    pub improved: u64,
    pub unchanged: u64,
    pub worsened: u64,
    /// End-of-plan assessments with no baseline before them (not in the cells).
    pub without_baseline: u64,
}

impl From<&TransitionMatrix> for TransitionMatrixDto {
    fn from(m: &TransitionMatrix) -> Self {
        let row_totals: Vec<u64> = m.cells.iter().map(|r| r.iter().sum()).collect();
        let row_percentages = m
            .cells
            .iter()
            .zip(&row_totals)
            .map(|(row, total)| {
                row.iter()
                    .map(|n| if *total == 0 { 0.0 } else { (*n as f64 * 1000.0 / *total as f64).round() / 10.0 })
                    .collect()
            })
            .collect();
        let (mut improved, mut unchanged, mut worsened) = (0, 0, 0);
        for (b, row) in m.cells.iter().enumerate() {
            for (e, n) in row.iter().enumerate() {
                // Tiers are ordered best-off first.
                match e.cmp(&b) {
                    std::cmp::Ordering::Less => improved += n,
                    std::cmp::Ordering::Equal => unchanged += n,
                    std::cmp::Ordering::Greater => worsened += n,
                }
            }
        }
        Self {
            tiers: Tier::ALL.iter().map(|t| t.code().to_owned()).collect(),
            cells: m.cells.iter().map(|r| r.to_vec()).collect(),
            row_percentages,
            row_totals,
            families: m.families(),
            improved,
            unchanged,
            worsened,
            without_baseline: m.without_baseline,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TransitionGroup)]
pub struct TransitionGroupDto {
    /// A center's or an assessor's id.
    pub id: Uuid,
    pub name: String,
    pub matrix: TransitionMatrixDto,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TransitionReport)]
pub struct TransitionReportDto {
    pub total: TransitionMatrixDto,
    pub groups: Vec<TransitionGroupDto>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TierTransitionCount)]
pub struct TierTransitionCountDto {
    #[schema(value_type = TierCode)]
    pub from: String,
    #[schema(value_type = TierCode)]
    pub to: String,
    pub families: u64,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CenterReclassification)]
pub struct CenterReclassificationDto {
    pub center_id: Uuid,
    pub center_name: String,
    pub scored: u64,
    pub changed: u64,
}

/// What re-scoring with an instrument version does (or did).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Reclassification)]
pub struct ReclassificationDto {
    /// Set once applied.
    #[schema(required = true)]
    pub run_id: Option<Uuid>,
    pub instrument_id: Uuid,
    pub families_scored: u64,
    pub families_changed: u64,
    /// Answers give no tier under this version; these families keep theirs.
    pub families_unscorable: u64,
    /// The computed tier changes but a manager's override stands.
    pub kept_by_override: u64,
    pub transitions: Vec<TierTransitionCountDto>,
    pub by_center: Vec<CenterReclassificationDto>,
}

impl ReclassificationDto {
    pub fn new(
        s: ReclassificationSummary,
        run_id: Option<Uuid>,
        instrument_id: Uuid,
        names: &HashMap<Uuid, String>,
    ) -> Self {
        Self {
            run_id,
            instrument_id,
            families_scored: s.families_scored,
            families_changed: s.families_changed,
            families_unscorable: s.families_unscorable,
            kept_by_override: s.kept_by_override,
            transitions: s
                .transitions
                .into_iter()
                .map(|(f, t, n)| TierTransitionCountDto {
                    from: f.code().to_owned(),
                    to: t.code().to_owned(),
                    families: n,
                })
                .collect(),
            by_center: s
                .by_center
                .into_iter()
                .map(|(c, scored, changed)| CenterReclassificationDto {
                    center_id: c,
                    center_name: names.get(&c).cloned().unwrap_or_default(),
                    scored,
                    changed,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ReclassificationRun)]
pub struct ReclassificationRunDto {
    pub id: Uuid,
    pub instrument_id: Uuid,
    pub run_at: DateTime<Utc>,
    #[schema(required = true)]
    pub run_by: Option<Uuid>,
    pub families_scored: u64,
    pub families_changed: u64,
    pub families_unscorable: u64,
    pub kept_by_override: u64,
    pub transitions: Vec<TierTransitionCountDto>,
}

impl ReclassificationRunDto {
    pub fn new(r: ReclassificationRecord) -> Self {
        let summary: ReclassificationSummary = serde_json::from_value(r.summary.clone()).unwrap_or_default();
        Self {
            id: r.id,
            instrument_id: r.instrument_id,
            run_at: r.run_at,
            run_by: r.run_by,
            families_scored: r.families_scored,
            families_changed: r.families_changed,
            families_unscorable: summary.families_unscorable,
            kept_by_override: summary.kept_by_override,
            transitions: summary
                .transitions
                .into_iter()
                .map(|(f, t, n)| TierTransitionCountDto {
                    from: f.code().to_owned(),
                    to: t.code().to_owned(),
                    families: n,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ReclassificationRunList)]
pub struct ReclassificationRunListDto {
    /// Newest first.
    pub items: Vec<ReclassificationRunDto>,
}
