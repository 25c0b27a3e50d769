//! Records of general assistance: group programs, their sessions, walk-in
//! participants not yet in the registry, registrations and attendance.
//! Re-exported by `model`. Every one is sync-ready.

use crate::model::SyncMeta;
use chrono::{NaiveDate, NaiveTime};
use hamyar_domain::{
    family::{MaritalStatus, Relation, Sex},
    programs::{Audience, ProgramKind, Target},
    tier::{AssessmentDomain, Tier},
};
use serde_json::{Value, json};
use uuid::Uuid;

/// A workshop, class, conference, lecture, screening, marriage course or
/// media campaign a center runs (or hosts for another center, a partner
/// organization or a middle circle).
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub id: Uuid,
    pub hq_id: Uuid,
    /// The center whose program it is (its families are targeted).
    pub center_id: Uuid,
    pub kind: ProgramKind,
    pub domain: AssessmentDomain,
    pub topic: String,
    /// `persian::search_key` of the topic: "the same topic" for exclusions.
    pub topic_key: String,
    pub description: String,
    /// Run by another center…
    pub organizer_center_id: Option<Uuid>,
    /// …or by a partner organization or middle circle of the directory.
    pub organizer_resource_id: Option<Uuid>,
    pub target: Target,
    pub place: String,
    pub online_link: String,
    pub capacity: Option<u32>,
    pub facilitator: String,
    /// Media campaigns: the channel, the dates and the reach reported.
    pub channel: String,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub reported_reach: Option<u32>,
    pub meta: SyncMeta,
}

/// One meeting of a program.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramSession {
    pub id: Uuid,
    pub program_id: Uuid,
    pub held_on: NaiveDate,
    pub starts_at: Option<NaiveTime>,
    pub ends_at: Option<NaiveTime>,
    pub title: String,
    pub meta: SyncMeta,
}

/// Someone who came without being in the registry yet: added in a few
/// fields at the door, linked to a family's member later.
#[derive(Debug, Clone, PartialEq)]
pub struct WalkIn {
    pub id: Uuid,
    pub center_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub mobile: String,
    pub sex: Sex,
    pub birth_year: Option<i32>,
    pub neighborhood: String,
    /// The registry's member this person turned out to be.
    pub member_id: Option<Uuid>,
    pub meta: SyncMeta,
}

/// A participant of a program: a member of the registry or a walk-in. A
/// couple is two registrations naming each other.
#[derive(Debug, Clone, PartialEq)]
pub struct Registration {
    pub id: Uuid,
    pub program_id: Uuid,
    pub member_id: Option<Uuid>,
    /// The member's family when registered (for the family's page).
    pub family_id: Option<Uuid>,
    pub walk_in_id: Option<Uuid>,
    /// The partner's registration, for a couple.
    pub partner_id: Option<Uuid>,
    pub registered_by: Option<Uuid>,
    pub meta: SyncMeta,
}

/// Whether a participant was at a session.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramAttendance {
    pub id: Uuid,
    pub session_id: Uuid,
    pub registration_id: Uuid,
    pub present: bool,
    /// The participant's family, when a member (for the family's history).
    pub family_id: Option<Uuid>,
    pub meta: SyncMeta,
}

/// Records of general assistance written in one transaction, each logged.
#[derive(Debug, Clone, Default)]
pub struct ProgramsWrite {
    pub programs: Vec<Program>,
    pub sessions: Vec<ProgramSession>,
    pub walk_ins: Vec<WalkIn>,
    pub registrations: Vec<Registration>,
    pub attendance: Vec<ProgramAttendance>,
}

/// A target as stored (JSON).
pub fn target_json(t: &Target) -> Value {
    json!({
        "tiers": t.tiers.iter().map(|x| x.code()).collect::<Vec<_>>(),
        "audience": t.audience.code(),
        "age_min": t.age_min, "age_max": t.age_max,
        "sex": t.sex.map(Sex::code),
        "marital": t.marital.iter().map(|m| m.code()).collect::<Vec<_>>(),
        "relations": t.relations.iter().map(|r| r.code()).collect::<Vec<_>>(),
        "neighborhoods": t.neighborhoods,
        "recent_months": t.recent_months,
    })
}

/// A stored target back; None when it does not parse (corrupt data).
pub fn target_from_json(v: &Value) -> Option<Target> {
    let codes = |key: &str| -> Vec<String> {
        v.get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let age = |key: &str| v.get(key).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok());
    let tier_of = |c: &str| Tier::ALL.into_iter().find(|t| t.code() == c);
    Some(Target {
        tiers: codes("tiers").iter().map(|c| tier_of(c)).collect::<Option<Vec<_>>>()?,
        audience: Audience::parse(v.get("audience")?.as_str()?).ok()?,
        age_min: age("age_min"),
        age_max: age("age_max"),
        sex: match v.get("sex").and_then(Value::as_str) {
            Some(s) => Some(Sex::parse(s).ok()?),
            None => None,
        },
        marital: codes("marital").iter().map(|c| MaritalStatus::parse(c).ok()).collect::<Option<Vec<_>>>()?,
        relations: codes("relations").iter().map(|c| Relation::parse(c).ok()).collect::<Option<Vec<_>>>()?,
        neighborhoods: codes("neighborhoods"),
        recent_months: v.get("recent_months").and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok())?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_round_trips_through_its_stored_form() {
        let t = Target {
            tiers: vec![Tier::AtRisk, Tier::Stable],
            audience: Audience::Parents,
            age_min: Some(12),
            age_max: Some(18),
            sex: Some(Sex::Female),
            marital: vec![MaritalStatus::Single],
            relations: vec![Relation::Child],
            neighborhoods: vec!["گلستان".to_owned()],
            recent_months: 6,
        };
        assert_eq!(target_from_json(&target_json(&t)), Some(t));
        assert_eq!(target_from_json(&json!({ "audience": "crowd", "recent_months": 1 })), None);
    }
}
