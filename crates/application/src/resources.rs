//! The resource directory: organizations, benefactors, employers,
//! counselors, specialists and middle circles a center draws on, at the
//! local, provincial and national level.

use crate::{
    Actor, AppError, Hamyar,
    model::{AssistanceWrite, Family, Resource, SyncMeta},
    policy::{self, Action},
};
use hamyar_domain::{
    FieldError,
    assistance::{ResourceKind, ResourceLevel, parse_capacity, parse_domains},
    family::Phone,
    organization::{Name, optional_text},
    persian::search_key,
    role::Role,
};
use uuid::Uuid;

/// A resource as the form gives it.
#[derive(Debug, Clone, Default)]
pub struct ResourceInput {
    pub id: Option<Uuid>,
    /// A center's own resource; none for the headquarters' shared ones
    /// (a manager's resources are their center's).
    pub center_id: Option<Uuid>,
    pub kind: String,
    pub level: String,
    pub name: String,
    pub domains: Vec<String>,
    pub offers: String,
    pub capacity: Option<i64>,
    pub contact_name: String,
    pub phone: String,
    pub address: String,
    pub area: String,
    pub notes: String,
    pub user_id: Option<Uuid>,
}

pub struct ResourceView {
    pub resource: Resource,
    pub can_manage: bool,
    /// The account's name, when it answers referrals in Hamyar.
    pub user_name: Option<String>,
}

impl Hamyar {
    /// The resource, if the actor's headquarters has it.
    pub(crate) async fn visible_resource(&self, actor: &Actor, id: Uuid) -> Result<Resource, AppError> {
        let resource = self.store.get_resource(id).await?.filter(|r| r.meta.deleted_at.is_none());
        let resource = resource.ok_or(AppError::NotFound)?;
        policy::authorize(actor, Action::ReadResources { hq_id: resource.hq_id }).map_err(|_| AppError::NotFound)?;
        Ok(resource)
    }

    /// A resource a family's service, activity or referral may name: of
    /// the headquarters, or of the family's own center.
    pub(crate) async fn resource_for(
        &self,
        actor: &Actor,
        family: &Family,
        id: Option<Uuid>,
    ) -> Result<Option<Resource>, AppError> {
        let Some(id) = id else { return Ok(None) };
        let unknown = || {
            AppError::from(FieldError::new(
                "resource_id",
                "unknown",
                "این منبع در فهرست منابع این مرکز نیست / This resource is not in this center's directory",
            ))
        };
        let resource = self.visible_resource(actor, id).await.map_err(|_| unknown())?;
        if resource.center_id.is_some_and(|c| c != family.center_id) {
            return Err(unknown());
        }
        Ok(Some(resource))
    }

    async fn resource_fields(&self, mut r: Resource, input: &ResourceInput) -> Result<Resource, AppError> {
        r.kind = ResourceKind::parse(&input.kind)?;
        r.level = ResourceLevel::parse(&input.level)?;
        r.name = Name::parse("name", &input.name, 200)?.into_string();
        r.domains = parse_domains("domains", &input.domains)?;
        r.offers = optional_text("offers", Some(&input.offers), 2000)?;
        r.capacity = parse_capacity("capacity", input.capacity)?;
        r.contact_name = optional_text("contact_name", Some(&input.contact_name), 160)?;
        r.phone = match input.phone.trim() {
            "" => String::new(),
            raw => Phone::parse("phone", raw)?.into_string(),
        };
        r.address = optional_text("address", Some(&input.address), 500)?;
        r.area = optional_text("area", Some(&input.area), 300)?;
        r.notes = optional_text("notes", Some(&input.notes), 2000)?;
        r.user_id = match input.user_id {
            None => None,
            // Only a specialist's account answers referrals: a helper or a
            // manager named here would see other centers' cases.
            Some(id) => match self.store.get_user(id).await? {
                Some(u) if u.hq_id == Some(r.hq_id) && u.role == Role::Specialist && !u.disabled => Some(u.id),
                _ => {
                    return Err(FieldError::new(
                        "user_id",
                        "unknown",
                        "حساب باید از متخصصان همین ستاد باشد / The account must be a specialist of this headquarters",
                    )
                    .into());
                }
            },
        };
        Ok(r)
    }

    pub async fn create_resource(&self, actor: &Actor, input: ResourceInput) -> Result<ResourceView, AppError> {
        let hq_id = actor.hq_id.ok_or(AppError::Forbidden)?;
        let center_id = match (input.center_id, actor.role) {
            (None, Role::CenterManager) => actor.center_id,
            (c, _) => c,
        };
        policy::authorize(actor, Action::ManageResources { hq_id, center_id })?;
        let blank = Resource {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            hq_id,
            center_id,
            kind: ResourceKind::Organization,
            level: ResourceLevel::Local,
            name: String::new(),
            domains: Vec::new(),
            offers: String::new(),
            capacity: None,
            contact_name: String::new(),
            phone: String::new(),
            address: String::new(),
            area: String::new(),
            notes: String::new(),
            user_id: None,
            meta: SyncMeta::new(self.clock.now()),
        };
        let resource = self.resource_fields(blank, &input).await?;
        let write = AssistanceWrite { resources: vec![resource.clone()], ..Default::default() };
        self.store.save_assistance(self.write_ctx(Some(actor)), &write).await?;
        self.resource_view(actor, resource).await
    }

    pub async fn update_resource(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        input: ResourceInput,
    ) -> Result<ResourceView, AppError> {
        let current = self.visible_resource(actor, id).await?;
        policy::authorize(actor, Action::ManageResources { hq_id: current.hq_id, center_id: current.center_id })?;
        if current.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let mut next = self.resource_fields(current.clone(), &input).await?;
        next.meta = current.meta.bumped(self.clock.now());
        let write = AssistanceWrite { resources: vec![next.clone()], ..Default::default() };
        self.store.save_assistance(self.write_ctx(Some(actor)), &write).await?;
        self.resource_view(actor, next).await
    }

    /// Takes a resource out of the directory (kept for the services and
    /// referrals that name it).
    pub async fn remove_resource(&self, actor: &Actor, id: Uuid, version: i64) -> Result<(), AppError> {
        let current = self.visible_resource(actor, id).await?;
        policy::authorize(actor, Action::ManageResources { hq_id: current.hq_id, center_id: current.center_id })?;
        if current.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let now = self.clock.now();
        let mut gone = current.clone();
        gone.meta = current.meta.bumped(now);
        gone.meta.deleted_at = Some(now);
        let write = AssistanceWrite { resources: vec![gone], ..Default::default() };
        self.store.save_assistance(self.write_ctx(Some(actor)), &write).await?;
        Ok(())
    }

    async fn resource_view(&self, actor: &Actor, resource: Resource) -> Result<ResourceView, AppError> {
        let mut views = self.resource_views(actor, vec![resource]).await?;
        views.pop().ok_or(AppError::NotFound)
    }

    async fn resource_views(&self, actor: &Actor, resources: Vec<Resource>) -> Result<Vec<ResourceView>, AppError> {
        let user_ids: Vec<Uuid> = resources.iter().filter_map(|r| r.user_id).collect();
        let names = self.user_names(user_ids).await?;
        Ok(resources
            .into_iter()
            .map(|resource| ResourceView {
                can_manage: policy::authorize(
                    actor,
                    Action::ManageResources { hq_id: resource.hq_id, center_id: resource.center_id },
                )
                .is_ok(),
                user_name: resource.user_id.and_then(|u| names.get(&u).cloned()),
                resource,
            })
            .collect())
    }

    /// The directory as the actor sees it: the headquarters' resources and
    /// their own center's (headquarters staff see every center's), matching
    /// a search typed with any Persian or Arabic letters and digits.
    pub async fn list_resources(
        &self,
        actor: &Actor,
        search: Option<&str>,
        kind: Option<&str>,
        domain: Option<&str>,
    ) -> Result<Vec<ResourceView>, AppError> {
        let Some(hq_id) = actor.hq_id else { return Ok(Vec::new()) };
        policy::authorize(actor, Action::ReadResources { hq_id })?;
        let kind = kind.filter(|k| !k.trim().is_empty()).map(ResourceKind::parse).transpose()?;
        let domain = domain
            .filter(|d| !d.trim().is_empty())
            .map(|d| hamyar_domain::assistance::parse_domain("domain", d))
            .transpose()?;
        let key = search.map(search_key).filter(|k| !k.is_empty());
        let resources = self
            .store
            .list_resources(hq_id, key.as_deref())
            .await?
            .into_iter()
            .filter(|r| match (r.center_id, actor.center_id) {
                (None, _) | (_, None) => true,
                (Some(c), Some(mine)) => c == mine,
            })
            .filter(|r| kind.is_none_or(|k| r.kind == k))
            .filter(|r| domain.is_none_or(|d| r.domains.contains(&d)))
            .collect();
        self.resource_views(actor, resources).await
    }
}
