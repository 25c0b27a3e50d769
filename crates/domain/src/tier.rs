//! A family's tier (سطح), the assessment domains (حوزه), and the kinds
//! and states of an assessment.
//!
//! Each family is assessed in three domains and classified into one of
//! three tiers; the tier decides which kind of assistance it receives, and
//! the movement between tiers at re-assessment is the plan's outcome.
//!
//! Both enums have stable lowercase codes used in storage, the API and
//! serde. The codes never change; labels are for display only.

use crate::error::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The tier a family is classified into after an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Tier {
    /// خانواده ایمن / پایدار — safe or stable.
    Stable,
    /// خانواده در معرض آسیب — exposed to harm.
    AtRisk,
    /// خانواده آسیب‌دیده — already harmed.
    Harmed,
}

impl Tier {
    /// Every tier, from the best-off to the worst-off.
    pub const ALL: [Tier; 3] = [Tier::Stable, Tier::AtRisk, Tier::Harmed];

    /// The stable code: `stable`, `at_risk` or `harmed`.
    pub const fn code(self) -> &'static str {
        match self {
            Tier::Stable => "stable",
            Tier::AtRisk => "at_risk",
            Tier::Harmed => "harmed",
        }
    }

    /// The Persian label shown in the UI.
    pub const fn label_fa(self) -> &'static str {
        match self {
            Tier::Stable => "ایمن / پایدار",
            Tier::AtRisk => "در معرض آسیب",
            Tier::Harmed => "آسیب‌دیده",
        }
    }

    /// The English label.
    pub const fn label_en(self) -> &'static str {
        match self {
            Tier::Stable => "Stable",
            Tier::AtRisk => "At risk",
            Tier::Harmed => "Harmed",
        }
    }

    /// Harmed families get focused assistance (همیاری متمرکز): a family
    /// helper works with them for a year.
    pub const fn receives_focused_assistance(self) -> bool {
        matches!(self, Tier::Harmed)
    }

    /// Stable and at-risk families get general assistance (همیاری عمومی):
    /// preventive group programs.
    pub const fn receives_general_assistance(self) -> bool {
        matches!(self, Tier::Stable | Tier::AtRisk)
    }
}

/// One of the three domains a family is assessed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum AssessmentDomain {
    /// اجتماعی
    Social,
    /// اقتصادی
    Economic,
    /// فرهنگی
    Cultural,
}

impl AssessmentDomain {
    /// Every domain, in the order the seeds list them.
    pub const ALL: [AssessmentDomain; 3] =
        [AssessmentDomain::Social, AssessmentDomain::Economic, AssessmentDomain::Cultural];

    /// The stable code: `social`, `economic` or `cultural`.
    pub const fn code(self) -> &'static str {
        match self {
            AssessmentDomain::Social => "social",
            AssessmentDomain::Economic => "economic",
            AssessmentDomain::Cultural => "cultural",
        }
    }

    /// The Persian label shown in the UI.
    pub const fn label_fa(self) -> &'static str {
        match self {
            AssessmentDomain::Social => "اجتماعی",
            AssessmentDomain::Economic => "اقتصادی",
            AssessmentDomain::Cultural => "فرهنگی",
        }
    }

    /// The English label.
    pub const fn label_en(self) -> &'static str {
        match self {
            AssessmentDomain::Social => "Social",
            AssessmentDomain::Economic => "Economic",
            AssessmentDomain::Cultural => "Cultural",
        }
    }
}

/// Why a family is assessed: at the start, during, or at the end of its
/// plan. The baseline × end-of-plan pair is the plan's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum AssessmentKind {
    /// سطح‌بندی اولیه
    Baseline,
    /// پیگیری
    FollowUp,
    /// سطح‌بندی پایان برنامه
    EndOfPlan,
}

impl AssessmentKind {
    pub const ALL: [AssessmentKind; 3] =
        [AssessmentKind::Baseline, AssessmentKind::FollowUp, AssessmentKind::EndOfPlan];

    pub const fn code(self) -> &'static str {
        match self {
            AssessmentKind::Baseline => "baseline",
            AssessmentKind::FollowUp => "follow_up",
            AssessmentKind::EndOfPlan => "end_of_plan",
        }
    }
}

/// A draft may change; a final assessment never does (a correction is a
/// new assessment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum AssessmentStatus {
    Draft,
    Final,
}

impl AssessmentStatus {
    pub const ALL: [AssessmentStatus; 2] = [AssessmentStatus::Draft, AssessmentStatus::Final];

    pub const fn code(self) -> &'static str {
        match self {
            AssessmentStatus::Draft => "draft",
            AssessmentStatus::Final => "final",
        }
    }
}

/// Implements `Display` (the code), `FromStr` (exact code only; reason
/// `unknown`), and the conversions serde goes through, so the code is
/// written in one place per enum.
macro_rules! coded_enum {
    ($ty:ident, $field:literal, $message:literal) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl FromStr for $ty {
            type Err = FieldError;
            fn from_str(s: &str) -> Result<Self, FieldError> {
                $ty::ALL.into_iter().find(|v| v.code() == s).ok_or_else(|| FieldError::new($field, "unknown", $message))
            }
        }

        impl TryFrom<String> for $ty {
            type Error = FieldError;
            fn try_from(s: String) -> Result<Self, FieldError> {
                s.parse()
            }
        }

        impl From<$ty> for &'static str {
            fn from(v: $ty) -> &'static str {
                v.code()
            }
        }
    };
}

coded_enum!(Tier, "tier", "سطح خانواده نامعتبر است / Unknown tier");
coded_enum!(AssessmentDomain, "domain", "حوزه نامعتبر است / Unknown assessment domain");
coded_enum!(AssessmentKind, "kind", "نوع سطح‌بندی نامعتبر است / Unknown kind of assessment");
coded_enum!(AssessmentStatus, "status", "وضعیت سطح‌بندی نامعتبر است / Unknown assessment status");

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error as DeError, StrDeserializer};

    #[test]
    fn tier_codes_round_trip() {
        for tier in Tier::ALL {
            assert_eq!(tier.code().parse::<Tier>().unwrap(), tier);
            assert_eq!(tier.to_string(), tier.code());
            let de: StrDeserializer<'_, DeError> = tier.code().into_deserializer();
            assert_eq!(Tier::deserialize(de).unwrap(), tier);
            assert_eq!(<&str>::from(tier), tier.code());
        }
        assert_eq!(Tier::ALL.map(Tier::code), ["stable", "at_risk", "harmed"]);
    }

    #[test]
    fn unknown_tier_codes_are_rejected() {
        for bad in ["", "Stable", "at-risk", "AtRisk", "harmed ", "آسیب‌دیده", "unknown"] {
            let err = bad.parse::<Tier>().unwrap_err();
            assert_eq!((err.field, err.reason), ("tier", "unknown"));
        }
        let de: StrDeserializer<'_, DeError> = "safe".into_deserializer();
        assert!(Tier::deserialize(de).is_err());
    }

    #[test]
    fn tier_decides_the_kind_of_assistance() {
        for tier in Tier::ALL {
            assert_ne!(tier.receives_focused_assistance(), tier.receives_general_assistance());
        }
        assert!(Tier::Harmed.receives_focused_assistance());
        assert!(Tier::Stable.receives_general_assistance());
        assert!(Tier::AtRisk.receives_general_assistance());
    }

    #[test]
    fn tier_labels() {
        assert_eq!(Tier::Stable.label_fa(), "ایمن / پایدار");
        assert_eq!(Tier::AtRisk.label_fa(), "در معرض آسیب");
        assert_eq!(Tier::Harmed.label_fa(), "آسیب\u{200C}دیده");
        assert_eq!(Tier::AtRisk.label_en(), "At risk");
    }

    #[test]
    fn domain_codes_round_trip() {
        for domain in AssessmentDomain::ALL {
            assert_eq!(domain.code().parse::<AssessmentDomain>().unwrap(), domain);
            assert_eq!(domain.to_string(), domain.code());
            let de: StrDeserializer<'_, DeError> = domain.code().into_deserializer();
            assert_eq!(AssessmentDomain::deserialize(de).unwrap(), domain);
        }
        assert_eq!(AssessmentDomain::ALL.map(AssessmentDomain::label_fa), ["اجتماعی", "اقتصادی", "فرهنگی"]);
    }

    #[test]
    fn unknown_domain_codes_are_rejected() {
        for bad in ["", "Social", "political", " economic"] {
            let err = bad.parse::<AssessmentDomain>().unwrap_err();
            assert_eq!((err.field, err.reason), ("domain", "unknown"));
        }
    }
}
