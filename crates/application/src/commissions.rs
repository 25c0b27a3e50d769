//! Commissions: cultural, social and economic commissions of a center or a
//! headquarters take complex cases (referrals), meet, decide per case and
//! divide the work into tasks with due dates. Members see their
//! commission's cases; the family's helper sees the decisions and tasks
//! about their family.

use crate::{
    Actor, AppError, Hamyar,
    model::{
        AssistanceWrite, Attendee, Commission, CommissionMember, Decision, Family, Meeting, Referral, SyncMeta, Task,
        TaskAssignee,
    },
    orgs::parse_date,
    policy::{self, Action},
};
use hamyar_domain::{
    FieldError,
    assistance::{MemberCapacity, ReferralStatus, TaskStatus, parse_domain},
    organization::{Name, optional_text},
    role::Role,
};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct CommissionInput {
    pub id: Option<Uuid>,
    /// A center's commission; none for the headquarters' own (a manager's
    /// commissions are their center's).
    pub center_id: Option<Uuid>,
    pub domain: String,
    pub name: String,
    pub notes: String,
}

#[derive(Debug, Clone, Default)]
pub struct SeatInput {
    pub id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    /// Defaults to the account's name.
    pub name: String,
    pub capacity: String,
    pub organization: String,
}

#[derive(Debug, Clone, Default)]
pub struct MeetingInput {
    pub id: Option<Uuid>,
    pub held_on: String,
    pub place: String,
    pub attendees: Vec<Attendee>,
    pub agenda: Vec<Uuid>,
    pub notes: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct TaskInput {
    #[serde(default)]
    pub id: Option<Uuid>,
    pub title: String,
    /// `member`, `resource` or `helper`.
    pub assignee_kind: String,
    #[serde(default)]
    pub assignee_id: Option<Uuid>,
    pub due_on: String,
}

#[derive(Debug, Clone, Default)]
pub struct DecisionInput {
    pub id: Option<Uuid>,
    pub referral_id: Uuid,
    pub text: String,
    pub tasks: Vec<TaskInput>,
}

pub struct MeetingDetail {
    pub meeting: Meeting,
    pub commission: Commission,
    pub decisions: Vec<Decision>,
    pub tasks: Vec<Task>,
    pub today: chrono::NaiveDate,
}

pub struct CommissionSummary {
    pub commission: Commission,
    pub center_name: Option<String>,
    pub seats: usize,
    pub open_cases: usize,
    pub overdue_tasks: usize,
    pub can_manage: bool,
}

pub struct CommissionDetail {
    pub summary: CommissionSummary,
    pub seats: Vec<CommissionMember>,
    /// Referrals to the commission, newest first.
    pub cases: Vec<Referral>,
    pub meetings: Vec<Meeting>,
    pub decisions: Vec<Decision>,
    pub tasks: Vec<Task>,
    /// Family names of the cases, by family id; account names by id.
    pub names: HashMap<Uuid, String>,
    pub can_work: bool,
    pub today: chrono::NaiveDate,
}

impl Hamyar {
    async fn visible_commission(&self, actor: &Actor, id: Uuid) -> Result<Commission, AppError> {
        let c = self.store.get_commission(id).await?.filter(|c| c.meta.deleted_at.is_none());
        let c = c.ok_or(AppError::NotFound)?;
        policy::authorize(actor, Action::ReadCommission(&c)).map_err(|_| AppError::NotFound)?;
        Ok(c)
    }

    async fn working_commission(&self, actor: &Actor, id: Uuid) -> Result<Commission, AppError> {
        let c = self.visible_commission(actor, id).await?;
        policy::authorize(actor, Action::WorkInCommission(&c))?;
        Ok(c)
    }

    async fn save(&self, actor: &Actor, write: AssistanceWrite) -> Result<(), AppError> {
        self.store.save_assistance(self.write_ctx(Some(actor)), &write).await?;
        Ok(())
    }

    pub async fn create_commission(&self, actor: &Actor, input: CommissionInput) -> Result<CommissionDetail, AppError> {
        let hq_id = actor.hq_id.ok_or(AppError::Forbidden)?;
        let center_id = match (input.center_id, actor.role) {
            (None, Role::CenterManager) => actor.center_id,
            (c, _) => c,
        };
        let commission = Commission {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            hq_id,
            center_id,
            domain: parse_domain("domain", &input.domain)?,
            name: Name::parse("name", &input.name, 200)?.into_string(),
            notes: optional_text("notes", Some(&input.notes), 2000)?,
            meta: SyncMeta::new(self.clock.now()),
        };
        policy::authorize(actor, Action::ManageCommission(&commission))?;
        self.save(actor, AssistanceWrite { commissions: vec![commission.clone()], ..Default::default() }).await?;
        self.commission_detail(actor, commission.id).await
    }

    pub async fn update_commission(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        input: CommissionInput,
    ) -> Result<CommissionDetail, AppError> {
        let current = self.visible_commission(actor, id).await?;
        policy::authorize(actor, Action::ManageCommission(&current))?;
        if current.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let next = Commission {
            domain: parse_domain("domain", &input.domain)?,
            name: Name::parse("name", &input.name, 200)?.into_string(),
            notes: optional_text("notes", Some(&input.notes), 2000)?,
            meta: current.meta.bumped(self.clock.now()),
            ..current
        };
        self.save(actor, AssistanceWrite { commissions: vec![next], ..Default::default() }).await?;
        self.commission_detail(actor, id).await
    }

    pub async fn add_seat(
        &self,
        actor: &Actor,
        commission_id: Uuid,
        input: SeatInput,
    ) -> Result<CommissionMember, AppError> {
        let commission = self.visible_commission(actor, commission_id).await?;
        policy::authorize(actor, Action::ManageCommission(&commission))?;
        let seats = self.store.commission_members(&[commission.id]).await?;
        let user = match input.user_id {
            None => None,
            Some(id) => match self.store.get_user(id).await? {
                Some(u) if u.hq_id == Some(commission.hq_id) && !u.disabled => {
                    if seats.iter().any(|s| s.user_id == Some(u.id)) {
                        return Err(FieldError::new(
                            "user_id",
                            "taken",
                            "این حساب پیش‌تر عضو این کمیسیون است / This account already has a seat",
                        )
                        .into());
                    }
                    Some(u)
                }
                _ => {
                    return Err(FieldError::new(
                        "user_id",
                        "unknown",
                        "حساب باید از کاربران همین ستاد باشد / The account must be a user of this headquarters",
                    )
                    .into());
                }
            },
        };
        let name = match (input.name.trim(), &user) {
            ("", Some(u)) => u.display_name.clone(),
            (raw, _) => Name::parse("name", raw, 160)?.into_string(),
        };
        let seat = CommissionMember {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            commission_id: commission.id,
            user_id: user.map(|u| u.id),
            name,
            capacity: MemberCapacity::parse(&input.capacity)?,
            organization: optional_text("organization", Some(&input.organization), 200)?,
            meta: SyncMeta::new(self.clock.now()),
        };
        self.save(actor, AssistanceWrite { members: vec![seat.clone()], ..Default::default() }).await?;
        Ok(seat)
    }

    /// Ends a seat: its holder no longer sees the commission's cases.
    pub async fn remove_seat(
        &self,
        actor: &Actor,
        commission_id: Uuid,
        seat_id: Uuid,
        version: i64,
    ) -> Result<(), AppError> {
        let commission = self.visible_commission(actor, commission_id).await?;
        policy::authorize(actor, Action::ManageCommission(&commission))?;
        let seat = self.store.commission_members(&[commission.id]).await?.into_iter().find(|s| s.id == seat_id);
        let seat = seat.ok_or(AppError::NotFound)?;
        if seat.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let now = self.clock.now();
        let mut gone = seat.clone();
        gone.meta = seat.meta.bumped(now);
        gone.meta.deleted_at = Some(now);
        self.save(actor, AssistanceWrite { members: vec![gone], ..Default::default() }).await
    }

    async fn commission_summaries(
        &self,
        actor: &Actor,
        commissions: Vec<Commission>,
    ) -> Result<Vec<CommissionSummary>, AppError> {
        let today = self.today();
        let ids: Vec<Uuid> = commissions.iter().map(|c| c.id).collect();
        let seats = self.store.commission_members(&ids).await?;
        let tasks = self.store.commission_tasks(&ids).await?;
        let mut out = Vec::with_capacity(commissions.len());
        for c in commissions {
            let cases = self.store.referrals_received(None, &[c.id]).await?;
            let center_name = match c.center_id {
                Some(center) => self.store.get_center(center).await?.map(|c| c.name),
                None => None,
            };
            out.push(CommissionSummary {
                center_name,
                seats: seats.iter().filter(|s| s.commission_id == c.id).count(),
                open_cases: cases.iter().filter(|r| !r.status.is_closed()).count(),
                overdue_tasks: tasks.iter().filter(|t| t.commission_id == c.id && t.overdue_on(today)).count(),
                can_manage: policy::authorize(actor, Action::ManageCommission(&c)).is_ok(),
                commission: c,
            });
        }
        Ok(out)
    }

    /// Commissions the actor may open.
    pub async fn list_commissions(&self, actor: &Actor) -> Result<Vec<CommissionSummary>, AppError> {
        let Some(hq) = actor.hq_id else { return Ok(Vec::new()) };
        let visible: Vec<Commission> = self
            .store
            .list_commissions(hq)
            .await?
            .into_iter()
            .filter(|c| policy::authorize(actor, Action::ReadCommission(c)).is_ok())
            .collect();
        self.commission_summaries(actor, visible).await
    }

    pub async fn commission_detail(&self, actor: &Actor, id: Uuid) -> Result<CommissionDetail, AppError> {
        let commission = self.visible_commission(actor, id).await?;
        let seats = self.store.commission_members(&[id]).await?;
        let cases = self.store.referrals_received(None, &[id]).await?;
        let meetings = self.store.commission_meetings(id).await?;
        let meeting_ids: Vec<Uuid> = meetings.iter().map(|m| m.id).collect();
        let decisions = self.store.meeting_decisions(&meeting_ids).await?;
        let tasks = self.store.commission_tasks(&[id]).await?;
        let mut names = self.family_names(cases.iter().map(|r| r.family_id)).await?;
        names.extend(self.user_names(seats.iter().filter_map(|s| s.user_id).collect()).await?);
        let can_work = policy::authorize(actor, Action::WorkInCommission(&commission)).is_ok();
        let summary = self.commission_summaries(actor, vec![commission]).await?.pop().ok_or(AppError::NotFound)?;
        Ok(CommissionDetail { summary, seats, cases, meetings, decisions, tasks, names, can_work, today: self.today() })
    }

    async fn meeting_fields(
        &self,
        commission: &Commission,
        mut m: Meeting,
        input: &MeetingInput,
    ) -> Result<Meeting, AppError> {
        let today = self.today();
        m.held_on = parse_date("held_on", &input.held_on)?;
        if m.held_on > today + chrono::Duration::days(366) {
            return Err(
                FieldError::new("held_on", "date", "تاریخ در بازهٔ پذیرفتنی نیست / The date is out of range").into()
            );
        }
        m.place = optional_text("place", Some(&input.place), 300)?;
        m.notes = optional_text("notes", Some(&input.notes), 4000)?;
        let seats = self.store.commission_members(&[commission.id]).await?;
        let mut attendees = Vec::new();
        for a in &input.attendees {
            let seat = match a.member_id {
                Some(id) => Some(seats.iter().find(|s| s.id == id).ok_or_else(|| {
                    FieldError::new(
                        "attendees",
                        "unknown",
                        "این فرد عضو این کمیسیون نیست / Not a member of this commission",
                    )
                })?),
                None => None,
            };
            let name = match (a.name.trim(), seat) {
                ("", Some(s)) => s.name.clone(),
                (raw, _) => Name::parse("attendees", raw, 160)?.into_string(),
            };
            // An invited account (the family's helper) must be of this
            // headquarters; a seat's account is the seat's.
            let user_id = match (seat, a.user_id) {
                (Some(s), _) => s.user_id,
                (None, None) => None,
                (None, Some(id)) => match self.store.get_user(id).await? {
                    Some(u) if u.hq_id == Some(commission.hq_id) => Some(u.id),
                    _ => {
                        return Err(FieldError::new(
                            "attendees",
                            "unknown",
                            "این حساب از این ستاد نیست / Not an account of this headquarters",
                        )
                        .into());
                    }
                },
            };
            attendees.push(Attendee { member_id: a.member_id, user_id, name });
        }
        m.attendees = attendees;
        let cases: HashSet<Uuid> =
            self.store.referrals_received(None, &[commission.id]).await?.into_iter().map(|r| r.id).collect();
        let mut agenda = Vec::new();
        for r in &input.agenda {
            if !cases.contains(r) {
                return Err(FieldError::new(
                    "agenda",
                    "unknown",
                    "این پرونده به این کمیسیون ارجاع نشده است / This case was not referred to this commission",
                )
                .into());
            }
            if !agenda.contains(r) {
                agenda.push(*r);
            }
        }
        m.agenda = agenda;
        Ok(m)
    }

    pub async fn create_meeting(
        &self,
        actor: &Actor,
        commission_id: Uuid,
        input: MeetingInput,
    ) -> Result<Meeting, AppError> {
        let commission = self.working_commission(actor, commission_id).await?;
        let blank = Meeting {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            commission_id,
            held_on: self.today(),
            place: String::new(),
            attendees: Vec::new(),
            agenda: Vec::new(),
            notes: String::new(),
            meta: SyncMeta::new(self.clock.now()),
        };
        let meeting = self.meeting_fields(&commission, blank, &input).await?;
        self.save(actor, AssistanceWrite { meetings: vec![meeting.clone()], ..Default::default() }).await?;
        Ok(meeting)
    }

    async fn working_meeting(&self, actor: &Actor, id: Uuid) -> Result<(Meeting, Commission), AppError> {
        let meeting =
            self.store.get_meeting(id).await?.filter(|m| m.meta.deleted_at.is_none()).ok_or(AppError::NotFound)?;
        let commission = self.visible_commission(actor, meeting.commission_id).await?;
        Ok((meeting, commission))
    }

    pub async fn update_meeting(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        input: MeetingInput,
    ) -> Result<Meeting, AppError> {
        let (current, commission) = self.working_meeting(actor, id).await?;
        policy::authorize(actor, Action::WorkInCommission(&commission))?;
        if current.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let mut next = self.meeting_fields(&commission, current.clone(), &input).await?;
        next.meta = current.meta.bumped(self.clock.now());
        self.save(actor, AssistanceWrite { meetings: vec![next.clone()], ..Default::default() }).await?;
        Ok(next)
    }

    /// A meeting with its decisions and tasks.
    pub async fn meeting_detail(&self, actor: &Actor, id: Uuid) -> Result<MeetingDetail, AppError> {
        let (meeting, commission) = self.working_meeting(actor, id).await?;
        let decisions = self.store.meeting_decisions(&[meeting.id]).await?;
        let tasks = self
            .store
            .commission_tasks(&[commission.id])
            .await?
            .into_iter()
            .filter(|t| t.meeting_id == meeting.id)
            .collect();
        Ok(MeetingDetail { meeting, commission, decisions, tasks, today: self.today() })
    }

    fn task_of(
        &self,
        commission: &Commission,
        decision: &Decision,
        input: &TaskInput,
        seats: &[CommissionMember],
    ) -> Result<Task, AppError> {
        let today = self.today();
        let due_on = parse_date("due_on", &input.due_on)?;
        if due_on > today + chrono::Duration::days(3 * 366) || due_on < today - chrono::Duration::days(366) {
            return Err(
                FieldError::new("due_on", "date", "تاریخ در بازهٔ پذیرفتنی نیست / The date is out of range").into()
            );
        }
        let assignee = match (input.assignee_kind.trim(), input.assignee_id) {
            ("member", Some(id)) if seats.iter().any(|s| s.id == id) => TaskAssignee::Member(id),
            ("resource", Some(id)) => TaskAssignee::Resource(id),
            ("helper", _) => TaskAssignee::Helper,
            _ => {
                return Err(FieldError::new("assignee_id", "unknown", "کار را به یکی از اعضا، یک منبع یا همیار خانواده بسپارید / Give the task to a member, a resource or the family's helper").into());
            }
        };
        Ok(Task {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            commission_id: commission.id,
            meeting_id: decision.meeting_id,
            decision_id: decision.id,
            referral_id: decision.referral_id,
            family_id: decision.family_id,
            title: Name::parse("title", &input.title, 300)?.into_string(),
            assignee,
            due_on,
            status: TaskStatus::Open,
            done_on: None,
            done_note: String::new(),
            done_by: None,
            meta: SyncMeta::new(self.clock.now()),
        })
    }

    /// Records what a meeting decided about a case on its agenda, and the
    /// tasks it divided out. A case still waiting is then in progress.
    pub async fn record_decision(
        &self,
        actor: &Actor,
        meeting_id: Uuid,
        input: DecisionInput,
    ) -> Result<(Decision, Vec<Task>), AppError> {
        let (meeting, commission) = self.working_meeting(actor, meeting_id).await?;
        policy::authorize(actor, Action::WorkInCommission(&commission))?;
        if !meeting.agenda.contains(&input.referral_id) {
            return Err(FieldError::new(
                "referral_id",
                "unknown",
                "این پرونده در دستور کار این جلسه نیست / This case is not on this meeting's agenda",
            )
            .into());
        }
        let referral = self.store.get_referral(input.referral_id).await?.ok_or(AppError::NotFound)?;
        let decision = Decision {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            commission_id: commission.id,
            meeting_id,
            referral_id: referral.id,
            family_id: referral.family_id,
            text: Name::parse("text", &input.text, 4000)?.into_string(),
            meta: SyncMeta::new(self.clock.now()),
        };
        let seats = self.store.commission_members(&[commission.id]).await?;
        let family = self.store.get_family(referral.family_id).await?.ok_or(AppError::NotFound)?;
        let mut tasks = Vec::with_capacity(input.tasks.len());
        for t in &input.tasks {
            let task = self.task_of(&commission, &decision, t, &seats)?;
            if let TaskAssignee::Resource(r) = task.assignee {
                self.resource_for(actor, &family, Some(r)).await?;
            }
            tasks.push(task);
        }
        let mut referrals = Vec::new();
        if matches!(referral.status, ReferralStatus::Sent | ReferralStatus::Accepted) {
            let mut moved = referral.clone();
            moved.status = ReferralStatus::InProgress;
            moved.meta = referral.meta.bumped(self.clock.now());
            referrals.push(moved);
        }
        let write = AssistanceWrite {
            decisions: vec![decision.clone()],
            tasks: tasks.clone(),
            referrals,
            ..Default::default()
        };
        self.save(actor, write).await?;
        Ok((decision, tasks))
    }

    /// Marks a task done, cancelled or open again, with a note.
    pub async fn update_task(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        status: &str,
        note: Option<String>,
    ) -> Result<Task, AppError> {
        let task = self.store.get_task(id).await?.filter(|t| t.meta.deleted_at.is_none()).ok_or(AppError::NotFound)?;
        let commission = self.store.get_commission(task.commission_id).await?.ok_or(AppError::NotFound)?;
        let family: Family = self.store.get_family(task.family_id).await?.ok_or(AppError::NotFound)?;
        let visible = policy::authorize(actor, Action::ReadCommission(&commission)).is_ok()
            || policy::authorize(actor, Action::ReadFamily(&family)).is_ok();
        if !visible {
            return Err(AppError::NotFound);
        }
        policy::authorize(actor, Action::CloseTask { task: &task, commission: &commission, family: &family })?;
        if task.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let status = TaskStatus::parse(status)?;
        let mut next = task.clone();
        next.status = status;
        next.done_note = optional_text("note", note.as_deref(), 2000)?;
        (next.done_on, next.done_by) = match status {
            TaskStatus::Open => (None, None),
            _ => (Some(self.today()), Some(actor.user_id)),
        };
        next.meta = task.meta.bumped(self.clock.now());
        self.save(actor, AssistanceWrite { tasks: vec![next.clone()], ..Default::default() }).await?;
        Ok(next)
    }
}
