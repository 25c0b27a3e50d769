//! Offline sync records (`docs/sync.md`): mutation answers, conflicts, the
//! families each device holds, and the change-log reads pushes and pulls
//! need. One code path for both backends.

use crate::{
    Db,
    convert::corrupt,
    entity::{center, change_log, device_family, sync_conflict, sync_mutation},
    stores::{Change, backend, change_entry, log_change},
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hamyar_application::{
    model::{
        ConflictKind, ConflictResolution, DeviceFamily, MutationRecord, MutationResult, SyncConflict, SyncMeta,
        WriteContext,
    },
    ports::{ChangeEntry, StoreResult, SyncStore},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Expr,
};
use uuid::Uuid;

fn json_text(v: &serde_json::Value) -> String {
    v.to_string()
}

fn json_of(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or(serde_json::Value::Null)
}

fn mutation_from(m: sync_mutation::Model) -> StoreResult<MutationRecord> {
    Ok(MutationRecord {
        result: MutationResult::parse(&m.result).ok_or_else(|| corrupt("mutation result", &m.result))?,
        fields: json_of(&m.fields),
        id: m.id,
        device_id: m.device_id,
        device_seq: m.device_seq,
        user_id: m.user_id,
        center_id: m.center_id,
        entity: m.entity,
        entity_id: m.entity_id,
        family_id: m.family_id,
        op: m.op,
        base_version: m.base_version,
        reason: m.reason,
        message: m.message,
        version: m.version,
        review: m.review,
        device_time: m.device_time,
        received_at: m.received_at,
    })
}

fn mutation_to(r: &MutationRecord) -> sync_mutation::Model {
    sync_mutation::Model {
        id: r.id,
        device_id: r.device_id,
        device_seq: r.device_seq,
        user_id: r.user_id,
        center_id: r.center_id,
        entity: r.entity.clone(),
        entity_id: r.entity_id,
        family_id: r.family_id,
        op: r.op.clone(),
        base_version: r.base_version,
        result: r.result.code().to_owned(),
        reason: r.reason.clone(),
        message: r.message.clone(),
        version: r.version,
        review: r.review,
        fields: json_text(&r.fields),
        device_time: r.device_time,
        received_at: r.received_at,
    }
}

fn conflict_from(m: sync_conflict::Model) -> StoreResult<SyncConflict> {
    Ok(SyncConflict {
        kind: ConflictKind::parse(&m.kind).ok_or_else(|| corrupt("conflict kind", &m.kind))?,
        resolution: match m.resolution.as_deref() {
            None => None,
            Some(code) => Some(ConflictResolution::parse(code).ok_or_else(|| corrupt("conflict resolution", code))?),
        },
        winning_value: json_of(&m.winning_value),
        losing_value: json_of(&m.losing_value),
        id: m.id,
        mutation_id: m.mutation_id,
        center_id: m.center_id,
        entity: m.entity,
        entity_id: m.entity_id,
        family_id: m.family_id,
        field: m.field,
        winning_author: m.winning_author,
        losing_author: m.losing_author,
        losing_version: m.losing_version,
        device_time: m.device_time,
        resolved_at: m.resolved_at,
        resolved_by: m.resolved_by,
        meta: SyncMeta {
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: m.deleted_at,
        },
    })
}

fn conflict_to(c: &SyncConflict) -> sync_conflict::Model {
    sync_conflict::Model {
        id: c.id,
        kind: c.kind.code().to_owned(),
        mutation_id: c.mutation_id,
        center_id: c.center_id,
        entity: c.entity.clone(),
        entity_id: c.entity_id,
        family_id: c.family_id,
        field: c.field.clone(),
        winning_value: json_text(&c.winning_value),
        losing_value: json_text(&c.losing_value),
        winning_author: c.winning_author,
        losing_author: c.losing_author,
        losing_version: c.losing_version,
        device_time: c.device_time,
        resolved_at: c.resolved_at,
        resolved_by: c.resolved_by,
        resolution: c.resolution.map(|r| r.code().to_owned()),
        version: c.meta.version,
        created_at: c.meta.created_at,
        updated_at: c.meta.updated_at,
        deleted_at: c.meta.deleted_at,
    }
}

fn device_family_from(m: device_family::Model) -> DeviceFamily {
    DeviceFamily {
        device_id: m.device_id,
        family_id: m.family_id,
        first_sent_at: m.first_sent_at,
        last_sent_at: m.last_sent_at,
        removed_at: m.removed_at,
        sent_seq: m.sent_seq,
    }
}

/// Records of these families, or of the whole center.
fn of_families<C: ColumnTrait>(family_column: C, families: Option<&[Uuid]>) -> Condition {
    match families {
        Some(ids) => Condition::all().add(family_column.is_in(ids.to_vec())),
        None => Condition::all(),
    }
}

#[async_trait]
impl SyncStore for Db {
    async fn get_mutation(&self, id: Uuid) -> StoreResult<Option<MutationRecord>> {
        let row = sync_mutation::Entity::find_by_id(id).one(&self.conn).await.map_err(backend)?;
        row.map(mutation_from).transpose()
    }

    async fn record_mutation(&self, record: &MutationRecord, conflicts: &[SyncConflict]) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        sync_mutation::Entity::insert(mutation_to(record).into_active_model())
            .exec_without_returning(&txn)
            .await
            .map_err(backend)?;
        if !conflicts.is_empty() {
            let rows: Vec<sync_conflict::ActiveModel> =
                conflicts.iter().map(|c| conflict_to(c).into_active_model()).collect();
            sync_conflict::Entity::insert_many(rows).exec_without_returning(&txn).await.map_err(backend)?;
        }
        txn.commit().await.map_err(backend)
    }

    async fn mutation_changes(&self, mutation_id: Uuid) -> StoreResult<Vec<ChangeEntry>> {
        let rows = change_log::Entity::find()
            .filter(change_log::Column::MutationId.eq(mutation_id))
            .order_by_asc(change_log::Column::Seq)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(change_entry).collect())
    }

    async fn change_at_version(&self, entity_id: Uuid, version: i64) -> StoreResult<Option<ChangeEntry>> {
        let row = change_log::Entity::find()
            .filter(change_log::Column::EntityId.eq(entity_id))
            .filter(change_log::Column::Version.eq(version))
            .order_by_desc(change_log::Column::Seq)
            .one(&self.conn)
            .await
            .map_err(backend)?;
        Ok(row.map(change_entry))
    }

    async fn list_mutations(
        &self,
        center_id: Uuid,
        families: Option<&[Uuid]>,
        rejected: bool,
        review: bool,
    ) -> StoreResult<Vec<MutationRecord>> {
        let mut wanted = Condition::any();
        if rejected {
            wanted = wanted.add(sync_mutation::Column::Result.eq(MutationResult::Rejected.code()));
        }
        if review {
            wanted = wanted.add(sync_mutation::Column::Review.eq(true));
        }
        let rows = sync_mutation::Entity::find()
            .filter(sync_mutation::Column::CenterId.eq(center_id))
            .filter(of_families(sync_mutation::Column::FamilyId, families))
            .filter(wanted)
            .order_by_desc(sync_mutation::Column::ReceivedAt)
            .limit(500)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(mutation_from).collect()
    }

    async fn get_conflict(&self, id: Uuid) -> StoreResult<Option<SyncConflict>> {
        let row = sync_conflict::Entity::find_by_id(id)
            .filter(sync_conflict::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(conflict_from).transpose()
    }

    async fn mutation_conflicts(&self, mutation_id: Uuid) -> StoreResult<Vec<SyncConflict>> {
        let rows = sync_conflict::Entity::find()
            .filter(sync_conflict::Column::MutationId.eq(mutation_id))
            .order_by_asc(sync_conflict::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(conflict_from).collect()
    }

    async fn list_conflicts(
        &self,
        center_id: Uuid,
        families: Option<&[Uuid]>,
        open_only: bool,
    ) -> StoreResult<Vec<SyncConflict>> {
        let mut query = sync_conflict::Entity::find()
            .filter(sync_conflict::Column::CenterId.eq(center_id))
            .filter(sync_conflict::Column::DeletedAt.is_null())
            .filter(of_families(sync_conflict::Column::FamilyId, families));
        if open_only {
            query = query.filter(sync_conflict::Column::ResolvedAt.is_null());
        }
        let rows = query
            .order_by_desc(sync_conflict::Column::CreatedAt)
            .order_by_desc(sync_conflict::Column::Id)
            .limit(500)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(conflict_from).collect()
    }

    async fn save_conflict(&self, ctx: WriteContext, c: &SyncConflict) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        crate::helpers::put(&txn, conflict_to(c).into_active_model(), c.id, c.meta.version).await?;
        let hq_id = match c.center_id {
            Some(id) => center::Entity::find_by_id(id).one(&txn).await.map_err(backend)?.map(|m| m.hq_id),
            None => None,
        };
        let change = Change {
            entity: "sync_conflict",
            entity_id: c.id,
            op: if c.meta.version == 1 { "create" } else { "resolve" },
            version: c.meta.version,
            hq_id,
            center_id: c.center_id,
            data: serde_json::json!({
                "family_id": c.family_id, "entity": c.entity, "entity_id": c.entity_id, "field": c.field,
                "resolution": c.resolution.map(|r| r.code()), "resolved_by": c.resolved_by,
            }),
        };
        log_change(&txn, ctx, change).await?;
        txn.commit().await.map_err(backend)
    }

    async fn device_families(&self, device_id: Uuid) -> StoreResult<Vec<DeviceFamily>> {
        let rows = device_family::Entity::find()
            .filter(device_family::Column::DeviceId.eq(device_id))
            .order_by_asc(device_family::Column::FirstSentAt)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(device_family_from).collect())
    }

    async fn mark_families_sent(
        &self,
        device_id: Uuid,
        family_ids: &[Uuid],
        at: DateTime<Utc>,
        seq: i64,
    ) -> StoreResult<()> {
        if family_ids.is_empty() {
            return Ok(());
        }
        let txn = self.write_txn().await?;
        let held: Vec<Uuid> = device_family::Entity::find()
            .select_only()
            .column(device_family::Column::FamilyId)
            .filter(device_family::Column::DeviceId.eq(device_id))
            .filter(device_family::Column::FamilyId.is_in(family_ids.to_vec()))
            .into_tuple()
            .all(&txn)
            .await
            .map_err(backend)?;
        if !held.is_empty() {
            device_family::Entity::update_many()
                .col_expr(device_family::Column::LastSentAt, Expr::value(at))
                .col_expr(device_family::Column::SentSeq, Expr::value(seq))
                .col_expr(device_family::Column::RemovedAt, Expr::value(Option::<DateTime<Utc>>::None))
                .filter(device_family::Column::DeviceId.eq(device_id))
                .filter(device_family::Column::FamilyId.is_in(held.clone()))
                .exec(&txn)
                .await
                .map_err(backend)?;
        }
        let new: Vec<device_family::ActiveModel> = family_ids
            .iter()
            .filter(|id| !held.contains(id))
            .map(|family_id| device_family::ActiveModel {
                device_id: Set(device_id),
                family_id: Set(*family_id),
                first_sent_at: Set(at),
                last_sent_at: Set(at),
                removed_at: Set(None),
                sent_seq: Set(seq),
            })
            .collect();
        if !new.is_empty() {
            device_family::Entity::insert_many(new).exec_without_returning(&txn).await.map_err(backend)?;
        }
        txn.commit().await.map_err(backend)
    }

    async fn mark_families_removed(&self, device_id: Uuid, family_ids: &[Uuid], at: DateTime<Utc>) -> StoreResult<()> {
        if family_ids.is_empty() {
            return Ok(());
        }
        device_family::Entity::update_many()
            .col_expr(device_family::Column::RemovedAt, Expr::value(at))
            .filter(device_family::Column::DeviceId.eq(device_id))
            .filter(device_family::Column::FamilyId.is_in(family_ids.to_vec()))
            .filter(device_family::Column::RemovedAt.is_null())
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn last_change_seq(&self) -> StoreResult<i64> {
        let max: Option<i64> = change_log::Entity::find()
            .select_only()
            .column_as(change_log::Column::Seq.max(), "max_seq")
            .into_tuple::<Option<i64>>()
            .one(&self.conn)
            .await
            .map_err(backend)?
            .flatten();
        Ok(max.unwrap_or(0))
    }

    async fn family_changes_between(
        &self,
        family_ids: &[Uuid],
        after: i64,
        upto: i64,
        limit: u64,
    ) -> StoreResult<Vec<ChangeEntry>> {
        if family_ids.is_empty() || upto <= after {
            return Ok(Vec::new());
        }
        let rows = change_log::Entity::find()
            .filter(change_log::Column::Seq.gt(after))
            .filter(change_log::Column::Seq.lte(upto))
            .filter(
                Condition::any()
                    .add(change_log::Column::FamilyId.is_in(family_ids.to_vec()))
                    .add(change_log::Column::PriorFamilyId.is_in(family_ids.to_vec())),
            )
            .order_by_asc(change_log::Column::Seq)
            .limit(limit)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(change_entry).collect())
    }
}
