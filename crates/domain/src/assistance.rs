//! Focused assistance (همیاری متمرکز) for harmed families: the service log,
//! the assistance calendar, the resource directory, referrals and
//! commissions — their vocabularies and the rules over them.

use crate::{FieldError, family::vocabulary, persian::normalize_digits, tier::AssessmentDomain};

vocabulary!(
    /// What a helper did for a family, in the plan's words (`connection`:
    /// with a support organization, benefactor or employer; `relatives`:
    /// drawing on relatives or stable families).
    ServiceKind, "kind", {
        FaceToFace => "face_to_face",
        Counseling => "counseling",
        QaSession => "qa_session",
        Connection => "connection",
        Relatives => "relatives",
        MiddleCircles => "middle_circles",
        Referral => "referral",
        Other => "other",
    }
);

vocabulary!(
    /// Where a calendar activity stands.
    ActivityStatus, "status", { Planned => "planned", Done => "done", Missed => "missed", Cancelled => "cancelled" }
);

vocabulary!(
    /// Where a goal of the calendar stands.
    GoalStatus, "status", { Open => "open", Achieved => "achieved", Dropped => "dropped" }
);

vocabulary!(
    /// Who carries out a calendar activity.
    Responsible, "responsible", { Helper => "helper", Resource => "resource", CommissionTask => "commission_task" }
);

vocabulary!(
    /// What a resource of the directory is.
    ResourceKind, "kind", {
        Organization => "organization",
        Benefactor => "benefactor",
        Employer => "employer",
        Counselor => "counselor",
        Specialist => "specialist",
        MiddleCircle => "middle_circle",
    }
);

vocabulary!(
    /// The area a resource serves from.
    ResourceLevel, "level", { Local => "local", Provincial => "provincial", National => "national" }
);

vocabulary!(Urgency, "urgency", { Routine => "routine", Soon => "soon", Urgent => "urgent" });

vocabulary!(
    /// Where a referral stands. `withdrawn` is the referrer taking it back.
    ReferralStatus, "status", {
        Sent => "sent",
        Accepted => "accepted",
        Declined => "declined",
        InProgress => "in_progress",
        Done => "done",
        Withdrawn => "withdrawn",
    }
);

vocabulary!(
    /// What a commission member is there as.
    MemberCapacity, "capacity", {
        Specialist => "specialist",
        Official => "official",
        Activist => "activist",
        Staff => "staff",
    }
);

vocabulary!(TaskStatus, "status", { Open => "open", Done => "done", Cancelled => "cancelled" });

impl ReferralStatus {
    /// May a referral move from `self` to `next`? The receiver answers a
    /// sent referral, works on an accepted one and closes it; the referrer
    /// may take it back until it is closed.
    pub fn may_become(self, next: ReferralStatus) -> bool {
        use ReferralStatus::*;
        matches!(
            (self, next),
            (Sent, Accepted | Declined | Withdrawn)
                | (Accepted, InProgress | Done | Withdrawn)
                | (InProgress, Done | Withdrawn)
        )
    }

    /// Closed: nothing more happens to it.
    pub fn is_closed(self) -> bool {
        matches!(self, ReferralStatus::Declined | ReferralStatus::Done | ReferralStatus::Withdrawn)
    }
}

/// A domain (social, economic, cultural) by its code.
pub fn parse_domain(field: &'static str, code: &str) -> Result<AssessmentDomain, FieldError> {
    AssessmentDomain::ALL
        .into_iter()
        .find(|d| d.code() == code.trim())
        .ok_or_else(|| FieldError::new(field, "unknown", format!("حوزهٔ نامعتبر / Unknown domain: {}", code.trim())))
}

/// Domains as a set, by code, in their fixed order, at least one.
pub fn parse_domains(field: &'static str, codes: &[String]) -> Result<Vec<AssessmentDomain>, FieldError> {
    let mut out = Vec::new();
    for code in codes {
        let d = parse_domain(field, code)?;
        if !out.contains(&d) {
            out.push(d);
        }
    }
    if out.is_empty() {
        return Err(FieldError::new(field, "required", "دست‌کم یک حوزه را برگزینید / Choose at least one domain"));
    }
    out.sort();
    Ok(out)
}

/// How long a service took: whole minutes, 1 to 12 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Minutes(u16);

impl Minutes {
    pub const MAX: u16 = 12 * 60;

    pub fn new(field: &'static str, minutes: i64) -> Result<Self, FieldError> {
        match u16::try_from(minutes) {
            Ok(m) if (1..=Self::MAX).contains(&m) => Ok(Self(m)),
            _ => Err(FieldError::new(
                field,
                "range",
                "مدت باید از ۱ دقیقه تا ۱۲ ساعت باشد / The duration must be 1 minute to 12 hours",
            )),
        }
    }

    /// Minutes typed in any digits.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let ascii = normalize_digits(raw.trim());
        let minutes = ascii
            .parse::<i64>()
            .map_err(|_| FieldError::new(field, "number", "مدت را به دقیقه بنویسید / Write the duration in minutes"))?;
        Self::new(field, minutes)
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

/// Capacity of a resource: how many families it can take (none: not said).
pub fn parse_capacity(field: &'static str, value: Option<i64>) -> Result<Option<u32>, FieldError> {
    match value {
        None => Ok(None),
        Some(n) => u32::try_from(n).ok().filter(|n| *n <= 1_000_000).map(Some).ok_or_else(|| {
            FieldError::new(field, "range", "ظرفیت باید عددی نامنفی باشد / The capacity must be a non-negative number")
        }),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn referrals_move_forward_only_and_closed_ones_stay_closed() {
        use ReferralStatus::*;
        assert!(Sent.may_become(Accepted));
        assert!(Sent.may_become(Declined));
        assert!(Accepted.may_become(InProgress));
        assert!(InProgress.may_become(Done));
        assert!(Sent.may_become(Withdrawn));
        assert!(!Sent.may_become(Done), "a referral is accepted before it is done");
        assert!(!Sent.may_become(Sent));
        for closed in [Declined, Done, Withdrawn] {
            assert!(closed.is_closed());
            for next in ReferralStatus::ALL {
                assert!(!closed.may_become(*next), "{closed:?} → {next:?}");
            }
        }
        assert!(!InProgress.may_become(Accepted));
    }

    #[test]
    fn minutes_accept_persian_digits_and_refuse_nonsense() {
        assert_eq!(Minutes::parse("minutes", "۴۵").unwrap().get(), 45);
        assert_eq!(Minutes::parse("minutes", " 90 ").unwrap().get(), 90);
        assert!(Minutes::parse("minutes", "0").is_err());
        assert!(Minutes::parse("minutes", "-5").is_err());
        assert!(Minutes::parse("minutes", "721").is_err());
        assert!(Minutes::parse("minutes", "یک ساعت").is_err());
        assert_eq!(Minutes::new("minutes", 720).unwrap().get(), 720);
    }

    #[test]
    fn domains_parse_as_a_sorted_set_of_at_least_one() {
        let codes = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            parse_domains("domains", &codes(&["cultural", "social", "cultural"])).unwrap(),
            vec![AssessmentDomain::Social, AssessmentDomain::Cultural]
        );
        assert!(parse_domains("domains", &[]).is_err());
        assert!(parse_domains("domains", &codes(&["spiritual"])).is_err());
        assert!(ServiceKind::parse("counseling").is_ok());
        assert!(ServiceKind::parse("visit").is_err());
    }

    #[test]
    fn capacity_is_optional_and_not_negative() {
        assert_eq!(parse_capacity("capacity", None).unwrap(), None);
        assert_eq!(parse_capacity("capacity", Some(12)).unwrap(), Some(12));
        assert!(parse_capacity("capacity", Some(-1)).is_err());
    }
}
