//! Family helpers: registration, the road from applicant to active helper
//! (acceptance only after the pre-service hours), their training hours and
//! caseloads, and the program rules headquarters set.

use crate::{
    Actor, AppError, Hamyar,
    model::{Assignment, Helper, HelperStatusChange, ProgramRulesRecord, ProgramWrite, SyncMeta, User},
    policy::{self, Action},
    ports::HelperHours,
    users::NewUserInput,
};
use chrono::{DateTime, NaiveDate, Utc};
use hamyar_domain::{
    FieldError,
    family::Phone,
    helper::{HelperBackground, HelperStatus, ProgramRules, Skill},
    organization::{Name, optional_text},
    role::Role,
};
use std::collections::HashMap;
use uuid::Uuid;

/// A helper's profile as typed in a form.
#[derive(Debug, Clone, Default)]
pub struct HelperInput {
    pub id: Option<Uuid>,
    /// Defaults to the manager's center.
    pub center_id: Option<Uuid>,
    pub first_name: String,
    pub last_name: String,
    pub mobile: String,
    pub background: String,
    pub field_of_study: String,
    pub skills: Vec<String>,
    pub neighborhood: String,
    pub availability: String,
    pub notes: String,
}

pub struct AcceptInput {
    pub version: i64,
    /// The account the helper will log in with (ignored when they already
    /// have one, e.g. coming back after a pause).
    pub username: Option<String>,
    pub password: Option<String>,
    pub reason: String,
}

/// A helper in a list: with their caseload, hours and last activity.
#[derive(Debug, Clone)]
pub struct HelperSummary {
    pub helper: Helper,
    /// Families counting against the limit today.
    pub caseload: u32,
    pub hours: HelperHours,
    pub last_activity: Option<DateTime<Utc>>,
    pub username: Option<String>,
}

#[derive(Debug, Clone)]
pub struct StatusChangeView {
    pub change: HelperStatusChange,
    pub by_name: Option<String>,
}

/// One course a helper took, with their hours in it.
#[derive(Debug, Clone)]
pub struct HelperCourse {
    pub course: crate::model::Course,
    pub attended: hamyar_domain::helper::Hours,
    pub offered: hamyar_domain::helper::Hours,
}

#[derive(Debug, Clone)]
pub struct AssignmentView {
    pub assignment: Assignment,
    pub family_name: String,
    pub helper_name: String,
    /// Who assigned it and who ended it, by display name.
    pub assigned_by_name: Option<String>,
    pub ended_by_name: Option<String>,
    pub active: bool,
}

pub struct HelperDetail {
    pub summary: HelperSummary,
    pub history: Vec<StatusChangeView>,
    pub courses: Vec<HelperCourse>,
    pub assignments: Vec<AssignmentView>,
    pub rules: ProgramRules,
}

pub struct RulesInput {
    pub version: Option<i64>,
    pub pre_service_hours: f64,
    pub in_service_hours: f64,
    pub caseload_max: i64,
    pub caseload_min: i64,
    pub assignment_days: i64,
    /// Kept as it is when left out.
    pub offline_lock_days: Option<i64>,
}

pub(crate) fn reason_text(raw: &str, required: bool) -> Result<String, FieldError> {
    let reason = optional_text("reason", Some(raw), 1000)?;
    if required && reason.is_empty() {
        return Err(FieldError::new("reason", "required", "دلیل را بنویسید / Write the reason"));
    }
    Ok(reason)
}

impl Hamyar {
    // ---- Program rules ----

    /// The rules a headquarters set, or the plan's defaults.
    pub(crate) async fn rules_of(&self, hq_id: Uuid) -> Result<ProgramRules, AppError> {
        Ok(self.store.program_rules(hq_id).await?.map(|r| r.rules).unwrap_or_default())
    }

    pub(crate) async fn hq_of(&self, center_id: Uuid) -> Result<Uuid, AppError> {
        Ok(self.store.get_center(center_id).await?.ok_or(AppError::NotFound)?.hq_id)
    }

    /// The rules of the actor's headquarters, and their stored version (None
    /// while the defaults apply).
    pub async fn program_rules(&self, actor: &Actor) -> Result<(ProgramRules, Option<ProgramRulesRecord>), AppError> {
        let hq_id = actor.hq_id.ok_or(AppError::Forbidden)?;
        let record = self.store.program_rules(hq_id).await?;
        Ok((record.as_ref().map(|r| r.rules).unwrap_or_default(), record))
    }

    pub async fn set_program_rules(&self, actor: &Actor, input: RulesInput) -> Result<ProgramRulesRecord, AppError> {
        let hq_id = actor.hq_id.ok_or(AppError::Forbidden)?;
        policy::authorize(actor, Action::SetProgramRules { hq_id })?;
        let lock_days = match input.offline_lock_days {
            Some(days) => days,
            None => i64::from(self.rules_of(hq_id).await?.offline_lock_days),
        };
        let rules = ProgramRules::parse(
            input.pre_service_hours,
            input.in_service_hours,
            input.caseload_max,
            input.caseload_min,
            input.assignment_days,
            lock_days,
        )?;
        let now = self.clock.now();
        let record = match self.store.program_rules(hq_id).await? {
            Some(current) => {
                if input.version != Some(current.meta.version) {
                    return Err(AppError::VersionConflict);
                }
                ProgramRulesRecord { rules, meta: current.meta.bumped(now), ..current }
            }
            None => ProgramRulesRecord { id: Uuid::now_v7(), hq_id, rules, meta: SyncMeta::new(now) },
        };
        let write = ProgramWrite { rules: Some(record.clone()), ..Default::default() };
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        tracing::info!(actor = %actor.user_id, hq = %hq_id, "program rules set");
        Ok(record)
    }

    // ---- Helpers ----

    fn helper_fields(&self, mut helper: Helper, input: &HelperInput) -> Result<Helper, AppError> {
        helper.first_name = Name::parse("first_name", &input.first_name, 80)?.into_string();
        helper.last_name = Name::parse("last_name", &input.last_name, 80)?.into_string();
        helper.mobile = match input.mobile.trim() {
            "" => String::new(),
            raw => Phone::parse("mobile", raw)?.into_string(),
        };
        helper.background = HelperBackground::parse(&input.background)?;
        helper.field_of_study = optional_text("field_of_study", Some(&input.field_of_study), 120)?;
        let mut skills = Vec::new();
        for code in &input.skills {
            let skill = Skill::parse(code)?;
            if !skills.contains(&skill) {
                skills.push(skill);
            }
        }
        helper.skills = skills;
        helper.neighborhood = optional_text("neighborhood", Some(&input.neighborhood), 120)?;
        helper.availability = optional_text("availability", Some(&input.availability), 300)?;
        helper.notes = optional_text("notes", Some(&input.notes), 2000)?;
        Ok(helper)
    }

    /// Registers an applicant at a center.
    pub async fn create_helper(&self, actor: &Actor, input: HelperInput) -> Result<HelperDetail, AppError> {
        let center_id = input.center_id.or(actor.center_id).ok_or(AppError::Forbidden)?;
        policy::authorize(actor, Action::ManageHelpers { center_id })?;
        let now = self.clock.now();
        let blank = Helper {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            center_id,
            first_name: String::new(),
            last_name: String::new(),
            mobile: String::new(),
            background: HelperBackground::LocalActivist,
            field_of_study: String::new(),
            skills: Vec::new(),
            neighborhood: String::new(),
            availability: String::new(),
            notes: String::new(),
            status: HelperStatus::Applicant,
            user_id: None,
            meta: SyncMeta::new(now),
        };
        let helper = self.helper_fields(blank, &input)?;
        let change = HelperStatusChange {
            id: Uuid::now_v7(),
            helper_id: helper.id,
            from: None,
            to: HelperStatus::Applicant,
            reason: String::new(),
            by: Some(actor.user_id),
            at: now,
        };
        let write = ProgramWrite { helpers: vec![helper.clone()], status_changes: vec![change], ..Default::default() };
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        self.helper_detail(actor, helper.id).await
    }

    /// A helper the actor may see, with their headquarters.
    pub(crate) async fn visible_helper(&self, actor: &Actor, id: Uuid) -> Result<(Helper, Uuid), AppError> {
        let helper = self.store.get_helper(id).await?.ok_or(AppError::NotFound)?;
        let hq_id = self.hq_of(helper.center_id).await?;
        policy::authorize(actor, Action::ReadHelper { helper: &helper, hq_id }).map_err(|_| AppError::NotFound)?;
        Ok((helper, hq_id))
    }

    async fn managed_helper(&self, actor: &Actor, id: Uuid, version: i64) -> Result<Helper, AppError> {
        let (helper, _) = self.visible_helper(actor, id).await?;
        policy::authorize(actor, Action::ManageHelpers { center_id: helper.center_id })?;
        if helper.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        Ok(helper)
    }

    pub async fn update_helper(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        input: HelperInput,
    ) -> Result<HelperDetail, AppError> {
        let current = self.managed_helper(actor, id, version).await?;
        let mut next = self.helper_fields(current.clone(), &input)?;
        next.meta = current.meta.bumped(self.clock.now());
        let write = ProgramWrite { helpers: vec![next], ..Default::default() };
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        self.helper_detail(actor, id).await
    }

    /// Summaries of helpers: caseloads counted on `today`.
    pub(crate) async fn summaries(&self, helpers: Vec<Helper>) -> Result<Vec<HelperSummary>, AppError> {
        let ids: Vec<Uuid> = helpers.iter().map(|h| h.id).collect();
        let today = self.today();
        let mut caseloads: HashMap<Uuid, u32> = HashMap::new();
        for a in self.store.helper_assignments(&ids).await? {
            if a.counts_on(today) {
                *caseloads.entry(a.helper_id).or_default() += 1;
            }
        }
        let hours = self.store.helper_hours(&ids).await?;
        let user_ids: Vec<Uuid> = helpers.iter().filter_map(|h| h.user_id).collect();
        let activity = self.store.last_activity(&user_ids).await?;
        let usernames: HashMap<Uuid, String> =
            self.store.users_by_ids(&user_ids).await?.into_iter().map(|u| (u.id, u.username)).collect();
        Ok(helpers
            .into_iter()
            .map(|h| HelperSummary {
                caseload: caseloads.get(&h.id).copied().unwrap_or(0),
                hours: hours.get(&h.id).copied().unwrap_or_default(),
                last_activity: h.user_id.and_then(|u| activity.get(&u).copied()),
                username: h.user_id.and_then(|u| usernames.get(&u).cloned()),
                helper: h,
            })
            .collect())
    }

    /// Helpers the actor may see, optionally in one status.
    pub async fn list_helpers(
        &self,
        actor: &Actor,
        status: Option<&str>,
    ) -> Result<(Vec<HelperSummary>, ProgramRules), AppError> {
        let status = status.map(str::trim).filter(|s| !s.is_empty()).map(HelperStatus::parse).transpose()?;
        let mut helpers = self.store.list_helpers(policy::helper_scope(actor)).await?;
        if let Some(status) = status {
            helpers.retain(|h| h.status == status);
        }
        let rules = match actor.hq_id {
            Some(hq) => self.rules_of(hq).await?,
            None => ProgramRules::default(),
        };
        Ok((self.summaries(helpers).await?, rules))
    }

    pub(crate) async fn assignment_views(&self, assignments: Vec<Assignment>) -> Result<Vec<AssignmentView>, AppError> {
        let today = self.today();
        let mut family_names: HashMap<Uuid, String> = HashMap::new();
        let mut helper_names: HashMap<Uuid, String> = HashMap::new();
        for a in &assignments {
            if let std::collections::hash_map::Entry::Vacant(e) = family_names.entry(a.family_id) {
                // A family merged away since has no record to name it by.
                let name = self.store.get_family(a.family_id).await?.map(|f| f.family_name).unwrap_or_default();
                e.insert(name);
            }
            if let std::collections::hash_map::Entry::Vacant(e) = helper_names.entry(a.helper_id) {
                let name = self.store.get_helper(a.helper_id).await?.map(|h| h.full_name()).unwrap_or_default();
                e.insert(name);
            }
        }
        let user_ids: Vec<Uuid> = assignments.iter().flat_map(|a| [a.assigned_by, a.ended_by]).flatten().collect();
        let users: HashMap<Uuid, String> =
            self.store.users_by_ids(&user_ids).await?.into_iter().map(|u| (u.id, u.display_name)).collect();
        let name_of = |id: Option<Uuid>| id.and_then(|id| users.get(&id).cloned());
        Ok(assignments
            .into_iter()
            .map(|a| AssignmentView {
                family_name: family_names.get(&a.family_id).cloned().unwrap_or_default(),
                helper_name: helper_names.get(&a.helper_id).cloned().unwrap_or_default(),
                assigned_by_name: name_of(a.assigned_by),
                ended_by_name: name_of(a.ended_by),
                active: a.is_active_on(today),
                assignment: a,
            })
            .collect())
    }

    pub async fn helper_detail(&self, actor: &Actor, id: Uuid) -> Result<HelperDetail, AppError> {
        let (helper, hq_id) = self.visible_helper(actor, id).await?;
        let changes = self.store.helper_status_changes(id).await?;
        let by_ids: Vec<Uuid> = changes.iter().filter_map(|c| c.by).collect();
        let names: HashMap<Uuid, String> =
            self.store.users_by_ids(&by_ids).await?.into_iter().map(|u| (u.id, u.display_name)).collect();
        let history = changes
            .into_iter()
            .map(|c| StatusChangeView { by_name: c.by.and_then(|b| names.get(&b).cloned()), change: c })
            .collect();
        let mut courses = Vec::new();
        for enrollment in self.store.helper_enrollments(id).await? {
            let Some(course) = self.store.get_course(enrollment.course_id).await? else { continue };
            let sessions = self.store.course_sessions(course.id).await?;
            let session_ids: Vec<Uuid> = sessions.iter().map(|s| s.id).collect();
            let attended = self
                .store
                .session_attendance(&session_ids)
                .await?
                .into_iter()
                .filter(|a| a.helper_id == id && a.meta.deleted_at.is_none())
                .map(|a| a.hours)
                .sum();
            courses.push(HelperCourse { offered: sessions.iter().map(|s| s.hours).sum(), attended, course });
        }
        // Which families a helper serves is the center's to know: its
        // manager sees them all, the helper their current ones; headquarters
        // and trainers see only the caseload count.
        let mut assignments = self.store.helper_assignments(&[id]).await?;
        let today = self.today();
        let manages = actor.role == Role::CenterManager && actor.center_id == Some(helper.center_id);
        if !manages && helper.user_id == Some(actor.user_id) {
            assignments.retain(|a| a.is_active_on(today));
        } else if !manages {
            assignments.clear();
        }
        let assignments = self.assignment_views(assignments).await?;
        let summary = self.summaries(vec![helper]).await?.into_iter().next().ok_or(AppError::NotFound)?;
        Ok(HelperDetail { summary, history, courses, assignments, rules: self.rules_of(hq_id).await? })
    }

    fn status_change(&self, actor: &Actor, helper: &Helper, to: HelperStatus, reason: String) -> HelperStatusChange {
        HelperStatusChange {
            id: Uuid::now_v7(),
            helper_id: helper.id,
            from: Some(helper.status),
            to,
            reason,
            by: Some(actor.user_id),
            at: self.clock.now(),
        }
    }

    fn refuse_move(from: HelperStatus, to: HelperStatus) -> AppError {
        AppError::StatusChangeNotAllowed {
            from: from.label_fa(),
            to: to.label_fa(),
            from_code: from.code(),
            to_code: to.code(),
        }
    }

    /// Moves a helper to `in_training` or `inactive` (acceptance has its
    /// own door, and "active" comes with the first family). Going inactive
    /// ends every open assignment and closes the account at once.
    pub async fn change_helper_status(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        to: &str,
        reason: &str,
    ) -> Result<HelperDetail, AppError> {
        let to = HelperStatus::parse(to)?;
        let helper = self.managed_helper(actor, id, version).await?;
        if !helper.status.may_become(to) || matches!(to, HelperStatus::Accepted | HelperStatus::Active) {
            return Err(Self::refuse_move(helper.status, to));
        }
        let reason = reason_text(reason, to == HelperStatus::Inactive)?;
        let now = self.clock.now();
        let mut write = ProgramWrite::default();
        write.status_changes.push(self.status_change(actor, &helper, to, reason.clone()));
        if to == HelperStatus::Inactive {
            for a in self.store.helper_assignments(&[id]).await? {
                if a.ended_at.is_none() && a.meta.deleted_at.is_none() {
                    write.assignments.push(Assignment {
                        ended_at: Some(now),
                        ended_by: Some(actor.user_id),
                        end_reason: reason.clone(),
                        meta: a.meta.bumped(now),
                        ..a
                    });
                }
            }
            if let Some(user) = self.helper_account(&helper).await? {
                write.updated_user = Some(User { disabled: true, meta: user.meta.bumped(now), ..user });
            }
        }
        write.helpers.push(Helper { status: to, meta: helper.meta.bumped(now), ..helper.clone() });
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        if let Some(user_id) = helper.user_id.filter(|_| to == HelperStatus::Inactive) {
            self.store.delete_user_sessions(user_id).await?;
        }
        tracing::info!(actor = %actor.user_id, helper = %id, to = to.code(), "helper status changed");
        self.helper_detail(actor, id).await
    }

    async fn helper_account(&self, helper: &Helper) -> Result<Option<User>, AppError> {
        match helper.user_id {
            Some(user_id) => Ok(self.store.get_user(user_id).await?),
            None => Ok(None),
        }
    }

    /// Accepts a helper who finished the pre-service hours, and gives them
    /// their account (or opens their old one again).
    pub async fn accept_helper(&self, actor: &Actor, id: Uuid, input: AcceptInput) -> Result<HelperDetail, AppError> {
        let helper = self.managed_helper(actor, id, input.version).await?;
        if !helper.status.may_become(HelperStatus::Accepted) {
            return Err(Self::refuse_move(helper.status, HelperStatus::Accepted));
        }
        let hq_id = self.hq_of(helper.center_id).await?;
        let rules = self.rules_of(hq_id).await?;
        let done = self.store.helper_hours(&[id]).await?.get(&id).copied().unwrap_or_default().pre_service;
        if done < rules.pre_service_hours {
            return Err(AppError::PreServiceIncomplete {
                done: done.as_f64(),
                required: rules.pre_service_hours.as_f64(),
            });
        }
        let reason = reason_text(&input.reason, false)?;
        let now = self.clock.now();
        let mut write = ProgramWrite::default();
        let mut accepted = Helper { status: HelperStatus::Accepted, meta: helper.meta.bumped(now), ..helper.clone() };
        match self.helper_account(&helper).await? {
            Some(user) => {
                write.updated_user = Some(User { disabled: false, meta: user.meta.bumped(now), ..user });
            }
            None => {
                let username = input.username.as_deref().map(str::trim).filter(|u| !u.is_empty()).ok_or_else(|| {
                    FieldError::new(
                        "username",
                        "required",
                        "نام کاربری همیار را بنویسید / Choose the helper's username",
                    )
                })?;
                let new_user = NewUserInput {
                    id: None,
                    username: username.to_owned(),
                    display_name: helper.full_name(),
                    role: Role::Helper,
                    password: input.password.clone().unwrap_or_default(),
                    center_id: Some(helper.center_id),
                    hq_id: Some(hq_id),
                };
                let (user, hash) = self.build_user(&new_user, Some(hq_id), Some(helper.center_id)).await?;
                accepted.user_id = Some(user.id);
                write.new_user = Some((user, hash));
            }
        }
        write.status_changes.push(self.status_change(actor, &helper, HelperStatus::Accepted, reason));
        write.helpers.push(accepted);
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        tracing::info!(actor = %actor.user_id, helper = %id, "helper accepted");
        self.helper_detail(actor, id).await
    }

    /// The actor's own helper record with its caseload and hours (None
    /// for an account without one), and their headquarters' rules.
    pub async fn my_helper(&self, actor: &Actor) -> Result<(Option<HelperSummary>, ProgramRules), AppError> {
        let rules = match actor.hq_id {
            Some(hq) => self.rules_of(hq).await?,
            None => ProgramRules::default(),
        };
        let Some(helper) = self.store.helper_of_user(actor.user_id).await? else { return Ok((None, rules)) };
        Ok((self.summaries(vec![helper]).await?.into_iter().next(), rules))
    }

    pub(crate) fn default_end(&self, start: NaiveDate, rules: &ProgramRules) -> NaiveDate {
        start + chrono::Duration::days(i64::from(rules.assignment_days) - 1)
    }
}
