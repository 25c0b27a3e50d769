//! Push (`docs/sync.md`): a device's offline mutations, applied one by one
//! through the same use cases as online edits, each answered applied,
//! duplicate, conflict or rejected. Nothing a device sent is dropped
//! without a trace: every answer is kept, with the fields it carried.

use crate::{
    Actor, AppError, Hamyar,
    assessments::NewAssessment,
    assistance::{ActivityInput, GoalInput, ServiceInput},
    families::{FamilyPatch, MemberInput},
    model::{
        ConflictKind, Device, Family, FamilySource, MutationOrigin, MutationRecord, MutationResult, SyncConflict,
        SyncMeta,
    },
    policy::{self, Action},
    ports::ChangeEntry,
    referrals::{ReferralAnswer, ReferralInput},
    sync::PROTOCOL,
};
use chrono::{DateTime, Utc};
use hamyar_domain::FieldError;
use serde_json::{Map, Value};
use std::{collections::BTreeMap, sync::Arc};
use uuid::Uuid;

/// At most this many mutations per push.
pub const MAX_PUSH: usize = 200;

/// One mutation as the device sent it.
#[derive(Debug, Clone)]
pub struct MutationInput {
    pub id: Uuid,
    pub device_seq: i64,
    pub entity: String,
    pub entity_id: Uuid,
    pub family_id: Uuid,
    pub op: String,
    pub base_version: Option<i64>,
    pub fields: Map<String, Value>,
    pub device_time: Option<DateTime<Utc>>,
}

/// The answer to one mutation.
#[derive(Debug, Clone)]
pub struct PushAnswer {
    /// This id was answered before: `record` is that first answer.
    pub duplicate: bool,
    pub record: MutationRecord,
    pub conflicts: Vec<SyncConflict>,
}

/// What applying a mutation came to, before it is recorded.
struct Outcome {
    result: MutationResult,
    version: Option<i64>,
    reason: String,
    message: String,
    conflicts: Vec<PendingConflict>,
}

struct PendingConflict {
    kind: ConflictKind,
    field: Option<String>,
    winning: Value,
    losing: Value,
    losing_version: Option<i64>,
    losing_author: Option<Uuid>,
}

impl Outcome {
    fn applied(version: i64, conflicts: Vec<PendingConflict>) -> Self {
        let result = if conflicts.is_empty() { MutationResult::Applied } else { MutationResult::Conflict };
        Self { result, version: Some(version), reason: String::new(), message: String::new(), conflicts }
    }

    fn rejected(error: &AppError) -> Self {
        Self {
            result: MutationResult::Rejected,
            version: None,
            reason: error.code().to_owned(),
            message: error.to_string(),
            conflicts: Vec::new(),
        }
    }
}

/// The answer to a mutation, as kept in `sync_mutations`.
fn receipt(
    actor: &Actor,
    device: &Device,
    m: &MutationInput,
    center_id: Option<Uuid>,
    outcome: &Outcome,
    review: bool,
    at: DateTime<Utc>,
) -> MutationRecord {
    MutationRecord {
        id: m.id,
        device_id: device.id,
        device_seq: m.device_seq,
        user_id: actor.user_id,
        center_id,
        entity: m.entity.clone(),
        entity_id: m.entity_id,
        family_id: m.family_id,
        op: m.op.clone(),
        base_version: m.base_version,
        result: outcome.result,
        reason: outcome.reason.clone(),
        message: outcome.message.clone(),
        version: outcome.version,
        review: review && outcome.result != MutationResult::Rejected,
        fields: Value::Object(m.fields.clone()),
        device_time: m.device_time,
        received_at: at,
    }
}

fn has_nul(m: &MutationInput) -> bool {
    fn in_value(v: &Value) -> bool {
        match v {
            Value::String(s) => s.contains('\0'),
            Value::Array(items) => items.iter().any(in_value),
            Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || in_value(v)),
            _ => false,
        }
    }
    m.entity.contains('\0') || m.op.contains('\0') || m.fields.iter().any(|(k, v)| k.contains('\0') || in_value(v))
}

/// Errors that are the mutation's own problem: answered `rejected` and
/// kept. Anything else (the database down) fails the whole push, and the
/// device keeps the mutation for the next try.
fn is_refusal(e: &AppError) -> bool {
    !matches!(e, AppError::Internal(_))
}

fn invalid(field: &'static str, message: &'static str) -> AppError {
    FieldError::new(field, "invalid", message).into()
}

/// A text field of a mutation: a string, or null for "clear it".
fn text_field(fields: &Map<String, Value>, key: &'static str) -> Result<Option<String>, AppError> {
    match fields.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(String::new())),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(invalid(key, "این بخش باید متن باشد / This field must be text")),
    }
}

const MEMBER_FIELDS: &[&str] = &[
    "first_name",
    "last_name",
    "father_name",
    "national_id",
    "birth_date",
    "sex",
    "relation",
    "marital_status",
    "education",
    "occupation",
    "health",
    "disability",
    "insurance",
    "mobile",
    "extra",
];

const FAMILY_FIELDS: &[&str] = &[
    "family_name",
    "neighborhood",
    "address",
    "phones",
    "housing",
    "status",
    "status_reason",
    "consent_on",
    "sources",
];

/// A mutation's fields as a use case's input; an unknown field or a
/// wrong type is refused with what serde found.
fn fields_as<T: serde::de::DeserializeOwned>(fields: &Map<String, Value>) -> Result<T, AppError> {
    serde_json::from_value(Value::Object(fields.clone())).map_err(|e| {
        AppError::Validation(FieldError::new(
            "fields",
            "invalid",
            format!("بخش‌های این تغییر نامعتبرند / The change's fields are not valid: {e}"),
        ))
    })
}

fn only_known(fields: &Map<String, Value>, known: &[&str]) -> Result<(), AppError> {
    match fields.keys().find(|k| !known.contains(&k.as_str())) {
        Some(_) => Err(invalid("fields", "بخشی ناشناخته در تغییر هست / The change names an unknown field")),
        None => Ok(()),
    }
}

pub(crate) fn member_input(fields: &Map<String, Value>) -> Result<MemberInput, AppError> {
    only_known(fields, MEMBER_FIELDS)?;
    let extra = match fields.get("extra") {
        None => None,
        Some(Value::Object(map)) => Some(
            map.iter()
                .map(|(k, v)| match v {
                    Value::String(s) => Ok((k.clone(), s.clone())),
                    _ => Err(invalid("extra", "ویژگی‌های دیگر باید متن باشند / Extra attributes must be text")),
                })
                .collect::<Result<BTreeMap<_, _>, _>>()?,
        ),
        Some(Value::Null) => Some(BTreeMap::new()),
        Some(_) => return Err(invalid("extra", "ویژگی‌های دیگر باید متن باشند / Extra attributes must be text")),
    };
    Ok(MemberInput {
        id: None,
        first_name: text_field(fields, "first_name")?,
        last_name: text_field(fields, "last_name")?,
        father_name: text_field(fields, "father_name")?,
        national_id: text_field(fields, "national_id")?,
        birth_date: text_field(fields, "birth_date")?,
        sex: text_field(fields, "sex")?,
        relation: text_field(fields, "relation")?,
        marital_status: text_field(fields, "marital_status")?,
        education: text_field(fields, "education")?,
        occupation: text_field(fields, "occupation")?,
        health: text_field(fields, "health")?,
        disability: text_field(fields, "disability")?,
        insurance: text_field(fields, "insurance")?,
        mobile: text_field(fields, "mobile")?,
        extra,
    })
}

pub(crate) fn family_patch(fields: &Map<String, Value>, version: i64) -> Result<FamilyPatch, AppError> {
    only_known(fields, FAMILY_FIELDS)?;
    let strings = |key: &'static str| -> Result<Option<Vec<String>>, AppError> {
        match fields.get(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(Vec::new())),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| invalid(key, "فهرست نامعتبر / Invalid list")))
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => Err(invalid(key, "فهرست نامعتبر / Invalid list")),
        }
    };
    let sources = match fields.get("sources") {
        None => None,
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .map(|v| {
                    let part = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
                    FamilySource { organization: part("organization"), reference: part("reference") }
                })
                .collect(),
        ),
        Some(_) => return Err(invalid("sources", "فهرست نامعتبر / Invalid list")),
    };
    Ok(FamilyPatch {
        version,
        family_name: text_field(fields, "family_name")?,
        neighborhood: text_field(fields, "neighborhood")?,
        address: text_field(fields, "address")?,
        phones: strings("phones")?,
        housing: text_field(fields, "housing")?,
        status: text_field(fields, "status")?,
        status_reason: text_field(fields, "status_reason")?,
        consent_on: match fields.get("consent_on") {
            None => None,
            Some(Value::Null) => Some(None),
            Some(Value::String(s)) if s.trim().is_empty() => Some(None),
            Some(Value::String(s)) => Some(Some(s.clone())),
            Some(_) => return Err(invalid("consent_on", "تاریخ نامعتبر / Invalid date")),
        },
        sources,
    })
}

/// The fields an offline edit set that someone else had changed since the
/// version the device saw: (field, the value it overwrote, its own value).
/// `seen` is that version's snapshot (None when the log has lost it: then
/// every overwritten difference counts). A field both set alike is no
/// conflict; neither is a field nobody else touched.
fn field_conflicts(
    keys: &[String],
    seen: Option<&Value>,
    overwritten: &Value,
    written: &Value,
) -> Vec<(String, Value, Value)> {
    keys.iter()
        .filter_map(|k| {
            let before = overwritten.get(k).cloned().unwrap_or(Value::Null);
            let after = written.get(k).cloned().unwrap_or(Value::Null);
            let saw = seen.map(|s| s.get(k).cloned().unwrap_or(Value::Null));
            (before != after && saw.as_ref() != Some(&before)).then(|| (k.clone(), before, after))
        })
        .collect()
}

impl Hamyar {
    /// The device, if it is the actor's and not revoked.
    pub(crate) async fn device_in_use(&self, actor: &Actor, device_id: Uuid) -> Result<Device, AppError> {
        let device = self.store.get_device(device_id).await?.filter(|d| d.user_id == actor.user_id);
        match device {
            None => Err(AppError::NotFound),
            Some(d) if d.revoked_at.is_some() => Err(AppError::DeviceRevoked),
            Some(d) => Ok(d),
        }
    }

    fn push_lock(&self, device_id: Uuid) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.push_locks.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        locks.entry(device_id).or_default().clone()
    }

    /// Applies a device's mutations in the order sent, each on its own.
    pub async fn push(
        &self,
        actor: &Actor,
        device_id: Uuid,
        protocol: u32,
        mutations: Vec<MutationInput>,
    ) -> Result<Vec<PushAnswer>, AppError> {
        if protocol != PROTOCOL {
            return Err(AppError::ProtocolUnsupported { supported: PROTOCOL });
        }
        if mutations.len() > MAX_PUSH {
            return Err(FieldError::new(
                "mutations",
                "too_many",
                "در هر ارسال حداکثر ۲۰۰ تغییر / At most 200 mutations per push",
            )
            .into());
        }
        let device = self.device_in_use(actor, device_id).await?;
        let lock = self.push_lock(device.id);
        let _one_at_a_time = lock.lock().await;
        let mut answers = Vec::with_capacity(mutations.len());
        for m in mutations {
            answers.push(self.push_one(actor, &device, m).await?);
        }
        Ok(answers)
    }

    async fn push_one(&self, actor: &Actor, device: &Device, m: MutationInput) -> Result<PushAnswer, AppError> {
        if let Some(first) = self.store.get_mutation(m.id).await? {
            if first.device_id != device.id {
                // Another device's id: answer without saying anything of it.
                return Ok(self.unrecorded_refusal(actor, device, &m));
            }
            let conflicts = self.store.mutation_conflicts(first.id).await?;
            return Ok(PushAnswer { duplicate: true, record: first, conflicts });
        }
        // Text the databases cannot store (NUL) is refused before anything
        // is kept; the refusal keeps what can be kept.
        let mut m = m;
        if has_nul(&m) {
            m.entity = m.entity.replace('\0', "");
            m.op = m.op.replace('\0', "");
            m.fields = Map::new();
            let refused = Outcome::rejected(&invalid(
                "fields",
                "نویسه‌ای نامعتبر (NUL) در تغییر هست / The change holds an invalid character (NUL)",
            ));
            return self.record(actor, device, &m, actor.center_id, refused, false).await;
        }
        let family = self.store.get_family(m.family_id).await?;
        let (writer, review) = match &family {
            Some(f) => self.writer_for(actor, device, f, &m).await?,
            None => (None, false),
        };
        // A refusal is kept under the family's center only when the author
        // may write to it; otherwise under the author's own center (their
        // manager sees it), and it says no more than "not found".
        let center_id = match (&family, &writer) {
            (Some(f), Some(_)) => Some(f.center_id),
            _ => actor.center_id,
        };
        let written = self.store.mutation_changes(m.id).await?;
        let outcome = match (&family, writer) {
            // The server wrote it before (permission was checked then), but
            // the answer was never recorded — it stopped in between: work
            // the answer out from the log.
            _ if written.first().and_then(|e| e.origin).is_some_and(|o| o.device_id == device.id) => {
                self.recovered(actor, &m, &written).await?
            }
            (Some(family), Some(writer)) => self.apply(&writer, family, &m).await?,
            _ => Outcome::rejected(&AppError::NotFound),
        };
        self.record(actor, device, &m, center_id, outcome, review).await
    }

    /// Keeps the answer to a mutation (with its conflicts) and gives it.
    async fn record(
        &self,
        actor: &Actor,
        device: &Device,
        m: &MutationInput,
        center_id: Option<Uuid>,
        outcome: Outcome,
        review: bool,
    ) -> Result<PushAnswer, AppError> {
        let now = self.clock.now();
        let record = receipt(actor, device, m, center_id, &outcome, review, now);
        let conflicts: Vec<SyncConflict> = outcome
            .conflicts
            .into_iter()
            .map(|c| SyncConflict {
                id: Uuid::now_v7(),
                kind: c.kind,
                mutation_id: m.id,
                center_id,
                entity: m.entity.clone(),
                entity_id: m.entity_id,
                family_id: m.family_id,
                field: c.field,
                winning_value: c.winning,
                losing_value: c.losing,
                winning_author: Some(actor.user_id),
                losing_author: c.losing_author,
                losing_version: c.losing_version,
                device_time: m.device_time,
                resolved_at: None,
                resolved_by: None,
                resolution: None,
                meta: SyncMeta::new(now),
            })
            .collect();
        self.store.record_mutation(&record, &conflicts).await?;
        if record.result == MutationResult::Rejected {
            tracing::info!(device = %device.id, mutation = %m.id, reason = %record.reason, "offline mutation refused");
        }
        // A helper whose assignment ended is told there was a conflict, but
        // not the values others wrote since: those are for the manager.
        let conflicts = if record.review { Vec::new() } else { conflicts };
        Ok(PushAnswer { duplicate: false, record, conflicts })
    }

    /// A refusal that cannot be stored (its id is another device's).
    fn unrecorded_refusal(&self, actor: &Actor, device: &Device, m: &MutationInput) -> PushAnswer {
        let refused = Outcome {
            result: MutationResult::Rejected,
            version: None,
            reason: "mutation_id_taken".to_owned(),
            message: "شناسهٔ این تغییر پیش‌تر به کار رفته است / This change's id is already used".to_owned(),
            conflicts: Vec::new(),
        };
        let record = receipt(actor, device, m, None, &refused, false, self.clock.now());
        PushAnswer { duplicate: false, record, conflicts: Vec::new() }
    }

    /// Who applies the mutation: the actor as they are now, or — when the
    /// family left their hands while the device was offline and the device
    /// still holds it — the actor with that one family, marked for review.
    /// None when they may not write to it at all.
    async fn writer_for(
        &self,
        actor: &Actor,
        device: &Device,
        family: &Family,
        m: &MutationInput,
    ) -> Result<(Option<Actor>, bool), AppError> {
        let origin = MutationOrigin {
            mutation_id: m.id,
            device_id: device.id,
            device_seq: m.device_seq,
            device_time: m.device_time,
        };
        if policy::authorize(actor, Action::ReadFamily(family)).is_ok() {
            return Ok((Some(Actor { origin: Some(origin), ..actor.clone() }), false));
        }
        let held = self
            .store
            .device_families(device.id)
            .await?
            .iter()
            .any(|held| held.family_id == family.id && held.removed_at.is_none());
        // Only shortly after the assignment ended: as long as the device may
        // stay unsynced before it locks.
        let window = match actor.hq_id {
            Some(hq) => self.rules_of(hq).await?.offline_lock_days,
            None => hamyar_domain::helper::ProgramRules::default().offline_lock_days,
        };
        let today = self.today();
        let was_assigned = match self.store.helper_of_user(actor.user_id).await? {
            Some(helper) => self.store.helper_assignments(&[helper.id]).await?.iter().any(|a| {
                let ended = a.ended_at.map_or(a.ends_on, |at| crate::service::iran_day(at).min(a.ends_on));
                a.family_id == family.id && ended + chrono::Days::new(u64::from(window)) >= today
            }),
            None => false,
        };
        if held && was_assigned && family.meta.deleted_at.is_none() {
            let writer = Actor { assigned_families: vec![family.id], origin: Some(origin), ..actor.clone() };
            // The one family, and only as a helper may (the policy decides).
            if policy::authorize(&writer, Action::ReadFamily(family)).is_ok() {
                return Ok((Some(writer), true));
            }
        }
        Ok((None, false))
    }

    async fn apply(&self, writer: &Actor, family: &Family, m: &MutationInput) -> Result<Outcome, AppError> {
        // A concurrent online edit between reading and writing makes the
        // write a version conflict: read again and retry (the mutation is
        // then judged against the newer value).
        let mut tries = 0;
        loop {
            tries += 1;
            match self.apply_once(writer, family, m).await {
                Ok(outcome) => return Ok(outcome),
                Err(AppError::VersionConflict) if tries < 3 => continue,
                Err(e) if is_refusal(&e) => return Ok(Outcome::rejected(&e)),
                Err(e) => return Err(e),
            }
        }
    }

    async fn apply_once(&self, writer: &Actor, family: &Family, m: &MutationInput) -> Result<Outcome, AppError> {
        let device = writer.origin.map(|o| o.device_id);
        match (m.entity.as_str(), m.op.as_str()) {
            ("family_member", "create") => {
                if self.store.get_member(m.entity_id).await?.is_some() {
                    return Err(invalid("entity_id", "این شناسه پیش‌تر به کار رفته است / This id is already used"));
                }
                let mut input = member_input(&m.fields)?;
                input.id = Some(m.entity_id);
                let member = self.add_member(writer, family.id, input).await?;
                Ok(Outcome::applied(member.meta.version, Vec::new()))
            }
            ("family_member", "update") => {
                let current = self.member_in(family, m.entity_id).await?;
                if current.meta.deleted_at.is_some() {
                    return self.edit_of_deleted(m, current.meta.version, current.snapshot()).await;
                }
                let input = member_input(&m.fields)?;
                let seen = self.seen_version(m, current.meta.version).await?;
                let next = self.update_member(writer, family.id, current.id, current.meta.version, input).await?;
                let conflicts = self
                    .conflicts_of(m, seen.as_ref(), &current.snapshot(), &next.snapshot(), &current.meta, device)
                    .await?;
                Ok(Outcome::applied(next.meta.version, conflicts))
            }
            ("family_member", "delete") => {
                let current = self.member_in(family, m.entity_id).await?;
                if current.meta.deleted_at.is_some() {
                    // Deleted already: the device's wish holds.
                    return Ok(Outcome::applied(current.meta.version, Vec::new()));
                }
                self.remove_member(writer, family.id, current.id, current.meta.version).await?;
                Ok(Outcome::applied(current.meta.version + 1, Vec::new()))
            }
            ("family", "update") => {
                if m.entity_id != family.id {
                    return Err(invalid(
                        "entity_id",
                        "تغییر خانواده باید شناسهٔ همان خانواده را داشته باشد / A family change must name that family",
                    ));
                }
                if family.meta.deleted_at.is_some() {
                    return self.edit_of_deleted(m, family.meta.version, family.snapshot()).await;
                }
                let current = self.store.get_family(family.id).await?.ok_or(AppError::NotFound)?;
                let patch = family_patch(&m.fields, current.meta.version)?;
                let seen = self.seen_version(m, current.meta.version).await?;
                let next = self.update_family(writer, family.id, patch).await?;
                let conflicts = self
                    .conflicts_of(m, seen.as_ref(), &current.snapshot(), &next.family.snapshot(), &current.meta, device)
                    .await?;
                Ok(Outcome::applied(next.family.meta.version, conflicts))
            }
            ("assessment", "append") => {
                if self.store.get_assessment(m.entity_id).await?.is_some() {
                    return Err(invalid("entity_id", "این شناسه پیش‌تر به کار رفته است / This id is already used"));
                }
                let input = self.assessment_input(m)?;
                let draft = self.start_assessment(writer, family.id, input).await?;
                self.finish_assessment(writer, m.entity_id, draft.assessment.meta.version).await
            }
            ("service", "create") => {
                let mut input: ServiceInput = fields_as(&m.fields)?;
                input.id = Some(m.entity_id);
                let service = self.log_service(writer, family.id, input).await?;
                Ok(Outcome::applied(service.meta.version, Vec::new()))
            }
            ("referral", "create") => {
                let mut input: ReferralInput = fields_as(&m.fields)?;
                input.id = Some(m.entity_id);
                let referral = self.create_referral(writer, family.id, input).await?;
                Ok(Outcome::applied(referral.meta.version, Vec::new()))
            }
            ("referral", "update") => {
                let current = self.store.get_referral(m.entity_id).await?.filter(|r| r.family_id == family.id);
                let current = current.ok_or(AppError::NotFound)?;
                let answer: ReferralAnswer = fields_as(&m.fields)?;
                let seen = self.seen_version(m, current.meta.version).await?;
                let next = self.answer_referral(writer, current.id, current.meta.version, answer).await?;
                let conflicts = self
                    .conflicts_of(m, seen.as_ref(), &current.snapshot(), &next.snapshot(), &current.meta, device)
                    .await?;
                Ok(Outcome::applied(next.meta.version, conflicts))
            }
            ("plan_goal", "create") => {
                let mut input: GoalInput = fields_as(&m.fields)?;
                input.id = Some(m.entity_id);
                let goal = self.create_goal(writer, family.id, input).await?;
                Ok(Outcome::applied(goal.meta.version, Vec::new()))
            }
            ("plan_goal", "update") => {
                let current = self.store.get_goal(m.entity_id).await?.filter(|g| g.family_id == family.id);
                let current = current.ok_or(AppError::NotFound)?;
                let input: GoalInput = fields_as(&m.fields)?;
                let seen = self.seen_version(m, current.meta.version).await?;
                let next = self.update_goal(writer, current.id, current.meta.version, input).await?;
                let conflicts = self
                    .conflicts_of(m, seen.as_ref(), &current.snapshot(), &next.snapshot(), &current.meta, device)
                    .await?;
                Ok(Outcome::applied(next.meta.version, conflicts))
            }
            ("plan_activity", "create") => {
                let mut input: ActivityInput = fields_as(&m.fields)?;
                input.id = Some(m.entity_id);
                let activity = self.create_activity(writer, family.id, input).await?;
                Ok(Outcome::applied(activity.meta.version, Vec::new()))
            }
            ("plan_activity", "update" | "complete") => {
                let current = self.store.get_activity(m.entity_id).await?.filter(|a| a.family_id == family.id);
                let current = current.ok_or(AppError::NotFound)?;
                let seen = self.seen_version(m, current.meta.version).await?;
                let (next, judged) = if m.op == "complete" {
                    only_known(&m.fields, &["notes", "service"])?;
                    let notes = text_field(&m.fields, "notes")?;
                    let service = match m.fields.get("service") {
                        None | Some(Value::Null) => None,
                        Some(v) => Some(fields_as::<ServiceInput>(v.as_object().unwrap_or(&Map::new()))?),
                    };
                    let (done, _) = self
                        .complete_activity(writer, current.id, current.meta.version, notes.clone(), service)
                        .await?;
                    // Completing sets the status (and the notes): those
                    // are the fields judged for conflicts.
                    let mut judged = Map::new();
                    judged.insert("status".to_owned(), Value::from("done"));
                    if let Some(n) = notes {
                        judged.insert("notes".to_owned(), Value::from(n));
                    }
                    (done, MutationInput { fields: judged, ..m.clone() })
                } else {
                    let input: ActivityInput = fields_as(&m.fields)?;
                    (self.update_activity(writer, current.id, current.meta.version, input).await?, m.clone())
                };
                let conflicts = self
                    .conflicts_of(&judged, seen.as_ref(), &current.snapshot(), &next.snapshot(), &current.meta, device)
                    .await?;
                Ok(Outcome::applied(next.meta.version, conflicts))
            }
            _ => Err(invalid("op", "این نوع تغییر شناخته نیست / This kind of change is not known")),
        }
    }

    /// A member (deleted or not) of the mutation's family. A member of
    /// another family — moved away meanwhile, or never this family's — is
    /// not found: its record must not reach this device, and the edit is
    /// kept with the refusal for the manager.
    async fn member_in(&self, family: &Family, id: Uuid) -> Result<crate::model::Member, AppError> {
        self.store.get_member(id).await?.filter(|m| m.family_id == family.id).ok_or(AppError::NotFound)
    }

    fn assessment_input(&self, m: &MutationInput) -> Result<NewAssessment, AppError> {
        only_known(&m.fields, &["kind", "assessed_on", "answers"])?;
        let answers = match m.fields.get("answers") {
            Some(v) => serde_json::from_value::<crate::assessments::AnswerInput>(v.clone())
                .map_err(|_| invalid("answers", "پاسخ‌ها نامعتبرند / The answers are not valid"))?,
            None => return Err(invalid("answers", "پاسخ‌ها نیامده‌اند / The answers are missing")),
        };
        Ok(NewAssessment {
            id: Some(m.entity_id),
            kind: text_field(&m.fields, "kind")?,
            assessed_on: text_field(&m.fields, "assessed_on")?.filter(|d| !d.trim().is_empty()),
            assessor_id: None,
            answers: Some(answers),
            corrects: None,
            correction_reason: None,
        })
    }

    /// Finalizes an offline assessment's draft. Incomplete answers keep the
    /// draft on the server (nothing is lost) and answer `rejected`.
    async fn finish_assessment(&self, writer: &Actor, id: Uuid, version: i64) -> Result<Outcome, AppError> {
        match self.finalize_assessment(writer, id, version).await {
            Ok(done) => Ok(Outcome::applied(done.assessment.meta.version, Vec::new())),
            Err(e @ AppError::AssessmentIncomplete(_)) => {
                let mut outcome = Outcome::rejected(&e);
                outcome.message =
                    format!("{} — پیش‌نویس روی کارساز نگه داشته شد / kept as a draft on the server", outcome.message);
                outcome.version = Some(version);
                Ok(outcome)
            }
            Err(e) => Err(e),
        }
    }

    /// The snapshot of the version the device edited, when someone else
    /// wrote since (None: it edited the current version).
    async fn seen_version(&self, m: &MutationInput, current: i64) -> Result<Option<Option<Value>>, AppError> {
        match m.base_version {
            Some(base) if base == current => Ok(None),
            Some(base) if base > current || base < 1 => {
                Err(invalid("base_version", "نسخهٔ پایهٔ این تغییر نامعتبر است / The change's base version is not valid"))
            }
            Some(base) => Ok(Some(self.store.change_at_version(m.entity_id, base).await?.map(|e| e.data))),
            None => Err(invalid("base_version", "نسخهٔ پایه لازم است / The base version is required")),
        }
    }

    async fn conflicts_of(
        &self,
        m: &MutationInput,
        seen: Option<&Option<Value>>,
        overwritten: &Value,
        written: &Value,
        overwritten_meta: &SyncMeta,
        device: Option<Uuid>,
    ) -> Result<Vec<PendingConflict>, AppError> {
        let Some(seen) = seen else { return Ok(Vec::new()) };
        let keys: Vec<String> = m.fields.keys().cloned().collect();
        let found = field_conflicts(&keys, seen.as_ref(), overwritten, written);
        if found.is_empty() {
            return Ok(Vec::new());
        }
        // A device correcting its own earlier offline edits (made on the
        // same base) is no conflict — but only when every write since that
        // base came from this device: nobody else's value is lost then.
        if let (Some(device), Some(base)) = (device, m.base_version) {
            let mut all_own = true;
            for version in base + 1..=overwritten_meta.version {
                let entry = self.store.change_at_version(m.entity_id, version).await?;
                if entry.and_then(|e| e.origin).map(|o| o.device_id) != Some(device) {
                    all_own = false;
                    break;
                }
            }
            if all_own {
                return Ok(Vec::new());
            }
        }
        let overwritten_entry = self.store.change_at_version(m.entity_id, overwritten_meta.version).await?;
        let author = overwritten_entry.and_then(|e| e.actor_id);
        Ok(found
            .into_iter()
            .map(|(field, losing, winning)| PendingConflict {
                kind: ConflictKind::Field,
                field: Some(field),
                winning,
                losing,
                losing_version: Some(overwritten_meta.version),
                losing_author: author,
            })
            .collect())
    }

    /// An edit of a record deleted (or moved away) meanwhile: not written,
    /// and not lost — its fields wait in a conflict record.
    async fn edit_of_deleted(&self, m: &MutationInput, version: i64, current: Value) -> Result<Outcome, AppError> {
        let author = self.store.change_at_version(m.entity_id, version).await?.and_then(|e| e.actor_id);
        Ok(Outcome {
            result: MutationResult::Conflict,
            version: Some(version),
            reason: "edit_of_deleted".to_owned(),
            message: "این رکورد در این میان حذف شده است؛ ویرایش شما نگه داشته شد تا مدیر تصمیم بگیرد / This record was deleted meanwhile; your edit is kept for the manager to decide".to_owned(),
            conflicts: vec![PendingConflict {
                kind: ConflictKind::EditOfDeleted,
                field: None,
                winning: current,
                losing: Value::Object(m.fields.clone()),
                losing_version: Some(version),
                losing_author: author,
            }],
        })
    }

    /// The answer to a mutation the log shows was written, when its answer
    /// was never recorded: the same answer the first try would have given.
    async fn recovered(&self, actor: &Actor, m: &MutationInput, written: &[ChangeEntry]) -> Result<Outcome, AppError> {
        let Some(own) = written.iter().rev().find(|e| e.entity_id == m.entity_id) else {
            return Ok(Outcome::applied(0, Vec::new()));
        };
        if m.entity == "assessment" {
            // It stopped between the draft and its finalizing.
            if let Some(a) = self.store.get_assessment(m.entity_id).await?
                && a.status == hamyar_domain::tier::AssessmentStatus::Draft
            {
                let writer = Actor { origin: written.first().and_then(|e| e.origin), ..actor.clone() };
                return match self.finish_assessment(&writer, a.id, a.meta.version).await {
                    Ok(outcome) => Ok(outcome),
                    Err(e) if is_refusal(&e) => Ok(Outcome::rejected(&e)),
                    Err(e) => Err(e),
                };
            }
            return Ok(Outcome::applied(own.version, Vec::new()));
        }
        if m.op != "update" || m.base_version == Some(own.version - 1) {
            return Ok(Outcome::applied(own.version, Vec::new()));
        }
        let seen = self.seen_version(m, own.version - 1).await.ok().flatten();
        let overwritten = self.store.change_at_version(m.entity_id, own.version - 1).await?;
        let (before, meta) = match overwritten {
            Some(e) => (e.data.clone(), SyncMeta { version: e.version, ..SyncMeta::new(e.at) }),
            None => (Value::Null, SyncMeta { version: own.version - 1, ..SyncMeta::new(own.at) }),
        };
        let device = own.origin.map(|o| o.device_id);
        let conflicts = self.conflicts_of(m, seen.as_ref(), &before, &own.data, &meta, device).await?;
        Ok(Outcome::applied(own.version, conflicts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_field_changed_by_someone_else_since_the_device_saw_it_conflicts() {
        let seen = json!({"mobile": "09120000000", "education": "دیپلم"});
        let overwritten = json!({"mobile": "09121111111", "education": "دیپلم"});
        let written = json!({"mobile": "09122222222", "education": "لیسانس"});
        let found = field_conflicts(&keys(&["mobile", "education"]), Some(&seen), &overwritten, &written);
        assert_eq!(found, vec![("mobile".to_owned(), json!("09121111111"), json!("09122222222"))]);
    }

    #[test]
    fn the_same_value_set_twice_or_an_untouched_field_is_no_conflict() {
        let seen = json!({"mobile": "0912", "health": "خوب"});
        let overwritten = json!({"mobile": "0935", "health": "خوب"});
        let written = json!({"mobile": "0935", "health": "بیمار"});
        assert!(field_conflicts(&keys(&["mobile", "health"]), Some(&seen), &overwritten, &written).is_empty());
    }

    #[test]
    fn a_lost_snapshot_counts_every_overwritten_difference() {
        let overwritten = json!({"mobile": "0935"});
        let written = json!({"mobile": "0912"});
        assert_eq!(field_conflicts(&keys(&["mobile"]), None, &overwritten, &written).len(), 1);
    }

    #[test]
    fn mutation_fields_parse_into_inputs_and_unknown_fields_are_refused() {
        let fields = json!({"first_name": "زهرا", "national_id": null, "extra": {"شغل دوم": "خیاط"}});
        let input = member_input(fields.as_object().unwrap_or(&Map::new())).ok();
        assert_eq!(input.as_ref().and_then(|i| i.first_name.clone()).as_deref(), Some("زهرا"));
        assert_eq!(input.as_ref().and_then(|i| i.national_id.clone()).as_deref(), Some(""));
        let unknown = json!({"salary": "1"});
        assert!(member_input(unknown.as_object().unwrap_or(&Map::new())).is_err());
        let family = json!({"phones": ["02155551234"], "consent_on": null});
        let patch = family_patch(family.as_object().unwrap_or(&Map::new()), 3).ok();
        assert_eq!(patch.as_ref().and_then(|p| p.phones.clone()), Some(vec!["02155551234".to_owned()]));
        assert_eq!(patch.as_ref().and_then(|p| p.consent_on.clone()), Some(None));
    }
}
