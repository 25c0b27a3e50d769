//! Logging in and out, sessions, and one's own password.

use crate::{
    Actor, AppError, Hamyar,
    model::{Center, Headquarters, Session, User},
    policy,
    service::{hash_password, verify_password},
};
use chrono::Duration;
use hamyar_domain::{
    account::{NewPassword, Username, normalize_login_password},
    role::Role,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// A freshly issued session token: given to the client once, stored only
/// as a hash.
pub struct IssuedSession {
    pub token: String,
    pub max_age: Duration,
}

/// Who the caller is and what the web app may show them.
#[derive(Debug, Clone)]
pub struct Me {
    pub user: User,
    pub headquarters: Option<Headquarters>,
    pub center: Option<Center>,
    pub permissions: Vec<&'static str>,
    pub creatable_roles: Vec<Role>,
}

pub struct LoginRequest<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub client_address: &'a str,
    pub user_agent: &'a str,
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("rng: {e}")))?;
    Ok(hex::encode(bytes))
}

// A real Argon2id hash of a random string, so that an unknown username costs
// the same time as a wrong password and does not reveal which accounts exist.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Kx0tVv0z9p4yJm3WGo3yQ3m9V2o7oU0XGJ4m8m5f4uE";

impl Hamyar {
    pub async fn login(&self, req: LoginRequest<'_>) -> Result<(IssuedSession, Me), AppError> {
        let now = self.clock.now();
        // An unparseable username cannot exist; treat it like an unknown one.
        let username = Username::parse(req.username).map(|u| u.to_string()).unwrap_or_default();
        let throttle_key = if username.is_empty() { req.username.trim().to_lowercase() } else { username.clone() };
        if let Some(retry_after_secs) = self.throttle.check(&throttle_key, req.client_address, now) {
            return Err(AppError::TooManyAttempts { retry_after_secs });
        }
        let password = normalize_login_password(req.password);
        let found = if username.is_empty() { None } else { self.store.find_credentials(&username).await? };
        let (user, hash) = match found {
            Some((user, hash)) => (Some(user), hash),
            None => (None, DUMMY_HASH.to_owned()),
        };
        let matches = verify_password(password, hash).await?;
        let user = match (user, matches) {
            (Some(user), true) => user,
            _ => {
                self.throttle.record_failure(&throttle_key, req.client_address, now);
                tracing::info!(username = %throttle_key, address = req.client_address, "login failed");
                return Err(AppError::InvalidCredentials);
            }
        };
        // Only someone who knows the password learns the account is disabled.
        if user.disabled {
            return Err(AppError::AccountDisabled);
        }
        self.throttle.record_success(&throttle_key);
        let issued = self.start_session(&user, req.client_address, req.user_agent).await?;
        tracing::info!(user = %user.id, "login");
        let me = self.me_for(user).await?;
        Ok((issued, me))
    }

    async fn start_session(
        &self,
        user: &User,
        client_address: &str,
        user_agent: &str,
    ) -> Result<IssuedSession, AppError> {
        let now = self.clock.now();
        let token = new_token()?;
        let session = Session {
            id: Uuid::now_v7(),
            user_id: user.id,
            token_hash: hash_token(&token),
            created_at: now,
            last_seen_at: now,
            expires_at: now + self.config.session_absolute,
            client_address: client_address.chars().take(64).collect(),
            user_agent: user_agent.chars().take(256).collect(),
        };
        self.store.insert_session(&session).await?;
        Ok(IssuedSession { token, max_age: self.config.session_absolute })
    }

    /// Resolves a session token to the actor behind it.
    pub async fn authenticate(&self, token: Option<&str>) -> Result<(Actor, Uuid), AppError> {
        let token = token.filter(|t| !t.is_empty()).ok_or(AppError::Unauthenticated)?;
        let now = self.clock.now();
        // A token we do not know was ended (logout, password change) or never
        // ours: either way, the person must log in again.
        let session = self.store.find_session(&hash_token(token)).await?.ok_or(AppError::SessionExpired)?;
        if now >= session.expires_at || now - session.last_seen_at >= self.config.session_idle {
            self.store.delete_session(session.id).await?;
            return Err(AppError::SessionExpired);
        }
        let user = self.store.get_user(session.user_id).await?.ok_or(AppError::SessionExpired)?;
        if user.disabled || user.meta.deleted_at.is_some() {
            self.store.delete_user_sessions(user.id).await?;
            return Err(AppError::AccountDisabled);
        }
        // Writing on every request would serialize readers on SQLite; a
        // minute of slack in the idle timer costs nothing.
        if now - session.last_seen_at >= Duration::minutes(1) {
            self.store.touch_session(session.id, now).await?;
        }
        let mut actor = actor_of(&user);
        if actor.role == hamyar_domain::role::Role::Helper {
            actor.assigned_families = self.store.assigned_families(user.id, self.today()).await?;
        }
        actor.commissions = self.store.member_commissions(user.id).await?;
        Ok((actor, session.id))
    }

    pub async fn logout(&self, session_id: Uuid) -> Result<(), AppError> {
        self.store.delete_session(session_id).await?;
        Ok(())
    }

    pub async fn me(&self, actor: &Actor) -> Result<Me, AppError> {
        let user = self.store.get_user(actor.user_id).await?.ok_or(AppError::SessionExpired)?;
        self.me_for(user).await
    }

    async fn me_for(&self, user: User) -> Result<Me, AppError> {
        let mut actor = actor_of(&user);
        // Seats decide what a commission member's navigation offers.
        actor.commissions = self.store.member_commissions(user.id).await?;
        let headquarters = match user.hq_id {
            Some(id) => self.store.get_headquarters(id).await?,
            None => None,
        };
        let center = match user.center_id {
            Some(id) => self.store.get_center(id).await?,
            None => None,
        };
        Ok(Me {
            permissions: policy::permissions(&actor),
            creatable_roles: policy::creatable_roles(&actor),
            user,
            headquarters,
            center,
        })
    }

    /// Changes one's own password. Every session of the user ends (on every
    /// device); the caller gets a new one so they stay logged in here.
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
        client_address: &str,
        user_agent: &str,
    ) -> Result<(IssuedSession, Me), AppError> {
        let username = Username::parse(&actor.username)?;
        let new = NewPassword::parse("new_password", new, &username).map_err(AppError::WeakPassword)?;
        let hash = self.store.password_hash(actor.user_id).await?.ok_or(AppError::SessionExpired)?;
        if !verify_password(normalize_login_password(current), hash).await? {
            return Err(AppError::WrongPassword);
        }
        let new_hash = hash_password(new.expose().to_owned()).await?;
        let user = self.store.set_password(self.write_ctx(Some(actor)), actor.user_id, &new_hash).await?;
        let issued = self.start_session(&user, client_address, user_agent).await?;
        let me = self.me_for(user).await?;
        Ok((issued, me))
    }
}

pub fn actor_of(user: &User) -> Actor {
    Actor {
        user_id: user.id,
        username: user.username.clone(),
        role: user.role,
        hq_id: user.hq_id,
        center_id: user.center_id,
        assigned_families: Vec::new(),
        commissions: Vec::new(),
        origin: None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_hash_is_a_real_argon2id_hash() {
        // If it did not parse, unknown usernames would answer faster than
        // wrong passwords and reveal which accounts exist.
        let parsed = argon2::PasswordHash::new(DUMMY_HASH).unwrap();
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(hash_token(&a), a);
        assert_eq!(hash_token(&a), hash_token(&a));
    }
}
