//! Entity rows ⇄ application records. A stored value that no longer parses
//! (a role code renamed by hand, say) is a storage error, not a panic.

use crate::entity::{center, family, family_member, headquarters, session, user};
use hamyar_application::{
    model::{Center, Family, FamilyDerived, FamilySource, Headquarters, Member, Session, SyncMeta, User},
    ports::{StoreError, StoreResult},
};
use hamyar_domain::{
    family::{FamilyStatus, Housing, MaritalStatus, Relation, Sex},
    national_id::NationalId,
    organization::{HostBody, HqLevel},
};
use uuid::Uuid;

pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Backend(format!("stored {what} is not valid: {value:?}"))
}

/// The sync columns of a stored record.
pub(crate) fn sync_meta(
    version: i64,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
    deleted_at: Option<chrono::DateTime<chrono::Utc>>,
) -> SyncMeta {
    SyncMeta { version, created_at, updated_at, deleted_at }
}

/// A stored code back through its parser; a code that no longer parses is
/// corrupt data.
pub(crate) fn coded<T>(
    what: &str,
    value: &str,
    parse: impl Fn(&str) -> Result<T, hamyar_domain::FieldError>,
) -> StoreResult<T> {
    parse(value).map_err(|_| corrupt(what, value))
}

/// A stored domain (social, economic, cultural).
pub(crate) fn domain_of(value: &str) -> StoreResult<hamyar_domain::tier::AssessmentDomain> {
    coded("domain", value, |c| hamyar_domain::assistance::parse_domain("domain", c))
}

pub fn headquarters_from(m: headquarters::Model) -> Result<Headquarters, StoreError> {
    Ok(Headquarters {
        level: HqLevel::parse(&m.level).map_err(|_| corrupt("headquarters level", &m.level))?,
        id: m.id,
        code: m.code,
        name: m.name,
        meta: SyncMeta {
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: m.deleted_at,
        },
    })
}

pub fn center_from(m: center::Model) -> Result<Center, StoreError> {
    Ok(Center {
        host_body: HostBody::parse(&m.host_body).map_err(|_| corrupt("host body", &m.host_body))?,
        id: m.id,
        hq_id: m.hq_id,
        code: m.code,
        name: m.name,
        neighborhood: m.neighborhood,
        address: m.address,
        opened_on: m.opened_on,
        meta: SyncMeta {
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: m.deleted_at,
        },
    })
}

pub fn center_to(c: &Center) -> center::Model {
    center::Model {
        id: c.id,
        hq_id: c.hq_id,
        code: c.code.clone(),
        name: c.name.clone(),
        host_body: c.host_body.code().to_owned(),
        neighborhood: c.neighborhood.clone(),
        address: c.address.clone(),
        opened_on: c.opened_on,
        version: c.meta.version,
        created_at: c.meta.created_at,
        updated_at: c.meta.updated_at,
        deleted_at: c.meta.deleted_at,
    }
}

pub fn user_from(m: user::Model) -> Result<User, StoreError> {
    Ok(User {
        role: m.role.parse().map_err(|_| corrupt("role", &m.role))?,
        id: m.id,
        username: m.username,
        display_name: m.display_name,
        hq_id: m.hq_id,
        center_id: m.center_id,
        disabled: m.disabled,
        meta: SyncMeta {
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: m.deleted_at,
        },
    })
}

pub fn session_from(m: session::Model) -> Session {
    Session {
        id: m.id,
        user_id: m.user_id,
        token_hash: m.token_hash,
        created_at: m.created_at,
        last_seen_at: m.last_seen_at,
        expires_at: m.expires_at,
        client_address: m.client_address,
        user_agent: m.user_agent,
    }
}

pub fn session_to(s: &Session) -> session::Model {
    session::Model {
        id: s.id,
        user_id: s.user_id,
        token_hash: s.token_hash.clone(),
        created_at: s.created_at,
        last_seen_at: s.last_seen_at,
        expires_at: s.expires_at,
        client_address: s.client_address.clone(),
        user_agent: s.user_agent.clone(),
    }
}

pub fn family_from(m: family::Model, sources: Vec<FamilySource>) -> Result<Family, StoreError> {
    Ok(Family {
        housing: Housing::parse(&m.housing).map_err(|_| corrupt("housing", &m.housing))?,
        status: FamilyStatus::parse(&m.status).map_err(|_| corrupt("family status", &m.status))?,
        phones: serde_json::from_str(&m.phones).map_err(|_| corrupt("phones", &m.phones))?,
        id: m.id,
        center_id: m.center_id,
        family_name: m.family_name,
        head_member_id: m.head_member_id,
        neighborhood: m.neighborhood,
        address: m.address,
        status_reason: m.status_reason,
        consent_on: m.consent_on,
        consent_recorded_by: m.consent_recorded_by,
        sources,
        merged_into: m.merged_into,
        meta: SyncMeta {
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: m.deleted_at,
        },
    })
}

pub fn family_to(f: &Family, derived: &FamilyDerived) -> family::Model {
    family::Model {
        id: f.id,
        center_id: f.center_id,
        family_name: f.family_name.clone(),
        head_name: derived.head_name.clone(),
        neighborhood: f.neighborhood.clone(),
        address: f.address.clone(),
        phones: serde_json::to_string(&f.phones).unwrap_or_else(|_| "[]".to_owned()),
        housing: f.housing.code().to_owned(),
        status: f.status.code().to_owned(),
        status_reason: f.status_reason.clone(),
        consent_on: f.consent_on,
        consent_recorded_by: f.consent_recorded_by,
        head_member_id: f.head_member_id,
        merged_into: f.merged_into,
        search_text: derived.search_text.clone(),
        sort_key: Some(derived.sort_key.clone()),
        version: f.meta.version,
        created_at: f.meta.created_at,
        updated_at: f.meta.updated_at,
        deleted_at: f.meta.deleted_at,
    }
}

pub fn member_from(m: family_member::Model) -> Result<Member, StoreError> {
    Ok(Member {
        national_id: m
            .national_id
            .as_deref()
            .map(|n| NationalId::parse(n).map_err(|_| corrupt("national id", n)))
            .transpose()?,
        sex: Sex::parse(&m.sex).map_err(|_| corrupt("sex", &m.sex))?,
        relation: Relation::parse(&m.relation).map_err(|_| corrupt("relation", &m.relation))?,
        marital_status: MaritalStatus::parse(&m.marital_status)
            .map_err(|_| corrupt("marital status", &m.marital_status))?,
        id: m.id,
        family_id: m.family_id,
        first_name: m.first_name,
        last_name: m.last_name,
        father_name: m.father_name,
        birth_date: m.birth_date,
        education: m.education,
        occupation: m.occupation,
        health: m.health,
        disability: m.disability,
        insurance: m.insurance,
        extra: serde_json::from_str(&m.extra).map_err(|_| corrupt("extra attributes", &m.extra))?,
        mobile: m.mobile,
        meta: SyncMeta {
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
            deleted_at: m.deleted_at,
        },
    })
}

pub fn member_to(m: &Member, hq_id: Uuid) -> family_member::Model {
    family_member::Model {
        id: m.id,
        family_id: m.family_id,
        hq_id: Some(hq_id),
        first_name: m.first_name.clone(),
        last_name: m.last_name.clone(),
        father_name: m.father_name.clone(),
        national_id: m.national_id.as_ref().map(|n| n.as_str().to_owned()),
        birth_date: m.birth_date,
        sex: m.sex.code().to_owned(),
        relation: m.relation.code().to_owned(),
        marital_status: m.marital_status.code().to_owned(),
        education: m.education.clone(),
        occupation: m.occupation.clone(),
        health: m.health.clone(),
        disability: m.disability.clone(),
        insurance: m.insurance.clone(),
        mobile: m.mobile.clone(),
        extra: serde_json::to_string(&m.extra).unwrap_or_else(|_| "{}".to_owned()),
        version: m.meta.version,
        created_at: m.meta.created_at,
        updated_at: m.meta.updated_at,
        deleted_at: m.meta.deleted_at,
    }
}

/// What the change log keeps of a family (the record as the user sees it).
pub fn family_json(f: &Family) -> serde_json::Value {
    f.snapshot()
}

pub fn member_json(m: &Member) -> serde_json::Value {
    m.snapshot()
}
