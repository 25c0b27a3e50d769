//! Bodies of the helper, training, caseload and program-rules endpoints.

use crate::{assessment_dto::FindingDto, family_dto::FamilyDto};
use chrono::{DateTime, NaiveDate, Utc};
use hamyar_application::{
    caseloads::{FamilySuggestions, MyFamily},
    helpers::{AssignmentView, HelperDetail, HelperSummary, StatusChangeView},
    model::{CourseSession, ProgramRulesRecord},
    training::{CourseDetail, CourseSummary},
};
use hamyar_domain::helper::{HelperStatus, ProgramRules};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(ToSchema)]
#[schema(as = HelperBackground)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum HelperBackgroundCode {
    SeminaryGraduate,
    UniversityGraduate,
    LocalActivist,
}

#[derive(ToSchema)]
#[schema(as = Skill)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum SkillCode {
    Counseling,
    ReligiousGuidance,
    JobFinding,
    LegalAid,
    Health,
    Education,
    FinancialLiteracy,
}

#[derive(ToSchema)]
#[schema(as = HelperStatus)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum HelperStatusCode {
    Applicant,
    InTraining,
    Accepted,
    Active,
    Inactive,
}

#[derive(ToSchema)]
#[schema(as = Curriculum)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum CurriculumCode {
    PreService,
    InService,
}

#[derive(ToSchema)]
#[schema(as = SessionMode)]
#[allow(dead_code)]
#[serde(rename_all = "snake_case")]
pub enum SessionModeCode {
    InPerson,
    Online,
}

/// The numbers headquarters set for helpers.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ProgramRules)]
pub struct ProgramRulesDto {
    pub pre_service_hours: f64,
    pub in_service_hours: f64,
    pub caseload_max: u32,
    pub caseload_min: u32,
    pub assignment_days: u32,
    /// A device that has not synced for this many days locks until it does.
    pub offline_lock_days: u32,
    /// Null while the plan's defaults apply.
    #[schema(required = true)]
    pub version: Option<i64>,
}

impl ProgramRulesDto {
    pub fn new(rules: &ProgramRules, version: Option<i64>) -> Self {
        Self {
            pre_service_hours: rules.pre_service_hours.as_f64(),
            in_service_hours: rules.in_service_hours.as_f64(),
            caseload_max: rules.caseload_max,
            caseload_min: rules.caseload_min,
            assignment_days: rules.assignment_days,
            offline_lock_days: rules.offline_lock_days,
            version,
        }
    }
}

impl From<&ProgramRulesRecord> for ProgramRulesDto {
    fn from(r: &ProgramRulesRecord) -> Self {
        Self::new(&r.rules, Some(r.meta.version))
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SetProgramRulesRequest {
    /// The current version; omit the first time.
    pub version: Option<i64>,
    pub pre_service_hours: f64,
    pub in_service_hours: f64,
    pub caseload_max: i64,
    pub caseload_min: i64,
    pub assignment_days: i64,
    /// 1 to 90; kept as it is when left out.
    pub offline_lock_days: Option<i64>,
}

/// A helper's profile, to register (POST) or edit (PATCH, with `version`).
#[derive(Debug, Deserialize, ToSchema)]
pub struct HelperRequest {
    /// A client-made UUIDv7 (POST only).
    pub id: Option<Uuid>,
    /// Required on PATCH.
    pub version: Option<i64>,
    /// Defaults to my center (POST only).
    pub center_id: Option<Uuid>,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub mobile: String,
    #[schema(value_type = HelperBackgroundCode)]
    pub background: String,
    #[serde(default)]
    pub field_of_study: String,
    #[serde(default)]
    #[schema(value_type = Vec<SkillCode>)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub neighborhood: String,
    #[serde(default)]
    pub availability: String,
    #[serde(default)]
    pub notes: String,
}

impl From<HelperRequest> for hamyar_application::helpers::HelperInput {
    fn from(b: HelperRequest) -> Self {
        Self {
            id: b.id,
            center_id: b.center_id,
            first_name: b.first_name,
            last_name: b.last_name,
            mobile: b.mobile,
            background: b.background,
            field_of_study: b.field_of_study,
            skills: b.skills,
            neighborhood: b.neighborhood,
            availability: b.availability,
            notes: b.notes,
        }
    }
}

/// A helper with their caseload, training hours and last activity.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Helper)]
pub struct HelperDto {
    pub id: Uuid,
    pub center_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub full_name: String,
    pub mobile: String,
    #[schema(value_type = HelperBackgroundCode)]
    pub background: String,
    pub field_of_study: String,
    #[schema(value_type = Vec<SkillCode>)]
    pub skills: Vec<String>,
    pub neighborhood: String,
    pub availability: String,
    pub notes: String,
    #[schema(value_type = HelperStatusCode)]
    pub status: String,
    /// The helper's account, once accepted.
    #[schema(required = true)]
    pub user_id: Option<Uuid>,
    #[schema(required = true)]
    pub username: Option<String>,
    /// Families counting against the limit today.
    pub caseload: u32,
    pub pre_service_hours: f64,
    pub in_service_hours: f64,
    /// When they last recorded anything.
    #[schema(required = true)]
    pub last_activity: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<HelperSummary> for HelperDto {
    fn from(s: HelperSummary) -> Self {
        let h = s.helper;
        Self {
            full_name: h.full_name(),
            id: h.id,
            center_id: h.center_id,
            first_name: h.first_name,
            last_name: h.last_name,
            mobile: h.mobile,
            background: h.background.code().to_owned(),
            field_of_study: h.field_of_study,
            skills: h.skills.iter().map(|s| s.code().to_owned()).collect(),
            neighborhood: h.neighborhood,
            availability: h.availability,
            notes: h.notes,
            status: h.status.code().to_owned(),
            user_id: h.user_id,
            username: s.username,
            caseload: s.caseload,
            pre_service_hours: s.hours.pre_service.as_f64(),
            in_service_hours: s.hours.in_service.as_f64(),
            last_activity: s.last_activity,
            version: h.meta.version,
            created_at: h.meta.created_at,
            updated_at: h.meta.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = HelperList)]
pub struct HelperListDto {
    pub items: Vec<HelperDto>,
    pub rules: ProgramRulesDto,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HelperListQuery {
    #[param(value_type = Option<HelperStatusCode>)]
    pub status: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = HelperStatusChange)]
pub struct StatusChangeDto {
    #[schema(required = true, value_type = Option<HelperStatusCode>)]
    pub from: Option<String>,
    #[schema(value_type = HelperStatusCode)]
    pub to: String,
    pub reason: String,
    #[schema(required = true)]
    pub by_name: Option<String>,
    pub at: DateTime<Utc>,
}

impl From<StatusChangeView> for StatusChangeDto {
    fn from(v: StatusChangeView) -> Self {
        Self {
            from: v.change.from.map(|s| s.code().to_owned()),
            to: v.change.to.code().to_owned(),
            reason: v.change.reason,
            by_name: v.by_name,
            at: v.change.at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = HelperCourse)]
pub struct HelperCourseDto {
    pub course_id: Uuid,
    pub title: String,
    #[schema(value_type = CurriculumCode)]
    pub curriculum: String,
    pub attended_hours: f64,
    pub offered_hours: f64,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Assignment)]
pub struct AssignmentDto {
    pub id: Uuid,
    pub helper_id: Uuid,
    pub helper_name: String,
    pub family_id: Uuid,
    pub family_name: String,
    pub center_id: Uuid,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Why a family outside the harmed tier was assigned.
    pub reason: String,
    #[schema(required = true)]
    pub assigned_by: Option<Uuid>,
    #[schema(required = true)]
    pub assigned_by_name: Option<String>,
    /// The assignment this one took over from.
    #[schema(required = true)]
    pub replaces_id: Option<Uuid>,
    #[schema(required = true)]
    pub ended_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub ended_by_name: Option<String>,
    pub end_reason: String,
    /// The helper has access today.
    pub active: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
}

impl From<AssignmentView> for AssignmentDto {
    fn from(v: AssignmentView) -> Self {
        let a = v.assignment;
        Self {
            id: a.id,
            helper_id: a.helper_id,
            helper_name: v.helper_name,
            family_id: a.family_id,
            family_name: v.family_name,
            center_id: a.center_id,
            starts_on: a.starts_on,
            ends_on: a.ends_on,
            reason: a.reason,
            assigned_by: a.assigned_by,
            assigned_by_name: v.assigned_by_name,
            replaces_id: a.replaces,
            ended_at: a.ended_at,
            ended_by_name: v.ended_by_name,
            end_reason: a.end_reason,
            active: v.active,
            version: a.meta.version,
            created_at: a.meta.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AssignmentList)]
pub struct AssignmentListDto {
    pub items: Vec<AssignmentDto>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = HelperDetail)]
pub struct HelperDetailDto {
    pub helper: HelperDto,
    /// Oldest first.
    pub history: Vec<StatusChangeDto>,
    pub courses: Vec<HelperCourseDto>,
    /// Newest first, ended ones included.
    pub assignments: Vec<AssignmentDto>,
    pub rules: ProgramRulesDto,
    /// Pre-service hours still missing before acceptance.
    pub pre_service_missing_hours: f64,
    /// Statuses a manager may move the helper to now (`accepted` through
    /// its own endpoint, when the hours are complete).
    #[schema(value_type = Vec<HelperStatusCode>)]
    pub next_statuses: Vec<String>,
}

impl From<HelperDetail> for HelperDetailDto {
    fn from(d: HelperDetail) -> Self {
        let missing = d.rules.pre_service_hours.saturating_sub(d.summary.hours.pre_service).as_f64();
        let status = d.summary.helper.status;
        let mut next_statuses: Vec<String> = manual_statuses(status).into_iter().map(str::to_owned).collect();
        if status.may_become(HelperStatus::Accepted) {
            next_statuses.insert(0, HelperStatus::Accepted.code().to_owned());
        }
        Self {
            next_statuses,
            history: d.history.into_iter().map(Into::into).collect(),
            courses: d
                .courses
                .into_iter()
                .map(|c| HelperCourseDto {
                    course_id: c.course.id,
                    title: c.course.title,
                    curriculum: c.course.curriculum.code().to_owned(),
                    attended_hours: c.attended.as_f64(),
                    offered_hours: c.offered.as_f64(),
                })
                .collect(),
            assignments: d.assignments.into_iter().map(Into::into).collect(),
            rules: ProgramRulesDto::new(&d.rules, None),
            pre_service_missing_hours: missing,
            helper: d.summary.into(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct HelperStatusRequest {
    pub version: i64,
    /// `in_training` or `inactive` (acceptance has its own endpoint).
    #[schema(value_type = HelperStatusCode)]
    pub status: String,
    /// Required for `inactive`.
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AcceptHelperRequest {
    pub version: i64,
    /// The helper's new username (not needed if they had an account).
    pub username: Option<String>,
    pub password: Option<String>,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AssignRequest {
    pub helper_id: Uuid,
    /// Defaults to today.
    pub starts_on: Option<String>,
    /// Defaults to the headquarters' assignment length.
    pub ends_on: Option<String>,
    /// Required when the family is not in the harmed tier.
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EndAssignmentRequest {
    pub version: i64,
    pub reason: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateAssignmentRequest {
    pub version: i64,
    pub ends_on: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = HelperSuggestion)]
pub struct SuggestionDto {
    pub helper: HelperDto,
    pub same_neighborhood: bool,
    #[schema(value_type = Vec<SkillCode>)]
    pub matching_skills: Vec<String>,
    pub free: u32,
    /// The helper holds the limit: they cannot take this family.
    pub full: bool,
    pub score: f64,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = HelperSuggestions)]
pub struct SuggestionsDto {
    pub family_id: Uuid,
    pub family_name: String,
    pub neighborhood: String,
    #[schema(required = true, value_type = Option<crate::assessment_dto::TierCode>)]
    pub tier: Option<String>,
    pub harms: Vec<FindingDto>,
    /// Best first; full helpers last.
    pub suggestions: Vec<SuggestionDto>,
    pub rules: ProgramRulesDto,
}

impl From<FamilySuggestions> for SuggestionsDto {
    fn from(s: FamilySuggestions) -> Self {
        Self {
            family_id: s.family.id,
            family_name: s.family.family_name,
            neighborhood: s.family.neighborhood,
            tier: s.tier.map(|t| t.code().to_owned()),
            harms: s.harms.iter().map(Into::into).collect(),
            suggestions: s
                .suggestions
                .into_iter()
                .map(|g| SuggestionDto {
                    full: g.fit.free == 0,
                    same_neighborhood: g.fit.same_neighborhood,
                    matching_skills: g.fit.matching_skills.iter().map(|s| s.code().to_owned()).collect(),
                    free: g.fit.free,
                    score: (g.score * 100.0).round() / 100.0,
                    helper: g.helper.into(),
                })
                .collect(),
            rules: ProgramRulesDto::new(&s.rules, None),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = MyFamily)]
pub struct MyFamilyDto {
    pub family: FamilyDto,
    pub assignment_id: Uuid,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    #[schema(required = true)]
    pub last_assessed_on: Option<NaiveDate>,
    /// A draft assessment to continue, if any.
    #[schema(required = true)]
    pub draft_assessment_id: Option<Uuid>,
}

impl From<MyFamily> for MyFamilyDto {
    fn from(m: MyFamily) -> Self {
        Self {
            assignment_id: m.assignment.id,
            starts_on: m.assignment.starts_on,
            ends_on: m.assignment.ends_on,
            last_assessed_on: m.last_assessed_on,
            draft_assessment_id: m.draft_assessment,
            family: m.item.into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = MyFamilies)]
pub struct MyFamiliesDto {
    /// Harmed first, then by name.
    pub items: Vec<MyFamilyDto>,
    /// My helper record (null for a helper account without one).
    #[schema(required = true)]
    pub helper: Option<HelperDto>,
    pub rules: ProgramRulesDto,
}

// ---- Training ----

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Course)]
pub struct CourseDto {
    pub id: Uuid,
    pub hq_id: Uuid,
    /// Null for the headquarters' shared courses.
    #[schema(required = true)]
    pub center_id: Option<Uuid>,
    #[schema(required = true)]
    pub center_name: Option<String>,
    #[schema(value_type = CurriculumCode)]
    pub curriculum: String,
    pub title: String,
    pub description: String,
    #[schema(required = true)]
    pub trainer_id: Option<Uuid>,
    #[schema(required = true)]
    pub trainer_name: Option<String>,
    pub session_count: usize,
    pub hours: f64,
    pub enrolled: usize,
    /// I may change it: sessions, trainees, attendance.
    pub can_manage: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
}

impl From<CourseSummary> for CourseDto {
    fn from(s: CourseSummary) -> Self {
        let c = s.course;
        Self {
            id: c.id,
            hq_id: c.hq_id,
            center_id: c.center_id,
            center_name: s.center_name,
            curriculum: c.curriculum.code().to_owned(),
            title: c.title,
            description: c.description,
            trainer_id: c.trainer_id,
            trainer_name: s.trainer_name,
            session_count: s.sessions,
            hours: s.hours.as_f64(),
            enrolled: s.enrolled,
            can_manage: s.can_manage,
            version: c.meta.version,
            created_at: c.meta.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CourseList)]
pub struct CourseListDto {
    pub items: Vec<CourseDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CourseRequest {
    /// A client-made UUIDv7 (POST only).
    pub id: Option<Uuid>,
    /// Required on PATCH.
    pub version: Option<i64>,
    #[schema(value_type = CurriculumCode)]
    pub curriculum: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// A center's own course (POST only; a manager's default).
    pub center_id: Option<Uuid>,
    pub trainer_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CourseSession)]
pub struct CourseSessionDto {
    pub id: Uuid,
    pub course_id: Uuid,
    pub held_on: NaiveDate,
    pub hours: f64,
    #[schema(value_type = SessionModeCode)]
    pub mode: String,
    #[schema(required = true)]
    pub trainer_id: Option<Uuid>,
    pub topic: String,
    pub version: i64,
}

impl From<CourseSession> for CourseSessionDto {
    fn from(s: CourseSession) -> Self {
        Self {
            id: s.id,
            course_id: s.course_id,
            held_on: s.held_on,
            hours: s.hours.as_f64(),
            mode: s.mode.code().to_owned(),
            trainer_id: s.trainer_id,
            topic: s.topic,
            version: s.meta.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SessionRequest {
    pub id: Option<Uuid>,
    /// Required on PATCH.
    pub version: Option<i64>,
    /// ISO date.
    pub held_on: String,
    /// In quarter hours: 1.5, 2, 2.25…
    pub hours: f64,
    #[schema(value_type = SessionModeCode)]
    pub mode: String,
    pub trainer_id: Option<Uuid>,
    pub topic: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Trainee)]
pub struct TraineeDto {
    pub helper_id: Uuid,
    pub full_name: String,
    pub center_name: String,
    #[schema(value_type = HelperStatusCode)]
    pub status: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = AttendanceEntry)]
pub struct AttendanceDto {
    #[serde(default)]
    pub session_id: Option<Uuid>,
    pub helper_id: Uuid,
    /// Hours attended; 0 for absent.
    pub hours: f64,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TrainerRef)]
pub struct TrainerRefDto {
    pub id: Uuid,
    pub display_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = CourseDetail)]
pub struct CourseDetailDto {
    pub course: CourseDto,
    /// By date.
    pub sessions: Vec<CourseSessionDto>,
    /// Enrolled helpers, by name.
    pub trainees: Vec<TraineeDto>,
    pub attendance: Vec<AttendanceDto>,
    pub trainers: Vec<TrainerRefDto>,
}

impl From<CourseDetail> for CourseDetailDto {
    fn from(d: CourseDetail) -> Self {
        Self {
            course: d.summary.into(),
            sessions: d.sessions.into_iter().map(Into::into).collect(),
            trainees: d
                .helpers
                .into_iter()
                .map(|(h, center_name)| TraineeDto {
                    helper_id: h.id,
                    full_name: h.full_name(),
                    center_name,
                    status: h.status.code().to_owned(),
                })
                .collect(),
            attendance: d
                .attendance
                .into_iter()
                .map(|a| AttendanceDto {
                    session_id: Some(a.session_id),
                    helper_id: a.helper_id,
                    hours: a.hours.as_f64(),
                })
                .collect(),
            trainers: d.trainers.into_iter().map(|(id, display_name)| TrainerRefDto { id, display_name }).collect(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EnrollRequest {
    pub helper_id: Uuid,
}

/// A session's attendance sheet: every line is saved.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AttendanceSheetRequest {
    pub entries: Vec<AttendanceDto>,
}

/// Which statuses a manager may move a helper to by hand.
pub fn manual_statuses(from: HelperStatus) -> Vec<&'static str> {
    [HelperStatus::InTraining, HelperStatus::Inactive]
        .into_iter()
        .filter(|s| from.may_become(*s))
        .map(|s| s.code())
        .collect()
}
