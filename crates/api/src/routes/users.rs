use crate::{
    AppState,
    dto::{CreateUserRequest, ResetPasswordRequest, UpdateUserRequest, UserDto, UserList, UserListQuery},
    error::{ApiError, ErrorBody},
    extract::{ApiJson, Auth},
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use hamyar_application::users::{NewUserInput, UserPatch};
use uuid::Uuid;

/// Users I may manage.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(UserListQuery),
    responses((status = 200, body = UserList), (status = 401, body = ErrorBody)))]
pub async fn list_users(
    State(state): State<AppState>,
    auth: Auth,
    Query(query): Query<UserListQuery>,
) -> Result<Json<UserList>, ApiError> {
    let items = state.app.list_users(&auth.actor, query.center_id).await?;
    Ok(Json(UserList { items: items.into_iter().map(Into::into).collect() }))
}

/// Create a user (never of a role above my own, never outside my scope).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = CreateUserRequest,
    responses(
        (status = 201, body = UserDto),
        (status = 403, description = "forbidden", body = ErrorBody),
        (status = 409, description = "duplicate_username", body = ErrorBody),
        (status = 422, description = "validation / weak_password", body = ErrorBody),
    ))]
pub async fn create_user(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<CreateUserRequest>,
) -> Result<(StatusCode, Json<UserDto>), ApiError> {
    let input = NewUserInput {
        id: body.id,
        username: body.username,
        display_name: body.display_name,
        role: body.role.into(),
        password: body.password,
        center_id: body.center_id,
        hq_id: body.hq_id,
    };
    let user = state.app.create_user(&auth.actor, input).await?;
    Ok((StatusCode::CREATED, Json(user.into())))
}

/// One user.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", params(("id" = Uuid, Path)),
    responses((status = 200, body = UserDto), (status = 404, body = ErrorBody)))]
pub async fn get_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<UserDto>, ApiError> {
    Ok(Json(state.app.get_user(&auth.actor, id).await?.into()))
}

/// Rename, disable or enable a user. Disabling ends their sessions.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", params(("id" = Uuid, Path)),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, body = UserDto),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody),
    ))]
pub async fn update_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<UpdateUserRequest>,
) -> Result<Json<UserDto>, ApiError> {
    let patch = UserPatch { version: body.version, display_name: body.display_name, disabled: body.disabled };
    Ok(Json(state.app.update_user(&auth.actor, id, patch).await?.into()))
}

/// Set a new password for a user. Their sessions end.
#[utoipa::path(post, path = "/api/v1/users/{id}/password", tag = "users", params(("id" = Uuid, Path)),
    request_body = ResetPasswordRequest,
    responses(
        (status = 204, description = "Password set"),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "weak_password", body = ErrorBody),
    ))]
pub async fn reset_password(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ResetPasswordRequest>,
) -> Result<StatusCode, ApiError> {
    state.app.reset_password(&auth.actor, id, &body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}
