//! Outcome reports: how families are spread over the tiers, and how they
//! moved between the baseline and the end of the plan (the transition
//! matrix). Aggregates only: no family is named here.

use crate::{
    Actor, AppError, Hamyar,
    model::AssessedTier,
    orgs::parse_optional_date,
    policy::{self, Action},
    ports::{AssessedTierQuery, Scope},
};
use chrono::NaiveDate;
use hamyar_domain::tier::{AssessmentKind, Tier};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Families of one center (or all) per tier.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TierCounts {
    pub stable: u64,
    pub at_risk: u64,
    pub harmed: u64,
    pub unassessed: u64,
}

impl TierCounts {
    fn add(&mut self, tier: Option<Tier>, n: u64) {
        match tier {
            Some(Tier::Stable) => self.stable += n,
            Some(Tier::AtRisk) => self.at_risk += n,
            Some(Tier::Harmed) => self.harmed += n,
            None => self.unassessed += n,
        }
    }
}

/// Baseline tier × end-of-plan tier: `cells[baseline][end]` in the order
/// of [`Tier::ALL`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TransitionMatrix {
    pub cells: [[u64; 3]; 3],
    /// End-of-plan assessments with no baseline before them.
    pub without_baseline: u64,
}

impl TransitionMatrix {
    pub fn families(&self) -> u64 {
        self.cells.iter().flatten().sum()
    }
}

#[derive(Debug, Clone, Default)]
pub struct TransitionFilter {
    pub center_id: Option<Uuid>,
    /// The user who made the end-of-plan assessment (the family's helper,
    /// who re-assesses at year end).
    pub assessor_id: Option<Uuid>,
    /// End-of-plan assessments made in this period (ISO dates, inclusive).
    pub from: Option<String>,
    pub to: Option<String>,
    /// `center` or `assessor`: one matrix per group besides the total.
    pub by: Option<String>,
}

pub struct TransitionReport {
    pub total: TransitionMatrix,
    /// (center or assessor id, their name, matrix), when grouped.
    pub groups: Vec<(Uuid, String, TransitionMatrix)>,
}

fn index(tier: Tier) -> usize {
    match tier {
        Tier::Stable => 0,
        Tier::AtRisk => 1,
        Tier::Harmed => 2,
    }
}

/// Pairs each family's latest end-of-plan assessment in the period with
/// its latest baseline on or before that day. Rows come oldest first.
pub fn transitions(
    rows: &[AssessedTier],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    assessor: Option<Uuid>,
) -> Vec<(Option<Tier>, &AssessedTier)> {
    let mut ends: HashMap<Uuid, &AssessedTier> = HashMap::new();
    for row in rows.iter().filter(|r| r.kind == AssessmentKind::EndOfPlan) {
        let in_period = from.is_none_or(|f| row.assessed_on >= f) && to.is_none_or(|t| row.assessed_on <= t);
        if in_period && assessor.is_none_or(|a| row.assessor_id == a) {
            ends.insert(row.family_id, row);
        }
    }
    let mut out: Vec<(Option<Tier>, &AssessedTier)> = ends
        .into_values()
        .map(|end| {
            let baseline = rows
                .iter()
                .rfind(|r| {
                    r.family_id == end.family_id
                        && r.kind == AssessmentKind::Baseline
                        && r.assessed_on <= end.assessed_on
                })
                .map(|r| r.tier);
            (baseline, end)
        })
        .collect();
    out.sort_by_key(|(_, end)| (end.assessed_on, end.family_id));
    out
}

impl Hamyar {
    /// Names of the centers the actor sees.
    pub async fn center_names(&self, actor: &Actor) -> Result<HashMap<Uuid, String>, AppError> {
        let centers = self.store.list_centers(policy::center_scope(actor)).await?;
        Ok(centers.into_iter().map(|c| (c.id, c.name)).collect())
    }

    /// Live, active families per tier, per center the actor sees (by name).
    pub async fn tier_distribution(&self, actor: &Actor) -> Result<Vec<(Uuid, String, TierCounts)>, AppError> {
        policy::authorize(actor, Action::ReadOutcomeReports)?;
        let scope = policy::center_scope(actor);
        let names = self.center_names(actor).await?;
        let mut by_center: HashMap<Uuid, TierCounts> = names.keys().map(|c| (*c, TierCounts::default())).collect();
        for (center, tier, n) in self.store.tier_counts(scope).await? {
            by_center.entry(center).or_default().add(tier, n);
        }
        let mut out: Vec<(Uuid, String, TierCounts)> = by_center
            .into_iter()
            .map(|(id, counts)| (id, names.get(&id).cloned().unwrap_or_default(), counts))
            .collect();
        out.sort_by(|a, b| hamyar_domain::persian::compare(&a.1, &b.1));
        Ok(out)
    }

    pub async fn transition_report(
        &self,
        actor: &Actor,
        filter: TransitionFilter,
    ) -> Result<TransitionReport, AppError> {
        policy::authorize(actor, Action::ReadOutcomeReports)?;
        let scope = policy::center_scope(actor);
        if let Some(center) = filter.center_id {
            let visible = self.store.get_center(center).await?.is_some_and(|c| match scope {
                Scope::Headquarters(hq) => c.hq_id == hq,
                Scope::Center(id) => c.id == id,
                Scope::Everything => true,
                Scope::Nothing | Scope::AssignedTo { .. } => false,
            });
            if !visible {
                return Err(AppError::NotFound);
            }
        }
        let from = parse_optional_date("from", filter.from.as_deref())?;
        let to = parse_optional_date("to", filter.to.as_deref())?;
        let by_assessor = match filter.by.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
            None => None,
            Some("center") => Some(false),
            Some("assessor") => Some(true),
            Some(_) => {
                return Err(hamyar_domain::FieldError::new(
                    "by",
                    "unknown",
                    "گروه‌بندی باید center یا assessor باشد / Group by center or assessor",
                )
                .into());
            }
        };
        let rows = self
            .store
            .assessed_tiers(scope, AssessedTierQuery { center_id: filter.center_id, assessor_id: None })
            .await?;
        let mut total = TransitionMatrix::default();
        let mut groups: BTreeMap<Uuid, TransitionMatrix> = BTreeMap::new();
        for (baseline, end) in transitions(&rows, from, to, filter.assessor_id) {
            let key = by_assessor.map(|a| if a { end.assessor_id } else { end.center_id });
            for matrix in std::iter::once(&mut total).chain(key.map(|k| groups.entry(k).or_default())) {
                match baseline {
                    Some(b) => matrix.cells[index(b)][index(end.tier)] += 1,
                    None => matrix.without_baseline += 1,
                }
            }
        }
        let names: HashMap<Uuid, String> = match by_assessor {
            Some(true) => {
                let ids: Vec<Uuid> = groups.keys().copied().collect();
                self.store.users_by_ids(&ids).await?.into_iter().map(|u| (u.id, u.display_name)).collect()
            }
            _ => self.center_names(actor).await?,
        };
        let mut groups: Vec<(Uuid, String, TransitionMatrix)> =
            groups.into_iter().map(|(id, m)| (id, names.get(&id).cloned().unwrap_or_default(), m)).collect();
        groups.sort_by(|a, b| hamyar_domain::persian::compare(&a.1, &b.1));
        Ok(TransitionReport { total, groups })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn row(family: u128, kind: AssessmentKind, on: &str, tier: Tier) -> AssessedTier {
        AssessedTier {
            family_id: Uuid::from_u128(family),
            center_id: Uuid::from_u128(100),
            kind,
            assessed_on: on.parse().unwrap(),
            assessor_id: Uuid::from_u128(200),
            tier,
        }
    }

    #[test]
    fn each_end_of_plan_pairs_with_the_baseline_before_it() {
        use AssessmentKind::*;
        let rows = vec![
            row(1, Baseline, "2024-03-01", Tier::Harmed),
            row(2, Baseline, "2024-03-02", Tier::AtRisk),
            row(1, EndOfPlan, "2025-02-20", Tier::AtRisk),
            // Family 1 starts a second plan year.
            row(1, Baseline, "2025-03-01", Tier::AtRisk),
            row(3, EndOfPlan, "2025-03-05", Tier::Stable),
            row(1, EndOfPlan, "2026-02-20", Tier::Stable),
        ];
        let all = transitions(&rows, None, None, None);
        let pairs: Vec<(u128, Option<Tier>, Tier)> =
            all.iter().map(|(b, e)| (e.family_id.as_u128(), *b, e.tier)).collect();
        assert_eq!(pairs, vec![(3, None, Tier::Stable), (1, Some(Tier::AtRisk), Tier::Stable)]);
        let first_year = transitions(&rows, None, Some("2025-02-28".parse().unwrap()), None);
        assert_eq!(first_year.len(), 1);
        assert_eq!((first_year[0].0, first_year[0].1.tier), (Some(Tier::Harmed), Tier::AtRisk));
        assert!(transitions(&rows, None, None, Some(Uuid::from_u128(999))).is_empty());
    }
}
