//! Focused assistance of a harmed family: the service log (append-only;
//! corrections are amendments with a reason) and the assistance calendar
//! (goals tied to the harms of the latest assessment, dated activities
//! under them). The same use cases serve the web and offline pushes.

use crate::{
    Actor, AppError, Hamyar,
    model::{Activity, AssistanceWrite, Decision, Family, Goal, HarmRef, Referral, Resource, Service, SyncMeta, Task},
    orgs::parse_date,
    policy::{self, Action},
    ports::Scope,
};
use chrono::NaiveDate;
use hamyar_domain::{
    FieldError,
    assistance::{ActivityStatus, GoalStatus, Minutes, Responsible, ServiceKind, TaskStatus, parse_domain},
    organization::{Name, optional_text},
};
use serde::{Deserialize, Deserializer};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A field where null means the same as absent: its default.
pub(crate) fn null_as_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// A field that may be absent (unchanged), null (cleared) or a value.
pub(crate) fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A service as the form (or a device) gives it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceInput {
    #[serde(default)]
    pub id: Option<Uuid>,
    pub kind: String,
    pub domain: String,
    /// ISO date.
    pub served_on: String,
    pub minutes: i64,
    #[serde(default, deserialize_with = "null_as_default")]
    pub member_ids: Vec<Uuid>,
    #[serde(default)]
    pub resource_id: Option<Uuid>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub notes: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub outcome: String,
    #[serde(default)]
    pub follow_up_on: Option<String>,
    #[serde(default)]
    pub referral_id: Option<Uuid>,
    /// For an amendment: the service it corrects, and why.
    #[serde(default)]
    pub amends: Option<Uuid>,
    #[serde(default)]
    pub amend_reason: Option<String>,
}

/// A goal's fields; on an update, absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalInput {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default, deserialize_with = "nullable")]
    pub member_id: Option<Option<Uuid>>,
    #[serde(default)]
    pub domain: Option<String>,
    /// A harm of the family's latest assessment (its indicator), or none.
    #[serde(default, deserialize_with = "nullable")]
    pub harm_indicator: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub harm_member_id: Option<Option<Uuid>>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

/// An activity's fields; on an update, absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityInput {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default, deserialize_with = "nullable")]
    pub goal_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "nullable")]
    pub member_id: Option<Option<Uuid>>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub due_on: Option<String>,
    #[serde(default)]
    pub responsible: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub resource_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "nullable")]
    pub task_id: Option<Option<Uuid>>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// Everything of a family's focused assistance, for its page and its
/// timeline.
pub struct FamilyAssistance {
    pub family: Family,
    pub services: Vec<Service>,
    pub goals: Vec<Goal>,
    pub activities: Vec<Activity>,
    pub referrals: Vec<Referral>,
    pub decisions: Vec<Decision>,
    pub tasks: Vec<Task>,
    /// The harms of the latest final assessment, goals may address.
    pub harms: Vec<HarmRef>,
    /// Resources named above, by id.
    pub resources: HashMap<Uuid, Resource>,
    /// Names of the people and commissions named above, by id.
    pub names: HashMap<Uuid, String>,
    pub can_work: bool,
    /// The day the centers see (tasks past it are overdue).
    pub today: NaiveDate,
}

/// What is due: a helper's home, a manager's overview.
pub struct Agenda {
    pub today: NaiveDate,
    /// Planned activities due today.
    pub due_today: Vec<Activity>,
    pub overdue: Vec<Activity>,
    /// Planned in the next week.
    pub upcoming: Vec<Activity>,
    /// Open commission tasks past their day, of the commissions the actor
    /// works in and the families they assist.
    pub overdue_tasks: Vec<Task>,
    /// Referrals waiting for the actor's answer.
    pub waiting_referrals: Vec<Referral>,
    /// Family names by id.
    pub families: HashMap<Uuid, String>,
}

/// How far back a service or activity date may go, and how far ahead a
/// plan may reach.
const YEARS_BACK: i32 = 5;
const YEARS_AHEAD: i32 = 3;

fn date_in_range(field: &'static str, raw: &str, from: NaiveDate, to: NaiveDate) -> Result<NaiveDate, AppError> {
    let d = parse_date(field, raw)?;
    if d < from || d > to {
        return Err(FieldError::new(field, "date", "تاریخ در بازهٔ پذیرفتنی نیست / The date is out of range").into());
    }
    Ok(d)
}

fn years(today: NaiveDate, years: i32) -> NaiveDate {
    use chrono::Datelike;
    today.with_year(today.year() + years).unwrap_or(today)
}

impl Hamyar {
    /// A family the actor may assist (services, calendar, referrals).
    pub(crate) async fn assisted_family(&self, actor: &Actor, id: Uuid) -> Result<Family, AppError> {
        let family = self.visible_family(actor, id).await?;
        policy::authorize(actor, Action::AssistFamily(&family))?;
        if family.meta.deleted_at.is_some() {
            return Err(AppError::NotFound);
        }
        Ok(family)
    }

    /// Live members of the family among `ids` — all of them, or an error.
    async fn members_of(&self, family: &Family, field: &'static str, ids: &[Uuid]) -> Result<Vec<Uuid>, AppError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let live: HashSet<Uuid> = self.store.family_members(family.id).await?.into_iter().map(|m| m.id).collect();
        let mut out = Vec::new();
        for id in ids {
            if !live.contains(id) {
                return Err(FieldError::new(
                    field,
                    "unknown",
                    "این فرد از اعضای این خانواده نیست / Not a member of this family",
                )
                .into());
            }
            if !out.contains(id) {
                out.push(*id);
            }
        }
        Ok(out)
    }

    pub(crate) async fn optional_member(&self, family: &Family, id: Option<Uuid>) -> Result<Option<Uuid>, AppError> {
        Ok(self.members_of(family, "member_id", &id.into_iter().collect::<Vec<_>>()).await?.first().copied())
    }

    async fn service_fields(
        &self,
        actor: &Actor,
        family: &Family,
        input: &ServiceInput,
        id: Uuid,
    ) -> Result<Service, AppError> {
        let today = self.today();
        let served_on = date_in_range("served_on", &input.served_on, years(today, -YEARS_BACK), today)?;
        let follow_up_on = match input.follow_up_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(raw) => Some(date_in_range("follow_up_on", raw, served_on, years(today, YEARS_AHEAD))?),
        };
        let referral_id = match input.referral_id {
            None => None,
            Some(r) => match self.store.get_referral(r).await? {
                Some(referral) if referral.family_id == family.id && referral.meta.deleted_at.is_none() => Some(r),
                _ => {
                    return Err(FieldError::new("referral_id", "unknown", "ارجاع پیدا نشد / Referral not found").into());
                }
            },
        };
        Ok(Service {
            id,
            family_id: family.id,
            center_id: family.center_id,
            kind: ServiceKind::parse(&input.kind)?,
            domain: parse_domain("domain", &input.domain)?,
            served_on,
            minutes: Minutes::new("minutes", input.minutes)?,
            member_ids: self.members_of(family, "member_ids", &input.member_ids).await?,
            resource_id: self.resource_for(actor, family, input.resource_id).await?.map(|r| r.id),
            notes: optional_text("notes", Some(&input.notes), 4000)?,
            outcome: optional_text("outcome", Some(&input.outcome), 2000)?,
            follow_up_on,
            activity_id: None,
            referral_id,
            amends: None,
            amend_reason: String::new(),
            author_id: Some(actor.user_id),
            meta: SyncMeta::new(self.clock.now()),
        })
    }

    /// A new service record of the family, ready to write (not written).
    async fn new_service(&self, actor: &Actor, family: &Family, input: &ServiceInput) -> Result<Service, AppError> {
        let id = input.id.unwrap_or_else(Uuid::now_v7);
        if self.store.get_service(id).await?.is_some() {
            return Err(
                FieldError::new("id", "taken", "این شناسه پیش‌تر به کار رفته است / This id is already used").into()
            );
        }
        let mut service = self.service_fields(actor, family, input, id).await?;
        if let Some(original) = input.amends {
            let corrected = self.store.get_service(original).await?.filter(|s| s.family_id == family.id);
            if corrected.is_none() {
                return Err(FieldError::new(
                    "amends",
                    "unknown",
                    "خدمتی که اصلاح می‌شود پیدا نشد / The service to correct was not found",
                )
                .into());
            }
            // Corrections form a chain: only its latest link is corrected,
            // so a service never has two current versions.
            let services = self.store.family_services(&[family.id]).await?;
            if services.iter().any(|s| s.amends == Some(original)) {
                return Err(FieldError::new(
                    "amends",
                    "superseded",
                    "این خدمت پیش‌تر اصلاح شده است؛ آخرین اصلاح را اصلاح کنید / This service was already corrected; correct its latest correction",
                )
                .into());
            }
            let reason = input.amend_reason.as_deref().unwrap_or_default();
            service.amend_reason = Name::parse("amend_reason", reason, 500)
                .map_err(|_| {
                    FieldError::new(
                        "amend_reason",
                        "required",
                        "دلیل اصلاح را بنویسید / Give the reason for the correction",
                    )
                })?
                .into_string();
            service.amends = Some(original);
            // The correction carries out what the original did.
            if let Some(original) = corrected {
                service.activity_id = original.activity_id;
            }
        }
        Ok(service)
    }

    /// Logs a service (or, with `amends`, a correction of one).
    pub async fn log_service(&self, actor: &Actor, family_id: Uuid, input: ServiceInput) -> Result<Service, AppError> {
        let family = self.assisted_family(actor, family_id).await?;
        let service = self.new_service(actor, &family, &input).await?;
        let write = AssistanceWrite { services: vec![service.clone()], ..Default::default() };
        self.store.save_assistance(self.write_ctx(Some(actor)), &write).await?;
        Ok(service)
    }

    /// The harms of the family's latest final assessment.
    async fn harms_of(&self, family_id: Uuid) -> Result<Vec<HarmRef>, AppError> {
        let assessments = self.store.family_assessments(family_id).await?;
        let Some(current) = crate::assessments::current_of(&assessments) else { return Ok(Vec::new()) };
        Ok(current
            .result
            .harms
            .iter()
            .map(|f| HarmRef {
                indicator: f.indicator.clone(),
                member_id: f.member.as_deref().and_then(|m| Uuid::parse_str(m).ok()),
                label: f.name.fa.clone(),
            })
            .collect())
    }

    async fn goal_fields(&self, family: &Family, mut goal: Goal, input: &GoalInput) -> Result<Goal, AppError> {
        if let Some(member) = input.member_id {
            goal.member_id = self.optional_member(family, member).await?;
        }
        if let Some(domain) = &input.domain {
            goal.domain = parse_domain("domain", domain)?;
        }
        if let Some(title) = &input.title {
            goal.title = Name::parse("title", title, 300)?.into_string();
        }
        if let Some(notes) = &input.notes {
            goal.notes = optional_text("notes", Some(notes), 2000)?;
        }
        if let Some(status) = &input.status {
            goal.status = GoalStatus::parse(status)?;
        }
        match (&input.harm_indicator, input.harm_member_id) {
            (None, None) => {}
            (Some(None), _) => goal.harm = None,
            (indicator, member) => {
                let indicator = match indicator {
                    Some(Some(i)) => i.trim().to_owned(),
                    _ => goal.harm.as_ref().map(|h| h.indicator.clone()).unwrap_or_default(),
                };
                let member = member.unwrap_or_else(|| goal.harm.as_ref().and_then(|h| h.member_id));
                let harm = self
                    .harms_of(family.id)
                    .await?
                    .into_iter()
                    .find(|h| h.indicator == indicator && h.member_id == member);
                goal.harm = Some(harm.ok_or_else(|| {
                    FieldError::new(
                        "harm_indicator",
                        "unknown",
                        "این آسیب در آخرین سطح‌بندی خانواده نیست / This harm is not in the family's latest assessment",
                    )
                })?);
            }
        }
        Ok(goal)
    }

    pub async fn create_goal(&self, actor: &Actor, family_id: Uuid, input: GoalInput) -> Result<Goal, AppError> {
        let family = self.assisted_family(actor, family_id).await?;
        let id = input.id.unwrap_or_else(Uuid::now_v7);
        if self.store.get_goal(id).await?.is_some() {
            return Err(
                FieldError::new("id", "taken", "این شناسه پیش‌تر به کار رفته است / This id is already used").into()
            );
        }
        if input.title.is_none() {
            return Err(FieldError::new("title", "required", "این بخش را پر کنید / This field is required").into());
        }
        let blank = Goal {
            id,
            family_id: family.id,
            center_id: family.center_id,
            member_id: None,
            domain: parse_domain("domain", input.domain.as_deref().unwrap_or_default())?,
            harm: None,
            title: String::new(),
            notes: String::new(),
            status: GoalStatus::Open,
            created_by: Some(actor.user_id),
            meta: SyncMeta::new(self.clock.now()),
        };
        let goal = self.goal_fields(&family, blank, &input).await?;
        let write = AssistanceWrite { goals: vec![goal.clone()], ..Default::default() };
        self.store.save_assistance(self.write_ctx(Some(actor)), &write).await?;
        Ok(goal)
    }

    /// A goal and its family, if the actor may change it.
    pub(crate) async fn assisted_goal(&self, actor: &Actor, id: Uuid) -> Result<(Goal, Family), AppError> {
        let goal = self.store.get_goal(id).await?.ok_or(AppError::NotFound)?;
        let family = self.assisted_family(actor, goal.family_id).await?;
        Ok((goal, family))
    }

    pub async fn update_goal(&self, actor: &Actor, id: Uuid, version: i64, input: GoalInput) -> Result<Goal, AppError> {
        let (current, family) = self.assisted_goal(actor, id).await?;
        if current.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let mut next = self.goal_fields(&family, current.clone(), &input).await?;
        next.meta = current.meta.bumped(self.clock.now());
        let write = AssistanceWrite { goals: vec![next.clone()], ..Default::default() };
        self.store.save_assistance(self.write_ctx(Some(actor)), &write).await?;
        Ok(next)
    }

    async fn activity_fields(
        &self,
        actor: &Actor,
        family: &Family,
        mut a: Activity,
        input: &ActivityInput,
    ) -> Result<Activity, AppError> {
        if let Some(goal) = input.goal_id {
            a.goal_id = match goal {
                None => None,
                Some(g) => match self.store.get_goal(g).await? {
                    Some(goal) if goal.family_id == family.id && goal.meta.deleted_at.is_none() => Some(g),
                    _ => return Err(FieldError::new("goal_id", "unknown", "هدف پیدا نشد / Goal not found").into()),
                },
            };
        }
        if let Some(member) = input.member_id {
            a.member_id = self.optional_member(family, member).await?;
        }
        if let Some(kind) = &input.kind {
            a.kind = ServiceKind::parse(kind)?;
        }
        if let Some(domain) = &input.domain {
            a.domain = parse_domain("domain", domain)?;
        }
        if let Some(title) = &input.title {
            a.title = Name::parse("title", title, 300)?.into_string();
        }
        if let Some(due_on) = &input.due_on {
            let today = self.today();
            a.due_on = date_in_range("due_on", due_on, years(today, -YEARS_BACK), years(today, YEARS_AHEAD))?;
        }
        if let Some(responsible) = &input.responsible {
            a.responsible = Responsible::parse(responsible)?;
        }
        if let Some(resource) = input.resource_id {
            a.resource_id = self.resource_for(actor, family, resource).await?.map(|r| r.id);
        }
        if let Some(task) = input.task_id {
            a.task_id = match task {
                None => None,
                Some(t) => match self.store.get_task(t).await? {
                    Some(task) if task.family_id == family.id && task.meta.deleted_at.is_none() => Some(t),
                    _ => {
                        return Err(FieldError::new(
                            "task_id",
                            "unknown",
                            "کار کمیسیون پیدا نشد / Commission task not found",
                        )
                        .into());
                    }
                },
            };
        }
        if let Some(status) = &input.status {
            a.status = ActivityStatus::parse(status)?;
        }
        if let Some(notes) = &input.notes {
            a.notes = optional_text("notes", Some(notes), 2000)?;
        }
        // Who carries it out must be named.
        match a.responsible {
            Responsible::Resource if a.resource_id.is_none() => {
                return Err(FieldError::new("resource_id", "required", "منبع را برگزینید / Choose the resource").into());
            }
            Responsible::CommissionTask if a.task_id.is_none() => {
                return Err(FieldError::new(
                    "task_id",
                    "required",
                    "کار کمیسیون را برگزینید / Choose the commission task",
                )
                .into());
            }
            _ => {}
        }
        Ok(a)
    }

    pub async fn create_activity(
        &self,
        actor: &Actor,
        family_id: Uuid,
        input: ActivityInput,
    ) -> Result<Activity, AppError> {
        let family = self.assisted_family(actor, family_id).await?;
        let id = input.id.unwrap_or_else(Uuid::now_v7);
        if self.store.get_activity(id).await?.is_some() {
            return Err(
                FieldError::new("id", "taken", "این شناسه پیش‌تر به کار رفته است / This id is already used").into()
            );
        }
        for (present, field) in [(input.title.is_some(), "title"), (input.due_on.is_some(), "due_on")] {
            if !present {
                return Err(FieldError::new(field, "required", "این بخش را پر کنید / This field is required").into());
            }
        }
        let blank = Activity {
            id,
            family_id: family.id,
            center_id: family.center_id,
            goal_id: None,
            member_id: None,
            kind: ServiceKind::parse(input.kind.as_deref().unwrap_or("face_to_face"))?,
            domain: parse_domain("domain", input.domain.as_deref().unwrap_or_default())?,
            title: String::new(),
            due_on: self.today(),
            responsible: Responsible::Helper,
            resource_id: None,
            task_id: None,
            status: ActivityStatus::Planned,
            notes: String::new(),
            service_id: None,
            created_by: Some(actor.user_id),
            meta: SyncMeta::new(self.clock.now()),
        };
        let activity = self.activity_fields(actor, &family, blank, &input).await?;
        let write = AssistanceWrite { activities: vec![activity.clone()], ..Default::default() };
        self.store.save_assistance(self.write_ctx(Some(actor)), &write).await?;
        Ok(activity)
    }

    pub(crate) async fn assisted_activity(&self, actor: &Actor, id: Uuid) -> Result<(Activity, Family), AppError> {
        let activity = self.store.get_activity(id).await?.ok_or(AppError::NotFound)?;
        let family = self.assisted_family(actor, activity.family_id).await?;
        Ok((activity, family))
    }

    pub async fn update_activity(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        input: ActivityInput,
    ) -> Result<Activity, AppError> {
        self.change_activity(actor, id, version, input, None).await
    }

    /// Marks an activity done and, when `service` is given, logs the
    /// service it was — in one write.
    pub async fn complete_activity(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        notes: Option<String>,
        service: Option<ServiceInput>,
    ) -> Result<(Activity, Option<Service>), AppError> {
        let input = ActivityInput { status: Some("done".to_owned()), notes, ..Default::default() };
        let (current, family) = self.assisted_activity(actor, id).await?;
        if current.status == ActivityStatus::Done {
            return Err(FieldError::new(
                "status",
                "done",
                "این فعالیت پیش‌تر انجام شده است / This activity is already done",
            )
            .into());
        }
        let service = match service {
            Some(s) => {
                let mut service = self.new_service(actor, &family, &s).await?;
                service.activity_id = Some(current.id);
                Some(service)
            }
            None => None,
        };
        let done = self.change_activity(actor, id, version, input, service.clone()).await?;
        Ok((done, service))
    }

    async fn change_activity(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        input: ActivityInput,
        service: Option<Service>,
    ) -> Result<Activity, AppError> {
        let (current, family) = self.assisted_activity(actor, id).await?;
        if current.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let mut next = self.activity_fields(actor, &family, current.clone(), &input).await?;
        // Done is final: its service is in the log (corrected there, with
        // a reason), and an activity planned again would still claim it.
        if current.status == ActivityStatus::Done && next.status != ActivityStatus::Done {
            return Err(FieldError::new(
                "status",
                "done",
                "فعالیت انجام‌شده برنمی‌گردد؛ برای اصلاح، خدمت آن را اصلاح کنید / A done activity stays done; correct its service instead",
            )
            .into());
        }
        next.meta = current.meta.bumped(self.clock.now());
        if let Some(s) = &service {
            next.service_id = Some(s.id);
        }
        let write = AssistanceWrite {
            activities: vec![next.clone()],
            services: service.into_iter().collect(),
            ..Default::default()
        };
        self.store.save_assistance(self.write_ctx(Some(actor)), &write).await?;
        Ok(next)
    }

    /// A family's services, calendar, referrals and the decisions and
    /// tasks of commissions about it.
    pub async fn family_assistance(&self, actor: &Actor, family_id: Uuid) -> Result<FamilyAssistance, AppError> {
        let family = self.visible_family(actor, family_id).await?;
        let ids = [family.id];
        let services = self.store.family_services(&ids).await?;
        let goals = self.store.family_goals(&ids).await?;
        let activities = self.store.family_activities(&ids).await?;
        let referrals = self.store.family_referrals(&ids).await?;
        let decisions = self.store.family_decisions(&ids).await?;
        let tasks = self.store.family_tasks(&ids).await?;
        let harms = self.harms_of(family.id).await?;
        let can_work = policy::authorize(actor, Action::AssistFamily(&family)).is_ok();

        let mut resource_ids: Vec<Uuid> = services.iter().filter_map(|s| s.resource_id).collect();
        resource_ids.extend(activities.iter().filter_map(|a| a.resource_id));
        resource_ids.extend(referrals.iter().filter_map(|r| r.resource_id));
        let mut resources = HashMap::new();
        for id in resource_ids {
            if let std::collections::hash_map::Entry::Vacant(slot) = resources.entry(id)
                && let Some(r) = self.store.get_resource(id).await?
            {
                slot.insert(r);
            }
        }
        let mut people: Vec<Uuid> = services.iter().filter_map(|s| s.author_id).collect();
        people.extend(referrals.iter().filter_map(|r| r.referred_by));
        people.extend(referrals.iter().filter_map(|r| r.receiver_user_id));
        people.extend(tasks.iter().filter_map(|t| t.done_by));
        let mut names = self.user_names(people).await?;
        let commission_ids: HashSet<Uuid> =
            referrals.iter().filter_map(|r| r.commission_id).chain(decisions.iter().map(|d| d.commission_id)).collect();
        for id in commission_ids {
            if let Some(c) = self.store.get_commission(id).await? {
                names.insert(c.id, c.name);
            }
        }
        let seat_ids: Vec<Uuid> = tasks
            .iter()
            .filter_map(|t| match t.assignee {
                crate::model::TaskAssignee::Member(m) => Some(m),
                _ => None,
            })
            .collect();
        let commissions: Vec<Uuid> = tasks.iter().map(|t| t.commission_id).collect();
        for seat in self.store.commission_members(&commissions).await? {
            if seat_ids.contains(&seat.id) {
                names.insert(seat.id, seat.name);
            }
        }
        for t in &tasks {
            if let crate::model::TaskAssignee::Resource(r) = t.assignee
                && let std::collections::hash_map::Entry::Vacant(slot) = resources.entry(r)
                && let Some(found) = self.store.get_resource(r).await?
            {
                slot.insert(found);
            }
        }
        Ok(FamilyAssistance {
            family,
            services,
            goals,
            activities,
            referrals,
            decisions,
            tasks,
            harms,
            resources,
            names,
            can_work,
            today: self.today(),
        })
    }

    /// The families whose calendars an actor keeps: a manager's center, a
    /// helper's assignments.
    fn calendar_scope(&self, actor: &Actor) -> Scope {
        match policy::family_scope(actor, self.today()) {
            scope @ (Scope::Center(_) | Scope::AssignedTo { .. }) => scope,
            _ => Scope::Nothing,
        }
    }

    /// Activities of the actor's families due in `[from, to]` (at most a
    /// year), with the families' names.
    pub async fn calendar(
        &self,
        actor: &Actor,
        from: &str,
        to: &str,
    ) -> Result<(Vec<Activity>, HashMap<Uuid, String>), AppError> {
        let from = parse_date("from", from)?;
        let to = parse_date("to", to)?;
        if to < from || (to - from).num_days() > 400 {
            return Err(FieldError::new("to", "range", "بازهٔ تاریخ نامعتبر است / The date range is not valid").into());
        }
        let activities = self.store.activities_due(self.calendar_scope(actor), from, to).await?;
        let names = self.family_names(activities.iter().map(|a| a.family_id)).await?;
        Ok((activities, names))
    }

    pub(crate) async fn family_names(
        &self,
        ids: impl Iterator<Item = Uuid>,
    ) -> Result<HashMap<Uuid, String>, AppError> {
        let mut names = HashMap::new();
        for id in ids {
            if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(id)
                && let Some(f) = self.store.get_family(id).await?
            {
                slot.insert(f.family_name);
            }
        }
        Ok(names)
    }

    /// What is due for the actor: today's activities, the overdue and the
    /// coming week's, overdue commission tasks, referrals to answer.
    pub async fn agenda(&self, actor: &Actor) -> Result<Agenda, AppError> {
        let today = self.today();
        let scope = self.calendar_scope(actor);
        let week = today + chrono::Duration::days(7);
        let mut due_today = Vec::new();
        let mut overdue = Vec::new();
        let mut upcoming = Vec::new();
        if scope != Scope::Nothing {
            let open = self
                .store
                .activities_due(scope, years(today, -1), week)
                .await?
                .into_iter()
                .filter(|a| a.status == ActivityStatus::Planned);
            for a in open {
                match a.due_on.cmp(&today) {
                    std::cmp::Ordering::Less => overdue.push(a),
                    std::cmp::Ordering::Equal => due_today.push(a),
                    std::cmp::Ordering::Greater => upcoming.push(a),
                }
            }
        }
        // Tasks: of the commissions the actor works in, and of the
        // families they assist.
        let mut tasks = self.store.commission_tasks(&actor.commissions).await?;
        let own: Vec<Uuid> = match scope {
            Scope::AssignedTo { .. } => actor.assigned_families.clone(),
            _ => Vec::new(),
        };
        tasks.extend(self.store.family_tasks(&own).await?);
        if let Some(hq) = actor.hq_id
            && matches!(actor.role, hamyar_domain::role::Role::CenterManager | hamyar_domain::role::Role::HqAdmin)
        {
            let owned: Vec<Uuid> = self
                .store
                .list_commissions(hq)
                .await?
                .into_iter()
                .filter(|c| policy::authorize(actor, Action::WorkInCommission(c)).is_ok())
                .map(|c| c.id)
                .collect();
            tasks.extend(self.store.commission_tasks(&owned).await?);
        }
        let mut seen = HashSet::new();
        let overdue_tasks: Vec<Task> = tasks
            .into_iter()
            .filter(|t| t.overdue_on(today) && t.status == TaskStatus::Open && seen.insert(t.id))
            .collect();
        let waiting_referrals: Vec<Referral> = self
            .store
            .referrals_received(Some(actor.user_id), &actor.commissions)
            .await?
            .into_iter()
            .filter(|r| r.status == hamyar_domain::assistance::ReferralStatus::Sent)
            .collect();
        let families = self
            .family_names(
                due_today
                    .iter()
                    .chain(&overdue)
                    .chain(&upcoming)
                    .map(|a| a.family_id)
                    .chain(overdue_tasks.iter().map(|t| t.family_id))
                    .chain(waiting_referrals.iter().map(|r| r.family_id)),
            )
            .await?;
        Ok(Agenda { today, due_today, overdue, upcoming, overdue_tasks, waiting_referrals, families })
    }
}
