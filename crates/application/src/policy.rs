//! The one authorization policy. Every use case asks it before reading or
//! writing, and every list query is given the [`Scope`] it computes.
//! Deny by default: an action not granted below is refused.

use crate::{
    Actor, AppError,
    model::{Center, Commission, Family, Helper, Referral, Task, TaskAssignee, User},
    ports::Scope,
};
use hamyar_domain::role::{Role, ScopeKind};
use uuid::Uuid;

/// Something an actor wants to do, with what the decision depends on.
#[derive(Debug, Clone, Copy)]
pub enum Action<'a> {
    ReadCenter(&'a Center),
    CreateCenter {
        hq_id: Uuid,
    },
    UpdateCenter(&'a Center),
    ReadUser(&'a User),
    CreateUser {
        role: Role,
        hq_id: Option<Uuid>,
        center_id: Option<Uuid>,
    },
    /// Edit, disable or reset the password of another user.
    ManageUser(&'a User),
    /// Open a family's file.
    ReadFamily(&'a Family),
    /// Register a family at a center.
    CreateFamily {
        center_id: Uuid,
    },
    /// Edit a family or its members.
    EditFamily(&'a Family),
    /// Add and edit members and the family's contact details (neighborhood,
    /// address, phones): what a helper learns at a visit.
    EditHousehold(&'a Family),
    /// See who opened a family's file.
    ReadFamilyAccessLog(&'a Family),
    /// Download a center's whole registry.
    ExportFamilies {
        center_id: Uuid,
    },
    /// Record or finalize an assessment of a family.
    AssessFamily(&'a Family),
    /// Set a family's tier against the computed one, with a reason.
    OverrideTier(&'a Family),
    /// Publish an instrument version, preview and apply reclassification.
    ManageInstruments {
        hq_id: Uuid,
    },
    /// Tier distributions and transition matrices (aggregates only).
    ReadOutcomeReports,
    /// See a helper's record, training and caseload (`hq_id`: the
    /// headquarters of the helper's center).
    ReadHelper {
        helper: &'a Helper,
        hq_id: Uuid,
    },
    /// Register, edit, train, accept or retire a center's helpers.
    ManageHelpers {
        center_id: Uuid,
    },
    /// Run courses, sessions and attendance.
    ManageTraining {
        hq_id: Uuid,
        center_id: Option<Uuid>,
    },
    /// See courses and their attendance.
    ReadTraining {
        hq_id: Uuid,
        center_id: Option<Uuid>,
    },
    /// Set the hours and caseload limits of a headquarters.
    SetProgramRules {
        hq_id: Uuid,
    },
    /// Give a family to a helper, reassign it, or end the assignment.
    AssignFamily(&'a Family),
    /// Revoke an offline device of this user.
    RevokeDevice(&'a User),
    /// Log services, keep the assistance calendar and refer a family
    /// onward (and take a referral back).
    AssistFamily(&'a Family),
    /// See the resource directory of a headquarters.
    ReadResources {
        hq_id: Uuid,
    },
    /// Add and edit resources of a headquarters (`center_id` None) or a center.
    ManageResources {
        hq_id: Uuid,
        center_id: Option<Uuid>,
    },
    /// See a referral — the case: what was referred, not the family's file.
    ReadReferral {
        referral: &'a Referral,
        family: &'a Family,
        commission: Option<&'a Commission>,
    },
    /// Accept or decline a referral, report on it and close it.
    AnswerReferral {
        referral: &'a Referral,
        family: &'a Family,
        commission: Option<&'a Commission>,
    },
    /// Set up a commission and its seats.
    ManageCommission(&'a Commission),
    /// See a commission's cases, meetings, decisions and tasks.
    ReadCommission(&'a Commission),
    /// Hold meetings, record decisions and divide tasks.
    WorkInCommission(&'a Commission),
    /// See a center's group programs (not who takes part).
    ReadPrograms {
        hq_id: Uuid,
        center_id: Uuid,
    },
    /// Run a center's programs: sessions, targeting, registration,
    /// attendance, certificates — who takes part is family data.
    ManagePrograms {
        center_id: Uuid,
    },
    /// Mark a commission task done or cancelled.
    CloseTask {
        task: &'a Task,
        commission: &'a Commission,
        family: &'a Family,
    },
}

pub fn authorize(actor: &Actor, action: Action<'_>) -> Result<(), AppError> {
    if allows(actor, action) { Ok(()) } else { Err(AppError::Forbidden) }
}

fn allows(actor: &Actor, action: Action<'_>) -> bool {
    match action {
        Action::ReadCenter(center) => match actor.role {
            Role::HqAdmin => actor.hq_id == Some(center.hq_id),
            _ => actor.center_id == Some(center.id),
        },
        Action::CreateCenter { hq_id } => actor.role == Role::HqAdmin && actor.hq_id == Some(hq_id),
        Action::UpdateCenter(center) => match actor.role {
            Role::HqAdmin => actor.hq_id == Some(center.hq_id),
            Role::CenterManager => actor.center_id == Some(center.id),
            _ => false,
        },
        Action::ReadUser(user) => {
            user.id == actor.user_id
                || match actor.role {
                    Role::HqAdmin => actor.hq_id.is_some() && user.hq_id == actor.hq_id,
                    Role::CenterManager => actor.center_id.is_some() && user.center_id == actor.center_id,
                    _ => false,
                }
        }
        Action::CreateUser { role, hq_id, center_id } => may_grant(actor, role, hq_id, center_id),
        // Families are the center's: its manager registers and edits them;
        // a helper opens those assigned to them, while the assignment is
        // active; headquarters sees them only in aggregate.
        Action::ReadFamily(family) => is_center_manager_of(actor, family) || is_assigned_helper(actor, family),
        Action::EditFamily(family) | Action::ReadFamilyAccessLog(family) => is_center_manager_of(actor, family),
        // A helper keeps the household's details current (offline too);
        // removing people, closing or merging files stays the manager's.
        Action::EditHousehold(family) => is_center_manager_of(actor, family) || is_assigned_helper(actor, family),
        Action::CreateFamily { center_id } | Action::ExportFamilies { center_id } => {
            actor.role == Role::CenterManager && actor.center_id == Some(center_id)
        }
        // A helper assesses their assigned families (the year-end
        // re-assessment is theirs); the tier against the computed one is
        // the manager's call alone.
        Action::AssessFamily(family) => is_center_manager_of(actor, family) || is_assigned_helper(actor, family),
        Action::OverrideTier(family) | Action::AssignFamily(family) => is_center_manager_of(actor, family),
        Action::ReadHelper { helper, hq_id } => {
            helper.user_id == Some(actor.user_id)
                || match actor.role {
                    Role::CenterManager => actor.center_id == Some(helper.center_id),
                    // Headquarters and its trainers see the helpers of its
                    // centers (trainers keep their attendance).
                    Role::HqAdmin | Role::Trainer => actor.hq_id == Some(hq_id),
                    _ => false,
                }
        }
        Action::ManageHelpers { center_id } => actor.role == Role::CenterManager && actor.center_id == Some(center_id),
        Action::ManageTraining { hq_id, center_id } => {
            actor.hq_id == Some(hq_id)
                && match actor.role {
                    Role::HqAdmin => true,
                    // A center's trainer runs its courses and the
                    // headquarters' shared ones.
                    Role::Trainer => actor.center_id.is_none() || center_id.is_none() || center_id == actor.center_id,
                    Role::CenterManager => center_id.is_some() && center_id == actor.center_id,
                    _ => false,
                }
        }
        Action::ReadTraining { hq_id, center_id } => {
            allows(actor, Action::ManageTraining { hq_id, center_id })
                || (actor.role == Role::CenterManager
                    && actor.hq_id == Some(hq_id)
                    && (center_id.is_none() || center_id == actor.center_id))
        }
        Action::RevokeDevice(owner) => owner.id == actor.user_id || allows(actor, Action::ManageUser(owner)),
        Action::SetProgramRules { hq_id } => actor.role == Role::HqAdmin && actor.hq_id == Some(hq_id),
        // Focused assistance is the work of the family's helper and the
        // center's manager.
        Action::AssistFamily(family) => is_center_manager_of(actor, family) || is_assigned_helper(actor, family),
        // The directory names organizations and professionals, not
        // families: everyone of the headquarters may look things up in it.
        Action::ReadResources { hq_id } => actor.hq_id == Some(hq_id),
        Action::ManageResources { hq_id, center_id } => match (actor.role, center_id) {
            (Role::HqAdmin, None) => actor.hq_id == Some(hq_id),
            (Role::CenterManager, Some(center)) => actor.hq_id == Some(hq_id) && actor.center_id == Some(center),
            _ => false,
        },
        // A case is seen by the family's own people, by the one it was
        // referred to, and by the commission it went to — nobody else.
        Action::ReadReferral { referral, family, commission } => {
            allows(actor, Action::ReadFamily(family))
                || is_receiver(actor, referral)
                || commission.is_some_and(|c| allows(actor, Action::ReadCommission(c)))
        }
        // The receiver answers; for an organization with no account in
        // Hamyar, the family's helper or manager records its answer.
        Action::AnswerReferral { referral, family, commission } => match (referral.receiver_user_id, commission) {
            (_, Some(c)) => referral.commission_id == Some(c.id) && allows(actor, Action::WorkInCommission(c)),
            (Some(_), None) => is_receiver(actor, referral),
            (None, None) => referral.commission_id.is_none() && allows(actor, Action::AssistFamily(family)),
        },
        Action::ManageCommission(commission) => is_commission_owner(actor, commission),
        // Programs are public activities of a center: its people and its
        // headquarters see them; participants are the manager's to see.
        Action::ReadPrograms { hq_id, center_id } => match actor.role {
            Role::HqAdmin => actor.hq_id == Some(hq_id),
            Role::CenterManager | Role::Helper => actor.center_id == Some(center_id),
            _ => false,
        },
        Action::ManagePrograms { center_id } => actor.role == Role::CenterManager && actor.center_id == Some(center_id),
        Action::ReadCommission(commission) | Action::WorkInCommission(commission) => {
            is_commission_owner(actor, commission) || actor.commissions.contains(&commission.id)
        }
        // A task given to the family's helper is theirs to close too.
        Action::CloseTask { task, commission, family } => {
            task.commission_id == commission.id
                && (allows(actor, Action::WorkInCommission(commission))
                    || (task.assignee == TaskAssignee::Helper && is_assigned_helper(actor, family)))
        }
        Action::ManageInstruments { hq_id } => actor.role == Role::HqAdmin && actor.hq_id == Some(hq_id),
        Action::ReadOutcomeReports => {
            matches!(actor.role, Role::HqAdmin | Role::CenterManager) && center_scope(actor) != Scope::Nothing
        }
        Action::ManageUser(user) => {
            // Nobody manages themselves through admin screens (their own
            // password goes through the account page), nor a peer or superior
            // other than an HQ admin's fellow admins.
            user.id != actor.user_id && may_grant(actor, user.role, user.hq_id, user.center_id)
        }
    }
}

fn is_center_manager_of(actor: &Actor, family: &Family) -> bool {
    actor.role == Role::CenterManager && actor.center_id == Some(family.center_id)
}

fn is_receiver(actor: &Actor, referral: &Referral) -> bool {
    referral.receiver_user_id == Some(actor.user_id)
}

/// A headquarters' commission is its admins'; a center's, its manager's.
fn is_commission_owner(actor: &Actor, commission: &Commission) -> bool {
    actor.hq_id == Some(commission.hq_id)
        && match (actor.role, commission.center_id) {
            (Role::HqAdmin, None) => true,
            (Role::CenterManager, Some(center)) => actor.center_id == Some(center),
            _ => false,
        }
}

fn is_assigned_helper(actor: &Actor, family: &Family) -> bool {
    actor.role == Role::Helper
        && actor.center_id == Some(family.center_id)
        && actor.assigned_families.contains(&family.id)
}

/// May `actor` place someone with `role` at (`hq_id`, `center_id`)?
fn may_grant(actor: &Actor, role: Role, hq_id: Option<Uuid>, center_id: Option<Uuid>) -> bool {
    let shape_ok = match role.scope_kind() {
        ScopeKind::Headquarters => hq_id.is_some() && center_id.is_none(),
        ScopeKind::Center => center_id.is_some(),
        ScopeKind::Either => hq_id.is_some() || center_id.is_some(),
    };
    if !shape_ok {
        return false;
    }
    match actor.role {
        Role::HqAdmin => actor.hq_id.is_some() && hq_id == actor.hq_id,
        Role::CenterManager => {
            role.rank() < actor.role.rank() && actor.center_id.is_some() && center_id == actor.center_id
        }
        _ => false,
    }
}

/// Which centers an actor sees.
pub fn center_scope(actor: &Actor) -> Scope {
    match (actor.role, actor.hq_id, actor.center_id) {
        (Role::HqAdmin, Some(hq), _) => Scope::Headquarters(hq),
        (_, _, Some(center)) => Scope::Center(center),
        _ => Scope::Nothing,
    }
}

/// Which headquarters an actor sees.
pub fn headquarters_scope(actor: &Actor) -> Scope {
    actor.hq_id.map_or(Scope::Nothing, Scope::Headquarters)
}

/// Whose accounts an actor sees (besides their own).
pub fn user_scope(actor: &Actor) -> Scope {
    match (actor.role, actor.hq_id, actor.center_id) {
        (Role::HqAdmin, Some(hq), _) => Scope::Headquarters(hq),
        (Role::CenterManager, _, Some(center)) => Scope::Center(center),
        _ => Scope::Nothing,
    }
}

/// Which families an actor sees, one by one, on `today`. Headquarters
/// staff see centers in aggregate only (the plan's rule), never a family's
/// record. Helpers see the families of their active assignments.
/// Specialists and commission members never see a family's file: only the
/// cases referred to them (`Action::ReadReferral`).
pub fn family_scope(actor: &Actor, today: chrono::NaiveDate) -> Scope {
    match (actor.role, actor.center_id) {
        (Role::CenterManager, Some(center)) => Scope::Center(center),
        (Role::Helper, Some(_)) => Scope::AssignedTo { user_id: actor.user_id, on: today },
        _ => Scope::Nothing,
    }
}

/// Whose helper records an actor lists.
pub fn helper_scope(actor: &Actor) -> Scope {
    match (actor.role, actor.hq_id, actor.center_id) {
        (Role::CenterManager, _, Some(center)) => Scope::Center(center),
        (Role::HqAdmin | Role::Trainer, Some(hq), _) => Scope::Headquarters(hq),
        _ => Scope::Nothing,
    }
}

/// The roles an actor may give to new users (for the web app's forms).
pub fn creatable_roles(actor: &Actor) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|&role| match actor.role {
            Role::HqAdmin => true,
            Role::CenterManager => role.rank() < actor.role.rank(),
            _ => false,
        })
        .collect()
}

/// Coarse permissions for the web app's navigation. The server still
/// checks every request; these only decide what to show.
pub fn permissions(actor: &Actor) -> Vec<&'static str> {
    let mut p = Vec::new();
    if center_scope(actor) != Scope::Nothing {
        p.push("centers.read");
    }
    if actor.role == Role::HqAdmin {
        p.push("centers.create");
    }
    if matches!(actor.role, Role::HqAdmin | Role::CenterManager) {
        p.extend(["centers.update", "users.read", "users.create", "users.update"]);
    }
    // Helpers always have a families page: their assigned families, or a
    // message that none are assigned yet.
    if actor.center_id.is_some() && matches!(actor.role, Role::CenterManager | Role::Helper) {
        p.push("families.read");
    }
    if actor.role == Role::CenterManager {
        p.extend([
            "families.create",
            "households.edit",
            "assessments.write",
            "tiers.override",
            "helpers.manage",
            "assignments.manage",
        ]);
    }
    // Helpers keep their families on their phones and work offline.
    if actor.role == Role::Helper && actor.center_id.is_some() {
        p.extend(["households.edit", "assessments.write", "my.families", "sync.offline"]);
    }
    if matches!(actor.role, Role::CenterManager | Role::HqAdmin | Role::Trainer) && actor.hq_id.is_some() {
        p.extend(["helpers.read", "training.read", "training.manage"]);
    }
    if actor.role == Role::HqAdmin && actor.hq_id.is_some() {
        p.push("program.manage");
    }
    if allows(actor, Action::ReadOutcomeReports) {
        p.push("reports.read");
    }
    if actor.role == Role::HqAdmin && actor.hq_id.is_some() {
        p.push("instruments.manage");
    }
    // Focused assistance: services, calendars and referrals of families.
    if actor.center_id.is_some() && matches!(actor.role, Role::CenterManager | Role::Helper) {
        p.push("assistance.work");
    }
    if actor.hq_id.is_some() {
        p.push("resources.read");
    }
    if matches!(actor.role, Role::HqAdmin | Role::CenterManager) && actor.hq_id.is_some() {
        p.extend(["resources.manage", "commissions.manage"]);
    }
    // Referrals: made for one's families, or received by the user
    // (specialists, counselors), their commissions, or the commissions
    // they run (a headquarters' admins run its own).
    if p.contains(&"assistance.work")
        || matches!(actor.role, Role::Specialist | Role::CommissionMember)
        || (actor.role == Role::HqAdmin && actor.hq_id.is_some())
        || !actor.commissions.is_empty()
    {
        p.push("referrals.read");
    }
    if matches!(actor.role, Role::HqAdmin | Role::CenterManager) || !actor.commissions.is_empty() {
        p.push("commissions.read");
    }
    // General assistance: group programs.
    if (actor.role == Role::HqAdmin && actor.hq_id.is_some())
        || (matches!(actor.role, Role::CenterManager | Role::Helper) && actor.center_id.is_some())
    {
        p.push("programs.read");
    }
    if actor.role == Role::CenterManager && actor.center_id.is_some() {
        p.push("programs.manage");
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SyncMeta;
    use hamyar_domain::organization::HostBody;

    fn actor(role: Role, hq: Option<Uuid>, center: Option<Uuid>) -> Actor {
        Actor {
            user_id: Uuid::now_v7(),
            username: "someone".into(),
            role,
            hq_id: hq,
            center_id: center,
            assigned_families: Vec::new(),
            commissions: Vec::new(),
            origin: None,
        }
    }

    fn center(hq: Uuid) -> Center {
        Center {
            id: Uuid::now_v7(),
            hq_id: hq,
            code: "c".into(),
            name: "c".into(),
            host_body: HostBody::Mosque,
            neighborhood: String::new(),
            address: String::new(),
            opened_on: None,
            meta: SyncMeta::new(chrono::Utc::now()),
        }
    }

    #[test]
    fn an_actor_without_scope_sees_nothing() {
        for role in Role::ALL {
            let a = actor(role, None, None);
            assert_eq!(center_scope(&a), Scope::Nothing);
            assert_eq!(user_scope(&a), Scope::Nothing);
            assert_eq!(family_scope(&a, chrono::NaiveDate::MIN), Scope::Nothing);
            assert!(authorize(&a, Action::CreateUser { role: Role::Helper, hq_id: None, center_id: None }).is_err());
        }
    }

    #[test]
    fn managers_grant_only_below_them_and_only_in_their_center() {
        let hq = Uuid::now_v7();
        let mine = center(hq);
        let other = center(hq);
        let m = actor(Role::CenterManager, Some(hq), Some(mine.id));
        let grant = |role, c: &Center| Action::CreateUser { role, hq_id: Some(hq), center_id: Some(c.id) };
        assert!(authorize(&m, grant(Role::Helper, &mine)).is_ok());
        assert!(authorize(&m, grant(Role::Helper, &other)).is_err());
        assert!(authorize(&m, grant(Role::CenterManager, &mine)).is_err());
        assert!(authorize(&m, Action::CreateUser { role: Role::HqAdmin, hq_id: Some(hq), center_id: None }).is_err());
        assert!(authorize(&m, Action::CreateCenter { hq_id: hq }).is_err());
        assert!(authorize(&m, Action::UpdateCenter(&mine)).is_ok());
        assert!(authorize(&m, Action::UpdateCenter(&other)).is_err());
    }

    #[test]
    fn helpers_and_specialists_manage_nothing() {
        let hq = Uuid::now_v7();
        let c = center(hq);
        for role in [Role::Helper, Role::Specialist, Role::CommissionMember, Role::Trainer] {
            let a = actor(role, Some(hq), Some(c.id));
            assert!(creatable_roles(&a).is_empty());
            assert!(authorize(&a, Action::UpdateCenter(&c)).is_err());
            assert!(authorize(&a, Action::ReadCenter(&c)).is_ok(), "their own center is readable");
            assert_eq!(user_scope(&a), Scope::Nothing);
            assert!(!permissions(&a).contains(&"users.read"));
        }
    }

    #[test]
    fn headquarters_admins_stay_in_their_headquarters() {
        let (hq, elsewhere) = (Uuid::now_v7(), Uuid::now_v7());
        let a = actor(Role::HqAdmin, Some(hq), None);
        assert_eq!(family_scope(&a, chrono::NaiveDate::MIN), Scope::Nothing, "families are seen in aggregate only");
        assert!(authorize(&a, Action::CreateCenter { hq_id: hq }).is_ok());
        assert!(authorize(&a, Action::CreateCenter { hq_id: elsewhere }).is_err());
        assert!(authorize(&a, Action::ReadCenter(&center(elsewhere))).is_err());
        let peer = Action::CreateUser { role: Role::HqAdmin, hq_id: Some(hq), center_id: None };
        assert!(authorize(&a, peer).is_ok());
        let shapeless = Action::CreateUser { role: Role::Helper, hq_id: Some(hq), center_id: None };
        assert!(authorize(&a, shapeless).is_err(), "a helper needs a center");
    }

    #[test]
    fn cases_are_seen_by_their_receivers_and_commissions_only() {
        use crate::model::{Commission, Referral};
        use hamyar_domain::{
            assistance::{ReferralStatus, Urgency},
            family::{FamilyStatus, Housing},
            tier::AssessmentDomain,
        };
        let hq = Uuid::now_v7();
        let c = center(hq);
        let family = Family {
            id: Uuid::now_v7(),
            center_id: c.id,
            family_name: "f".into(),
            head_member_id: None,
            neighborhood: String::new(),
            address: String::new(),
            phones: Vec::new(),
            housing: Housing::Unknown,
            status: FamilyStatus::Active,
            status_reason: String::new(),
            consent_on: None,
            consent_recorded_by: None,
            sources: Vec::new(),
            merged_into: None,
            meta: SyncMeta::new(chrono::Utc::now()),
        };
        let commission = Commission {
            id: Uuid::now_v7(),
            hq_id: hq,
            center_id: Some(c.id),
            domain: AssessmentDomain::Social,
            name: "c".into(),
            notes: String::new(),
            meta: SyncMeta::new(chrono::Utc::now()),
        };
        let specialist = actor(Role::Specialist, Some(hq), None);
        let referral = |receiver: Option<Uuid>, commission_id: Option<Uuid>| Referral {
            id: Uuid::now_v7(),
            family_id: family.id,
            center_id: c.id,
            member_id: None,
            resource_id: None,
            receiver_user_id: receiver,
            commission_id,
            reason: "r".into(),
            urgency: Urgency::Routine,
            status: ReferralStatus::Sent,
            feedback: String::new(),
            referred_on: chrono::NaiveDate::MIN,
            referred_by: None,
            meta: SyncMeta::new(chrono::Utc::now()),
        };
        let to_specialist = referral(Some(specialist.user_id), None);
        let to_commission = referral(None, Some(commission.id));
        let read = |a: &Actor, r: &Referral, com: Option<&Commission>| {
            authorize(a, Action::ReadReferral { referral: r, family: &family, commission: com }).is_ok()
        };
        let answer = |a: &Actor, r: &Referral, com: Option<&Commission>| {
            authorize(a, Action::AnswerReferral { referral: r, family: &family, commission: com }).is_ok()
        };
        assert!(read(&specialist, &to_specialist, None));
        assert!(answer(&specialist, &to_specialist, None));
        assert!(!read(&specialist, &to_commission, Some(&commission)));
        assert_eq!(family_scope(&specialist, chrono::NaiveDate::MIN), Scope::Nothing, "never the file");
        let mut seated = actor(Role::CommissionMember, Some(hq), Some(c.id));
        assert!(!read(&seated, &to_commission, Some(&commission)), "no seat, no case");
        seated.commissions.push(commission.id);
        assert!(read(&seated, &to_commission, Some(&commission)));
        assert!(answer(&seated, &to_commission, Some(&commission)));
        assert!(!read(&seated, &to_specialist, None));
        assert!(
            authorize(&seated, Action::ManageCommission(&commission)).is_err(),
            "a seat does not run the commission"
        );
        let manager = actor(Role::CenterManager, Some(hq), Some(c.id));
        assert!(authorize(&manager, Action::ManageCommission(&commission)).is_ok());
        assert!(!answer(&manager, &to_specialist, None), "the receiver answers, not the referrer");
        assert!(authorize(&actor(Role::HqAdmin, Some(hq), None), Action::ReadCommission(&commission)).is_err());
    }
}
