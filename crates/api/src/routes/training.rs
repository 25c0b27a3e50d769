//! Training courses, sessions, enrollment and attendance.

use crate::{
    AppState,
    error::{ApiError, ErrorBody, version_required},
    extract::{ApiJson, Auth},
    family_dto::VersionQuery,
    helper_dto::{
        AttendanceSheetRequest, CourseDetailDto, CourseListDto, CourseRequest, EnrollRequest, SessionRequest,
    },
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use hamyar_application::training::{AttendanceEntry, CourseInput, SessionInput};
use uuid::Uuid;

fn course_input(b: CourseRequest) -> CourseInput {
    CourseInput {
        id: b.id,
        curriculum: b.curriculum,
        title: b.title,
        description: b.description,
        center_id: b.center_id,
        trainer_id: b.trainer_id,
    }
}

fn session_input(b: SessionRequest) -> SessionInput {
    SessionInput {
        id: b.id,
        held_on: b.held_on,
        hours: b.hours,
        mode: b.mode,
        trainer_id: b.trainer_id,
        topic: b.topic,
    }
}

/// Courses I may see, newest first.
#[utoipa::path(get, path = "/api/v1/courses", tag = "training",
    responses((status = 200, body = CourseListDto), (status = 401, body = ErrorBody)))]
pub async fn list_courses(State(state): State<AppState>, auth: Auth) -> Result<Json<CourseListDto>, ApiError> {
    let items = state.app.list_courses(&auth.actor).await?;
    Ok(Json(CourseListDto { items: items.into_iter().map(Into::into).collect() }))
}

/// Start a course (trainers, headquarters admins, a center's manager for its own).
#[utoipa::path(post, path = "/api/v1/courses", tag = "training", request_body = CourseRequest,
    responses((status = 201, body = CourseDetailDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_course(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(b): ApiJson<CourseRequest>,
) -> Result<(StatusCode, Json<CourseDetailDto>), ApiError> {
    let detail = state.app.create_course(&auth.actor, course_input(b)).await?;
    Ok((StatusCode::CREATED, Json(detail.into())))
}

/// A course with its sessions, trainees and attendance sheet.
#[utoipa::path(get, path = "/api/v1/courses/{id}", tag = "training", params(("id" = Uuid, Path)),
    responses((status = 200, body = CourseDetailDto), (status = 404, body = ErrorBody)))]
pub async fn get_course(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<CourseDetailDto>, ApiError> {
    Ok(Json(state.app.course_detail(&auth.actor, id).await?.into()))
}

/// Edit a course; `version` must be the current one.
#[utoipa::path(patch, path = "/api/v1/courses/{id}", tag = "training", params(("id" = Uuid, Path)),
    request_body = CourseRequest,
    responses((status = 200, body = CourseDetailDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_course(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<CourseRequest>,
) -> Result<Json<CourseDetailDto>, ApiError> {
    let version = version_required(b.version)?;
    Ok(Json(state.app.update_course(&auth.actor, id, version, course_input(b)).await?.into()))
}

/// Add a session to a course.
#[utoipa::path(post, path = "/api/v1/courses/{id}/sessions", tag = "training", params(("id" = Uuid, Path)),
    request_body = SessionRequest,
    responses((status = 201, body = CourseDetailDto), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_session(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<SessionRequest>,
) -> Result<(StatusCode, Json<CourseDetailDto>), ApiError> {
    let detail = state.app.add_course_session(&auth.actor, id, session_input(b)).await?;
    Ok((StatusCode::CREATED, Json(detail.into())))
}

/// Edit a session (attendance above a shortened session is capped).
#[utoipa::path(patch, path = "/api/v1/course-sessions/{id}", tag = "training", params(("id" = Uuid, Path)),
    request_body = SessionRequest,
    responses((status = 200, body = CourseDetailDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_session(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<SessionRequest>,
) -> Result<Json<CourseDetailDto>, ApiError> {
    let version = version_required(b.version)?;
    Ok(Json(state.app.update_course_session(&auth.actor, id, version, session_input(b)).await?.into()))
}

/// Remove a session and its attendance.
#[utoipa::path(delete, path = "/api/v1/course-sessions/{id}", tag = "training", params(("id" = Uuid, Path), VersionQuery),
    responses((status = 200, body = CourseDetailDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody)))]
pub async fn delete_session(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    Query(v): Query<VersionQuery>,
) -> Result<Json<CourseDetailDto>, ApiError> {
    Ok(Json(state.app.delete_course_session(&auth.actor, id, v.version).await?.into()))
}

/// Save a session's attendance sheet (hours per helper; 0 for absent).
#[utoipa::path(put, path = "/api/v1/course-sessions/{id}/attendance", tag = "training", params(("id" = Uuid, Path)),
    request_body = AttendanceSheetRequest,
    responses((status = 200, body = CourseDetailDto), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_attendance(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<AttendanceSheetRequest>,
) -> Result<Json<CourseDetailDto>, ApiError> {
    let entries = b.entries.into_iter().map(|e| AttendanceEntry { helper_id: e.helper_id, hours: e.hours }).collect();
    Ok(Json(state.app.save_attendance(&auth.actor, id, entries).await?.into()))
}

/// Enroll a helper in a course.
#[utoipa::path(post, path = "/api/v1/courses/{id}/enrollments", tag = "training", params(("id" = Uuid, Path)),
    request_body = EnrollRequest,
    responses((status = 200, body = CourseDetailDto), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn enroll(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<EnrollRequest>,
) -> Result<Json<CourseDetailDto>, ApiError> {
    Ok(Json(state.app.enroll_helper(&auth.actor, id, b.helper_id).await?.into()))
}

/// Take a helper off a course (hours attended stay theirs).
#[utoipa::path(delete, path = "/api/v1/courses/{id}/enrollments/{helper_id}", tag = "training",
    params(("id" = Uuid, Path), ("helper_id" = Uuid, Path)),
    responses((status = 200, body = CourseDetailDto), (status = 404, body = ErrorBody)))]
pub async fn unenroll(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, helper_id)): Path<(Uuid, Uuid)>,
) -> Result<Json<CourseDetailDto>, ApiError> {
    Ok(Json(state.app.unenroll_helper(&auth.actor, id, helper_id).await?.into()))
}
