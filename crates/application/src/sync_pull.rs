//! Pull (`docs/sync.md`): what changed for a device since its cursor, and
//! which families entered or left its scope. The scope is worked out again
//! on every page, so a page never carries a family the device may not hold.

use crate::{
    Actor, AppError, Hamyar, assessments::FamilyAssessments, assistance::FamilyAssistance, families::FamilyDetail,
    sync::PROTOCOL,
};
use hamyar_domain::{FieldError, role::Role};
use std::collections::{BTreeSet, HashSet};
use uuid::Uuid;

pub const DEFAULT_PULL_LIMIT: u64 = 200;
pub const MAX_PULL_LIMIT: u64 = 1000;

/// A record the device must delete (a member removed or moved away, a
/// discarded draft).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedRecord {
    pub entity: String,
    pub id: Uuid,
    pub family_id: Uuid,
}

pub struct PullPage {
    pub cursor: String,
    pub more: bool,
    pub added: Vec<Uuid>,
    pub removed: Vec<Uuid>,
    /// Each family sent, whole: its record and live members.
    pub families: Vec<FamilyDetail>,
    /// Their assessments.
    pub assessments: Vec<FamilyAssessments>,
    /// Their services, calendars, referrals and commission decisions.
    pub assistance: Vec<FamilyAssistance>,
    pub deleted: Vec<DeletedRecord>,
    pub instrument_id: Uuid,
    pub lock_after_days: u32,
}

/// The cursor is the protocol and the last change-log sequence the device
/// has seen: `1.4711`. Opaque to the device.
fn parse_cursor(raw: Option<&str>) -> Result<i64, AppError> {
    let bad = || {
        AppError::from(FieldError::new(
            "cursor",
            "invalid",
            "نشانگر همگام‌سازی نامعتبر است / The sync cursor is not valid",
        ))
    };
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(0),
        Some(raw) => {
            let (protocol, seq) = raw.split_once('.').ok_or_else(bad)?;
            if protocol.parse::<u32>().map_err(|_| bad())? != PROTOCOL {
                return Err(AppError::ProtocolUnsupported { supported: PROTOCOL });
            }
            seq.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(bad)
        }
    }
}

fn cursor_of(seq: i64) -> String {
    format!("{PROTOCOL}.{seq}")
}

/// How often a device's last contact is written (each write is logged).
const SEEN_EVERY_MINUTES: i64 = 10;

impl Hamyar {
    /// The families a device may hold now: a helper's active assignments.
    /// Nobody else keeps families offline.
    fn offline_scope(actor: &Actor) -> BTreeSet<Uuid> {
        match actor.role {
            Role::Helper => actor.assigned_families.iter().copied().collect(),
            _ => BTreeSet::new(),
        }
    }

    pub async fn pull(
        &self,
        actor: &Actor,
        device_id: Uuid,
        protocol: u32,
        cursor: Option<&str>,
        limit: Option<u64>,
    ) -> Result<PullPage, AppError> {
        if protocol != PROTOCOL {
            return Err(AppError::ProtocolUnsupported { supported: PROTOCOL });
        }
        let after = parse_cursor(cursor)?;
        let limit = limit.unwrap_or(DEFAULT_PULL_LIMIT).clamp(1, MAX_PULL_LIMIT);
        let device = self.device_in_use(actor, device_id).await?;
        let now = self.clock.now();
        if now - device.last_seen_at > chrono::Duration::minutes(SEEN_EVERY_MINUTES) {
            let seen = crate::model::Device { last_seen_at: now, meta: device.meta.bumped(now), ..device.clone() };
            self.store.save_device(self.write_ctx(Some(actor)), &seen).await?;
        }
        // Everything up to here is in this page or a later one.
        let upto = self.store.last_change_seq().await?;
        let after = after.min(upto);
        let scope = Self::offline_scope(actor);
        let sent = self.store.device_families(device.id).await?;
        // Held, and known to have arrived: sent in a page before the
        // device's cursor. A family sent in a page the device never got (a
        // lost answer: it pulls again from before) is sent again.
        let held: BTreeSet<Uuid> =
            sent.iter().filter(|d| d.removed_at.is_none() && d.sent_seq <= after).map(|d| d.family_id).collect();
        let on_record: BTreeSet<Uuid> = sent.iter().filter(|d| d.removed_at.is_none()).map(|d| d.family_id).collect();
        let added: Vec<Uuid> = scope.difference(&held).copied().collect();
        // Every family ever removed from the device is named again on each
        // pull (deleting what it does not hold is nothing to the device), so
        // a removal whose answer was lost still happens.
        let removed: Vec<Uuid> = sent
            .iter()
            .map(|d| d.family_id)
            .filter(|f| !scope.contains(f))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let newly_removed: Vec<Uuid> = on_record.difference(&scope).copied().collect();
        let kept: Vec<Uuid> = scope.intersection(&held).copied().collect();

        let mut entries = self.store.family_changes_between(&kept, after, upto, limit + 1).await?;
        let more = entries.len() as u64 > limit;
        entries.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let next = if more { entries.last().map_or(upto, |e| e.seq) } else { upto };

        // Families whose records changed are sent whole (a few records
        // each); new ones too.
        let mut send: BTreeSet<Uuid> = added.iter().copied().collect();
        send.extend(entries.iter().filter_map(|e| e.family_id).filter(|f| scope.contains(f)));
        let mut families = Vec::with_capacity(send.len());
        let mut assessments = Vec::with_capacity(send.len());
        let mut assistance = Vec::with_capacity(send.len());
        let mut present: HashSet<Uuid> = HashSet::new();
        for family_id in &send {
            let Some(family) = self.store.get_family(*family_id).await? else { continue };
            if family.meta.deleted_at.is_some() {
                continue;
            }
            let detail = self.detail_of(family).await?;
            let of_family = self.family_assessments(actor, *family_id).await?;
            present.insert(detail.family.id);
            present.extend(detail.members.iter().map(|m| m.id));
            present.extend(of_family.assessments.iter().map(|a| a.id));
            families.push(detail);
            assessments.push(of_family);
            assistance.push(self.family_assistance(actor, *family_id).await?);
        }
        // Records the log touched that are no longer among the families'
        // live records: deleted, merged away or moved out of scope.
        let mut deleted = Vec::new();
        let mut told = HashSet::new();
        for e in &entries {
            let wanted = matches!(e.entity.as_str(), "family_member" | "assessment");
            if !wanted || present.contains(&e.entity_id) || !told.insert(e.entity_id) {
                continue;
            }
            let family_id = e.family_id.filter(|f| kept.contains(f)).or(e.prior_family_id).unwrap_or_default();
            if kept.contains(&family_id) {
                deleted.push(DeletedRecord { entity: e.entity.clone(), id: e.entity_id, family_id });
            }
        }
        let sent_now: Vec<Uuid> = families.iter().map(|d| d.family.id).collect();
        self.store.mark_families_sent(device.id, &sent_now, now, next).await?;
        self.store.mark_families_removed(device.id, &newly_removed, now).await?;
        let instrument_id = self.current_instrument_of(actor.hq_id).await?.id;
        let lock_after_days = match actor.hq_id {
            Some(hq) => self.rules_of(hq).await?.offline_lock_days,
            None => hamyar_domain::helper::ProgramRules::default().offline_lock_days,
        };
        tracing::debug!(device = %device.id, added = added.len(), removed = removed.len(), sent = sent_now.len(), "pull");
        Ok(PullPage {
            cursor: cursor_of(next),
            more,
            added,
            removed,
            families,
            assessments,
            assistance,
            deleted,
            instrument_id,
            lock_after_days,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_carry_the_protocol_and_refuse_garbage() {
        assert_eq!(parse_cursor(None).ok(), Some(0));
        assert_eq!(parse_cursor(Some("")).ok(), Some(0));
        assert_eq!(parse_cursor(Some(&cursor_of(4711))).ok(), Some(4711));
        assert!(matches!(parse_cursor(Some("9.12")), Err(AppError::ProtocolUnsupported { .. })));
        assert!(matches!(parse_cursor(Some("1.-3")), Err(AppError::Validation(_))));
        assert!(matches!(parse_cursor(Some("2026-11-23")), Err(AppError::Validation(_))));
    }
}
