//! Assessment (سطح‌بندی): instruments published by headquarters, a
//! family's assessments from draft to final, corrections and overrides,
//! the family's current tier, and reclassification under a new instrument
//! version. See `docs/assessments.md`.

use crate::{
    Actor, AppError, Hamyar,
    model::{
        Assessment, AssessmentResult, AssessmentWrite, Family, InstrumentRecord, Member, ReclassificationRecord,
        SyncMeta, TierChange, TierInput, TierOverride,
    },
    orgs::parse_date,
    policy::{self, Action},
};
use chrono::{Datelike, NaiveDate};
use hamyar_domain::{
    FieldError,
    instrument::{
        AnswerSet, AnswerSetRef, DEFAULT_INSTRUMENT, Instrument, InstrumentError, MemberAnswers, Missing, Outcome,
    },
    role::Role,
    tier::{AssessmentKind, AssessmentStatus, Tier},
};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use uuid::Uuid;

/// The stored id of the instrument Hamyar ships with (fixed, so that every
/// database names it alike and two first uses cannot store it twice).
pub const DEFAULT_INSTRUMENT_ID: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001);

/// Answers as a form sends them: family indicators, and per member id.
/// Blank answers are dropped (a cleared field).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnswerInput {
    pub family: BTreeMap<String, String>,
    pub members: BTreeMap<Uuid, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default)]
pub struct NewAssessment {
    /// A client may make the id (UUIDv7).
    pub id: Option<Uuid>,
    /// Defaults to baseline for a family's first, else follow-up; a
    /// correction keeps the kind of what it corrects.
    pub kind: Option<String>,
    /// ISO date; defaults to today.
    pub assessed_on: Option<String>,
    /// A user of the family's center; defaults to the actor.
    pub assessor_id: Option<Uuid>,
    /// Defaults to none, or for a correction to the answers it corrects.
    pub answers: Option<AnswerInput>,
    /// The final assessment this one corrects; `correction_reason` is then required.
    pub corrects: Option<Uuid>,
    pub correction_reason: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct AssessmentPatch {
    pub version: i64,
    pub kind: Option<String>,
    pub assessed_on: Option<String>,
    pub assessor_id: Option<Uuid>,
    pub answers: Option<AnswerInput>,
}

/// An assessment with what the screen shows beside it.
pub struct AssessmentView {
    pub assessment: Assessment,
    pub instrument: InstrumentRecord,
    /// Indicators still unanswered (found again from the answers).
    pub missing: Vec<Missing>,
    /// Whether this assessment gives the family its current tier.
    pub current: bool,
    /// Names of the people it mentions (assessor, who overrode), by id.
    pub names: HashMap<Uuid, String>,
    /// The members answered about: id, name (empty if no longer in the
    /// family), age on the assessment day.
    pub members: Vec<(Uuid, String, Option<u32>)>,
}

/// A family's assessments, newest first.
pub struct FamilyAssessments {
    pub assessments: Vec<Assessment>,
    /// The one the family's tier comes from.
    pub current: Option<Uuid>,
    pub tier: Option<Tier>,
    pub names: HashMap<Uuid, String>,
}

/// One step of a family's tier history.
pub struct TierHistoryEntry {
    pub on: NaiveDate,
    pub at: chrono::DateTime<chrono::Utc>,
    /// `assessment` or `reclassification`.
    pub source: &'static str,
    pub assessment_id: Option<Uuid>,
    pub kind: Option<AssessmentKind>,
    pub tier: Tier,
    pub computed_tier: Option<Tier>,
    pub override_reason: Option<String>,
    pub instrument_id: Uuid,
}

/// Counts of a reclassification, previewed or applied.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReclassificationSummary {
    pub families_scored: u64,
    pub families_changed: u64,
    /// Families whose answers give no tier under the new version (a domain
    /// left with no answer); they keep their tier.
    pub families_unscorable: u64,
    /// Families whose computed tier would change but a manager's tier stands.
    pub kept_by_override: u64,
    /// (from, to) → families.
    pub transitions: Vec<(Tier, Tier, u64)>,
    /// center → (scored, changed).
    pub by_center: Vec<(Uuid, u64, u64)>,
}

/// Families scored per page when reclassifying: bounded memory, and each
/// page split across the cores.
const RECLASSIFY_PAGE: u64 = 20_000;

fn reason_text(field: &'static str, raw: Option<&str>) -> Result<String, FieldError> {
    let text = hamyar_domain::persian::normalize_input(raw.unwrap_or_default());
    let text = text.trim();
    if text.chars().count() < 3 {
        return Err(FieldError::new(field, "required", "دلیل را بنویسید / Write the reason"));
    }
    if text.chars().count() > 2000 {
        return Err(FieldError::new(field, "length", "دلیل بیش از اندازه بلند است / The reason is too long"));
    }
    Ok(text.to_owned())
}

fn kind_of(raw: &str) -> Result<AssessmentKind, FieldError> {
    raw.trim().parse()
}

/// Whole years between a birth date and a day.
fn age_on(birth: NaiveDate, day: NaiveDate) -> Option<u32> {
    let mut years = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// The answer set to store: every live member of the family (with their
/// age on the day), blank answers dropped.
fn answer_set(input: &AnswerInput, members: &[Member], on: NaiveDate) -> Result<AnswerSet, FieldError> {
    let keep = |answers: &BTreeMap<String, String>| -> BTreeMap<String, String> {
        answers
            .iter()
            .map(|(k, v)| (k.trim().to_owned(), hamyar_domain::persian::normalize_digits(v.trim())))
            .filter(|(k, v)| !k.is_empty() && !v.is_empty())
            .collect()
    };
    if let Some(stranger) = input.members.keys().find(|id| !members.iter().any(|m| m.id == **id)) {
        return Err(FieldError::new(
            "answers",
            "member",
            format!("عضو {stranger} در این خانواده نیست / Member {stranger} is not in this family"),
        ));
    }
    Ok(AnswerSet {
        family: keep(&input.family),
        members: members
            .iter()
            .map(|m| MemberAnswers {
                member: m.id.to_string(),
                age: m.birth_date.and_then(|b| age_on(b, on)),
                answers: input.members.get(&m.id).map(keep).unwrap_or_default(),
            })
            .collect(),
    })
}

/// The stored answers as a form edits them.
fn answer_input(set: &AnswerSet) -> AnswerInput {
    AnswerInput {
        family: set.family.clone(),
        members: set.members.iter().filter_map(|m| Some((m.member.parse().ok()?, m.answers.clone()))).collect(),
    }
}

fn outcome_of(instrument: &Instrument, answers: &AnswerSet) -> Result<Outcome, FieldError> {
    instrument.score(answers).map_err(|errors| {
        let first = errors.first().map(|e| format!("{} = «{}»", e.indicator, e.answer)).unwrap_or_default();
        FieldError::new(
            "answers",
            "answer",
            format!("پاسخی که این ابزار ندارد: {first} / An answer the instrument does not offer: {first}"),
        )
    })
}

fn result_of(outcome: &Outcome) -> AssessmentResult {
    AssessmentResult {
        domain_scores: outcome.domain_scores.clone(),
        computed_tier: outcome.tier,
        capacities: outcome.capacities.clone(),
        harms: outcome.harms.clone(),
    }
}

/// Of the instruments a headquarters may use (oldest first), the one new
/// assessments use: the last it published, else the shipped one.
fn current_in(list: &[InstrumentRecord]) -> Result<&InstrumentRecord, AppError> {
    list.iter()
        .rev()
        .find(|i| i.hq_id.is_some())
        .or_else(|| list.iter().find(|i| i.id == DEFAULT_INSTRUMENT_ID))
        .ok_or_else(|| AppError::Internal("no instrument".into()))
}

/// The final assessment a family's tier comes from: the latest by date
/// (then by when it was finalized), corrections replacing what they correct.
pub(crate) fn current_of(assessments: &[Assessment]) -> Option<&Assessment> {
    assessments
        .iter()
        .filter(|a| a.status == AssessmentStatus::Final && a.superseded_by.is_none() && a.meta.deleted_at.is_none())
        .max_by_key(|a| (a.assessed_on, a.finalized_at, a.id))
}

impl Hamyar {
    // ---- Instruments ----

    /// Parses an instrument record once; later calls share the result.
    pub(crate) fn parsed(&self, record: &InstrumentRecord) -> Result<Arc<Instrument>, AppError> {
        let mut cache = self.instruments.lock().map_err(|_| AppError::Internal("instrument cache poisoned".into()))?;
        if let Some(i) = cache.get(&record.id) {
            return Ok(i.clone());
        }
        let parsed = Arc::new(Instrument::parse(&record.source).map_err(|e| {
            AppError::Internal(format!("stored instrument {} does not parse: {:?}", record.id, e.first()))
        })?);
        cache.insert(record.id, parsed.clone());
        Ok(parsed)
    }

    /// Every instrument a headquarters may use: the shipped one (stored on
    /// first use) and those it published, oldest first.
    async fn instruments_of(&self, hq_id: Option<Uuid>) -> Result<Vec<InstrumentRecord>, AppError> {
        let mut list = self.store.instruments_for(hq_id).await?;
        if !list.iter().any(|i| i.id == DEFAULT_INSTRUMENT_ID) {
            let parsed = Instrument::parse(DEFAULT_INSTRUMENT)
                .map_err(|e| AppError::Internal(format!("the default instrument does not parse: {:?}", e.first())))?;
            let now = self.clock.now();
            let record = InstrumentRecord {
                id: DEFAULT_INSTRUMENT_ID,
                hq_id: None,
                code: parsed.code.clone(),
                instrument_version: parsed.version,
                title_fa: parsed.title.fa.clone(),
                title_en: parsed.title.en.clone(),
                source: DEFAULT_INSTRUMENT.to_owned(),
                published_by: None,
                meta: SyncMeta::new(now),
            };
            // Two first uses at once: the second insert fails on the key,
            // and the row is there either way.
            if let Err(e) = self.store.insert_instrument(self.write_ctx(None), &record).await {
                tracing::debug!(error = %e, "default instrument stored meanwhile");
            }
            list = self.store.instruments_for(hq_id).await?;
        }
        Ok(list)
    }

    /// The instrument new assessments use at a headquarters: the last it
    /// published, else the shipped one.
    pub(crate) async fn current_instrument_of(&self, hq_id: Option<Uuid>) -> Result<InstrumentRecord, AppError> {
        current_in(&self.instruments_of(hq_id).await?).cloned()
    }

    /// The operator's view of a headquarters' current instrument.
    pub async fn current_instrument_for(&self, hq_id: Uuid) -> Result<InstrumentRecord, AppError> {
        self.current_instrument_of(Some(hq_id)).await
    }

    pub async fn list_instruments(&self, actor: &Actor) -> Result<(Vec<InstrumentRecord>, Uuid), AppError> {
        let hq = actor.hq_id.ok_or(AppError::Forbidden)?;
        let list = self.instruments_of(Some(hq)).await?;
        let current = current_in(&list)?.id;
        Ok((list, current))
    }

    /// An instrument, parsed, if the actor's headquarters may use it.
    pub async fn instrument(&self, actor: &Actor, id: Uuid) -> Result<(InstrumentRecord, Arc<Instrument>), AppError> {
        let hq = actor.hq_id.ok_or(AppError::NotFound)?;
        let record = self.store.get_instrument(id).await?.ok_or(AppError::NotFound)?;
        if record.hq_id.is_some_and(|h| h != hq) {
            return Err(AppError::NotFound);
        }
        let parsed = self.parsed(&record)?;
        Ok((record, parsed))
    }

    pub async fn current_instrument(&self, actor: &Actor) -> Result<(InstrumentRecord, Arc<Instrument>), AppError> {
        let hq = actor.hq_id.ok_or(AppError::NotFound)?;
        let record = self.current_instrument_of(Some(hq)).await?;
        let parsed = self.parsed(&record)?;
        Ok((record, parsed))
    }

    /// Checks an instrument file without publishing it.
    pub fn check_instrument(source: &str) -> Result<Instrument, Vec<InstrumentError>> {
        Instrument::parse(source)
    }

    /// Publishes a new instrument version for the actor's headquarters
    /// (`actor` None: the operator, for `hq_id`).
    pub async fn publish_instrument(
        &self,
        actor: Option<&Actor>,
        hq_id: Uuid,
        source: &str,
    ) -> Result<InstrumentRecord, AppError> {
        if let Some(actor) = actor {
            policy::authorize(actor, Action::ManageInstruments { hq_id })?;
        }
        if source.len() > 2 * 1024 * 1024 {
            return Err(
                FieldError::new("source", "length", "فایل ابزار بیش از ۲ مگابایت است / The file is over 2 MB").into()
            );
        }
        let parsed = Instrument::parse(source).map_err(AppError::InvalidInstrument)?;
        let existing = self.instruments_of(Some(hq_id)).await?;
        if existing.iter().any(|i| i.code == parsed.code && i.instrument_version >= parsed.version) {
            return Err(AppError::InstrumentVersionTaken);
        }
        let now = self.clock.now();
        let record = InstrumentRecord {
            id: Uuid::now_v7(),
            hq_id: Some(hq_id),
            code: parsed.code.clone(),
            instrument_version: parsed.version,
            title_fa: parsed.title.fa.clone(),
            title_en: parsed.title.en.clone(),
            source: source.to_owned(),
            published_by: actor.map(|a| a.user_id),
            meta: SyncMeta::new(now),
        };
        self.store.insert_instrument(self.write_ctx(actor), &record).await?;
        tracing::info!(hq = %hq_id, code = %record.code, version = record.instrument_version, "instrument published");
        Ok(record)
    }

    // ---- Assessments ----

    async fn view_of(&self, assessment: Assessment, current: Option<Uuid>) -> Result<AssessmentView, AppError> {
        let instrument = self.store.get_instrument(assessment.instrument_id).await?.ok_or(AppError::NotFound)?;
        let parsed = self.parsed(&instrument)?;
        let missing = parsed.rescore(&assessment.answers).0.missing;
        let current = current == Some(assessment.id);
        let names = self.names_in(std::slice::from_ref(&assessment)).await?;
        let family_members = self.store.family_members(assessment.family_id).await?;
        let members = assessment
            .answers
            .members
            .iter()
            .filter_map(|m| {
                let id: Uuid = m.member.parse().ok()?;
                let name = family_members.iter().find(|f| f.id == id).map(Member::full_name).unwrap_or_default();
                Some((id, name, m.age))
            })
            .collect();
        Ok(AssessmentView { assessment, instrument, missing, current, names, members })
    }

    /// Display names of the assessors and of who overrode tiers.
    async fn names_in(&self, assessments: &[Assessment]) -> Result<HashMap<Uuid, String>, AppError> {
        let mut ids: Vec<Uuid> = assessments
            .iter()
            .flat_map(|a| [Some(a.assessor_id), a.tier_override.as_ref().and_then(|o| o.by)])
            .flatten()
            .collect();
        ids.sort();
        ids.dedup();
        Ok(self.store.users_by_ids(&ids).await?.into_iter().map(|u| (u.id, u.display_name)).collect())
    }

    /// An assessment and its family, if the actor may see the family.
    async fn visible_assessment(&self, actor: &Actor, id: Uuid) -> Result<(Assessment, Family), AppError> {
        let assessment = self.store.get_assessment(id).await?.ok_or(AppError::NotFound)?;
        let family = self.visible_family(actor, assessment.family_id).await?;
        Ok((assessment, family))
    }

    async fn assessor(&self, actor: &Actor, family: &Family, id: Option<Uuid>) -> Result<Uuid, AppError> {
        let Some(id) = id.filter(|id| *id != actor.user_id) else { return Ok(actor.user_id) };
        let user = self.store.get_user(id).await?;
        match user {
            Some(u) if u.center_id == Some(family.center_id) && !u.disabled => Ok(u.id),
            _ => Err(FieldError::new(
                "assessor_id",
                "unknown",
                "ارزیاب باید از کاربران همین مرکز باشد / The assessor must be a user of this center",
            )
            .into()),
        }
    }

    fn assessed_on(&self, raw: Option<&str>) -> Result<NaiveDate, FieldError> {
        let today = self.today();
        let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else { return Ok(today) };
        let day = parse_date("assessed_on", raw)?;
        if day > today || day.year() < 2000 {
            return Err(FieldError::new(
                "assessed_on",
                "date",
                "تاریخ سطح‌بندی نمی‌تواند در آینده باشد / The assessment date cannot be in the future",
            ));
        }
        Ok(day)
    }

    /// Starts a draft assessment of a family with the headquarters' current
    /// instrument (or a correction of a final one).
    pub async fn start_assessment(
        &self,
        actor: &Actor,
        family_id: Uuid,
        input: NewAssessment,
    ) -> Result<AssessmentView, AppError> {
        let family = self.visible_family(actor, family_id).await?;
        policy::authorize(actor, Action::AssessFamily(&family))?;
        let existing = self.store.family_assessments(family.id).await?;
        let corrected = match input.corrects {
            None => None,
            Some(id) => {
                let target = existing.iter().find(|a| a.id == id).ok_or_else(|| {
                    FieldError::new(
                        "corrects",
                        "unknown",
                        "سطح‌بندی اصلاح‌شونده پیدا نشد / The assessment to correct was not found",
                    )
                })?;
                if target.status != AssessmentStatus::Final || target.superseded_by.is_some() {
                    return Err(FieldError::new(
                        "corrects",
                        "not_final",
                        "فقط سطح‌بندی نهایی و جاری اصلاح می‌شود / Only a final, not yet corrected assessment can be corrected",
                    )
                    .into());
                }
                Some((target.clone(), reason_text("correction_reason", input.correction_reason.as_deref())?))
            }
        };
        let kind = match (&input.kind, &corrected) {
            (Some(k), _) if !k.trim().is_empty() => kind_of(k)?,
            (_, Some((target, _))) => target.kind,
            _ if existing.iter().any(|a| a.status == AssessmentStatus::Final) => AssessmentKind::FollowUp,
            _ => AssessmentKind::Baseline,
        };
        let assessed_on = self.assessed_on(input.assessed_on.as_deref())?;
        let assessor_id = self.assessor(actor, &family, input.assessor_id).await?;
        let instrument = self.current_instrument_of(actor.hq_id).await?;
        let parsed = self.parsed(&instrument)?;
        let members = self.store.family_members(family.id).await?;
        let answers = match (input.answers, &corrected) {
            (Some(a), _) => a,
            (None, Some((target, _))) => answer_input(&target.answers),
            (None, None) => AnswerInput::default(),
        };
        // A correction started from answers of an older version keeps only
        // what the current version asks.
        let mut set = answer_set(&answers, &members, assessed_on)?;
        if corrected.is_some() {
            set = parsed.keep_offered(&set).0;
        }
        let outcome = outcome_of(&parsed, &set)?;
        if let Some(id) = input.id
            && (id.get_version_num() != 7 || self.store.get_assessment(id).await?.is_some())
        {
            return Err(FieldError::new("id", "format", "شناسه نامعتبر است / Invalid id (UUIDv7, unused)").into());
        }
        let now = self.clock.now();
        let assessment = Assessment {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            family_id: family.id,
            center_id: family.center_id,
            instrument_id: instrument.id,
            kind,
            status: AssessmentStatus::Draft,
            assessed_on,
            assessor_id,
            answers: set,
            result: result_of(&outcome),
            tier_override: None,
            corrects: corrected.as_ref().map(|(t, _)| t.id),
            correction_reason: corrected.map(|(_, r)| r).unwrap_or_default(),
            superseded_by: None,
            created_by: Some(actor.user_id),
            finalized_by: None,
            finalized_at: None,
            meta: SyncMeta::new(now),
        };
        let write = AssessmentWrite { assessments: vec![assessment.clone()], family_tier: None };
        self.store.save_assessments(self.write_ctx(Some(actor)), &write).await?;
        let current = current_of(&existing).map(|a| a.id);
        self.view_of(assessment, current).await
    }

    pub async fn assessment(&self, actor: &Actor, id: Uuid) -> Result<AssessmentView, AppError> {
        let (assessment, family) = self.visible_assessment(actor, id).await?;
        let all = self.store.family_assessments(family.id).await?;
        let current = current_of(&all).map(|a| a.id);
        self.view_of(assessment, current).await
    }

    /// A family's assessments, newest first, and which gives its tier.
    pub async fn family_assessments(&self, actor: &Actor, family_id: Uuid) -> Result<FamilyAssessments, AppError> {
        let family = self.visible_family(actor, family_id).await?;
        let all = self.store.family_assessments(family.id).await?;
        let current = current_of(&all).map(|a| a.id);
        let tier = self.store.family_tiers(&[family.id]).await?.get(&family.id).copied();
        let names = self.names_in(&all).await?;
        Ok(FamilyAssessments { assessments: all, current, tier, names })
    }

    /// A draft the actor may change, at the version they saw.
    async fn editable_draft(&self, actor: &Actor, id: Uuid, version: i64) -> Result<(Assessment, Family), AppError> {
        let (assessment, family) = self.visible_assessment(actor, id).await?;
        policy::authorize(actor, Action::AssessFamily(&family))?;
        if assessment.status == AssessmentStatus::Final {
            return Err(AppError::AssessmentFinal);
        }
        if assessment.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        Ok((assessment, family))
    }

    /// Saves a draft's answers (and date, kind, assessor).
    pub async fn update_assessment(
        &self,
        actor: &Actor,
        id: Uuid,
        patch: AssessmentPatch,
    ) -> Result<AssessmentView, AppError> {
        let (current, family) = self.editable_draft(actor, id, patch.version).await?;
        let mut next = current.clone();
        if let Some(kind) = patch.kind.as_deref().filter(|k| !k.trim().is_empty()) {
            next.kind = kind_of(kind)?;
        }
        if patch.assessed_on.is_some() {
            next.assessed_on = self.assessed_on(patch.assessed_on.as_deref())?;
        }
        if patch.assessor_id.is_some() {
            next.assessor_id = self.assessor(actor, &family, patch.assessor_id).await?;
        }
        let members = self.store.family_members(family.id).await?;
        let answers = patch.answers.unwrap_or_else(|| answer_input(&current.answers));
        next.answers = answer_set(&answers, &members, next.assessed_on)?;
        let instrument = self.store.get_instrument(next.instrument_id).await?.ok_or(AppError::NotFound)?;
        next.result = result_of(&outcome_of(&*self.parsed(&instrument)?, &next.answers)?);
        next.meta = current.meta.bumped(self.clock.now());
        let write = AssessmentWrite { assessments: vec![next.clone()], family_tier: None };
        self.store.save_assessments(self.write_ctx(Some(actor)), &write).await?;
        // A draft never gives the family its tier.
        self.view_of(next, None).await
    }

    /// Makes a complete draft final: from now on it never changes, and if
    /// it is the family's latest, the family takes its tier.
    pub async fn finalize_assessment(&self, actor: &Actor, id: Uuid, version: i64) -> Result<AssessmentView, AppError> {
        let (draft, family) = self.editable_draft(actor, id, version).await?;
        let instrument = self.store.get_instrument(draft.instrument_id).await?.ok_or(AppError::NotFound)?;
        let parsed = self.parsed(&instrument)?;
        // Members may have joined since the draft was saved: ask about them too.
        let members = self.store.family_members(family.id).await?;
        let answers = answer_set(&answer_input(&draft.answers), &members, draft.assessed_on)?;
        let outcome = outcome_of(&parsed, &answers)?;
        if !outcome.missing.is_empty() || outcome.tier.is_none() {
            return Err(AppError::AssessmentIncomplete(outcome.missing.len().max(1)));
        }
        let now = self.clock.now();
        let mut done = draft.clone();
        done.answers = answers;
        done.result = result_of(&outcome);
        done.status = AssessmentStatus::Final;
        done.finalized_by = Some(actor.user_id);
        done.finalized_at = Some(now);
        done.meta = draft.meta.bumped(now);
        let mut all = self.store.family_assessments(family.id).await?;
        let before = current_of(&all).map(|a| a.id);
        let mut writes = vec![done.clone()];
        if let Some(corrected_id) = done.corrects {
            let corrected = all.iter_mut().find(|a| a.id == corrected_id).ok_or(AppError::NotFound)?;
            if corrected.superseded_by.is_some() {
                return Err(FieldError::new(
                    "corrects",
                    "not_final",
                    "این سطح‌بندی پیش‌تر اصلاح شده است / That assessment was already corrected",
                )
                .into());
            }
            corrected.superseded_by = Some(done.id);
            corrected.meta = corrected.meta.bumped(now);
            writes.push(corrected.clone());
        }
        if let Some(slot) = all.iter_mut().find(|a| a.id == done.id) {
            *slot = done.clone();
        }
        // The family's tier moves only when its latest final assessment
        // does (a reclassified tier stays otherwise).
        let family_tier = current_of(&all)
            .filter(|c| Some(c.id) != before)
            .and_then(|c| c.tier().map(|t| (family.id, family.center_id, t, c.id)));
        let write = AssessmentWrite { assessments: writes, family_tier };
        self.store.save_assessments(self.write_ctx(Some(actor)), &write).await?;
        tracing::info!(actor = %actor.user_id, assessment = %done.id, tier = ?done.tier(), "assessment finalized");
        let current = current_of(&all).map(|a| a.id);
        self.view_of(done, current).await
    }

    /// A manager's tier for a final assessment, with a written reason, kept
    /// beside the computed one. (To return to the computed tier, override
    /// with it: the reason is kept either way.)
    pub async fn override_tier(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        tier: &str,
        reason: Option<&str>,
    ) -> Result<AssessmentView, AppError> {
        let (current, family) = self.visible_assessment(actor, id).await?;
        policy::authorize(actor, Action::OverrideTier(&family))?;
        if current.status != AssessmentStatus::Final {
            return Err(FieldError::new(
                "tier",
                "not_final",
                "سطح را پس از نهایی شدن سطح‌بندی می‌توان تغییر داد / The tier can be overridden once the assessment is final",
            )
            .into());
        }
        if current.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let reason = reason_text("reason", reason)?;
        let tier: Tier = tier.trim().parse()?;
        let now = self.clock.now();
        let mut next = current.clone();
        next.tier_override = Some(TierOverride { tier, reason: reason.clone(), by: Some(actor.user_id), at: now });
        next.meta = current.meta.bumped(now);
        let mut all = self.store.family_assessments(family.id).await?;
        if let Some(slot) = all.iter_mut().find(|a| a.id == next.id) {
            *slot = next.clone();
        }
        let family_tier = current_of(&all)
            .filter(|c| c.id == next.id)
            .and_then(|c| c.tier().map(|t| (family.id, family.center_id, t, c.id)));
        let write = AssessmentWrite { assessments: vec![next.clone()], family_tier };
        self.store.save_assessments(self.write_ctx(Some(actor)), &write).await?;
        tracing::info!(actor = %actor.user_id, assessment = %next.id, tier = %tier, "tier overridden");
        let current = current_of(&all).map(|a| a.id);
        self.view_of(next, current).await
    }

    /// Throws a draft away (a final assessment stays forever).
    pub async fn discard_assessment(&self, actor: &Actor, id: Uuid, version: i64) -> Result<(), AppError> {
        let (current, _) = self.editable_draft(actor, id, version).await?;
        let now = self.clock.now();
        let mut gone = current.clone();
        gone.meta = current.meta.bumped(now);
        gone.meta.deleted_at = Some(now);
        let write = AssessmentWrite { assessments: vec![gone], family_tier: None };
        self.store.save_assessments(self.write_ctx(Some(actor)), &write).await?;
        Ok(())
    }

    /// How a family's tier came to be: final assessments and
    /// reclassifications, oldest first.
    pub async fn family_tier_history(&self, actor: &Actor, family_id: Uuid) -> Result<Vec<TierHistoryEntry>, AppError> {
        let family = self.visible_family(actor, family_id).await?;
        let all = self.store.family_assessments(family.id).await?;
        let mut out: Vec<TierHistoryEntry> = all
            .iter()
            .filter(|a| a.status == AssessmentStatus::Final && a.superseded_by.is_none())
            .filter_map(|a| {
                Some(TierHistoryEntry {
                    on: a.assessed_on,
                    at: a.finalized_at.unwrap_or(a.meta.updated_at),
                    source: "assessment",
                    assessment_id: Some(a.id),
                    kind: Some(a.kind),
                    tier: a.tier()?,
                    computed_tier: a.result.computed_tier,
                    override_reason: a.tier_override.as_ref().map(|o| o.reason.clone()),
                    instrument_id: a.instrument_id,
                })
            })
            .collect();
        for (run, change) in self.store.family_tier_changes(family.id).await? {
            out.push(TierHistoryEntry {
                on: crate::service::iran_day(run.run_at),
                at: run.run_at,
                source: "reclassification",
                assessment_id: None,
                kind: None,
                tier: change.to,
                computed_tier: Some(change.to),
                override_reason: None,
                instrument_id: run.instrument_id,
            });
        }
        out.sort_by_key(|e| (e.on, e.at));
        Ok(out)
    }

    // ---- Reclassification ----

    /// Re-scores every family of the actor's headquarters that has a tier,
    /// with an instrument version; `apply` records the result.
    pub async fn reclassify(
        &self,
        actor: Option<&Actor>,
        hq_id: Uuid,
        instrument_id: Uuid,
        apply: bool,
    ) -> Result<(ReclassificationSummary, Option<Uuid>), AppError> {
        if let Some(actor) = actor {
            policy::authorize(actor, Action::ManageInstruments { hq_id })?;
        }
        let record = self.store.get_instrument(instrument_id).await?.ok_or(AppError::NotFound)?;
        if record.hq_id.is_some_and(|h| h != hq_id) {
            return Err(AppError::NotFound);
        }
        let instrument = self.parsed(&record)?;
        let mut summary = ReclassificationSummary::default();
        let mut transitions: BTreeMap<(Tier, Tier), u64> = BTreeMap::new();
        let mut by_center: BTreeMap<Uuid, (u64, u64)> = BTreeMap::new();
        let mut changes: Vec<TierChange> = Vec::new();
        // The next page is read while this one is scored.
        let mut next = Some(self.store.tier_inputs(hq_id, None, RECLASSIFY_PAGE));
        while let Some(reading) = next.take() {
            let page = reading.await?;
            let Some(last) = page.last() else { break };
            if page.len() as u64 == RECLASSIFY_PAGE {
                next = Some(self.store.tier_inputs(hq_id, Some(last.family_id), RECLASSIFY_PAGE));
            }
            let instrument = instrument.clone();
            let scoring = tokio::task::spawn_blocking(move || rescore_page(&instrument, page));
            let scored = match next.take() {
                Some(reading) => {
                    let (scored, read) = tokio::join!(scoring, reading);
                    next = Some(Box::pin(std::future::ready(read)));
                    scored
                }
                None => scoring.await,
            }
            .map_err(|e| AppError::Internal(format!("rescoring: {e}")))?;
            for (input, rescored) in scored {
                summary.families_scored += 1;
                let center = by_center.entry(input.center_id).or_default();
                center.0 += 1;
                let Some((computed, scores)) = rescored else {
                    summary.families_unscorable += 1;
                    continue;
                };
                let to = input.override_tier.unwrap_or(computed);
                if input.override_tier.is_some_and(|o| o != computed) && input.tier != computed {
                    summary.kept_by_override += 1;
                }
                if to != input.tier {
                    summary.families_changed += 1;
                    center.1 += 1;
                    *transitions.entry((input.tier, to)).or_default() += 1;
                    if apply {
                        changes.push(TierChange {
                            family_id: input.family_id,
                            from: input.tier,
                            to,
                            domain_scores: scores,
                        });
                    }
                }
            }
        }
        summary.transitions = transitions.into_iter().map(|((f, t), n)| (f, t, n)).collect();
        summary.by_center = by_center.into_iter().map(|(c, (s, ch))| (c, s, ch)).collect();
        if !apply {
            return Ok((summary, None));
        }
        let now = self.clock.now();
        let run = ReclassificationRecord {
            id: Uuid::now_v7(),
            hq_id,
            instrument_id,
            run_by: actor.map(|a| a.user_id),
            run_at: now,
            families_scored: summary.families_scored,
            families_changed: summary.families_changed,
            summary: serde_json::to_value(&summary).unwrap_or_default(),
        };
        self.store.apply_reclassification(self.write_ctx(actor), &run, &changes).await?;
        tracing::info!(hq = %hq_id, instrument = %instrument_id, changed = summary.families_changed, "reclassified");
        Ok((summary, Some(run.id)))
    }

    pub async fn reclassifications(&self, actor: &Actor) -> Result<Vec<ReclassificationRecord>, AppError> {
        let hq = actor.hq_id.ok_or(AppError::Forbidden)?;
        policy::authorize(actor, Action::ManageInstruments { hq_id: hq })?;
        Ok(self.store.reclassifications(hq).await?)
    }

    /// Who may be named as an assessor at a center (for the form).
    pub async fn assessors(&self, actor: &Actor, family_id: Uuid) -> Result<Vec<crate::model::User>, AppError> {
        let family = self.visible_family(actor, family_id).await?;
        policy::authorize(actor, Action::AssessFamily(&family))?;
        let users = self.store.list_users(crate::ports::Scope::Center(family.center_id)).await?;
        Ok(users.into_iter().filter(|u| !u.disabled && u.role != Role::HqAdmin).collect())
    }
}

type Rescored = Option<(Tier, BTreeMap<hamyar_domain::tier::AssessmentDomain, f64>)>;

/// Scores a page of families, split across the cores.
fn rescore_page(instrument: &Instrument, page: Vec<TierInput>) -> Vec<(TierInput, Rescored)> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let chunk = page.len().div_ceil(threads).max(1);
    let score = |input: &TierInput, worst: &mut Vec<Option<f64>>| -> Rescored {
        let answers: AnswerSetRef<'_> = serde_json::from_str(&input.answers).ok()?;
        instrument.rescore_tier(&answers, worst)
    };
    let results: Vec<Vec<Rescored>> = std::thread::scope(|s| {
        let handles: Vec<_> = page
            .chunks(chunk)
            .map(|part| {
                let mut worst = Vec::new();
                (part.len(), s.spawn(move || part.iter().map(|i| score(i, &mut worst)).collect::<Vec<_>>()))
            })
            .collect();
        // A failed thread leaves its families as they are, still in step.
        handles.into_iter().map(|(n, h)| h.join().unwrap_or_else(|_| vec![None; n])).collect()
    });
    page.into_iter().zip(results.into_iter().flatten()).collect()
}
