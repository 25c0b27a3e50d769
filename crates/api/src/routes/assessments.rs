use crate::{
    AppState,
    assessment_dto::{
        AssessmentDto, AssessmentListDto, AssessmentSummaryDto, AssessorDto, CenterTierCountsDto,
        CreateAssessmentRequest, InstrumentCheckDto, InstrumentDto, InstrumentListDto, InstrumentSourceRequest,
        InstrumentSummaryDto, OverrideTierRequest, ReclassificationDto, ReclassificationRunDto,
        ReclassificationRunListDto, TierCountsDto, TierDistributionDto, TierHistoryDto, TransitionGroupDto,
        TransitionQuery, TransitionReportDto, UpdateAssessmentRequest, VersionBody,
    },
    error::{ApiError, ErrorBody},
    extract::{ApiJson, Auth},
    family_dto::VersionQuery,
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use hamyar_application::{
    AppError, Hamyar,
    assessments::{AssessmentPatch, NewAssessment},
    model::InstrumentRecord,
    outcomes::TransitionFilter,
};
use hamyar_domain::instrument::Instrument;
use std::collections::BTreeMap;
use uuid::Uuid;

fn document(record: &InstrumentRecord, parsed: &Instrument) -> InstrumentDto {
    InstrumentDto {
        summary: record.into(),
        instrument: serde_json::to_value(parsed).unwrap_or_default(),
        source: record.source.clone(),
    }
}

/// Instrument versions my headquarters may use, and the current one.
#[utoipa::path(get, path = "/api/v1/instruments", tag = "assessments",
    responses((status = 200, body = InstrumentListDto), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_instruments(State(state): State<AppState>, auth: Auth) -> Result<Json<InstrumentListDto>, ApiError> {
    let (items, current_id) = state.app.list_instruments(&auth.actor).await?;
    Ok(Json(InstrumentListDto { items: items.iter().map(Into::into).collect(), current_id }))
}

/// The instrument new assessments use, whole (the form and the device's
/// scoring read it).
#[utoipa::path(get, path = "/api/v1/instruments/current", tag = "assessments",
    responses((status = 200, body = InstrumentDto), (status = 404, body = ErrorBody)))]
pub async fn current_instrument(State(state): State<AppState>, auth: Auth) -> Result<Json<InstrumentDto>, ApiError> {
    let (record, parsed) = state.app.current_instrument(&auth.actor).await?;
    Ok(Json(document(&record, &parsed)))
}

/// One instrument version, whole.
#[utoipa::path(get, path = "/api/v1/instruments/{id}", tag = "assessments", params(("id" = Uuid, Path)),
    responses((status = 200, body = InstrumentDto), (status = 404, body = ErrorBody)))]
pub async fn get_instrument(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<InstrumentDto>, ApiError> {
    let (record, parsed) = state.app.instrument(&auth.actor, id).await?;
    Ok(Json(document(&record, &parsed)))
}

/// Checks an instrument file without publishing it: every problem with its line.
#[utoipa::path(post, path = "/api/v1/instruments/check", tag = "assessments", request_body = InstrumentSourceRequest,
    responses((status = 200, body = InstrumentCheckDto), (status = 401, body = ErrorBody)))]
pub async fn check_instrument(
    _auth: Auth,
    ApiJson(body): ApiJson<InstrumentSourceRequest>,
) -> Result<Json<InstrumentCheckDto>, ApiError> {
    Ok(Json(match Hamyar::check_instrument(&body.source) {
        Ok(i) => {
            let mut indicators = BTreeMap::new();
            for indicator in &i.indicators {
                *indicators.entry(indicator.domain.code().to_owned()).or_insert(0) += 1;
            }
            InstrumentCheckDto {
                valid: true,
                problems: Vec::new(),
                code: Some(i.code),
                instrument_version: Some(i.version),
                indicators,
            }
        }
        Err(problems) => InstrumentCheckDto {
            valid: false,
            problems: problems.into_iter().map(Into::into).collect(),
            code: None,
            instrument_version: None,
            indicators: BTreeMap::new(),
        },
    }))
}

/// Publishes a new instrument version for my headquarters (headquarters admins).
#[utoipa::path(post, path = "/api/v1/instruments", tag = "assessments", request_body = InstrumentSourceRequest,
    responses(
        (status = 201, body = InstrumentSummaryDto),
        (status = 403, body = ErrorBody),
        (status = 409, description = "instrument_version_taken", body = ErrorBody),
        (status = 422, description = "instrument_invalid", body = ErrorBody),
    ))]
pub async fn publish_instrument(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<InstrumentSourceRequest>,
) -> Result<(StatusCode, Json<InstrumentSummaryDto>), ApiError> {
    let hq = auth.actor.hq_id.ok_or(AppError::Forbidden)?;
    let record = state.app.publish_instrument(Some(&auth.actor), hq, &body.source).await?;
    Ok((StatusCode::CREATED, Json((&record).into())))
}

async fn reclassify(state: &AppState, auth: &Auth, id: Uuid, apply: bool) -> Result<ReclassificationDto, ApiError> {
    let hq = auth.actor.hq_id.ok_or(AppError::Forbidden)?;
    let (summary, run) = state.app.reclassify(Some(&auth.actor), hq, id, apply).await?;
    let names = state.app.center_names(&auth.actor).await?;
    Ok(ReclassificationDto::new(summary, run, id, &names))
}

/// Who would change tier if every family were re-scored with this version.
#[utoipa::path(post, path = "/api/v1/instruments/{id}/reclassification/preview", tag = "assessments",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ReclassificationDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn preview_reclassification(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<ReclassificationDto>, ApiError> {
    Ok(Json(reclassify(&state, &auth, id, false).await?))
}

/// Re-scores every family with this version and moves those whose tier changes.
#[utoipa::path(post, path = "/api/v1/instruments/{id}/reclassification", tag = "assessments",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ReclassificationDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn apply_reclassification(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<ReclassificationDto>, ApiError> {
    Ok(Json(reclassify(&state, &auth, id, true).await?))
}

/// Reclassifications applied in my headquarters, newest first.
#[utoipa::path(get, path = "/api/v1/reclassifications", tag = "assessments",
    responses((status = 200, body = ReclassificationRunListDto), (status = 403, body = ErrorBody)))]
pub async fn list_reclassifications(
    State(state): State<AppState>,
    auth: Auth,
) -> Result<Json<ReclassificationRunListDto>, ApiError> {
    let runs = state.app.reclassifications(&auth.actor).await?;
    Ok(Json(ReclassificationRunListDto { items: runs.into_iter().map(ReclassificationRunDto::new).collect() }))
}

/// A family's assessments, newest first, and its current tier.
#[utoipa::path(get, path = "/api/v1/families/{id}/assessments", tag = "assessments", params(("id" = Uuid, Path)),
    responses((status = 200, body = AssessmentListDto), (status = 404, body = ErrorBody)))]
pub async fn list_assessments(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<AssessmentListDto>, ApiError> {
    let list = state.app.family_assessments(&auth.actor, id).await?;
    Ok(Json(AssessmentListDto {
        items: list
            .assessments
            .iter()
            .map(|a| AssessmentSummaryDto::new(a, Some(a.id) == list.current, &list.names))
            .collect(),
        tier: list.tier.map(|t| t.code().to_owned()),
    }))
}

/// Starts a draft assessment (or a correction of a final one).
#[utoipa::path(post, path = "/api/v1/families/{id}/assessments", tag = "assessments", params(("id" = Uuid, Path)),
    request_body = CreateAssessmentRequest,
    responses((status = 201, body = AssessmentDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create_assessment(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<CreateAssessmentRequest>,
) -> Result<(StatusCode, Json<AssessmentDto>), ApiError> {
    let input = NewAssessment {
        id: body.id,
        kind: body.kind,
        assessed_on: body.assessed_on,
        assessor_id: body.assessor_id,
        answers: body.answers.map(Into::into),
        corrects: body.corrects,
        correction_reason: body.correction_reason,
    };
    let view = state.app.start_assessment(&auth.actor, id, input).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

/// Users who may be named as a family's assessor.
#[utoipa::path(get, path = "/api/v1/families/{id}/assessors", tag = "assessments", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<AssessorDto>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_assessors(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<AssessorDto>>, ApiError> {
    let users = state.app.assessors(&auth.actor, id).await?;
    Ok(Json(
        users
            .into_iter()
            .map(|u| AssessorDto { id: u.id, display_name: u.display_name, role: u.role.code().to_owned() })
            .collect(),
    ))
}

/// How a family's tier came to be, oldest first.
#[utoipa::path(get, path = "/api/v1/families/{id}/tier-history", tag = "assessments", params(("id" = Uuid, Path)),
    responses((status = 200, body = TierHistoryDto), (status = 404, body = ErrorBody)))]
pub async fn tier_history(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<TierHistoryDto>, ApiError> {
    let items = state.app.family_tier_history(&auth.actor, id).await?;
    Ok(Json(TierHistoryDto { items: items.into_iter().map(Into::into).collect() }))
}

/// One assessment, whole.
#[utoipa::path(get, path = "/api/v1/assessments/{id}", tag = "assessments", params(("id" = Uuid, Path)),
    responses((status = 200, body = AssessmentDto), (status = 404, body = ErrorBody)))]
pub async fn get_assessment(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<AssessmentDto>, ApiError> {
    Ok(Json(state.app.assessment(&auth.actor, id).await?.into()))
}

/// Saves a draft; `version` must be the current one.
#[utoipa::path(patch, path = "/api/v1/assessments/{id}", tag = "assessments", params(("id" = Uuid, Path)),
    request_body = UpdateAssessmentRequest,
    responses((status = 200, body = AssessmentDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict, assessment_final", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_assessment(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<UpdateAssessmentRequest>,
) -> Result<Json<AssessmentDto>, ApiError> {
    let patch = AssessmentPatch {
        version: body.version,
        kind: body.kind,
        assessed_on: body.assessed_on,
        assessor_id: body.assessor_id,
        answers: body.answers.map(Into::into),
    };
    Ok(Json(state.app.update_assessment(&auth.actor, id, patch).await?.into()))
}

/// Throws a draft away.
#[utoipa::path(delete, path = "/api/v1/assessments/{id}", tag = "assessments", params(("id" = Uuid, Path), VersionQuery),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn discard_assessment(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    Query(q): Query<VersionQuery>,
) -> Result<StatusCode, ApiError> {
    state.app.discard_assessment(&auth.actor, id, q.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Makes a complete draft final (it never changes again).
#[utoipa::path(post, path = "/api/v1/assessments/{id}/finalize", tag = "assessments", params(("id" = Uuid, Path)),
    request_body = VersionBody,
    responses((status = 200, body = AssessmentDto), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, description = "assessment_incomplete", body = ErrorBody)))]
pub async fn finalize_assessment(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<VersionBody>,
) -> Result<Json<AssessmentDto>, ApiError> {
    Ok(Json(state.app.finalize_assessment(&auth.actor, id, body.version).await?.into()))
}

/// A manager's tier for a final assessment, with the reason (kept beside
/// the computed tier).
#[utoipa::path(post, path = "/api/v1/assessments/{id}/override", tag = "assessments", params(("id" = Uuid, Path)),
    request_body = OverrideTierRequest,
    responses((status = 200, body = AssessmentDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn override_tier(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<OverrideTierRequest>,
) -> Result<Json<AssessmentDto>, ApiError> {
    let view = state.app.override_tier(&auth.actor, id, body.version, &body.tier, Some(&body.reason)).await?;
    Ok(Json(view.into()))
}

/// Active families per tier, per center I see.
#[utoipa::path(get, path = "/api/v1/reports/tiers", tag = "reports",
    responses((status = 200, body = TierDistributionDto), (status = 403, body = ErrorBody)))]
pub async fn tier_distribution(
    State(state): State<AppState>,
    auth: Auth,
) -> Result<Json<TierDistributionDto>, ApiError> {
    let rows = state.app.tier_distribution(&auth.actor).await?;
    let mut total = TierCountsDto::default();
    let centers = rows
        .iter()
        .map(|(id, name, counts)| {
            total.stable += counts.stable;
            total.at_risk += counts.at_risk;
            total.harmed += counts.harmed;
            total.unassessed += counts.unassessed;
            CenterTierCountsDto { center_id: *id, center_name: name.clone(), counts: counts.into() }
        })
        .collect();
    Ok(Json(TierDistributionDto { centers, total }))
}

/// Baseline × end-of-plan tiers: the plan's outcome.
#[utoipa::path(get, path = "/api/v1/reports/transitions", tag = "reports", params(TransitionQuery),
    responses((status = 200, body = TransitionReportDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn transition_report(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<TransitionQuery>,
) -> Result<Json<TransitionReportDto>, ApiError> {
    let filter =
        TransitionFilter { center_id: q.center_id, assessor_id: q.assessor_id, from: q.from, to: q.to, by: q.by };
    let report = state.app.transition_report(&auth.actor, filter).await?;
    Ok(Json(TransitionReportDto {
        total: (&report.total).into(),
        groups: report
            .groups
            .iter()
            .map(|(id, name, m)| TransitionGroupDto { id: *id, name: name.clone(), matrix: m.into() })
            .collect(),
    }))
}
