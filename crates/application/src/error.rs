use hamyar_domain::FieldError;

/// Every failure a use case reports. Each has a stable code the web app
/// translates; messages are Persian first, English second.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Validation(FieldError),
    #[error("{0}")]
    WeakPassword(FieldError),
    #[error("گذرواژه فعلی نادرست است / The current password is wrong")]
    WrongPassword,
    #[error("نام کاربری یا گذرواژه نادرست است / Wrong username or password")]
    InvalidCredentials,
    #[error("این حساب غیرفعال شده است / This account is disabled")]
    AccountDisabled,
    #[error("تلاش‌های ناموفق زیاد؛ کمی بعد دوباره بکوشید / Too many failed attempts; try again later")]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("ابتدا وارد شوید / Please log in")]
    Unauthenticated,
    #[error("نشست شما پایان یافته است؛ دوباره وارد شوید / Your session has ended; please log in again")]
    SessionExpired,
    #[error("اجازهٔ این کار را ندارید / You are not allowed to do this")]
    Forbidden,
    #[error("پیدا نشد / Not found")]
    NotFound,
    #[error("این کد پیش‌تر به کار رفته است / This code is already in use")]
    DuplicateCode,
    #[error("این نام کاربری پیش‌تر به کار رفته است / This username is already taken")]
    DuplicateUsername,
    /// The message says where the ID is registered, as far as the caller
    /// may see.
    #[error("{0}")]
    DuplicateNationalId(String),
    #[error(
        "این داده را کس دیگری در این میان تغییر داده است؛ دوباره بارگذاری کنید / Someone else changed this meanwhile; reload"
    )]
    VersionConflict,
    /// Every problem of an instrument file, each with its line.
    #[error("{}", instrument_problems(.0))]
    InvalidInstrument(Vec<hamyar_domain::instrument::InstrumentError>),
    #[error(
        "این نسخه از این ابزار پیش‌تر منتشر شده است؛ شمارهٔ نسخه را بالا ببرید / This version of the instrument is already published; raise the version number"
    )]
    InstrumentVersionTaken,
    #[error(
        "سطح‌بندی نهایی تغییر نمی‌کند؛ برای اصلاح، سطح‌بندی اصلاحی با دلیل ثبت کنید / A final assessment cannot change; record a correction with a reason"
    )]
    AssessmentFinal,
    #[error(
        "{0} پرسش هنوز پاسخ ندارد؛ سطح‌بندی کامل نیست / {0} questions are still unanswered; the assessment is not complete"
    )]
    AssessmentIncomplete(usize),
    /// Acceptance before the pre-service training is complete.
    #[error(
        "آموزش پیش از خدمت کامل نیست: {done} از {required} ساعت گذرانده شده است / Pre-service training is not complete: {done} of {required} hours done"
    )]
    PreServiceIncomplete { done: f64, required: f64 },
    #[error(
        "این همیار {max} خانواده دارد که سقف است؛ نخست یکی از واگذاری‌هایش را پایان دهید یا همیار دیگری برگزینید / This helper already has {max} families, the limit; end one of their assignments or choose another helper"
    )]
    CaseloadFull { max: u32 },
    #[error(
        "به این همیار هنوز خانواده سپرده نمی‌شود: تنها همیار پذیرفته‌شده یا فعال خانواده می‌گیرد / Families go only to accepted or active helpers"
    )]
    HelperNotAccepted,
    #[error(
        "این تغییر وضعیت مجاز نیست: از «{from}» به «{to}» / This status change is not allowed: from {from_code} to {to_code}"
    )]
    StatusChangeNotAllowed { from: &'static str, to: &'static str, from_code: &'static str, to_code: &'static str },
    #[error(
        "این نسخهٔ برنامه کهنه است؛ تغییرهای شما نگه داشته شده‌اند؛ برنامه را به‌روز کنید / This version of the app is too old; your changes are kept; please update the app"
    )]
    ProtocolUnsupported { supported: u32 },
    #[error("این دستگاه لغو شده است؛ داده‌های آن پاک می‌شود / This device has been revoked; its data is being wiped")]
    DeviceRevoked,
    #[error("خطای داخلی / Internal error")]
    Internal(String),
}

fn instrument_problems(problems: &[hamyar_domain::instrument::InstrumentError]) -> String {
    let lines: Vec<String> = problems
        .iter()
        .map(|p| match p.line {
            0 => format!("{} / {}", p.message_fa, p.message_en),
            line => format!("سطر {line}: {} / line {line}: {}", p.message_fa, p.message_en),
        })
        .collect();
    format!("ابزار نامعتبر است / The instrument is not valid — {}", lines.join("; "))
}

impl AppError {
    /// The stable code (see docs/api-contract.md).
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "validation",
            AppError::WeakPassword(_) => "weak_password",
            AppError::WrongPassword => "wrong_password",
            AppError::InvalidCredentials => "invalid_credentials",
            AppError::AccountDisabled => "account_disabled",
            AppError::TooManyAttempts { .. } => "too_many_attempts",
            AppError::Unauthenticated => "unauthenticated",
            AppError::SessionExpired => "session_expired",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::DuplicateCode => "duplicate_code",
            AppError::DuplicateUsername => "duplicate_username",
            AppError::DuplicateNationalId(_) => "duplicate_national_id",
            AppError::VersionConflict => "version_conflict",
            AppError::InvalidInstrument(_) => "instrument_invalid",
            AppError::InstrumentVersionTaken => "instrument_version_taken",
            AppError::AssessmentFinal => "assessment_final",
            AppError::AssessmentIncomplete(_) => "assessment_incomplete",
            AppError::PreServiceIncomplete { .. } => "pre_service_incomplete",
            AppError::CaseloadFull { .. } => "caseload_full",
            AppError::HelperNotAccepted => "helper_not_accepted",
            AppError::StatusChangeNotAllowed { .. } => "status_change_not_allowed",
            AppError::ProtocolUnsupported { .. } => "protocol_unsupported",
            AppError::DeviceRevoked => "device_revoked",
            AppError::Internal(_) => "internal",
        }
    }

    /// The field the error is about, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AppError::Validation(e) | AppError::WeakPassword(e) => Some(e.field),
            AppError::WrongPassword => Some("current_password"),
            AppError::DuplicateCode => Some("code"),
            AppError::DuplicateUsername => Some("username"),
            AppError::DuplicateNationalId(_) => Some("national_id"),
            AppError::InvalidInstrument(_) | AppError::InstrumentVersionTaken => Some("source"),
            AppError::AssessmentIncomplete(_) => Some("answers"),
            AppError::CaseloadFull { .. } | AppError::HelperNotAccepted => Some("helper_id"),
            AppError::StatusChangeNotAllowed { .. } => Some("status"),
            _ => None,
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Validation(e)
    }
}

impl From<crate::ports::StoreError> for AppError {
    fn from(e: crate::ports::StoreError) -> Self {
        use crate::ports::StoreError;
        match e {
            StoreError::NotFound => AppError::NotFound,
            // Two managers assigning one family at once: the second reloads.
            StoreError::VersionConflict
            | StoreError::Duplicate(crate::ports::UniqueKey::OpenAssignment | crate::ports::UniqueKey::Other) => {
                AppError::VersionConflict
            }
            StoreError::CaseloadFull { max } => AppError::CaseloadFull { max },
            StoreError::Duplicate(crate::ports::UniqueKey::Username) => AppError::DuplicateUsername,
            StoreError::Duplicate(crate::ports::UniqueKey::Code) => AppError::DuplicateCode,
            StoreError::Duplicate(crate::ports::UniqueKey::NationalId) => AppError::DuplicateNationalId(
                "این کد ملی پیش‌تر در این ستاد ثبت شده است / This national ID is already registered under this headquarters"
                    .to_owned(),
            ),
            StoreError::Backend(msg) => AppError::Internal(msg),
        }
    }
}
