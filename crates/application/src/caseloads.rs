//! Caseloads: a manager gives harmed families to accepted helpers for a
//! period (default a year), up to the headquarters' limit; reassignment and
//! ending keep their history, and an ended assignment ends the helper's
//! access at once (the actor's families are read with every request).

use crate::{
    Actor, AppError, Hamyar,
    helpers::{AssignmentView, HelperSummary},
    model::{Assignment, Family, FamilyListItem, Helper, ProgramWrite, SyncMeta},
    orgs::parse_date,
    policy::{self, Action},
};
use chrono::NaiveDate;
use hamyar_domain::{
    FieldError,
    helper::{HelperStatus, ProgramRules, SuggestionFit, matching_skills},
    instrument::Finding,
    persian::search_key,
    tier::{AssessmentDomain, AssessmentStatus, Tier},
};
use uuid::Uuid;

pub struct AssignInput {
    pub helper_id: Uuid,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    /// Required when the family is not in the harmed tier.
    pub reason: String,
}

/// A helper proposed for a family, best first.
pub struct Suggestion {
    pub helper: HelperSummary,
    pub fit: SuggestionFit,
    pub score: f64,
}

pub struct FamilySuggestions {
    pub family: Family,
    pub tier: Option<Tier>,
    /// The harms of the family's current assessment.
    pub harms: Vec<Finding>,
    pub suggestions: Vec<Suggestion>,
    pub rules: ProgramRules,
}

/// A family in the helper's caseload, for their home page.
pub struct MyFamily {
    pub item: FamilyListItem,
    pub assignment: Assignment,
    pub last_assessed_on: Option<NaiveDate>,
    pub draft_assessment: Option<Uuid>,
}

impl Hamyar {
    /// The family's harms in its current assessment, with their domains.
    async fn current_harms(&self, family: &Family) -> Result<Vec<(Finding, AssessmentDomain)>, AppError> {
        let assessments = self.store.family_assessments(family.id).await?;
        let Some(current) = crate::assessments::current_of(&assessments) else {
            return Ok(Vec::new());
        };
        let record = self.store.get_instrument(current.instrument_id).await?.ok_or(AppError::NotFound)?;
        let instrument = self.parsed(&record)?;
        Ok(current
            .result
            .harms
            .iter()
            .map(|h| {
                let domain = instrument
                    .indicators
                    .iter()
                    .find(|i| i.id == h.indicator)
                    .map_or(AssessmentDomain::Social, |i| i.domain);
                (h.clone(), domain)
            })
            .collect())
    }

    /// Helpers of the family's center ranked for it (see
    /// [`SuggestionFit::score`]); full ones last, marked as full.
    pub async fn helper_suggestions(&self, actor: &Actor, family_id: Uuid) -> Result<FamilySuggestions, AppError> {
        let family = self.visible_family(actor, family_id).await?;
        policy::authorize(actor, Action::AssignFamily(&family))?;
        let rules = self.rules_of(self.hq_of(family.center_id).await?).await?;
        let harms = self.current_harms(&family).await?;
        let harm_keys: Vec<(&str, AssessmentDomain)> = harms.iter().map(|(h, d)| (h.indicator.as_str(), *d)).collect();
        let current_helper = self
            .store
            .family_assignments(family_id)
            .await?
            .into_iter()
            .find(|a| a.ended_at.is_none() && a.meta.deleted_at.is_none())
            .map(|a| a.helper_id);
        let candidates: Vec<Helper> = self
            .store
            .list_helpers(crate::ports::Scope::Center(family.center_id))
            .await?
            .into_iter()
            .filter(|h| h.status.takes_families() && Some(h.id) != current_helper)
            .collect();
        let neighborhood = search_key(&family.neighborhood);
        let mut suggestions: Vec<Suggestion> = self
            .summaries(candidates)
            .await?
            .into_iter()
            .map(|summary| {
                let fit = SuggestionFit {
                    same_neighborhood: !neighborhood.is_empty()
                        && search_key(&summary.helper.neighborhood) == neighborhood,
                    matching_skills: matching_skills(&summary.helper.skills, &harm_keys),
                    caseload: summary.caseload,
                    free: rules.caseload_max.saturating_sub(summary.caseload),
                };
                Suggestion { score: fit.score(&rules), fit, helper: summary }
            })
            .collect();
        suggestions.sort_by(|a, b| {
            b.score.total_cmp(&a.score).then_with(|| a.helper.helper.full_name().cmp(&b.helper.helper.full_name()))
        });
        let tier = self.store.family_tiers(&[family_id]).await?.get(&family_id).copied();
        Ok(FamilySuggestions { family, tier, harms: harms.into_iter().map(|(h, _)| h).collect(), suggestions, rules })
    }

    /// Gives a family to a helper. A family that already has a helper is
    /// reassigned: the old assignment ends and the new one records which it
    /// replaces, in one transaction.
    pub async fn assign_family(
        &self,
        actor: &Actor,
        family_id: Uuid,
        input: AssignInput,
    ) -> Result<Assignment, AppError> {
        let family = self.visible_family(actor, family_id).await?;
        policy::authorize(actor, Action::AssignFamily(&family))?;
        let helper = self.store.get_helper(input.helper_id).await?.filter(|h| h.center_id == family.center_id);
        let helper = helper.ok_or_else(|| {
            FieldError::new("helper_id", "unknown", "همیار در این مرکز پیدا نشد / No such helper at this center")
        })?;
        if !helper.status.takes_families() {
            return Err(AppError::HelperNotAccepted);
        }
        let rules = self.rules_of(self.hq_of(family.center_id).await?).await?;
        let tier = self.store.family_tiers(&[family_id]).await?.get(&family_id).copied();
        let reason = crate::helpers::reason_text(&input.reason, false)?;
        if tier != Some(Tier::Harmed) && reason.is_empty() {
            return Err(FieldError::new(
                "reason",
                "required",
                "این خانواده در سطح آسیب‌دیده نیست؛ دلیل واگذاری را بنویسید / This family is not in the harmed tier; write why it is assigned",
            )
            .into());
        }
        let today = self.today();
        let starts_on = match input.starts_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(raw) => parse_date("starts_on", raw)?,
            None => today,
        };
        let ends_on = match input.ends_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(raw) => parse_date("ends_on", raw)?,
            None => self.default_end(starts_on, &rules),
        };
        check_period(starts_on, ends_on, today)?;
        let now = self.clock.now();
        let mut write = ProgramWrite::default();
        let open = self
            .store
            .family_assignments(family_id)
            .await?
            .into_iter()
            .find(|a| a.ended_at.is_none() && a.meta.deleted_at.is_none());
        if let Some(open) = &open {
            if open.helper_id == helper.id {
                return Err(FieldError::new(
                    "helper_id",
                    "same",
                    "این خانواده هم‌اکنون با همین همیار است / This family is already with this helper",
                )
                .into());
            }
            write.assignments.push(Assignment {
                ended_at: Some(now),
                ended_by: Some(actor.user_id),
                end_reason: "واگذاری به همیار دیگر / Reassigned".to_owned(),
                meta: open.meta.bumped(now),
                ..open.clone()
            });
        }
        let assignment = Assignment {
            id: Uuid::now_v7(),
            helper_id: helper.id,
            family_id,
            center_id: family.center_id,
            starts_on,
            ends_on,
            reason,
            assigned_by: Some(actor.user_id),
            replaces: open.map(|o| o.id),
            ended_at: None,
            ended_by: None,
            end_reason: String::new(),
            meta: SyncMeta::new(now),
        };
        write.assignments.push(assignment.clone());
        if helper.status == HelperStatus::Accepted {
            write.status_changes.push(crate::model::HelperStatusChange {
                id: Uuid::now_v7(),
                helper_id: helper.id,
                from: Some(HelperStatus::Accepted),
                to: HelperStatus::Active,
                reason: "نخستین خانواده / First family assigned".to_owned(),
                by: Some(actor.user_id),
                at: now,
            });
            write.helpers.push(Helper {
                status: HelperStatus::Active,
                meta: helper.meta.bumped(now),
                ..helper.clone()
            });
        }
        write.caseload_limit = Some((helper.id, rules.caseload_max, today));
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        tracing::info!(actor = %actor.user_id, family = %family_id, helper = %helper.id, "family assigned");
        Ok(assignment)
    }

    async fn managed_assignment(&self, actor: &Actor, id: Uuid, version: i64) -> Result<Assignment, AppError> {
        let assignment = self.store.get_assignment(id).await?.ok_or(AppError::NotFound)?;
        let family = self.visible_family(actor, assignment.family_id).await?;
        policy::authorize(actor, Action::AssignFamily(&family))?;
        if assignment.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        Ok(assignment)
    }

    /// Ends an assignment now: the helper cannot open the family from the
    /// next request on.
    pub async fn end_assignment(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        reason: &str,
    ) -> Result<Assignment, AppError> {
        let current = self.managed_assignment(actor, id, version).await?;
        if current.ended_at.is_some() {
            return Err(AppError::VersionConflict);
        }
        let reason = crate::helpers::reason_text(reason, true)?;
        let now = self.clock.now();
        let ended = Assignment {
            ended_at: Some(now),
            ended_by: Some(actor.user_id),
            end_reason: reason,
            meta: current.meta.bumped(now),
            ..current
        };
        let write = ProgramWrite { assignments: vec![ended.clone()], ..Default::default() };
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        tracing::info!(actor = %actor.user_id, assignment = %id, "assignment ended");
        Ok(ended)
    }

    /// Moves an open assignment's planned end (a longer or shorter year).
    pub async fn change_assignment_end(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        ends_on: &str,
    ) -> Result<Assignment, AppError> {
        let current = self.managed_assignment(actor, id, version).await?;
        if current.ended_at.is_some() {
            return Err(AppError::VersionConflict);
        }
        let ends_on = parse_date("ends_on", ends_on)?;
        if ends_on < current.starts_on || ends_on > current.starts_on + chrono::Duration::days(731) {
            return Err(FieldError::new(
                "ends_on",
                "date",
                "پایان باید پس از آغاز و حداکثر دو سال بعد باشد / The end must follow the start, at most two years on",
            )
            .into());
        }
        let now = self.clock.now();
        let next = Assignment { ends_on, meta: current.meta.bumped(now), ..current };
        let write = ProgramWrite { assignments: vec![next.clone()], ..Default::default() };
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        Ok(next)
    }

    /// A family's assignments, newest first (the manager's view).
    pub async fn family_assignments(&self, actor: &Actor, family_id: Uuid) -> Result<Vec<AssignmentView>, AppError> {
        let family = self.visible_family(actor, family_id).await?;
        policy::authorize(actor, Action::AssignFamily(&family))?;
        self.assignment_views(self.store.family_assignments(family_id).await?).await
    }

    /// The helper's own caseload: families of their active assignments.
    pub async fn my_families(&self, actor: &Actor) -> Result<Vec<MyFamily>, AppError> {
        let Some(helper) = self.store.helper_of_user(actor.user_id).await? else { return Ok(Vec::new()) };
        let today = self.today();
        let mut out = Vec::new();
        for assignment in self.store.helper_assignments(&[helper.id]).await? {
            if !assignment.is_active_on(today) {
                continue;
            }
            // The policy decides, as for every read.
            let Ok(family) = self.visible_family(actor, assignment.family_id).await else { continue };
            let members = self.store.family_members(family.id).await?;
            let assessments = self.store.family_assessments(family.id).await?;
            let last_assessed_on = assessments
                .iter()
                .filter(|a| a.status == AssessmentStatus::Final && a.meta.deleted_at.is_none())
                .map(|a| a.assessed_on)
                .max();
            let draft_assessment = assessments
                .iter()
                .find(|a| a.status == AssessmentStatus::Draft && a.meta.deleted_at.is_none())
                .map(|a| a.id);
            let head_name = family
                .head_member_id
                .and_then(|h| members.iter().find(|m| m.id == h))
                .map(|m| m.full_name())
                .unwrap_or_default();
            let tier = self.store.family_tiers(&[family.id]).await?.get(&family.id).copied();
            out.push(MyFamily {
                item: FamilyListItem { head_name, member_count: members.len() as i64, tier, family },
                assignment,
                last_assessed_on,
                draft_assessment,
            });
        }
        // Harmed first, then by name.
        out.sort_by(|a, b| {
            b.item.tier.cmp(&a.item.tier).then_with(|| a.item.family.family_name.cmp(&b.item.family.family_name))
        });
        Ok(out)
    }
}

fn check_period(starts_on: NaiveDate, ends_on: NaiveDate, today: NaiveDate) -> Result<(), FieldError> {
    if starts_on < today - chrono::Duration::days(31) || starts_on > today + chrono::Duration::days(366) {
        return Err(FieldError::new(
            "starts_on",
            "date",
            "آغاز واگذاری باید از یک ماه پیش تا یک سال بعد باشد / The start must be within a month ago and a year ahead",
        ));
    }
    if ends_on < starts_on || ends_on > starts_on + chrono::Duration::days(731) {
        return Err(FieldError::new(
            "ends_on",
            "date",
            "پایان باید پس از آغاز و حداکثر دو سال بعد باشد / The end must follow the start, at most two years on",
        ));
    }
    if ends_on < today {
        return Err(FieldError::new("ends_on", "date", "پایان نباید گذشته باشد / The end cannot be in the past"));
    }
    Ok(())
}
