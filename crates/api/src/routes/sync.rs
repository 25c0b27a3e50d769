//! Offline devices (`docs/sync.md`).

use crate::{
    AppState,
    error::{ApiError, ErrorBody},
    extract::{ApiJson, Auth},
    sync_dto::{DeviceDto, DeviceListDto, DeviceListQuery, RegisterDeviceRequest},
};
use axum::{
    Json,
    extract::{Path, Query, State},
};
use hamyar_application::sync::{DeviceInput, DeviceView};
use uuid::Uuid;

/// Register this installation for offline work (at login; again after a restart).
#[utoipa::path(post, path = "/api/v1/sync/devices", tag = "sync", request_body = RegisterDeviceRequest,
    responses((status = 200, body = DeviceDto), (status = 401, body = ErrorBody),
        (status = 403, description = "device_revoked", body = ErrorBody),
        (status = 426, description = "protocol_unsupported", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn register_device(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(b): ApiJson<RegisterDeviceRequest>,
) -> Result<Json<DeviceDto>, ApiError> {
    let input = DeviceInput { id: b.id, name: b.name, app_version: b.app_version, protocol: b.protocol };
    let device = state.app.register_device(&auth.actor, input).await?;
    let owner = state.app.get_user(&auth.actor, auth.actor.user_id).await?;
    Ok(Json(DeviceView { device, owner }.into()))
}

/// My devices and those of the users I manage.
#[utoipa::path(get, path = "/api/v1/sync/devices", tag = "sync", params(DeviceListQuery),
    responses((status = 200, body = DeviceListDto), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_devices(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<DeviceListQuery>,
) -> Result<Json<DeviceListDto>, ApiError> {
    let items = state.app.list_devices(&auth.actor, q.user_id).await?;
    Ok(Json(DeviceListDto { items: items.into_iter().map(Into::into).collect() }))
}

/// Revoke a device (lost or retired): its next contact wipes it.
#[utoipa::path(post, path = "/api/v1/sync/devices/{id}/revoke", tag = "sync", params(("id" = Uuid, Path)),
    responses((status = 200, body = DeviceDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke_device(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<DeviceDto>, ApiError> {
    Ok(Json(state.app.revoke_device(&auth.actor, id).await?.into()))
}
