//! General assistance (همیاری عمومی): a center's group programs for its
//! stable and at-risk families — sessions, targeting from the registry
//! (leaving out who took the same topic recently), invitations,
//! registration of members, couples and walk-ins, attendance, certificates
//! of completion, and outcomes per program, family and month.

use crate::{
    Actor, AppError, Hamyar,
    model::{
        Family, Member, Program, ProgramAttendance, ProgramSession, ProgramsWrite, Registration, SyncMeta, WalkIn,
    },
    orgs::parse_date,
    policy::{self, Action},
};
use chrono::{Datelike, NaiveDate, NaiveTime};
use hamyar_domain::{
    FieldError,
    assistance::parse_domain,
    family::{MaritalStatus, Phone, Relation, Sex},
    organization::{Name, optional_text},
    persian::search_key,
    programs::{Audience, Person, ProgramKind, Target, completed},
    tier::Tier,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// Whom a program is for, as the form gives it. Empty lists: any.
#[derive(Debug, Clone, Default)]
pub struct TargetInput {
    pub tiers: Vec<String>,
    pub audience: Option<String>,
    pub age_min: Option<i64>,
    pub age_max: Option<i64>,
    pub sex: Option<String>,
    pub marital: Vec<String>,
    pub relations: Vec<String>,
    pub neighborhoods: Vec<String>,
    pub recent_months: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct ProgramInput {
    pub id: Option<Uuid>,
    /// Defaults to the manager's center.
    pub center_id: Option<Uuid>,
    pub kind: String,
    pub domain: String,
    pub topic: String,
    pub description: String,
    pub organizer_center_id: Option<Uuid>,
    pub organizer_resource_id: Option<Uuid>,
    pub target: TargetInput,
    pub place: String,
    pub online_link: String,
    pub capacity: Option<i64>,
    pub facilitator: String,
    pub channel: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub reported_reach: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct ProgramSessionInput {
    pub id: Option<Uuid>,
    pub held_on: String,
    /// `HH:MM`, any digits.
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub title: String,
}

#[derive(Debug, Clone, Default)]
pub struct WalkInInput {
    pub id: Option<Uuid>,
    pub first_name: String,
    pub last_name: String,
    pub mobile: String,
    pub sex: String,
    pub birth_year: Option<i64>,
    pub neighborhood: String,
}

/// Who to register: members of the registry (with `couple`, two members
/// registered as a couple), or a walk-in.
#[derive(Debug, Clone, Default)]
pub struct RegisterInput {
    pub member_ids: Vec<Uuid>,
    pub couple: bool,
    pub walk_in: Option<WalkInInput>,
}

/// Someone a program's target picks from the registry.
#[derive(Debug, Clone)]
pub struct Invitee {
    pub member: Member,
    pub family: Family,
    pub tier: Option<Tier>,
    pub age: Option<u32>,
    pub registered: bool,
}

pub struct Targeting {
    pub invitees: Vec<Invitee>,
    /// Matching, but left out: they attended the same topic recently.
    pub recently_attended: usize,
    /// The short invitation (Persian) for the list and messages.
    pub message: String,
}

/// A participant with their name and where they come from.
pub struct Participant {
    pub registration: Registration,
    pub name: String,
    pub mobile: String,
    pub family_name: Option<String>,
    pub tier: Option<Tier>,
    pub neighborhood: String,
    pub walk_in: Option<WalkIn>,
    /// Sessions attended (present) of those held so far.
    pub attended: usize,
    /// A course's participant who attended four in five of all its
    /// sessions (so not before the course has run far enough).
    pub completed: bool,
}

/// What a program reached.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgramReport {
    pub registered: usize,
    /// Participants present at least once.
    pub reached: usize,
    /// By tier code (`unassessed`, `walk_in` for those outside the registry).
    pub by_tier: BTreeMap<String, usize>,
    pub by_neighborhood: BTreeMap<String, usize>,
    pub sessions_held: usize,
    /// Present marks over (participants × sessions held), 0–1.
    pub attendance_rate: f64,
    pub completed: usize,
}

pub struct ProgramDetail {
    pub program: Program,
    pub sessions: Vec<ProgramSession>,
    /// Only to those who run the program.
    pub participants: Option<Vec<Participant>>,
    pub attendance: Option<Vec<ProgramAttendance>>,
    pub report: Option<ProgramReport>,
    pub can_manage: bool,
    pub organizer_name: Option<String>,
    pub today: NaiveDate,
}

/// One program a family took part in.
pub struct FamilyProgram {
    pub program: Program,
    pub member_ids: Vec<Uuid>,
    pub sessions_held: usize,
    /// By member.
    pub attended: HashMap<Uuid, usize>,
    pub completed: Vec<Uuid>,
}

/// A certificate of completion's contents.
pub struct Certificate {
    pub participant: String,
    pub program: Program,
    pub center_name: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub attended: usize,
    pub held: usize,
    pub issued_on: NaiveDate,
}

/// Programs and participants of a center in one Solar Hijri month.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthRow {
    /// The first day of the Solar Hijri month (as a Gregorian date).
    pub month: NaiveDate,
    pub center_id: Uuid,
    pub programs: usize,
    pub participants: usize,
}

/// The first day of the Solar Hijri month a day falls in: the months the
/// centers count by.
fn solar_month_start(day: NaiveDate) -> NaiveDate {
    let (m, d) = (u8::try_from(day.month()).unwrap_or(1), u8::try_from(day.day()).unwrap_or(1));
    hamyar_domain::jalali::JalaliDate::from_gregorian(day.year(), m, d)
        .ok()
        .map(|j| j.first_of_month().to_gregorian())
        .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d)))
        .unwrap_or(day)
}

fn years_on(birth: NaiveDate, day: NaiveDate) -> Option<u32> {
    let mut years = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

fn time(field: &'static str, raw: Option<&str>) -> Result<Option<NaiveTime>, FieldError> {
    match raw.map(hamyar_domain::persian::normalize_digits).as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M")
            .map(Some)
            .map_err(|_| FieldError::new(field, "time", "ساعت را به شکل ۱۶:۳۰ بنویسید / Write the time as 16:30")),
    }
}

fn count(field: &'static str, n: Option<i64>) -> Result<Option<u32>, FieldError> {
    match n {
        None => Ok(None),
        Some(n) => {
            u32::try_from(n).ok().filter(|n| *n <= 10_000_000).map(Some).ok_or_else(|| {
                FieldError::new(field, "range", "عدد باید نامنفی باشد / The number must not be negative")
            })
        }
    }
}

fn target_of(input: &TargetInput) -> Result<Target, FieldError> {
    let tier_of = |c: &String| {
        Tier::ALL
            .into_iter()
            .find(|t| t.code() == c.trim())
            .ok_or_else(|| FieldError::new("tiers", "unknown", format!("سطح نامعتبر / Unknown tier: {}", c.trim())))
    };
    let age = |field: &'static str, n: Option<i64>| -> Result<Option<u32>, FieldError> {
        match n {
            None => Ok(None),
            Some(n) => u32::try_from(n)
                .map(Some)
                .map_err(|_| FieldError::new(field, "range", "سن باید از ۰ تا ۱۲۰ باشد / The age must be 0–120")),
        }
    };
    let mut neighborhoods: Vec<String> =
        input.neighborhoods.iter().map(|n| search_key(n)).filter(|n| !n.is_empty()).collect();
    neighborhoods.dedup();
    Target {
        tiers: input.tiers.iter().map(tier_of).collect::<Result<_, _>>()?,
        audience: match input.audience.as_deref().map(str::trim) {
            None | Some("") => Audience::Members,
            Some(a) => Audience::parse(a)?,
        },
        age_min: age("age_min", input.age_min)?,
        age_max: age("age_max", input.age_max)?,
        sex: input.sex.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(Sex::parse).transpose()?,
        marital: input.marital.iter().map(|m| MaritalStatus::parse(m)).collect::<Result<_, _>>()?,
        relations: input.relations.iter().map(|r| Relation::parse(r)).collect::<Result<_, _>>()?,
        neighborhoods,
        recent_months: match input.recent_months {
            None => Target::default().recent_months,
            Some(n) => u32::try_from(n).map_err(|_| {
                FieldError::new("recent_months", "range", "بازهٔ «به‌تازگی» نامعتبر است / Invalid \"recently\"")
            })?,
        },
    }
    .checked()
}

impl Hamyar {
    async fn visible_program(&self, actor: &Actor, id: Uuid) -> Result<Program, AppError> {
        let program = self.store.get_program(id).await?.ok_or(AppError::NotFound)?;
        let read = Action::ReadPrograms { hq_id: program.hq_id, center_id: program.center_id };
        policy::authorize(actor, read).map_err(|_| AppError::NotFound)?;
        Ok(program)
    }

    async fn managed_program(&self, actor: &Actor, id: Uuid) -> Result<Program, AppError> {
        let program = self.visible_program(actor, id).await?;
        policy::authorize(actor, Action::ManagePrograms { center_id: program.center_id })?;
        Ok(program)
    }

    async fn save_programs(&self, actor: &Actor, write: ProgramsWrite) -> Result<(), AppError> {
        self.store.save_programs(self.write_ctx(Some(actor)), &write).await?;
        Ok(())
    }

    async fn program_fields(&self, actor: &Actor, mut p: Program, input: &ProgramInput) -> Result<Program, AppError> {
        p.kind = ProgramKind::parse(&input.kind)?;
        p.domain = parse_domain("domain", &input.domain)?;
        p.topic = Name::parse("topic", &input.topic, 200)?.into_string();
        p.topic_key = search_key(&p.topic);
        p.description = optional_text("description", Some(&input.description), 4000)?;
        p.organizer_center_id = match input.organizer_center_id {
            None => None,
            Some(c) => match self.store.get_center(c).await? {
                Some(center) if center.hq_id == p.hq_id => Some(c),
                _ => {
                    return Err(
                        FieldError::new("organizer_center_id", "unknown", "مرکز پیدا نشد / Center not found").into()
                    );
                }
            },
        };
        p.organizer_resource_id = match input.organizer_resource_id {
            None => None,
            Some(r) => {
                let resource = self.visible_resource(actor, r).await.map_err(|_| {
                    AppError::from(FieldError::new(
                        "organizer_resource_id",
                        "unknown",
                        "منبع پیدا نشد / Resource not found",
                    ))
                })?;
                Some(resource.id)
            }
        };
        if p.organizer_center_id.is_some() && p.organizer_resource_id.is_some() {
            return Err(FieldError::new(
                "organizer_resource_id",
                "both",
                "برگزارکننده یا مرکزی دیگر است یا یک نهاد، نه هر دو / The organizer is another center or an organization, not both",
            )
            .into());
        }
        p.target = target_of(&input.target)?;
        p.place = optional_text("place", Some(&input.place), 300)?;
        p.online_link = optional_text("online_link", Some(&input.online_link), 500)?;
        p.capacity = count("capacity", input.capacity)?;
        p.facilitator = optional_text("facilitator", Some(&input.facilitator), 200)?;
        p.channel = optional_text("channel", Some(&input.channel), 200)?;
        p.starts_on = input.starts_on.as_deref().map(|d| parse_date("starts_on", d)).transpose()?;
        p.ends_on = input.ends_on.as_deref().map(|d| parse_date("ends_on", d)).transpose()?;
        if let (Some(a), Some(b)) = (p.starts_on, p.ends_on)
            && b < a
        {
            return Err(
                FieldError::new("ends_on", "range", "پایان پیش از آغاز است / The end is before the start").into()
            );
        }
        p.reported_reach = count("reported_reach", input.reported_reach)?;
        Ok(p)
    }

    pub async fn create_program(&self, actor: &Actor, input: ProgramInput) -> Result<ProgramDetail, AppError> {
        let center_id = input.center_id.or(actor.center_id).ok_or(AppError::Forbidden)?;
        policy::authorize(actor, Action::ManagePrograms { center_id })?;
        let center = self.store.get_center(center_id).await?.ok_or(AppError::NotFound)?;
        let blank = Program {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            hq_id: center.hq_id,
            center_id,
            kind: ProgramKind::Workshop,
            domain: hamyar_domain::tier::AssessmentDomain::Social,
            topic: String::new(),
            topic_key: String::new(),
            description: String::new(),
            organizer_center_id: None,
            organizer_resource_id: None,
            target: Target::default(),
            place: String::new(),
            online_link: String::new(),
            capacity: None,
            facilitator: String::new(),
            channel: String::new(),
            starts_on: None,
            ends_on: None,
            reported_reach: None,
            meta: SyncMeta::new(self.clock.now()),
        };
        let program = self.program_fields(actor, blank, &input).await?;
        self.save_programs(actor, ProgramsWrite { programs: vec![program.clone()], ..Default::default() }).await?;
        self.program_detail(actor, program.id).await
    }

    pub async fn update_program(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        input: ProgramInput,
    ) -> Result<ProgramDetail, AppError> {
        let current = self.managed_program(actor, id).await?;
        if current.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let mut next = self.program_fields(actor, current.clone(), &input).await?;
        next.meta = current.meta.bumped(self.clock.now());
        self.save_programs(actor, ProgramsWrite { programs: vec![next], ..Default::default() }).await?;
        self.program_detail(actor, id).await
    }

    /// Programs the actor may see, newest first: a center's, or every
    /// center's of a headquarters.
    pub async fn list_programs(&self, actor: &Actor) -> Result<Vec<(Program, Vec<ProgramSession>)>, AppError> {
        let centers: Vec<Uuid> = match (actor.role, actor.center_id, actor.hq_id) {
            (hamyar_domain::role::Role::HqAdmin, _, Some(_)) => {
                self.store.list_centers(policy::center_scope(actor)).await?.into_iter().map(|c| c.id).collect()
            }
            (_, Some(center), _) => vec![center],
            _ => Vec::new(),
        };
        let programs: Vec<Program> = self
            .store
            .center_programs(&centers)
            .await?
            .into_iter()
            .filter(|p| {
                policy::authorize(actor, Action::ReadPrograms { hq_id: p.hq_id, center_id: p.center_id }).is_ok()
            })
            .collect();
        let ids: Vec<Uuid> = programs.iter().map(|p| p.id).collect();
        let sessions = self.store.program_sessions(&ids).await?;
        Ok(programs
            .into_iter()
            .map(|p| {
                let own = sessions.iter().filter(|s| s.program_id == p.id).cloned().collect();
                (p, own)
            })
            .collect())
    }

    async fn program_session_fields(
        &self,
        mut s: ProgramSession,
        input: &ProgramSessionInput,
    ) -> Result<ProgramSession, AppError> {
        s.held_on = parse_date("held_on", &input.held_on)?;
        let today = self.today();
        if (s.held_on - today).num_days().abs() > 3 * 366 {
            return Err(
                FieldError::new("held_on", "date", "تاریخ در بازهٔ پذیرفتنی نیست / The date is out of range").into()
            );
        }
        s.starts_at = time("starts_at", input.starts_at.as_deref())?;
        s.ends_at = time("ends_at", input.ends_at.as_deref())?;
        if let (Some(a), Some(b)) = (s.starts_at, s.ends_at)
            && b <= a
        {
            return Err(
                FieldError::new("ends_at", "range", "پایان پیش از آغاز است / The end is before the start").into()
            );
        }
        s.title = optional_text("title", Some(&input.title), 200)?;
        Ok(s)
    }

    pub async fn add_program_session(
        &self,
        actor: &Actor,
        program_id: Uuid,
        input: ProgramSessionInput,
    ) -> Result<ProgramDetail, AppError> {
        let program = self.managed_program(actor, program_id).await?;
        if program.kind.is_campaign() {
            return Err(FieldError::new(
                "held_on",
                "campaign",
                "پویش رسانه‌ای جلسه ندارد؛ تاریخ‌ها و دسترسی آن را در خود برنامه بنویسید / A media campaign has no sessions; give its dates and reach on the program",
            )
            .into());
        }
        let blank = ProgramSession {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            program_id,
            held_on: self.today(),
            starts_at: None,
            ends_at: None,
            title: String::new(),
            meta: SyncMeta::new(self.clock.now()),
        };
        let session = self.program_session_fields(blank, &input).await?;
        self.save_programs(actor, ProgramsWrite { sessions: vec![session], ..Default::default() }).await?;
        self.program_detail(actor, program_id).await
    }

    async fn managed_program_session(&self, actor: &Actor, id: Uuid) -> Result<(ProgramSession, Program), AppError> {
        let session = self.store.get_program_session(id).await?.ok_or(AppError::NotFound)?;
        let program = self.managed_program(actor, session.program_id).await?;
        Ok((session, program))
    }

    pub async fn update_program_session(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        input: ProgramSessionInput,
    ) -> Result<ProgramDetail, AppError> {
        let (current, program) = self.managed_program_session(actor, id).await?;
        if current.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let mut next = self.program_session_fields(current.clone(), &input).await?;
        next.meta = current.meta.bumped(self.clock.now());
        self.save_programs(actor, ProgramsWrite { sessions: vec![next], ..Default::default() }).await?;
        self.program_detail(actor, program.id).await
    }

    pub async fn remove_program_session(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
    ) -> Result<ProgramDetail, AppError> {
        let (current, program) = self.managed_program_session(actor, id).await?;
        if current.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let now = self.clock.now();
        let mut gone = current.clone();
        gone.meta = current.meta.bumped(now);
        gone.meta.deleted_at = Some(now);
        self.save_programs(actor, ProgramsWrite { sessions: vec![gone], ..Default::default() }).await?;
        self.program_detail(actor, program.id).await
    }

    /// The day ages are counted on: the first session's, else the
    /// campaign's start, else today.
    fn reference_day(&self, program: &Program, sessions: &[ProgramSession]) -> NaiveDate {
        sessions.iter().map(|s| s.held_on).min().or(program.starts_on).unwrap_or_else(|| self.today())
    }

    /// Everyone of the center's registry the program's target picks, less
    /// those who attended the same topic in the recent months.
    pub async fn program_targeting(&self, actor: &Actor, id: Uuid) -> Result<Targeting, AppError> {
        let program = self.managed_program(actor, id).await?;
        let sessions = self.store.program_sessions(&[id]).await?;
        let day = self.reference_day(&program, &sessions);
        let (families, members) = self.store.center_registry(program.center_id).await?;
        let family_ids: Vec<Uuid> = families.iter().map(|f| f.id).collect();
        let tiers = self.store.family_tiers(&family_ids).await?;
        let recent: HashSet<Uuid> = if program.target.recent_months == 0 {
            HashSet::new()
        } else {
            let since = day - chrono::Months::new(program.target.recent_months);
            self.store.attended_topic_since(program.hq_id, &program.topic_key, since).await?.into_iter().collect()
        };
        let registered: HashSet<Uuid> =
            self.store.program_registrations(&[id]).await?.into_iter().filter_map(|r| r.member_id).collect();
        let mut by_family: HashMap<Uuid, Vec<&Member>> = HashMap::new();
        for m in &members {
            by_family.entry(m.family_id).or_default().push(m);
        }
        let mut invitees = Vec::new();
        let mut recently_attended = 0;
        for family in &families {
            if family.status != hamyar_domain::family::FamilyStatus::Active {
                continue;
            }
            let tier = tiers.get(&family.id).copied();
            if !program.target.family_matches(tier, &search_key(&family.neighborhood)) {
                continue;
            }
            let own = by_family.get(&family.id).cloned().unwrap_or_default();
            let people: Vec<Person> = own
                .iter()
                .map(|m| Person {
                    age: m.birth_date.and_then(|b| years_on(b, day)),
                    sex: m.sex,
                    marital: m.marital_status,
                    relation: if Some(m.id) == family.head_member_id { Relation::Head } else { m.relation },
                })
                .collect();
            for i in program.target.invitees(&people) {
                let member = own[i];
                if recent.contains(&member.id) {
                    recently_attended += 1;
                    continue;
                }
                invitees.push(Invitee {
                    member: member.clone(),
                    family: family.clone(),
                    tier,
                    age: people[i].age,
                    registered: registered.contains(&member.id),
                });
            }
        }
        let message = self.invitation_message(&program, &sessions).await?;
        Ok(Targeting { invitees, recently_attended, message })
    }

    /// «خانوادهٔ گرامی، …» — the short invitation sent with the list.
    async fn invitation_message(&self, program: &Program, sessions: &[ProgramSession]) -> Result<String, AppError> {
        let center = self.store.get_center(program.center_id).await?.map(|c| c.name).unwrap_or_default();
        let when = match sessions.iter().map(|s| s.held_on).min() {
            Some(first) => {
                let j = hamyar_domain::jalali::JalaliDate::from_gregorian(
                    first.year(),
                    u8::try_from(first.month()).unwrap_or(1),
                    u8::try_from(first.day()).unwrap_or(1),
                )?;
                format!(" از {}", j.to_persian_digits_string())
            }
            None => String::new(),
        };
        let place = if program.place.is_empty() { String::new() } else { format!("، در {}", program.place) };
        Ok(format!(
            "با سلام؛ {center} شما را به «{}»{when}{place} دعوت می‌کند. حضور شما مایهٔ دلگرمی ماست.",
            program.topic
        ))
    }

    /// Registers members (a couple: two members, named as each other's
    /// partner) or a walk-in. Already registered members are skipped.
    pub async fn register_participants(
        &self,
        actor: &Actor,
        program_id: Uuid,
        input: RegisterInput,
    ) -> Result<Vec<Registration>, AppError> {
        let program = self.managed_program(actor, program_id).await?;
        let existing = self.store.program_registrations(&[program_id]).await?;
        let now = self.clock.now();
        let mut write = ProgramsWrite::default();
        let mut made = Vec::new();
        if let Some(w) = &input.walk_in {
            let walk_in = WalkIn {
                id: w.id.unwrap_or_else(Uuid::now_v7),
                center_id: program.center_id,
                first_name: Name::parse("first_name", &w.first_name, 100)?.into_string(),
                last_name: optional_text("last_name", Some(&w.last_name), 100)?,
                mobile: match w.mobile.trim() {
                    "" => String::new(),
                    raw => Phone::parse("mobile", raw)?.into_string(),
                },
                sex: Sex::parse(&w.sex)?,
                birth_year: w
                    .birth_year
                    .map(|y| {
                        i32::try_from(y).ok().filter(|y| (1900..=2100).contains(y)).ok_or_else(|| {
                            FieldError::new("birth_year", "range", "سال تولد نامعتبر است / Invalid birth year")
                        })
                    })
                    .transpose()?,
                neighborhood: optional_text("neighborhood", Some(&w.neighborhood), 200)?,
                member_id: None,
                meta: SyncMeta::new(now),
            };
            made.push(Registration {
                id: Uuid::now_v7(),
                program_id,
                member_id: None,
                family_id: None,
                walk_in_id: Some(walk_in.id),
                partner_id: None,
                registered_by: Some(actor.user_id),
                meta: SyncMeta::new(now),
            });
            write.walk_ins.push(walk_in);
        }
        if input.couple && input.member_ids.len() != 2 {
            return Err(FieldError::new("member_ids", "couple", "زوج یعنی دو نفر / A couple is two people").into());
        }
        for id in &input.member_ids {
            let member = self.store.get_member(*id).await?.filter(|m| m.meta.deleted_at.is_none());
            let Some(member) = member else {
                return Err(FieldError::new("member_ids", "unknown", "فرد پیدا نشد / Member not found").into());
            };
            let family = self.store.get_family(member.family_id).await?.ok_or(AppError::NotFound)?;
            if family.center_id != program.center_id {
                return Err(FieldError::new("member_ids", "unknown", "فرد پیدا نشد / Member not found").into());
            }
            if existing.iter().any(|r| r.member_id == Some(member.id))
                || made.iter().any(|r| r.member_id == Some(member.id))
            {
                continue;
            }
            made.push(Registration {
                id: Uuid::now_v7(),
                program_id,
                member_id: Some(member.id),
                family_id: Some(family.id),
                walk_in_id: None,
                partner_id: None,
                registered_by: Some(actor.user_id),
                meta: SyncMeta::new(now),
            });
        }
        if input.couple && made.len() == 2 {
            let (a, b) = (made[0].id, made[1].id);
            made[0].partner_id = Some(b);
            made[1].partner_id = Some(a);
        }
        if let Some(cap) = program.capacity
            && existing.len() + made.len() > cap as usize
        {
            return Err(FieldError::new(
                "member_ids",
                "capacity",
                format!("ظرفیت این برنامه {cap} نفر است / This program takes {cap} people"),
            )
            .into());
        }
        write.registrations = made.clone();
        self.save_programs(actor, write).await?;
        Ok(made)
    }

    pub async fn unregister(&self, actor: &Actor, registration_id: Uuid, version: i64) -> Result<(), AppError> {
        let r = self.store.get_registration(registration_id).await?.ok_or(AppError::NotFound)?;
        self.managed_program(actor, r.program_id).await?;
        if r.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let now = self.clock.now();
        let mut gone = r.clone();
        gone.meta = r.meta.bumped(now);
        gone.meta.deleted_at = Some(now);
        self.save_programs(actor, ProgramsWrite { registrations: vec![gone], ..Default::default() }).await
    }

    /// Links a walk-in to the registry's member they turned out to be; their
    /// registrations then count for that member's family.
    pub async fn link_walk_in(
        &self,
        actor: &Actor,
        walk_in_id: Uuid,
        version: i64,
        member_id: Uuid,
    ) -> Result<WalkIn, AppError> {
        let walk_in = self.store.get_walk_in(walk_in_id).await?.ok_or(AppError::NotFound)?;
        policy::authorize(actor, Action::ManagePrograms { center_id: walk_in.center_id })
            .map_err(|_| AppError::NotFound)?;
        if walk_in.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let member = self.store.get_member(member_id).await?.filter(|m| m.meta.deleted_at.is_none());
        let member = member.ok_or_else(|| {
            AppError::from(FieldError::new("member_id", "unknown", "فرد پیدا نشد / Member not found"))
        })?;
        let family = self.store.get_family(member.family_id).await?.ok_or(AppError::NotFound)?;
        if family.center_id != walk_in.center_id {
            return Err(FieldError::new("member_id", "unknown", "فرد پیدا نشد / Member not found").into());
        }
        let now = self.clock.now();
        let mut linked = walk_in.clone();
        linked.member_id = Some(member.id);
        linked.meta = walk_in.meta.bumped(now);
        // Their registrations become the member's.
        let mut write = ProgramsWrite { walk_ins: vec![linked.clone()], ..Default::default() };
        let center_programs: Vec<Uuid> =
            self.store.center_programs(&[walk_in.center_id]).await?.into_iter().map(|p| p.id).collect();
        for r in self.store.program_registrations(&center_programs).await? {
            if r.walk_in_id == Some(walk_in.id) {
                let mut moved = r.clone();
                moved.member_id = Some(member.id);
                moved.family_id = Some(family.id);
                moved.meta = r.meta.bumped(now);
                write.registrations.push(moved);
            }
        }
        self.save_programs(actor, write).await?;
        Ok(linked)
    }

    /// Saves a session's attendance sheet: present or not, per participant.
    pub async fn save_program_attendance(
        &self,
        actor: &Actor,
        session_id: Uuid,
        lines: &[(Uuid, bool)],
    ) -> Result<ProgramDetail, AppError> {
        let (session, program) = self.managed_program_session(actor, session_id).await?;
        if session.held_on > self.today() {
            return Err(FieldError::new(
                "session_id",
                "future",
                "حضور جلسه‌ای که هنوز برگزار نشده ثبت نمی‌شود / Attendance of a session not yet held cannot be taken",
            )
            .into());
        }
        let registrations: HashMap<Uuid, Registration> =
            self.store.program_registrations(&[program.id]).await?.into_iter().map(|r| (r.id, r)).collect();
        let existing: HashMap<Uuid, ProgramAttendance> =
            self.store.program_attendance(&[session_id]).await?.into_iter().map(|a| (a.registration_id, a)).collect();
        let now = self.clock.now();
        let mut write = ProgramsWrite::default();
        for (registration_id, present) in lines {
            let Some(r) = registrations.get(registration_id) else {
                return Err(FieldError::new(
                    "registration_id",
                    "unknown",
                    "این فرد در این برنامه ثبت‌نام نکرده است / Not registered in this program",
                )
                .into());
            };
            match existing.get(registration_id) {
                Some(line) if line.present == *present => {}
                Some(line) => {
                    let mut next = line.clone();
                    next.present = *present;
                    next.family_id = r.family_id;
                    next.meta = line.meta.bumped(now);
                    write.attendance.push(next);
                }
                None => write.attendance.push(ProgramAttendance {
                    id: Uuid::now_v7(),
                    session_id,
                    registration_id: *registration_id,
                    present: *present,
                    family_id: r.family_id,
                    meta: SyncMeta::new(now),
                }),
            }
        }
        self.save_programs(actor, write).await?;
        self.program_detail(actor, program.id).await
    }

    async fn participants(
        &self,
        program: &Program,
        registrations: &[Registration],
        attendance: &[ProgramAttendance],
        held: &[Uuid],
        sessions_in_all: usize,
    ) -> Result<Vec<Participant>, AppError> {
        let walk_in_ids: Vec<Uuid> = registrations.iter().filter_map(|r| r.walk_in_id).collect();
        let walk_ins: HashMap<Uuid, WalkIn> =
            self.store.walk_ins(&walk_in_ids).await?.into_iter().map(|w| (w.id, w)).collect();
        let family_ids: Vec<Uuid> = registrations.iter().filter_map(|r| r.family_id).collect();
        let tiers = self.store.family_tiers(&family_ids).await?;
        let mut families: HashMap<Uuid, Family> = HashMap::new();
        let mut out = Vec::with_capacity(registrations.len());
        for r in registrations {
            let attended = attendance
                .iter()
                .filter(|a| a.registration_id == r.id && a.present && held.contains(&a.session_id))
                .count();
            let walk_in = r.walk_in_id.and_then(|w| walk_ins.get(&w).cloned());
            let (name, mobile, family_name, neighborhood) = match (r.member_id, &walk_in) {
                (Some(m), _) => {
                    let member = self.store.get_member(m).await?;
                    let family = match r.family_id {
                        Some(f) if families.contains_key(&f) => families.get(&f).cloned(),
                        Some(f) => {
                            let found = self.store.get_family(f).await?;
                            if let Some(found) = &found {
                                families.insert(f, found.clone());
                            }
                            found
                        }
                        None => None,
                    };
                    (
                        member.as_ref().map(Member::full_name).unwrap_or_default(),
                        member.map(|m| m.mobile).unwrap_or_default(),
                        family.as_ref().map(|f| f.family_name.clone()),
                        family.map(|f| f.neighborhood).unwrap_or_default(),
                    )
                }
                (None, Some(w)) => (
                    format!("{} {}", w.first_name, w.last_name).trim().to_owned(),
                    w.mobile.clone(),
                    None,
                    w.neighborhood.clone(),
                ),
                (None, None) => (String::new(), String::new(), None, String::new()),
            };
            out.push(Participant {
                tier: r.family_id.and_then(|f| tiers.get(&f).copied()),
                completed: program.kind.is_course() && completed(attended, sessions_in_all),
                registration: r.clone(),
                name,
                mobile,
                family_name,
                neighborhood,
                walk_in,
                attended,
            });
        }
        Ok(out)
    }

    fn report_of(participants: &[Participant], held: usize) -> ProgramReport {
        let mut report = ProgramReport { registered: participants.len(), sessions_held: held, ..Default::default() };
        let mut present_marks = 0;
        for p in participants {
            present_marks += p.attended;
            if p.attended == 0 {
                continue;
            }
            report.reached += 1;
            let tier = match (p.walk_in.is_some() && p.registration.member_id.is_none(), p.tier) {
                (true, _) => "walk_in".to_owned(),
                (false, Some(t)) => t.code().to_owned(),
                (false, None) => "unassessed".to_owned(),
            };
            *report.by_tier.entry(tier).or_default() += 1;
            *report.by_neighborhood.entry(p.neighborhood.clone()).or_default() += 1;
            if p.completed {
                report.completed += 1;
            }
        }
        let possible = participants.len() * held;
        report.attendance_rate = if possible == 0 { 0.0 } else { present_marks as f64 / possible as f64 };
        report
    }

    pub async fn program_detail(&self, actor: &Actor, id: Uuid) -> Result<ProgramDetail, AppError> {
        let program = self.visible_program(actor, id).await?;
        let sessions = self.store.program_sessions(&[id]).await?;
        let can_manage = policy::authorize(actor, Action::ManagePrograms { center_id: program.center_id }).is_ok();
        let today = self.today();
        let held: Vec<Uuid> = sessions.iter().filter(|s| s.held_on <= today).map(|s| s.id).collect();
        let (participants, attendance, report) = if can_manage {
            let registrations = self.store.program_registrations(&[id]).await?;
            let session_ids: Vec<Uuid> = sessions.iter().map(|s| s.id).collect();
            let attendance = self.store.program_attendance(&session_ids).await?;
            let participants = self.participants(&program, &registrations, &attendance, &held, sessions.len()).await?;
            let report = Self::report_of(&participants, held.len());
            (Some(participants), Some(attendance), Some(report))
        } else {
            (None, None, None)
        };
        let organizer_name = match (program.organizer_center_id, program.organizer_resource_id) {
            (Some(c), _) => self.store.get_center(c).await?.map(|c| c.name),
            (_, Some(r)) => self.store.get_resource(r).await?.map(|r| r.name),
            _ => None,
        };
        Ok(ProgramDetail { program, sessions, participants, attendance, report, can_manage, organizer_name, today })
    }

    /// The programs a family's members took part in, for its page.
    pub async fn family_programs(&self, actor: &Actor, family_id: Uuid) -> Result<Vec<FamilyProgram>, AppError> {
        let family = self.visible_family(actor, family_id).await?;
        let members: Vec<Uuid> = self.store.family_members(family.id).await?.into_iter().map(|m| m.id).collect();
        let registrations = self.store.member_registrations(&members).await?;
        let program_ids: Vec<Uuid> = {
            let mut ids: Vec<Uuid> = registrations.iter().map(|r| r.program_id).collect();
            ids.sort();
            ids.dedup();
            ids
        };
        let sessions = self.store.program_sessions(&program_ids).await?;
        let today = self.today();
        let session_ids: Vec<Uuid> = sessions.iter().map(|s| s.id).collect();
        let attendance = self.store.program_attendance(&session_ids).await?;
        let mut out = Vec::new();
        for pid in program_ids {
            let Some(program) = self.store.get_program(pid).await? else { continue };
            let held: Vec<Uuid> =
                sessions.iter().filter(|s| s.program_id == pid && s.held_on <= today).map(|s| s.id).collect();
            let own: Vec<&Registration> = registrations.iter().filter(|r| r.program_id == pid).collect();
            let mut attended = HashMap::new();
            let mut done = Vec::new();
            for r in &own {
                let Some(m) = r.member_id else { continue };
                let n = attendance
                    .iter()
                    .filter(|a| a.registration_id == r.id && a.present && held.contains(&a.session_id))
                    .count();
                attended.insert(m, n);
                if program.kind.is_course() && completed(n, sessions.iter().filter(|s| s.program_id == pid).count()) {
                    done.push(m);
                }
            }
            out.push(FamilyProgram {
                member_ids: own.iter().filter_map(|r| r.member_id).collect(),
                sessions_held: held.len(),
                attended,
                completed: done,
                program,
            });
        }
        out.sort_by_key(|f| std::cmp::Reverse(f.program.meta.created_at));
        Ok(out)
    }

    /// A certificate of completion for a participant of a course.
    pub async fn program_certificate(&self, actor: &Actor, registration_id: Uuid) -> Result<Certificate, AppError> {
        let r = self.store.get_registration(registration_id).await?.ok_or(AppError::NotFound)?;
        let detail = self.program_detail(actor, r.program_id).await?;
        let Some(participants) = detail.participants else { return Err(AppError::NotFound) };
        let p = participants.into_iter().find(|p| p.registration.id == registration_id).ok_or(AppError::NotFound)?;
        if !detail.program.kind.is_course() || !p.completed {
            return Err(FieldError::new(
                "registration_id",
                "not_completed",
                "گواهی تنها برای کسی است که دوره را به پایان برده است / A certificate is only for one who completed the course",
            )
            .into());
        }
        let held: Vec<&ProgramSession> = detail.sessions.iter().filter(|s| s.held_on <= detail.today).collect();
        let first_day = held.iter().map(|s| s.held_on).min().unwrap_or(detail.today);
        let last_day = held.iter().map(|s| s.held_on).max().unwrap_or(detail.today);
        let center_name = self.store.get_center(detail.program.center_id).await?.map(|c| c.name).unwrap_or_default();
        Ok(Certificate {
            participant: p.name,
            attended: p.attended,
            held: held.len(),
            program: detail.program,
            center_name,
            first_day,
            last_day,
            issued_on: detail.today,
        })
    }

    /// Programs and participants (present at least once) per center and
    /// Solar Hijri month, over the last `months` months.
    pub async fn programs_by_month(&self, actor: &Actor, months: u32) -> Result<Vec<MonthRow>, AppError> {
        let list = self.list_programs(actor).await?;
        let today = self.today();
        let since = today - chrono::Months::new(months.clamp(1, 36));
        let mut rows: BTreeMap<(NaiveDate, Uuid), (HashSet<Uuid>, HashSet<Uuid>)> = BTreeMap::new();
        let all_sessions: Vec<&ProgramSession> = list.iter().flat_map(|(_, s)| s.iter()).collect();
        let session_ids: Vec<Uuid> = all_sessions.iter().map(|s| s.id).collect();
        let attendance = self.store.program_attendance(&session_ids).await?;
        for (program, sessions) in &list {
            for s in sessions.iter().filter(|s| s.held_on >= since && s.held_on <= today) {
                let month = solar_month_start(s.held_on);
                let entry = rows.entry((month, program.center_id)).or_default();
                entry.0.insert(program.id);
                entry
                    .1
                    .extend(attendance.iter().filter(|a| a.session_id == s.id && a.present).map(|a| a.registration_id));
            }
        }
        Ok(rows
            .into_iter()
            .map(|((month, center_id), (programs, people))| MonthRow {
                month,
                center_id,
                programs: programs.len(),
                participants: people.len(),
            })
            .collect())
    }
}

impl Hamyar {
    /// The invitation list as a CSV file (Excel reads its Persian): name,
    /// family, mobile (the member's, else the family's first phone),
    /// neighborhood, and the message.
    pub async fn invitation_csv(&self, actor: &Actor, id: Uuid) -> Result<Vec<u8>, AppError> {
        let targeting = self.program_targeting(actor, id).await?;
        let mut rows = vec![vec![
            "نام".to_owned(),
            "خانواده".to_owned(),
            "تلفن همراه".to_owned(),
            "محله".to_owned(),
            "پیام".to_owned(),
        ]];
        for i in &targeting.invitees {
            let mobile = if i.member.mobile.is_empty() {
                i.family.phones.first().cloned().unwrap_or_default()
            } else {
                i.member.mobile.clone()
            };
            rows.push(vec![
                i.member.full_name(),
                i.family.family_name.clone(),
                mobile,
                i.family.neighborhood.clone(),
                targeting.message.clone(),
            ]);
        }
        crate::export::write_csv(&rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_counted_by_the_solar_hijri_calendar() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        // 1 Aban 1405 is 23 October 2026; 30 Aban is 21 November.
        assert_eq!(solar_month_start(d(2026, 11, 21)), d(2026, 10, 23));
        assert_eq!(solar_month_start(d(2026, 10, 23)), d(2026, 10, 23));
        assert_eq!(solar_month_start(d(2026, 11, 22)), d(2026, 11, 22), "1 Azar starts a month");
    }
}
