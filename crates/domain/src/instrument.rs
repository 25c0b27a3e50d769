//! Assessment instruments and scoring (see `docs/instruments.md`).
//!
//! An [`Instrument`] is parsed from its TOML file and cannot hold a bad
//! value: every rule of the format is checked by [`Instrument::parse`],
//! which reports every problem with its line. [`Instrument::score`] turns a
//! family's answers into domain scores, capacities, harms and a tier,
//! deterministically; the web app computes the same on the device.

use crate::tier::{AssessmentDomain, Tier};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use toml::Spanned;

/// Persian and English text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub fa: String,
    pub en: String,
}

/// When a domain score makes a family harmed or at-risk.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TierRules {
    /// Any domain score below this → harmed.
    pub harmed_below: f64,
    /// Otherwise any domain score below this → at-risk.
    pub at_risk_below: f64,
}

/// Whom an indicator asks about.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "about", rename_all = "snake_case")]
pub enum Subject {
    Family,
    /// Each member, or those of these ages (inclusive).
    Member {
        min_age: Option<u32>,
        max_age: Option<u32>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// Five anchored levels, "1" (in crisis) to "5" (empowered).
    Scale,
    YesNo,
    Choice,
    /// A whole number, scored by the range it falls in.
    Number,
}

/// What an answer is: a value, or (number indicators) a range.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum OptionValue {
    Value { value: String },
    Range { min: i64, max: i64 },
}

/// A capacity or a harm an answer names.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mark {
    Capacity {
        name: Text,
    },
    /// A critical harm forces the harmed tier.
    Harm {
        name: Text,
        critical: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerOption {
    #[serde(flatten)]
    pub value: OptionValue,
    /// 0 (worst) to 100 (best).
    pub score: f64,
    pub text: Text,
    pub mark: Option<Mark>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    pub id: String,
    pub domain: AssessmentDomain,
    pub subject: Subject,
    pub weight: f64,
    pub kind: AnswerKind,
    pub text: Text,
    pub options: Vec<AnswerOption>,
}

impl Indicator {
    /// Does it ask about a member of this age? A member whose age is not
    /// known is asked.
    pub fn applies_to_age(&self, age: Option<u32>) -> bool {
        match (self.subject, age) {
            (Subject::Family, _) => false,
            (Subject::Member { .. }, None) => true,
            (Subject::Member { min_age, max_age }, Some(age)) => {
                min_age.is_none_or(|min| age >= min) && max_age.is_none_or(|max| age <= max)
            }
        }
    }

    /// The option an answer chooses, if the answer is one of them.
    pub fn option_for(&self, answer: &str) -> Option<&AnswerOption> {
        let answer = answer.trim();
        let normalized;
        let answer = if answer.is_ascii() {
            answer
        } else {
            normalized = crate::persian::normalize_digits(answer);
            normalized.as_str()
        };
        match self.kind {
            AnswerKind::Number => {
                let n: i64 = answer.parse().ok()?;
                self.options.iter().find(|o| matches!(o.value, OptionValue::Range { min, max } if min <= n && n <= max))
            }
            _ => self.options.iter().find(|o| matches!(&o.value, OptionValue::Value { value } if *value == answer)),
        }
    }
}

/// The instrument Hamyar ships with (`instruments/default.toml`): what a
/// headquarters uses until it publishes its own.
pub const DEFAULT_INSTRUMENT: &str = include_str!("../../../instruments/default.toml");

/// A checked instrument. Only [`Instrument::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instrument {
    pub code: String,
    pub version: u32,
    pub title: Text,
    pub tiers: TierRules,
    pub indicators: Vec<Indicator>,
    /// Indicator id → position, for scoring many families quickly.
    #[serde(skip)]
    index: HashMap<String, usize>,
}

/// One problem in an instrument file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstrumentError {
    /// 1-based; 0 when the problem is the whole file.
    pub line: usize,
    pub message_fa: String,
    pub message_en: String,
}

impl std::fmt::Display for InstrumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {} / {}", self.line, self.message_fa, self.message_en)
    }
}

// The file as written, with positions, before it is checked.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInstrument {
    code: Spanned<String>,
    version: Spanned<i64>,
    title: Text,
    tiers: Spanned<RawTiers>,
    #[serde(default)]
    indicators: Vec<Spanned<RawIndicator>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTiers {
    harmed_below: f64,
    at_risk_below: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: Spanned<String>,
    domain: Spanned<String>,
    about: Spanned<String>,
    weight: Spanned<f64>,
    answer: Spanned<String>,
    fa: String,
    en: String,
    min_age: Option<Spanned<i64>>,
    max_age: Option<Spanned<i64>>,
    #[serde(default)]
    options: Vec<Spanned<RawOption>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    value: Option<String>,
    min: Option<i64>,
    max: Option<i64>,
    score: Spanned<f64>,
    fa: String,
    en: String,
    harm: Option<RawMark>,
    capacity: Option<RawMark>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMark {
    fa: String,
    en: String,
    critical: Option<bool>,
}

/// Collects problems with the line each is on.
struct Problems<'a> {
    source: &'a str,
    list: Vec<InstrumentError>,
}

impl Problems<'_> {
    fn line_of(&self, offset: usize) -> usize {
        self.source.get(..offset).map_or(0, |before| before.matches('\n').count() + 1)
    }

    fn at<T>(&mut self, spanned: &Spanned<T>, fa: impl Into<String>, en: impl Into<String>) {
        let line = self.line_of(spanned.span().start);
        self.list.push(InstrumentError { line, message_fa: fa.into(), message_en: en.into() });
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
}

fn blank(t: &str) -> bool {
    t.trim().is_empty()
}

impl Instrument {
    /// Parses and checks an instrument file; every problem found is
    /// reported, each with its line.
    pub fn parse(source: &str) -> Result<Instrument, Vec<InstrumentError>> {
        let mut problems = Problems { source, list: Vec::new() };
        let raw: RawInstrument = match toml::from_str(source) {
            Ok(raw) => raw,
            Err(e) => {
                let line = e.span().map_or(0, |s| problems.line_of(s.start));
                let message = e.message().to_owned();
                return Err(vec![InstrumentError {
                    line,
                    message_fa: format!("فایل خوانده نشد: {message}"),
                    message_en: format!("The file cannot be read: {message}"),
                }]);
            }
        };
        let code = raw.code.get_ref().trim().to_owned();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            problems.at(
                &raw.code,
                "کد ابزار فقط حرف و رقم لاتین و «-» است",
                "The code is Latin letters, digits and '-'",
            );
        }
        let version = u32::try_from(*raw.version.get_ref()).ok().filter(|v| *v >= 1);
        if version.is_none() {
            problems.at(&raw.version, "نسخه باید عدد درست ۱ یا بیشتر باشد", "The version must be a whole number ≥ 1");
        }
        if blank(&raw.title.fa) || blank(&raw.title.en) {
            problems.at(&raw.code, "عنوان فارسی و انگلیسی لازم است", "A Persian and an English title are needed");
        }
        let tiers = TierRules {
            harmed_below: raw.tiers.get_ref().harmed_below,
            at_risk_below: raw.tiers.get_ref().at_risk_below,
        };
        let in_range = |x: f64| (0.0..=100.0).contains(&x);
        if !in_range(tiers.harmed_below) || !in_range(tiers.at_risk_below) || tiers.harmed_below > tiers.at_risk_below {
            problems.at(
                &raw.tiers,
                "آستانه‌ها باید بین ۰ و ۱۰۰ باشند و harmed_below از at_risk_below بیشتر نباشد",
                "Thresholds must be 0–100, with harmed_below ≤ at_risk_below",
            );
        }
        let mut ids = HashSet::new();
        let mut indicators = Vec::new();
        for spanned in &raw.indicators {
            if let Some(indicator) = check_indicator(spanned, &mut ids, &mut problems) {
                indicators.push(indicator);
            }
        }
        for domain in AssessmentDomain::ALL {
            if !raw.indicators.iter().any(|i| i.get_ref().domain.get_ref() == domain.code()) {
                problems.list.push(InstrumentError {
                    line: 0,
                    message_fa: format!("حوزهٔ «{}» هیچ نماگری ندارد", domain.code()),
                    message_en: format!("The {} domain has no indicator", domain.code()),
                });
            }
        }
        match (problems.list.is_empty(), version) {
            (true, Some(version)) => {
                let index = indicators.iter().enumerate().map(|(i, indicator)| (indicator.id.clone(), i)).collect();
                Ok(Instrument { code, version, title: raw.title, tiers, indicators, index })
            }
            _ => {
                problems.list.sort_by_key(|p| p.line);
                Err(problems.list)
            }
        }
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.index.get(id).and_then(|&i| self.indicators.get(i))
    }
}

fn check_indicator(
    spanned: &Spanned<RawIndicator>,
    ids: &mut HashSet<String>,
    problems: &mut Problems<'_>,
) -> Option<Indicator> {
    let raw = spanned.get_ref();
    let before = problems.list.len();
    let id = raw.id.get_ref().trim().to_owned();
    if !is_id(&id) {
        problems.at(
            &raw.id,
            "شناسهٔ نماگر فقط حرف کوچک لاتین، رقم، «.» و «_» است",
            "An indicator id is a-z, 0-9, '.' and '_'",
        );
    } else if !ids.insert(id.clone()) {
        problems.at(&raw.id, format!("شناسهٔ «{id}» تکراری است"), format!("The id {id:?} is used twice"));
    }
    let domain = AssessmentDomain::ALL.into_iter().find(|d| d.code() == raw.domain.get_ref());
    if domain.is_none() {
        problems.at(
            &raw.domain,
            "حوزه باید social، economic یا cultural باشد",
            "The domain must be social, economic or cultural",
        );
    }
    let age = |a: &Option<Spanned<i64>>, problems: &mut Problems<'_>| match a {
        None => None,
        Some(a) => match u32::try_from(*a.get_ref()).ok().filter(|v| *v <= 130) {
            Some(v) => Some(v),
            None => {
                problems.at(a, "سن باید بین ۰ و ۱۳۰ باشد", "An age must be 0–130");
                None
            }
        },
    };
    let (min_age, max_age) = (age(&raw.min_age, problems), age(&raw.max_age, problems));
    let subject = match raw.about.get_ref().as_str() {
        "family" => {
            if raw.min_age.is_some() || raw.max_age.is_some() {
                problems.at(&raw.about, "سن فقط برای نماگرهای اعضا است", "Ages are for member indicators only");
            }
            Some(Subject::Family)
        }
        "member" => {
            if let (Some(min), Some(max)) = (min_age, max_age)
                && min > max
            {
                problems.at(&raw.about, "min_age از max_age بیشتر است", "min_age is above max_age");
            }
            Some(Subject::Member { min_age, max_age })
        }
        _ => {
            problems.at(&raw.about, "about باید family یا member باشد", "about must be family or member");
            None
        }
    };
    let weight = *raw.weight.get_ref();
    if !(weight.is_finite() && weight > 0.0) {
        problems.at(&raw.weight, "وزن باید بیشتر از صفر باشد", "The weight must be above zero");
    }
    if blank(&raw.fa) || blank(&raw.en) {
        problems.at(&raw.id, "متن فارسی و انگلیسی نماگر لازم است", "The indicator needs Persian and English text");
    }
    let kind = match raw.answer.get_ref().as_str() {
        "scale" => Some(AnswerKind::Scale),
        "yes_no" => Some(AnswerKind::YesNo),
        "choice" => Some(AnswerKind::Choice),
        "number" => Some(AnswerKind::Number),
        _ => {
            problems.at(
                &raw.answer,
                "answer باید scale، yes_no، choice یا number باشد",
                "answer must be scale, yes_no, choice or number",
            );
            None
        }
    };
    let mut options = Vec::new();
    for o in &raw.options {
        options.extend(check_option(o, kind, problems));
    }
    if let Some(kind) = kind {
        check_option_set(spanned, kind, &options, problems);
    }
    if problems.list.len() > before {
        return None;
    }
    Some(Indicator {
        id,
        domain: domain?,
        subject: subject?,
        weight,
        kind: kind?,
        text: Text { fa: raw.fa.trim().to_owned(), en: raw.en.trim().to_owned() },
        options,
    })
}

fn check_option(
    spanned: &Spanned<RawOption>,
    kind: Option<AnswerKind>,
    problems: &mut Problems<'_>,
) -> Option<AnswerOption> {
    let raw = spanned.get_ref();
    let before = problems.list.len();
    let value = match (kind, &raw.value, raw.min, raw.max) {
        (Some(AnswerKind::Number), None, Some(min), Some(max)) if min <= max => Some(OptionValue::Range { min, max }),
        (Some(AnswerKind::Number), ..) => {
            problems.at(
                spanned,
                "گزینهٔ عددی min و max (min ≤ max) دارد و value ندارد",
                "A number option has min and max (min ≤ max), no value",
            );
            None
        }
        (_, Some(value), None, None) if !blank(value) => {
            Some(OptionValue::Value { value: crate::persian::normalize_digits(value.trim()) })
        }
        _ => {
            problems.at(spanned, "گزینه value دارد و min و max ندارد", "An option has a value, not min and max");
            None
        }
    };
    let score = *raw.score.get_ref();
    if !(0.0..=100.0).contains(&score) {
        problems.at(&raw.score, "امتیاز باید بین ۰ و ۱۰۰ باشد", "The score must be 0–100");
    }
    if blank(&raw.fa) || blank(&raw.en) {
        problems.at(spanned, "متن فارسی و انگلیسی گزینه لازم است", "The option needs Persian and English text");
    }
    let text_of = |m: &RawMark| Text { fa: m.fa.trim().to_owned(), en: m.en.trim().to_owned() };
    let mark = match (&raw.harm, &raw.capacity) {
        (Some(_), Some(_)) => {
            problems.at(
                spanned,
                "یک گزینه یا توانمندی است یا آسیب، نه هر دو",
                "An option marks a capacity or a harm, not both",
            );
            None
        }
        (Some(h), None) => Some(Mark::Harm { name: text_of(h), critical: h.critical.unwrap_or(false) }),
        (None, Some(c)) => {
            if c.critical.is_some() {
                problems.at(spanned, "فقط آسیب می‌تواند critical باشد", "Only a harm may be critical");
            }
            Some(Mark::Capacity { name: text_of(c) })
        }
        (None, None) => None,
    };
    if let Some(Mark::Harm { name, .. } | Mark::Capacity { name }) = &mark
        && (blank(&name.fa) || blank(&name.en))
    {
        problems.at(
            spanned,
            "نام فارسی و انگلیسی آسیب یا توانمندی لازم است",
            "A harm or capacity needs a Persian and an English name",
        );
    }
    if problems.list.len() > before {
        return None;
    }
    Some(AnswerOption {
        value: value?,
        score,
        text: Text { fa: raw.fa.trim().to_owned(), en: raw.en.trim().to_owned() },
        mark,
    })
}

fn check_option_set(
    indicator: &Spanned<RawIndicator>,
    kind: AnswerKind,
    options: &[AnswerOption],
    problems: &mut Problems<'_>,
) {
    if options.len() != indicator.get_ref().options.len() {
        return; // Each bad option is reported already.
    }
    let values: Vec<&str> = options
        .iter()
        .filter_map(|o| match &o.value {
            OptionValue::Value { value } => Some(value.as_str()),
            OptionValue::Range { .. } => None,
        })
        .collect();
    match kind {
        AnswerKind::Scale => {
            if values != ["1", "2", "3", "4", "5"] {
                problems.at(
                    indicator,
                    "مقیاس پنج گزینه دارد با مقدارهای «1» تا «5» به ترتیب",
                    "A scale has five options, values \"1\" to \"5\" in order",
                );
            } else if options.windows(2).any(|w| w[0].score > w[1].score) {
                problems.at(
                    indicator,
                    "امتیاز مقیاس از ۱ تا ۵ نباید کم شود",
                    "Scale scores must not decrease from 1 to 5",
                );
            }
        }
        AnswerKind::YesNo => {
            let mut sorted = values.clone();
            sorted.sort_unstable();
            if sorted != ["no", "yes"] {
                problems.at(
                    indicator,
                    "بله/خیر دقیقاً گزینه‌های «yes» و «no» را دارد",
                    "yes_no has exactly the options \"yes\" and \"no\"",
                );
            }
        }
        AnswerKind::Choice => {
            let distinct: HashSet<&str> = values.iter().copied().collect();
            if values.len() < 2 || distinct.len() != values.len() {
                problems.at(
                    indicator,
                    "چندگزینه‌ای دست‌کم دو گزینه با مقدارهای متفاوت دارد",
                    "A choice has two or more options with distinct values",
                );
            }
        }
        AnswerKind::Number => {
            let mut ranges: Vec<(i64, i64)> = options
                .iter()
                .filter_map(|o| match o.value {
                    OptionValue::Range { min, max } => Some((min, max)),
                    OptionValue::Value { .. } => None,
                })
                .collect();
            ranges.sort_unstable();
            if ranges.is_empty() || ranges.windows(2).any(|w| w[1].0 <= w[0].1) {
                problems.at(indicator, "بازه‌های عددی نباید هم‌پوشانی داشته باشند", "Number ranges must not overlap");
            }
        }
    }
}

/// A member's answers, with their age (to know which indicators apply).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberAnswers {
    pub member: String,
    pub age: Option<u32>,
    pub answers: BTreeMap<String, String>,
}

/// Everything answered in one assessment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerSet {
    /// Family indicators: id → answer.
    #[serde(default)]
    pub family: BTreeMap<String, String>,
    #[serde(default)]
    pub members: Vec<MemberAnswers>,
}

/// A capacity or harm found, with the member it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub indicator: String,
    pub member: Option<String>,
    pub name: Text,
    #[serde(default)]
    pub critical: bool,
}

/// An indicator still to answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    pub indicator: String,
    pub member: Option<String>,
}

/// What the answers come to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// 0–100, one decimal; absent for a domain with nothing answered.
    pub domain_scores: BTreeMap<AssessmentDomain, f64>,
    /// Absent until every domain has a score.
    pub tier: Option<Tier>,
    pub capacities: Vec<Finding>,
    pub harms: Vec<Finding>,
    pub missing: Vec<Missing>,
}

/// An answer that is not one the instrument offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerError {
    pub indicator: String,
    pub member: Option<String>,
    pub answer: String,
}

impl Instrument {
    /// Scores a set of answers. Unanswered indicators are listed in
    /// `missing`; an answer the instrument does not offer (or for an
    /// indicator it does not have) is an error.
    pub fn score(&self, answers: &AnswerSet) -> Result<Outcome, Vec<AnswerError>> {
        let mut errors = Vec::new();
        let unknown = |id: &str, member: Option<&str>, answer: &str| AnswerError {
            indicator: id.to_owned(),
            member: member.map(str::to_owned),
            answer: answer.to_owned(),
        };
        for (id, answer) in &answers.family {
            if self.indicator(id).is_none_or(|i| i.subject != Subject::Family) {
                errors.push(unknown(id, None, answer));
            }
        }
        for m in &answers.members {
            for (id, answer) in &m.answers {
                if self.indicator(id).is_none_or(|i| !i.applies_to_age(m.age)) {
                    errors.push(unknown(id, Some(&m.member), answer));
                }
            }
        }
        let (mut capacities, mut harms, mut missing) = (Vec::new(), Vec::new(), Vec::new());
        // (weighted sum, weight) per domain, in indicator order, so that the
        // web app's arithmetic gives the same bits.
        let mut sums: BTreeMap<AssessmentDomain, (f64, f64)> = BTreeMap::new();
        for indicator in &self.indicators {
            let asked: Vec<(Option<&str>, Option<&String>)> = match indicator.subject {
                Subject::Family => vec![(None, answers.family.get(&indicator.id))],
                Subject::Member { .. } => answers
                    .members
                    .iter()
                    .filter(|m| indicator.applies_to_age(m.age))
                    .map(|m| (Some(m.member.as_str()), m.answers.get(&indicator.id)))
                    .collect(),
            };
            let mut chosen: Vec<(Option<&str>, &AnswerOption)> = Vec::new();
            for (member, answer) in asked {
                match answer {
                    None => {
                        missing.push(Missing { indicator: indicator.id.clone(), member: member.map(str::to_owned) })
                    }
                    Some(a) => match indicator.option_for(a) {
                        Some(option) => chosen.push((member, option)),
                        None => errors.push(unknown(&indicator.id, member, a)),
                    },
                }
            }
            for (member, option) in &chosen {
                let finding = |name: &Text, critical: bool| Finding {
                    indicator: indicator.id.clone(),
                    member: member.map(str::to_owned),
                    name: name.clone(),
                    critical,
                };
                match &option.mark {
                    Some(Mark::Capacity { name }) => capacities.push(finding(name, false)),
                    Some(Mark::Harm { name, critical }) => harms.push(finding(name, *critical)),
                    None => {}
                }
            }
            // A member indicator counts with its worst answer.
            if let Some(score) = chosen.iter().map(|(_, o)| o.score).reduce(f64::min) {
                let entry = sums.entry(indicator.domain).or_insert((0.0, 0.0));
                entry.0 += indicator.weight * score;
                entry.1 += indicator.weight;
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let domain_scores: BTreeMap<AssessmentDomain, f64> =
            sums.into_iter().map(|(d, (sum, weight))| (d, round1(sum / weight))).collect();
        let tier = (domain_scores.len() == AssessmentDomain::ALL.len())
            .then(|| self.tiers.tier(&domain_scores, harms.iter().any(|h| h.critical)));
        Ok(Outcome { domain_scores, tier, capacities, harms, missing })
    }
}

impl Instrument {
    /// The answers this version asks and offers, and how many others were
    /// left out (answers given to another version, or to a member whose age
    /// it no longer asks about).
    pub fn keep_offered(&self, answers: &AnswerSet) -> (AnswerSet, usize) {
        let mut dropped = 0;
        let mut keep = |id: &str, answer: &str, asked: &dyn Fn(&Indicator) -> bool| {
            let ok = self.indicator(id).is_some_and(|i| asked(i) && i.option_for(answer).is_some());
            dropped += usize::from(!ok);
            ok
        };
        let family = answers
            .family
            .iter()
            .filter(|(id, a)| keep(id, a, &|i| i.subject == Subject::Family))
            .map(|(id, a)| (id.clone(), a.clone()))
            .collect();
        let members = answers
            .members
            .iter()
            .map(|m| MemberAnswers {
                member: m.member.clone(),
                age: m.age,
                answers: m
                    .answers
                    .iter()
                    .filter(|(id, a)| keep(id, a, &|i| i.applies_to_age(m.age)))
                    .map(|(id, a)| (id.clone(), a.clone()))
                    .collect(),
            })
            .collect();
        (AnswerSet { family, members }, dropped)
    }

    /// Scores answers given to another version of an instrument
    /// (reclassification): answers this version does not offer, or to
    /// indicators it does not have, are left out and count as missing.
    /// Returns the outcome and how many answers were left out.
    pub fn rescore(&self, answers: &AnswerSet) -> (Outcome, usize) {
        let (cleaned, dropped) = self.keep_offered(answers);
        match self.score(&cleaned) {
            Ok(outcome) => (outcome, dropped),
            // Unreachable: every answer left fits. Say so rather than panic.
            Err(errors) => (
                Outcome {
                    domain_scores: BTreeMap::new(),
                    tier: None,
                    capacities: Vec::new(),
                    harms: Vec::new(),
                    missing: Vec::new(),
                },
                dropped + errors.len(),
            ),
        }
    }
}

/// Stored answers read without copying them (reclassification scores a
/// million of these): the same JSON as [`AnswerSet`].
#[derive(Debug, Deserialize)]
pub struct AnswerSetRef<'a> {
    #[serde(borrow, default, deserialize_with = "pairs")]
    pub family: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    #[serde(borrow, default)]
    pub members: Vec<MemberAnswersRef<'a>>,
}

#[derive(Debug, Deserialize)]
pub struct MemberAnswersRef<'a> {
    pub age: Option<u32>,
    #[serde(borrow, default, deserialize_with = "pairs")]
    pub answers: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

type Pairs<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

/// A JSON object of strings as a list of pairs (no map to build).
fn pairs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Pairs<'de>, D::Error> {
    struct Visit;
    impl<'de> serde::de::Visitor<'de> for Visit {
        type Value = Pairs<'de>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object of strings")
        }
        fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
            let mut out = Vec::with_capacity(map.size_hint().unwrap_or(32));
            while let Some((k, v)) = map.next_entry::<Cow<'de, str>, Cow<'de, str>>()? {
                out.push((k, v));
            }
            Ok(out)
        }
    }
    d.deserialize_map(Visit)
}

impl Instrument {
    /// The tier and domain scores [`Instrument::rescore`] gives, without
    /// listing findings or missing answers: what reclassification needs,
    /// a million times over. `worst` is scratch space, reused between calls.
    pub fn rescore_tier(
        &self,
        answers: &AnswerSetRef<'_>,
        worst: &mut Vec<Option<f64>>,
    ) -> Option<(Tier, BTreeMap<AssessmentDomain, f64>)> {
        worst.clear();
        worst.resize(self.indicators.len(), None);
        let mut critical = false;
        let mut take = |at: usize, indicator: &Indicator, answer: &str| {
            if let Some(option) = indicator.option_for(answer) {
                if let Some(Mark::Harm { critical: true, .. }) = option.mark {
                    critical = true;
                }
                let slot = &mut worst[at];
                *slot = Some(slot.map_or(option.score, |s: f64| s.min(option.score)));
            }
        };
        for (id, answer) in &answers.family {
            if let Some(&at) = self.index.get(id.as_ref())
                && let Some(indicator) = self.indicators.get(at)
                && indicator.subject == Subject::Family
            {
                take(at, indicator, answer);
            }
        }
        for member in &answers.members {
            for (id, answer) in &member.answers {
                if let Some(&at) = self.index.get(id.as_ref())
                    && let Some(indicator) = self.indicators.get(at)
                    && indicator.applies_to_age(member.age)
                {
                    take(at, indicator, answer);
                }
            }
        }
        // Summed in indicator order, as `score` does, for the same bits.
        let mut sums: BTreeMap<AssessmentDomain, (f64, f64)> = BTreeMap::new();
        for (indicator, score) in self.indicators.iter().zip(worst.iter()) {
            if let Some(score) = score {
                let entry = sums.entry(indicator.domain).or_insert((0.0, 0.0));
                entry.0 += indicator.weight * score;
                entry.1 += indicator.weight;
            }
        }
        let scores: BTreeMap<AssessmentDomain, f64> =
            sums.into_iter().map(|(d, (sum, weight))| (d, round1(sum / weight))).collect();
        (scores.len() == AssessmentDomain::ALL.len()).then(|| (self.tiers.tier(&scores, critical), scores))
    }
}

impl TierRules {
    /// The tier for three domain scores (see `docs/instruments.md`).
    pub fn tier(&self, scores: &BTreeMap<AssessmentDomain, f64>, critical_harm: bool) -> Tier {
        let lowest = scores.values().copied().fold(f64::INFINITY, f64::min);
        if critical_harm || lowest < self.harmed_below {
            Tier::Harmed
        } else if lowest < self.at_risk_below {
            Tier::AtRisk
        } else {
            Tier::Stable
        }
    }
}

/// Rounds to one decimal, as the web app does (`Math.round(x * 10) / 10`
/// for the non-negative scores this sees).
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A small instrument: one scale per domain, a member indicator for
    /// school-age children with a critical harm, a number and a yes/no.
    const SMALL: &str = r#"
code = "small"
version = 3
title = { fa = "آزمایشی", en = "Test" }

[tiers]
harmed_below = 40
at_risk_below = 60

[[indicators]]
id = "social.cohesion"
domain = "social"
about = "family"
weight = 2
answer = "scale"
fa = "انسجام"
en = "Cohesion"
options = [
  { value = "1", score = 0, fa = "بحران", en = "Crisis", harm = { fa = "گسست", en = "Breakdown" } },
  { value = "2", score = 25, fa = "آسیب‌پذیر", en = "Vulnerable" },
  { value = "3", score = 50, fa = "ایمن", en = "Safe" },
  { value = "4", score = 75, fa = "در حال توانمندی", en = "Building" },
  { value = "5", score = 100, fa = "توانمند", en = "Empowered", capacity = { fa = "همبستگی", en = "Cohesion" } },
]

[[indicators]]
id = "social.school"
domain = "social"
about = "member"
min_age = 7
max_age = 18
weight = 1
answer = "yes_no"
fa = "در مدرسه است؟"
en = "In school?"
options = [
  { value = "yes", score = 100, fa = "بله", en = "Yes" },
  { value = "no", score = 0, fa = "خیر", en = "No", harm = { fa = "بازماندگی از تحصیل", en = "Out of school", critical = true } },
]

[[indicators]]
id = "economic.income"
domain = "economic"
about = "family"
weight = 1
answer = "number"
fa = "درآمد"
en = "Income"
options = [
  { min = 0, max = 9, score = 0, fa = "کم", en = "Low" },
  { min = 10, max = 1000, score = 80, fa = "بس", en = "Enough" },
]

[[indicators]]
id = "cultural.reading"
domain = "cultural"
about = "family"
weight = 1
answer = "choice"
fa = "مطالعه"
en = "Reading"
options = [
  { value = "never", score = 20, fa = "هرگز", en = "Never" },
  { value = "often", score = 90, fa = "اغلب", en = "Often" },
]
"#;

    fn small() -> Instrument {
        Instrument::parse(SMALL).unwrap()
    }

    /// A member's id, age and answers, written briefly in tests.
    type MemberRow<'a> = (&'a str, Option<u32>, &'a [(&'a str, &'a str)]);

    fn answers(family: &[(&str, &str)], members: &[MemberRow]) -> AnswerSet {
        let map = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        AnswerSet {
            family: map(family),
            members: members
                .iter()
                .map(|(m, age, a)| MemberAnswers { member: m.to_string(), age: *age, answers: map(a) })
                .collect(),
        }
    }

    #[test]
    fn a_good_file_parses() {
        let i = small();
        assert_eq!((i.code.as_str(), i.version, i.indicators.len()), ("small", 3, 4));
        assert_eq!(
            i.indicator("social.school").unwrap().subject,
            Subject::Member { min_age: Some(7), max_age: Some(18) }
        );
    }

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let broken = SMALL
            .replace("weight = 2", "weight = 0")
            .replace("domain = \"cultural\"", "domain = \"spiritual\"")
            .replace("{ min = 10, max = 1000", "{ min = 5, max = 1000");
        let errors = Instrument::parse(&broken).unwrap_err();
        let line_of = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
        let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.message_en.as_str())).collect();
        assert!(found.contains(&(line_of("weight = 0"), "The weight must be above zero")), "{found:?}");
        assert!(
            found.contains(&(line_of("spiritual"), "The domain must be social, economic or cultural")),
            "{found:?}"
        );
        assert!(found.iter().any(|(_, m)| *m == "Number ranges must not overlap"), "{found:?}");
        assert!(found.iter().any(|(_, m)| *m == "The cultural domain has no indicator"), "{found:?}");
        assert!(errors.iter().all(|e| !e.message_fa.is_empty()));

        let syntax = Instrument::parse("code = \"x\"\nversion = \n").unwrap_err();
        assert_eq!(syntax[0].line, 2);
        let scale = SMALL.replace("{ value = \"4\", score = 75", "{ value = \"4\", score = 5");
        let e = Instrument::parse(&scale).unwrap_err();
        assert_eq!(e[0].message_en, "Scale scores must not decrease from 1 to 5");
        assert_eq!(
            e[0].line,
            SMALL.lines().position(|l| l.contains("social.cohesion")).unwrap(),
            "the [[indicators]] line"
        );
    }

    #[test]
    fn scores_capacities_harms_and_tier() {
        let i = small();
        let all_good = answers(
            &[("social.cohesion", "5"), ("economic.income", "۲۰"), ("cultural.reading", "often")],
            &[("child", Some(10), &[("social.school", "yes")]), ("father", Some(40), &[])],
        );
        let o = i.score(&all_good).unwrap();
        assert!(o.missing.is_empty(), "the father is not of school age: {:?}", o.missing);
        assert_eq!(o.domain_scores[&AssessmentDomain::Social], 100.0);
        assert_eq!(o.domain_scores[&AssessmentDomain::Economic], 80.0);
        assert_eq!(o.tier, Some(Tier::Stable));
        assert_eq!(o.capacities.len(), 1);

        // Weighted mean: (2×25 + 1×100) / 3 = 50 → at-risk.
        let mut middling = all_good.clone();
        middling.family.insert("social.cohesion".into(), "2".into());
        let o = i.score(&middling).unwrap();
        assert_eq!(o.domain_scores[&AssessmentDomain::Social], 50.0);
        assert_eq!(o.tier, Some(Tier::AtRisk));

        // One child out of school: the worst member counts, and the harm is critical.
        let mut out = all_good.clone();
        out.members.push(MemberAnswers {
            member: "second".into(),
            age: Some(12),
            answers: [("social.school".to_owned(), "no".to_owned())].into(),
        });
        let o = i.score(&out).unwrap();
        assert_eq!(o.domain_scores[&AssessmentDomain::Social], round1(200.0 / 3.0));
        assert_eq!(o.tier, Some(Tier::Harmed));
        assert_eq!(o.harms[0].member.as_deref(), Some("second"));
        assert!(o.harms[0].critical);
    }

    #[test]
    fn unanswered_and_wrong_answers() {
        let i = small();
        let o = i.score(&answers(&[("social.cohesion", "3")], &[("child", None, &[])])).unwrap();
        assert_eq!(o.tier, None, "no economic or cultural score yet");
        assert_eq!(o.missing.len(), 3, "{:?}", o.missing);
        let bad = i.score(&answers(&[("social.cohesion", "9"), ("no.such", "1")], &[])).unwrap_err();
        assert_eq!(bad.len(), 2);
        let adult = i.score(&answers(&[], &[("father", Some(40), &[("social.school", "yes")])])).unwrap_err();
        assert_eq!(adult[0].indicator, "social.school", "not asked of a 40-year-old");
    }

    #[test]
    fn rescoring_leaves_out_what_a_new_version_does_not_ask() {
        let i = small();
        // Version 4 asks about cohesion and reading differently.
        let v4 = Instrument::parse(
            &SMALL
                .replace("version = 3", "version = 4")
                .replace("id = \"social.cohesion\"", "id = \"social.bonds\"")
                .replace("id = \"cultural.reading\"", "id = \"cultural.books\""),
        )
        .unwrap();
        let given = answers(
            &[("social.cohesion", "2"), ("economic.income", "20"), ("cultural.reading", "often")],
            &[("child", Some(10), &[("social.school", "no")])],
        );
        assert_eq!(i.rescore(&given), (i.score(&given).unwrap(), 0), "the same version changes nothing");
        let (o, dropped) = v4.rescore(&given);
        assert_eq!(dropped, 2);
        assert_eq!(o.tier, None, "nothing cultural is left");
        assert_eq!(o.domain_scores[&AssessmentDomain::Social], 0.0, "only the child's answer counts");
        assert!(o.missing.iter().any(|m| m.indicator == "social.bonds"));
        assert!(o.missing.iter().any(|m| m.indicator == "cultural.books"));
        let fast = |i: &Instrument, a: &AnswerSet| {
            let json = serde_json::to_string(a).unwrap();
            i.rescore_tier(&serde_json::from_str(&json).unwrap(), &mut Vec::new())
        };
        assert_eq!(fast(&v4, &given), None, "the fast path leaves out the same answers");
        let mut complete = given.clone();
        complete.family.insert("social.bonds".into(), "4".into());
        complete.family.insert("cultural.books".into(), "often".into());
        let (o, dropped) = v4.rescore(&complete);
        assert_eq!(dropped, 2);
        assert_eq!(fast(&v4, &complete), o.tier.map(|t| (t, o.domain_scores)));
        assert_eq!(o.tier, Some(Tier::Harmed), "the child out of school is a critical harm");
    }

    /// The web app scores with the instrument as the API sends it (this
    /// JSON form); its tests read `instruments/default.json`, kept here in
    /// step with `default.toml`.
    #[test]
    fn the_json_form_of_the_default_instrument_is_current() {
        let instrument = Instrument::parse(include_str!("../../../instruments/default.toml")).unwrap();
        let json = serde_json::to_string_pretty(&instrument).unwrap() + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../instruments/default.json");
        if std::env::var_os("HAMYAR_WRITE_INSTRUMENT_JSON").is_some() {
            std::fs::write(path, &json).unwrap();
        }
        let stored = std::fs::read_to_string(path).unwrap_or_default();
        assert!(stored == json, "instruments/default.json is stale: run with HAMYAR_WRITE_INSTRUMENT_JSON=1");
    }

    /// The golden vectors (written by `scripts/golden_vectors.py`, a second
    /// implementation of the rules) against the default instrument.
    #[test]
    fn golden_vectors_of_the_default_instrument() {
        let instrument = Instrument::parse(include_str!("../../../instruments/default.toml")).unwrap();
        let golden: serde_json::Value = serde_json::from_str(include_str!("../../../instruments/golden.json")).unwrap();
        let vectors = golden["vectors"].as_array().unwrap();
        assert!(vectors.len() >= 40);
        let brief = |list: &[Finding]| -> Vec<(String, Option<String>, bool)> {
            list.iter().map(|f| (f.indicator.clone(), f.member.clone(), f.critical)).collect()
        };
        let expected_brief = |v: &serde_json::Value| -> Vec<(String, Option<String>, bool)> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    (
                        f["indicator"].as_str().unwrap().to_owned(),
                        f["member"].as_str().map(str::to_owned),
                        f["critical"].as_bool().unwrap(),
                    )
                })
                .collect()
        };
        for v in vectors {
            let name = v["name"].as_str().unwrap();
            let answers: AnswerSet = serde_json::from_value(v["answers"].clone()).unwrap();
            let got = instrument.score(&answers).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            let want = &v["expected"];
            let want_scores: BTreeMap<AssessmentDomain, f64> =
                serde_json::from_value(want["domain_scores"].clone()).unwrap();
            assert_eq!(got.domain_scores, want_scores, "{name}");
            let want_tier: Option<Tier> = serde_json::from_value(want["tier"].clone()).unwrap();
            assert_eq!(got.tier, want_tier, "{name}");
            assert_eq!(brief(&got.capacities), expected_brief(&want["capacities"]), "{name}");
            assert_eq!(brief(&got.harms), expected_brief(&want["harms"]), "{name}");
            let want_missing: Vec<Missing> = serde_json::from_value(want["missing"].clone()).unwrap();
            assert_eq!(got.missing, want_missing, "{name}");
        }
        let tiers: HashSet<Option<Tier>> =
            vectors.iter().map(|v| serde_json::from_value(v["expected"]["tier"].clone()).unwrap()).collect();
        assert!(tiers.len() >= 3, "the vectors reach several tiers: {tiers:?}");
    }

    fn any_answers(i: &Instrument) -> impl Strategy<Value = AnswerSet> + use<> {
        let family: Vec<(String, Vec<String>)> = i
            .indicators
            .iter()
            .filter(|x| x.subject == Subject::Family)
            .map(|x| {
                let values = x
                    .options
                    .iter()
                    .map(|o| match &o.value {
                        OptionValue::Value { value } => value.clone(),
                        OptionValue::Range { min, .. } => min.to_string(),
                    })
                    .collect();
                (x.id.clone(), values)
            })
            .collect();
        let picks = family
            .into_iter()
            .map(|(id, values)| (Just(id), prop::option::of(prop::sample::select(values))))
            .collect::<Vec<_>>();
        let members = prop::collection::vec((prop::option::of(0u32..90), prop::option::of(any::<bool>())), 0..6);
        (picks, members).prop_map(|(picks, members)| AnswerSet {
            family: picks.into_iter().filter_map(|(id, v)| v.map(|v| (id, v))).collect(),
            members: members
                .into_iter()
                .enumerate()
                .map(|(n, (age, school))| MemberAnswers {
                    member: format!("m{n}"),
                    age,
                    answers: match school {
                        Some(s) if age.is_none_or(|a| (7..=18).contains(&a)) => {
                            [("social.school".to_owned(), if s { "yes" } else { "no" }.to_owned())].into()
                        }
                        _ => BTreeMap::new(),
                    },
                })
                .collect(),
        })
    }

    proptest! {
        #[test]
        fn scores_stay_in_range_and_a_critical_harm_means_harmed(a in any_answers(&small())) {
            let o = small().score(&a).unwrap();
            for score in o.domain_scores.values() {
                prop_assert!((0.0..=100.0).contains(score));
            }
            if o.harms.iter().any(|h| h.critical) {
                prop_assert!(o.tier.is_none() || o.tier == Some(Tier::Harmed));
            }
            prop_assert_eq!(o.tier.is_some(), o.domain_scores.len() == 3);
            prop_assert_eq!(small().score(&a).unwrap(), o.clone(), "deterministic");
            prop_assert_eq!(small().rescore(&a), (o.clone(), 0), "rescoring valid answers is scoring");
            let json = serde_json::to_string(&a).unwrap();
            let fast = small().rescore_tier(&serde_json::from_str(&json).unwrap(), &mut Vec::new());
            prop_assert_eq!(fast, o.tier.map(|t| (t, o.domain_scores.clone())), "the fast path agrees");
        }

        #[test]
        fn the_tier_never_improves_as_scores_fall(
            scores in prop::array::uniform3(0.0f64..=100.0),
            drop in 0.0f64..=100.0,
            critical in any::<bool>(),
        ) {
            let rules = small().tiers;
            let map = |s: [f64; 3]| AssessmentDomain::ALL.into_iter().zip(s).collect::<BTreeMap<_, _>>();
            let lower = [scores[0] - drop.min(scores[0]), scores[1], scores[2]];
            prop_assert!(rules.tier(&map(lower), critical) >= rules.tier(&map(scores), critical));
            if critical {
                prop_assert_eq!(rules.tier(&map(scores), true), Tier::Harmed);
            }
        }
    }
}
