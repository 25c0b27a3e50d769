use crate::{
    AppState,
    error::{ApiError, ErrorBody},
    extract::{ApiBytes, ApiJson, Auth},
    family_dto::{
        AccessEntry, AccessList, ChangeHeadRequest, CreateFamilyRequest, DismissRequest, DuplicateList, ExportQuery,
        FamilyDetailDto, FamilyDto, FamilyPageDto, FamilySearchQuery, HistoryList, ImportQuery, ImportSummary,
        MemberDto, MemberInputDto, MergeRequest, MoveMemberRequest, UpdateFamilyRequest, UpdateMemberRequest, UserRef,
        VersionQuery,
    },
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use hamyar_application::families::{FamilyPatch, FamilySearch, NewFamilyInput};
use uuid::Uuid;

/// Families I may see: search, filters, paging.
#[utoipa::path(get, path = "/api/v1/families", tag = "families", params(FamilySearchQuery),
    responses((status = 200, body = FamilyPageDto), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_families(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<FamilySearchQuery>,
) -> Result<Json<FamilyPageDto>, ApiError> {
    let search = FamilySearch {
        q: q.q,
        neighborhood: q.neighborhood,
        status: q.status,
        tier: q.tier,
        helper: q.helper,
        page: q.page,
        page_size: q.page_size,
    };
    Ok(Json(state.app.search_families(&auth.actor, search).await?.into()))
}

/// Register a family with its head.
#[utoipa::path(post, path = "/api/v1/families", tag = "families", request_body = CreateFamilyRequest,
    responses(
        (status = 201, body = FamilyDetailDto),
        (status = 403, body = ErrorBody),
        (status = 409, description = "duplicate_national_id", body = ErrorBody),
        (status = 422, description = "validation", body = ErrorBody),
    ))]
pub async fn create_family(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<CreateFamilyRequest>,
) -> Result<(StatusCode, Json<FamilyDetailDto>), ApiError> {
    let input = NewFamilyInput {
        id: body.id,
        center_id: body.center_id,
        family_name: body.family_name,
        neighborhood: body.neighborhood,
        address: body.address,
        phones: body.phones,
        housing: body.housing,
        consent_on: body.consent_on,
        sources: body.sources.into_iter().map(Into::into).collect(),
        head: body.head.into(),
    };
    let detail = state.app.create_family(&auth.actor, input).await?;
    Ok((StatusCode::CREATED, Json(detail.into())))
}

/// A family's file (the view is recorded).
#[utoipa::path(get, path = "/api/v1/families/{id}", tag = "families", params(("id" = Uuid, Path)),
    responses((status = 200, body = FamilyDetailDto), (status = 404, body = ErrorBody)))]
pub async fn get_family(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<FamilyDetailDto>, ApiError> {
    Ok(Json(state.app.family_detail(&auth.actor, id).await?.into()))
}

/// Edit a family; `version` must be the current one.
#[utoipa::path(patch, path = "/api/v1/families/{id}", tag = "families", params(("id" = Uuid, Path)),
    request_body = UpdateFamilyRequest,
    responses(
        (status = 200, body = FamilyDto),
        (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn update_family(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<UpdateFamilyRequest>,
) -> Result<Json<FamilyDto>, ApiError> {
    let patch = FamilyPatch {
        version: body.version,
        family_name: body.family_name,
        neighborhood: body.neighborhood,
        address: body.address,
        phones: body.phones,
        housing: body.housing,
        status: body.status,
        status_reason: body.status_reason,
        consent_on: body.consent_on,
        sources: body.sources.map(|s| s.into_iter().map(Into::into).collect()),
    };
    Ok(Json(FamilyDetailDto::from(state.app.update_family(&auth.actor, id, patch).await?).family))
}

/// Add a member.
#[utoipa::path(post, path = "/api/v1/families/{id}/members", tag = "families", params(("id" = Uuid, Path)),
    request_body = MemberInputDto,
    responses(
        (status = 201, body = MemberDto),
        (status = 404, body = ErrorBody),
        (status = 409, description = "duplicate_national_id", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn add_member(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<MemberInputDto>,
) -> Result<(StatusCode, Json<MemberDto>), ApiError> {
    let member = state.app.add_member(&auth.actor, id, body.into()).await?;
    Ok((StatusCode::CREATED, Json(member.into())))
}

/// Edit a member; `version` is the member's.
#[utoipa::path(patch, path = "/api/v1/families/{id}/members/{member_id}", tag = "families",
    params(("id" = Uuid, Path), ("member_id" = Uuid, Path)), request_body = UpdateMemberRequest,
    responses(
        (status = 200, body = MemberDto),
        (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict / duplicate_national_id", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn update_member(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, member_id)): Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<UpdateMemberRequest>,
) -> Result<Json<MemberDto>, ApiError> {
    let member = state.app.update_member(&auth.actor, id, member_id, body.version, body.fields.into()).await?;
    Ok(Json(member.into()))
}

/// Remove a member (not the head).
#[utoipa::path(delete, path = "/api/v1/families/{id}/members/{member_id}", tag = "families",
    params(("id" = Uuid, Path), ("member_id" = Uuid, Path), VersionQuery),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
        (status = 422, description = "is_head", body = ErrorBody),
    ))]
pub async fn remove_member(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, member_id)): Path<(Uuid, Uuid)>,
    Query(v): Query<VersionQuery>,
) -> Result<StatusCode, ApiError> {
    state.app.remove_member(&auth.actor, id, member_id, v.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Make a member the head of the family.
#[utoipa::path(post, path = "/api/v1/families/{id}/head", tag = "families", params(("id" = Uuid, Path)),
    request_body = ChangeHeadRequest,
    responses((status = 200, body = FamilyDetailDto), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn change_head(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ChangeHeadRequest>,
) -> Result<Json<FamilyDetailDto>, ApiError> {
    Ok(Json(state.app.change_head(&auth.actor, id, body.member_id, body.version).await?.into()))
}

/// Move a member to another family of the same center.
#[utoipa::path(post, path = "/api/v1/families/{id}/members/{member_id}/move", tag = "families",
    params(("id" = Uuid, Path), ("member_id" = Uuid, Path)), request_body = MoveMemberRequest,
    responses((status = 200, body = FamilyDetailDto), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn move_member(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, member_id)): Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<MoveMemberRequest>,
) -> Result<Json<FamilyDetailDto>, ApiError> {
    Ok(Json(state.app.move_member(&auth.actor, id, member_id, body.to_family_id).await?.into()))
}

/// Who changed what, newest first.
#[utoipa::path(get, path = "/api/v1/families/{id}/history", tag = "families", params(("id" = Uuid, Path)),
    responses((status = 200, body = HistoryList), (status = 404, body = ErrorBody)))]
pub async fn family_history(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<HistoryList>, ApiError> {
    let items = state.app.family_history(&auth.actor, id).await?;
    Ok(Json(HistoryList { items: items.into_iter().map(Into::into).collect() }))
}

/// Who opened this family's file, newest first.
#[utoipa::path(get, path = "/api/v1/families/{id}/access-log", tag = "families", params(("id" = Uuid, Path)),
    responses((status = 200, body = AccessList), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn family_access_log(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<AccessList>, ApiError> {
    let items = state.app.family_access_log(&auth.actor, id).await?;
    let items = items
        .into_iter()
        .map(|(at, user, id)| AccessEntry {
            at,
            user: user.map(UserRef::from).unwrap_or(UserRef { id, display_name: String::new() }),
        })
        .collect();
    Ok(Json(AccessList { items }))
}

/// Import a CSV or XLSX list (the request body is the file) into my center.
#[utoipa::path(post, path = "/api/v1/families/import", tag = "families", params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The CSV (UTF-8) or XLSX file, at most 32 MiB"),
    responses(
        (status = 200, body = ImportSummary),
        (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody),
        (status = 422, description = "validation (field `file`: unreadable file or missing columns)", body = ErrorBody),
    ))]
pub async fn import_families(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ImportQuery>,
    ApiBytes(body): ApiBytes,
) -> Result<Json<ImportSummary>, ApiError> {
    let center_id = auth.actor.center_id.ok_or(hamyar_application::AppError::Forbidden)?;
    let table = hamyar_application::import::read_table(&body)?;
    let summary =
        state.app.import_families(Some(&auth.actor), center_id, &q.source, table, q.dry_run, |_, _| {}).await?;
    Ok(Json(summary.into()))
}

/// Download my center's families and members (CSV or XLSX; Persian headers,
/// Solar Hijri dates). The export is recorded in every family's access log.
#[utoipa::path(get, path = "/api/v1/families/export", tag = "families", params(ExportQuery),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 403, body = ErrorBody),
        (status = 422, description = "validation (field `format`)", body = ErrorBody),
    ))]
pub async fn export_families(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ExportQuery>,
) -> Result<axum::response::Response, ApiError> {
    use axum::{http::header, response::IntoResponse};
    use hamyar_application::export::ExportFormat;
    let format = ExportFormat::parse(q.format.as_deref().unwrap_or("xlsx"))?;
    let center_id = auth.actor.center_id.ok_or(hamyar_application::AppError::Forbidden)?;
    let bytes = state.app.export_families(Some(&auth.actor), center_id, format).await?;
    let center = state.app.get_center(&auth.actor, center_id).await?;
    let file = format!("families-{}-{}.{}", center.code, chrono::Utc::now().format("%Y%m%d"), format.extension());
    let disposition = format!("attachment; filename=\"{file}\"");
    Ok(([(header::CONTENT_TYPE, format.content_type().to_owned()), (header::CONTENT_DISPOSITION, disposition)], bytes)
        .into_response())
}

/// Likely duplicates in my center: same name, father's name and birth year.
#[utoipa::path(get, path = "/api/v1/families/duplicates", tag = "families",
    responses((status = 200, body = DuplicateList), (status = 403, body = ErrorBody)))]
pub async fn list_duplicates(State(state): State<AppState>, auth: Auth) -> Result<Json<DuplicateList>, ApiError> {
    let groups = state.app.likely_duplicates(&auth.actor).await?;
    Ok(Json(DuplicateList { items: groups.into_iter().map(Into::into).collect() }))
}

/// Merge two records of one person; returns the surviving family.
#[utoipa::path(post, path = "/api/v1/families/duplicates/merge", tag = "families", request_body = MergeRequest,
    responses(
        (status = 200, body = FamilyDetailDto),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
        (status = 422, description = "different_national_ids / same", body = ErrorBody),
    ))]
pub async fn merge_duplicates(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<MergeRequest>,
) -> Result<Json<FamilyDetailDto>, ApiError> {
    Ok(Json(state.app.merge_members(&auth.actor, body.keep_member_id, body.drop_member_id).await?.into()))
}

/// Say two people are not the same, so they are not flagged again.
#[utoipa::path(post, path = "/api/v1/families/duplicates/dismiss", tag = "families", request_body = DismissRequest,
    responses((status = 204, description = "Dismissed"), (status = 404, body = ErrorBody)))]
pub async fn dismiss_duplicates(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<DismissRequest>,
) -> Result<StatusCode, ApiError> {
    state.app.dismiss_duplicate(&auth.actor, body.member_a, body.member_b).await?;
    Ok(StatusCode::NO_CONTENT)
}
