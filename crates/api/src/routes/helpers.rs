//! Helpers, their caseloads, and the program rules.

use crate::{
    AppState,
    error::{ApiError, ErrorBody, version_required},
    extract::{ApiJson, Auth},
    helper_dto::{
        AcceptHelperRequest, AssignRequest, AssignmentDto, AssignmentListDto, EndAssignmentRequest, HelperDetailDto,
        HelperListDto, HelperListQuery, HelperRequest, HelperStatusRequest, MyFamiliesDto, ProgramRulesDto,
        SetProgramRulesRequest, SuggestionsDto, UpdateAssignmentRequest,
    },
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use hamyar_application::{
    AppError,
    caseloads::AssignInput,
    helpers::{AcceptInput, RulesInput},
};
use uuid::Uuid;

/// My headquarters' training hours and caseload limits.
#[utoipa::path(get, path = "/api/v1/program-rules", tag = "helpers",
    responses((status = 200, body = ProgramRulesDto), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn get_program_rules(State(state): State<AppState>, auth: Auth) -> Result<Json<ProgramRulesDto>, ApiError> {
    let (rules, record) = state.app.program_rules(&auth.actor).await?;
    Ok(Json(ProgramRulesDto::new(&rules, record.map(|r| r.meta.version))))
}

/// Set the hours and limits (headquarters admins).
#[utoipa::path(put, path = "/api/v1/program-rules", tag = "helpers", request_body = SetProgramRulesRequest,
    responses((status = 200, body = ProgramRulesDto), (status = 403, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_program_rules(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(b): ApiJson<SetProgramRulesRequest>,
) -> Result<Json<ProgramRulesDto>, ApiError> {
    let input = RulesInput {
        version: b.version,
        pre_service_hours: b.pre_service_hours,
        in_service_hours: b.in_service_hours,
        caseload_max: b.caseload_max,
        caseload_min: b.caseload_min,
        assignment_days: b.assignment_days,
        offline_lock_days: b.offline_lock_days,
    };
    Ok(Json((&state.app.set_program_rules(&auth.actor, input).await?).into()))
}

/// Helpers I may see, with caseloads, training hours and last activity.
#[utoipa::path(get, path = "/api/v1/helpers", tag = "helpers", params(HelperListQuery),
    responses((status = 200, body = HelperListDto), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_helpers(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<HelperListQuery>,
) -> Result<Json<HelperListDto>, ApiError> {
    let (items, rules) = state.app.list_helpers(&auth.actor, q.status.as_deref()).await?;
    Ok(Json(HelperListDto {
        items: items.into_iter().map(Into::into).collect(),
        rules: ProgramRulesDto::new(&rules, None),
    }))
}

/// Register an applicant.
#[utoipa::path(post, path = "/api/v1/helpers", tag = "helpers", request_body = HelperRequest,
    responses((status = 201, body = HelperDetailDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_helper(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(b): ApiJson<HelperRequest>,
) -> Result<(StatusCode, Json<HelperDetailDto>), ApiError> {
    let detail = state.app.create_helper(&auth.actor, b.into()).await?;
    Ok((StatusCode::CREATED, Json(detail.into())))
}

/// A helper's record: status history, courses and hours, assignments.
#[utoipa::path(get, path = "/api/v1/helpers/{id}", tag = "helpers", params(("id" = Uuid, Path)),
    responses((status = 200, body = HelperDetailDto), (status = 404, body = ErrorBody)))]
pub async fn get_helper(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<HelperDetailDto>, ApiError> {
    Ok(Json(state.app.helper_detail(&auth.actor, id).await?.into()))
}

/// Edit a helper's profile; `version` must be the current one.
#[utoipa::path(patch, path = "/api/v1/helpers/{id}", tag = "helpers", params(("id" = Uuid, Path)),
    request_body = HelperRequest,
    responses((status = 200, body = HelperDetailDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_helper(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<HelperRequest>,
) -> Result<Json<HelperDetailDto>, ApiError> {
    let version = version_required(b.version)?;
    Ok(Json(state.app.update_helper(&auth.actor, id, version, b.into()).await?.into()))
}

/// Move a helper into training or out of service (which ends their
/// assignments and closes their account at once).
#[utoipa::path(post, path = "/api/v1/helpers/{id}/status", tag = "helpers", params(("id" = Uuid, Path)),
    request_body = HelperStatusRequest,
    responses((status = 200, body = HelperDetailDto), (status = 404, body = ErrorBody),
        (status = 409, description = "status_change_not_allowed, version_conflict", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn change_helper_status(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<HelperStatusRequest>,
) -> Result<Json<HelperDetailDto>, ApiError> {
    Ok(Json(state.app.change_helper_status(&auth.actor, id, b.version, &b.status, &b.reason).await?.into()))
}

/// Accept a helper who completed the pre-service hours, with their account.
#[utoipa::path(post, path = "/api/v1/helpers/{id}/accept", tag = "helpers", params(("id" = Uuid, Path)),
    request_body = AcceptHelperRequest,
    responses((status = 200, body = HelperDetailDto), (status = 404, body = ErrorBody),
        (status = 409, description = "pre_service_incomplete, status_change_not_allowed, duplicate_username", body = ErrorBody),
        (status = 422, description = "validation, weak_password", body = ErrorBody)))]
pub async fn accept_helper(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<AcceptHelperRequest>,
) -> Result<Json<HelperDetailDto>, ApiError> {
    let input = AcceptInput { version: b.version, username: b.username, password: b.password, reason: b.reason };
    Ok(Json(state.app.accept_helper(&auth.actor, id, input).await?.into()))
}

/// My families (a helper's home): active assignments, harmed first.
#[utoipa::path(get, path = "/api/v1/my/families", tag = "helpers",
    responses((status = 200, body = MyFamiliesDto), (status = 401, body = ErrorBody)))]
pub async fn my_families(State(state): State<AppState>, auth: Auth) -> Result<Json<MyFamiliesDto>, ApiError> {
    let items = state.app.my_families(&auth.actor).await?;
    let (helper, rules) = state.app.my_helper(&auth.actor).await?;
    Ok(Json(MyFamiliesDto {
        items: items.into_iter().map(Into::into).collect(),
        helper: helper.map(Into::into),
        rules: ProgramRulesDto::new(&rules, None),
    }))
}

/// A family's assignments, newest first (managers).
#[utoipa::path(get, path = "/api/v1/families/{id}/assignments", tag = "helpers", params(("id" = Uuid, Path)),
    responses((status = 200, body = AssignmentListDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn family_assignments(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<AssignmentListDto>, ApiError> {
    let items = state.app.family_assignments(&auth.actor, id).await?;
    Ok(Json(AssignmentListDto { items: items.into_iter().map(Into::into).collect() }))
}

/// Give the family to a helper (reassigning it if it has one).
#[utoipa::path(post, path = "/api/v1/families/{id}/assignments", tag = "helpers", params(("id" = Uuid, Path)),
    request_body = AssignRequest,
    responses((status = 201, body = AssignmentDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "caseload_full, version_conflict", body = ErrorBody),
        (status = 422, description = "validation (a reason for a family not harmed), helper_not_accepted", body = ErrorBody)))]
pub async fn assign_family(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<AssignRequest>,
) -> Result<(StatusCode, Json<AssignmentDto>), ApiError> {
    let input = AssignInput { helper_id: b.helper_id, starts_on: b.starts_on, ends_on: b.ends_on, reason: b.reason };
    let assignment = state.app.assign_family(&auth.actor, id, input).await?;
    let view = state
        .app
        .family_assignments(&auth.actor, id)
        .await?
        .into_iter()
        .find(|v| v.assignment.id == assignment.id)
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

/// Helpers ranked for the family: skills for its harms, neighborhood, room.
#[utoipa::path(get, path = "/api/v1/families/{id}/helper-suggestions", tag = "helpers", params(("id" = Uuid, Path)),
    responses((status = 200, body = SuggestionsDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn helper_suggestions(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<SuggestionsDto>, ApiError> {
    Ok(Json(state.app.helper_suggestions(&auth.actor, id).await?.into()))
}

async fn assignment_view(state: &AppState, auth: &Auth, family_id: Uuid, id: Uuid) -> Result<AssignmentDto, ApiError> {
    let view = state
        .app
        .family_assignments(&auth.actor, family_id)
        .await?
        .into_iter()
        .find(|v| v.assignment.id == id)
        .ok_or(AppError::NotFound)?;
    Ok(view.into())
}

/// End an assignment now: the helper loses access to the family at once.
#[utoipa::path(post, path = "/api/v1/assignments/{id}/end", tag = "helpers", params(("id" = Uuid, Path)),
    request_body = EndAssignmentRequest,
    responses((status = 200, body = AssignmentDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn end_assignment(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<EndAssignmentRequest>,
) -> Result<Json<AssignmentDto>, ApiError> {
    let ended = state.app.end_assignment(&auth.actor, id, b.version, &b.reason).await?;
    Ok(Json(assignment_view(&state, &auth, ended.family_id, id).await?))
}

/// Move an open assignment's planned end.
#[utoipa::path(patch, path = "/api/v1/assignments/{id}", tag = "helpers", params(("id" = Uuid, Path)),
    request_body = UpdateAssignmentRequest,
    responses((status = 200, body = AssignmentDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_assignment(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<UpdateAssignmentRequest>,
) -> Result<Json<AssignmentDto>, ApiError> {
    let next = state.app.change_assignment_end(&auth.actor, id, b.version, &b.ends_on).await?;
    Ok(Json(assignment_view(&state, &auth, next.family_id, id).await?))
}
