//! Headquarters and centers.

use crate::{
    Actor, AppError, Hamyar,
    model::{Center, Headquarters, SyncMeta},
    policy::{self, Action},
    ports::Scope,
};
use chrono::NaiveDate;
use hamyar_domain::{
    FieldError,
    organization::{HostBody, HqLevel, Name, OrgCode, optional_text},
};
use uuid::Uuid;

pub struct NewCenterInput {
    /// A client may choose the id (offline creation); otherwise one is made.
    pub id: Option<Uuid>,
    pub code: String,
    pub name: String,
    pub host_body: String,
    pub neighborhood: Option<String>,
    pub address: Option<String>,
    pub opened_on: Option<String>,
    /// Which headquarters; defaults to the actor's own.
    pub hq_id: Option<Uuid>,
}

#[derive(Default)]
pub struct CenterPatch {
    pub version: i64,
    pub name: Option<String>,
    pub host_body: Option<String>,
    pub neighborhood: Option<String>,
    pub address: Option<String>,
    /// `Some(None)` clears the date.
    pub opened_on: Option<Option<String>>,
}

pub(crate) fn parse_date(field: &'static str, raw: &str) -> Result<NaiveDate, FieldError> {
    let normalized = hamyar_domain::persian::normalize_digits(raw.trim());
    NaiveDate::parse_from_str(&normalized, "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, "date", "تاریخ نامعتبر است / Invalid date (YYYY-MM-DD)"))
}

pub(crate) fn parse_optional_date(field: &'static str, raw: Option<&str>) -> Result<Option<NaiveDate>, FieldError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => parse_date(field, s).map(Some),
        None => Ok(None),
    }
}

impl Hamyar {
    /// Operator action (command line): registers a headquarters.
    pub async fn bootstrap_headquarters(
        &self,
        code: &str,
        name: &str,
        level: HqLevel,
    ) -> Result<Headquarters, AppError> {
        let hq = Headquarters {
            id: Uuid::now_v7(),
            code: OrgCode::parse(code)?.to_string(),
            name: Name::parse("name", name, 200)?.into_string(),
            level,
            meta: SyncMeta::new(self.clock.now()),
        };
        if self.store.find_headquarters_by_code(&hq.code).await?.is_some() {
            return Err(AppError::DuplicateCode);
        }
        self.store.insert_headquarters(self.write_ctx(None), &hq).await?;
        Ok(hq)
    }

    /// Finds a headquarters by code, or the only one when no code is given.
    pub async fn resolve_headquarters(&self, code: Option<&str>) -> Result<Headquarters, AppError> {
        match code {
            Some(code) => {
                let code = OrgCode::parse(code)?;
                self.store.find_headquarters_by_code(code.as_str()).await?.ok_or(AppError::NotFound)
            }
            None => {
                let mut all = self.store.list_headquarters(Scope::Everything).await?;
                if all.len() == 1 {
                    all.pop().ok_or(AppError::NotFound)
                } else {
                    Err(AppError::Validation(FieldError::new(
                        "hq",
                        "required",
                        "چند ستاد (یا هیچ) هست؛ ستاد را نام ببرید / There is not exactly one headquarters; name it with --hq",
                    )))
                }
            }
        }
    }

    pub async fn find_center_by_code(&self, code: &str) -> Result<Center, AppError> {
        let code = OrgCode::parse(code)?;
        self.store.find_center_by_code(code.as_str()).await?.ok_or(AppError::NotFound)
    }

    /// Operator action (command line): registers a center under a headquarters.
    pub async fn bootstrap_center(&self, hq: &Headquarters, code: &str, name: &str) -> Result<Center, AppError> {
        let center = self.build_center(
            hq.id,
            NewCenterInput {
                id: None,
                code: code.to_owned(),
                name: name.to_owned(),
                host_body: "other".to_owned(),
                neighborhood: None,
                address: None,
                opened_on: None,
                hq_id: Some(hq.id),
            },
        )?;
        self.insert_center(None, center).await
    }

    pub async fn list_headquarters(&self, actor: &Actor) -> Result<Vec<Headquarters>, AppError> {
        Ok(self.store.list_headquarters(policy::headquarters_scope(actor)).await?)
    }

    pub async fn list_centers(&self, actor: &Actor) -> Result<Vec<Center>, AppError> {
        Ok(self.store.list_centers(policy::center_scope(actor)).await?)
    }

    /// A center the actor may see; `NotFound` otherwise (existence is not
    /// revealed across scopes).
    pub async fn get_center(&self, actor: &Actor, id: Uuid) -> Result<Center, AppError> {
        let center = self.store.get_center(id).await?.ok_or(AppError::NotFound)?;
        policy::authorize(actor, Action::ReadCenter(&center)).map_err(|_| AppError::NotFound)?;
        Ok(center)
    }

    pub async fn create_center(&self, actor: &Actor, input: NewCenterInput) -> Result<Center, AppError> {
        let hq_id = input.hq_id.or(actor.hq_id).ok_or(AppError::Forbidden)?;
        policy::authorize(actor, Action::CreateCenter { hq_id })?;
        let center = self.build_center(hq_id, input)?;
        self.insert_center(Some(actor), center).await
    }

    fn build_center(&self, hq_id: Uuid, input: NewCenterInput) -> Result<Center, AppError> {
        Ok(Center {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            hq_id,
            code: OrgCode::parse(&input.code)?.to_string(),
            name: Name::parse("name", &input.name, 200)?.into_string(),
            host_body: HostBody::parse(&input.host_body)?,
            neighborhood: optional_text("neighborhood", input.neighborhood.as_deref(), 200)?,
            address: optional_text("address", input.address.as_deref(), 500)?,
            opened_on: parse_optional_date("opened_on", input.opened_on.as_deref())?,
            meta: SyncMeta::new(self.clock.now()),
        })
    }

    async fn insert_center(&self, actor: Option<&Actor>, center: Center) -> Result<Center, AppError> {
        if self.store.find_center_by_code(&center.code).await?.is_some() {
            return Err(AppError::DuplicateCode);
        }
        self.store.insert_center(self.write_ctx(actor), &center).await?;
        Ok(center)
    }

    pub async fn update_center(&self, actor: &Actor, id: Uuid, patch: CenterPatch) -> Result<Center, AppError> {
        let current = self.get_center(actor, id).await?;
        policy::authorize(actor, Action::UpdateCenter(&current))?;
        if patch.version != current.meta.version {
            return Err(AppError::VersionConflict);
        }
        let mut next = current.clone();
        if let Some(name) = &patch.name {
            next.name = Name::parse("name", name, 200)?.into_string();
        }
        if let Some(host_body) = &patch.host_body {
            next.host_body = HostBody::parse(host_body)?;
        }
        if let Some(n) = &patch.neighborhood {
            next.neighborhood = optional_text("neighborhood", Some(n), 200)?;
        }
        if let Some(a) = &patch.address {
            next.address = optional_text("address", Some(a), 500)?;
        }
        if let Some(opened_on) = &patch.opened_on {
            next.opened_on = parse_optional_date("opened_on", opened_on.as_deref())?;
        }
        next.meta = current.meta.bumped(self.clock.now());
        self.store.update_center(self.write_ctx(Some(actor)), &next).await?;
        Ok(next)
    }
}
