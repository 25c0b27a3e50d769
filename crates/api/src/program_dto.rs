//! Bodies of the group-program endpoints (general assistance).

use crate::assistance_dto::DomainCode;
use chrono::{DateTime, NaiveDate, Utc};
use hamyar_application::{
    model::{Program, ProgramAttendance, ProgramSession, Registration, WalkIn},
    programs::{Certificate, FamilyProgram, MonthRow, Participant, ProgramDetail, ProgramReport, Targeting},
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(ToSchema)]
#[schema(as = ProgramKind)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum ProgramKindCode {
    Workshop,
    Class,
    Conference,
    Lecture,
    FilmScreening,
    PreMarriage,
    MarriageEnrichment,
    PostMarriage,
    MediaCampaign,
    Other,
}

#[derive(ToSchema)]
#[schema(as = Audience)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum AudienceCode {
    Members,
    Couples,
    Parents,
}

/// Whom a program is for; empty lists mean any.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = ProgramTarget)]
pub struct TargetDto {
    #[serde(default)]
    #[schema(value_type = Vec<crate::assessment_dto::TierCode>)]
    pub tiers: Vec<String>,
    #[schema(value_type = Option<AudienceCode>)]
    pub audience: Option<String>,
    /// Whole years on the first session's day (both ends included).
    pub age_min: Option<i64>,
    pub age_max: Option<i64>,
    #[schema(value_type = Option<crate::family_dto::SexCode>)]
    pub sex: Option<String>,
    #[serde(default)]
    #[schema(value_type = Vec<crate::family_dto::MaritalStatusCode>)]
    pub marital: Vec<String>,
    #[serde(default)]
    #[schema(value_type = Vec<crate::family_dto::RelationCode>)]
    pub relations: Vec<String>,
    #[serde(default)]
    pub neighborhoods: Vec<String>,
    /// Leave out who attended the same topic this many months before (0: nobody; default 12).
    pub recent_months: Option<i64>,
}

impl From<&hamyar_domain::programs::Target> for TargetDto {
    fn from(t: &hamyar_domain::programs::Target) -> Self {
        Self {
            tiers: t.tiers.iter().map(|x| x.code().to_owned()).collect(),
            audience: Some(t.audience.code().to_owned()),
            age_min: t.age_min.map(i64::from),
            age_max: t.age_max.map(i64::from),
            sex: t.sex.map(|s| s.code().to_owned()),
            marital: t.marital.iter().map(|m| m.code().to_owned()).collect(),
            relations: t.relations.iter().map(|r| r.code().to_owned()).collect(),
            neighborhoods: t.neighborhoods.clone(),
            recent_months: Some(i64::from(t.recent_months)),
        }
    }
}

impl From<TargetDto> for hamyar_application::programs::TargetInput {
    fn from(t: TargetDto) -> Self {
        Self {
            tiers: t.tiers,
            audience: t.audience,
            age_min: t.age_min,
            age_max: t.age_max,
            sex: t.sex,
            marital: t.marital,
            relations: t.relations,
            neighborhoods: t.neighborhoods,
            recent_months: t.recent_months,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProgramSession)]
pub struct ProgramSessionDto {
    pub id: Uuid,
    pub program_id: Uuid,
    pub held_on: NaiveDate,
    /// `HH:MM`.
    #[schema(required = true)]
    pub starts_at: Option<String>,
    #[schema(required = true)]
    pub ends_at: Option<String>,
    pub title: String,
    pub version: i64,
}

impl From<&ProgramSession> for ProgramSessionDto {
    fn from(s: &ProgramSession) -> Self {
        Self {
            id: s.id,
            program_id: s.program_id,
            held_on: s.held_on,
            starts_at: s.starts_at.map(|t| t.format("%H:%M").to_string()),
            ends_at: s.ends_at.map(|t| t.format("%H:%M").to_string()),
            title: s.title.clone(),
            version: s.meta.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Program)]
pub struct ProgramDto {
    pub id: Uuid,
    pub center_id: Uuid,
    #[schema(value_type = ProgramKindCode)]
    pub kind: String,
    #[schema(value_type = DomainCode)]
    pub domain: String,
    pub topic: String,
    pub description: String,
    #[schema(required = true)]
    pub organizer_center_id: Option<Uuid>,
    #[schema(required = true)]
    pub organizer_resource_id: Option<Uuid>,
    pub target: TargetDto,
    pub place: String,
    pub online_link: String,
    #[schema(required = true)]
    pub capacity: Option<u32>,
    pub facilitator: String,
    pub channel: String,
    #[schema(required = true)]
    pub starts_on: Option<NaiveDate>,
    #[schema(required = true)]
    pub ends_on: Option<NaiveDate>,
    #[schema(required = true)]
    pub reported_reach: Option<u32>,
    /// A course: completion earns a certificate.
    pub is_course: bool,
    pub sessions: Vec<ProgramSessionDto>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
}

impl ProgramDto {
    pub fn new(p: &Program, sessions: &[ProgramSession]) -> Self {
        Self {
            id: p.id,
            center_id: p.center_id,
            kind: p.kind.code().to_owned(),
            domain: p.domain.code().to_owned(),
            topic: p.topic.clone(),
            description: p.description.clone(),
            organizer_center_id: p.organizer_center_id,
            organizer_resource_id: p.organizer_resource_id,
            target: (&p.target).into(),
            place: p.place.clone(),
            online_link: p.online_link.clone(),
            capacity: p.capacity,
            facilitator: p.facilitator.clone(),
            channel: p.channel.clone(),
            starts_on: p.starts_on,
            ends_on: p.ends_on,
            reported_reach: p.reported_reach,
            is_course: p.kind.is_course(),
            sessions: sessions.iter().filter(|s| s.program_id == p.id).map(Into::into).collect(),
            version: p.meta.version,
            created_at: p.meta.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProgramList)]
pub struct ProgramListDto {
    pub items: Vec<ProgramDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProgramRequest {
    pub id: Option<Uuid>,
    /// Required on PATCH.
    pub version: Option<i64>,
    /// POST only; a manager's center by default.
    pub center_id: Option<Uuid>,
    #[schema(value_type = ProgramKindCode)]
    pub kind: String,
    #[schema(value_type = DomainCode)]
    pub domain: String,
    pub topic: String,
    #[serde(default)]
    pub description: String,
    pub organizer_center_id: Option<Uuid>,
    pub organizer_resource_id: Option<Uuid>,
    pub target: TargetDto,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub online_link: String,
    pub capacity: Option<i64>,
    #[serde(default)]
    pub facilitator: String,
    #[serde(default)]
    pub channel: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub reported_reach: Option<i64>,
}

impl From<ProgramRequest> for hamyar_application::programs::ProgramInput {
    fn from(b: ProgramRequest) -> Self {
        Self {
            id: b.id,
            center_id: b.center_id,
            kind: b.kind,
            domain: b.domain,
            topic: b.topic,
            description: b.description,
            organizer_center_id: b.organizer_center_id,
            organizer_resource_id: b.organizer_resource_id,
            target: b.target.into(),
            place: b.place,
            online_link: b.online_link,
            capacity: b.capacity,
            facilitator: b.facilitator,
            channel: b.channel,
            starts_on: b.starts_on,
            ends_on: b.ends_on,
            reported_reach: b.reported_reach,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProgramSessionRequest {
    pub id: Option<Uuid>,
    /// Required on PATCH.
    pub version: Option<i64>,
    pub held_on: String,
    /// `HH:MM` (any digits).
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    #[serde(default)]
    pub title: String,
}

impl From<ProgramSessionRequest> for hamyar_application::programs::ProgramSessionInput {
    fn from(b: ProgramSessionRequest) -> Self {
        Self { id: b.id, held_on: b.held_on, starts_at: b.starts_at, ends_at: b.ends_at, title: b.title }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = WalkIn)]
pub struct WalkInDto {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub mobile: String,
    #[schema(value_type = crate::family_dto::SexCode)]
    pub sex: String,
    #[schema(required = true)]
    pub birth_year: Option<i32>,
    pub neighborhood: String,
    /// The registry's member they were linked to.
    #[schema(required = true)]
    pub member_id: Option<Uuid>,
    pub version: i64,
}

impl From<&WalkIn> for WalkInDto {
    fn from(w: &WalkIn) -> Self {
        Self {
            id: w.id,
            first_name: w.first_name.clone(),
            last_name: w.last_name.clone(),
            mobile: w.mobile.clone(),
            sex: w.sex.code().to_owned(),
            birth_year: w.birth_year,
            neighborhood: w.neighborhood.clone(),
            member_id: w.member_id,
            version: w.meta.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProgramRegistration)]
pub struct RegistrationDto {
    pub id: Uuid,
    pub program_id: Uuid,
    #[schema(required = true)]
    pub member_id: Option<Uuid>,
    #[schema(required = true)]
    pub family_id: Option<Uuid>,
    #[schema(required = true)]
    pub walk_in_id: Option<Uuid>,
    /// The partner's registration, for a couple.
    #[schema(required = true)]
    pub partner_id: Option<Uuid>,
    pub version: i64,
}

impl From<&Registration> for RegistrationDto {
    fn from(r: &Registration) -> Self {
        Self {
            id: r.id,
            program_id: r.program_id,
            member_id: r.member_id,
            family_id: r.family_id,
            walk_in_id: r.walk_in_id,
            partner_id: r.partner_id,
            version: r.meta.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProgramParticipant)]
pub struct ParticipantDto {
    pub registration: RegistrationDto,
    pub name: String,
    pub mobile: String,
    #[schema(required = true)]
    pub family_name: Option<String>,
    #[schema(value_type = Option<crate::assessment_dto::TierCode>, required = true)]
    pub tier: Option<String>,
    pub neighborhood: String,
    #[schema(required = true)]
    pub walk_in: Option<WalkInDto>,
    pub attended: usize,
    pub completed: bool,
}

impl From<&Participant> for ParticipantDto {
    fn from(p: &Participant) -> Self {
        Self {
            registration: (&p.registration).into(),
            name: p.name.clone(),
            mobile: p.mobile.clone(),
            family_name: p.family_name.clone(),
            tier: p.tier.map(|t| t.code().to_owned()),
            neighborhood: p.neighborhood.clone(),
            walk_in: p.walk_in.as_ref().map(Into::into),
            attended: p.attended,
            completed: p.completed,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProgramAttendanceLine)]
pub struct AttendanceLineDto {
    pub session_id: Uuid,
    pub registration_id: Uuid,
    pub present: bool,
}

impl From<&ProgramAttendance> for AttendanceLineDto {
    fn from(a: &ProgramAttendance) -> Self {
        Self { session_id: a.session_id, registration_id: a.registration_id, present: a.present }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProgramReport)]
pub struct ProgramReportDto {
    pub registered: usize,
    /// Present at least once.
    pub reached: usize,
    /// By tier code, `unassessed`, or `walk_in`.
    pub by_tier: BTreeMap<String, usize>,
    pub by_neighborhood: BTreeMap<String, usize>,
    pub sessions_held: usize,
    /// 0–1.
    pub attendance_rate: f64,
    pub completed: usize,
}

impl From<&ProgramReport> for ProgramReportDto {
    fn from(r: &ProgramReport) -> Self {
        Self {
            registered: r.registered,
            reached: r.reached,
            by_tier: r.by_tier.clone(),
            by_neighborhood: r.by_neighborhood.clone(),
            sessions_held: r.sessions_held,
            attendance_rate: r.attendance_rate,
            completed: r.completed,
        }
    }
}

/// A program; participants, attendance and the report only for those who run it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProgramDetail)]
pub struct ProgramDetailDto {
    pub program: ProgramDto,
    #[schema(required = true)]
    pub organizer_name: Option<String>,
    #[schema(required = true)]
    pub participants: Option<Vec<ParticipantDto>>,
    #[schema(required = true)]
    pub attendance: Option<Vec<AttendanceLineDto>>,
    #[schema(required = true)]
    pub report: Option<ProgramReportDto>,
    pub can_manage: bool,
    pub today: NaiveDate,
}

impl From<ProgramDetail> for ProgramDetailDto {
    fn from(d: ProgramDetail) -> Self {
        Self {
            program: ProgramDto::new(&d.program, &d.sessions),
            organizer_name: d.organizer_name,
            participants: d.participants.as_ref().map(|ps| ps.iter().map(Into::into).collect()),
            attendance: d.attendance.as_ref().map(|a| a.iter().map(Into::into).collect()),
            report: d.report.as_ref().map(Into::into),
            can_manage: d.can_manage,
            today: d.today,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Invitee)]
pub struct InviteeDto {
    pub member_id: Uuid,
    pub family_id: Uuid,
    pub name: String,
    pub family_name: String,
    pub mobile: String,
    pub neighborhood: String,
    #[schema(value_type = Option<crate::assessment_dto::TierCode>, required = true)]
    pub tier: Option<String>,
    #[schema(required = true)]
    pub age: Option<u32>,
    #[schema(value_type = crate::family_dto::SexCode)]
    pub sex: String,
    #[schema(value_type = crate::family_dto::RelationCode)]
    pub relation: String,
    pub registered: bool,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProgramTargeting)]
pub struct TargetingDto {
    pub invitees: Vec<InviteeDto>,
    /// Matching but left out: they attended the same topic recently.
    pub recently_attended: usize,
    pub message: String,
}

impl From<Targeting> for TargetingDto {
    fn from(t: Targeting) -> Self {
        Self {
            invitees: t
                .invitees
                .into_iter()
                .map(|i| InviteeDto {
                    member_id: i.member.id,
                    family_id: i.family.id,
                    name: i.member.full_name(),
                    family_name: i.family.family_name.clone(),
                    mobile: if i.member.mobile.is_empty() {
                        i.family.phones.first().cloned().unwrap_or_default()
                    } else {
                        i.member.mobile.clone()
                    },
                    neighborhood: i.family.neighborhood.clone(),
                    tier: i.tier.map(|t| t.code().to_owned()),
                    age: i.age,
                    sex: i.member.sex.code().to_owned(),
                    relation: i.member.relation.code().to_owned(),
                    registered: i.registered,
                })
                .collect(),
            recently_attended: t.recently_attended,
            message: t.message,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct WalkInRequest {
    pub id: Option<Uuid>,
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub mobile: String,
    #[schema(value_type = crate::family_dto::SexCode)]
    pub sex: String,
    pub birth_year: Option<i64>,
    #[serde(default)]
    pub neighborhood: String,
}

/// Members of the registry (two with `couple`), or one walk-in.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterRequest {
    #[serde(default)]
    pub member_ids: Vec<Uuid>,
    #[serde(default)]
    pub couple: bool,
    pub walk_in: Option<WalkInRequest>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = RegistrationList)]
pub struct RegistrationListDto {
    pub items: Vec<RegistrationDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LinkWalkInRequest {
    pub version: i64,
    pub member_id: Uuid,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AttendanceMark {
    pub registration_id: Uuid,
    pub present: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProgramAttendanceRequest {
    pub lines: Vec<AttendanceMark>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProgramCertificate)]
pub struct CertificateDto {
    pub participant: String,
    pub topic: String,
    #[schema(value_type = ProgramKindCode)]
    pub kind: String,
    pub center_name: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub attended: usize,
    pub held: usize,
    pub issued_on: NaiveDate,
}

impl From<Certificate> for CertificateDto {
    fn from(c: Certificate) -> Self {
        Self {
            participant: c.participant,
            topic: c.program.topic,
            kind: c.program.kind.code().to_owned(),
            center_name: c.center_name,
            first_day: c.first_day,
            last_day: c.last_day,
            attended: c.attended,
            held: c.held,
            issued_on: c.issued_on,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = FamilyProgram)]
pub struct FamilyProgramDto {
    pub program: ProgramDto,
    pub member_ids: Vec<Uuid>,
    pub sessions_held: usize,
    /// Sessions attended, by member id.
    pub attended: BTreeMap<Uuid, usize>,
    /// Members who completed the course.
    pub completed: Vec<Uuid>,
}

impl From<FamilyProgram> for FamilyProgramDto {
    fn from(f: FamilyProgram) -> Self {
        Self {
            program: ProgramDto::new(&f.program, &[]),
            member_ids: f.member_ids,
            sessions_held: f.sessions_held,
            attended: f.attended.into_iter().collect(),
            completed: f.completed,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = FamilyProgramList)]
pub struct FamilyProgramListDto {
    pub items: Vec<FamilyProgramDto>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProgramMonth)]
pub struct MonthRowDto {
    /// The first day of the Solar Hijri month.
    pub month: NaiveDate,
    pub center_id: Uuid,
    pub programs: usize,
    /// Participants present at least once that month.
    pub participants: usize,
}

impl From<MonthRow> for MonthRowDto {
    fn from(r: MonthRow) -> Self {
        Self { month: r.month, center_id: r.center_id, programs: r.programs, participants: r.participants }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProgramMonthReport)]
pub struct MonthReportDto {
    pub items: Vec<MonthRowDto>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthsQuery {
    /// How many months back (1–36, default 12).
    pub months: Option<u32>,
}
