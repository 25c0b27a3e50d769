//! Extractors: JSON bodies whose failures speak our error shape, the
//! authenticated actor from the session cookie, and the client's address.

use crate::{AppState, error::ApiError};
use axum::{
    extract::{ConnectInfo, FromRequest, FromRequestParts, Request, rejection::JsonRejection},
    http::{StatusCode, header, request::Parts},
};
use hamyar_application::Actor;
use serde::de::DeserializeOwned;
use std::net::SocketAddr;
use uuid::Uuid;

pub const SESSION_COOKIE: &str = "hamyar_session";

/// `Json<T>`, but a bad body becomes `malformed_json`,
/// `unsupported_media_type` or `payload_too_large` in the API's shape.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

/// A raw body (an uploaded file) whose failures speak our error shape.
pub struct ApiBytes(pub axum::body::Bytes);

impl<S: Send + Sync> FromRequest<S> for ApiBytes {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::body::Bytes::from_request(req, state).await {
            Ok(bytes) => Ok(ApiBytes(bytes)),
            Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(too_large()),
            Err(r) => Err(ApiError::new(StatusCode::BAD_REQUEST, "malformed_json", r.body_text())),
        }
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        "درخواست بیش از اندازه بزرگ است / The request is too large",
    )
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "بدنهٔ درخواست باید JSON باشد / The request body must be JSON (Content-Type: application/json)",
        ),
        JsonRejection::BytesRejection(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        JsonRejection::JsonDataError(e) => {
            let mut error = ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed_json",
                format!("دادهٔ درخواست درست نیست / The request data is not valid: {}", e.body_text()),
            );
            error.field = field_of(&e.body_text());
            error
        }
        other => ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            format!("JSON نامعتبر / Invalid JSON: {}", other.body_text()),
        ),
    }
}

/// serde says "missing field `x`" or names the path of a bad value; pass the
/// field on so the form can show the message beside it.
fn field_of(text: &str) -> Option<String> {
    let start = text.find('`')? + 1;
    let len = text[start..].find('`')?;
    Some(text[start..start + len].to_owned())
}

/// The cookie value of the session, if the request carries one.
pub fn session_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// The logged-in person behind a request. Extracting it authenticates the
/// request; a handler that takes it cannot be reached anonymously.
pub struct Auth {
    pub actor: Actor,
    pub session_id: Uuid,
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = session_token(parts);
        let (actor, session_id) = state.app.authenticate(token.as_deref()).await?;
        Ok(Auth { actor, session_id })
    }
}

/// Where a request came from, for throttling and the session record.
pub struct ClientInfo {
    pub address: String,
    pub user_agent: String,
}

impl<S: Send + Sync> FromRequestParts<S> for ClientInfo {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".to_owned());
        let user_agent =
            parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        Ok(ClientInfo { address, user_agent })
    }
}
