//! Offline devices (`docs/sync.md`).

use crate::{
    AppState,
    error::{ApiError, ErrorBody},
    extract::{ApiJson, Auth},
    sync_dto::{
        ConflictDto, ConflictList, ConflictQuery, DeviceDto, DeviceExposure, DeviceFamilyDto, DeviceListDto,
        DeviceListQuery, MutationRecordDto, MutationRecordList, MutationResultDto, PullQuery, PullResponse,
        PushRequest, PushResponse, RegisterDeviceRequest, ResolveConflictRequest, SyncMutationQuery,
    },
};
use axum::{
    Json,
    extract::{Path, Query, State},
};
use hamyar_application::{
    sync::{DeviceInput, DeviceView, PROTOCOL},
    sync_push::MutationInput,
};
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

/// Send offline mutations; each is answered applied, duplicate, conflict or rejected.
#[utoipa::path(post, path = "/api/v1/sync/push", tag = "sync", request_body = PushRequest,
    responses((status = 200, body = PushResponse), (status = 401, body = ErrorBody),
        (status = 403, description = "device_revoked", body = ErrorBody),
        (status = 404, description = "unknown device: register again", body = ErrorBody),
        (status = 426, description = "protocol_unsupported", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn push(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(b): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    let mutations = b
        .mutations
        .into_iter()
        .map(|m| MutationInput {
            id: m.id,
            device_seq: m.device_seq,
            entity: m.entity,
            entity_id: m.entity_id,
            family_id: m.family_id,
            op: m.op,
            base_version: m.base_version,
            fields: m.fields,
            device_time: m.device_time,
        })
        .collect();
    let answers = state.app.push(&auth.actor, b.device_id, b.protocol, mutations).await?;
    let authors: Vec<Uuid> = answers
        .iter()
        .flat_map(|a| a.conflicts.iter().flat_map(|c| [c.winning_author, c.losing_author]))
        .flatten()
        .collect();
    let names = state.app.user_names(authors).await?;
    Ok(Json(PushResponse { results: answers.into_iter().map(|a| MutationResultDto::new(a, &names)).collect() }))
}

/// Changes since the cursor, and families added to or removed from the device's scope.
#[utoipa::path(get, path = "/api/v1/sync/pull", tag = "sync", params(PullQuery),
    responses((status = 200, body = PullResponse), (status = 401, body = ErrorBody),
        (status = 403, description = "device_revoked", body = ErrorBody),
        (status = 404, description = "unknown device: register again", body = ErrorBody),
        (status = 426, description = "protocol_unsupported", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn pull(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<PullQuery>,
) -> Result<Json<PullResponse>, ApiError> {
    let page =
        state.app.pull(&auth.actor, q.device_id, q.protocol.unwrap_or(PROTOCOL), q.cursor.as_deref(), q.limit).await?;
    Ok(Json(page.into()))
}

/// Conflicts of the families I hold (a helper) or of my center (a manager).
#[utoipa::path(get, path = "/api/v1/sync/conflicts", tag = "sync", params(ConflictQuery),
    responses((status = 200, body = ConflictList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn list_conflicts(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ConflictQuery>,
) -> Result<Json<ConflictList>, ApiError> {
    let items = state.app.list_conflicts(&auth.actor, q.family_id, q.open.unwrap_or(true)).await?;
    let authors: Vec<Uuid> =
        items.iter().flat_map(|c| [c.winning_author, c.losing_author, c.resolved_by]).flatten().collect();
    let names = state.app.user_names(authors).await?;
    Ok(Json(ConflictList { items: items.into_iter().map(|c| ConflictDto::new(c, &names)).collect() }))
}

/// Close a conflict: keep the winning value, or restore the losing one.
#[utoipa::path(post, path = "/api/v1/sync/conflicts/{id}/resolve", tag = "sync", params(("id" = Uuid, Path)),
    request_body = ResolveConflictRequest,
    responses((status = 200, body = ConflictDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn resolve_conflict(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ResolveConflictRequest>,
) -> Result<Json<ConflictDto>, ApiError> {
    let c = state.app.resolve_conflict(&auth.actor, id, &b.resolution, b.version).await?;
    let names = state
        .app
        .user_names([c.winning_author, c.losing_author, c.resolved_by].into_iter().flatten().collect())
        .await?;
    Ok(Json(ConflictDto::new(c, &names)))
}

/// Refused offline mutations, and those applied after an assignment ended.
#[utoipa::path(get, path = "/api/v1/sync/mutations", tag = "sync", params(SyncMutationQuery),
    responses((status = 200, body = MutationRecordList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_mutations(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<SyncMutationQuery>,
) -> Result<Json<MutationRecordList>, ApiError> {
    let (rejected, review) = match q.result.as_deref() {
        None | Some("") => (true, true),
        Some("rejected") => (true, false),
        Some("review") => (false, true),
        Some(_) => {
            return Err(hamyar_application::AppError::from(hamyar_domain::FieldError::new(
                "result",
                "invalid",
                "«rejected» یا «review» / Either rejected or review",
            ))
            .into());
        }
    };
    let items = state.app.list_sync_mutations(&auth.actor, q.family_id, rejected, review).await?;
    let names = state.app.user_names(items.iter().map(|m| m.user_id).collect()).await?;
    Ok(Json(MutationRecordList { items: items.into_iter().map(|m| MutationRecordDto::new(m, &names)).collect() }))
}

/// The families a device was sent, and when (a lost phone's exposure).
#[utoipa::path(get, path = "/api/v1/sync/devices/{id}/families", tag = "sync", params(("id" = Uuid, Path)),
    responses((status = 200, body = DeviceExposure), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn device_families(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<DeviceExposure>, ApiError> {
    let (view, families) = state.app.device_exposure(&auth.actor, id).await?;
    Ok(Json(DeviceExposure {
        device: view.into(),
        families: families
            .into_iter()
            .map(|(f, family_name)| DeviceFamilyDto {
                family_id: f.family_id,
                family_name,
                first_sent_at: f.first_sent_at,
                last_sent_at: f.last_sent_at,
                removed_at: f.removed_at,
            })
            .collect(),
    }))
}
