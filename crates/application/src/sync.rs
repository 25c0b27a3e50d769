//! Offline devices (`docs/sync.md`): registration at login, the list a
//! user and their manager see, and revocation of a lost or retired device.
//! Pushing and pulling mutations build on these records.

use crate::{
    Actor, AppError, Hamyar,
    model::{ConflictKind, ConflictResolution, Device, MutationRecord, SyncConflict, SyncMeta, User},
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

/// Whose offline records (conflicts, refusals) an actor sees: a manager
/// their center's, a helper those of the families they hold.
fn sync_records_scope(actor: &Actor) -> Result<(Uuid, Option<Vec<Uuid>>), AppError> {
    use hamyar_domain::role::Role;
    match (actor.role, actor.center_id) {
        (Role::CenterManager, Some(center)) => Ok((center, None)),
        (Role::Helper, Some(center)) => Ok((center, Some(actor.assigned_families.clone()))),
        _ => Err(AppError::Forbidden),
    }
}

impl Hamyar {
    /// Conflicts the actor may see, of one family or all; open ones only
    /// unless asked.
    pub async fn list_conflicts(
        &self,
        actor: &Actor,
        family_id: Option<Uuid>,
        open_only: bool,
    ) -> Result<Vec<SyncConflict>, AppError> {
        let (center, families) = sync_records_scope(actor)?;
        let families = narrow(families, family_id, self, actor).await?;
        Ok(self.store.list_conflicts(center, families.as_deref(), open_only).await?)
    }

    /// Refused mutations and those applied after an assignment ended.
    pub async fn list_sync_mutations(
        &self,
        actor: &Actor,
        family_id: Option<Uuid>,
        rejected: bool,
        review: bool,
    ) -> Result<Vec<MutationRecord>, AppError> {
        let (center, families) = sync_records_scope(actor)?;
        let families = narrow(families, family_id, self, actor).await?;
        Ok(self.store.list_mutations(center, families.as_deref(), rejected, review).await?)
    }

    /// Closes a conflict: `keep` leaves the winning value, `restore` writes
    /// the losing one back as the resolver's own edit.
    pub async fn resolve_conflict(
        &self,
        actor: &Actor,
        id: Uuid,
        resolution: &str,
        version: i64,
    ) -> Result<SyncConflict, AppError> {
        let conflict = self.store.get_conflict(id).await?.ok_or(AppError::NotFound)?;
        let family = self.visible_family(actor, conflict.family_id).await?;
        policy::authorize(actor, Action::EditHousehold(&family))?;
        let resolution = ConflictResolution::parse(resolution)
            .ok_or_else(|| FieldError::new("resolution", "invalid", "«keep» یا «restore» / Either keep or restore"))?;
        if conflict.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        if conflict.resolved_at.is_some() {
            return Ok(conflict);
        }
        if resolution == ConflictResolution::Restore {
            self.restore_losing_value(actor, &conflict).await?;
        }
        let now = self.clock.now();
        let resolved = SyncConflict {
            resolved_at: Some(now),
            resolved_by: Some(actor.user_id),
            resolution: Some(resolution),
            meta: conflict.meta.bumped(now),
            ..conflict
        };
        self.store.save_conflict(self.write_ctx(Some(actor)), &resolved).await?;
        Ok(resolved)
    }

    async fn restore_losing_value(&self, actor: &Actor, conflict: &SyncConflict) -> Result<(), AppError> {
        let (ConflictKind::Field, Some(field)) = (conflict.kind, conflict.field.as_ref()) else {
            return Err(FieldError::new(
                "resolution",
                "cannot_restore",
                "ویرایشِ رکوردِ حذف‌شده بازگردانده نمی‌شود؛ در صورت نیاز آن را دوباره بیفزایید / An edit of a deleted record cannot be restored; add the record again if needed",
            )
            .into());
        };
        let mut fields = serde_json::Map::new();
        fields.insert(field.clone(), conflict.losing_value.clone());
        match conflict.entity.as_str() {
            "family_member" => {
                let current = self.store.get_member(conflict.entity_id).await?.ok_or(AppError::NotFound)?;
                let input = crate::sync_push::member_input(&fields)?;
                self.update_member(actor, conflict.family_id, current.id, current.meta.version, input).await?;
            }
            "family" => {
                let current = self.store.get_family(conflict.family_id).await?.ok_or(AppError::NotFound)?;
                let patch = crate::sync_push::family_patch(&fields, current.meta.version)?;
                self.update_family(actor, current.id, patch).await?;
            }
            _ => return Err(AppError::NotFound),
        }
        Ok(())
    }
}

/// One family's records, if the actor may see it.
async fn narrow(
    families: Option<Vec<Uuid>>,
    family_id: Option<Uuid>,
    app: &Hamyar,
    actor: &Actor,
) -> Result<Option<Vec<Uuid>>, AppError> {
    match family_id {
        None => Ok(families),
        Some(id) => {
            app.visible_family(actor, id).await?;
            Ok(Some(vec![id]))
        }
    }
}

impl Hamyar {
    /// Display names of these users, for lists that name authors.
    pub async fn user_names(&self, mut ids: Vec<Uuid>) -> Result<HashMap<Uuid, String>, AppError> {
        ids.sort();
        ids.dedup();
        Ok(self.store.users_by_ids(&ids).await?.into_iter().map(|u| (u.id, u.display_name)).collect())
    }

    /// Which families a device was sent, and when: a lost phone's exposure.
    /// Its owner and whoever manages the owner may see it.
    pub async fn device_exposure(
        &self,
        actor: &Actor,
        device_id: Uuid,
    ) -> Result<(DeviceView, Vec<(crate::model::DeviceFamily, Option<String>)>), AppError> {
        let device = self.store.get_device(device_id).await?.ok_or(AppError::NotFound)?;
        let owner = self.store.get_user(device.user_id).await?.ok_or(AppError::NotFound)?;
        policy::authorize(actor, Action::ReadUser(&owner)).map_err(|_| AppError::NotFound)?;
        policy::authorize(actor, Action::RevokeDevice(&owner))?;
        let mut families = Vec::new();
        for sent in self.store.device_families(device.id).await? {
            // A family's name only to whoever may open its file now.
            let name = match self.store.get_family(sent.family_id).await? {
                Some(f) if policy::authorize(actor, Action::ReadFamily(&f)).is_ok() => Some(f.family_name),
                _ => None,
            };
            families.push((sent, name));
        }
        Ok((DeviceView { device, owner }, families))
    }
}
