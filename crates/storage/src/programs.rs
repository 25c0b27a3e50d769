//! General assistance — group programs, their sessions, walk-in
//! participants, registrations and attendance — for both backends.
//!
//! Programs, sessions and walk-ins are organizational records of their
//! center (and its headquarters); registrations and attendance lines of a
//! registry member are logged with the member's family, so its history and
//! offline pulls see them, and otherwise with the program's center.

use crate::{
    Db,
    convert::{coded, corrupt, domain_of, sync_meta},
    entity::{program, program_attendance, program_registration, program_session, program_walk_in},
    helpers::{op_of, put},
    stores::{Change, backend, log_change, log_family_change},
};
use async_trait::async_trait;
use chrono::NaiveDate;
use hamyar_application::{
    model::{
        Program, ProgramAttendance, ProgramSession, ProgramsWrite, Registration, SyncMeta, WalkIn, WriteContext,
        target_from_json, target_json,
    },
    ports::{ProgramStore, StoreError, StoreResult},
};
use hamyar_domain::{family::Sex, programs::ProgramKind};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait, NullOrdering, Order, Query},
};
use std::collections::HashMap;
use uuid::Uuid;

/// A stored count (capacity, reach) back.
fn count_of(what: &str, value: Option<i64>) -> StoreResult<Option<u32>> {
    value.map(|v| u32::try_from(v).map_err(|_| corrupt(what, &v.to_string()))).transpose()
}

fn program_from(m: program::Model) -> StoreResult<Program> {
    let raw: serde_json::Value = serde_json::from_str(&m.target).map_err(|_| corrupt("program target", &m.target))?;
    Ok(Program {
        kind: coded("program kind", &m.kind, ProgramKind::parse)?,
        domain: domain_of(&m.domain)?,
        target: target_from_json(&raw).ok_or_else(|| corrupt("program target", &m.target))?,
        capacity: count_of("program capacity", m.capacity)?,
        reported_reach: count_of("program reach", m.reported_reach)?,
        id: m.id,
        hq_id: m.hq_id,
        center_id: m.center_id,
        topic: m.topic,
        topic_key: m.topic_key,
        description: m.description,
        organizer_center_id: m.organizer_center_id,
        organizer_resource_id: m.organizer_resource_id,
        place: m.place,
        online_link: m.online_link,
        facilitator: m.facilitator,
        channel: m.channel,
        starts_on: m.starts_on,
        ends_on: m.ends_on,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn program_to(p: &Program) -> program::Model {
    program::Model {
        id: p.id,
        hq_id: p.hq_id,
        center_id: p.center_id,
        kind: p.kind.code().to_owned(),
        domain: p.domain.code().to_owned(),
        topic: p.topic.clone(),
        topic_key: p.topic_key.clone(),
        description: p.description.clone(),
        organizer_center_id: p.organizer_center_id,
        organizer_resource_id: p.organizer_resource_id,
        target: target_json(&p.target).to_string(),
        place: p.place.clone(),
        online_link: p.online_link.clone(),
        capacity: p.capacity.map(i64::from),
        facilitator: p.facilitator.clone(),
        channel: p.channel.clone(),
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        reported_reach: p.reported_reach.map(i64::from),
        version: p.meta.version,
        created_at: p.meta.created_at,
        updated_at: p.meta.updated_at,
        deleted_at: p.meta.deleted_at,
    }
}

fn program_json(p: &Program) -> serde_json::Value {
    serde_json::json!({
        "hq_id": p.hq_id, "center_id": p.center_id, "kind": p.kind.code(), "domain": p.domain.code(),
        "topic": p.topic, "topic_key": p.topic_key, "description": p.description,
        "organizer_center_id": p.organizer_center_id, "organizer_resource_id": p.organizer_resource_id,
        "target": target_json(&p.target), "place": p.place, "online_link": p.online_link, "capacity": p.capacity,
        "facilitator": p.facilitator, "channel": p.channel, "starts_on": p.starts_on, "ends_on": p.ends_on,
        "reported_reach": p.reported_reach,
    })
}

fn session_from(m: program_session::Model) -> ProgramSession {
    ProgramSession {
        id: m.id,
        program_id: m.program_id,
        held_on: m.held_on,
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        title: m.title,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    }
}

fn session_to(s: &ProgramSession) -> program_session::Model {
    program_session::Model {
        id: s.id,
        program_id: s.program_id,
        held_on: s.held_on,
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        title: s.title.clone(),
        version: s.meta.version,
        created_at: s.meta.created_at,
        updated_at: s.meta.updated_at,
        deleted_at: s.meta.deleted_at,
    }
}

fn walk_in_from(m: program_walk_in::Model) -> StoreResult<WalkIn> {
    Ok(WalkIn {
        sex: coded("walk-in sex", &m.sex, Sex::parse)?,
        birth_year: m
            .birth_year
            .map(|y| i32::try_from(y).map_err(|_| corrupt("walk-in birth year", &y.to_string())))
            .transpose()?,
        id: m.id,
        center_id: m.center_id,
        first_name: m.first_name,
        last_name: m.last_name,
        mobile: m.mobile,
        neighborhood: m.neighborhood,
        member_id: m.member_id,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    })
}

fn walk_in_to(w: &WalkIn) -> program_walk_in::Model {
    program_walk_in::Model {
        id: w.id,
        center_id: w.center_id,
        first_name: w.first_name.clone(),
        last_name: w.last_name.clone(),
        mobile: w.mobile.clone(),
        sex: w.sex.code().to_owned(),
        birth_year: w.birth_year.map(i64::from),
        neighborhood: w.neighborhood.clone(),
        member_id: w.member_id,
        version: w.meta.version,
        created_at: w.meta.created_at,
        updated_at: w.meta.updated_at,
        deleted_at: w.meta.deleted_at,
    }
}

fn registration_from(m: program_registration::Model) -> Registration {
    Registration {
        id: m.id,
        program_id: m.program_id,
        member_id: m.member_id,
        family_id: m.family_id,
        walk_in_id: m.walk_in_id,
        partner_id: m.partner_id,
        registered_by: m.registered_by,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    }
}

fn registration_to(r: &Registration) -> program_registration::Model {
    program_registration::Model {
        id: r.id,
        program_id: r.program_id,
        member_id: r.member_id,
        family_id: r.family_id,
        walk_in_id: r.walk_in_id,
        partner_id: r.partner_id,
        registered_by: r.registered_by,
        version: r.meta.version,
        created_at: r.meta.created_at,
        updated_at: r.meta.updated_at,
        deleted_at: r.meta.deleted_at,
    }
}

fn attendance_from(m: program_attendance::Model) -> ProgramAttendance {
    ProgramAttendance {
        id: m.id,
        session_id: m.session_id,
        registration_id: m.registration_id,
        present: m.present,
        family_id: m.family_id,
        meta: sync_meta(m.version, m.created_at, m.updated_at, m.deleted_at),
    }
}

fn attendance_to(a: &ProgramAttendance) -> program_attendance::Model {
    program_attendance::Model {
        id: a.id,
        session_id: a.session_id,
        registration_id: a.registration_id,
        present: a.present,
        family_id: a.family_id,
        version: a.meta.version,
        created_at: a.meta.created_at,
        updated_at: a.meta.updated_at,
        deleted_at: a.meta.deleted_at,
    }
}

/// Where the records of one write belong (headquarters, center), looked up
/// once each.
#[derive(Default)]
struct Places {
    center_hq: HashMap<Uuid, Uuid>,
    /// A program's headquarters and center.
    program: HashMap<Uuid, (Uuid, Uuid)>,
    /// A session's program.
    session: HashMap<Uuid, Uuid>,
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

    /// The headquarters and center of a program.
    async fn of_program<C: ConnectionTrait>(&mut self, conn: &C, program_id: Uuid) -> StoreResult<(Uuid, Uuid)> {
        if let Some(place) = self.program.get(&program_id) {
            return Ok(*place);
        }
        let p =
            program::Entity::find_by_id(program_id).one(conn).await.map_err(backend)?.ok_or(StoreError::NotFound)?;
        self.program.insert(program_id, (p.hq_id, p.center_id));
        Ok((p.hq_id, p.center_id))
    }

    /// The program of a session.
    async fn program_of_session<C: ConnectionTrait>(&mut self, conn: &C, session_id: Uuid) -> StoreResult<Uuid> {
        if let Some(program_id) = self.session.get(&session_id) {
            return Ok(*program_id);
        }
        let program_id = program_session::Entity::find_by_id(session_id)
            .one(conn)
            .await
            .map_err(backend)?
            .ok_or(StoreError::NotFound)?
            .program_id;
        self.session.insert(session_id, program_id);
        Ok(program_id)
    }
}

/// A record of a program (a session, registration or attendance line), as
/// its change-log entry names it: at the program's center, with a family
/// when it is a registry member's.
struct ProgramRecord<'a> {
    entity: &'static str,
    id: Uuid,
    meta: &'a SyncMeta,
    program_id: Uuid,
    family_id: Option<Uuid>,
}

impl ProgramRecord<'_> {
    /// Logs the write (with its family, if any); `data` is the record's
    /// snapshot.
    async fn log<C: ConnectionTrait>(
        &self,
        conn: &C,
        ctx: WriteContext,
        places: &mut Places,
        data: serde_json::Value,
    ) -> StoreResult<()> {
        let (hq, center) = places.of_program(conn, self.program_id).await?;
        let change = Change {
            entity: self.entity,
            entity_id: self.id,
            op: op_of(self.meta),
            version: self.meta.version,
            hq_id: Some(hq),
            center_id: Some(center),
            data,
        };
        log_family_change(conn, ctx, (change, self.family_id, None)).await
    }
}

#[async_trait]
impl ProgramStore for Db {
    async fn save_programs(&self, ctx: WriteContext, w: &ProgramsWrite) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let mut places = Places::default();
        // Referenced records first: programs and walk-ins, then sessions
        // and registrations, then attendance.
        for p in &w.programs {
            put(&txn, program_to(p).into_active_model(), p.id, p.meta.version).await?;
            places.program.insert(p.id, (p.hq_id, p.center_id));
            let change = Change {
                entity: "program",
                entity_id: p.id,
                op: op_of(&p.meta),
                version: p.meta.version,
                hq_id: Some(p.hq_id),
                center_id: Some(p.center_id),
                data: program_json(p),
            };
            log_change(&txn, ctx, change).await?;
        }
        for s in &w.sessions {
            put(&txn, session_to(s).into_active_model(), s.id, s.meta.version).await?;
            places.session.insert(s.id, s.program_id);
            let record = ProgramRecord {
                entity: "program_session",
                id: s.id,
                meta: &s.meta,
                program_id: s.program_id,
                family_id: None,
            };
            let data = serde_json::json!({
                "program_id": s.program_id, "held_on": s.held_on, "starts_at": s.starts_at, "ends_at": s.ends_at,
                "title": s.title,
            });
            record.log(&txn, ctx, &mut places, data).await?;
        }
        for x in &w.walk_ins {
            put(&txn, walk_in_to(x).into_active_model(), x.id, x.meta.version).await?;
            let hq = places.hq_of_center(&txn, x.center_id).await?;
            let change = Change {
                entity: "program_walk_in",
                entity_id: x.id,
                op: op_of(&x.meta),
                version: x.meta.version,
                hq_id: Some(hq),
                center_id: Some(x.center_id),
                data: serde_json::json!({
                    "center_id": x.center_id, "first_name": x.first_name, "last_name": x.last_name,
                    "mobile": x.mobile, "sex": x.sex.code(), "birth_year": x.birth_year,
                    "neighborhood": x.neighborhood, "member_id": x.member_id,
                }),
            };
            log_change(&txn, ctx, change).await?;
        }
        for r in &w.registrations {
            put(&txn, registration_to(r).into_active_model(), r.id, r.meta.version).await?;
            let record = ProgramRecord {
                entity: "program_registration",
                id: r.id,
                meta: &r.meta,
                program_id: r.program_id,
                family_id: r.family_id,
            };
            let data = serde_json::json!({
                "program_id": r.program_id, "member_id": r.member_id, "family_id": r.family_id,
                "walk_in_id": r.walk_in_id, "partner_id": r.partner_id, "registered_by": r.registered_by,
            });
            record.log(&txn, ctx, &mut places, data).await?;
        }
        for a in &w.attendance {
            put(&txn, attendance_to(a).into_active_model(), a.id, a.meta.version).await?;
            let program_id = places.program_of_session(&txn, a.session_id).await?;
            let record = ProgramRecord {
                entity: "program_attendance",
                id: a.id,
                meta: &a.meta,
                program_id,
                family_id: a.family_id,
            };
            let data = serde_json::json!({
                "session_id": a.session_id, "registration_id": a.registration_id, "present": a.present,
                "family_id": a.family_id,
            });
            record.log(&txn, ctx, &mut places, data).await?;
        }
        txn.commit().await.map_err(backend)
    }

    async fn get_program(&self, id: Uuid) -> StoreResult<Option<Program>> {
        let row = program::Entity::find_by_id(id)
            .filter(program::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(program_from).transpose()
    }

    async fn center_programs(&self, center_ids: &[Uuid]) -> StoreResult<Vec<Program>> {
        if center_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = program::Entity::find()
            .filter(program::Column::CenterId.is_in(center_ids.to_vec()))
            .filter(program::Column::DeletedAt.is_null())
            .order_by_desc(program::Column::CreatedAt)
            .order_by_desc(program::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(program_from).collect()
    }

    async fn get_program_session(&self, id: Uuid) -> StoreResult<Option<ProgramSession>> {
        let row = program_session::Entity::find_by_id(id)
            .filter(program_session::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        Ok(row.map(session_from))
    }

    async fn program_sessions(&self, program_ids: &[Uuid]) -> StoreResult<Vec<ProgramSession>> {
        if program_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = program_session::Entity::find()
            .filter(program_session::Column::ProgramId.is_in(program_ids.to_vec()))
            .filter(program_session::Column::DeletedAt.is_null())
            .order_by_asc(program_session::Column::HeldOn)
            // Sessions of no set time first on both backends (PostgreSQL
            // would put them last).
            .order_by_with_nulls(program_session::Column::StartsAt, Order::Asc, NullOrdering::First)
            .order_by_asc(program_session::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(session_from).collect())
    }

    async fn get_walk_in(&self, id: Uuid) -> StoreResult<Option<WalkIn>> {
        let row = program_walk_in::Entity::find_by_id(id)
            .filter(program_walk_in::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(walk_in_from).transpose()
    }

    async fn walk_ins(&self, ids: &[Uuid]) -> StoreResult<Vec<WalkIn>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = program_walk_in::Entity::find()
            .filter(program_walk_in::Column::Id.is_in(ids.to_vec()))
            .filter(program_walk_in::Column::DeletedAt.is_null())
            .order_by_asc(program_walk_in::Column::CreatedAt)
            .order_by_asc(program_walk_in::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(walk_in_from).collect()
    }

    async fn get_registration(&self, id: Uuid) -> StoreResult<Option<Registration>> {
        let row = program_registration::Entity::find_by_id(id)
            .filter(program_registration::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        Ok(row.map(registration_from))
    }

    async fn program_registrations(&self, program_ids: &[Uuid]) -> StoreResult<Vec<Registration>> {
        if program_ids.is_empty() {
            return Ok(Vec::new());
        }
        self.registrations_where(program_registration::Column::ProgramId.is_in(program_ids.to_vec())).await
    }

    async fn member_registrations(&self, member_ids: &[Uuid]) -> StoreResult<Vec<Registration>> {
        if member_ids.is_empty() {
            return Ok(Vec::new());
        }
        self.registrations_where(program_registration::Column::MemberId.is_in(member_ids.to_vec())).await
    }

    async fn program_attendance(&self, session_ids: &[Uuid]) -> StoreResult<Vec<ProgramAttendance>> {
        if session_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = program_attendance::Entity::find()
            .filter(program_attendance::Column::SessionId.is_in(session_ids.to_vec()))
            .filter(program_attendance::Column::DeletedAt.is_null())
            .order_by_asc(program_attendance::Column::CreatedAt)
            .order_by_asc(program_attendance::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(attendance_from).collect())
    }

    async fn attended_topic_since(&self, hq_id: Uuid, topic_key: &str, since: NaiveDate) -> StoreResult<Vec<Uuid>> {
        use program_attendance as at;
        use program_registration as reg;
        use program_session as ses;
        // Live lines marked present, of live sessions on or after `since`,
        // of live registrations of members, of live programs of the topic.
        let mut select = Query::select();
        select
            .distinct()
            .column((reg::Entity, reg::Column::MemberId))
            .from(at::Entity)
            .inner_join(
                ses::Entity,
                Expr::col((ses::Entity, ses::Column::Id)).equals((at::Entity, at::Column::SessionId)),
            )
            .inner_join(
                reg::Entity,
                Expr::col((reg::Entity, reg::Column::Id)).equals((at::Entity, at::Column::RegistrationId)),
            )
            .inner_join(
                program::Entity,
                Expr::col((program::Entity, program::Column::Id)).equals((ses::Entity, ses::Column::ProgramId)),
            )
            .and_where(Expr::col((at::Entity, at::Column::Present)).eq(true))
            .and_where(Expr::col((at::Entity, at::Column::DeletedAt)).is_null())
            .and_where(Expr::col((ses::Entity, ses::Column::DeletedAt)).is_null())
            .and_where(Expr::col((ses::Entity, ses::Column::HeldOn)).gte(since))
            .and_where(Expr::col((reg::Entity, reg::Column::DeletedAt)).is_null())
            .and_where(Expr::col((reg::Entity, reg::Column::MemberId)).is_not_null())
            .and_where(Expr::col((program::Entity, program::Column::DeletedAt)).is_null())
            .and_where(Expr::col((program::Entity, program::Column::HqId)).eq(hq_id))
            .and_where(Expr::col((program::Entity, program::Column::TopicKey)).eq(topic_key))
            .order_by((reg::Entity, reg::Column::MemberId), Order::Asc);
        let rows = self.conn.query_all(&select).await.map_err(backend)?;
        rows.iter().map(|r| r.try_get::<Uuid>("", "member_id").map_err(backend)).collect()
    }
}

impl Db {
    /// Live registrations meeting `condition`, in the order they were made.
    async fn registrations_where(
        &self,
        condition: impl sea_orm::sea_query::IntoCondition,
    ) -> StoreResult<Vec<Registration>> {
        let rows = program_registration::Entity::find()
            .filter(condition)
            .filter(program_registration::Column::DeletedAt.is_null())
            .order_by_asc(program_registration::Column::CreatedAt)
            .order_by_asc(program_registration::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(registration_from).collect())
    }
}
