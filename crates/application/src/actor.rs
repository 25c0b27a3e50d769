use hamyar_domain::role::Role;
use uuid::Uuid;

/// The authenticated person behind a request, as the session says — never
/// as a request body claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Uuid,
    pub username: String,
    pub role: Role,
    /// Set for every user: the headquarters they or their center belong to.
    pub hq_id: Option<Uuid>,
    /// Set for center-level users.
    pub center_id: Option<Uuid>,
    /// For a helper: the families of their assignments active today, read
    /// afresh with every request, so an ended assignment ends access at once.
    pub assigned_families: Vec<Uuid>,
    /// Commissions where the user holds a seat, read afresh with every
    /// request like the assignments.
    pub commissions: Vec<Uuid>,
    /// Set while a push applies one of the actor's offline mutations: every
    /// write it makes is logged with it.
    pub origin: Option<crate::model::MutationOrigin>,
}
