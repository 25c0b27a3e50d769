//! General assistance: group programs, sessions, targeting and
//! invitations, registration, attendance, certificates, outcomes.

use crate::{
    AppState,
    error::{ApiError, ErrorBody, version_required},
    extract::{ApiJson, Auth},
    family_dto::VersionQuery,
    program_dto::*,
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use hamyar_application::programs::{RegisterInput, WalkInInput};
use uuid::Uuid;

/// Programs I may see (a center's; headquarters: all its centers'), newest first, with their sessions.
#[utoipa::path(get, path = "/api/v1/programs", tag = "programs",
    responses((status = 200, body = ProgramListDto), (status = 401, body = ErrorBody)))]
pub async fn list_programs(State(state): State<AppState>, auth: Auth) -> Result<Json<ProgramListDto>, ApiError> {
    let items = state.app.list_programs(&auth.actor).await?;
    Ok(Json(ProgramListDto { items: items.iter().map(|(p, s)| ProgramDto::new(p, s)).collect() }))
}

/// Plan a program (a center's manager).
#[utoipa::path(post, path = "/api/v1/programs", tag = "programs", request_body = ProgramRequest,
    responses((status = 201, body = ProgramDetailDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_program(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(b): ApiJson<ProgramRequest>,
) -> Result<(StatusCode, Json<ProgramDetailDto>), ApiError> {
    let detail = state.app.create_program(&auth.actor, b.into()).await?;
    Ok((StatusCode::CREATED, Json(detail.into())))
}

/// A program; its participants, attendance and report to those who run it.
#[utoipa::path(get, path = "/api/v1/programs/{id}", tag = "programs", params(("id" = Uuid, Path)),
    responses((status = 200, body = ProgramDetailDto), (status = 404, body = ErrorBody)))]
pub async fn get_program(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<ProgramDetailDto>, ApiError> {
    Ok(Json(state.app.program_detail(&auth.actor, id).await?.into()))
}

/// Edit a program; `version` must be the current one.
#[utoipa::path(patch, path = "/api/v1/programs/{id}", tag = "programs", params(("id" = Uuid, Path)),
    request_body = ProgramRequest,
    responses((status = 200, body = ProgramDetailDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_program(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ProgramRequest>,
) -> Result<Json<ProgramDetailDto>, ApiError> {
    let version = version_required(b.version)?;
    Ok(Json(state.app.update_program(&auth.actor, id, version, b.into()).await?.into()))
}

/// Add a session (date and times).
#[utoipa::path(post, path = "/api/v1/programs/{id}/sessions", tag = "programs", params(("id" = Uuid, Path)),
    request_body = ProgramSessionRequest,
    responses((status = 201, body = ProgramDetailDto), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_program_session(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ProgramSessionRequest>,
) -> Result<(StatusCode, Json<ProgramDetailDto>), ApiError> {
    let detail = state.app.add_program_session(&auth.actor, id, b.into()).await?;
    Ok((StatusCode::CREATED, Json(detail.into())))
}

/// Edit a session.
#[utoipa::path(patch, path = "/api/v1/program-sessions/{id}", tag = "programs", params(("id" = Uuid, Path)),
    request_body = ProgramSessionRequest,
    responses((status = 200, body = ProgramDetailDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_program_session(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ProgramSessionRequest>,
) -> Result<Json<ProgramDetailDto>, ApiError> {
    let version = version_required(b.version)?;
    Ok(Json(state.app.update_program_session(&auth.actor, id, version, b.into()).await?.into()))
}

/// Remove a session.
#[utoipa::path(delete, path = "/api/v1/program-sessions/{id}", tag = "programs", params(("id" = Uuid, Path), VersionQuery),
    responses((status = 200, body = ProgramDetailDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody)))]
pub async fn remove_program_session(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    Query(v): Query<VersionQuery>,
) -> Result<Json<ProgramDetailDto>, ApiError> {
    Ok(Json(state.app.remove_program_session(&auth.actor, id, v.version).await?.into()))
}

/// Who the target picks from the registry, less those who took the same topic recently.
#[utoipa::path(get, path = "/api/v1/programs/{id}/targeting", tag = "programs", params(("id" = Uuid, Path)),
    responses((status = 200, body = TargetingDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn program_targeting(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<TargetingDto>, ApiError> {
    Ok(Json(state.app.program_targeting(&auth.actor, id).await?.into()))
}

/// The invitation list as CSV: names, families, mobiles, neighborhoods and the message.
#[utoipa::path(get, path = "/api/v1/programs/{id}/invitations.csv", tag = "programs", params(("id" = Uuid, Path)),
    responses((status = 200, description = "CSV", content_type = "text/csv", body = Vec<u8>),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn invitations_csv(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<axum::response::Response, ApiError> {
    use axum::{http::header, response::IntoResponse};
    let bytes = state.app.invitation_csv(&auth.actor, id).await?;
    let disposition = format!("attachment; filename=\"invitations-{id}.csv\"");
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        bytes,
    )
        .into_response())
}

/// Register members (two with `couple`) or a walk-in not yet in the registry.
#[utoipa::path(post, path = "/api/v1/programs/{id}/registrations", tag = "programs", params(("id" = Uuid, Path)),
    request_body = RegisterRequest,
    responses((status = 201, body = RegistrationListDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn register_participants(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<RegisterRequest>,
) -> Result<(StatusCode, Json<RegistrationListDto>), ApiError> {
    let input = RegisterInput {
        member_ids: b.member_ids,
        couple: b.couple,
        walk_in: b.walk_in.map(|w| WalkInInput {
            id: w.id,
            first_name: w.first_name,
            last_name: w.last_name,
            mobile: w.mobile,
            sex: w.sex,
            birth_year: w.birth_year,
            neighborhood: w.neighborhood,
        }),
    };
    let made = state.app.register_participants(&auth.actor, id, input).await?;
    Ok((StatusCode::CREATED, Json(RegistrationListDto { items: made.iter().map(Into::into).collect() })))
}

/// Take a registration back.
#[utoipa::path(delete, path = "/api/v1/program-registrations/{id}", tag = "programs", params(("id" = Uuid, Path), VersionQuery),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, description = "version_conflict", body = ErrorBody)))]
pub async fn unregister_participant(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    Query(v): Query<VersionQuery>,
) -> Result<StatusCode, ApiError> {
    state.app.unregister(&auth.actor, id, v.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Link a walk-in to the registry's member they turned out to be.
#[utoipa::path(post, path = "/api/v1/program-walk-ins/{id}/link", tag = "programs", params(("id" = Uuid, Path)),
    request_body = LinkWalkInRequest,
    responses((status = 200, body = WalkInDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn link_walk_in(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<LinkWalkInRequest>,
) -> Result<Json<WalkInDto>, ApiError> {
    Ok(Json((&state.app.link_walk_in(&auth.actor, id, b.version, b.member_id).await?).into()))
}

/// Save a session's attendance sheet.
#[utoipa::path(put, path = "/api/v1/program-sessions/{id}/attendance", tag = "programs", params(("id" = Uuid, Path)),
    request_body = ProgramAttendanceRequest,
    responses((status = 200, body = ProgramDetailDto), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_program_attendance(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ProgramAttendanceRequest>,
) -> Result<Json<ProgramDetailDto>, ApiError> {
    let lines: Vec<(Uuid, bool)> = b.lines.iter().map(|l| (l.registration_id, l.present)).collect();
    Ok(Json(state.app.save_program_attendance(&auth.actor, id, &lines).await?.into()))
}

/// A course's certificate of completion (for printing).
#[utoipa::path(get, path = "/api/v1/program-registrations/{id}/certificate", tag = "programs", params(("id" = Uuid, Path)),
    responses((status = 200, body = CertificateDto), (status = 404, body = ErrorBody),
        (status = 422, description = "not_completed", body = ErrorBody)))]
pub async fn program_certificate(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<CertificateDto>, ApiError> {
    Ok(Json(state.app.program_certificate(&auth.actor, id).await?.into()))
}

/// The programs a family's members took part in.
#[utoipa::path(get, path = "/api/v1/families/{id}/programs", tag = "programs", params(("id" = Uuid, Path)),
    responses((status = 200, body = FamilyProgramListDto), (status = 404, body = ErrorBody)))]
pub async fn family_programs(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<FamilyProgramListDto>, ApiError> {
    let items = state.app.family_programs(&auth.actor, id).await?;
    Ok(Json(FamilyProgramListDto { items: items.into_iter().map(Into::into).collect() }))
}

/// Programs and participants per center and month.
#[utoipa::path(get, path = "/api/v1/reports/programs", tag = "programs", params(MonthsQuery),
    responses((status = 200, body = MonthReportDto)))]
pub async fn program_month_report(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<MonthsQuery>,
) -> Result<Json<MonthReportDto>, ApiError> {
    let rows = state.app.programs_by_month(&auth.actor, q.months.unwrap_or(12)).await?;
    Ok(Json(MonthReportDto { items: rows.into_iter().map(Into::into).collect() }))
}
