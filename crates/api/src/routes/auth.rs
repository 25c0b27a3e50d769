use crate::{
    AppState,
    dto::{ChangePasswordRequest, LoginRequest, MeDto},
    error::{ApiError, ErrorBody},
    extract::{ApiJson, Auth, ClientInfo, SESSION_COOKIE},
};
use axum::{
    Json,
    extract::State,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use hamyar_application::auth::{IssuedSession, LoginRequest as Login};

fn session_cookie(state: &AppState, value: &str, max_age_secs: i64) -> Result<HeaderValue, ApiError> {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}"
    ))
    .map_err(|e| hamyar_application::AppError::Internal(format!("cookie: {e}")).into())
}

fn with_session(state: &AppState, issued: &IssuedSession, body: MeDto) -> Result<Response, ApiError> {
    let cookie = session_cookie(state, &issued.token, issued.max_age.num_seconds())?;
    let mut response = Json(body).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// Log in; sets the session cookie.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = MeDto),
        (status = 401, description = "invalid_credentials", body = ErrorBody),
        (status = 403, description = "account_disabled", body = ErrorBody),
        (status = 429, description = "too_many_attempts (see Retry-After)", body = ErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let (issued, me) = state
        .app
        .login(Login {
            username: &body.username,
            password: &body.password,
            client_address: &client.address,
            user_agent: &client.user_agent,
        })
        .await?;
    with_session(&state, &issued, me.into())
}

/// End this session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204, description = "Logged out"), (status = 401, body = ErrorBody)))]
pub async fn logout(State(state): State<AppState>, auth: Auth) -> Result<Response, ApiError> {
    state.app.logout(auth.session_id).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, session_cookie(&state, "", 0)?);
    Ok(response)
}

/// Who I am and what I may do.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth",
    responses((status = 200, body = MeDto), (status = 401, description = "unauthenticated / session_expired", body = ErrorBody)))]
pub async fn me(State(state): State<AppState>, auth: Auth) -> Result<Json<MeDto>, ApiError> {
    Ok(Json(state.app.me(&auth.actor).await?.into()))
}

/// Change my password. Every session of mine ends; this response carries a new one.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", request_body = ChangePasswordRequest,
    responses(
        (status = 200, body = MeDto),
        (status = 422, description = "wrong_password / weak_password", body = ErrorBody),
        (status = 401, body = ErrorBody),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    auth: Auth,
    client: ClientInfo,
    ApiJson(body): ApiJson<ChangePasswordRequest>,
) -> Result<Response, ApiError> {
    let (issued, me) = state
        .app
        .change_own_password(
            &auth.actor,
            &body.current_password,
            &body.new_password,
            &client.address,
            &client.user_agent,
        )
        .await?;
    with_session(&state, &issued, me.into())
}
