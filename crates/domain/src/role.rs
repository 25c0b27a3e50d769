//! Roles and the kind of scope each one is held in.

use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// What a user is in the plan. The stable code (snake_case) is what the API,
/// the database and the web app use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    HqAdmin,
    CenterManager,
    Helper,
    Specialist,
    CommissionMember,
    Trainer,
}

/// Where a role's holder sits in the organization tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// Must belong to a headquarters and to no center.
    Headquarters,
    /// Must belong to a center.
    Center,
    /// Either a headquarters-level or a center-level position.
    Either,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Role::HqAdmin, Role::CenterManager, Role::Helper, Role::Specialist, Role::CommissionMember, Role::Trainer];

    pub fn code(self) -> &'static str {
        match self {
            Role::HqAdmin => "hq_admin",
            Role::CenterManager => "center_manager",
            Role::Helper => "helper",
            Role::Specialist => "specialist",
            Role::CommissionMember => "commission_member",
            Role::Trainer => "trainer",
        }
    }

    pub fn label_fa(self) -> &'static str {
        match self {
            Role::HqAdmin => "مدیر ستاد",
            Role::CenterManager => "مدیر مرکز",
            Role::Helper => "همیار خانواده",
            Role::Specialist => "متخصص / مشاور",
            Role::CommissionMember => "عضو کمیسیون",
            Role::Trainer => "مربی",
        }
    }

    pub fn scope_kind(self) -> ScopeKind {
        match self {
            Role::HqAdmin => ScopeKind::Headquarters,
            Role::CenterManager | Role::Helper => ScopeKind::Center,
            Role::Specialist | Role::CommissionMember | Role::Trainer => ScopeKind::Either,
        }
    }

    /// Administrative rank: a user never grants a role above their own.
    /// Specialists, commission members, trainers and helpers are peers.
    pub fn rank(self) -> u8 {
        match self {
            Role::HqAdmin => 3,
            Role::CenterManager => 2,
            Role::Helper | Role::Specialist | Role::CommissionMember | Role::Trainer => 1,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("نقش ناشناخته / unknown role: {0}")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|r| r.code() == s.trim()).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_is_rejected() {
        for role in Role::ALL {
            assert_eq!(role.code().parse::<Role>(), Ok(role));
        }
        assert!("admin".parse::<Role>().is_err());
        assert!("".parse::<Role>().is_err());
    }

    #[test]
    fn only_the_hq_admin_outranks_a_manager() {
        assert!(Role::HqAdmin.rank() > Role::CenterManager.rank());
        for r in [Role::Helper, Role::Specialist, Role::CommissionMember, Role::Trainer] {
            assert!(r.rank() < Role::CenterManager.rank());
        }
    }
}
