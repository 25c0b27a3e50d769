//! User accounts: creation, listing, disabling, password resets.

use crate::{
    Actor, AppError, Hamyar,
    model::{SyncMeta, User},
    policy::{self, Action},
    ports::Scope,
    service::hash_password,
};
use hamyar_domain::{
    FieldError,
    account::{NewPassword, Username},
    organization::Name,
    role::{Role, ScopeKind},
};
use uuid::Uuid;

pub struct NewUserInput {
    pub id: Option<Uuid>,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
    pub center_id: Option<Uuid>,
    pub hq_id: Option<Uuid>,
}

pub struct UserPatch {
    pub version: i64,
    pub display_name: Option<String>,
    pub disabled: Option<bool>,
}

impl Hamyar {
    /// Where a new user of `role` sits: (hq, center). A center-level user's
    /// headquarters is always their center's.
    async fn placement(
        &self,
        role: Role,
        hq_id: Option<Uuid>,
        center_id: Option<Uuid>,
        visible: Scope,
    ) -> Result<(Option<Uuid>, Option<Uuid>), AppError> {
        let center_needed =
            || AppError::Validation(FieldError::new("center_id", "required", "مرکز را انتخاب کنید / Choose a center"));
        match (role.scope_kind(), center_id) {
            (ScopeKind::Headquarters, _) => Ok((hq_id, None)),
            (ScopeKind::Center, None) => Err(center_needed()),
            (_, Some(center_id)) => {
                let center = self.store.get_center(center_id).await?;
                let center = center.filter(|c| match visible {
                    Scope::Everything => true,
                    Scope::Headquarters(hq) => c.hq_id == hq,
                    Scope::Center(id) => c.id == id,
                    Scope::Nothing | Scope::AssignedTo { .. } => false,
                });
                let center = center.ok_or_else(|| {
                    AppError::Validation(FieldError::new("center_id", "unknown", "مرکز پیدا نشد / Center not found"))
                })?;
                Ok((Some(center.hq_id), Some(center.id)))
            }
            (ScopeKind::Either, None) => Ok((hq_id, None)),
        }
    }

    pub(crate) async fn build_user(
        &self,
        input: &NewUserInput,
        hq_id: Option<Uuid>,
        center_id: Option<Uuid>,
    ) -> Result<(User, String), AppError> {
        let username = Username::parse(&input.username)?;
        let password = NewPassword::parse("password", &input.password, &username).map_err(AppError::WeakPassword)?;
        let user = User {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            username: username.to_string(),
            display_name: Name::parse("display_name", &input.display_name, 120)?.into_string(),
            role: input.role,
            hq_id,
            center_id,
            disabled: false,
            meta: SyncMeta::new(self.clock.now()),
        };
        if self.store.find_credentials(&user.username).await?.is_some() {
            return Err(AppError::DuplicateUsername);
        }
        let hash = hash_password(password.expose().to_owned()).await?;
        Ok((user, hash))
    }

    /// Operator action (command line): creates a user of any role.
    pub async fn bootstrap_user(&self, input: NewUserInput) -> Result<User, AppError> {
        let (hq_id, center_id) = self.placement(input.role, input.hq_id, input.center_id, Scope::Everything).await?;
        if input.role.scope_kind() != ScopeKind::Center && hq_id.is_none() && center_id.is_none() {
            return Err(AppError::Validation(FieldError::new(
                "hq",
                "required",
                "ستاد یا مرکز را نام ببرید / Name the headquarters (--hq) or center (--center)",
            )));
        }
        let (user, hash) = self.build_user(&input, hq_id, center_id).await?;
        self.store.insert_user(self.write_ctx(None), &user, &hash).await?;
        Ok(user)
    }

    /// Operator action (command line): sets a user's password, e.g. when the
    /// only admin forgot theirs. Every session of the user ends.
    pub async fn bootstrap_set_password(&self, username: &str, new_password: &str) -> Result<User, AppError> {
        let username = Username::parse(username)?;
        let (user, _) = self.store.find_credentials(username.as_str()).await?.ok_or(AppError::NotFound)?;
        let password = NewPassword::parse("password", new_password, &username).map_err(AppError::WeakPassword)?;
        let hash = hash_password(password.expose().to_owned()).await?;
        Ok(self.store.set_password(self.write_ctx(None), user.id, &hash).await?)
    }

    pub async fn create_user(&self, actor: &Actor, input: NewUserInput) -> Result<User, AppError> {
        // Refuse a role the actor can never grant before looking at anything
        // else, so the answer does not depend on the rest of the input.
        if !policy::creatable_roles(actor).contains(&input.role) {
            return Err(AppError::Forbidden);
        }
        // Defaults: a manager's users go to the manager's center; an HQ
        // user's to the actor's headquarters.
        let center_id = match (input.role.scope_kind(), input.center_id, actor.role) {
            (ScopeKind::Center, None, Role::CenterManager) => actor.center_id,
            (ScopeKind::Either, None, Role::CenterManager) => actor.center_id,
            (_, c, _) => c,
        };
        let hq_id = input.hq_id.or(actor.hq_id);
        let (hq_id, center_id) = self.placement(input.role, hq_id, center_id, policy::center_scope(actor)).await?;
        policy::authorize(actor, Action::CreateUser { role: input.role, hq_id, center_id })?;
        let (user, hash) = self.build_user(&input, hq_id, center_id).await?;
        self.store.insert_user(self.write_ctx(Some(actor)), &user, &hash).await?;
        tracing::info!(actor = %actor.user_id, user = %user.id, role = %user.role, "user created");
        Ok(user)
    }

    /// Users the actor may see, optionally of one center.
    pub async fn list_users(&self, actor: &Actor, center_id: Option<Uuid>) -> Result<Vec<User>, AppError> {
        let mut users = self.store.list_users(policy::user_scope(actor)).await?;
        if let Some(center_id) = center_id {
            users.retain(|u| u.center_id == Some(center_id));
        }
        Ok(users)
    }

    pub async fn get_user(&self, actor: &Actor, id: Uuid) -> Result<User, AppError> {
        let user = self.store.get_user(id).await?.ok_or(AppError::NotFound)?;
        policy::authorize(actor, Action::ReadUser(&user)).map_err(|_| AppError::NotFound)?;
        Ok(user)
    }

    /// Edits another user's name or enabled state. Disabling ends all of the
    /// user's sessions at once.
    pub async fn update_user(&self, actor: &Actor, id: Uuid, patch: UserPatch) -> Result<User, AppError> {
        let current = self.get_user(actor, id).await?;
        policy::authorize(actor, Action::ManageUser(&current))?;
        if patch.version != current.meta.version {
            return Err(AppError::VersionConflict);
        }
        let mut next = current.clone();
        if let Some(name) = &patch.display_name {
            next.display_name = Name::parse("display_name", name, 120)?.into_string();
        }
        if let Some(disabled) = patch.disabled {
            next.disabled = disabled;
        }
        next.meta = current.meta.bumped(self.clock.now());
        self.store.update_user(self.write_ctx(Some(actor)), &next).await?;
        if next.disabled {
            self.store.delete_user_sessions(next.id).await?;
        }
        Ok(next)
    }

    /// A manager or admin sets a new password for someone who forgot theirs.
    /// Every session of that user ends.
    pub async fn reset_password(&self, actor: &Actor, id: Uuid, new_password: &str) -> Result<(), AppError> {
        let user = self.get_user(actor, id).await?;
        policy::authorize(actor, Action::ManageUser(&user))?;
        let username = Username::parse(&user.username)?;
        let password = NewPassword::parse("new_password", new_password, &username).map_err(AppError::WeakPassword)?;
        let hash = hash_password(password.expose().to_owned()).await?;
        self.store.set_password(self.write_ctx(Some(actor)), user.id, &hash).await?;
        tracing::info!(actor = %actor.user_id, user = %user.id, "password reset");
        Ok(())
    }
}
