//! Family helpers (همیار خانواده): who they are, the road from applicant
//! to active helper, their training, and the rules of their caseloads.
//!
//! In the plan, seminary and university graduates and local cultural and
//! social activists are trained (about 80 hours: 40 before they start, 40
//! during the year), accepted, and each take 5 to 15 harmed families for a
//! year. Headquarters set the numbers ([`ProgramRules`]).

use crate::{FieldError, family::vocabulary, tier::AssessmentDomain};

vocabulary!(
    /// What a helper brings: the plan recruits from these three.
    HelperBackground, "background", {
        SeminaryGraduate => "seminary_graduate",
        UniversityGraduate => "university_graduate",
        LocalActivist => "local_activist",
    }
);

vocabulary!(
    /// What a helper can do for a family; matched against its harms.
    Skill, "skills", {
        Counseling => "counseling",
        ReligiousGuidance => "religious_guidance",
        JobFinding => "job_finding",
        LegalAid => "legal_aid",
        Health => "health",
        Education => "education",
        FinancialLiteracy => "financial_literacy",
    }
);

vocabulary!(
    /// Where a helper stands. See [`HelperStatus::may_become`].
    HelperStatus, "status", {
        Applicant => "applicant",
        InTraining => "in_training",
        Accepted => "accepted",
        Active => "active",
        Inactive => "inactive",
    }
);

vocabulary!(
    /// The two parts of the training: before a helper starts, and during
    /// their year.
    Curriculum, "curriculum", { PreService => "pre_service", InService => "in_service" }
);

vocabulary!(SessionMode, "mode", { InPerson => "in_person", Online => "online" });

impl HelperStatus {
    /// The moves a manager may make by hand. Acceptance (→ accepted) has
    /// its own rule: the pre-service hours must be complete. Accepted →
    /// active happens when the first family is assigned.
    pub fn may_become(self, next: HelperStatus) -> bool {
        use HelperStatus::*;
        matches!(
            (self, next),
            (Applicant, InTraining)
                | (Applicant | InTraining | Accepted | Active, Inactive)
                | (InTraining, Accepted)
                | (Accepted, Active)
                | (Inactive, InTraining | Accepted)
        )
    }

    /// May families be assigned to a helper in this state?
    pub fn takes_families(self) -> bool {
        matches!(self, HelperStatus::Accepted | HelperStatus::Active)
    }

    pub fn label_fa(self) -> &'static str {
        match self {
            HelperStatus::Applicant => "متقاضی",
            HelperStatus::InTraining => "در حال آموزش",
            HelperStatus::Accepted => "پذیرفته‌شده",
            HelperStatus::Active => "فعال",
            HelperStatus::Inactive => "غیرفعال",
        }
    }
}

impl Skill {
    /// The skills that serve a harm, by the indicator it was found on. An
    /// indicator this table does not know (a newer instrument's) falls back
    /// on its domain.
    pub fn for_harm(indicator: &str, domain: AssessmentDomain) -> &'static [Skill] {
        use Skill::*;
        match indicator {
            "social.violence" | "social.separation" | "social.cohesion" => &[Counseling, LegalAid],
            "social.addiction" => &[Counseling, Health],
            "social.imprisonment" | "social.documents" => &[LegalAid],
            "social.schooling" | "social.child_labor" | "cultural.parents_education" => &[Education, Counseling],
            "social.youth_risk" | "social.isolation" => &[Counseling],
            "social.care" | "social.health" => &[Health],
            "economic.income" | "economic.income_per_person" | "economic.employment" | "economic.job_skills" => {
                &[JobFinding]
            }
            "economic.debt"
            | "economic.savings"
            | "economic.budgeting"
            | "economic.aid_dependence"
            | "cultural.consumption" => &[FinancialLiteracy],
            "economic.insurance" | "economic.housing" => &[LegalAid],
            "cultural.religious_participation" | "cultural.role_models" => &[ReligiousGuidance],
            "cultural.parenting" | "cultural.family_skills" => &[Counseling, ReligiousGuidance],
            "cultural.education_values" | "cultural.reading" | "cultural.media_literacy" => &[Education],
            _ => match domain {
                AssessmentDomain::Social => &[Counseling],
                AssessmentDomain::Economic => &[JobFinding, FinancialLiteracy],
                AssessmentDomain::Cultural => &[ReligiousGuidance, Education],
            },
        }
    }
}

/// Training hours: a non-negative number of quarter hours, so sums are
/// exact and a sheet cannot say 1.3333 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Hours(u32);

impl Hours {
    pub const fn from_quarters(quarters: u32) -> Self {
        Hours(quarters)
    }

    pub const fn whole(hours: u32) -> Self {
        Hours(hours * 4)
    }

    pub fn quarters(self) -> u32 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 4.0
    }

    /// Reads hours as a number of quarter hours, at most `max_quarters`.
    pub fn parse(field: &'static str, hours: f64, max_quarters: u32) -> Result<Self, FieldError> {
        let quarters = hours * 4.0;
        if !hours.is_finite() || hours < 0.0 || (quarters - quarters.round()).abs() > 1e-9 {
            return Err(FieldError::new(
                field,
                "invalid",
                "ساعت باید عددی نامنفی با گام ربع ساعت باشد (مثلاً ۱٫۵) / Hours must be a non-negative number in quarter hours (e.g. 1.5)",
            ));
        }
        if quarters > f64::from(max_quarters) {
            return Err(FieldError::new(
                field,
                "too_large",
                format!(
                    "ساعت بیش از حد است (بیشینه {}) / Too many hours (at most {})",
                    f64::from(max_quarters) / 4.0,
                    f64::from(max_quarters) / 4.0
                ),
            ));
        }
        // In range and whole: the conversion is exact.
        Ok(Hours(quarters.round() as u32))
    }

    pub fn saturating_sub(self, other: Hours) -> Hours {
        Hours(self.0.saturating_sub(other.0))
    }
}

impl std::ops::Add for Hours {
    type Output = Hours;
    fn add(self, other: Hours) -> Hours {
        Hours(self.0.saturating_add(other.0))
    }
}

impl std::iter::Sum for Hours {
    fn sum<I: Iterator<Item = Hours>>(iter: I) -> Hours {
        iter.fold(Hours::default(), |a, b| a + b)
    }
}

/// A session lasts at most a working day.
pub const MAX_SESSION_QUARTERS: u32 = 12 * 4;

/// The numbers headquarters set for their centers' helpers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgramRules {
    /// Pre-service hours a helper completes before acceptance.
    pub pre_service_hours: Hours,
    /// In-service hours expected during the year (progress is shown).
    pub in_service_hours: Hours,
    /// No helper holds more families than this.
    pub caseload_max: u32,
    /// Fewer families than this is shown as a warning.
    pub caseload_min: u32,
    /// An assignment's default length.
    pub assignment_days: u32,
    /// A device that has not synced for this many days locks until it does.
    pub offline_lock_days: u32,
}

impl Default for ProgramRules {
    /// The plan's numbers: 40 + 40 hours, 5 to 15 families, one year.
    fn default() -> Self {
        Self {
            pre_service_hours: Hours::whole(40),
            in_service_hours: Hours::whole(40),
            caseload_max: 15,
            caseload_min: 5,
            assignment_days: 365,
            offline_lock_days: 14,
        }
    }
}

impl ProgramRules {
    /// Checks a set of numbers as headquarters typed them.
    pub fn parse(
        pre_service_hours: f64,
        in_service_hours: f64,
        caseload_max: i64,
        caseload_min: i64,
        assignment_days: i64,
        offline_lock_days: i64,
    ) -> Result<Self, FieldError> {
        let pre_service_hours = Hours::parse("pre_service_hours", pre_service_hours, 500 * 4)?;
        let in_service_hours = Hours::parse("in_service_hours", in_service_hours, 500 * 4)?;
        let caseload_max = u32::try_from(caseload_max).ok().filter(|n| (1..=50).contains(n)).ok_or_else(|| {
            FieldError::new(
                "caseload_max",
                "out_of_range",
                "سقف خانواده‌ها باید بین ۱ و ۵۰ باشد / The family limit must be between 1 and 50",
            )
        })?;
        let caseload_min = u32::try_from(caseload_min).ok().filter(|n| *n <= caseload_max).ok_or_else(|| {
            FieldError::new(
                "caseload_min",
                "out_of_range",
                "کف خانواده‌ها باید بین ۰ و سقف باشد / The minimum must be between 0 and the limit",
            )
        })?;
        let assignment_days =
            u32::try_from(assignment_days).ok().filter(|n| (30..=731).contains(n)).ok_or_else(|| {
                FieldError::new(
                    "assignment_days",
                    "out_of_range",
                    "مدت واگذاری باید بین ۳۰ و ۷۳۱ روز باشد / An assignment lasts 30 to 731 days",
                )
            })?;
        let offline_lock_days =
            u32::try_from(offline_lock_days).ok().filter(|n| (1..=90).contains(n)).ok_or_else(|| {
                FieldError::new(
                    "offline_lock_days",
                    "out_of_range",
                    "قفل دستگاه بی‌همگام‌سازی باید بین ۱ و ۹۰ روز باشد / The offline lock must be between 1 and 90 days",
                )
            })?;
        Ok(Self { pre_service_hours, in_service_hours, caseload_max, caseload_min, assignment_days, offline_lock_days })
    }

    /// May a helper holding `caseload` families take one more?
    pub fn has_room(&self, caseload: u32) -> bool {
        caseload < self.caseload_max
    }
}

/// Why a helper is suggested for a family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestionFit {
    pub same_neighborhood: bool,
    /// The helper's skills that serve the family's harms.
    pub matching_skills: Vec<Skill>,
    pub caseload: u32,
    pub free: u32,
}

impl SuggestionFit {
    /// Ranks helpers for a family: each skill that serves one of its harms
    /// counts 5, living in its neighborhood 2, and free places up to 1.5
    /// (in proportion to the limit), so one matching skill outweighs
    /// nearness with an empty caseload, and nearness outweighs any room.
    /// Full helpers score nothing.
    pub fn score(&self, rules: &ProgramRules) -> f64 {
        if self.free == 0 {
            return 0.0;
        }
        let skills = self.matching_skills.len() as f64 * 5.0;
        let near = if self.same_neighborhood { 2.0 } else { 0.0 };
        let room = 1.5 * f64::from(self.free) / f64::from(rules.caseload_max.max(1));
        skills + near + room
    }
}

/// The skills among `helper_skills` that serve any of `harms` (indicator
/// id and domain), each once, in the order of [`Skill::ALL`].
pub fn matching_skills(helper_skills: &[Skill], harms: &[(&str, AssessmentDomain)]) -> Vec<Skill> {
    Skill::ALL
        .iter()
        .copied()
        .filter(|s| helper_skills.contains(s))
        .filter(|s| harms.iter().any(|(indicator, domain)| Skill::for_harm(indicator, *domain).contains(s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acceptance_comes_only_after_training() {
        assert!(!HelperStatus::Applicant.may_become(HelperStatus::Accepted));
        assert!(HelperStatus::InTraining.may_become(HelperStatus::Accepted));
        assert!(!HelperStatus::Applicant.may_become(HelperStatus::Active));
        assert!(HelperStatus::Active.may_become(HelperStatus::Inactive));
        assert!(!HelperStatus::Inactive.may_become(HelperStatus::Active), "back through acceptance");
        for s in HelperStatus::ALL {
            assert!(!s.may_become(*s), "{s:?} to itself is no change");
        }
    }

    #[test]
    fn hours_are_quarter_hours() {
        assert_eq!(Hours::parse("h", 1.5, 100).map(Hours::quarters), Ok(6));
        assert!(Hours::parse("h", 1.3, 100).is_err());
        assert!(Hours::parse("h", -1.0, 100).is_err());
        assert!(Hours::parse("h", f64::NAN, 100).is_err());
        assert!(Hours::parse("h", 26.0, MAX_SESSION_QUARTERS).is_err());
        let total: Hours = [Hours::whole(2), Hours::from_quarters(1)].into_iter().sum();
        assert_eq!(total.as_f64(), 2.25);
    }

    #[test]
    fn rules_are_checked() {
        assert!(ProgramRules::parse(40.0, 40.0, 15, 5, 365, 14).is_ok());
        assert_eq!(ProgramRules::parse(40.0, 40.0, 15, 16, 365, 14).map_err(|e| e.field), Err("caseload_min"));
        assert_eq!(ProgramRules::parse(40.0, 40.0, 0, 0, 365, 14).map_err(|e| e.field), Err("caseload_max"));
        assert_eq!(ProgramRules::parse(40.0, 40.0, 15, 5, 5, 14).map_err(|e| e.field), Err("assignment_days"));
        assert_eq!(ProgramRules::parse(40.0, 40.0, 15, 5, 365, 0).map_err(|e| e.field), Err("offline_lock_days"));
        let rules = ProgramRules::default();
        assert!(rules.has_room(14));
        assert!(!rules.has_room(15));
    }

    #[test]
    fn skill_outweighs_nearness_and_nearness_outweighs_room() {
        let rules = ProgramRules::default();
        let fit = |skills: Vec<Skill>, near, caseload: u32| SuggestionFit {
            same_neighborhood: near,
            matching_skills: skills,
            caseload,
            free: rules.caseload_max - caseload,
        };
        let skilled_far_busy = fit(vec![Skill::Counseling], false, 12);
        let near_empty = fit(vec![], true, 0);
        let far_empty = fit(vec![], false, 0);
        assert!(skilled_far_busy.score(&rules) > near_empty.score(&rules));
        assert!(near_empty.score(&rules) > far_empty.score(&rules));
        assert!(far_empty.score(&rules) > fit(vec![], false, 10).score(&rules));
        assert!(fit(vec![], true, 14).score(&rules) > far_empty.score(&rules));
        assert_eq!(fit(vec![Skill::Counseling], true, 15).score(&rules), 0.0, "a full helper is not suggested");
    }

    #[test]
    fn harms_find_the_skills_that_serve_them() {
        let harms = [("social.violence", AssessmentDomain::Social), ("economic.new_thing", AssessmentDomain::Economic)];
        assert_eq!(
            matching_skills(&[Skill::Health, Skill::LegalAid, Skill::JobFinding], &harms),
            vec![Skill::JobFinding, Skill::LegalAid]
        );
        assert!(matching_skills(&[Skill::Health], &harms).is_empty());
    }
}
