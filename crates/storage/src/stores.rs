//! The application's ports, implemented once for both backends.

use crate::{
    Db,
    convert::{
        center_from, center_to, family_from, family_json, family_to, headquarters_from, member_from, member_json,
        member_to, session_from, session_to, user_from,
    },
    entity::{
        center, change_log, duplicate_dismissal, family, family_access, family_member, family_source, family_tier,
        headquarters, session, user,
    },
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hamyar_application::{
    model::{
        AssignmentFilter, Center, Family, FamilyChange, FamilyDerived, FamilyListItem, FamilyQuery, FamilySource,
        Headquarters, Member, MemberOp, MutationOrigin, Session, TierFilter, User, WriteContext,
    },
    ports::{
        AssessmentStore, ChangeEntry, ChangeLogStore, FamilyStore, OrgStore, Scope, SessionStore, StoreError,
        StoreResult, UniqueKey, UserStore,
    },
};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, IntoActiveModel, Order, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, SqlErr, Statement,
    sea_query::{Expr, ExprTrait, LikeExpr, Query},
};
use std::collections::HashMap;
use uuid::Uuid;

pub(crate) fn backend(e: DbErr) -> StoreError {
    match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(msg)) if msg.contains("assignments") => {
            StoreError::Duplicate(UniqueKey::OpenAssignment)
        }
        Some(SqlErr::UniqueConstraintViolation(msg)) if msg.contains("username") => {
            StoreError::Duplicate(UniqueKey::Username)
        }
        Some(SqlErr::UniqueConstraintViolation(msg)) if msg.contains("national_id") => {
            StoreError::Duplicate(UniqueKey::NationalId)
        }
        Some(SqlErr::UniqueConstraintViolation(msg)) if msg.contains("code") => StoreError::Duplicate(UniqueKey::Code),
        // Another unique key (an enrollment, an attendance line, a device, a
        // headquarters' rules): two writers raced to create the same thing.
        Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Duplicate(UniqueKey::Other),
        _ => StoreError::Backend(e.to_string()),
    }
}

/// What one change-log entry says about a write.
pub(crate) struct Change<'a> {
    pub entity: &'a str,
    pub entity_id: Uuid,
    pub op: &'a str,
    pub version: i64,
    pub hq_id: Option<Uuid>,
    pub center_id: Option<Uuid>,
    pub data: serde_json::Value,
}

impl Change<'_> {
    /// An organizational record: no family.
    fn org(self) -> (Self, Option<Uuid>, Option<Uuid>) {
        (self, None, None)
    }
}

pub(crate) async fn log_change<C: ConnectionTrait>(conn: &C, ctx: WriteContext, change: Change<'_>) -> StoreResult<()> {
    log_family_change(conn, ctx, change.org()).await
}

/// The change-log row for a write; `family`/`prior` say which family a
/// registry record belongs to now and, for a move, before.
fn log_row(
    ctx: WriteContext,
    (change, family, prior): (Change<'_>, Option<Uuid>, Option<Uuid>),
) -> change_log::ActiveModel {
    change_log::ActiveModel {
        seq: sea_orm::ActiveValue::NotSet,
        entity: Set(change.entity.to_owned()),
        entity_id: Set(change.entity_id),
        op: Set(change.op.to_owned()),
        version: Set(change.version),
        actor_id: Set(ctx.actor),
        hq_id: Set(change.hq_id),
        center_id: Set(change.center_id),
        family_id: Set(family),
        prior_family_id: Set(prior),
        at: Set(ctx.at),
        data: Set(change.data.to_string()),
        mutation_id: Set(ctx.origin.map(|o| o.mutation_id)),
        device_id: Set(ctx.origin.map(|o| o.device_id)),
        device_seq: Set(ctx.origin.map(|o| o.device_seq)),
        device_time: Set(ctx.origin.and_then(|o| o.device_time)),
    }
}

/// Appends one entry to the change log.
pub(crate) async fn log_family_change<C: ConnectionTrait>(
    conn: &C,
    ctx: WriteContext,
    entry: (Change<'_>, Option<Uuid>, Option<Uuid>),
) -> StoreResult<()> {
    log_row(ctx, entry).insert(conn).await.map_err(backend)?;
    Ok(())
}

/// Multi-row insert statements, in chunks that stay under both backends'
/// limit on bound parameters, handed to `send` one by one. Stops early (and
/// says so) when `send` refuses one.
pub(crate) fn insert_statements<A>(db: DbBackend, rows: Vec<A>, send: &mut impl FnMut(Statement) -> bool) -> bool
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(500).collect();
        if !send(<A::Entity as EntityTrait>::insert_many(chunk).build(db)) {
            return false;
        }
    }
    true
}

/// The inserts that write new families with their sources and members,
/// each logged as created, in an order the foreign keys accept.
fn new_family_inserts(
    db: DbBackend,
    ctx: WriteContext,
    families: &[(Family, Vec<Member>, FamilyDerived)],
    hq_of: &HashMap<Uuid, Uuid>,
    mut send: impl FnMut(Statement) -> bool,
) -> StoreResult<()> {
    let (mut family_rows, mut source_rows, mut member_rows, mut log_rows) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (f, members, derived) in families {
        let hq = *hq_of.get(&f.center_id).ok_or(StoreError::NotFound)?;
        family_rows.push(family_to(f, derived).into_active_model());
        for source in &f.sources {
            let row = family_source::Model {
                id: Uuid::now_v7(),
                family_id: f.id,
                center_id: f.center_id,
                organization: source.organization.clone(),
                reference: source.reference.clone(),
            };
            source_rows.push(row.into_active_model());
        }
        let entry = Change {
            entity: "family",
            entity_id: f.id,
            op: "create",
            version: 1,
            hq_id: Some(hq),
            center_id: Some(f.center_id),
            data: family_json(f),
        };
        log_rows.push(log_row(ctx, (entry, Some(f.id), None)));
        for m in members {
            member_rows.push(member_to(m, hq).into_active_model());
            let entry = Change {
                entity: "family_member",
                entity_id: m.id,
                op: "create",
                version: 1,
                hq_id: Some(hq),
                center_id: Some(f.center_id),
                data: member_json(m),
            };
            log_rows.push(log_row(ctx, (entry, Some(f.id), None)));
        }
    }
    let _ = insert_statements(db, family_rows, &mut send)
        && insert_statements(db, source_rows, &mut send)
        && insert_statements(db, member_rows, &mut send)
        && insert_statements(db, log_rows, &mut send);
    Ok(())
}

fn headquarters_json(h: &Headquarters) -> serde_json::Value {
    serde_json::json!({ "code": h.code, "name": h.name, "level": h.level.code() })
}

fn center_json(c: &Center) -> serde_json::Value {
    serde_json::json!({
        "hq_id": c.hq_id, "code": c.code, "name": c.name, "host_body": c.host_body.code(),
        "neighborhood": c.neighborhood, "address": c.address, "opened_on": c.opened_on,
    })
}

fn user_json(u: &User) -> serde_json::Value {
    serde_json::json!({
        "username": u.username, "display_name": u.display_name, "role": u.role.code(),
        "hq_id": u.hq_id, "center_id": u.center_id, "disabled": u.disabled,
    })
}

/// Inserts a user and logs it, inside the caller's transaction.
pub(crate) async fn insert_user_in<C: ConnectionTrait>(
    conn: &C,
    ctx: WriteContext,
    u: &User,
    password_hash: &str,
) -> StoreResult<()> {
    user_model(u, password_hash).into_active_model().insert(conn).await.map_err(backend)?;
    let change = Change {
        entity: "user",
        entity_id: u.id,
        op: "create",
        version: u.meta.version,
        hq_id: u.hq_id,
        center_id: u.center_id,
        data: user_json(u),
    };
    log_change(conn, ctx, change).await
}

/// Writes a user's name and enabled state if the stored version is the
/// one before, and logs it; false when no row matched.
pub(crate) async fn update_user_in<C: ConnectionTrait>(conn: &C, ctx: WriteContext, u: &User) -> StoreResult<bool> {
    let updated = user::Entity::update_many()
        .col_expr(user::Column::DisplayName, Expr::value(u.display_name.clone()))
        .col_expr(user::Column::Disabled, Expr::value(u.disabled))
        .col_expr(user::Column::Version, Expr::value(u.meta.version))
        .col_expr(user::Column::UpdatedAt, Expr::value(u.meta.updated_at))
        .filter(user::Column::Id.eq(u.id))
        .filter(user::Column::Version.eq(u.meta.version - 1))
        .exec(conn)
        .await
        .map_err(backend)?;
    if updated.rows_affected == 0 {
        return Ok(false);
    }
    let change = Change {
        entity: "user",
        entity_id: u.id,
        op: "update",
        version: u.meta.version,
        hq_id: u.hq_id,
        center_id: u.center_id,
        data: user_json(u),
    };
    log_change(conn, ctx, change).await?;
    Ok(true)
}

fn user_model(u: &User, password_hash: &str) -> user::Model {
    user::Model {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role.code().to_owned(),
        hq_id: u.hq_id,
        center_id: u.center_id,
        password_hash: password_hash.to_owned(),
        disabled: u.disabled,
        version: u.meta.version,
        created_at: u.meta.created_at,
        updated_at: u.meta.updated_at,
        deleted_at: u.meta.deleted_at,
    }
}

/// `<table>.<column>` for `ORDER BY`, in Persian alphabetical order rather
/// than by code point: SQLite's `fa` collation is registered at connect time
/// (`hamyar_domain::persian::compare`); PostgreSQL has ICU's `fa-IR-x-icu`.
fn persian_order(backend: DbBackend, table: &str, column: &str) -> Expr {
    let collation = match backend {
        DbBackend::Postgres => "\"fa-IR-x-icu\"",
        _ => "fa",
    };
    Expr::cust(format!("\"{table}\".\"{column}\" COLLATE {collation}"))
}

/// Ids of the centers under a headquarters, as a subquery.
pub(crate) fn centers_of(hq: Uuid) -> sea_orm::sea_query::SelectStatement {
    Query::select().column(center::Column::Id).from(center::Entity).and_where(center::Column::HqId.eq(hq)).to_owned()
}

impl Db {
    /// After a conditional update touched no row: was the row gone, or moved on?
    async fn conflict_or_missing<E: EntityTrait>(&self, id: Uuid) -> StoreError
    where
        <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        match E::find_by_id(id).one(&self.conn).await {
            Ok(Some(_)) => StoreError::VersionConflict,
            Ok(None) => StoreError::NotFound,
            Err(e) => backend(e),
        }
    }
}

#[async_trait]
impl OrgStore for Db {
    async fn insert_headquarters(&self, ctx: WriteContext, hq: &Headquarters) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        headquarters::Model {
            id: hq.id,
            code: hq.code.clone(),
            name: hq.name.clone(),
            level: hq.level.code().to_owned(),
            version: hq.meta.version,
            created_at: hq.meta.created_at,
            updated_at: hq.meta.updated_at,
            deleted_at: hq.meta.deleted_at,
        }
        .into_active_model()
        .insert(&txn)
        .await
        .map_err(backend)?;
        let change = Change {
            entity: "headquarters",
            entity_id: hq.id,
            op: "create",
            version: hq.meta.version,
            hq_id: Some(hq.id),
            center_id: None,
            data: headquarters_json(hq),
        };
        log_change(&txn, ctx, change).await?;
        txn.commit().await.map_err(backend)
    }

    async fn get_headquarters(&self, id: Uuid) -> StoreResult<Option<Headquarters>> {
        let found = headquarters::Entity::find_by_id(id)
            .filter(headquarters::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        found.map(headquarters_from).transpose()
    }

    async fn find_headquarters_by_code(&self, code: &str) -> StoreResult<Option<Headquarters>> {
        let found = headquarters::Entity::find()
            .filter(headquarters::Column::Code.eq(code))
            .one(&self.conn)
            .await
            .map_err(backend)?;
        found.map(headquarters_from).transpose()
    }

    async fn list_headquarters(&self, scope: Scope) -> StoreResult<Vec<Headquarters>> {
        let query = headquarters::Entity::find().filter(headquarters::Column::DeletedAt.is_null());
        let query = match scope {
            Scope::Everything => query,
            Scope::Headquarters(id) => query.filter(headquarters::Column::Id.eq(id)),
            Scope::Center(id) => query.filter(
                headquarters::Column::Id.in_subquery(
                    Query::select()
                        .column(center::Column::HqId)
                        .from(center::Entity)
                        .and_where(center::Column::Id.eq(id))
                        .to_owned(),
                ),
            ),
            Scope::Nothing | Scope::AssignedTo { .. } => return Ok(Vec::new()),
        };
        let rows = query
            .order_by(persian_order(self.backend(), "headquarters", "name"), Order::Asc)
            .order_by_asc(headquarters::Column::Code)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(headquarters_from).collect()
    }

    async fn insert_center(&self, ctx: WriteContext, c: &Center) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        center_to(c).into_active_model().insert(&txn).await.map_err(backend)?;
        let change = Change {
            entity: "center",
            entity_id: c.id,
            op: "create",
            version: c.meta.version,
            hq_id: Some(c.hq_id),
            center_id: Some(c.id),
            data: center_json(c),
        };
        log_change(&txn, ctx, change).await?;
        txn.commit().await.map_err(backend)
    }

    async fn update_center(&self, ctx: WriteContext, c: &Center) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let mut row = center_to(c).into_active_model().reset_all();
        row.id = sea_orm::ActiveValue::NotSet;
        row.created_at = sea_orm::ActiveValue::NotSet;
        let updated = center::Entity::update_many()
            .set(row)
            .filter(center::Column::Id.eq(c.id))
            .filter(center::Column::Version.eq(c.meta.version - 1))
            .exec(&txn)
            .await
            .map_err(backend)?;
        if updated.rows_affected == 0 {
            drop(txn);
            return Err(self.conflict_or_missing::<center::Entity>(c.id).await);
        }
        let change = Change {
            entity: "center",
            entity_id: c.id,
            op: "update",
            version: c.meta.version,
            hq_id: Some(c.hq_id),
            center_id: Some(c.id),
            data: center_json(c),
        };
        log_change(&txn, ctx, change).await?;
        txn.commit().await.map_err(backend)
    }

    async fn get_center(&self, id: Uuid) -> StoreResult<Option<Center>> {
        let found = center::Entity::find_by_id(id)
            .filter(center::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        found.map(center_from).transpose()
    }

    async fn find_center_by_code(&self, code: &str) -> StoreResult<Option<Center>> {
        let found =
            center::Entity::find().filter(center::Column::Code.eq(code)).one(&self.conn).await.map_err(backend)?;
        found.map(center_from).transpose()
    }

    async fn list_centers(&self, scope: Scope) -> StoreResult<Vec<Center>> {
        let query = center::Entity::find().filter(center::Column::DeletedAt.is_null());
        let query = match scope {
            Scope::Everything => query,
            Scope::Headquarters(hq) => query.filter(center::Column::HqId.eq(hq)),
            Scope::Center(id) => query.filter(center::Column::Id.eq(id)),
            Scope::Nothing | Scope::AssignedTo { .. } => return Ok(Vec::new()),
        };
        let rows = query
            .order_by(persian_order(self.backend(), "centers", "name"), Order::Asc)
            .order_by_asc(center::Column::Code)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(center_from).collect()
    }
}

#[async_trait]
impl UserStore for Db {
    async fn insert_user(&self, ctx: WriteContext, u: &User, password_hash: &str) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        insert_user_in(&txn, ctx, u, password_hash).await?;
        txn.commit().await.map_err(backend)
    }

    async fn update_user(&self, ctx: WriteContext, u: &User) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        if !update_user_in(&txn, ctx, u).await? {
            drop(txn);
            return Err(self.conflict_or_missing::<user::Entity>(u.id).await);
        }
        txn.commit().await.map_err(backend)
    }

    async fn set_password(&self, ctx: WriteContext, user_id: Uuid, password_hash: &str) -> StoreResult<User> {
        let txn = self.write_txn().await?;
        let current =
            user::Entity::find_by_id(user_id).one(&txn).await.map_err(backend)?.ok_or(StoreError::NotFound)?;
        let mut row = current.clone().into_active_model();
        row.password_hash = Set(password_hash.to_owned());
        row.version = Set(current.version + 1);
        row.updated_at = Set(ctx.at);
        let saved = row.update(&txn).await.map_err(backend)?;
        session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(&txn).await.map_err(backend)?;
        let saved = user_from(saved)?;
        let mut data = user_json(&saved);
        data["password_changed"] = serde_json::Value::Bool(true);
        let change = Change {
            entity: "user",
            entity_id: saved.id,
            op: "update",
            version: saved.meta.version,
            hq_id: saved.hq_id,
            center_id: saved.center_id,
            data,
        };
        log_change(&txn, ctx, change).await?;
        txn.commit().await.map_err(backend)?;
        Ok(saved)
    }

    async fn get_user(&self, id: Uuid) -> StoreResult<Option<User>> {
        let found = user::Entity::find_by_id(id)
            .filter(user::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        found.map(user_from).transpose()
    }

    async fn find_credentials(&self, username: &str) -> StoreResult<Option<(User, String)>> {
        let found = user::Entity::find()
            .filter(user::Column::Username.eq(username))
            .filter(user::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        match found {
            Some(m) => {
                let hash = m.password_hash.clone();
                Ok(Some((user_from(m)?, hash)))
            }
            None => Ok(None),
        }
    }

    async fn password_hash(&self, user_id: Uuid) -> StoreResult<Option<String>> {
        let found = user::Entity::find_by_id(user_id).one(&self.conn).await.map_err(backend)?;
        Ok(found.map(|m| m.password_hash))
    }

    async fn list_users(&self, scope: Scope) -> StoreResult<Vec<User>> {
        let query = user::Entity::find().filter(user::Column::DeletedAt.is_null());
        let query = match scope {
            Scope::Everything => query,
            Scope::Headquarters(hq) => query.filter(user::Column::HqId.eq(hq)),
            Scope::Center(id) => query.filter(user::Column::CenterId.eq(id)),
            Scope::Nothing | Scope::AssignedTo { .. } => return Ok(Vec::new()),
        };
        let rows = query
            .order_by(persian_order(self.backend(), "users", "display_name"), Order::Asc)
            .order_by_asc(user::Column::Username)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(user_from).collect()
    }

    async fn users_by_ids(&self, ids: &[Uuid]) -> StoreResult<Vec<User>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut unique = ids.to_vec();
        unique.sort();
        unique.dedup();
        let rows =
            user::Entity::find().filter(user::Column::Id.is_in(unique)).all(&self.conn).await.map_err(backend)?;
        rows.into_iter().map(user_from).collect()
    }
}

#[async_trait]
impl SessionStore for Db {
    async fn insert_session(&self, s: &Session) -> StoreResult<()> {
        session_to(s).into_active_model().insert(&self.conn).await.map_err(backend)?;
        Ok(())
    }

    async fn find_session(&self, token_hash: &str) -> StoreResult<Option<Session>> {
        let found = session::Entity::find()
            .filter(session::Column::TokenHash.eq(token_hash))
            .one(&self.conn)
            .await
            .map_err(backend)?;
        Ok(found.map(session_from))
    }

    async fn touch_session(&self, id: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(at))
            .filter(session::Column::Id.eq(id))
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn delete_session(&self, id: Uuid) -> StoreResult<()> {
        session::Entity::delete_by_id(id).exec(&self.conn).await.map_err(backend)?;
        Ok(())
    }

    async fn delete_user_sessions(&self, user_id: Uuid) -> StoreResult<()> {
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(user_id))
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn delete_sessions_expired_before(&self, at: DateTime<Utc>) -> StoreResult<u64> {
        let deleted = session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lt(at))
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        Ok(deleted.rows_affected)
    }
}

impl Db {
    async fn sources_of(&self, family_ids: &[Uuid]) -> StoreResult<HashMap<Uuid, Vec<FamilySource>>> {
        let mut out: HashMap<Uuid, Vec<FamilySource>> = HashMap::new();
        if family_ids.is_empty() {
            return Ok(out);
        }
        let rows = family_source::Entity::find()
            .filter(family_source::Column::FamilyId.is_in(family_ids.to_vec()))
            .order_by_asc(family_source::Column::Organization)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        for r in rows {
            out.entry(r.family_id)
                .or_default()
                .push(FamilySource { organization: r.organization, reference: r.reference });
        }
        Ok(out)
    }

    pub(crate) async fn hq_of_center<C: ConnectionTrait>(conn: &C, center_id: Uuid) -> StoreResult<Uuid> {
        Ok(center::Entity::find_by_id(center_id).one(conn).await.map_err(backend)?.ok_or(StoreError::NotFound)?.hq_id)
    }
}

/// Inserts a record of version 1, or updates it if the stored version is
/// the one before; a lost race is a `VersionConflict`.
pub(crate) async fn write_versioned<C, A>(conn: &C, row: A, id: Uuid, version: i64) -> StoreResult<()>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    <<A::Entity as EntityTrait>::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    use sea_orm::{Iterable, sea_query::IntoIden};
    if version == 1 {
        row.insert(conn).await.map_err(backend)?;
        return Ok(());
    }
    let mut update = <A::Entity as EntityTrait>::update_many().set(row);
    // The primary key and version columns filter; both are named alike in
    // every versioned table.
    for column in <A::Entity as EntityTrait>::Column::iter() {
        let name = column.into_iden().to_string();
        if name == "id" {
            update = update.filter(Expr::col(column).eq(id));
        } else if name == "version" {
            update = update.filter(Expr::col(column).eq(version - 1));
        }
    }
    let result = update.exec(conn).await.map_err(backend)?;
    if result.rows_affected == 0 {
        return Err(match <A::Entity as EntityTrait>::find_by_id(id).one(conn).await.map_err(backend)? {
            Some(_) => StoreError::VersionConflict,
            None => StoreError::NotFound,
        });
    }
    Ok(())
}

#[async_trait]
impl FamilyStore for Db {
    async fn save_family_change(&self, ctx: WriteContext, change: &FamilyChange) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let mut hq_of: HashMap<Uuid, Uuid> = HashMap::new();
        for write in &change.families {
            let f = &write.family;
            let hq = Self::hq_of_center(&txn, f.center_id).await?;
            hq_of.insert(f.id, hq);
            if !write.changed {
                family::Entity::update_many()
                    .col_expr(family::Column::HeadName, Expr::value(write.derived.head_name.clone()))
                    .col_expr(family::Column::SearchText, Expr::value(write.derived.search_text.clone()))
                    .col_expr(family::Column::SortKey, Expr::value(write.derived.sort_key.clone()))
                    .filter(family::Column::Id.eq(f.id))
                    .exec(&txn)
                    .await
                    .map_err(backend)?;
                continue;
            }
            let mut row = family_to(f, &write.derived).into_active_model();
            if f.meta.version > 1 {
                row = row.reset_all();
                row.id = sea_orm::ActiveValue::NotSet;
                row.created_at = sea_orm::ActiveValue::NotSet;
            }
            write_versioned(&txn, row, f.id, f.meta.version).await?;
            // Sources are part of the family record: replaced with it.
            family_source::Entity::delete_many()
                .filter(family_source::Column::FamilyId.eq(f.id))
                .exec(&txn)
                .await
                .map_err(backend)?;
            for source in &f.sources {
                family_source::Model {
                    id: Uuid::now_v7(),
                    family_id: f.id,
                    center_id: f.center_id,
                    organization: source.organization.clone(),
                    reference: source.reference.clone(),
                }
                .into_active_model()
                .insert(&txn)
                .await
                .map_err(backend)?;
            }
            let entry = Change {
                entity: "family",
                entity_id: f.id,
                op: if f.meta.version == 1 { "create" } else { "update" },
                version: f.meta.version,
                hq_id: Some(hq),
                center_id: Some(f.center_id),
                data: family_json(f),
            };
            log_family_change(&txn, ctx, (entry, Some(f.id), None)).await?;
        }
        for (m, op) in &change.members {
            let center_id = change.families.iter().find(|w| w.family.id == m.family_id).map(|w| w.family.center_id);
            let center_id = match center_id {
                Some(c) => c,
                None => {
                    family::Entity::find_by_id(m.family_id)
                        .one(&txn)
                        .await
                        .map_err(backend)?
                        .ok_or(StoreError::NotFound)?
                        .center_id
                }
            };
            let hq = match hq_of.get(&m.family_id) {
                Some(h) => *h,
                None => Self::hq_of_center(&txn, center_id).await?,
            };
            let mut row = member_to(m, hq).into_active_model();
            if *op != MemberOp::Create {
                row = row.reset_all();
                row.id = sea_orm::ActiveValue::NotSet;
                row.created_at = sea_orm::ActiveValue::NotSet;
            }
            let version = if *op == MemberOp::Create { 1 } else { m.meta.version };
            write_versioned(&txn, row, m.id, version).await?;
            let (op_name, prior) = match op {
                MemberOp::Create => ("create", None),
                MemberOp::Update => ("update", None),
                MemberOp::Delete => ("delete", None),
                MemberOp::Move { from } => ("move", Some(*from)),
            };
            let entry = Change {
                entity: "family_member",
                entity_id: m.id,
                op: op_name,
                version: m.meta.version,
                hq_id: Some(hq),
                center_id: Some(center_id),
                data: member_json(m),
            };
            log_family_change(&txn, ctx, (entry, Some(m.family_id), prior)).await?;
        }
        txn.commit().await.map_err(backend)
    }

    async fn get_family(&self, id: Uuid) -> StoreResult<Option<Family>> {
        let Some(row) = family::Entity::find_by_id(id)
            .filter(family::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let sources = self.sources_of(&[id]).await?.remove(&id).unwrap_or_default();
        family_from(row, sources).map(Some)
    }

    async fn family_members(&self, family_id: Uuid) -> StoreResult<Vec<Member>> {
        let rows = family_member::Entity::find()
            .filter(family_member::Column::FamilyId.eq(family_id))
            .filter(family_member::Column::DeletedAt.is_null())
            .order_by_asc(family_member::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(member_from).collect()
    }

    async fn get_member(&self, id: Uuid) -> StoreResult<Option<Member>> {
        let row = family_member::Entity::find_by_id(id).one(&self.conn).await.map_err(backend)?;
        row.map(member_from).transpose()
    }

    async fn search_families(&self, scope: Scope, q: &FamilyQuery) -> StoreResult<(Vec<FamilyListItem>, u64)> {
        let mut query = family::Entity::find().filter(family::Column::DeletedAt.is_null());
        query = match scope {
            Scope::Everything => query,
            Scope::Headquarters(hq) => query.filter(family::Column::CenterId.in_subquery(centers_of(hq))),
            Scope::Center(id) => query.filter(family::Column::CenterId.eq(id)),
            Scope::AssignedTo { user_id, on } => {
                query.filter(family::Column::Id.in_subquery(crate::helpers::active_assignment_families(user_id, on)))
            }
            Scope::Nothing => return Ok((Vec::new(), 0)),
        };
        let sqlite = self.backend() == DbBackend::Sqlite;
        // The trigram index answers substring matches of three or more
        // characters, all words in one MATCH (FTS5 intersects them far
        // faster than one subquery per word); PostgreSQL's pg_trgm serves
        // the LIKE below as it is.
        let (indexed, scanned): (Vec<&String>, Vec<&String>) =
            q.words.iter().partition(|w| sqlite && w.chars().count() >= 3);
        if !indexed.is_empty() {
            let phrases: Vec<String> = indexed.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect();
            query = query.filter(Expr::cust_with_values(
                "families.rowid IN (SELECT rowid FROM families_fts WHERE families_fts MATCH ?)",
                [phrases.join(" ")],
            ));
        }
        for word in scanned {
            let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            query = query.filter(
                Expr::col((family::Entity, family::Column::SearchText))
                    .like(LikeExpr::new(format!("%{escaped}%")).escape('\\')),
            );
        }
        if let Some(n) = &q.neighborhood {
            query = query.filter(family::Column::Neighborhood.eq(n.as_str()));
        }
        if let Some(status) = q.status {
            query = query.filter(family::Column::Status.eq(status.code()));
        }
        if let Some(filter) = q.tier {
            let mut tiered = Query::select().column(family_tier::Column::FamilyId).from(family_tier::Entity).to_owned();
            if let Scope::Center(center) = scope {
                tiered.and_where(family_tier::Column::CenterId.eq(center));
            }
            query = match filter {
                TierFilter::Tier(tier) => {
                    tiered.and_where(family_tier::Column::Tier.eq(tier.code()));
                    query.filter(family::Column::Id.in_subquery(tiered))
                }
                TierFilter::Unassessed => query.filter(family::Column::Id.not_in_subquery(tiered)),
            };
        }
        if let Some(filter) = q.assignment {
            query = match filter {
                AssignmentFilter::Helper(helper_id, on) => {
                    query.filter(family::Column::Id.in_subquery(crate::helpers::caseload_families(Some(helper_id), on)))
                }
                AssignmentFilter::Unassigned(on) => {
                    query.filter(family::Column::Id.not_in_subquery(crate::helpers::caseload_families(None, on)))
                }
            };
        }
        let total = query.clone().count(&self.conn).await.map_err(backend)?;
        // Few hits: sort just them. SQLite would otherwise walk the
        // (center, sort key) index in order and test every family against
        // the hits — right for a broad search, slow for a narrow one.
        // (`+` keeps the index out; PostgreSQL plans this by itself.)
        let order = if sqlite && !indexed.is_empty() && total <= 10_000 {
            Expr::cust("+\"families\".\"sort_key\"")
        } else {
            Expr::col((family::Entity, family::Column::SortKey))
        };
        let rows = query
            .order_by(order, Order::Asc)
            .order_by_asc(family::Column::Id)
            .offset(q.offset)
            .limit(q.limit)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let counts: HashMap<Uuid, i64> = family_member::Entity::find()
            .select_only()
            .column(family_member::Column::FamilyId)
            .column_as(family_member::Column::Id.count(), "n")
            .filter(family_member::Column::FamilyId.is_in(ids.clone()))
            .filter(family_member::Column::DeletedAt.is_null())
            .group_by(family_member::Column::FamilyId)
            .into_tuple::<(Uuid, i64)>()
            .all(&self.conn)
            .await
            .map_err(backend)?
            .into_iter()
            .collect();
        let mut sources = self.sources_of(&ids).await?;
        let tiers = self.family_tiers(&ids).await?;
        let items = rows
            .into_iter()
            .map(|r| {
                let member_count = counts.get(&r.id).copied().unwrap_or(0);
                let head_name = r.head_name.clone();
                let family = family_from(r.clone(), sources.remove(&r.id).unwrap_or_default())?;
                Ok(FamilyListItem { family, head_name, member_count, tier: tiers.get(&r.id).copied() })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok((items, total))
    }

    async fn insert_new_families(
        &self,
        ctx: WriteContext,
        families: Vec<(Family, Vec<Member>, FamilyDerived)>,
    ) -> StoreResult<()> {
        if families.is_empty() {
            return Ok(());
        }
        let mut hq_of: HashMap<Uuid, Uuid> = HashMap::new();
        for (f, _, _) in &families {
            if let std::collections::hash_map::Entry::Vacant(e) = hq_of.entry(f.center_id) {
                e.insert(Self::hq_of_center(&self.conn, f.center_id).await?);
            }
        }
        // A bulk import is bound by building the statements and by running
        // them: one thread builds while the database runs the ones before.
        let db = self.backend();
        let (sender, mut statements) = tokio::sync::mpsc::channel::<Statement>(4);
        let builder = tokio::task::spawn_blocking(move || {
            new_family_inserts(db, ctx, &families, &hq_of, |s| sender.blocking_send(s).is_ok())
        });
        let txn = self.write_txn().await?;
        while let Some(statement) = statements.recv().await {
            // On failure the receiver is dropped, which stops the builder.
            txn.execute_raw(statement).await.map_err(backend)?;
        }
        builder.await.map_err(|e| StoreError::Backend(format!("building inserts: {e}")))??;
        txn.commit().await.map_err(backend)
    }

    async fn refresh_statistics(&self) -> StoreResult<()> {
        self.optimize().await.map_err(backend)
    }

    async fn families_by_sources(
        &self,
        center_id: Uuid,
        organization: &str,
        references: &[String],
    ) -> StoreResult<HashMap<String, Uuid>> {
        let mut out = HashMap::new();
        for chunk in references.chunks(500) {
            let rows = family_source::Entity::find()
                .filter(family_source::Column::CenterId.eq(center_id))
                .filter(family_source::Column::Organization.eq(organization))
                .filter(family_source::Column::Reference.is_in(chunk.to_vec()))
                // A correlated EXISTS: `IN (SELECT … FROM families)` makes
                // SQLite list every family for each chunk.
                .filter(Expr::cust(
                    "EXISTS (SELECT 1 FROM families f WHERE f.id = family_sources.family_id AND f.deleted_at IS NULL)",
                ))
                .all(&self.conn)
                .await
                .map_err(backend)?;
            out.extend(rows.into_iter().map(|r| (r.reference, r.family_id)));
        }
        Ok(out)
    }

    async fn members_by_national_ids(&self, hq_id: Uuid, national_ids: &[String]) -> StoreResult<Vec<Member>> {
        let mut out = Vec::new();
        for chunk in national_ids.chunks(500) {
            let rows = family_member::Entity::find()
                .filter(family_member::Column::HqId.eq(hq_id))
                .filter(family_member::Column::NationalId.is_in(chunk.to_vec()))
                .filter(family_member::Column::DeletedAt.is_null())
                .all(&self.conn)
                .await
                .map_err(backend)?;
            for r in rows {
                out.push(member_from(r)?);
            }
        }
        Ok(out)
    }

    async fn find_national_id(&self, hq_id: Uuid, national_id: &str) -> StoreResult<Option<Member>> {
        let row = family_member::Entity::find()
            .filter(family_member::Column::HqId.eq(hq_id))
            .filter(family_member::Column::NationalId.eq(national_id))
            .filter(family_member::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(member_from).transpose()
    }

    async fn family_history(&self, family_id: Uuid) -> StoreResult<Vec<ChangeEntry>> {
        let mut ids = vec![family_id];
        ids.extend(
            family::Entity::find()
                .filter(family::Column::MergedInto.eq(family_id))
                .all(&self.conn)
                .await
                .map_err(backend)?
                .into_iter()
                .map(|f| f.id),
        );
        let rows = change_log::Entity::find()
            .filter(
                Condition::any()
                    .add(change_log::Column::FamilyId.is_in(ids.clone()))
                    .add(change_log::Column::PriorFamilyId.is_in(ids)),
            )
            .order_by_desc(change_log::Column::Seq)
            .limit(1000)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(change_entry).collect())
    }

    async fn dismissed_duplicates(&self, center_id: Uuid) -> StoreResult<Vec<(Uuid, Uuid)>> {
        let rows = duplicate_dismissal::Entity::find()
            .filter(duplicate_dismissal::Column::CenterId.eq(center_id))
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(|r| (r.member_a, r.member_b)).collect())
    }

    async fn dismiss_duplicate(
        &self,
        center_id: Uuid,
        pair: (Uuid, Uuid),
        by: Option<Uuid>,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let exists = duplicate_dismissal::Entity::find()
            .filter(duplicate_dismissal::Column::MemberA.eq(pair.0))
            .filter(duplicate_dismissal::Column::MemberB.eq(pair.1))
            .one(&self.conn)
            .await
            .map_err(backend)?;
        if exists.is_none() {
            duplicate_dismissal::Model {
                id: Uuid::now_v7(),
                center_id,
                member_a: pair.0,
                member_b: pair.1,
                dismissed_by: by,
                dismissed_at: at,
            }
            .into_active_model()
            .insert(&self.conn)
            .await
            .map_err(backend)?;
        }
        Ok(())
    }

    async fn record_family_access(&self, family_id: Uuid, user_id: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
        family_access::ActiveModel {
            seq: sea_orm::ActiveValue::NotSet,
            family_id: Set(family_id),
            user_id: Set(user_id),
            at: Set(at),
        }
        .insert(&self.conn)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn last_family_access(&self, family_id: Uuid, user_id: Uuid) -> StoreResult<Option<DateTime<Utc>>> {
        let row = family_access::Entity::find()
            .filter(family_access::Column::FamilyId.eq(family_id))
            .filter(family_access::Column::UserId.eq(user_id))
            .order_by_desc(family_access::Column::Seq)
            .one(&self.conn)
            .await
            .map_err(backend)?;
        Ok(row.map(|r| r.at))
    }

    async fn record_families_access(&self, family_ids: &[Uuid], user_id: Uuid, at: DateTime<Utc>) -> StoreResult<()> {
        for chunk in family_ids.chunks(500) {
            let rows = chunk.iter().map(|id| family_access::ActiveModel {
                seq: sea_orm::ActiveValue::NotSet,
                family_id: Set(*id),
                user_id: Set(user_id),
                at: Set(at),
            });
            family_access::Entity::insert_many(rows).exec(&self.conn).await.map_err(backend)?;
        }
        Ok(())
    }

    async fn center_registry(&self, center_id: Uuid) -> StoreResult<(Vec<Family>, Vec<Member>)> {
        let rows = family::Entity::find()
            .filter(family::Column::CenterId.eq(center_id))
            .filter(family::Column::DeletedAt.is_null())
            .order_by_asc(family::Column::SortKey)
            .order_by_asc(family::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let members = family_member::Entity::find()
            .filter(
                family_member::Column::FamilyId.in_subquery(
                    Query::select()
                        .column(family::Column::Id)
                        .from(family::Entity)
                        .and_where(family::Column::CenterId.eq(center_id))
                        .to_owned(),
                ),
            )
            .filter(family_member::Column::DeletedAt.is_null())
            .order_by_asc(family_member::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let mut sources = HashMap::new();
        for chunk in ids.chunks(1000) {
            sources.extend(self.sources_of(chunk).await?);
        }
        let families = rows
            .into_iter()
            .map(|r| {
                let s = sources.remove(&r.id).unwrap_or_default();
                family_from(r, s)
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok((families, members.into_iter().map(member_from).collect::<StoreResult<Vec<_>>>()?))
    }

    async fn family_access_log(&self, family_id: Uuid, limit: u64) -> StoreResult<Vec<(DateTime<Utc>, Uuid)>> {
        let rows = family_access::Entity::find()
            .filter(family_access::Column::FamilyId.eq(family_id))
            .order_by_desc(family_access::Column::Seq)
            .limit(limit)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(|r| (r.at, r.user_id)).collect())
    }
}

pub(crate) fn change_entry(r: change_log::Model) -> ChangeEntry {
    ChangeEntry {
        data: serde_json::from_str(&r.data).unwrap_or(serde_json::Value::Null),
        seq: r.seq,
        family_id: r.family_id,
        prior_family_id: r.prior_family_id,
        entity: r.entity,
        entity_id: r.entity_id,
        op: r.op,
        version: r.version,
        actor_id: r.actor_id,
        at: r.at,
        origin: match (r.mutation_id, r.device_id) {
            (Some(mutation_id), Some(device_id)) => Some(MutationOrigin {
                mutation_id,
                device_id,
                device_seq: r.device_seq.unwrap_or_default(),
                device_time: r.device_time,
            }),
            _ => None,
        },
    }
}

#[async_trait]
impl ChangeLogStore for Db {
    async fn changes_after(&self, after: i64, limit: u64) -> StoreResult<Vec<ChangeEntry>> {
        let rows = change_log::Entity::find()
            .filter(change_log::Column::Seq.gt(after))
            .order_by_asc(change_log::Column::Seq)
            .limit(limit)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(change_entry).collect())
    }
}
