//! Entity rows ⇄ application records. A stored value that no longer parses
//! (a role code renamed by hand, say) is a storage error, not a panic.

use crate::entity::{center, family, headquarters, session, user};
use hamyar_application::{
    model::{Center, Headquarters, Session, SyncMeta, User},
    ports::StoreError,
};
use hamyar_domain::organization::{HostBody, HqLevel};

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Backend(format!("stored {what} is not valid: {value:?}"))
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

/// The JSON written to the change log for a record (secrets never).
pub fn family_json(m: &family::Model) -> serde_json::Value {
    serde_json::json!({
        "center_id": m.center_id, "family_name": m.family_name, "head_name": m.head_name,
        "neighborhood": m.neighborhood, "address": m.address,
    })
}
