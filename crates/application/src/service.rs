use crate::{
    AppError,
    clock::{Clock, SystemClock},
    ports::Store,
    throttle::{LoginThrottle, ThrottleRule},
};
use chrono::Duration;
use std::sync::Arc;

/// Session lifetimes and login throttling.
#[derive(Debug, Clone, Copy)]
pub struct AuthConfig {
    /// A session unused this long ends.
    pub session_idle: Duration,
    /// A session ends this long after login, used or not.
    pub session_absolute: Duration,
    pub per_account: ThrottleRule,
    pub per_address: ThrottleRule,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            // A helper's visit can take an afternoon; a shared center PC must
            // not stay logged in overnight.
            session_idle: Duration::hours(2),
            session_absolute: Duration::hours(12),
            per_account: ThrottleRule {
                max_failures: 5,
                window: Duration::minutes(15),
                lockout: Duration::minutes(15),
            },
            per_address: ThrottleRule {
                max_failures: 30,
                window: Duration::minutes(15),
                lockout: Duration::minutes(15),
            },
        }
    }
}

/// The application: every use case is a method on it (see `auth`, `orgs`,
/// `users`, `families`).
pub struct Hamyar {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) throttle: LoginThrottle,
    pub(crate) config: AuthConfig,
    /// Parsed instruments by id: published versions never change.
    pub(crate) instruments:
        std::sync::Mutex<std::collections::HashMap<uuid::Uuid, Arc<hamyar_domain::instrument::Instrument>>>,
    /// One push at a time per device, so a device retrying while its first
    /// push still runs cannot apply a mutation twice (`sync_push`).
    pub(crate) push_locks: std::sync::Mutex<std::collections::HashMap<uuid::Uuid, Arc<tokio::sync::Mutex<()>>>>,
}

impl Hamyar {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self::with(store, Arc::new(SystemClock), AuthConfig::default())
    }

    pub fn with(store: Arc<dyn Store>, clock: Arc<dyn Clock>, config: AuthConfig) -> Self {
        let throttle = LoginThrottle::new(config.per_account, config.per_address);
        Self { store, clock, throttle, config, instruments: Default::default(), push_locks: Default::default() }
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// Today as the centers count days: Iran's (UTC+03:30, no daylight
    /// saving since 2022), so that an entry made after midnight there is
    /// not "in the future".
    pub(crate) fn today(&self) -> chrono::NaiveDate {
        iran_day(self.clock.now())
    }

    /// The centers' today, for views that mark things overdue.
    pub fn center_today(&self) -> chrono::NaiveDate {
        self.today()
    }

    pub(crate) fn write_ctx(&self, actor: Option<&crate::Actor>) -> crate::model::WriteContext {
        crate::model::WriteContext {
            actor: actor.map(|a| a.user_id),
            at: self.clock.now(),
            origin: actor.and_then(|a| a.origin),
        }
    }
}

/// The day an instant falls on in Iran (UTC+03:30, no daylight saving
/// since 2022): the day the centers see on their calendars.
pub(crate) fn iran_day(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    (at + chrono::Duration::minutes(210)).date_naive()
}

/// Argon2id hashing, off the async threads (it is slow on purpose).
pub(crate) async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        use argon2::{Argon2, PasswordHasher};
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("hash: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("hash task: {e}")))?
}

/// Checks `password` against a PHC hash string. A malformed stored hash
/// counts as a mismatch (and is logged), never as a success.
pub(crate) async fn verify_password(password: String, hash: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        use argon2::{Argon2, PasswordHash, PasswordVerifier};
        match PasswordHash::new(&hash) {
            Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
            Err(e) => {
                tracing::error!(error = %e, "stored password hash is malformed");
                false
            }
        }
    })
    .await
    .map_err(|e| AppError::Internal(format!("verify task: {e}")))
}
