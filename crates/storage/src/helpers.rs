//! Helpers, training, assignments and program rules, for both backends.

use crate::{
    Db,
    convert::{coded, corrupt, sync_meta},
    entity::{
        assignment, attendance, change_log, course, course_enrollment, course_session, family, helper,
        helper_status_change, program_rules,
    },
    stores::{
        Change, backend, centers_of, insert_user_in, log_change, log_family_change, update_user_in, write_versioned,
    },
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use hamyar_application::{
    model::{
        Assignment, Attendance, Course, CourseSession, Enrollment, Helper, HelperStatusChange, ProgramRulesRecord,
        ProgramWrite, SyncMeta, WriteContext,
    },
    ports::{HelperHours, HelperStore, Scope, StoreError, StoreResult},
};
use hamyar_domain::helper::{Curriculum, HelperBackground, HelperStatus, Hours, ProgramRules, SessionMode, Skill};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Query, SelectStatement},
};
use std::collections::HashMap;
use uuid::Uuid;

fn quarters(what: &str, value: i64) -> StoreResult<Hours> {
    u32::try_from(value).map(Hours::from_quarters).map_err(|_| corrupt(what, &value.to_string()))
}

fn helper_from(m: helper::Model) -> StoreResult<Helper> {
    let codes: Vec<String> = serde_json::from_str(&m.skills).map_err(|_| corrupt("skills", &m.skills))?;
    let skills = codes.iter().map(|c| coded("skill", c, Skill::parse)).collect::<StoreResult<Vec<_>>>()?;
    Ok(Helper {
        background: coded("background", &m.background, HelperBackground::parse)?,
        status: coded("helper status", &m.status, HelperStatus::parse)?,
        skills,
        id: m.id,
        center_id: m.center_id,
        first_name: m.first_name,
        last_name: m.last_name,
        mobile: m.mobile,
        field_of_study: m.field_of_study,
        neighborhood: m.neighborhood,
        availability: m.availability,
        notes: m.notes,
        user_id: m.user_id,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn helper_to(h: &Helper) -> helper::Model {
    let skills: Vec<&str> = h.skills.iter().map(|s| s.code()).collect();
    helper::Model {
        id: h.id,
        center_id: h.center_id,
        first_name: h.first_name.clone(),
        last_name: h.last_name.clone(),
        mobile: h.mobile.clone(),
        background: h.background.code().to_owned(),
        field_of_study: h.field_of_study.clone(),
        skills: serde_json::to_string(&skills).unwrap_or_else(|_| "[]".to_owned()),
        neighborhood: h.neighborhood.clone(),
        availability: h.availability.clone(),
        notes: h.notes.clone(),
        status: h.status.code().to_owned(),
        user_id: h.user_id,
        version: h.meta.version,
        created_at: h.meta.created_at,
        updated_at: h.meta.updated_at,
        deleted_at: h.meta.deleted_at,
    }
}

fn status_change_from(m: helper_status_change::Model) -> StoreResult<HelperStatusChange> {
    Ok(HelperStatusChange {
        from: m.from_status.as_deref().map(|s| coded("helper status", s, HelperStatus::parse)).transpose()?,
        to: coded("helper status", &m.to_status, HelperStatus::parse)?,
        id: m.id,
        helper_id: m.helper_id,
        reason: m.reason,
        by: m.changed_by,
        at: m.changed_at,
    })
}

fn course_from(m: course::Model) -> StoreResult<Course> {
    Ok(Course {
        curriculum: coded("curriculum", &m.curriculum, Curriculum::parse)?,
        id: m.id,
        hq_id: m.hq_id,
        center_id: m.center_id,
        title: m.title,
        description: m.description,
        trainer_id: m.trainer_id,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn course_to(c: &Course) -> course::Model {
    course::Model {
        id: c.id,
        hq_id: c.hq_id,
        center_id: c.center_id,
        curriculum: c.curriculum.code().to_owned(),
        title: c.title.clone(),
        description: c.description.clone(),
        trainer_id: c.trainer_id,
        version: c.meta.version,
        created_at: c.meta.created_at,
        updated_at: c.meta.updated_at,
        deleted_at: c.meta.deleted_at,
    }
}

fn session_from(m: course_session::Model) -> StoreResult<CourseSession> {
    Ok(CourseSession {
        hours: quarters("session length", m.quarters)?,
        mode: coded("session mode", &m.mode, SessionMode::parse)?,
        id: m.id,
        course_id: m.course_id,
        held_on: m.held_on,
        trainer_id: m.trainer_id,
        topic: m.topic,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn session_to(s: &CourseSession) -> course_session::Model {
    course_session::Model {
        id: s.id,
        course_id: s.course_id,
        held_on: s.held_on,
        quarters: i64::from(s.hours.quarters()),
        mode: s.mode.code().to_owned(),
        trainer_id: s.trainer_id,
        topic: s.topic.clone(),
        version: s.meta.version,
        created_at: s.meta.created_at,
        updated_at: s.meta.updated_at,
        deleted_at: s.meta.deleted_at,
    }
}

fn enrollment_from(m: course_enrollment::Model) -> Enrollment {
    Enrollment {
        id: m.id,
        course_id: m.course_id,
        helper_id: m.helper_id,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    }
}

fn attendance_from(m: attendance::Model) -> StoreResult<Attendance> {
    Ok(Attendance {
        hours: quarters("attendance", m.quarters)?,
        id: m.id,
        session_id: m.session_id,
        helper_id: m.helper_id,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn assignment_from(m: assignment::Model) -> Assignment {
    Assignment {
        id: m.id,
        helper_id: m.helper_id,
        family_id: m.family_id,
        center_id: m.center_id,
        starts_on: m.starts_on,
        ends_on: m.ends_on,
        reason: m.reason,
        assigned_by: m.assigned_by,
        replaces: m.replaces_id,
        ended_at: m.ended_at,
        ended_by: m.ended_by,
        end_reason: m.end_reason,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    }
}

fn assignment_to(a: &Assignment) -> assignment::Model {
    assignment::Model {
        id: a.id,
        helper_id: a.helper_id,
        family_id: a.family_id,
        center_id: a.center_id,
        starts_on: a.starts_on,
        ends_on: a.ends_on,
        reason: a.reason.clone(),
        assigned_by: a.assigned_by,
        replaces_id: a.replaces,
        ended_at: a.ended_at,
        ended_by: a.ended_by,
        end_reason: a.end_reason.clone(),
        version: a.meta.version,
        created_at: a.meta.created_at,
        updated_at: a.meta.updated_at,
        deleted_at: a.meta.deleted_at,
    }
}

fn rules_from(m: program_rules::Model) -> StoreResult<ProgramRulesRecord> {
    let count = |what: &str, v: i64| u32::try_from(v).map_err(|_| corrupt(what, &v.to_string()));
    Ok(ProgramRulesRecord {
        rules: ProgramRules {
            pre_service_hours: quarters("pre-service hours", m.pre_service_quarters)?,
            in_service_hours: quarters("in-service hours", m.in_service_quarters)?,
            caseload_max: count("caseload limit", m.caseload_max)?,
            caseload_min: count("caseload minimum", m.caseload_min)?,
            assignment_days: count("assignment days", m.assignment_days)?,
            offline_lock_days: count("offline lock days", m.offline_lock_days)?,
        },
        id: m.id,
        hq_id: m.hq_id,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

/// Live families: a family merged into another (tombstoned) leaves the
/// caseloads it was in.
fn live_families() -> SelectStatement {
    Query::select()
        .column(family::Column::Id)
        .from(family::Entity)
        .and_where(family::Column::DeletedAt.is_null())
        .to_owned()
}

/// Families a helper account may open on a day: its helper's assignments
/// that are open and under way.
pub(crate) fn active_assignment_families(user_id: Uuid, on: NaiveDate) -> SelectStatement {
    let helpers_of_user = Query::select()
        .column(helper::Column::Id)
        .from(helper::Entity)
        .and_where(helper::Column::UserId.eq(user_id))
        .and_where(helper::Column::DeletedAt.is_null())
        .to_owned();
    Query::select()
        .column(assignment::Column::FamilyId)
        .from(assignment::Entity)
        .and_where(assignment::Column::HelperId.in_subquery(helpers_of_user))
        .and_where(assignment::Column::FamilyId.in_subquery(live_families()))
        .and_where(assignment::Column::EndedAt.is_null())
        .and_where(assignment::Column::DeletedAt.is_null())
        .and_where(assignment::Column::StartsOn.lte(on))
        .and_where(assignment::Column::EndsOn.gte(on))
        .to_owned()
}

/// Families in a helper's caseload on a day (in anyone's, for `None`): see
/// `Assignment::counts_on`.
pub(crate) fn caseload_families(helper_id: Option<Uuid>, on: NaiveDate) -> SelectStatement {
    let mut select = Query::select()
        .column(assignment::Column::FamilyId)
        .from(assignment::Entity)
        .and_where(assignment::Column::EndedAt.is_null())
        .and_where(assignment::Column::DeletedAt.is_null())
        .and_where(assignment::Column::EndsOn.gte(on))
        .and_where(assignment::Column::FamilyId.in_subquery(live_families()))
        .to_owned();
    if let Some(helper_id) = helper_id {
        select.and_where(assignment::Column::HelperId.eq(helper_id));
    }
    select
}

/// Inserts or updates (if the stored version is the one before) a row.
pub(crate) async fn put<C, A>(conn: &C, row: A, id: Uuid, version: i64) -> StoreResult<()>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    <<A::Entity as EntityTrait>::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    let row = if version > 1 { row.reset_all() } else { row };
    write_versioned(conn, row, id, version).await
}

pub(crate) fn op_of(meta: &SyncMeta) -> &'static str {
    match (meta.version, meta.deleted_at) {
        (1, _) => "create",
        (_, Some(_)) => "delete",
        _ => "update",
    }
}

impl Db {
    async fn course_hq<C: ConnectionTrait>(conn: &C, course_id: Uuid) -> StoreResult<(Uuid, Option<Uuid>)> {
        let c = course::Entity::find_by_id(course_id).one(conn).await.map_err(backend)?.ok_or(StoreError::NotFound)?;
        Ok((c.hq_id, c.center_id))
    }

    async fn session_hq<C: ConnectionTrait>(conn: &C, session_id: Uuid) -> StoreResult<(Uuid, Option<Uuid>)> {
        let s = course_session::Entity::find_by_id(session_id)
            .one(conn)
            .await
            .map_err(backend)?
            .ok_or(StoreError::NotFound)?;
        Self::course_hq(conn, s.course_id).await
    }
}

#[async_trait]
impl HelperStore for Db {
    async fn save_program(&self, ctx: WriteContext, w: &ProgramWrite) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        if let Some(r) = &w.rules {
            let row = program_rules::Model {
                id: r.id,
                hq_id: r.hq_id,
                pre_service_quarters: i64::from(r.rules.pre_service_hours.quarters()),
                in_service_quarters: i64::from(r.rules.in_service_hours.quarters()),
                caseload_max: i64::from(r.rules.caseload_max),
                caseload_min: i64::from(r.rules.caseload_min),
                assignment_days: i64::from(r.rules.assignment_days),
                offline_lock_days: i64::from(r.rules.offline_lock_days),
                version: r.meta.version,
                created_at: r.meta.created_at,
                updated_at: r.meta.updated_at,
                deleted_at: r.meta.deleted_at,
            };
            put(&txn, row.into_active_model(), r.id, r.meta.version).await?;
            let data = serde_json::json!({
                "pre_service_hours": r.rules.pre_service_hours.as_f64(),
                "in_service_hours": r.rules.in_service_hours.as_f64(),
                "caseload_max": r.rules.caseload_max, "caseload_min": r.rules.caseload_min,
                "assignment_days": r.rules.assignment_days,
                "offline_lock_days": r.rules.offline_lock_days,
            });
            let change = Change {
                entity: "program_rules",
                entity_id: r.id,
                op: op_of(&r.meta),
                version: r.meta.version,
                hq_id: Some(r.hq_id),
                center_id: None,
                data,
            };
            log_change(&txn, ctx, change).await?;
        }
        if let Some((user, hash)) = &w.new_user {
            insert_user_in(&txn, ctx, user, hash).await?;
        }
        if let Some(user) = &w.updated_user
            && !update_user_in(&txn, ctx, user).await?
        {
            return Err(StoreError::VersionConflict);
        }
        let mut hq_of: HashMap<Uuid, Uuid> = HashMap::new();
        for h in &w.helpers {
            let hq = match hq_of.get(&h.center_id) {
                Some(hq) => *hq,
                None => Self::hq_of_center(&txn, h.center_id).await?,
            };
            hq_of.insert(h.center_id, hq);
            put(&txn, helper_to(h).into_active_model(), h.id, h.meta.version).await?;
            let data = serde_json::json!({
                "first_name": h.first_name, "last_name": h.last_name, "mobile": h.mobile,
                "background": h.background.code(), "field_of_study": h.field_of_study,
                "skills": h.skills.iter().map(|s| s.code()).collect::<Vec<_>>(), "neighborhood": h.neighborhood,
                "availability": h.availability, "status": h.status.code(), "user_id": h.user_id,
            });
            let change = Change {
                entity: "helper",
                entity_id: h.id,
                op: op_of(&h.meta),
                version: h.meta.version,
                hq_id: Some(hq),
                center_id: Some(h.center_id),
                data,
            };
            log_change(&txn, ctx, change).await?;
        }
        for c in &w.status_changes {
            helper_status_change::Model {
                id: c.id,
                helper_id: c.helper_id,
                from_status: c.from.map(|s| s.code().to_owned()),
                to_status: c.to.code().to_owned(),
                reason: c.reason.clone(),
                changed_by: c.by,
                changed_at: c.at,
            }
            .into_active_model()
            .insert(&txn)
            .await
            .map_err(backend)?;
        }
        for c in &w.courses {
            put(&txn, course_to(c).into_active_model(), c.id, c.meta.version).await?;
            let data = serde_json::json!({
                "curriculum": c.curriculum.code(), "title": c.title, "description": c.description,
                "trainer_id": c.trainer_id, "center_id": c.center_id,
            });
            let change = Change {
                entity: "course",
                entity_id: c.id,
                op: op_of(&c.meta),
                version: c.meta.version,
                hq_id: Some(c.hq_id),
                center_id: c.center_id,
                data,
            };
            log_change(&txn, ctx, change).await?;
        }
        for s in &w.sessions {
            put(&txn, session_to(s).into_active_model(), s.id, s.meta.version).await?;
            let (hq, center) = Self::course_hq(&txn, s.course_id).await?;
            let data = serde_json::json!({
                "course_id": s.course_id, "held_on": s.held_on, "hours": s.hours.as_f64(), "mode": s.mode.code(),
                "trainer_id": s.trainer_id, "topic": s.topic,
            });
            let change = Change {
                entity: "course_session",
                entity_id: s.id,
                op: op_of(&s.meta),
                version: s.meta.version,
                hq_id: Some(hq),
                center_id: center,
                data,
            };
            log_change(&txn, ctx, change).await?;
        }
        for e in &w.enrollments {
            let row = course_enrollment::Model {
                id: e.id,
                course_id: e.course_id,
                helper_id: e.helper_id,
                version: e.meta.version,
                created_at: e.meta.created_at,
                updated_at: e.meta.updated_at,
                deleted_at: e.meta.deleted_at,
            };
            put(&txn, row.into_active_model(), e.id, e.meta.version).await?;
            let (hq, center) = Self::course_hq(&txn, e.course_id).await?;
            let change = Change {
                entity: "course_enrollment",
                entity_id: e.id,
                op: op_of(&e.meta),
                version: e.meta.version,
                hq_id: Some(hq),
                center_id: center,
                data: serde_json::json!({ "course_id": e.course_id, "helper_id": e.helper_id }),
            };
            log_change(&txn, ctx, change).await?;
        }
        for a in &w.attendance {
            let row = attendance::Model {
                id: a.id,
                session_id: a.session_id,
                helper_id: a.helper_id,
                quarters: i64::from(a.hours.quarters()),
                version: a.meta.version,
                created_at: a.meta.created_at,
                updated_at: a.meta.updated_at,
                deleted_at: a.meta.deleted_at,
            };
            put(&txn, row.into_active_model(), a.id, a.meta.version).await?;
            let (hq, center) = Self::session_hq(&txn, a.session_id).await?;
            let change = Change {
                entity: "attendance",
                entity_id: a.id,
                op: op_of(&a.meta),
                version: a.meta.version,
                hq_id: Some(hq),
                center_id: center,
                data: serde_json::json!({
                    "session_id": a.session_id, "helper_id": a.helper_id, "hours": a.hours.as_f64(),
                }),
            };
            log_change(&txn, ctx, change).await?;
        }
        if let Some((helper_id, _, _)) = w.caseload_limit {
            // Holds the helper's row until commit, so two managers giving
            // them a family at once are counted one after the other.
            helper::Entity::update_many()
                .col_expr(helper::Column::Version, Expr::col(helper::Column::Version))
                .filter(helper::Column::Id.eq(helper_id))
                .exec(&txn)
                .await
                .map_err(backend)?;
        }
        for a in &w.assignments {
            put(&txn, assignment_to(a).into_active_model(), a.id, a.meta.version).await?;
            let hq = match hq_of.get(&a.center_id) {
                Some(hq) => *hq,
                None => Self::hq_of_center(&txn, a.center_id).await?,
            };
            let op = match (a.meta.version, a.ended_at) {
                (1, _) => "create",
                (_, Some(_)) => "end",
                _ => "update",
            };
            let data = serde_json::json!({
                "helper_id": a.helper_id, "starts_on": a.starts_on, "ends_on": a.ends_on, "reason": a.reason,
                "replaces_id": a.replaces, "ended_at": a.ended_at, "end_reason": a.end_reason,
            });
            let change = Change {
                entity: "assignment",
                entity_id: a.id,
                op,
                version: a.meta.version,
                hq_id: Some(hq),
                center_id: Some(a.center_id),
                data,
            };
            log_family_change(&txn, ctx, (change, Some(a.family_id), None)).await?;
        }
        if let Some((helper_id, max, on)) = w.caseload_limit {
            let held = assignment::Entity::find()
                .filter(assignment::Column::FamilyId.in_subquery(caseload_families(Some(helper_id), on)))
                .filter(assignment::Column::HelperId.eq(helper_id))
                .count(&txn)
                .await
                .map_err(backend)?;
            if held > u64::from(max) {
                return Err(StoreError::CaseloadFull { max });
            }
        }
        txn.commit().await.map_err(backend)
    }

    async fn program_rules(&self, hq_id: Uuid) -> StoreResult<Option<ProgramRulesRecord>> {
        let row = program_rules::Entity::find()
            .filter(program_rules::Column::HqId.eq(hq_id))
            .filter(program_rules::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(rules_from).transpose()
    }

    async fn get_helper(&self, id: Uuid) -> StoreResult<Option<Helper>> {
        let row = helper::Entity::find_by_id(id)
            .filter(helper::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(helper_from).transpose()
    }

    async fn helper_of_user(&self, user_id: Uuid) -> StoreResult<Option<Helper>> {
        let row = helper::Entity::find()
            .filter(helper::Column::UserId.eq(user_id))
            .filter(helper::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(helper_from).transpose()
    }

    async fn list_helpers(&self, scope: Scope) -> StoreResult<Vec<Helper>> {
        let query = helper::Entity::find().filter(helper::Column::DeletedAt.is_null());
        let query = match scope {
            Scope::Everything => query,
            Scope::Headquarters(hq) => query.filter(helper::Column::CenterId.in_subquery(centers_of(hq))),
            Scope::Center(id) => query.filter(helper::Column::CenterId.eq(id)),
            Scope::Nothing | Scope::AssignedTo { .. } => return Ok(Vec::new()),
        };
        let rows = query.all(&self.conn).await.map_err(backend)?;
        let mut helpers = rows.into_iter().map(helper_from).collect::<StoreResult<Vec<_>>>()?;
        helpers.sort_by(|a, b| {
            hamyar_domain::persian::compare(&a.last_name, &b.last_name)
                .then_with(|| hamyar_domain::persian::compare(&a.first_name, &b.first_name))
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(helpers)
    }

    async fn helper_status_changes(&self, helper_id: Uuid) -> StoreResult<Vec<HelperStatusChange>> {
        let rows = helper_status_change::Entity::find()
            .filter(helper_status_change::Column::HelperId.eq(helper_id))
            .order_by_asc(helper_status_change::Column::ChangedAt)
            .order_by_asc(helper_status_change::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(status_change_from).collect()
    }

    async fn helper_hours(&self, helper_ids: &[Uuid]) -> StoreResult<HashMap<Uuid, HelperHours>> {
        let mut out: HashMap<Uuid, HelperHours> = HashMap::new();
        if helper_ids.is_empty() {
            return Ok(out);
        }
        // Attendance of live sessions of live courses; summed here, as
        // quarter hours, so both backends give the same exact numbers.
        let mut select = Query::select();
        select
            .column((attendance::Entity, attendance::Column::HelperId))
            .column((attendance::Entity, attendance::Column::Quarters))
            .column((course::Entity, course::Column::Curriculum))
            .from(attendance::Entity)
            .inner_join(
                course_session::Entity,
                Expr::col((course_session::Entity, course_session::Column::Id))
                    .equals((attendance::Entity, attendance::Column::SessionId)),
            )
            .inner_join(
                course::Entity,
                Expr::col((course::Entity, course::Column::Id))
                    .equals((course_session::Entity, course_session::Column::CourseId)),
            )
            .and_where(Expr::col((attendance::Entity, attendance::Column::HelperId)).is_in(helper_ids.to_vec()))
            .and_where(Expr::col((attendance::Entity, attendance::Column::DeletedAt)).is_null())
            .and_where(Expr::col((course_session::Entity, course_session::Column::DeletedAt)).is_null())
            .and_where(Expr::col((course::Entity, course::Column::DeletedAt)).is_null());
        for row in self.conn.query_all(&select).await.map_err(backend)? {
            let helper_id: Uuid = row.try_get("", "helper_id").map_err(backend)?;
            let q: i64 = row.try_get("", "quarters").map_err(backend)?;
            let curriculum: String = row.try_get("", "curriculum").map_err(backend)?;
            let hours = quarters("attendance", q)?;
            let entry = out.entry(helper_id).or_default();
            match coded("curriculum", &curriculum, Curriculum::parse)? {
                Curriculum::PreService => entry.pre_service = entry.pre_service + hours,
                Curriculum::InService => entry.in_service = entry.in_service + hours,
            }
        }
        Ok(out)
    }

    async fn last_activity(&self, user_ids: &[Uuid]) -> StoreResult<HashMap<Uuid, DateTime<Utc>>> {
        let mut out = HashMap::new();
        // One indexed look-up per user: a center has tens of helpers.
        for user_id in user_ids {
            let latest = change_log::Entity::find()
                .filter(change_log::Column::ActorId.eq(*user_id))
                .order_by_desc(change_log::Column::At)
                .limit(1)
                .one(&self.conn)
                .await
                .map_err(backend)?;
            if let Some(entry) = latest {
                out.insert(*user_id, entry.at);
            }
        }
        Ok(out)
    }

    async fn get_course(&self, id: Uuid) -> StoreResult<Option<Course>> {
        let row = course::Entity::find_by_id(id)
            .filter(course::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(course_from).transpose()
    }

    async fn list_courses(&self, hq_id: Uuid) -> StoreResult<Vec<Course>> {
        let rows = course::Entity::find()
            .filter(course::Column::HqId.eq(hq_id))
            .filter(course::Column::DeletedAt.is_null())
            .order_by_desc(course::Column::CreatedAt)
            .order_by_desc(course::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(course_from).collect()
    }

    async fn get_course_session(&self, id: Uuid) -> StoreResult<Option<CourseSession>> {
        let row = course_session::Entity::find_by_id(id)
            .filter(course_session::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(session_from).transpose()
    }

    async fn course_sessions(&self, course_id: Uuid) -> StoreResult<Vec<CourseSession>> {
        let rows = course_session::Entity::find()
            .filter(course_session::Column::CourseId.eq(course_id))
            .filter(course_session::Column::DeletedAt.is_null())
            .order_by_asc(course_session::Column::HeldOn)
            .order_by_asc(course_session::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(session_from).collect()
    }

    async fn course_enrollments(&self, course_id: Uuid) -> StoreResult<Vec<Enrollment>> {
        let rows = course_enrollment::Entity::find()
            .filter(course_enrollment::Column::CourseId.eq(course_id))
            .filter(course_enrollment::Column::DeletedAt.is_null())
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(enrollment_from).collect())
    }

    async fn helper_enrollments(&self, helper_id: Uuid) -> StoreResult<Vec<Enrollment>> {
        let rows = course_enrollment::Entity::find()
            .filter(course_enrollment::Column::HelperId.eq(helper_id))
            .filter(course_enrollment::Column::DeletedAt.is_null())
            .order_by_asc(course_enrollment::Column::CreatedAt)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(enrollment_from).collect())
    }

    async fn session_attendance(&self, session_ids: &[Uuid]) -> StoreResult<Vec<Attendance>> {
        if session_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = attendance::Entity::find()
            .filter(attendance::Column::SessionId.is_in(session_ids.to_vec()))
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(attendance_from).collect()
    }

    async fn get_assignment(&self, id: Uuid) -> StoreResult<Option<Assignment>> {
        let row = assignment::Entity::find_by_id(id)
            .filter(assignment::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        Ok(row.map(assignment_from))
    }

    async fn family_assignments(&self, family_id: Uuid) -> StoreResult<Vec<Assignment>> {
        let rows = assignment::Entity::find()
            .filter(assignment::Column::FamilyId.eq(family_id))
            .filter(assignment::Column::DeletedAt.is_null())
            .order_by_desc(assignment::Column::CreatedAt)
            .order_by_desc(assignment::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(assignment_from).collect())
    }

    async fn helper_assignments(&self, helper_ids: &[Uuid]) -> StoreResult<Vec<Assignment>> {
        if helper_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = assignment::Entity::find()
            .filter(assignment::Column::HelperId.is_in(helper_ids.to_vec()))
            .filter(assignment::Column::DeletedAt.is_null())
            .filter(assignment::Column::FamilyId.in_subquery(live_families()))
            .order_by_desc(assignment::Column::CreatedAt)
            .order_by_desc(assignment::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(assignment_from).collect())
    }

    async fn assigned_families(&self, user_id: Uuid, on: NaiveDate) -> StoreResult<Vec<Uuid>> {
        let rows = self.conn.query_all(&active_assignment_families(user_id, on)).await.map_err(backend)?;
        rows.iter().map(|r| r.try_get::<Uuid>("", "family_id").map_err(backend)).collect()
    }
}
