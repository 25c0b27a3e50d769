//! The one error shape of the API: `{"error":{"code","message","field"}}`.

use axum::{
    Json,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use hamyar_application::AppError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable code the web app translates (see docs/api-contract.md).
    pub code: String,
    /// Persian, then English.
    pub message: String,
    /// The request field the error is about, if any.
    #[schema(required = true)]
    pub field: Option<String>,
    /// Why the field was refused, when it was (e.g. `length`, `format`,
    /// `too_short`, `contains_username`, `required`, `date`): stable, for
    /// the web app to translate.
    #[schema(required = true)]
    pub reason: Option<String>,
}

/// An error on its way to the client.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
    pub reason: Option<String>,
    pub retry_after_secs: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), field: None, reason: None, retry_after_secs: None }
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", AppError::NotFound.to_string())
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "این روش درخواست پشتیبانی نمی‌شود / Method not allowed",
        )
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        let status = match &e {
            AppError::Validation(_)
            | AppError::WeakPassword(_)
            | AppError::WrongPassword
            | AppError::InvalidInstrument(_)
            | AppError::AssessmentIncomplete(_)
            | AppError::HelperNotAccepted => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::InvalidCredentials | AppError::Unauthenticated | AppError::SessionExpired => {
                StatusCode::UNAUTHORIZED
            }
            AppError::AccountDisabled | AppError::Forbidden | AppError::DeviceRevoked => StatusCode::FORBIDDEN,
            AppError::ProtocolUnsupported { .. } => StatusCode::UPGRADE_REQUIRED,
            AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::DuplicateCode
            | AppError::DuplicateUsername
            | AppError::DuplicateNationalId(_)
            | AppError::VersionConflict
            | AppError::InstrumentVersionTaken
            | AppError::AssessmentFinal
            | AppError::PreServiceIncomplete { .. }
            | AppError::CaseloadFull { .. }
            | AppError::StatusChangeNotAllowed { .. } => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if let AppError::Internal(detail) = &e {
            // The detail goes to the log, never to the client.
            tracing::error!(error = %detail, "internal error");
        }
        Self {
            status,
            code: e.code(),
            field: e.field().map(str::to_owned),
            reason: match &e {
                AppError::Validation(f) | AppError::WeakPassword(f) => Some(f.reason.to_owned()),
                _ => None,
            },
            retry_after_secs: match e {
                AppError::TooManyAttempts { retry_after_secs } => Some(retry_after_secs),
                _ => None,
            },
            message: e.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message,
                field: self.field,
                reason: self.reason,
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(secs) = self.retry_after_secs
            && let Ok(value) = HeaderValue::from_str(&secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// The `version` an edit must name (bodies that serve both create and
/// update carry it as optional).
pub fn version_required(version: Option<i64>) -> Result<i64, ApiError> {
    version.ok_or_else(|| {
        AppError::Validation(hamyar_domain::FieldError::new(
            "version",
            "required",
            "نسخه لازم است / The version is required",
        ))
        .into()
    })
}
