//! Offline devices, for both backends.

use crate::{
    Db,
    convert::corrupt,
    entity::{device, user},
    stores::{Change, backend, log_change},
};
use async_trait::async_trait;
use hamyar_application::{
    model::{Device, SyncMeta, WriteContext},
    ports::{DeviceStore, StoreError, StoreResult},
};
use sea_orm::{ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
use uuid::Uuid;

fn device_from(m: device::Model) -> StoreResult<Device> {
    Ok(Device {
        protocol: u32::try_from(m.protocol).map_err(|_| corrupt("device protocol", &m.protocol.to_string()))?,
        id: m.id,
        user_id: m.user_id,
        name: m.name,
        app_version: m.app_version,
        last_seen_at: m.last_seen_at,
        revoked_at: m.revoked_at,
        revoked_by: m.revoked_by,
        meta: SyncMeta {
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: m.deleted_at,
        },
    })
}

#[async_trait]
impl DeviceStore for Db {
    async fn save_device(&self, ctx: WriteContext, d: &Device) -> StoreResult<()> {
        let txn = self.write_txn().await?;
        let row = device::Model {
            id: d.id,
            user_id: d.user_id,
            name: d.name.clone(),
            app_version: d.app_version.clone(),
            protocol: i64::from(d.protocol),
            last_seen_at: d.last_seen_at,
            revoked_at: d.revoked_at,
            revoked_by: d.revoked_by,
            version: d.meta.version,
            created_at: d.meta.created_at,
            updated_at: d.meta.updated_at,
            deleted_at: d.meta.deleted_at,
        }
        .into_active_model();
        crate::helpers::put(&txn, row, d.id, d.meta.version).await?;
        let owner =
            user::Entity::find_by_id(d.user_id).one(&txn).await.map_err(backend)?.ok_or(StoreError::NotFound)?;
        let change = Change {
            entity: "device",
            entity_id: d.id,
            op: match (d.meta.version, d.revoked_at) {
                (1, _) => "create",
                (_, Some(_)) => "revoke",
                _ => "update",
            },
            version: d.meta.version,
            hq_id: owner.hq_id,
            center_id: owner.center_id,
            data: serde_json::json!({
                "user_id": d.user_id, "name": d.name, "app_version": d.app_version, "protocol": d.protocol,
                "revoked_at": d.revoked_at, "revoked_by": d.revoked_by,
            }),
        };
        log_change(&txn, ctx, change).await?;
        txn.commit().await.map_err(backend)
    }

    async fn get_device(&self, id: Uuid) -> StoreResult<Option<Device>> {
        let row = device::Entity::find_by_id(id)
            .filter(device::Column::DeletedAt.is_null())
            .one(&self.conn)
            .await
            .map_err(backend)?;
        row.map(device_from).transpose()
    }

    async fn devices_of(&self, user_ids: &[Uuid]) -> StoreResult<Vec<Device>> {
        if user_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = device::Entity::find()
            .filter(device::Column::UserId.is_in(user_ids.to_vec()))
            .filter(device::Column::DeletedAt.is_null())
            .order_by_desc(device::Column::CreatedAt)
            .order_by_desc(device::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter().map(device_from).collect()
    }
}
