//! Records of focused assistance: the resource directory, the service log,
//! the assistance calendar (goals and activities), referrals and
//! commissions (members, meetings, decisions, tasks). Re-exported by
//! `model`. Every one is sync-ready.

use crate::model::SyncMeta;
use chrono::NaiveDate;
use hamyar_domain::{
    assistance::{
        ActivityStatus, GoalStatus, MemberCapacity, Minutes, ReferralStatus, ResourceKind, ResourceLevel, Responsible,
        ServiceKind, TaskStatus, Urgency,
    },
    tier::AssessmentDomain,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

/// An organization, benefactor, employer, counselor, specialist or middle
/// circle a center draws on. A headquarters' resources (no center) serve
/// all its centers.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub id: Uuid,
    pub hq_id: Uuid,
    pub center_id: Option<Uuid>,
    pub kind: ResourceKind,
    pub level: ResourceLevel,
    pub name: String,
    pub domains: Vec<AssessmentDomain>,
    /// What it offers, in its words.
    pub offers: String,
    /// Families it can take (None: not said).
    pub capacity: Option<u32>,
    pub contact_name: String,
    pub phone: String,
    pub address: String,
    /// Neighborhoods, city or province it serves.
    pub area: String,
    pub notes: String,
    /// The account of a specialist or counselor who answers referrals in
    /// Hamyar; referrals to this resource are theirs to see.
    pub user_id: Option<Uuid>,
    pub meta: SyncMeta,
}

impl Resource {
    /// The text the directory search looks in.
    pub fn search_text(&self) -> String {
        [self.name.as_str(), &self.offers, &self.contact_name, &self.area, &self.address, &self.notes].join(" ")
    }
}

/// One service given to a family: a line of the service log. Append-only:
/// a correction is a new service that amends it, with a reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub kind: ServiceKind,
    pub domain: AssessmentDomain,
    pub served_on: NaiveDate,
    pub minutes: Minutes,
    /// Members it concerned (none: the family as a whole).
    pub member_ids: Vec<Uuid>,
    pub resource_id: Option<Uuid>,
    pub notes: String,
    pub outcome: String,
    pub follow_up_on: Option<NaiveDate>,
    /// The calendar activity it carried out, if any.
    pub activity_id: Option<Uuid>,
    /// The referral it made or followed, if any.
    pub referral_id: Option<Uuid>,
    /// The service this one corrects, and why.
    pub amends: Option<Uuid>,
    pub amend_reason: String,
    pub author_id: Option<Uuid>,
    pub meta: SyncMeta,
}

impl Service {
    /// As the change log keeps it (keys as in `ServiceInput`).
    pub fn snapshot(&self) -> serde_json::Value {
        json!({
            "family_id": self.family_id, "kind": self.kind.code(), "domain": self.domain.code(),
            "served_on": self.served_on, "minutes": self.minutes.get(), "member_ids": self.member_ids,
            "resource_id": self.resource_id, "notes": self.notes, "outcome": self.outcome,
            "follow_up_on": self.follow_up_on, "activity_id": self.activity_id, "referral_id": self.referral_id,
            "amends": self.amends, "amend_reason": self.amend_reason, "author_id": self.author_id,
        })
    }
}

/// A harm found in an assessment that a goal addresses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HarmRef {
    pub indicator: String,
    /// The member it concerns, for a member indicator.
    pub member_id: Option<Uuid>,
    /// Its name when the goal was set (Persian).
    pub label: String,
}

/// A goal of a family's assistance calendar, for the family or a member.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub member_id: Option<Uuid>,
    pub domain: AssessmentDomain,
    pub harm: Option<HarmRef>,
    pub title: String,
    pub notes: String,
    pub status: GoalStatus,
    pub created_by: Option<Uuid>,
    pub meta: SyncMeta,
}

impl Goal {
    /// As the change log keeps it (keys as in `GoalInput`).
    pub fn snapshot(&self) -> serde_json::Value {
        json!({
            "family_id": self.family_id, "member_id": self.member_id, "domain": self.domain.code(),
            "harm_indicator": self.harm.as_ref().map(|h| h.indicator.as_str()),
            "harm_member_id": self.harm.as_ref().and_then(|h| h.member_id),
            "harm_label": self.harm.as_ref().map(|h| h.label.as_str()),
            "title": self.title, "notes": self.notes, "status": self.status.code(),
        })
    }
}

/// A dated activity of the calendar, under a goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub goal_id: Option<Uuid>,
    pub member_id: Option<Uuid>,
    pub kind: ServiceKind,
    pub domain: AssessmentDomain,
    pub title: String,
    pub due_on: NaiveDate,
    pub responsible: Responsible,
    pub resource_id: Option<Uuid>,
    pub task_id: Option<Uuid>,
    pub status: ActivityStatus,
    pub notes: String,
    /// The service logged when it was done.
    pub service_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub meta: SyncMeta,
}

impl Activity {
    /// As the change log keeps it (keys as in `ActivityInput`).
    pub fn snapshot(&self) -> serde_json::Value {
        json!({
            "family_id": self.family_id, "goal_id": self.goal_id, "member_id": self.member_id,
            "kind": self.kind.code(), "domain": self.domain.code(), "title": self.title, "due_on": self.due_on,
            "responsible": self.responsible.code(), "resource_id": self.resource_id, "task_id": self.task_id,
            "status": self.status.code(), "notes": self.notes, "service_id": self.service_id,
        })
    }

    /// Still to do and past its day.
    pub fn overdue_on(&self, today: NaiveDate) -> bool {
        self.status == ActivityStatus::Planned && self.due_on < today
    }
}

/// A family or member referred to a specialist, an organization or a
/// commission.
#[derive(Debug, Clone, PartialEq)]
pub struct Referral {
    pub id: Uuid,
    pub family_id: Uuid,
    pub center_id: Uuid,
    pub member_id: Option<Uuid>,
    /// A resource of the directory (specialist, counselor, organization…)…
    pub resource_id: Option<Uuid>,
    /// …and its account, when it answers in Hamyar: fixed when sent, so
    /// who may see the case does not move with later directory edits.
    pub receiver_user_id: Option<Uuid>,
    /// …or a commission.
    pub commission_id: Option<Uuid>,
    pub reason: String,
    pub urgency: Urgency,
    pub status: ReferralStatus,
    /// The receiver's answer and reports.
    pub feedback: String,
    pub referred_on: NaiveDate,
    pub referred_by: Option<Uuid>,
    pub meta: SyncMeta,
}

impl Referral {
    /// As the change log keeps it (keys as in the referral inputs).
    pub fn snapshot(&self) -> serde_json::Value {
        json!({
            "family_id": self.family_id, "member_id": self.member_id, "resource_id": self.resource_id,
            "receiver_user_id": self.receiver_user_id, "commission_id": self.commission_id, "reason": self.reason,
            "urgency": self.urgency.code(), "status": self.status.code(), "feedback": self.feedback,
            "referred_on": self.referred_on, "referred_by": self.referred_by,
        })
    }
}

/// A cultural, social or economic commission of a center or a headquarters.
#[derive(Debug, Clone, PartialEq)]
pub struct Commission {
    pub id: Uuid,
    pub hq_id: Uuid,
    /// None: the headquarters' own, taking cases from all its centers.
    pub center_id: Option<Uuid>,
    pub domain: AssessmentDomain,
    pub name: String,
    pub notes: String,
    pub meta: SyncMeta,
}

/// A seat on a commission: a specialist, an official of a related
/// institution, a local activist. With an account, they see the
/// commission's cases; without one they are listed by name.
#[derive(Debug, Clone, PartialEq)]
pub struct CommissionMember {
    pub id: Uuid,
    pub commission_id: Uuid,
    pub user_id: Option<Uuid>,
    pub name: String,
    pub capacity: MemberCapacity,
    pub organization: String,
    pub meta: SyncMeta,
}

/// Someone at a meeting: a member, the helper invited for a case, or a guest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub member_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub id: Uuid,
    pub commission_id: Uuid,
    pub held_on: NaiveDate,
    pub place: String,
    pub attendees: Vec<Attendee>,
    /// The cases on the agenda: referrals to the commission.
    pub agenda: Vec<Uuid>,
    pub notes: String,
    pub meta: SyncMeta,
}

/// What a meeting decided about one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub id: Uuid,
    pub commission_id: Uuid,
    pub meeting_id: Uuid,
    pub referral_id: Uuid,
    pub family_id: Uuid,
    pub text: String,
    pub meta: SyncMeta,
}

/// Who carries out a commission task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskAssignee {
    Member(Uuid),
    Resource(Uuid),
    /// The family's helper.
    Helper,
}

/// A piece of work a decision divided out, with a due date.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: Uuid,
    pub commission_id: Uuid,
    pub meeting_id: Uuid,
    pub decision_id: Uuid,
    pub referral_id: Uuid,
    pub family_id: Uuid,
    pub title: String,
    pub assignee: TaskAssignee,
    pub due_on: NaiveDate,
    pub status: TaskStatus,
    pub done_on: Option<NaiveDate>,
    pub done_note: String,
    pub done_by: Option<Uuid>,
    pub meta: SyncMeta,
}

impl Task {
    pub fn overdue_on(&self, today: NaiveDate) -> bool {
        self.status == TaskStatus::Open && self.due_on < today
    }
}

/// Records of focused assistance written in one transaction, each logged.
#[derive(Debug, Clone, Default)]
pub struct AssistanceWrite {
    pub resources: Vec<Resource>,
    pub services: Vec<Service>,
    pub goals: Vec<Goal>,
    pub activities: Vec<Activity>,
    pub referrals: Vec<Referral>,
    pub commissions: Vec<Commission>,
    pub members: Vec<CommissionMember>,
    pub meetings: Vec<Meeting>,
    pub decisions: Vec<Decision>,
    pub tasks: Vec<Task>,
}
