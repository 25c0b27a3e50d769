//! Bodies of the offline-sync endpoints (`docs/sync.md`).

use chrono::{DateTime, Utc};
use hamyar_application::sync::DeviceView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterDeviceRequest {
    /// Made by the device (UUIDv7) and kept in its storage.
    pub id: Uuid,
    /// E.g. «گوشی زهرا».
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub app_version: String,
    /// The sync protocol the app speaks (now 1).
    pub protocol: u32,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Device)]
pub struct DeviceDto {
    pub id: Uuid,
    pub user_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub name: String,
    pub app_version: String,
    pub protocol: u32,
    pub last_seen_at: DateTime<Utc>,
    #[schema(required = true)]
    pub revoked_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
}

impl From<DeviceView> for DeviceDto {
    fn from(v: DeviceView) -> Self {
        let d = v.device;
        Self {
            id: d.id,
            user_id: d.user_id,
            username: v.owner.username,
            display_name: v.owner.display_name,
            name: d.name,
            app_version: d.app_version,
            protocol: d.protocol,
            last_seen_at: d.last_seen_at,
            revoked_at: d.revoked_at,
            version: d.meta.version,
            created_at: d.meta.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = DeviceList)]
pub struct DeviceListDto {
    pub items: Vec<DeviceDto>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeviceListQuery {
    /// One user's devices (one I may see).
    pub user_id: Option<Uuid>,
}
