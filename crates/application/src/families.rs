//! The family registry: households and their members, search, history and
//! the access log. Every use case asks the policy first; anything outside
//! the actor's scope is `NotFound`.

use crate::{
    Actor, AppError, Hamyar,
    model::{
        AssignmentFilter, Family, FamilyChange, FamilyDerived, FamilyListItem, FamilyQuery, FamilySource, FamilyWrite,
        Member, MemberOp, SyncMeta, TierFilter, User,
    },
    policy::{self, Action},
    ports::ChangeEntry,
};
use chrono::{DateTime, NaiveDate, Utc};
use hamyar_domain::{
    FieldError,
    family::{FamilyStatus, Housing, MaritalStatus, Phone, Relation, Sex},
    national_id::NationalId,
    organization::{Name, optional_text},
    persian::{normalize_input, normalize_text, search_key, sort_key},
    tier::Tier,
};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// A member as a form or an import row gives it: text, not yet parsed.
#[derive(Debug, Clone, Default)]
pub struct MemberInput {
    pub id: Option<Uuid>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub father_name: Option<String>,
    pub national_id: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub sex: Option<String>,
    pub relation: Option<String>,
    pub marital_status: Option<String>,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub health: Option<String>,
    pub disability: Option<String>,
    pub insurance: Option<String>,
    pub mobile: Option<String>,
    /// Replaces the extra attributes when given.
    pub extra: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default)]
pub struct NewFamilyInput {
    pub id: Option<Uuid>,
    /// Defaults to the actor's center.
    pub center_id: Option<Uuid>,
    /// Defaults to «خانوادهٔ <head's last name>».
    pub family_name: Option<String>,
    pub neighborhood: Option<String>,
    pub address: Option<String>,
    pub phones: Vec<String>,
    pub housing: Option<String>,
    pub consent_on: Option<String>,
    pub sources: Vec<FamilySource>,
    pub head: MemberInput,
}

#[derive(Debug, Clone, Default)]
pub struct FamilyPatch {
    pub version: i64,
    pub family_name: Option<String>,
    pub neighborhood: Option<String>,
    pub address: Option<String>,
    pub phones: Option<Vec<String>>,
    pub housing: Option<String>,
    pub status: Option<String>,
    pub status_reason: Option<String>,
    /// `Some(None)` clears it.
    pub consent_on: Option<Option<String>>,
    pub sources: Option<Vec<FamilySource>>,
}

/// A search as the list screen sends it.
#[derive(Debug, Clone, Default)]
pub struct FamilySearch {
    pub q: Option<String>,
    pub neighborhood: Option<String>,
    pub status: Option<String>,
    /// A tier code, or `unassessed`.
    pub tier: Option<String>,
    /// A helper's id (their caseload), or `unassigned`.
    pub helper: Option<String>,
    pub page: Option<u64>,
    pub page_size: Option<u64>,
}

pub struct FamilyPage {
    pub items: Vec<FamilyListItem>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

pub struct FamilyDetail {
    pub family: Family,
    pub head_name: String,
    pub members: Vec<Member>,
    /// None until a final assessment.
    pub tier: Option<Tier>,
}

/// One entry of a family's history, with what changed.
pub struct HistoryEntry {
    pub entry: ChangeEntry,
    pub actor: Option<User>,
    /// Field → (old, new); for a creation, every field with old `null`.
    pub changes: BTreeMap<String, (serde_json::Value, serde_json::Value)>,
}

pub const MAX_PAGE_SIZE: u64 = 100;
const DEFAULT_PAGE_SIZE: u64 = 25;

/// A date of a person's life: an ISO date (`orgs::parse_date`) between
/// 1900 and today.
fn date(field: &'static str, raw: &str) -> Result<NaiveDate, FieldError> {
    let d = crate::orgs::parse_date(field, raw)?;
    // Iran's day: a child born after midnight there is not "in the future".
    let today = crate::service::iran_day(Utc::now());
    if d > today || d < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(d) {
        return Err(FieldError::new(field, "date", "تاریخ در بازهٔ پذیرفتنی نیست / The date is out of range"));
    }
    Ok(d)
}

fn optional_date(field: &'static str, raw: Option<&str>) -> Result<Option<NaiveDate>, FieldError> {
    raw.map(str::trim).filter(|s| !s.is_empty()).map(|s| date(field, s)).transpose()
}

fn phones(raw: &[String]) -> Result<Vec<String>, FieldError> {
    raw.iter().filter(|p| !p.trim().is_empty()).map(|p| Phone::parse("phones", p).map(Phone::into_string)).collect()
}

fn sources(raw: &[FamilySource]) -> Result<Vec<FamilySource>, FieldError> {
    raw.iter()
        .map(|s| {
            Ok(FamilySource {
                organization: Name::parse("sources", &s.organization, 200)?.into_string(),
                reference: optional_text("sources", Some(&s.reference), 100)?,
            })
        })
        .collect()
}

fn text(field: &'static str, raw: &Option<String>, max: usize) -> Result<String, FieldError> {
    optional_text(field, raw.as_deref(), max)
}

/// Applies `input` over `base` (a new member when `base` is `None`):
/// fields left out keep their value.
pub(crate) fn member_from(
    input: &MemberInput,
    base: Option<&Member>,
    family_id: Uuid,
    at: DateTime<Utc>,
) -> Result<Member, FieldError> {
    let keep = |field: &Option<String>, old: Option<&String>| field.clone().or_else(|| old.cloned());
    let first = keep(&input.first_name, base.map(|m| &m.first_name)).unwrap_or_default();
    let last = keep(&input.last_name, base.map(|m| &m.last_name)).unwrap_or_default();
    let national_id = match &input.national_id {
        Some(raw) if raw.trim().is_empty() => None,
        Some(raw) => Some(NationalId::parse(raw)?),
        None => base.and_then(|m| m.national_id.clone()),
    };
    let birth_date = match &input.birth_date {
        Some(raw) => optional_date("birth_date", Some(raw))?,
        None => base.and_then(|m| m.birth_date),
    };
    let required =
        |field: &'static str| FieldError::new(field, "required", "این بخش را پر کنید / This field is required");
    let sex = match (&input.sex, base) {
        (Some(s), _) => Sex::parse(s)?,
        (None, Some(m)) => m.sex,
        (None, None) => return Err(required("sex")),
    };
    let relation = match (&input.relation, base) {
        (Some(r), _) => Relation::parse(r)?,
        (None, Some(m)) => m.relation,
        (None, None) => return Err(required("relation")),
    };
    let marital_status = match (&input.marital_status, base) {
        (Some(s), _) if !s.trim().is_empty() => MaritalStatus::parse(s)?,
        (_, Some(m)) => m.marital_status,
        _ => MaritalStatus::Unknown,
    };
    let mobile = match &input.mobile {
        Some(raw) if raw.trim().is_empty() => String::new(),
        Some(raw) => Phone::parse("mobile", raw)?.into_string(),
        None => base.map(|m| m.mobile.clone()).unwrap_or_default(),
    };
    let free = |field: &'static str, value: &Option<String>, old: Option<&String>| {
        optional_text(field, keep(value, old).as_deref(), 200)
    };
    Ok(Member {
        id: base.map(|m| m.id).or(input.id).unwrap_or_else(Uuid::now_v7),
        family_id,
        first_name: Name::parse("first_name", &first, 100)?.into_string(),
        last_name: Name::parse("last_name", &last, 100)?.into_string(),
        father_name: free("father_name", &input.father_name, base.map(|m| &m.father_name))?,
        national_id,
        birth_date,
        sex,
        relation,
        marital_status,
        education: free("education", &input.education, base.map(|m| &m.education))?,
        occupation: free("occupation", &input.occupation, base.map(|m| &m.occupation))?,
        health: free("health", &input.health, base.map(|m| &m.health))?,
        disability: free("disability", &input.disability, base.map(|m| &m.disability))?,
        insurance: free("insurance", &input.insurance, base.map(|m| &m.insurance))?,
        mobile,
        extra: match &input.extra {
            Some(extra) => extra
                .iter()
                .map(|(k, v)| Ok((optional_text("extra", Some(k), 100)?, optional_text("extra", Some(v), 500)?)))
                .filter(|kv: &Result<(String, String), FieldError>| kv.as_ref().map_or(true, |(k, _)| !k.is_empty()))
                .collect::<Result<_, FieldError>>()?,
            None => base.map(|m| m.extra.clone()).unwrap_or_default(),
        },
        meta: base.map_or_else(|| SyncMeta::new(at), |m| m.meta.bumped(at)),
    })
}

/// The derived columns: the head's name, and the search keys of everything
/// a search may match (names, national IDs, phones, address).
pub fn derive(family: &Family, members: &[Member]) -> FamilyDerived {
    let head_name = family
        .head_member_id
        .and_then(|id| members.iter().find(|m| m.id == id))
        .map(Member::full_name)
        .unwrap_or_default();
    let mut parts =
        vec![search_key(&family.family_name), search_key(&family.neighborhood), search_key(&family.address)];
    parts.extend(family.phones.iter().cloned());
    for m in members.iter().filter(|m| m.meta.deleted_at.is_none()) {
        parts.push(search_key(&m.full_name()));
        parts.push(search_key(&m.father_name));
        parts.extend(m.national_id.as_ref().map(|n| n.as_str().to_owned()));
        if !m.mobile.is_empty() {
            parts.push(m.mobile.clone());
        }
    }
    parts.retain(|p| !p.is_empty());
    let sort_key = sort_key(&[&family.family_name, &head_name]);
    FamilyDerived { head_name, search_text: format!("|{}|", parts.join("|")), sort_key }
}

/// The words of a search, as search keys: «علي  رضائي» → [«علی», «رضایی»].
pub fn query_words(q: &str) -> Vec<String> {
    normalize_text(q).split(' ').map(search_key).filter(|w| !w.is_empty()).collect()
}

/// Field-by-field difference between two JSON objects. On a creation (no
/// old state) empty values and the record's links to its family and center
/// say nothing and are left out.
fn diff(
    old: Option<&serde_json::Value>,
    new: &serde_json::Value,
) -> BTreeMap<String, (serde_json::Value, serde_json::Value)> {
    let empty = serde_json::Map::new();
    let created = old.is_none();
    let old = old.and_then(|v| v.as_object()).unwrap_or(&empty);
    let Some(new) = new.as_object() else { return BTreeMap::new() };
    let says_nothing = |k: &str, v: &serde_json::Value| {
        created
            && (matches!(k, "center_id" | "family_id")
                || v.is_null()
                || v.as_str().is_some_and(str::is_empty)
                || v.as_array().is_some_and(Vec::is_empty)
                || v.as_object().is_some_and(serde_json::Map::is_empty))
    };
    new.iter()
        .filter(|(k, v)| !says_nothing(k, v) && old.get(*k) != Some(v))
        .map(|(k, v)| (k.clone(), (old.get(k).cloned().unwrap_or(serde_json::Value::Null), v.clone())))
        .collect()
}

impl Hamyar {
    pub(crate) async fn visible_family(&self, actor: &Actor, id: Uuid) -> Result<Family, AppError> {
        let family = self.store.get_family(id).await?.ok_or(AppError::NotFound)?;
        policy::authorize(actor, Action::ReadFamily(&family)).map_err(|_| AppError::NotFound)?;
        Ok(family)
    }

    pub(crate) async fn editable_family(&self, actor: &Actor, id: Uuid) -> Result<Family, AppError> {
        let family = self.visible_family(actor, id).await?;
        policy::authorize(actor, Action::EditFamily(&family))?;
        Ok(family)
    }

    /// A family whose members and contact details the actor may edit.
    async fn household(&self, actor: &Actor, id: Uuid) -> Result<Family, AppError> {
        let family = self.visible_family(actor, id).await?;
        policy::authorize(actor, Action::EditHousehold(&family))?;
        Ok(family)
    }

    /// Refuses a national ID another live member holds under the same
    /// headquarters, saying where as far as the actor may see.
    pub(crate) async fn check_national_id(
        &self,
        actor: Option<&Actor>,
        center_id: Uuid,
        member: &Member,
    ) -> Result<(), AppError> {
        let Some(national_id) = &member.national_id else { return Ok(()) };
        let center = self.store.get_center(center_id).await?.ok_or(AppError::NotFound)?;
        let Some(holder) = self.store.find_national_id(center.hq_id, national_id.as_str()).await? else {
            return Ok(());
        };
        if holder.id == member.id {
            return Ok(());
        }
        let family = self.store.get_family(holder.family_id).await?;
        let visible = match (actor, &family) {
            (None, Some(_)) => true,
            (Some(a), Some(f)) => policy::authorize(a, Action::ReadFamily(f)).is_ok(),
            _ => false,
        };
        let message = match family.filter(|_| visible) {
            Some(f) => {
                let center_name = self.store.get_center(f.center_id).await?.map(|c| c.name).unwrap_or_default();
                format!(
                    "این کد ملی پیش‌تر برای «{}» در «{}»، {} ثبت شده است / This national ID is already registered for {} in {}, {}",
                    holder.full_name(),
                    f.family_name,
                    center_name,
                    holder.full_name(),
                    f.family_name,
                    center_name
                )
            }
            None => "این کد ملی پیش‌تر در مرکز دیگری از این ستاد ثبت شده است / This national ID is already registered at another center of this headquarters".to_owned(),
        };
        Err(AppError::DuplicateNationalId(message))
    }

    /// A new family and its members, checked against every rule that needs
    /// no database (the national-ID check against the registry is the
    /// caller's).
    pub(crate) fn build_family(
        &self,
        actor: Option<&Actor>,
        center_id: Uuid,
        input: NewFamilyInput,
        others: Vec<MemberInput>,
    ) -> Result<(Family, Vec<Member>), AppError> {
        let at = self.clock.now();
        let family_id = input.id.unwrap_or_else(Uuid::now_v7);
        let mut head_input = input.head.clone();
        head_input.relation = Some(Relation::Head.code().to_owned());
        let head = member_from(&head_input, None, family_id, at)?;
        let mut members = vec![head.clone()];
        for other in &others {
            let m = member_from(other, None, family_id, at)?;
            if m.relation == Relation::Head {
                return Err(FieldError::new(
                    "relation",
                    "head_exists",
                    "خانواده سرپرست دارد / The family already has a head",
                )
                .into());
            }
            members.push(m);
        }
        let family_name = match input.family_name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            Some(name) => name.to_owned(),
            None => format!("خانوادهٔ {}", head.last_name),
        };
        let consent_on = optional_date("consent_on", input.consent_on.as_deref())?;
        let family = Family {
            id: family_id,
            center_id,
            family_name: Name::parse("family_name", &family_name, 200)?.into_string(),
            head_member_id: Some(head.id),
            neighborhood: text("neighborhood", &input.neighborhood, 200)?,
            address: text("address", &input.address, 500)?,
            phones: phones(&input.phones)?,
            housing: match input.housing.as_deref().filter(|h| !h.trim().is_empty()) {
                Some(h) => Housing::parse(h)?,
                None => Housing::Unknown,
            },
            status: FamilyStatus::Active,
            status_reason: String::new(),
            consent_on,
            consent_recorded_by: consent_on.and(actor.map(|a| a.user_id)),
            sources: sources(&input.sources)?,
            merged_into: None,
            meta: SyncMeta::new(at),
        };
        let mut seen = std::collections::HashSet::new();
        if members.iter().filter_map(|m| m.national_id.as_ref()).any(|n| !seen.insert(n.as_str().to_owned())) {
            return Err(AppError::DuplicateNationalId(
                "دو عضو این خانواده یک کد ملی دارند / Two members of this family have the same national ID".to_owned(),
            ));
        }
        Ok((family, members))
    }

    pub(crate) async fn register_family(
        &self,
        actor: Option<&Actor>,
        center_id: Uuid,
        input: NewFamilyInput,
        others: Vec<MemberInput>,
    ) -> Result<FamilyDetail, AppError> {
        let (family, members) = self.build_family(actor, center_id, input, others)?;
        for m in &members {
            self.check_national_id(actor, center_id, m).await?;
        }
        let change = FamilyChange {
            families: vec![FamilyWrite { derived: derive(&family, &members), family: family.clone(), changed: true }],
            members: members.iter().cloned().map(|m| (m, MemberOp::Create)).collect(),
        };
        self.store.save_family_change(self.write_ctx(actor), &change).await?;
        let head_name = derive(&family, &members).head_name;
        Ok(FamilyDetail { head_name, family, members, tier: None })
    }

    pub async fn create_family(&self, actor: &Actor, input: NewFamilyInput) -> Result<FamilyDetail, AppError> {
        let center_id = input.center_id.or(actor.center_id).ok_or(AppError::Forbidden)?;
        policy::authorize(actor, Action::CreateFamily { center_id })?;
        let detail = self.register_family(Some(actor), center_id, input, Vec::new()).await?;
        tracing::info!(actor = %actor.user_id, family = %detail.family.id, "family registered");
        Ok(detail)
    }

    /// Operator action (demo seeding, imports): a family with its head and
    /// other members.
    pub async fn bootstrap_family(
        &self,
        center_id: Uuid,
        input: NewFamilyInput,
        others: Vec<MemberInput>,
    ) -> Result<FamilyDetail, AppError> {
        self.register_family(None, center_id, input, others).await
    }

    pub async fn search_families(&self, actor: &Actor, search: FamilySearch) -> Result<FamilyPage, AppError> {
        let page = search.page.unwrap_or(1).max(1);
        let page_size = search.page_size.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE);
        let query = FamilyQuery {
            words: search.q.as_deref().map(query_words).unwrap_or_default(),
            neighborhood: search.neighborhood.as_deref().map(normalize_input).filter(|n| !n.is_empty()),
            status: search.status.as_deref().filter(|s| !s.is_empty()).map(FamilyStatus::parse).transpose()?,
            tier: match search.tier.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => None,
                Some("unassessed") => Some(TierFilter::Unassessed),
                Some(code) => Some(TierFilter::Tier(code.parse::<Tier>()?)),
            },
            assignment: match search.helper.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => None,
                Some("unassigned") => Some(AssignmentFilter::Unassigned(self.today())),
                Some(id) => Some(AssignmentFilter::Helper(
                    Uuid::parse_str(id).map_err(|_| {
                        FieldError::new("helper", "format", "شناسهٔ همیار نامعتبر است / Invalid helper id")
                    })?,
                    self.today(),
                )),
            },
            offset: (page - 1).saturating_mul(page_size),
            limit: page_size,
        };
        let (items, total) = self.store.search_families(policy::family_scope(actor, self.today()), &query).await?;
        Ok(FamilyPage { items, total, page, page_size })
    }

    /// A family's file; the view is recorded in the access log (once per
    /// person per ten minutes: reloads while working on a file are one view).
    pub async fn family_detail(&self, actor: &Actor, id: Uuid) -> Result<FamilyDetail, AppError> {
        let family = self.visible_family(actor, id).await?;
        let now = self.clock.now();
        let recent = self.store.last_family_access(family.id, actor.user_id).await?;
        if recent.is_none_or(|at| now - at >= chrono::Duration::minutes(10)) {
            self.store.record_family_access(family.id, actor.user_id, now).await?;
        }
        self.detail_of(family).await
    }

    pub(crate) async fn detail_of(&self, family: Family) -> Result<FamilyDetail, AppError> {
        let mut members = self.store.family_members(family.id).await?;
        // Head first, then the eldest.
        members.sort_by_key(|m| (Some(m.id) != family.head_member_id, m.birth_date.unwrap_or(NaiveDate::MAX)));
        let head_name = derive(&family, &members).head_name;
        let tier = self.store.family_tiers(&[family.id]).await?.get(&family.id).copied();
        Ok(FamilyDetail { family, head_name, members, tier })
    }

    pub async fn update_family(&self, actor: &Actor, id: Uuid, patch: FamilyPatch) -> Result<FamilyDetail, AppError> {
        let contacts_only = patch.family_name.is_none()
            && patch.housing.is_none()
            && patch.status.is_none()
            && patch.status_reason.is_none()
            && patch.consent_on.is_none()
            && patch.sources.is_none();
        let current =
            if contacts_only { self.household(actor, id).await? } else { self.editable_family(actor, id).await? };
        if patch.version != current.meta.version {
            return Err(AppError::VersionConflict);
        }
        let mut next = current.clone();
        if let Some(name) = &patch.family_name {
            next.family_name = Name::parse("family_name", name, 200)?.into_string();
        }
        if patch.neighborhood.is_some() {
            next.neighborhood = text("neighborhood", &patch.neighborhood, 200)?;
        }
        if patch.address.is_some() {
            next.address = text("address", &patch.address, 500)?;
        }
        if let Some(list) = &patch.phones {
            next.phones = phones(list)?;
        }
        if let Some(h) = &patch.housing {
            next.housing = Housing::parse(h)?;
        }
        if let Some(s) = &patch.status {
            next.status = FamilyStatus::parse(s)?;
        }
        if patch.status_reason.is_some() {
            next.status_reason = text("status_reason", &patch.status_reason, 500)?;
        }
        if next.status != FamilyStatus::Active && next.status_reason.is_empty() {
            return Err(FieldError::new(
                "status_reason",
                "required",
                "دلیل تغییر وضعیت را بنویسید / Give the reason for the status",
            )
            .into());
        }
        if next.status == FamilyStatus::Active {
            next.status_reason.clear();
        }
        if let Some(consent) = &patch.consent_on {
            next.consent_on = optional_date("consent_on", consent.as_deref())?;
            next.consent_recorded_by = next.consent_on.map(|_| actor.user_id);
        }
        if let Some(list) = &patch.sources {
            next.sources = sources(list)?;
        }
        next.meta = current.meta.bumped(self.clock.now());
        let members = self.store.family_members(id).await?;
        let change = FamilyChange {
            families: vec![FamilyWrite { derived: derive(&next, &members), family: next.clone(), changed: true }],
            members: Vec::new(),
        };
        self.store.save_family_change(self.write_ctx(Some(actor)), &change).await?;
        self.detail_of(next).await
    }

    /// Writes member changes of one family and refreshes its derived columns.
    async fn save_members(
        &self,
        actor: &Actor,
        family: &Family,
        family_changed: bool,
        writes: Vec<(Member, MemberOp)>,
    ) -> Result<(), AppError> {
        let mut members = self.store.family_members(family.id).await?;
        for (m, _) in &writes {
            members.retain(|x| x.id != m.id);
            if m.meta.deleted_at.is_none() && m.family_id == family.id {
                members.push(m.clone());
            }
        }
        let change = FamilyChange {
            families: vec![FamilyWrite {
                derived: derive(family, &members),
                family: family.clone(),
                changed: family_changed,
            }],
            members: writes,
        };
        self.store.save_family_change(self.write_ctx(Some(actor)), &change).await?;
        Ok(())
    }

    pub async fn add_member(&self, actor: &Actor, family_id: Uuid, input: MemberInput) -> Result<Member, AppError> {
        let family = self.household(actor, family_id).await?;
        let member = member_from(&input, None, family.id, self.clock.now())?;
        if member.relation == Relation::Head {
            return Err(FieldError::new(
                "relation",
                "head_exists",
                "خانواده سرپرست دارد؛ از «سرپرست کردن» استفاده کنید / The family has a head; use “make head”",
            )
            .into());
        }
        self.check_national_id(Some(actor), family.center_id, &member).await?;
        self.save_members(actor, &family, false, vec![(member.clone(), MemberOp::Create)]).await?;
        Ok(member)
    }

    async fn member_of(&self, family: &Family, member_id: Uuid) -> Result<Member, AppError> {
        self.store
            .get_member(member_id)
            .await?
            .filter(|m| m.family_id == family.id && m.meta.deleted_at.is_none())
            .ok_or(AppError::NotFound)
    }

    pub async fn update_member(
        &self,
        actor: &Actor,
        family_id: Uuid,
        member_id: Uuid,
        version: i64,
        input: MemberInput,
    ) -> Result<Member, AppError> {
        let family = self.household(actor, family_id).await?;
        let current = self.member_of(&family, member_id).await?;
        if version != current.meta.version {
            return Err(AppError::VersionConflict);
        }
        let next = member_from(&input, Some(&current), family.id, self.clock.now())?;
        let is_head = family.head_member_id == Some(current.id);
        if (next.relation == Relation::Head) != is_head {
            return Err(FieldError::new(
                "relation",
                "head_exists",
                "سرپرست را با «سرپرست کردن» تغییر دهید / Change the head with “make head”",
            )
            .into());
        }
        self.check_national_id(Some(actor), family.center_id, &next).await?;
        self.save_members(actor, &family, false, vec![(next.clone(), MemberOp::Update)]).await?;
        Ok(next)
    }

    pub async fn remove_member(
        &self,
        actor: &Actor,
        family_id: Uuid,
        member_id: Uuid,
        version: i64,
    ) -> Result<(), AppError> {
        let family = self.editable_family(actor, family_id).await?;
        let current = self.member_of(&family, member_id).await?;
        if family.head_member_id == Some(current.id) {
            return Err(FieldError::new(
                "member_id",
                "is_head",
                "سرپرست را نمی‌توان حذف کرد؛ نخست سرپرست دیگری برگزینید / The head cannot be removed; choose another head first",
            )
            .into());
        }
        if version != current.meta.version {
            return Err(AppError::VersionConflict);
        }
        let now = self.clock.now();
        let mut gone = current.clone();
        gone.meta = current.meta.bumped(now);
        gone.meta.deleted_at = Some(now);
        self.save_members(actor, &family, false, vec![(gone, MemberOp::Delete)]).await
    }

    /// Makes a member the head; the former head's relation becomes `other`
    /// (to be corrected by the user: the system cannot know it).
    pub async fn change_head(
        &self,
        actor: &Actor,
        family_id: Uuid,
        member_id: Uuid,
        version: i64,
    ) -> Result<FamilyDetail, AppError> {
        let family = self.editable_family(actor, family_id).await?;
        if version != family.meta.version {
            return Err(AppError::VersionConflict);
        }
        let new_head = self.member_of(&family, member_id).await?;
        if family.head_member_id == Some(new_head.id) {
            return self.detail_of(family).await;
        }
        let now = self.clock.now();
        let mut writes = Vec::new();
        if let Some(old_id) = family.head_member_id {
            let mut old = self.member_of(&family, old_id).await?;
            old.relation = Relation::Other;
            old.meta = old.meta.bumped(now);
            writes.push((old, MemberOp::Update));
        }
        let mut head = new_head.clone();
        head.relation = Relation::Head;
        head.meta = new_head.meta.bumped(now);
        writes.push((head, MemberOp::Update));
        let mut next = family.clone();
        next.head_member_id = Some(new_head.id);
        next.meta = family.meta.bumped(now);
        self.save_members(actor, &next, true, writes).await?;
        self.detail_of(next).await
    }

    /// Moves a member (not the head) to another family of the same center.
    pub async fn move_member(
        &self,
        actor: &Actor,
        family_id: Uuid,
        member_id: Uuid,
        to_family_id: Uuid,
    ) -> Result<FamilyDetail, AppError> {
        let from = self.editable_family(actor, family_id).await?;
        let to = self.editable_family(actor, to_family_id).await.map_err(|e| match e {
            AppError::NotFound => {
                FieldError::new("to_family_id", "unknown", "خانوادهٔ مقصد پیدا نشد / Target family not found").into()
            }
            other => other,
        })?;
        if from.id == to.id || from.center_id != to.center_id {
            return Err(
                FieldError::new("to_family_id", "unknown", "خانوادهٔ مقصد نامعتبر است / Invalid target family").into()
            );
        }
        let member = self.member_of(&from, member_id).await?;
        if from.head_member_id == Some(member.id) {
            return Err(FieldError::new(
                "member_id",
                "is_head",
                "سرپرست را نمی‌توان جابه‌جا کرد / The head cannot be moved",
            )
            .into());
        }
        let mut moved = member.clone();
        moved.family_id = to.id;
        moved.meta = member.meta.bumped(self.clock.now());
        let mut from_members = self.store.family_members(from.id).await?;
        from_members.retain(|m| m.id != member.id);
        let mut to_members = self.store.family_members(to.id).await?;
        to_members.push(moved.clone());
        let change = FamilyChange {
            families: vec![
                FamilyWrite { derived: derive(&from, &from_members), family: from.clone(), changed: false },
                FamilyWrite { derived: derive(&to, &to_members), family: to.clone(), changed: false },
            ],
            members: vec![(moved, MemberOp::Move { from: from.id })],
        };
        self.store.save_family_change(self.write_ctx(Some(actor)), &change).await?;
        self.detail_of(to).await
    }

    /// Who changed what in a family, newest first.
    pub async fn family_history(&self, actor: &Actor, id: Uuid) -> Result<Vec<HistoryEntry>, AppError> {
        let family = self.visible_family(actor, id).await?;
        let entries = self.store.family_history(family.id).await?;
        let actor_ids: Vec<Uuid> = entries.iter().filter_map(|e| e.actor_id).collect();
        let users: HashMap<Uuid, User> =
            self.store.users_by_ids(&actor_ids).await?.into_iter().map(|u| (u.id, u)).collect();
        // Entries come newest first; a record's previous state is the next
        // older entry of the same record.
        let mut out = Vec::with_capacity(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            let previous = entries[i + 1..].iter().find(|e| e.entity_id == entry.entity_id).map(|e| &e.data);
            out.push(HistoryEntry {
                changes: diff(previous, &entry.data),
                actor: entry.actor_id.and_then(|id| users.get(&id).cloned()),
                entry: entry.clone(),
            });
        }
        Ok(out)
    }

    /// Who opened a family's file, newest first.
    pub async fn family_access_log(
        &self,
        actor: &Actor,
        id: Uuid,
    ) -> Result<Vec<(DateTime<Utc>, Option<User>, Uuid)>, AppError> {
        let family = self.visible_family(actor, id).await?;
        policy::authorize(actor, Action::ReadFamilyAccessLog(&family))?;
        let log = self.store.family_access_log(family.id, 500).await?;
        let ids: Vec<Uuid> = log.iter().map(|(_, u)| *u).collect();
        let users: HashMap<Uuid, User> = self.store.users_by_ids(&ids).await?.into_iter().map(|u| (u.id, u)).collect();
        Ok(log.into_iter().map(|(at, id)| (at, users.get(&id).cloned(), id)).collect())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn search_words_forgive_arabic_letters_digits_and_spaces() {
        assert_eq!(query_words(" علي   رضائي "), vec!["علی", "رضایی"]);
        assert_eq!(query_words("۰۰۱۲۳"), vec!["00123"]);
        assert!(query_words("  ").is_empty());
    }

    #[test]
    fn diff_names_only_what_changed() {
        let old = serde_json::json!({"a": 1, "b": "x"});
        let new = serde_json::json!({"a": 1, "b": "y", "c": true});
        let d = diff(Some(&old), &new);
        assert_eq!(d.keys().collect::<Vec<_>>(), vec!["b", "c"]);
        assert_eq!(d["b"], (serde_json::json!("x"), serde_json::json!("y")));
        assert_eq!(diff(None, &old).len(), 2);
        let created =
            serde_json::json!({"family_id": "x", "name": "علی", "mobile": "", "extra": {}, "birth_date": null});
        assert_eq!(diff(None, &created).keys().collect::<Vec<_>>(), vec!["name"], "a creation lists what was given");
    }
}
