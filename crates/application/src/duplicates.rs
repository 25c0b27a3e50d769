//! Likely duplicates in a center's registry — the same person registered
//! twice (same normalized name, father's name and birth year) — and what a
//! manager does about them: merge, or say they are different people.

use crate::{
    Actor, AppError, Hamyar,
    families::{FamilyDetail, derive},
    model::{Family, FamilyChange, FamilyWrite, Member, MemberOp},
    policy::{self, Action},
};
use chrono::Datelike;
use hamyar_domain::{FieldError, family::Relation, persian::search_key};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// People who are probably one person, with their families.
pub struct DuplicateGroup {
    pub members: Vec<(Member, Family)>,
}

/// The key two records of one person share: the birth year is the Solar
/// Hijri one, as people know it. Without a birth date there is too little
/// to go on: common names would flood the list.
fn duplicate_key(m: &Member) -> Option<String> {
    let d = m.birth_date?;
    let year = hamyar_domain::jalali::JalaliDate::from_gregorian(d.year(), d.month() as u8, d.day() as u8).ok()?.year();
    Some(format!("{}|{}|{year}", search_key(&m.full_name()), search_key(&m.father_name)))
}

fn pair(a: Uuid, b: Uuid) -> (Uuid, Uuid) {
    if a < b { (a, b) } else { (b, a) }
}

/// Fills what `keep` lacks from `other`; refuses two different national IDs.
fn fill_gaps(keep: &mut Member, other: &Member) -> Result<(), AppError> {
    match (&keep.national_id, &other.national_id) {
        (Some(a), Some(b)) if a != b => {
            return Err(FieldError::new(
                "drop_member_id",
                "different_national_ids",
                "کد ملی این دو نفر متفاوت است؛ یک نفر نیستند / Their national IDs differ: they are not one person",
            )
            .into());
        }
        (None, Some(b)) => keep.national_id = Some(b.clone()),
        _ => {}
    }
    keep.birth_date = keep.birth_date.or(other.birth_date);
    for (mine, theirs) in [
        (&mut keep.father_name, &other.father_name),
        (&mut keep.education, &other.education),
        (&mut keep.occupation, &other.occupation),
        (&mut keep.health, &other.health),
        (&mut keep.disability, &other.disability),
        (&mut keep.insurance, &other.insurance),
        (&mut keep.mobile, &other.mobile),
    ] {
        if mine.is_empty() {
            mine.clone_from(theirs);
        }
    }
    for (k, v) in &other.extra {
        keep.extra.entry(k.clone()).or_insert_with(|| v.clone());
    }
    Ok(())
}

impl Hamyar {
    /// Likely duplicates among the families of the actor's center, minus
    /// the pairs a manager dismissed.
    pub async fn likely_duplicates(&self, actor: &Actor) -> Result<Vec<DuplicateGroup>, AppError> {
        let center_id = actor.center_id.ok_or(AppError::Forbidden)?;
        policy::authorize(actor, Action::CreateFamily { center_id })?;
        let (families, members) = self.store.center_registry(center_id).await?;
        let dismissed: HashSet<(Uuid, Uuid)> = self.store.dismissed_duplicates(center_id).await?.into_iter().collect();
        let family_of: HashMap<Uuid, &Family> = families.iter().map(|f| (f.id, f)).collect();
        let mut by_key: BTreeMap<String, Vec<&Member>> = BTreeMap::new();
        for m in &members {
            if let Some(key) = duplicate_key(m) {
                by_key.entry(key).or_default().push(m);
            }
        }
        let mut groups = Vec::new();
        for (_, group) in by_key {
            let open_pair = group
                .iter()
                .enumerate()
                .any(|(i, a)| group[i + 1..].iter().any(|b| !dismissed.contains(&pair(a.id, b.id))));
            if group.len() < 2 || !open_pair {
                continue;
            }
            let members = group
                .into_iter()
                .filter_map(|m| family_of.get(&m.family_id).map(|f| (m.clone(), (*f).clone())))
                .collect();
            groups.push(DuplicateGroup { members });
        }
        Ok(groups)
    }

    /// Records that two people are not the same, so they are not flagged again.
    pub async fn dismiss_duplicate(&self, actor: &Actor, a: Uuid, b: Uuid) -> Result<(), AppError> {
        let (ma, fa) = self.editable_member(actor, a).await?;
        let (mb, _) = self.editable_member(actor, b).await?;
        if ma.id == mb.id {
            return Err(
                FieldError::new("member_b", "same", "دو نفر متفاوت را برگزینید / Choose two different people").into()
            );
        }
        self.store.dismiss_duplicate(fa.center_id, pair(ma.id, mb.id), Some(actor.user_id), self.clock.now()).await?;
        Ok(())
    }

    async fn editable_member(&self, actor: &Actor, member_id: Uuid) -> Result<(Member, Family), AppError> {
        let member = self
            .store
            .get_member(member_id)
            .await?
            .filter(|m| m.meta.deleted_at.is_none())
            .ok_or(AppError::NotFound)?;
        let family = self.store.get_family(member.family_id).await?.ok_or(AppError::NotFound)?;
        policy::authorize(actor, Action::EditFamily(&family)).map_err(|_| AppError::NotFound)?;
        Ok((member, family))
    }

    /// Merges two records of one person: `keep` stays (filling its gaps
    /// from `drop`), `drop` is removed. When `drop` headed another
    /// registration of the household, that family's other members move to
    /// `keep`'s family and it is closed as merged; its history stays
    /// readable from the surviving family.
    pub async fn merge_members(&self, actor: &Actor, keep_id: Uuid, drop_id: Uuid) -> Result<FamilyDetail, AppError> {
        let (keep, keep_family) = self.editable_member(actor, keep_id).await?;
        let (drop, drop_family) = self.editable_member(actor, drop_id).await?;
        if keep.id == drop.id {
            return Err(FieldError::new(
                "drop_member_id",
                "same",
                "دو نفر متفاوت را برگزینید / Choose two different people",
            )
            .into());
        }
        if keep_family.center_id != drop_family.center_id {
            return Err(AppError::NotFound);
        }
        let now = self.clock.now();
        let mut kept = keep.clone();
        fill_gaps(&mut kept, &drop)?;
        kept.meta = keep.meta.bumped(now);
        let mut dropped = drop.clone();
        dropped.meta = drop.meta.bumped(now);
        dropped.meta.deleted_at = Some(now);
        // The tombstone goes first: the kept record may take over its national ID.
        let mut writes = vec![(dropped, MemberOp::Delete)];
        let mut keep_family_next = keep_family.clone();
        let mut families = Vec::new();
        let drop_was_head = drop_family.head_member_id == Some(drop.id);
        if drop_family.id == keep_family.id {
            if drop_was_head {
                kept.relation = Relation::Head;
                keep_family_next.head_member_id = Some(kept.id);
                keep_family_next.meta = keep_family.meta.bumped(now);
            }
        } else if drop_was_head {
            // A second registration of the same household: bring its people over.
            for other in self.store.family_members(drop_family.id).await?.into_iter().filter(|m| m.id != drop.id) {
                let mut moved = other.clone();
                moved.family_id = keep_family.id;
                moved.meta = other.meta.bumped(now);
                writes.push((moved, MemberOp::Move { from: drop_family.id }));
            }
            let mut closed = drop_family.clone();
            closed.merged_into = Some(keep_family.id);
            closed.head_member_id = None;
            closed.meta = drop_family.meta.bumped(now);
            closed.meta.deleted_at = Some(now);
            families.push(FamilyWrite { derived: derive(&closed, &[]), family: closed, changed: true });
        } else {
            let mut rest = self.store.family_members(drop_family.id).await?;
            rest.retain(|m| m.id != drop.id);
            families.push(FamilyWrite {
                derived: derive(&drop_family, &rest),
                family: drop_family.clone(),
                changed: false,
            });
        }
        writes.push((kept.clone(), MemberOp::Update));
        let mut after = self.store.family_members(keep_family.id).await?;
        after.retain(|m| m.id != kept.id && m.id != drop.id);
        after.push(kept);
        after.extend(writes.iter().filter(|(_, op)| matches!(op, MemberOp::Move { .. })).map(|(m, _)| m.clone()));
        let family_changed = keep_family_next.meta.version != keep_family.meta.version;
        families.insert(
            0,
            FamilyWrite {
                derived: derive(&keep_family_next, &after),
                family: keep_family_next.clone(),
                changed: family_changed,
            },
        );
        self.store.save_family_change(self.write_ctx(Some(actor)), &FamilyChange { families, members: writes }).await?;
        tracing::info!(actor = %actor.user_id, keep = %keep_id, drop = %drop_id, "members merged");
        self.family_detail(actor, keep_family.id).await
    }
}
