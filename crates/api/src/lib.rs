//! Hamyar's HTTP API: JSON under `/api/v1`, described by OpenAPI 3.1 at
//! `/api/openapi.json` (interactive page at `/api/docs`), and the web app
//! for every other path. Handlers translate HTTP to use-case calls and
//! back; all decisions are made in the application layer.

pub mod assessment_dto;
pub mod assistance_dto;
pub mod dto;
pub mod error;
pub mod extract;
pub mod family_dto;
pub mod helper_dto;
pub mod program_dto;
pub mod routes;
pub mod sync_dto;
mod web;

use axum::{
    Json, Router,
    extract::DefaultBodyLimit,
    http::{HeaderName, HeaderValue, header},
    routing::{get, patch, post},
};
use error::ApiError;
use hamyar_application::Hamyar;
use std::{sync::Arc, time::Duration};
use tower_http::{
    set_header::SetResponseHeaderLayer,
    timeout::TimeoutLayer,
    trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer},
};
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

/// Largest JSON request body accepted.
pub const BODY_LIMIT_BYTES: usize = 1024 * 1024;
/// Largest imported file (about 300,000 rows of CSV).
pub const IMPORT_LIMIT_BYTES: usize = 32 * 1024 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub app: Arc<Hamyar>,
    /// Mark the session cookie `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Hamyar API", description = "همیار — case management for local family assistance centers. Errors always have the shape {\"error\":{\"code\",\"message\",\"field\"}}."),
    paths(
        health,
        routes::auth::login, routes::auth::logout, routes::auth::me, routes::auth::change_password,
        routes::orgs::list_headquarters, routes::orgs::list_centers, routes::orgs::create_center,
        routes::orgs::get_center, routes::orgs::update_center,
        routes::users::list_users, routes::users::create_user, routes::users::get_user,
        routes::users::update_user, routes::users::reset_password,
        routes::families::list_families, routes::families::create_family, routes::families::get_family,
        routes::families::update_family, routes::families::add_member, routes::families::update_member,
        routes::families::remove_member, routes::families::change_head, routes::families::move_member,
        routes::families::family_history, routes::families::family_access_log, routes::families::import_families,
        routes::families::export_families, routes::families::list_duplicates, routes::families::merge_duplicates,
        routes::families::dismiss_duplicates,
        routes::assessments::list_instruments, routes::assessments::current_instrument,
        routes::assessments::get_instrument, routes::assessments::check_instrument,
        routes::assessments::publish_instrument, routes::assessments::preview_reclassification,
        routes::assessments::apply_reclassification, routes::assessments::list_reclassifications,
        routes::assessments::list_assessments, routes::assessments::create_assessment,
        routes::assessments::list_assessors, routes::assessments::tier_history,
        routes::assessments::get_assessment, routes::assessments::update_assessment,
        routes::assessments::discard_assessment, routes::assessments::finalize_assessment,
        routes::assessments::override_tier, routes::assessments::tier_distribution,
        routes::assessments::transition_report,
        routes::helpers::get_program_rules, routes::helpers::set_program_rules, routes::helpers::list_helpers,
        routes::helpers::create_helper, routes::helpers::get_helper, routes::helpers::update_helper,
        routes::helpers::change_helper_status, routes::helpers::accept_helper, routes::helpers::my_families,
        routes::helpers::family_assignments, routes::helpers::assign_family, routes::helpers::helper_suggestions,
        routes::helpers::end_assignment, routes::helpers::update_assignment,
        routes::training::list_courses, routes::training::create_course, routes::training::get_course,
        routes::training::update_course, routes::training::add_session, routes::training::update_session,
        routes::training::delete_session, routes::training::save_attendance, routes::training::enroll,
        routes::training::unenroll,
        routes::sync::register_device, routes::sync::list_devices, routes::sync::revoke_device,
        routes::sync::push, routes::sync::pull, routes::sync::list_conflicts, routes::sync::resolve_conflict,
        routes::sync::list_mutations, routes::sync::device_families,
        routes::assistance::list_resources, routes::assistance::create_resource,
        routes::assistance::update_resource, routes::assistance::remove_resource,
        routes::assistance::family_assistance, routes::assistance::log_service, routes::assistance::create_goal,
        routes::assistance::update_goal, routes::assistance::create_activity, routes::assistance::update_activity,
        routes::assistance::complete_activity, routes::assistance::calendar, routes::assistance::agenda,
        routes::assistance::create_referral, routes::assistance::list_referrals, routes::assistance::get_referral,
        routes::assistance::answer_referral, routes::assistance::referable_commissions,
        routes::assistance::list_commissions, routes::assistance::create_commission,
        routes::assistance::get_commission, routes::assistance::update_commission, routes::assistance::add_seat,
        routes::assistance::remove_seat, routes::assistance::create_meeting, routes::assistance::get_meeting,
        routes::assistance::update_meeting, routes::assistance::record_decision, routes::assistance::update_task,
        routes::programs::list_programs, routes::programs::create_program, routes::programs::get_program,
        routes::programs::update_program, routes::programs::add_program_session, routes::programs::update_program_session,
        routes::programs::remove_program_session, routes::programs::program_targeting, routes::programs::invitations_csv,
        routes::programs::register_participants, routes::programs::unregister_participant, routes::programs::link_walk_in,
        routes::programs::save_program_attendance, routes::programs::program_certificate, routes::programs::family_programs,
        routes::programs::program_month_report,
    ),
    // Enums used only by query parameters are not collected on their own.
    components(schemas(
        assessment_dto::TierFilterCode, assessment_dto::TransitionGroupingCode, helper_dto::HelperStatusCode,
        helper_dto::HelperBackgroundCode, helper_dto::SkillCode, helper_dto::CurriculumCode, helper_dto::SessionModeCode,
        assistance_dto::ResourceKindCode, assistance_dto::DomainCode, program_dto::ProgramKindCode,
        program_dto::AudienceCode,
    )),
    tags(
        (name = "auth", description = "Login, sessions, my account"),
        (name = "organizations", description = "Headquarters and centers"),
        (name = "users", description = "User accounts"),
        (name = "families", description = "Families"),
        (name = "assessments", description = "Instruments, assessments, tiers, reclassification"),
        (name = "reports", description = "Outcome reports (aggregates)"),
        (name = "helpers", description = "Family helpers, caseloads, program rules"),
        (name = "training", description = "Helper training: courses, sessions, attendance"),
        (name = "sync", description = "Offline devices and sync (docs/sync.md)"),
        (name = "assistance", description = "Focused assistance: resources, services, calendars, referrals, commissions"),
        (name = "programs", description = "General assistance: group programs, targeting, attendance, outcomes"),
    )
)]
pub struct ApiDoc;

/// Liveness check.
#[utoipa::path(get, path = "/healthz", tag = "auth", responses((status = 200, body = dto::Health)))]
async fn health() -> Json<dto::Health> {
    Json(dto::Health { status: "ok".to_owned(), version: env!("CARGO_PKG_VERSION").to_owned() })
}

async fn api_not_found() -> ApiError {
    ApiError::not_found()
}

async fn api_method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

pub fn router(state: AppState) -> Router {
    use routes::{assessments, assistance, auth, families, helpers, orgs, programs, sync, training, users};
    let timeout =
        |secs| TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, Duration::from_secs(secs));
    let api = Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/me", get(auth::me))
        .route("/me/password", post(auth::change_password))
        .route("/headquarters", get(orgs::list_headquarters))
        .route("/centers", get(orgs::list_centers).post(orgs::create_center))
        .route("/centers/{id}", get(orgs::get_center).patch(orgs::update_center))
        .route("/users", get(users::list_users).post(users::create_user))
        .route("/users/{id}", get(users::get_user).patch(users::update_user))
        .route("/users/{id}/password", post(users::reset_password))
        .route("/families", get(families::list_families).post(families::create_family))
        .route("/families/duplicates", get(families::list_duplicates))
        .route("/families/duplicates/merge", post(families::merge_duplicates))
        .route("/families/duplicates/dismiss", post(families::dismiss_duplicates))
        .route("/families/{id}", get(families::get_family).patch(families::update_family))
        .route("/families/{id}/members", post(families::add_member))
        .route("/families/{id}/members/{member_id}", patch(families::update_member).delete(families::remove_member))
        .route("/families/{id}/members/{member_id}/move", post(families::move_member))
        .route("/families/{id}/head", post(families::change_head))
        .route("/families/{id}/history", get(families::family_history))
        .route("/families/{id}/access-log", get(families::family_access_log))
        .route("/families/{id}/assessments", get(assessments::list_assessments).post(assessments::create_assessment))
        .route("/families/{id}/assessors", get(assessments::list_assessors))
        .route("/families/{id}/tier-history", get(assessments::tier_history))
        .route("/instruments", get(assessments::list_instruments).post(assessments::publish_instrument))
        .route("/instruments/current", get(assessments::current_instrument))
        .route("/instruments/check", post(assessments::check_instrument))
        .route("/instruments/{id}", get(assessments::get_instrument))
        .route("/reclassifications", get(assessments::list_reclassifications))
        .route(
            "/assessments/{id}",
            get(assessments::get_assessment)
                .patch(assessments::update_assessment)
                .delete(assessments::discard_assessment),
        )
        .route("/assessments/{id}/finalize", post(assessments::finalize_assessment))
        .route("/assessments/{id}/override", post(assessments::override_tier))
        .route("/program-rules", get(helpers::get_program_rules).put(helpers::set_program_rules))
        .route("/helpers", get(helpers::list_helpers).post(helpers::create_helper))
        .route("/helpers/{id}", get(helpers::get_helper).patch(helpers::update_helper))
        .route("/helpers/{id}/status", post(helpers::change_helper_status))
        .route("/helpers/{id}/accept", post(helpers::accept_helper))
        .route("/my/families", get(helpers::my_families))
        .route("/families/{id}/assignments", get(helpers::family_assignments).post(helpers::assign_family))
        .route("/families/{id}/helper-suggestions", get(helpers::helper_suggestions))
        .route("/assignments/{id}", patch(helpers::update_assignment))
        .route("/assignments/{id}/end", post(helpers::end_assignment))
        .route("/courses", get(training::list_courses).post(training::create_course))
        .route("/courses/{id}", get(training::get_course).patch(training::update_course))
        .route("/courses/{id}/sessions", post(training::add_session))
        .route("/courses/{id}/enrollments", post(training::enroll))
        .route("/courses/{id}/enrollments/{helper_id}", axum::routing::delete(training::unenroll))
        .route("/course-sessions/{id}", patch(training::update_session).delete(training::delete_session))
        .route("/course-sessions/{id}/attendance", axum::routing::put(training::save_attendance))
        .route("/sync/devices", get(sync::list_devices).post(sync::register_device))
        .route("/sync/devices/{id}/revoke", post(sync::revoke_device))
        .route("/sync/devices/{id}/families", get(sync::device_families))
        .route("/sync/push", post(sync::push))
        .route("/sync/pull", get(sync::pull))
        .route("/sync/conflicts", get(sync::list_conflicts))
        .route("/sync/conflicts/{id}/resolve", post(sync::resolve_conflict))
        .route("/sync/mutations", get(sync::list_mutations))
        .route("/resources", get(assistance::list_resources).post(assistance::create_resource))
        .route("/resources/{id}", patch(assistance::update_resource).delete(assistance::remove_resource))
        .route("/families/{id}/assistance", get(assistance::family_assistance))
        .route("/families/{id}/services", post(assistance::log_service))
        .route("/families/{id}/goals", post(assistance::create_goal))
        .route("/families/{id}/activities", post(assistance::create_activity))
        .route("/families/{id}/referrals", post(assistance::create_referral))
        .route("/goals/{id}", patch(assistance::update_goal))
        .route("/activities/{id}", patch(assistance::update_activity))
        .route("/activities/{id}/complete", post(assistance::complete_activity))
        .route("/calendar", get(assistance::calendar))
        .route("/agenda", get(assistance::agenda))
        .route("/referrals", get(assistance::list_referrals))
        .route("/referrals/{id}", get(assistance::get_referral))
        .route("/referrals/{id}/answer", post(assistance::answer_referral))
        .route("/commissions", get(assistance::list_commissions).post(assistance::create_commission))
        .route("/commissions/referable", get(assistance::referable_commissions))
        .route("/commissions/{id}", get(assistance::get_commission).patch(assistance::update_commission))
        .route("/commissions/{id}/seats", post(assistance::add_seat))
        .route("/commissions/{id}/seats/{seat_id}", axum::routing::delete(assistance::remove_seat))
        .route("/commissions/{id}/meetings", post(assistance::create_meeting))
        .route("/meetings/{id}", get(assistance::get_meeting).patch(assistance::update_meeting))
        .route("/meetings/{id}/decisions", post(assistance::record_decision))
        .route("/commission-tasks/{id}/status", post(assistance::update_task))
        .route("/programs", get(programs::list_programs).post(programs::create_program))
        .route("/programs/{id}", get(programs::get_program).patch(programs::update_program))
        .route("/programs/{id}/sessions", post(programs::add_program_session))
        .route("/programs/{id}/targeting", get(programs::program_targeting))
        .route("/programs/{id}/invitations.csv", get(programs::invitations_csv))
        .route("/programs/{id}/registrations", post(programs::register_participants))
        .route(
            "/program-sessions/{id}",
            patch(programs::update_program_session).delete(programs::remove_program_session),
        )
        .route("/program-sessions/{id}/attendance", axum::routing::put(programs::save_program_attendance))
        .route("/program-registrations/{id}", axum::routing::delete(programs::unregister_participant))
        .route("/program-registrations/{id}/certificate", get(programs::program_certificate))
        .route("/program-walk-ins/{id}/link", post(programs::link_walk_in))
        .route("/families/{id}/programs", get(programs::family_programs))
        .route("/reports/programs", get(programs::program_month_report))
        .route("/reports/tiers", get(assessments::tier_distribution))
        .route("/reports/transitions", get(assessments::transition_report))
        .layer(timeout(30))
        // Re-scoring a whole headquarters: up to a minute.
        .route(
            "/instruments/{id}/reclassification/preview",
            post(assessments::preview_reclassification).layer::<_, std::convert::Infallible>(timeout(600)),
        )
        .route(
            "/instruments/{id}/reclassification",
            post(assessments::apply_reclassification).layer::<_, std::convert::Infallible>(timeout(600)),
        )
        // Whole registries go in and out here: minutes, not seconds.
        .route(
            "/families/import",
            post(families::import_families)
                .layer::<_, std::convert::Infallible>(DefaultBodyLimit::max(IMPORT_LIMIT_BYTES))
                .layer::<_, std::convert::Infallible>(timeout(600)),
        )
        .route("/families/export", get(families::export_families).layer::<_, std::convert::Infallible>(timeout(600)))
        .fallback(api_not_found)
        .method_not_allowed_fallback(api_method_not_allowed)
        // Personal data must not linger in shared caches or the browser's.
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));

    let app = Router::new()
        .route("/healthz", get(health))
        .nest("/api/v1", api)
        .route("/api", get(api_not_found))
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", ApiDoc::openapi()))
        .fallback(web::serve)
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES));
    with_security_headers(app)
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(tracing::Level::INFO))
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}

/// Headers that keep the app from being framed, sniffed or leaking its URLs.
fn with_security_headers(router: Router<AppState>) -> Router<AppState> {
    let csp = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
               connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    router
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp)))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("no-referrer"),
        ))
}

/// The OpenAPI document as JSON (for `hamyar openapi` and the web client generator).
pub fn openapi_json() -> Result<String, serde_json::Error> {
    ApiDoc::openapi().to_pretty_json()
}
