//! General assistance (همیاری عمومی): group programs for stable and
//! at-risk families — their kinds, and the targeting rule that picks, from
//! the registry, the people a program invites.

use crate::{
    FieldError,
    family::{MaritalStatus, Relation, Sex, vocabulary},
    tier::Tier,
};

vocabulary!(
    ProgramKind, "kind", {
        Workshop => "workshop",
        Class => "class",
        Conference => "conference",
        Lecture => "lecture",
        FilmScreening => "film_screening",
        PreMarriage => "pre_marriage",
        MarriageEnrichment => "marriage_enrichment",
        PostMarriage => "post_marriage",
        MediaCampaign => "media_campaign",
        Other => "other",
    }
);

impl ProgramKind {
    /// A course: its participants earn a certificate of completion.
    pub fn is_course(self) -> bool {
        matches!(
            self,
            ProgramKind::Class | ProgramKind::PreMarriage | ProgramKind::MarriageEnrichment | ProgramKind::PostMarriage
        )
    }

    /// A media campaign reaches people by a channel, not in sessions.
    pub fn is_campaign(self) -> bool {
        self == ProgramKind::MediaCampaign
    }
}

vocabulary!(
    /// Whom a program invites: members themselves, couples (a head and
    /// spouse together), or the parents of the members the target names.
    Audience, "audience", { Members => "members", Couples => "couples", Parents => "parents" }
);

/// The oldest age a target may name.
pub const MAX_AGE: u32 = 120;

/// Whom a program is for. Empty lists mean "any".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub tiers: Vec<Tier>,
    pub audience: Audience,
    /// Whole years on the program's first day; a member whose birth date
    /// is not known never matches an age range.
    pub age_min: Option<u32>,
    pub age_max: Option<u32>,
    pub sex: Option<Sex>,
    pub marital: Vec<MaritalStatus>,
    pub relations: Vec<Relation>,
    /// Neighborhoods as `persian::search_key`s.
    pub neighborhoods: Vec<String>,
    /// Leave out who attended a program of the same topic this many months
    /// before (0: nobody is left out).
    pub recent_months: u32,
}

impl Default for Target {
    fn default() -> Self {
        Self {
            tiers: Vec::new(),
            audience: Audience::Members,
            age_min: None,
            age_max: None,
            sex: None,
            marital: Vec::new(),
            relations: Vec::new(),
            neighborhoods: Vec::new(),
            recent_months: 12,
        }
    }
}

/// A member as targeting sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    pub age: Option<u32>,
    pub sex: Sex,
    pub marital: MaritalStatus,
    pub relation: Relation,
}

impl Target {
    /// Checks the bounds: ages within 0–120 and in order, at most five
    /// years of "recently".
    pub fn checked(self) -> Result<Self, FieldError> {
        for (field, age) in [("age_min", self.age_min), ("age_max", self.age_max)] {
            if age.is_some_and(|a| a > MAX_AGE) {
                return Err(FieldError::new(field, "range", "سن باید از ۰ تا ۱۲۰ باشد / The age must be 0–120"));
            }
        }
        if let (Some(min), Some(max)) = (self.age_min, self.age_max)
            && min > max
        {
            return Err(FieldError::new(
                "age_max",
                "range",
                "بیشترین سن کمتر از کمترین سن است / The maximum age is below the minimum",
            ));
        }
        if self.recent_months > 60 {
            return Err(FieldError::new(
                "recent_months",
                "range",
                "بازهٔ «به‌تازگی» حداکثر ۶۰ ماه است / \"Recently\" is at most 60 months",
            ));
        }
        Ok(self)
    }

    /// Does a family of this tier and neighborhood come into question?
    /// A family never assessed matches only a target with no tiers.
    pub fn family_matches(&self, tier: Option<Tier>, neighborhood_key: &str) -> bool {
        let tier_ok = self.tiers.is_empty() || tier.is_some_and(|t| self.tiers.contains(&t));
        let place_ok = self.neighborhoods.is_empty() || self.neighborhoods.iter().any(|n| n == neighborhood_key);
        tier_ok && place_ok
    }

    /// Does a person fit the age range, sex, marital status and relation?
    pub fn person_matches(&self, p: &Person) -> bool {
        let age_ok = match (self.age_min, self.age_max) {
            (None, None) => true,
            (min, max) => p.age.is_some_and(|a| min.is_none_or(|m| a >= m) && max.is_none_or(|m| a <= m)),
        };
        age_ok
            && self.sex.is_none_or(|s| s == p.sex)
            && (self.marital.is_empty() || self.marital.contains(&p.marital))
            && (self.relations.is_empty() || self.relations.contains(&p.relation))
    }

    /// The members of one family the program invites (indexes into
    /// `members`), the family itself already matched:
    /// - members: each one who fits;
    /// - couples: the head and the spouse, together, when both fit;
    /// - parents: the head and spouse of a family where a member fits
    ///   (parents of teenagers: the target names the teenagers).
    pub fn invitees(&self, members: &[Person]) -> Vec<usize> {
        let is_parent = |p: &Person| matches!(p.relation, Relation::Head | Relation::Spouse);
        match self.audience {
            Audience::Members => (0..members.len()).filter(|&i| self.person_matches(&members[i])).collect(),
            Audience::Couples => {
                let head = members.iter().position(|p| p.relation == Relation::Head);
                let spouse = members.iter().position(|p| p.relation == Relation::Spouse);
                match (head, spouse) {
                    (Some(h), Some(s)) if self.person_matches(&members[h]) && self.person_matches(&members[s]) => {
                        vec![h, s]
                    }
                    _ => Vec::new(),
                }
            }
            Audience::Parents => {
                if members.iter().any(|p| !is_parent(p) && self.person_matches(p)) {
                    (0..members.len()).filter(|&i| is_parent(&members[i])).collect()
                } else {
                    Vec::new()
                }
            }
        }
    }
}

/// A course is completed by attending at least four in five of the
/// sessions held (all of them when fewer than five were held).
pub fn completed(attended: usize, held: usize) -> bool {
    held > 0 && attended * 5 >= held * 4
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn person(age: Option<u32>, sex: Sex, relation: Relation) -> Person {
        let marital = if matches!(relation, Relation::Head | Relation::Spouse) {
            MaritalStatus::Married
        } else {
            MaritalStatus::Single
        };
        Person { age, sex, marital, relation }
    }

    fn family() -> Vec<Person> {
        vec![
            person(Some(45), Sex::Male, Relation::Head),
            person(Some(41), Sex::Female, Relation::Spouse),
            person(Some(12), Sex::Female, Relation::Child),
            person(Some(18), Sex::Male, Relation::Child),
            person(Some(19), Sex::Male, Relation::Child),
            person(Some(11), Sex::Female, Relation::Child),
            person(None, Sex::Female, Relation::Child),
        ]
    }

    #[test]
    fn an_age_range_includes_both_ends_and_never_guesses_an_unknown_age() {
        let teens =
            Target { age_min: Some(12), age_max: Some(18), relations: vec![Relation::Child], ..Target::default() };
        assert_eq!(teens.invitees(&family()), vec![2, 3]);
        let girls = Target { sex: Some(Sex::Female), ..teens.clone() };
        assert_eq!(girls.invitees(&family()), vec![2]);
        let anyone = Target::default();
        assert_eq!(anyone.invitees(&family()).len(), 7, "no age range: the unknown age is no obstacle");
    }

    #[test]
    fn couples_come_together_and_parents_through_their_children() {
        let couples = Target { audience: Audience::Couples, ..Target::default() };
        assert_eq!(couples.invitees(&family()), vec![0, 1]);
        let alone = vec![person(Some(50), Sex::Female, Relation::Head), person(Some(20), Sex::Male, Relation::Child)];
        assert!(couples.invitees(&alone).is_empty(), "a head without a spouse is no couple");
        let young_couples = Target { age_max: Some(40), ..couples };
        assert!(young_couples.invitees(&family()).is_empty(), "both must fit");

        let parents_of_teens =
            Target { audience: Audience::Parents, age_min: Some(12), age_max: Some(18), ..Target::default() };
        assert_eq!(parents_of_teens.invitees(&family()), vec![0, 1]);
        let parents_of_toddlers = Target { age_max: Some(3), ..parents_of_teens };
        assert!(parents_of_toddlers.invitees(&family()).is_empty());
    }

    #[test]
    fn families_match_by_tier_and_neighborhood() {
        let t = Target { tiers: vec![Tier::AtRisk], neighborhoods: vec!["گلستان".into()], ..Target::default() };
        assert!(t.family_matches(Some(Tier::AtRisk), "گلستان"));
        assert!(!t.family_matches(Some(Tier::Stable), "گلستان"));
        assert!(!t.family_matches(None, "گلستان"), "a family never assessed has no tier to match");
        assert!(!t.family_matches(Some(Tier::AtRisk), "نور"));
        assert!(Target::default().family_matches(None, ""));
    }

    #[test]
    fn completion_allows_one_absence_in_five() {
        assert!(completed(4, 5));
        assert!(!completed(3, 5));
        assert!(!completed(3, 4), "under five sessions, every one");
        assert!(completed(8, 10));
        assert!(!completed(0, 0), "nothing held, nothing completed");
    }

    #[test]
    fn bounds_are_checked() {
        assert!(Target { age_min: Some(19), age_max: Some(18), ..Target::default() }.checked().is_err());
        assert!(Target { age_max: Some(121), ..Target::default() }.checked().is_err());
        assert!(Target { recent_months: 61, ..Target::default() }.checked().is_err());
        assert!(Target { age_min: Some(12), age_max: Some(12), ..Target::default() }.checked().is_ok());
        assert!(ProgramKind::PreMarriage.is_course() && !ProgramKind::Lecture.is_course());
    }
}
