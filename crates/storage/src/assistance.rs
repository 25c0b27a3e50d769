//! Focused assistance — the resource directory, the service log, the
//! assistance calendar, referrals and commissions — for both backends.
//!
//! Records of a family (services, goals, activities, referrals, decisions,
//! tasks) are logged with their family, so its history and offline pulls
//! see them; the directory and commissions are logged as organizational
//! records of their headquarters (and center).

use crate::{
    Db,
    convert::{coded, corrupt, domain_of, sync_meta},
    entity::{
        commission, commission_decision, commission_meeting, commission_member, commission_task, family, plan_activity,
        plan_goal, referral, resource, service,
    },
    helpers::{active_assignment_families, op_of, put},
    stores::{Change, backend, log_change, log_family_change},
};
use async_trait::async_trait;
use chrono::NaiveDate;
use hamyar_application::{
    model::{
        Activity, AssistanceWrite, Attendee, Commission, CommissionMember, Decision, Goal, HarmRef, Meeting, Referral,
        Resource, Service, SyncMeta, Task, TaskAssignee, WriteContext,
    },
    ports::{AssistanceStore, Scope, StoreError, StoreResult},
};
use hamyar_domain::{
    assistance::{
        ActivityStatus, GoalStatus, MemberCapacity, Minutes, ReferralStatus, ResourceKind, ResourceLevel, Responsible,
        ServiceKind, TaskStatus, Urgency,
    },
    persian,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait, LikeExpr, Query, SelectStatement},
};
use serde::{Serialize, de::DeserializeOwned};
use std::collections::HashMap;
use uuid::Uuid;

fn json_of<T: DeserializeOwned>(what: &str, raw: &str) -> StoreResult<T> {
    serde_json::from_str(raw).map_err(|_| corrupt(what, raw))
}

fn json_text<T: Serialize + ?Sized>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Backend(format!("cannot encode a record: {e}")))
}

fn resource_from(m: resource::Model) -> StoreResult<Resource> {
    let codes: Vec<String> = json_of("resource domains", &m.domains)?;
    Ok(Resource {
        kind: coded("resource kind", &m.kind, ResourceKind::parse)?,
        level: coded("resource level", &m.level, ResourceLevel::parse)?,
        domains: codes.iter().map(|c| domain_of(c)).collect::<StoreResult<Vec<_>>>()?,
        capacity: m
            .capacity
            .map(|c| u32::try_from(c).map_err(|_| corrupt("resource capacity", &c.to_string())))
            .transpose()?,
        id: m.id,
        hq_id: m.hq_id,
        center_id: m.center_id,
        name: m.name,
        offers: m.offers,
        contact_name: m.contact_name,
        phone: m.phone,
        address: m.address,
        area: m.area,
        notes: m.notes,
        user_id: m.user_id,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn resource_to(r: &Resource) -> StoreResult<resource::Model> {
    let domains: Vec<&str> = r.domains.iter().map(|d| d.code()).collect();
    Ok(resource::Model {
        id: r.id,
        hq_id: r.hq_id,
        center_id: r.center_id,
        kind: r.kind.code().to_owned(),
        level: r.level.code().to_owned(),
        name: r.name.clone(),
        domains: json_text(&domains)?,
        offers: r.offers.clone(),
        capacity: r.capacity.map(i64::from),
        contact_name: r.contact_name.clone(),
        phone: r.phone.clone(),
        address: r.address.clone(),
        area: r.area.clone(),
        notes: r.notes.clone(),
        user_id: r.user_id,
        search_key: persian::search_key(&r.search_text()),
        version: r.meta.version,
        created_at: r.meta.created_at,
        updated_at: r.meta.updated_at,
        deleted_at: r.meta.deleted_at,
    })
}

fn resource_json(r: &Resource) -> serde_json::Value {
    let domains: Vec<&str> = r.domains.iter().map(|d| d.code()).collect();
    serde_json::json!({
        "hq_id": r.hq_id, "center_id": r.center_id, "kind": r.kind.code(), "level": r.level.code(),
        "name": r.name, "domains": domains, "offers": r.offers, "capacity": r.capacity,
        "contact_name": r.contact_name, "phone": r.phone, "address": r.address, "area": r.area, "notes": r.notes,
        "user_id": r.user_id,
    })
}

fn service_from(m: service::Model) -> StoreResult<Service> {
    Ok(Service {
        kind: coded("service kind", &m.kind, ServiceKind::parse)?,
        domain: domain_of(&m.domain)?,
        minutes: Minutes::new("minutes", m.minutes).map_err(|_| corrupt("service minutes", &m.minutes.to_string()))?,
        member_ids: json_of("service members", &m.member_ids)?,
        id: m.id,
        family_id: m.family_id,
        center_id: m.center_id,
        served_on: m.served_on,
        resource_id: m.resource_id,
        notes: m.notes,
        outcome: m.outcome,
        follow_up_on: m.follow_up_on,
        activity_id: m.activity_id,
        referral_id: m.referral_id,
        amends: m.amends_id,
        amend_reason: m.amend_reason,
        author_id: m.author_id,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn service_to(s: &Service) -> StoreResult<service::Model> {
    Ok(service::Model {
        id: s.id,
        family_id: s.family_id,
        center_id: s.center_id,
        kind: s.kind.code().to_owned(),
        domain: s.domain.code().to_owned(),
        served_on: s.served_on,
        minutes: i64::from(s.minutes.get()),
        member_ids: json_text(&s.member_ids)?,
        resource_id: s.resource_id,
        notes: s.notes.clone(),
        outcome: s.outcome.clone(),
        follow_up_on: s.follow_up_on,
        activity_id: s.activity_id,
        referral_id: s.referral_id,
        amends_id: s.amends,
        amend_reason: s.amend_reason.clone(),
        author_id: s.author_id,
        version: s.meta.version,
        created_at: s.meta.created_at,
        updated_at: s.meta.updated_at,
        deleted_at: s.meta.deleted_at,
    })
}

fn goal_from(m: plan_goal::Model) -> StoreResult<Goal> {
    let harm = m.harm_indicator.map(|indicator| HarmRef {
        indicator,
        member_id: m.harm_member_id,
        label: m.harm_label.unwrap_or_default(),
    });
    Ok(Goal {
        domain: domain_of(&m.domain)?,
        status: coded("goal status", &m.status, GoalStatus::parse)?,
        harm,
        id: m.id,
        family_id: m.family_id,
        center_id: m.center_id,
        member_id: m.member_id,
        title: m.title,
        notes: m.notes,
        created_by: m.created_by,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn goal_to(g: &Goal) -> plan_goal::Model {
    plan_goal::Model {
        id: g.id,
        family_id: g.family_id,
        center_id: g.center_id,
        member_id: g.member_id,
        domain: g.domain.code().to_owned(),
        harm_indicator: g.harm.as_ref().map(|h| h.indicator.clone()),
        harm_member_id: g.harm.as_ref().and_then(|h| h.member_id),
        harm_label: g.harm.as_ref().map(|h| h.label.clone()),
        title: g.title.clone(),
        notes: g.notes.clone(),
        status: g.status.code().to_owned(),
        created_by: g.created_by,
        version: g.meta.version,
        created_at: g.meta.created_at,
        updated_at: g.meta.updated_at,
        deleted_at: g.meta.deleted_at,
    }
}

fn activity_from(m: plan_activity::Model) -> StoreResult<Activity> {
    Ok(Activity {
        kind: coded("activity kind", &m.kind, ServiceKind::parse)?,
        domain: domain_of(&m.domain)?,
        responsible: coded("activity responsible", &m.responsible, Responsible::parse)?,
        status: coded("activity status", &m.status, ActivityStatus::parse)?,
        id: m.id,
        family_id: m.family_id,
        center_id: m.center_id,
        goal_id: m.goal_id,
        member_id: m.member_id,
        title: m.title,
        due_on: m.due_on,
        resource_id: m.resource_id,
        task_id: m.task_id,
        notes: m.notes,
        service_id: m.service_id,
        created_by: m.created_by,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn activity_to(a: &Activity) -> plan_activity::Model {
    plan_activity::Model {
        id: a.id,
        family_id: a.family_id,
        center_id: a.center_id,
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
        created_by: a.created_by,
        version: a.meta.version,
        created_at: a.meta.created_at,
        updated_at: a.meta.updated_at,
        deleted_at: a.meta.deleted_at,
    }
}

fn referral_from(m: referral::Model) -> StoreResult<Referral> {
    Ok(Referral {
        urgency: coded("referral urgency", &m.urgency, Urgency::parse)?,
        status: coded("referral status", &m.status, ReferralStatus::parse)?,
        id: m.id,
        family_id: m.family_id,
        center_id: m.center_id,
        member_id: m.member_id,
        resource_id: m.resource_id,
        receiver_user_id: m.receiver_user_id,
        commission_id: m.commission_id,
        reason: m.reason,
        feedback: m.feedback,
        referred_on: m.referred_on,
        referred_by: m.referred_by,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn referral_to(r: &Referral) -> referral::Model {
    referral::Model {
        id: r.id,
        family_id: r.family_id,
        center_id: r.center_id,
        member_id: r.member_id,
        resource_id: r.resource_id,
        receiver_user_id: r.receiver_user_id,
        commission_id: r.commission_id,
        reason: r.reason.clone(),
        urgency: r.urgency.code().to_owned(),
        status: r.status.code().to_owned(),
        feedback: r.feedback.clone(),
        referred_on: r.referred_on,
        referred_by: r.referred_by,
        version: r.meta.version,
        created_at: r.meta.created_at,
        updated_at: r.meta.updated_at,
        deleted_at: r.meta.deleted_at,
    }
}

fn commission_from(m: commission::Model) -> StoreResult<Commission> {
    Ok(Commission {
        domain: domain_of(&m.domain)?,
        id: m.id,
        hq_id: m.hq_id,
        center_id: m.center_id,
        name: m.name,
        notes: m.notes,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn commission_to(c: &Commission) -> commission::Model {
    commission::Model {
        id: c.id,
        hq_id: c.hq_id,
        center_id: c.center_id,
        domain: c.domain.code().to_owned(),
        name: c.name.clone(),
        notes: c.notes.clone(),
        version: c.meta.version,
        created_at: c.meta.created_at,
        updated_at: c.meta.updated_at,
        deleted_at: c.meta.deleted_at,
    }
}

fn member_from(m: commission_member::Model) -> StoreResult<CommissionMember> {
    Ok(CommissionMember {
        capacity: coded("commission member capacity", &m.capacity, MemberCapacity::parse)?,
        id: m.id,
        commission_id: m.commission_id,
        user_id: m.user_id,
        name: m.name,
        organization: m.organization,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn member_to(m: &CommissionMember) -> commission_member::Model {
    commission_member::Model {
        id: m.id,
        commission_id: m.commission_id,
        user_id: m.user_id,
        name: m.name.clone(),
        capacity: m.capacity.code().to_owned(),
        organization: m.organization.clone(),
        version: m.meta.version,
        created_at: m.meta.created_at,
        updated_at: m.meta.updated_at,
        deleted_at: m.meta.deleted_at,
    }
}

fn meeting_from(m: commission_meeting::Model) -> StoreResult<Meeting> {
    let attendees: Vec<Attendee> = json_of("meeting attendees", &m.attendees)?;
    Ok(Meeting {
        agenda: json_of("meeting agenda", &m.agenda)?,
        attendees,
        id: m.id,
        commission_id: m.commission_id,
        held_on: m.held_on,
        place: m.place,
        notes: m.notes,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn meeting_to(m: &Meeting) -> StoreResult<commission_meeting::Model> {
    Ok(commission_meeting::Model {
        id: m.id,
        commission_id: m.commission_id,
        held_on: m.held_on,
        place: m.place.clone(),
        attendees: json_text(&m.attendees)?,
        agenda: json_text(&m.agenda)?,
        notes: m.notes.clone(),
        version: m.meta.version,
        created_at: m.meta.created_at,
        updated_at: m.meta.updated_at,
        deleted_at: m.meta.deleted_at,
    })
}

fn decision_from(m: commission_decision::Model) -> Decision {
    Decision {
        id: m.id,
        commission_id: m.commission_id,
        meeting_id: m.meeting_id,
        referral_id: m.referral_id,
        family_id: m.family_id,
        text: m.text,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    }
}

fn decision_to(d: &Decision) -> commission_decision::Model {
    commission_decision::Model {
        id: d.id,
        commission_id: d.commission_id,
        meeting_id: d.meeting_id,
        referral_id: d.referral_id,
        family_id: d.family_id,
        text: d.text.clone(),
        version: d.meta.version,
        created_at: d.meta.created_at,
        updated_at: d.meta.updated_at,
        deleted_at: d.meta.deleted_at,
    }
}

/// A task's assignee as stored: its kind's code and the id it names.
fn assignee_parts(a: TaskAssignee) -> (&'static str, Option<Uuid>) {
    match a {
        TaskAssignee::Member(id) => ("member", Some(id)),
        TaskAssignee::Resource(id) => ("resource", Some(id)),
        TaskAssignee::Helper => ("helper", None),
    }
}

fn assignee_from(kind: &str, id: Option<Uuid>) -> StoreResult<TaskAssignee> {
    match (kind, id) {
        ("member", Some(id)) => Ok(TaskAssignee::Member(id)),
        ("resource", Some(id)) => Ok(TaskAssignee::Resource(id)),
        ("helper", _) => Ok(TaskAssignee::Helper),
        _ => Err(corrupt("task assignee", &format!("{kind} {id:?}"))),
    }
}

fn task_from(m: commission_task::Model) -> StoreResult<Task> {
    Ok(Task {
        assignee: assignee_from(&m.assignee_kind, m.assignee_id)?,
        status: coded("task status", &m.status, TaskStatus::parse)?,
        id: m.id,
        commission_id: m.commission_id,
        meeting_id: m.meeting_id,
        decision_id: m.decision_id,
        referral_id: m.referral_id,
        family_id: m.family_id,
        title: m.title,
        due_on: m.due_on,
        done_on: m.done_on,
        done_note: m.done_note,
        done_by: m.done_by,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn task_to(t: &Task) -> commission_task::Model {
    let (assignee_kind, assignee_id) = assignee_parts(t.assignee);
    commission_task::Model {
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
        done_on: t.done_on,
        done_note: t.done_note.clone(),
        done_by: t.done_by,
        version: t.meta.version,
        created_at: t.meta.created_at,
        updated_at: t.meta.updated_at,
        deleted_at: t.meta.deleted_at,
    }
}

/// Where the records of one write belong (headquarters, center), looked up
/// once each.
#[derive(Default)]
struct Places {
    center_hq: HashMap<Uuid, Uuid>,
    family: HashMap<Uuid, (Uuid, Uuid)>,
    commission: HashMap<Uuid, (Uuid, Option<Uuid>)>,
}

impl Places {
    async fn hq_of_center<C: ConnectionTrait>(&mut self, conn: &C, center_id: Uuid) -> StoreResult<Uuid> {
        if let Some(hq) = self.center_hq.get(&center_id) {
            return Ok(*hq);
        }
        let hq = Db::hq_of_center(conn, center_id).await?;
        self.center_hq.insert(center_id, hq);
        Ok(hq)
    }

    /// The headquarters and center of a family.
    async fn of_family<C: ConnectionTrait>(&mut self, conn: &C, family_id: Uuid) -> StoreResult<(Uuid, Uuid)> {
        if let Some(place) = self.family.get(&family_id) {
            return Ok(*place);
        }
        let center_id = family::Entity::find_by_id(family_id)
            .one(conn)
            .await
            .map_err(backend)?
            .ok_or(StoreError::NotFound)?
            .center_id;
        let place = (self.hq_of_center(conn, center_id).await?, center_id);
        self.family.insert(family_id, place);
        Ok(place)
    }

    /// The headquarters and center of a commission.
    async fn of_commission<C: ConnectionTrait>(
        &mut self,
        conn: &C,
        commission_id: Uuid,
    ) -> StoreResult<(Uuid, Option<Uuid>)> {
        if let Some(place) = self.commission.get(&commission_id) {
            return Ok(*place);
        }
        let c = commission::Entity::find_by_id(commission_id)
            .one(conn)
            .await
            .map_err(backend)?
            .ok_or(StoreError::NotFound)?;
        self.commission.insert(commission_id, (c.hq_id, c.center_id));
        Ok((c.hq_id, c.center_id))
    }
}

/// Live families, as a subquery.
fn live_families() -> SelectStatement {
    Query::select()
        .column(family::Column::Id)
        .from(family::Entity)
        .and_where(family::Column::DeletedAt.is_null())
        .to_owned()
}

/// Live commissions, as a subquery.
fn live_commissions() -> SelectStatement {
    Query::select()
        .column(commission::Column::Id)
        .from(commission::Entity)
        .and_where(commission::Column::DeletedAt.is_null())
        .to_owned()
}

/// A record of a family at a center (a service, goal, activity or
/// referral), as its change-log entry names it.
struct FamilyRecord<'a> {
    entity: &'static str,
    id: Uuid,
    meta: &'a SyncMeta,
    center_id: Uuid,
    family_id: Uuid,
}

impl FamilyRecord<'_> {
    /// Logs the write with its family (so the family's history and
    /// offline pulls see it); `data` is the record's snapshot.
    async fn log<C: ConnectionTrait>(
        &self,
        conn: &C,
        ctx: WriteContext,
        places: &mut Places,
        data: serde_json::Value,
    ) -> StoreResult<()> {
        let hq = places.hq_of_center(conn, self.center_id).await?;
        let change = Change {
            entity: self.entity,
            entity_id: self.id,
            op: op_of(self.meta),
            version: self.meta.version,
            hq_id: Some(hq),
            center_id: Some(self.center_id),
            data,
        };
        log_family_change(conn, ctx, (change, Some(self.family_id), None)).await
    }
}

#[async_trait]
impl AssistanceStore for Db {
    async fn save_assistance(&self, ctx: WriteContext, w: &AssistanceWrite) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let mut places = Places::default();
        // Referenced records first: resources and commissions, then what
        // points at them.
        for r in &w.resources {
            put(&txn, resource_to(r)?.into_active_model(), r.id, r.meta.version).await?;
            let change = Change {
                entity: "resource",
                entity_id: r.id,
                op: op_of(&r.meta),
                version: r.meta.version,
                hq_id: Some(r.hq_id),
                center_id: r.center_id,
                data: resource_json(r),
            };
            log_change(&txn, ctx, change).await?;
        }
        for c in &w.commissions {
            put(&txn, commission_to(c).into_active_model(), c.id, c.meta.version).await?;
            let change = Change {
                entity: "commission",
                entity_id: c.id,
                op: op_of(&c.meta),
                version: c.meta.version,
                hq_id: Some(c.hq_id),
                center_id: c.center_id,
                data: serde_json::json!({
                    "hq_id": c.hq_id, "center_id": c.center_id, "domain": c.domain.code(), "name": c.name,
                    "notes": c.notes,
                }),
            };
            log_change(&txn, ctx, change).await?;
        }
        for m in &w.members {
            put(&txn, member_to(m).into_active_model(), m.id, m.meta.version).await?;
            let (hq, center) = places.of_commission(&txn, m.commission_id).await?;
            let change = Change {
                entity: "commission_member",
                entity_id: m.id,
                op: op_of(&m.meta),
                version: m.meta.version,
                hq_id: Some(hq),
                center_id: center,
                data: serde_json::json!({
                    "commission_id": m.commission_id, "user_id": m.user_id, "name": m.name,
                    "capacity": m.capacity.code(), "organization": m.organization,
                }),
            };
            log_change(&txn, ctx, change).await?;
        }
        for m in &w.meetings {
            put(&txn, meeting_to(m)?.into_active_model(), m.id, m.meta.version).await?;
            let (hq, center) = places.of_commission(&txn, m.commission_id).await?;
            let change = Change {
                entity: "commission_meeting",
                entity_id: m.id,
                op: op_of(&m.meta),
                version: m.meta.version,
                hq_id: Some(hq),
                center_id: center,
                data: serde_json::json!({
                    "commission_id": m.commission_id, "held_on": m.held_on, "place": m.place,
                    "attendees": m.attendees, "agenda": m.agenda, "notes": m.notes,
                }),
            };
            log_change(&txn, ctx, change).await?;
        }
        for r in &w.referrals {
            put(&txn, referral_to(r).into_active_model(), r.id, r.meta.version).await?;
            let record = FamilyRecord {
                entity: "referral",
                id: r.id,
                meta: &r.meta,
                center_id: r.center_id,
                family_id: r.family_id,
            };
            record.log(&txn, ctx, &mut places, r.snapshot()).await?;
        }
        for g in &w.goals {
            put(&txn, goal_to(g).into_active_model(), g.id, g.meta.version).await?;
            let record = FamilyRecord {
                entity: "plan_goal",
                id: g.id,
                meta: &g.meta,
                center_id: g.center_id,
                family_id: g.family_id,
            };
            record.log(&txn, ctx, &mut places, g.snapshot()).await?;
        }
        for a in &w.activities {
            put(&txn, activity_to(a).into_active_model(), a.id, a.meta.version).await?;
            let record = FamilyRecord {
                entity: "plan_activity",
                id: a.id,
                meta: &a.meta,
                center_id: a.center_id,
                family_id: a.family_id,
            };
            record.log(&txn, ctx, &mut places, a.snapshot()).await?;
        }
        for s in &w.services {
            put(&txn, service_to(s)?.into_active_model(), s.id, s.meta.version).await?;
            let record = FamilyRecord {
                entity: "service",
                id: s.id,
                meta: &s.meta,
                center_id: s.center_id,
                family_id: s.family_id,
            };
            record.log(&txn, ctx, &mut places, s.snapshot()).await?;
        }
        for d in &w.decisions {
            put(&txn, decision_to(d).into_active_model(), d.id, d.meta.version).await?;
            let (hq, center) = places.of_family(&txn, d.family_id).await?;
            let change = Change {
                entity: "commission_decision",
                entity_id: d.id,
                op: op_of(&d.meta),
                version: d.meta.version,
                hq_id: Some(hq),
                center_id: Some(center),
                data: serde_json::json!({
                    "commission_id": d.commission_id, "meeting_id": d.meeting_id, "referral_id": d.referral_id,
                    "family_id": d.family_id, "text": d.text,
                }),
            };
            log_family_change(&txn, ctx, (change, Some(d.family_id), None)).await?;
        }
        for t in &w.tasks {
            put(&txn, task_to(t).into_active_model(), t.id, t.meta.version).await?;
            let (hq, center) = places.of_family(&txn, t.family_id).await?;
            let (assignee_kind, assignee_id) = assignee_parts(t.assignee);
            let change = Change {
                entity: "commission_task",
                entity_id: t.id,
                op: op_of(&t.meta),
                version: t.meta.version,
                hq_id: Some(hq),
                center_id: Some(center),
                data: serde_json::json!({
                    "commission_id": t.commission_id, "meeting_id": t.meeting_id, "decision_id": t.decision_id,
                    "referral_id": t.referral_id, "family_id": t.family_id, "title": t.title,
                    "assignee_kind": assignee_kind, "assignee_id": assignee_id, "due_on": t.due_on,
                    "status": t.status.code(), "done_on": t.done_on, "done_note": t.done_note, "done_by": t.done_by,
                }),
            };
            log_family_change(&txn, ctx, (change, Some(t.family_id), None)).await?;
        }
        txn.commit().await.map_err(backend)
    }

    async fn get_resource(&self, id: Uuid) -> StoreResult<Option<Resource>> {
        let row = resource::Entity::find_by_id(id)
            .filter(resource::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(resource_from).transpose()
    }

    async fn list_resources(&self, hq_id: Uuid, search: Option<&str>) -> StoreResult<Vec<Resource>> {
        let mut query = resource::Entity::find()
            .filter(resource::Column::HqId.eq(hq_id))
            .filter(resource::Column::DeletedAt.is_null());
        // A key already; normalizing again changes nothing but spares a
        // caller that forgot.
        let key = search.map(persian::search_key).filter(|k| !k.is_empty());
        if let Some(key) = key {
            let escaped = key.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            query = query.filter(
                Expr::col((resource::Entity, resource::Column::SearchKey))
                    .like(LikeExpr::new(format!("%{escaped}%")).escape('\\')),
            );
        }
        let rows = query.all(&self.conn).await.map_err(backend)?;
        let mut resources = rows.into_iter().map(resource_from).collect::<StoreResult<Vec<_>>>()?;
        resources.sort_by(|a, b| persian::compare(&a.name, &b.name).then_with(|| a.id.cmp(&b.id)));
        Ok(resources)
    }

    async fn get_service(&self, id: Uuid) -> StoreResult<Option<Service>> {
        let row = service::Entity::find_by_id(id)
            .filter(service::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(service_from).transpose()
    }

    async fn family_services(&self, family_ids: &[Uuid]) -> StoreResult<Vec<Service>> {
        if family_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = service::Entity::find()
            .filter(service::Column::FamilyId.is_in(family_ids.to_vec()))
            .filter(service::Column::DeletedAt.is_null())
            .order_by_desc(service::Column::ServedOn)
            .order_by_desc(service::Column::CreatedAt)
            .order_by_desc(service::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(service_from).collect()
    }

    async fn get_goal(&self, id: Uuid) -> StoreResult<Option<Goal>> {
        let row = plan_goal::Entity::find_by_id(id)
            .filter(plan_goal::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(goal_from).transpose()
    }

    async fn family_goals(&self, family_ids: &[Uuid]) -> StoreResult<Vec<Goal>> {
        if family_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = plan_goal::Entity::find()
            .filter(plan_goal::Column::FamilyId.is_in(family_ids.to_vec()))
            .filter(plan_goal::Column::DeletedAt.is_null())
            .order_by_asc(plan_goal::Column::CreatedAt)
            .order_by_asc(plan_goal::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(goal_from).collect()
    }

    async fn get_activity(&self, id: Uuid) -> StoreResult<Option<Activity>> {
        let row = plan_activity::Entity::find_by_id(id)
            .filter(plan_activity::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(activity_from).transpose()
    }

    async fn family_activities(&self, family_ids: &[Uuid]) -> StoreResult<Vec<Activity>> {
        if family_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = plan_activity::Entity::find()
            .filter(plan_activity::Column::FamilyId.is_in(family_ids.to_vec()))
            .filter(plan_activity::Column::DeletedAt.is_null())
            .order_by_asc(plan_activity::Column::DueOn)
            .order_by_asc(plan_activity::Column::CreatedAt)
            .order_by_asc(plan_activity::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(activity_from).collect()
    }

    async fn activities_due(&self, scope: Scope, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<Activity>> {
        let query = plan_activity::Entity::find()
            .filter(plan_activity::Column::DeletedAt.is_null())
            .filter(plan_activity::Column::DueOn.gte(from))
            .filter(plan_activity::Column::DueOn.lte(to));
        let query = match scope {
            Scope::Center(center_id) => query
                .filter(plan_activity::Column::CenterId.eq(center_id))
                .filter(plan_activity::Column::FamilyId.in_subquery(live_families())),
            // Open assignments under way, of live families.
            Scope::AssignedTo { user_id, on } => {
                query.filter(plan_activity::Column::FamilyId.in_subquery(active_assignment_families(user_id, on)))
            }
            Scope::Nothing | Scope::Headquarters(_) | Scope::Everything => return Ok(Vec::new()),
        };
        let rows = query
            .order_by_asc(plan_activity::Column::DueOn)
            .order_by_asc(plan_activity::Column::CreatedAt)
            .order_by_asc(plan_activity::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(activity_from).collect()
    }

    async fn get_referral(&self, id: Uuid) -> StoreResult<Option<Referral>> {
        let row = referral::Entity::find_by_id(id)
            .filter(referral::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(referral_from).transpose()
    }

    async fn family_referrals(&self, family_ids: &[Uuid]) -> StoreResult<Vec<Referral>> {
        if family_ids.is_empty() {
            return Ok(Vec::new());
        }
        self.referrals_where(Condition::all().add(referral::Column::FamilyId.is_in(family_ids.to_vec()))).await
    }

    async fn referrals_received(&self, user_id: Option<Uuid>, commission_ids: &[Uuid]) -> StoreResult<Vec<Referral>> {
        if user_id.is_none() && commission_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut to = Condition::any();
        if let Some(user_id) = user_id {
            to = to.add(referral::Column::ReceiverUserId.eq(user_id));
        }
        if !commission_ids.is_empty() {
            to = to.add(referral::Column::CommissionId.is_in(commission_ids.to_vec()));
        }
        self.referrals_where(to).await
    }

    async fn center_referrals(&self, center_id: Uuid) -> StoreResult<Vec<Referral>> {
        self.referrals_where(Condition::all().add(referral::Column::CenterId.eq(center_id))).await
    }

    async fn get_commission(&self, id: Uuid) -> StoreResult<Option<Commission>> {
        let row = commission::Entity::find_by_id(id)
            .filter(commission::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(commission_from).transpose()
    }

    async fn list_commissions(&self, hq_id: Uuid) -> StoreResult<Vec<Commission>> {
        let rows = commission::Entity::find()
            .filter(commission::Column::HqId.eq(hq_id))
            .filter(commission::Column::DeletedAt.is_null())
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let mut commissions = rows.into_iter().map(commission_from).collect::<StoreResult<Vec<_>>>()?;
        commissions.sort_by(|a, b| persian::compare(&a.name, &b.name).then_with(|| a.id.cmp(&b.id)));
        Ok(commissions)
    }

    async fn commission_members(&self, commission_ids: &[Uuid]) -> StoreResult<Vec<CommissionMember>> {
        if commission_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = commission_member::Entity::find()
            .filter(commission_member::Column::CommissionId.is_in(commission_ids.to_vec()))
            .filter(commission_member::Column::DeletedAt.is_null())
            .order_by_asc(commission_member::Column::CreatedAt)
            .order_by_asc(commission_member::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(member_from).collect()
    }

    async fn member_commissions(&self, user_id: Uuid) -> StoreResult<Vec<Uuid>> {
        let rows = commission_member::Entity::find()
            .filter(commission_member::Column::UserId.eq(user_id))
            .filter(commission_member::Column::DeletedAt.is_null())
            .filter(commission_member::Column::CommissionId.in_subquery(live_commissions()))
            .order_by_asc(commission_member::Column::CommissionId)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let mut ids: Vec<Uuid> = rows.into_iter().map(|r| r.commission_id).collect();
        ids.dedup();
        Ok(ids)
    }

    async fn get_meeting(&self, id: Uuid) -> StoreResult<Option<Meeting>> {
        let row = commission_meeting::Entity::find_by_id(id)
            .filter(commission_meeting::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(meeting_from).transpose()
    }

    async fn commission_meetings(&self, commission_id: Uuid) -> StoreResult<Vec<Meeting>> {
        let rows = commission_meeting::Entity::find()
            .filter(commission_meeting::Column::CommissionId.eq(commission_id))
            .filter(commission_meeting::Column::DeletedAt.is_null())
            .order_by_desc(commission_meeting::Column::HeldOn)
            .order_by_desc(commission_meeting::Column::CreatedAt)
            .order_by_desc(commission_meeting::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(meeting_from).collect()
    }

    async fn get_decision(&self, id: Uuid) -> StoreResult<Option<Decision>> {
        let row = commission_decision::Entity::find_by_id(id)
            .filter(commission_decision::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        Ok(row.map(decision_from))
    }

    async fn meeting_decisions(&self, meeting_ids: &[Uuid]) -> StoreResult<Vec<Decision>> {
        if meeting_ids.is_empty() {
            return Ok(Vec::new());
        }
        self.decisions_where(commission_decision::Column::MeetingId.is_in(meeting_ids.to_vec())).await
    }

    async fn family_decisions(&self, family_ids: &[Uuid]) -> StoreResult<Vec<Decision>> {
        if family_ids.is_empty() {
            return Ok(Vec::new());
        }
        self.decisions_where(commission_decision::Column::FamilyId.is_in(family_ids.to_vec())).await
    }

    async fn get_task(&self, id: Uuid) -> StoreResult<Option<Task>> {
        let row = commission_task::Entity::find_by_id(id)
            .filter(commission_task::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(task_from).transpose()
    }

    async fn commission_tasks(&self, commission_ids: &[Uuid]) -> StoreResult<Vec<Task>> {
        if commission_ids.is_empty() {
            return Ok(Vec::new());
        }
        self.tasks_where(commission_task::Column::CommissionId.is_in(commission_ids.to_vec())).await
    }

    async fn family_tasks(&self, family_ids: &[Uuid]) -> StoreResult<Vec<Task>> {
        if family_ids.is_empty() {
            return Ok(Vec::new());
        }
        self.tasks_where(commission_task::Column::FamilyId.is_in(family_ids.to_vec())).await
    }
}

impl Db {
    /// Live referrals meeting `condition`, newest first.
    async fn referrals_where(&self, condition: Condition) -> StoreResult<Vec<Referral>> {
        let rows = referral::Entity::find()
            .filter(condition)
            .filter(referral::Column::DeletedAt.is_null())
            .order_by_desc(referral::Column::ReferredOn)
            .order_by_desc(referral::Column::CreatedAt)
            .order_by_desc(referral::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(referral_from).collect()
    }

    /// Live decisions meeting `condition`, in the order they were made.
    async fn decisions_where(&self, condition: impl sea_orm::sea_query::IntoCondition) -> StoreResult<Vec<Decision>> {
        let rows = commission_decision::Entity::find()
            .filter(condition)
            .filter(commission_decision::Column::DeletedAt.is_null())
            .order_by_asc(commission_decision::Column::CreatedAt)
            .order_by_asc(commission_decision::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(decision_from).collect())
    }

    /// Live tasks meeting `condition`, by due day.
    async fn tasks_where(&self, condition: impl sea_orm::sea_query::IntoCondition) -> StoreResult<Vec<Task>> {
        let rows = commission_task::Entity::find()
            .filter(condition)
            .filter(commission_task::Column::DeletedAt.is_null())
            .order_by_asc(commission_task::Column::DueOn)
            .order_by_asc(commission_task::Column::CreatedAt)
            .order_by_asc(commission_task::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(task_from).collect()
    }
}
