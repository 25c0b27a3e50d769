//! Families, as far as the foundation needs them: a scoped list and the
//! demo's registration. The registry issue grows this module.

use crate::{
    Actor, AppError, Hamyar,
    model::{FamilySummary, NewFamily},
    policy,
};

impl Hamyar {
    pub async fn list_families(&self, actor: &Actor) -> Result<Vec<FamilySummary>, AppError> {
        Ok(self.store.list_families(policy::family_scope(actor)).await?)
    }

    /// Operator action (demo seeding).
    pub async fn bootstrap_family(&self, family: &NewFamily) -> Result<(), AppError> {
        Ok(self.store.insert_family(self.write_ctx(None), family).await?)
    }
}
