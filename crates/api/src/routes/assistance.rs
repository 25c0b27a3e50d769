//! Focused assistance: the resource directory, services, the assistance
//! calendar, referrals and commissions.

use crate::{
    AppState,
    assistance_dto::*,
    error::{ApiError, ErrorBody, version_required},
    extract::{ApiJson, Auth},
    family_dto::VersionQuery,
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use hamyar_application::{
    commissions::{CommissionInput, DecisionInput, MeetingInput, SeatInput, TaskInput},
    model::Attendee,
    referrals::ReferralAnswer,
    resources::ResourceInput,
};
use uuid::Uuid;

fn resource_input(b: ResourceRequest) -> ResourceInput {
    ResourceInput {
        id: b.id,
        center_id: b.center_id,
        kind: b.kind,
        level: b.level,
        name: b.name,
        domains: b.domains,
        offers: b.offers,
        capacity: b.capacity,
        contact_name: b.contact_name,
        phone: b.phone,
        address: b.address,
        area: b.area,
        notes: b.notes,
        user_id: b.user_id,
    }
}

/// The resource directory as I see it (searchable).
#[utoipa::path(get, path = "/api/v1/resources", tag = "assistance", params(ResourceQuery),
    responses((status = 200, body = ResourceListDto), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_resources(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ResourceQuery>,
) -> Result<Json<ResourceListDto>, ApiError> {
    let items = state.app.list_resources(&auth.actor, q.q.as_deref(), q.kind.as_deref(), q.domain.as_deref()).await?;
    Ok(Json(ResourceListDto { items: items.into_iter().map(Into::into).collect() }))
}

/// Add a resource (headquarters admins: the headquarters'; managers: their center's).
#[utoipa::path(post, path = "/api/v1/resources", tag = "assistance", request_body = ResourceRequest,
    responses((status = 201, body = ResourceDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_resource(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(b): ApiJson<ResourceRequest>,
) -> Result<(StatusCode, Json<ResourceDto>), ApiError> {
    let view = state.app.create_resource(&auth.actor, resource_input(b)).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

/// Edit a resource; `version` must be the current one.
#[utoipa::path(patch, path = "/api/v1/resources/{id}", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = ResourceRequest,
    responses((status = 200, body = ResourceDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_resource(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ResourceRequest>,
) -> Result<Json<ResourceDto>, ApiError> {
    let version = version_required(b.version)?;
    Ok(Json(state.app.update_resource(&auth.actor, id, version, resource_input(b)).await?.into()))
}

/// Take a resource out of the directory (records naming it keep it).
#[utoipa::path(delete, path = "/api/v1/resources/{id}", tag = "assistance", params(("id" = Uuid, Path), VersionQuery),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, description = "version_conflict", body = ErrorBody)))]
pub async fn remove_resource(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    Query(v): Query<VersionQuery>,
) -> Result<StatusCode, ApiError> {
    state.app.remove_resource(&auth.actor, id, v.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A family's services, calendar, referrals, and commissions' decisions and tasks about it.
#[utoipa::path(get, path = "/api/v1/families/{id}/assistance", tag = "assistance", params(("id" = Uuid, Path)),
    responses((status = 200, body = FamilyAssistanceDto), (status = 404, body = ErrorBody)))]
pub async fn family_assistance(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<FamilyAssistanceDto>, ApiError> {
    Ok(Json(state.app.family_assistance(&auth.actor, id).await?.into()))
}

/// Log a service (append-only; with `amends`, a correction with a reason).
#[utoipa::path(post, path = "/api/v1/families/{id}/services", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = ServiceRequest,
    responses((status = 201, body = ServiceDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn log_service(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ServiceRequest>,
) -> Result<(StatusCode, Json<ServiceDto>), ApiError> {
    let service = state.app.log_service(&auth.actor, id, b.into()).await?;
    Ok((StatusCode::CREATED, Json(service.into())))
}

/// Add a goal to a family's assistance calendar.
#[utoipa::path(post, path = "/api/v1/families/{id}/goals", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = GoalRequest,
    responses((status = 201, body = GoalDto), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_goal(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<GoalRequest>,
) -> Result<(StatusCode, Json<GoalDto>), ApiError> {
    let goal = state.app.create_goal(&auth.actor, id, b.into()).await?;
    Ok((StatusCode::CREATED, Json((&goal).into())))
}

/// Change a goal (absent fields stay).
#[utoipa::path(patch, path = "/api/v1/goals/{id}", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = GoalRequest,
    responses((status = 200, body = GoalDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_goal(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<GoalRequest>,
) -> Result<Json<GoalDto>, ApiError> {
    let version = version_required(b.version)?;
    Ok(Json((&state.app.update_goal(&auth.actor, id, version, b.into()).await?).into()))
}

/// Plan an activity in a family's assistance calendar.
#[utoipa::path(post, path = "/api/v1/families/{id}/activities", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = ActivityRequest,
    responses((status = 201, body = ActivityDto), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_activity(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ActivityRequest>,
) -> Result<(StatusCode, Json<ActivityDto>), ApiError> {
    let activity = state.app.create_activity(&auth.actor, id, b.into()).await?;
    Ok((StatusCode::CREATED, Json((&activity).into())))
}

/// Change an activity: reschedule, mark missed or cancelled… (absent fields stay).
#[utoipa::path(patch, path = "/api/v1/activities/{id}", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = ActivityRequest,
    responses((status = 200, body = ActivityDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_activity(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ActivityRequest>,
) -> Result<Json<ActivityDto>, ApiError> {
    let version = version_required(b.version)?;
    Ok(Json((&state.app.update_activity(&auth.actor, id, version, b.into()).await?).into()))
}

/// Mark an activity done, logging the service it was in the same step.
#[utoipa::path(post, path = "/api/v1/activities/{id}/complete", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = CompleteActivityRequest,
    responses((status = 200, body = CompletedActivityDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn complete_activity(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<CompleteActivityRequest>,
) -> Result<Json<CompletedActivityDto>, ApiError> {
    let (activity, service) =
        state.app.complete_activity(&auth.actor, id, b.version, b.notes, b.service.map(Into::into)).await?;
    Ok(Json(CompletedActivityDto { activity: (&activity).into(), service: service.map(Into::into) }))
}

/// Activities of my families due in a range (a month view).
#[utoipa::path(get, path = "/api/v1/calendar", tag = "assistance", params(CalendarQuery),
    responses((status = 200, body = CalendarDto), (status = 422, body = ErrorBody)))]
pub async fn calendar(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<CalendarQuery>,
) -> Result<Json<CalendarDto>, ApiError> {
    let (items, names) = state.app.calendar(&auth.actor, &q.from, &q.to).await?;
    Ok(Json(CalendarDto::of(&items, &names)))
}

/// What is due for me: today's, overdue and coming activities, overdue
/// commission tasks, referrals waiting for my answer.
#[utoipa::path(get, path = "/api/v1/agenda", tag = "assistance",
    responses((status = 200, body = AgendaDto), (status = 401, body = ErrorBody)))]
pub async fn agenda(State(state): State<AppState>, auth: Auth) -> Result<Json<AgendaDto>, ApiError> {
    Ok(Json(state.app.agenda(&auth.actor).await?.into()))
}

/// Refer a family or a member to a resource or a commission.
#[utoipa::path(post, path = "/api/v1/families/{id}/referrals", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = ReferralRequest,
    responses((status = 201, body = ReferralCaseDto), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_referral(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ReferralRequest>,
) -> Result<(StatusCode, Json<ReferralCaseDto>), ApiError> {
    let referral = state.app.create_referral(&auth.actor, id, b.into()).await?;
    let case = state.app.referral_case(&auth.actor, referral.id).await?;
    Ok((StatusCode::CREATED, Json(case.into())))
}

/// Referrals I deal with: sent to me or my commissions, or made for my families.
#[utoipa::path(get, path = "/api/v1/referrals", tag = "assistance",
    responses((status = 200, body = ReferralListDto), (status = 401, body = ErrorBody)))]
pub async fn list_referrals(State(state): State<AppState>, auth: Auth) -> Result<Json<ReferralListDto>, ApiError> {
    let items = state.app.list_referrals(&auth.actor).await?;
    Ok(Json(ReferralListDto { items: items.into_iter().map(Into::into).collect() }))
}

/// One case: what was referred, how to reach the family, the decisions.
#[utoipa::path(get, path = "/api/v1/referrals/{id}", tag = "assistance", params(("id" = Uuid, Path)),
    responses((status = 200, body = ReferralCaseDto), (status = 404, body = ErrorBody)))]
pub async fn get_referral(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<ReferralCaseDto>, ApiError> {
    Ok(Json(state.app.referral_case(&auth.actor, id).await?.into()))
}

/// Accept, decline, report progress on, close or withdraw a referral.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/answer", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = ReferralAnswerRequest,
    responses((status = 200, body = ReferralCaseDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn answer_referral(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ReferralAnswerRequest>,
) -> Result<Json<ReferralCaseDto>, ApiError> {
    let answer = ReferralAnswer { status: b.status, feedback: b.feedback };
    state.app.answer_referral(&auth.actor, id, b.version, answer).await?;
    Ok(Json(state.app.referral_case(&auth.actor, id).await?.into()))
}

/// Commissions my families may be referred to.
#[utoipa::path(get, path = "/api/v1/commissions/referable", tag = "assistance",
    responses((status = 200, body = CommissionChoiceListDto)))]
pub async fn referable_commissions(
    State(state): State<AppState>,
    auth: Auth,
) -> Result<Json<CommissionChoiceListDto>, ApiError> {
    let items = state.app.referable_commissions(&auth.actor).await?;
    Ok(Json(CommissionChoiceListDto { items: items.into_iter().map(Into::into).collect() }))
}

/// Commissions I may open.
#[utoipa::path(get, path = "/api/v1/commissions", tag = "assistance",
    responses((status = 200, body = CommissionListDto)))]
pub async fn list_commissions(State(state): State<AppState>, auth: Auth) -> Result<Json<CommissionListDto>, ApiError> {
    let items = state.app.list_commissions(&auth.actor).await?;
    Ok(Json(CommissionListDto { items: items.into_iter().map(Into::into).collect() }))
}

fn commission_input(b: CommissionRequest) -> CommissionInput {
    CommissionInput { id: b.id, center_id: b.center_id, domain: b.domain, name: b.name, notes: b.notes }
}

/// Set up a commission (headquarters admins: the headquarters'; managers: their center's).
#[utoipa::path(post, path = "/api/v1/commissions", tag = "assistance", request_body = CommissionRequest,
    responses((status = 201, body = CommissionDetailDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_commission(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(b): ApiJson<CommissionRequest>,
) -> Result<(StatusCode, Json<CommissionDetailDto>), ApiError> {
    let detail = state.app.create_commission(&auth.actor, commission_input(b)).await?;
    Ok((StatusCode::CREATED, Json(detail.into())))
}

/// A commission: seats, cases, meetings, decisions, tasks.
#[utoipa::path(get, path = "/api/v1/commissions/{id}", tag = "assistance", params(("id" = Uuid, Path)),
    responses((status = 200, body = CommissionDetailDto), (status = 404, body = ErrorBody)))]
pub async fn get_commission(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<CommissionDetailDto>, ApiError> {
    Ok(Json(state.app.commission_detail(&auth.actor, id).await?.into()))
}

/// Edit a commission's name, domain, notes.
#[utoipa::path(patch, path = "/api/v1/commissions/{id}", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = CommissionRequest,
    responses((status = 200, body = CommissionDetailDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_commission(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<CommissionRequest>,
) -> Result<Json<CommissionDetailDto>, ApiError> {
    let version = version_required(b.version)?;
    Ok(Json(state.app.update_commission(&auth.actor, id, version, commission_input(b)).await?.into()))
}

/// Give someone a seat on a commission.
#[utoipa::path(post, path = "/api/v1/commissions/{id}/seats", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = SeatRequest,
    responses((status = 201, body = SeatDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add_seat(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<SeatRequest>,
) -> Result<(StatusCode, Json<SeatDto>), ApiError> {
    let input =
        SeatInput { id: b.id, user_id: b.user_id, name: b.name, capacity: b.capacity, organization: b.organization };
    let seat = state.app.add_seat(&auth.actor, id, input).await?;
    Ok((StatusCode::CREATED, Json((&seat).into())))
}

/// End a seat (its holder no longer sees the commission's cases).
#[utoipa::path(delete, path = "/api/v1/commissions/{id}/seats/{seat_id}", tag = "assistance",
    params(("id" = Uuid, Path), ("seat_id" = Uuid, Path), VersionQuery),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, description = "version_conflict", body = ErrorBody)))]
pub async fn remove_seat(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, seat_id)): Path<(Uuid, Uuid)>,
    Query(v): Query<VersionQuery>,
) -> Result<StatusCode, ApiError> {
    state.app.remove_seat(&auth.actor, id, seat_id, v.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn meeting_input(b: MeetingRequest) -> MeetingInput {
    MeetingInput {
        id: b.id,
        held_on: b.held_on,
        place: b.place,
        attendees: b
            .attendees
            .into_iter()
            .map(|a| Attendee { member_id: a.member_id, user_id: a.user_id, name: a.name })
            .collect(),
        agenda: b.agenda,
        notes: b.notes,
    }
}

/// Record a meeting of a commission, with attendees and the cases on its agenda.
#[utoipa::path(post, path = "/api/v1/commissions/{id}/meetings", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = MeetingRequest,
    responses((status = 201, body = MeetingDetailDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create_meeting(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<MeetingRequest>,
) -> Result<(StatusCode, Json<MeetingDetailDto>), ApiError> {
    let meeting = state.app.create_meeting(&auth.actor, id, meeting_input(b)).await?;
    Ok((StatusCode::CREATED, Json(state.app.meeting_detail(&auth.actor, meeting.id).await?.into())))
}

/// A meeting with its decisions and tasks.
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "assistance", params(("id" = Uuid, Path)),
    responses((status = 200, body = MeetingDetailDto), (status = 404, body = ErrorBody)))]
pub async fn get_meeting(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
) -> Result<Json<MeetingDetailDto>, ApiError> {
    Ok(Json(state.app.meeting_detail(&auth.actor, id).await?.into()))
}

/// Edit a meeting (attendees, agenda, notes).
#[utoipa::path(patch, path = "/api/v1/meetings/{id}", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = MeetingRequest,
    responses((status = 200, body = MeetingDetailDto), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_meeting(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<MeetingRequest>,
) -> Result<Json<MeetingDetailDto>, ApiError> {
    let version = version_required(b.version)?;
    state.app.update_meeting(&auth.actor, id, version, meeting_input(b)).await?;
    Ok(Json(state.app.meeting_detail(&auth.actor, id).await?.into()))
}

/// Record the decision about a case on the meeting's agenda, and the tasks it divides out.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/decisions", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = DecisionRequest,
    responses((status = 201, body = RecordedDecisionDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn record_decision(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<DecisionRequest>,
) -> Result<(StatusCode, Json<RecordedDecisionDto>), ApiError> {
    let input = DecisionInput {
        id: b.id,
        referral_id: b.referral_id,
        text: b.text,
        tasks: b
            .tasks
            .into_iter()
            .map(|t| TaskInput {
                id: t.id,
                title: t.title,
                assignee_kind: t.assignee_kind,
                assignee_id: t.assignee_id,
                due_on: t.due_on,
            })
            .collect(),
    };
    let (decision, tasks) = state.app.record_decision(&auth.actor, id, input).await?;
    let today = state.app.center_today();
    let tasks = tasks.iter().map(|t| TaskDto::of(t, today)).collect();
    Ok((StatusCode::CREATED, Json(RecordedDecisionDto { decision: (&decision).into(), tasks })))
}

/// Mark a commission task done, cancelled, or open again.
#[utoipa::path(post, path = "/api/v1/commission-tasks/{id}/status", tag = "assistance", params(("id" = Uuid, Path)),
    request_body = TaskStatusRequest,
    responses((status = 200, body = TaskDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "version_conflict", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_task(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<TaskStatusRequest>,
) -> Result<Json<TaskDto>, ApiError> {
    let task = state.app.update_task(&auth.actor, id, b.version, &b.status, b.note).await?;
    Ok(Json(TaskDto::of(&task, state.app.center_today())))
}
