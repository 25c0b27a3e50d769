//! Bodies of the focused-assistance endpoints: the resource directory,
//! services, the assistance calendar, referrals and commissions.

use chrono::{DateTime, NaiveDate, Utc};
use hamyar_application::{
    assistance::{Agenda, FamilyAssistance},
    commissions::{CommissionDetail, CommissionSummary},
    model::{
        Activity, Attendee, Commission, CommissionMember, Decision, Goal, HarmRef, Meeting, Referral, Resource,
        Service, Task, TaskAssignee,
    },
    referrals::ReferralCase,
    resources::ResourceView,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;

macro_rules! code_enum {
    ($name:ident as $schema:ident { $($variant:ident),+ $(,)? }) => {
        #[derive(ToSchema)]
        #[schema(as = $schema)]
        #[allow(dead_code)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }
    };
}

code_enum!(DomainCode as Domain { Social, Economic, Cultural });
code_enum!(ServiceKindCode as ServiceKind {
    FaceToFace, Counseling, QaSession, Connection, Relatives, MiddleCircles, Referral, Other
});
code_enum!(ActivityStatusCode as ActivityStatus { Planned, Done, Missed, Cancelled });
code_enum!(GoalStatusCode as GoalStatus { Open, Achieved, Dropped });
code_enum!(ResponsibleCode as Responsible { Helper, Resource, CommissionTask });
code_enum!(ResourceKindCode as ResourceKind { Organization, Benefactor, Employer, Counselor, Specialist, MiddleCircle });
code_enum!(ResourceLevelCode as ResourceLevel { Local, Provincial, National });
code_enum!(UrgencyCode as Urgency { Routine, Soon, Urgent });
code_enum!(ReferralStatusCode as ReferralStatus { Sent, Accepted, Declined, InProgress, Done, Withdrawn });
code_enum!(MemberCapacityCode as MemberCapacity { Specialist, Official, Activist, Staff });
code_enum!(TaskStatusCode as TaskStatus { Open, Done, Cancelled });
code_enum!(AssigneeKindCode as AssigneeKind { Member, Resource, Helper });

// ---- Resources ----

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Resource)]
pub struct ResourceDto {
    pub id: Uuid,
    pub hq_id: Uuid,
    /// Null: the headquarters' own, shared by its centers.
    #[schema(required = true)]
    pub center_id: Option<Uuid>,
    #[schema(value_type = ResourceKindCode)]
    pub kind: String,
    #[schema(value_type = ResourceLevelCode)]
    pub level: String,
    pub name: String,
    #[schema(value_type = Vec<DomainCode>)]
    pub domains: Vec<String>,
    pub offers: String,
    #[schema(required = true)]
    pub capacity: Option<u32>,
    pub contact_name: String,
    pub phone: String,
    pub address: String,
    pub area: String,
    pub notes: String,
    /// A specialist's account that answers referrals to it.
    #[schema(required = true)]
    pub user_id: Option<Uuid>,
    #[schema(required = true)]
    pub user_name: Option<String>,
    pub can_manage: bool,
    pub version: i64,
}

impl From<ResourceView> for ResourceDto {
    fn from(v: ResourceView) -> Self {
        let r = v.resource;
        Self {
            id: r.id,
            hq_id: r.hq_id,
            center_id: r.center_id,
            kind: r.kind.code().to_owned(),
            level: r.level.code().to_owned(),
            name: r.name,
            domains: r.domains.iter().map(|d| d.code().to_owned()).collect(),
            offers: r.offers,
            capacity: r.capacity,
            contact_name: r.contact_name,
            phone: r.phone,
            address: r.address,
            area: r.area,
            notes: r.notes,
            user_id: r.user_id,
            user_name: v.user_name,
            can_manage: v.can_manage,
            version: r.meta.version,
        }
    }
}

/// A resource named by a family's records (name and how to reach it).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ResourceRef)]
pub struct ResourceRefDto {
    pub id: Uuid,
    #[schema(value_type = ResourceKindCode)]
    pub kind: String,
    pub name: String,
    pub phone: String,
    /// Taken out of the directory since.
    pub removed: bool,
}

impl From<&Resource> for ResourceRefDto {
    fn from(r: &Resource) -> Self {
        Self {
            id: r.id,
            kind: r.kind.code().to_owned(),
            name: r.name.clone(),
            phone: r.phone.clone(),
            removed: r.meta.deleted_at.is_some(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ResourceList)]
pub struct ResourceListDto {
    pub items: Vec<ResourceDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ResourceRequest {
    /// A client-made UUIDv7 (POST only).
    pub id: Option<Uuid>,
    /// Required on PATCH.
    pub version: Option<i64>,
    /// A center's own (POST only; a manager's default). Null: the headquarters'.
    pub center_id: Option<Uuid>,
    #[schema(value_type = ResourceKindCode)]
    pub kind: String,
    #[schema(value_type = ResourceLevelCode)]
    pub level: String,
    pub name: String,
    #[schema(value_type = Vec<DomainCode>)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub offers: String,
    pub capacity: Option<i64>,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub notes: String,
    pub user_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResourceQuery {
    /// Words in the name, offers, contact or area (any Persian/Arabic letters and digits).
    pub q: Option<String>,
    #[param(value_type = Option<ResourceKindCode>)]
    pub kind: Option<String>,
    #[param(value_type = Option<DomainCode>)]
    pub domain: Option<String>,
}

// ---- Services ----

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Service)]
pub struct ServiceDto {
    pub id: Uuid,
    pub family_id: Uuid,
    #[schema(value_type = ServiceKindCode)]
    pub kind: String,
    #[schema(value_type = DomainCode)]
    pub domain: String,
    pub served_on: NaiveDate,
    pub minutes: u16,
    pub member_ids: Vec<Uuid>,
    #[schema(required = true)]
    pub resource_id: Option<Uuid>,
    pub notes: String,
    pub outcome: String,
    #[schema(required = true)]
    pub follow_up_on: Option<NaiveDate>,
    #[schema(required = true)]
    pub activity_id: Option<Uuid>,
    #[schema(required = true)]
    pub referral_id: Option<Uuid>,
    /// The service this one corrects.
    #[schema(required = true)]
    pub amends: Option<Uuid>,
    pub amend_reason: String,
    /// A later correction replaced it.
    #[schema(required = true)]
    pub amended_by: Option<Uuid>,
    #[schema(required = true)]
    pub author_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl ServiceDto {
    fn of(s: &Service, all: &[Service]) -> Self {
        Self {
            id: s.id,
            family_id: s.family_id,
            kind: s.kind.code().to_owned(),
            domain: s.domain.code().to_owned(),
            served_on: s.served_on,
            minutes: s.minutes.get(),
            member_ids: s.member_ids.clone(),
            resource_id: s.resource_id,
            notes: s.notes.clone(),
            outcome: s.outcome.clone(),
            follow_up_on: s.follow_up_on,
            activity_id: s.activity_id,
            referral_id: s.referral_id,
            amends: s.amends,
            amend_reason: s.amend_reason.clone(),
            amended_by: all.iter().filter(|o| o.amends == Some(s.id)).map(|o| o.id).max(),
            author_id: s.author_id,
            created_at: s.meta.created_at,
        }
    }
}

impl From<Service> for ServiceDto {
    fn from(s: Service) -> Self {
        Self::of(&s, &[])
    }
}

/// A service to log; with `amends`, a correction of one (with a reason).
#[derive(Debug, Deserialize, ToSchema)]
pub struct ServiceRequest {
    /// A client-made UUIDv7.
    pub id: Option<Uuid>,
    #[schema(value_type = ServiceKindCode)]
    pub kind: String,
    #[schema(value_type = DomainCode)]
    pub domain: String,
    /// ISO date, not in the future.
    pub served_on: String,
    pub minutes: i64,
    #[serde(default)]
    pub member_ids: Vec<Uuid>,
    pub resource_id: Option<Uuid>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub outcome: String,
    pub follow_up_on: Option<String>,
    pub referral_id: Option<Uuid>,
    pub amends: Option<Uuid>,
    pub amend_reason: Option<String>,
}

impl From<ServiceRequest> for hamyar_application::assistance::ServiceInput {
    fn from(b: ServiceRequest) -> Self {
        Self {
            id: b.id,
            kind: b.kind,
            domain: b.domain,
            served_on: b.served_on,
            minutes: b.minutes,
            member_ids: b.member_ids,
            resource_id: b.resource_id,
            notes: b.notes,
            outcome: b.outcome,
            follow_up_on: b.follow_up_on,
            referral_id: b.referral_id,
            amends: b.amends,
            amend_reason: b.amend_reason,
        }
    }
}

// ---- Calendar ----

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Harm)]
pub struct HarmDto {
    pub indicator: String,
    #[schema(required = true)]
    pub member_id: Option<Uuid>,
    pub label: String,
}

impl From<&HarmRef> for HarmDto {
    fn from(h: &HarmRef) -> Self {
        Self { indicator: h.indicator.clone(), member_id: h.member_id, label: h.label.clone() }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Goal)]
pub struct GoalDto {
    pub id: Uuid,
    pub family_id: Uuid,
    #[schema(required = true)]
    pub member_id: Option<Uuid>,
    #[schema(value_type = DomainCode)]
    pub domain: String,
    #[schema(required = true)]
    pub harm: Option<HarmDto>,
    pub title: String,
    pub notes: String,
    #[schema(value_type = GoalStatusCode)]
    pub status: String,
    pub version: i64,
}

impl From<&Goal> for GoalDto {
    fn from(g: &Goal) -> Self {
        Self {
            id: g.id,
            family_id: g.family_id,
            member_id: g.member_id,
            domain: g.domain.code().to_owned(),
            harm: g.harm.as_ref().map(Into::into),
            title: g.title.clone(),
            notes: g.notes.clone(),
            status: g.status.code().to_owned(),
            version: g.meta.version,
        }
    }
}

/// A goal's fields; on PATCH, absent fields stay, null clears.
#[derive(Debug, Deserialize, ToSchema)]
pub struct GoalRequest {
    pub id: Option<Uuid>,
    /// Required on PATCH.
    pub version: Option<i64>,
    #[serde(default, deserialize_with = "crate::dto::double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub member_id: Option<Option<Uuid>>,
    #[schema(value_type = Option<DomainCode>)]
    pub domain: Option<String>,
    /// A harm of the latest assessment (see `harms` of the family's assistance).
    #[serde(default, deserialize_with = "crate::dto::double_option")]
    #[schema(value_type = Option<String>)]
    pub harm_indicator: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::dto::double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub harm_member_id: Option<Option<Uuid>>,
    pub title: Option<String>,
    pub notes: Option<String>,
    #[schema(value_type = Option<GoalStatusCode>)]
    pub status: Option<String>,
}

impl From<GoalRequest> for hamyar_application::assistance::GoalInput {
    fn from(b: GoalRequest) -> Self {
        Self {
            id: b.id,
            member_id: b.member_id,
            domain: b.domain,
            harm_indicator: b.harm_indicator,
            harm_member_id: b.harm_member_id,
            title: b.title,
            notes: b.notes,
            status: b.status,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Activity)]
pub struct ActivityDto {
    pub id: Uuid,
    pub family_id: Uuid,
    #[schema(required = true)]
    pub goal_id: Option<Uuid>,
    #[schema(required = true)]
    pub member_id: Option<Uuid>,
    #[schema(value_type = ServiceKindCode)]
    pub kind: String,
    #[schema(value_type = DomainCode)]
    pub domain: String,
    pub title: String,
    pub due_on: NaiveDate,
    #[schema(value_type = ResponsibleCode)]
    pub responsible: String,
    #[schema(required = true)]
    pub resource_id: Option<Uuid>,
    #[schema(required = true)]
    pub task_id: Option<Uuid>,
    #[schema(value_type = ActivityStatusCode)]
    pub status: String,
    pub notes: String,
    #[schema(required = true)]
    pub service_id: Option<Uuid>,
    pub version: i64,
}

impl From<&Activity> for ActivityDto {
    fn from(a: &Activity) -> Self {
        Self {
            id: a.id,
            family_id: a.family_id,
            goal_id: a.goal_id,
            member_id: a.member_id,
            kind: a.kind.code().to_owned(),
            domain: a.domain.code().to_owned(),
            title: a.title.clone(),
            due_on: a.due_on,
            responsible: a.responsible.code().to_owned(),
            resource_id: a.resource_id,
            task_id: a.task_id,
            status: a.status.code().to_owned(),
            notes: a.notes.clone(),
            service_id: a.service_id,
            version: a.meta.version,
        }
    }
}

/// An activity's fields; on PATCH, absent fields stay, null clears.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ActivityRequest {
    pub id: Option<Uuid>,
    /// Required on PATCH.
    pub version: Option<i64>,
    #[serde(default, deserialize_with = "crate::dto::double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub goal_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "crate::dto::double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub member_id: Option<Option<Uuid>>,
    #[schema(value_type = Option<ServiceKindCode>)]
    pub kind: Option<String>,
    #[schema(value_type = Option<DomainCode>)]
    pub domain: Option<String>,
    pub title: Option<String>,
    /// ISO date.
    pub due_on: Option<String>,
    #[schema(value_type = Option<ResponsibleCode>)]
    pub responsible: Option<String>,
    #[serde(default, deserialize_with = "crate::dto::double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub resource_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "crate::dto::double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub task_id: Option<Option<Uuid>>,
    #[schema(value_type = Option<ActivityStatusCode>)]
    pub status: Option<String>,
    pub notes: Option<String>,
}

impl From<ActivityRequest> for hamyar_application::assistance::ActivityInput {
    fn from(b: ActivityRequest) -> Self {
        Self {
            id: b.id,
            goal_id: b.goal_id,
            member_id: b.member_id,
            kind: b.kind,
            domain: b.domain,
            title: b.title,
            due_on: b.due_on,
            responsible: b.responsible,
            resource_id: b.resource_id,
            task_id: b.task_id,
            status: b.status,
            notes: b.notes,
        }
    }
}

/// Mark an activity done and, optionally, log the service it was.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CompleteActivityRequest {
    pub version: i64,
    pub notes: Option<String>,
    pub service: Option<ServiceRequest>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CompletedActivity)]
pub struct CompletedActivityDto {
    pub activity: ActivityDto,
    #[schema(required = true)]
    pub service: Option<ServiceDto>,
}

/// An activity with its family's name, for calendars and agendas.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = DueActivity)]
pub struct DueActivityDto {
    #[serde(flatten)]
    pub activity: ActivityDto,
    pub family_name: String,
}

fn due(items: &[Activity], names: &HashMap<Uuid, String>) -> Vec<DueActivityDto> {
    items
        .iter()
        .map(|a| DueActivityDto {
            activity: a.into(),
            family_name: names.get(&a.family_id).cloned().unwrap_or_default(),
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Calendar)]
pub struct CalendarDto {
    pub items: Vec<DueActivityDto>,
}

impl CalendarDto {
    pub fn of(items: &[Activity], names: &HashMap<Uuid, String>) -> Self {
        Self { items: due(items, names) }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// ISO date, first day.
    pub from: String,
    /// ISO date, last day (at most about a year after `from`).
    pub to: String,
}

// ---- Referrals ----

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Referral)]
pub struct ReferralDto {
    pub id: Uuid,
    pub family_id: Uuid,
    #[schema(required = true)]
    pub member_id: Option<Uuid>,
    #[schema(required = true)]
    pub resource_id: Option<Uuid>,
    #[schema(required = true)]
    pub commission_id: Option<Uuid>,
    pub reason: String,
    #[schema(value_type = UrgencyCode)]
    pub urgency: String,
    #[schema(value_type = ReferralStatusCode)]
    pub status: String,
    pub feedback: String,
    pub referred_on: NaiveDate,
    #[schema(required = true)]
    pub referred_by: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

impl From<&Referral> for ReferralDto {
    fn from(r: &Referral) -> Self {
        Self {
            id: r.id,
            family_id: r.family_id,
            member_id: r.member_id,
            resource_id: r.resource_id,
            commission_id: r.commission_id,
            reason: r.reason.clone(),
            urgency: r.urgency.code().to_owned(),
            status: r.status.code().to_owned(),
            feedback: r.feedback.clone(),
            referred_on: r.referred_on,
            referred_by: r.referred_by,
            updated_at: r.meta.updated_at,
            version: r.meta.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReferralRequest {
    pub id: Option<Uuid>,
    pub member_id: Option<Uuid>,
    /// To a resource of the directory (specialist, counselor, organization)…
    pub resource_id: Option<Uuid>,
    /// …or to a commission.
    pub commission_id: Option<Uuid>,
    pub reason: String,
    #[schema(value_type = Option<UrgencyCode>)]
    pub urgency: Option<String>,
}

impl From<ReferralRequest> for hamyar_application::referrals::ReferralInput {
    fn from(b: ReferralRequest) -> Self {
        Self {
            id: b.id,
            member_id: b.member_id,
            resource_id: b.resource_id,
            commission_id: b.commission_id,
            reason: b.reason,
            urgency: b.urgency,
        }
    }
}

/// The next status and the receiver's words.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReferralAnswerRequest {
    pub version: i64,
    #[schema(value_type = ReferralStatusCode)]
    pub status: String,
    pub feedback: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CaseContact)]
pub struct CaseContactDto {
    pub head_name: String,
    pub neighborhood: String,
    pub address: String,
    pub phones: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CaseMember)]
pub struct CaseMemberDto {
    pub id: Uuid,
    pub name: String,
    pub sex: String,
    #[schema(required = true)]
    pub birth_date: Option<NaiveDate>,
}

/// A referral as its receiver, the family's people or the commission see
/// it: what was referred, never the family's file.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ReferralCase)]
pub struct ReferralCaseDto {
    pub referral: ReferralDto,
    pub family_name: String,
    #[schema(required = true)]
    pub contact: Option<CaseContactDto>,
    #[schema(required = true)]
    pub member: Option<CaseMemberDto>,
    #[schema(required = true)]
    pub resource: Option<ResourceRefDto>,
    #[schema(required = true)]
    pub commission_name: Option<String>,
    #[schema(required = true)]
    pub referred_by_name: Option<String>,
    #[schema(required = true)]
    pub receiver_name: Option<String>,
    #[schema(required = true)]
    pub helper_name: Option<String>,
    #[schema(required = true)]
    pub helper_mobile: Option<String>,
    pub decisions: Vec<DecisionDto>,
    pub tasks: Vec<TaskDto>,
    pub can_answer: bool,
    pub can_withdraw: bool,
}

impl From<ReferralCase> for ReferralCaseDto {
    fn from(c: ReferralCase) -> Self {
        let today = c.today;
        Self {
            referral: (&c.referral).into(),
            family_name: c.family_name,
            contact: c.contact.map(|x| CaseContactDto {
                head_name: x.head_name,
                neighborhood: x.neighborhood,
                address: x.address,
                phones: x.phones,
            }),
            member: c.member.map(|m| CaseMemberDto {
                id: m.id,
                name: m.full_name(),
                sex: m.sex.code().to_owned(),
                birth_date: m.birth_date,
            }),
            resource: c.resource.as_ref().map(Into::into),
            commission_name: c.commission.map(|x| x.name),
            referred_by_name: c.referred_by_name,
            receiver_name: c.receiver_name,
            helper_name: c.helper.as_ref().map(|h| h.0.clone()),
            helper_mobile: c.helper.map(|h| h.1),
            decisions: c.decisions.iter().map(Into::into).collect(),
            tasks: c.tasks.iter().map(|t| TaskDto::of(t, today)).collect(),
            can_answer: c.can_answer,
            can_withdraw: c.can_withdraw,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ReferralList)]
pub struct ReferralListDto {
    pub items: Vec<ReferralCaseDto>,
}

// ---- Commissions ----

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Commission)]
pub struct CommissionDto {
    pub id: Uuid,
    pub hq_id: Uuid,
    /// Null: the headquarters' own.
    #[schema(required = true)]
    pub center_id: Option<Uuid>,
    #[schema(required = true)]
    pub center_name: Option<String>,
    #[schema(value_type = DomainCode)]
    pub domain: String,
    pub name: String,
    pub notes: String,
    pub seats: usize,
    pub open_cases: usize,
    pub overdue_tasks: usize,
    pub can_manage: bool,
    pub version: i64,
}

impl From<CommissionSummary> for CommissionDto {
    fn from(s: CommissionSummary) -> Self {
        let c = s.commission;
        Self {
            id: c.id,
            hq_id: c.hq_id,
            center_id: c.center_id,
            center_name: s.center_name,
            domain: c.domain.code().to_owned(),
            name: c.name,
            notes: c.notes,
            seats: s.seats,
            open_cases: s.open_cases,
            overdue_tasks: s.overdue_tasks,
            can_manage: s.can_manage,
            version: c.meta.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CommissionList)]
pub struct CommissionListDto {
    pub items: Vec<CommissionDto>,
}

/// A commission a family may be referred to.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CommissionChoice)]
pub struct CommissionChoiceDto {
    pub id: Uuid,
    pub name: String,
    #[schema(value_type = DomainCode)]
    pub domain: String,
    /// The headquarters' (true) or the center's own.
    pub headquarters: bool,
}

impl From<Commission> for CommissionChoiceDto {
    fn from(c: Commission) -> Self {
        Self { id: c.id, name: c.name, domain: c.domain.code().to_owned(), headquarters: c.center_id.is_none() }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CommissionChoiceList)]
pub struct CommissionChoiceListDto {
    pub items: Vec<CommissionChoiceDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CommissionRequest {
    pub id: Option<Uuid>,
    /// Required on PATCH.
    pub version: Option<i64>,
    /// POST only: a center's (a manager's default); null for the headquarters'.
    pub center_id: Option<Uuid>,
    #[schema(value_type = DomainCode)]
    pub domain: String,
    pub name: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CommissionSeat)]
pub struct SeatDto {
    pub id: Uuid,
    #[schema(required = true)]
    pub user_id: Option<Uuid>,
    pub name: String,
    #[schema(value_type = MemberCapacityCode)]
    pub capacity: String,
    pub organization: String,
    pub version: i64,
}

impl From<&CommissionMember> for SeatDto {
    fn from(s: &CommissionMember) -> Self {
        Self {
            id: s.id,
            user_id: s.user_id,
            name: s.name.clone(),
            capacity: s.capacity.code().to_owned(),
            organization: s.organization.clone(),
            version: s.meta.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SeatRequest {
    pub id: Option<Uuid>,
    /// An account of the headquarters: they will see the commission's cases.
    pub user_id: Option<Uuid>,
    /// Defaults to the account's name.
    #[serde(default)]
    pub name: String,
    #[schema(value_type = MemberCapacityCode)]
    pub capacity: String,
    #[serde(default)]
    pub organization: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = Attendee)]
pub struct AttendeeDto {
    /// A seat of the commission…
    pub member_id: Option<Uuid>,
    /// …or an account (the family's helper invited to a case).
    pub user_id: Option<Uuid>,
    /// May be empty for a seat (its holder's name is used).
    #[serde(default)]
    pub name: String,
}

impl From<&Attendee> for AttendeeDto {
    fn from(a: &Attendee) -> Self {
        Self { member_id: a.member_id, user_id: a.user_id, name: a.name.clone() }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Meeting)]
pub struct MeetingDto {
    pub id: Uuid,
    pub commission_id: Uuid,
    pub held_on: NaiveDate,
    pub place: String,
    pub attendees: Vec<AttendeeDto>,
    /// Referrals on the agenda.
    pub agenda: Vec<Uuid>,
    pub notes: String,
    pub version: i64,
}

impl From<&Meeting> for MeetingDto {
    fn from(m: &Meeting) -> Self {
        Self {
            id: m.id,
            commission_id: m.commission_id,
            held_on: m.held_on,
            place: m.place.clone(),
            attendees: m.attendees.iter().map(Into::into).collect(),
            agenda: m.agenda.clone(),
            notes: m.notes.clone(),
            version: m.meta.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MeetingRequest {
    pub id: Option<Uuid>,
    /// Required on PATCH.
    pub version: Option<i64>,
    pub held_on: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub attendees: Vec<AttendeeDto>,
    /// Referrals to the commission.
    #[serde(default)]
    pub agenda: Vec<Uuid>,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Decision)]
pub struct DecisionDto {
    pub id: Uuid,
    pub commission_id: Uuid,
    pub meeting_id: Uuid,
    pub referral_id: Uuid,
    pub family_id: Uuid,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

impl From<&Decision> for DecisionDto {
    fn from(d: &Decision) -> Self {
        Self {
            id: d.id,
            commission_id: d.commission_id,
            meeting_id: d.meeting_id,
            referral_id: d.referral_id,
            family_id: d.family_id,
            text: d.text.clone(),
            created_at: d.meta.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CommissionTask)]
pub struct TaskDto {
    pub id: Uuid,
    pub commission_id: Uuid,
    pub meeting_id: Uuid,
    pub decision_id: Uuid,
    pub referral_id: Uuid,
    pub family_id: Uuid,
    pub title: String,
    #[schema(value_type = AssigneeKindCode)]
    pub assignee_kind: String,
    /// The seat or the resource.
    #[schema(required = true)]
    pub assignee_id: Option<Uuid>,
    pub due_on: NaiveDate,
    #[schema(value_type = TaskStatusCode)]
    pub status: String,
    pub overdue: bool,
    #[schema(required = true)]
    pub done_on: Option<NaiveDate>,
    pub done_note: String,
    #[schema(required = true)]
    pub done_by: Option<Uuid>,
    pub version: i64,
}

impl TaskDto {
    pub fn of(t: &Task, today: NaiveDate) -> Self {
        let (assignee_kind, assignee_id) = match t.assignee {
            TaskAssignee::Member(id) => ("member", Some(id)),
            TaskAssignee::Resource(id) => ("resource", Some(id)),
            TaskAssignee::Helper => ("helper", None),
        };
        Self {
            id: t.id,
            commission_id: t.commission_id,
            meeting_id: t.meeting_id,
            decision_id: t.decision_id,
            referral_id: t.referral_id,
            family_id: t.family_id,
            title: t.title.clone(),
            assignee_kind: assignee_kind.to_owned(),
            assignee_id,
            due_on: t.due_on,
            status: t.status.code().to_owned(),
            overdue: t.overdue_on(today),
            done_on: t.done_on,
            done_note: t.done_note.clone(),
            done_by: t.done_by,
            version: t.meta.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TaskRequest {
    pub id: Option<Uuid>,
    pub title: String,
    #[schema(value_type = AssigneeKindCode)]
    pub assignee_kind: String,
    pub assignee_id: Option<Uuid>,
    pub due_on: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionRequest {
    pub id: Option<Uuid>,
    /// A case on the meeting's agenda.
    pub referral_id: Uuid,
    pub text: String,
    #[serde(default)]
    pub tasks: Vec<TaskRequest>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = RecordedDecision)]
pub struct RecordedDecisionDto {
    pub decision: DecisionDto,
    pub tasks: Vec<TaskDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TaskStatusRequest {
    pub version: i64,
    #[schema(value_type = TaskStatusCode)]
    pub status: String,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CommissionCase)]
pub struct CommissionCaseDto {
    pub referral: ReferralDto,
    pub family_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CommissionDetail)]
pub struct CommissionDetailDto {
    pub commission: CommissionDto,
    pub seats: Vec<SeatDto>,
    /// Account names of the seats, by account id.
    pub user_names: HashMap<Uuid, String>,
    pub cases: Vec<CommissionCaseDto>,
    pub meetings: Vec<MeetingDto>,
    pub decisions: Vec<DecisionDto>,
    pub tasks: Vec<TaskDto>,
    /// I may hold meetings, record decisions and close tasks.
    pub can_work: bool,
}

impl From<CommissionDetail> for CommissionDetailDto {
    fn from(d: CommissionDetail) -> Self {
        let today = d.today;
        let user_names =
            d.seats.iter().filter_map(|s| s.user_id).filter_map(|u| d.names.get(&u).map(|n| (u, n.clone()))).collect();
        Self {
            commission: d.summary.into(),
            seats: d.seats.iter().map(Into::into).collect(),
            user_names,
            cases: d
                .cases
                .iter()
                .map(|r| CommissionCaseDto {
                    referral: r.into(),
                    family_name: d.names.get(&r.family_id).cloned().unwrap_or_default(),
                })
                .collect(),
            meetings: d.meetings.iter().map(Into::into).collect(),
            decisions: d.decisions.iter().map(Into::into).collect(),
            tasks: d.tasks.iter().map(|t| TaskDto::of(t, today)).collect(),
            can_work: d.can_work,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = MeetingDetail)]
pub struct MeetingDetailDto {
    pub meeting: MeetingDto,
    pub commission_name: String,
    pub decisions: Vec<DecisionDto>,
    pub tasks: Vec<TaskDto>,
}

impl From<hamyar_application::commissions::MeetingDetail> for MeetingDetailDto {
    fn from(d: hamyar_application::commissions::MeetingDetail) -> Self {
        Self {
            meeting: (&d.meeting).into(),
            commission_name: d.commission.name,
            decisions: d.decisions.iter().map(Into::into).collect(),
            tasks: d.tasks.iter().map(|t| TaskDto::of(t, d.today)).collect(),
        }
    }
}

// ---- A family's assistance, agenda ----

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = FamilyAssistance)]
pub struct FamilyAssistanceDto {
    pub family_id: Uuid,
    /// Newest first; amendments included (see `amends` / `amended_by`).
    pub services: Vec<ServiceDto>,
    pub goals: Vec<GoalDto>,
    pub activities: Vec<ActivityDto>,
    pub referrals: Vec<ReferralDto>,
    pub decisions: Vec<DecisionDto>,
    pub tasks: Vec<TaskDto>,
    /// Harms of the latest final assessment a goal may address.
    pub harms: Vec<HarmDto>,
    pub resources: Vec<ResourceRefDto>,
    /// Names of authors, receivers, commissions and seats, by id.
    pub names: HashMap<Uuid, String>,
    /// I may log services, keep the calendar and refer.
    pub can_work: bool,
    /// The centers' today (Iran): what is before it and still planned is overdue.
    pub today: NaiveDate,
}

impl From<FamilyAssistance> for FamilyAssistanceDto {
    fn from(a: FamilyAssistance) -> Self {
        let today = a.today;
        let mut resources: Vec<ResourceRefDto> = a.resources.values().map(Into::into).collect();
        resources.sort_by_key(|r| r.id);
        Self {
            family_id: a.family.id,
            services: a.services.iter().map(|s| ServiceDto::of(s, &a.services)).collect(),
            goals: a.goals.iter().map(Into::into).collect(),
            activities: a.activities.iter().map(Into::into).collect(),
            referrals: a.referrals.iter().map(Into::into).collect(),
            decisions: a.decisions.iter().map(Into::into).collect(),
            tasks: a.tasks.iter().map(|t| TaskDto::of(t, today)).collect(),
            harms: a.harms.iter().map(Into::into).collect(),
            resources,
            names: a.names,
            can_work: a.can_work,
            today,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AgendaTask)]
pub struct AgendaTaskDto {
    #[serde(flatten)]
    pub task: TaskDto,
    pub family_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AgendaReferral)]
pub struct AgendaReferralDto {
    #[serde(flatten)]
    pub referral: ReferralDto,
    pub family_name: String,
}

/// What is due for me.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Agenda)]
pub struct AgendaDto {
    pub today: NaiveDate,
    pub due_today: Vec<DueActivityDto>,
    pub overdue: Vec<DueActivityDto>,
    pub upcoming: Vec<DueActivityDto>,
    pub overdue_tasks: Vec<AgendaTaskDto>,
    pub waiting_referrals: Vec<AgendaReferralDto>,
}

impl From<Agenda> for AgendaDto {
    fn from(a: Agenda) -> Self {
        let name = |id: &Uuid| a.families.get(id).cloned().unwrap_or_default();
        Self {
            today: a.today,
            due_today: due(&a.due_today, &a.families),
            overdue: due(&a.overdue, &a.families),
            upcoming: due(&a.upcoming, &a.families),
            overdue_tasks: a
                .overdue_tasks
                .iter()
                .map(|t| AgendaTaskDto { task: TaskDto::of(t, a.today), family_name: name(&t.family_id) })
                .collect(),
            waiting_referrals: a
                .waiting_referrals
                .iter()
                .map(|r| AgendaReferralDto { referral: r.into(), family_name: name(&r.family_id) })
                .collect(),
        }
    }
}
