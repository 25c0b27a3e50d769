//! Offline devices (`docs/sync.md`): registration at login, the list a
//! user and their manager see, and revocation of a lost or retired device.
//! Pushing and pulling mutations build on these records.

use crate::{
    Actor, AppError, Hamyar,
    model::{Device, SyncMeta, User},
    policy::{self, Action},
    ports::Scope,
};
use hamyar_domain::{FieldError, organization::optional_text};
use std::collections::HashMap;
use uuid::Uuid;

/// The sync protocol this server speaks.
pub const PROTOCOL: u32 = 1;

pub struct DeviceInput {
    pub id: Uuid,
    pub name: String,
    pub app_version: String,
    pub protocol: u32,
}

/// A device with its owner, for lists.
pub struct DeviceView {
    pub device: Device,
    pub owner: User,
}

impl Hamyar {
    /// Registers this installation for the session's user (again, after a
    /// restart: the same id updates it). A revoked device stays revoked.
    pub async fn register_device(&self, actor: &Actor, input: DeviceInput) -> Result<Device, AppError> {
        if input.protocol != PROTOCOL {
            return Err(AppError::ProtocolUnsupported { supported: PROTOCOL });
        }
        let name = optional_text("name", Some(&input.name), 80)?;
        let app_version = optional_text("app_version", Some(&input.app_version), 40)?;
        let now = self.clock.now();
        let device = match self.store.get_device(input.id).await? {
            Some(d) if d.user_id != actor.user_id => {
                return Err(FieldError::new(
                    "id",
                    "taken",
                    "این شناسهٔ دستگاه از آنِ کاربر دیگری است / This device id belongs to another user",
                )
                .into());
            }
            Some(d) if d.revoked_at.is_some() => return Err(AppError::DeviceRevoked),
            Some(d) => {
                Device { name, app_version, protocol: input.protocol, last_seen_at: now, meta: d.meta.bumped(now), ..d }
            }
            None => Device {
                id: input.id,
                user_id: actor.user_id,
                name,
                app_version,
                protocol: input.protocol,
                last_seen_at: now,
                revoked_at: None,
                revoked_by: None,
                meta: SyncMeta::new(now),
            },
        };
        self.store.save_device(self.write_ctx(Some(actor)), &device).await?;
        Ok(device)
    }

    /// My devices, and those of the users I manage (or of one of them).
    pub async fn list_devices(&self, actor: &Actor, user_id: Option<Uuid>) -> Result<Vec<DeviceView>, AppError> {
        let users: Vec<User> = match user_id {
            Some(id) => vec![self.get_user(actor, id).await?],
            None => {
                let mut users = match policy::user_scope(actor) {
                    Scope::Nothing => Vec::new(),
                    scope => self.store.list_users(scope).await?,
                };
                if !users.iter().any(|u| u.id == actor.user_id) {
                    users.extend(self.store.get_user(actor.user_id).await?);
                }
                users
            }
        };
        let ids: Vec<Uuid> = users.iter().map(|u| u.id).collect();
        let owners: HashMap<Uuid, User> = users.into_iter().map(|u| (u.id, u)).collect();
        Ok(self
            .store
            .devices_of(&ids)
            .await?
            .into_iter()
            .filter_map(|device| owners.get(&device.user_id).cloned().map(|owner| DeviceView { device, owner }))
            .collect())
    }

    /// Revokes a device: its next contact wipes it. The owner may (a lost
    /// phone, from another device), as may whoever manages the owner.
    pub async fn revoke_device(&self, actor: &Actor, id: Uuid) -> Result<DeviceView, AppError> {
        let device = self.store.get_device(id).await?.ok_or(AppError::NotFound)?;
        let owner = self.store.get_user(device.user_id).await?.ok_or(AppError::NotFound)?;
        policy::authorize(actor, Action::ReadUser(&owner)).map_err(|_| AppError::NotFound)?;
        policy::authorize(actor, Action::RevokeDevice(&owner))?;
        if device.revoked_at.is_some() {
            return Ok(DeviceView { device, owner });
        }
        let now = self.clock.now();
        let revoked =
            Device { revoked_at: Some(now), revoked_by: Some(actor.user_id), meta: device.meta.bumped(now), ..device };
        self.store.save_device(self.write_ctx(Some(actor)), &revoked).await?;
        tracing::info!(actor = %actor.user_id, device = %id, "device revoked");
        Ok(DeviceView { device: revoked, owner })
    }
}
