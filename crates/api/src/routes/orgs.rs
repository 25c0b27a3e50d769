use crate::{
    AppState,
    dto::{CenterDto, CenterList, CreateCenterRequest, HeadquartersList, UpdateCenterRequest},
    error::{ApiError, ErrorBody},
    extract::{ApiJson, Auth},
};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use hamyar_application::orgs::{CenterPatch, NewCenterInput};
use uuid::Uuid;

/// Headquarters I belong to.
#[utoipa::path(get, path = "/api/v1/headquarters", tag = "organizations",
    responses((status = 200, body = HeadquartersList), (status = 401, body = ErrorBody)))]
pub async fn list_headquarters(State(state): State<AppState>, auth: Auth) -> Result<Json<HeadquartersList>, ApiError> {
    let items = state.app.list_headquarters(&auth.actor).await?;
    Ok(Json(HeadquartersList { items: items.into_iter().map(Into::into).collect() }))
}

/// Centers I may see.
#[utoipa::path(get, path = "/api/v1/centers", tag = "organizations",
    responses((status = 200, body = CenterList), (status = 401, body = ErrorBody)))]
pub async fn list_centers(State(state): State<AppState>, auth: Auth) -> Result<Json<CenterList>, ApiError> {
    let items = state.app.list_centers(&auth.actor).await?;
    Ok(Json(CenterList { items: items.into_iter().map(Into::into).collect() }))
}

/// Register a center (headquarters admins).
#[utoipa::path(post, path = "/api/v1/centers", tag = "organizations", request_body = CreateCenterRequest,
    responses(
        (status = 201, body = CenterDto),
        (status = 403, description = "forbidden", body = ErrorBody),
        (status = 409, description = "duplicate_code", body = ErrorBody),
        (status = 422, description = "validation", body = ErrorBody),
    ))]
pub async fn create_center(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<CreateCenterRequest>,
) -> Result<(StatusCode, Json<CenterDto>), ApiError> {
    let input = NewCenterInput {
        id: body.id,
        code: body.code,
        name: body.name,
        host_body: body.host_body,
        neighborhood: body.neighborhood,
        address: body.address,
        opened_on: body.opened_on,
        hq_id: body.hq_id,
    };
    let center = state.app.create_center(&auth.actor, input).await?;
    Ok((StatusCode::CREATED, Json(center.into())))
}

/// One center.
#[utoipa::path(get, path = "/api/v1/centers/{id}", tag = "organizations", params(("id" = Uuid, Path)),
    responses((status = 200, body = CenterDto), (status = 404, body = ErrorBody)))]
pub async fn get_center(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<CenterDto>, ApiError> {
    Ok(Json(state.app.get_center(&auth.actor, id).await?.into()))
}

/// Edit a center; `version` must be the current one.
#[utoipa::path(patch, path = "/api/v1/centers/{id}", tag = "organizations", params(("id" = Uuid, Path)),
    request_body = UpdateCenterRequest,
    responses(
        (status = 200, body = CenterDto),
        (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn update_center(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<UpdateCenterRequest>,
) -> Result<Json<CenterDto>, ApiError> {
    let patch = CenterPatch {
        version: body.version,
        name: body.name,
        host_body: body.host_body,
        neighborhood: body.neighborhood,
        address: body.address,
        opened_on: body.opened_on,
    };
    Ok(Json(state.app.update_center(&auth.actor, id, patch).await?.into()))
}
