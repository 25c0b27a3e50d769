//! Helper training: courses of a curriculum (pre-service or in-service),
//! their sessions, who takes them, and the attendance sheet. Hours attended
//! add up per helper and curriculum; acceptance waits for the pre-service
//! hours (see `helpers`).

use crate::{
    Actor, AppError, Hamyar,
    model::{Attendance, Course, CourseSession, Enrollment, Helper, ProgramWrite, SyncMeta},
    orgs::parse_date,
    policy::{self, Action},
};
use hamyar_domain::{
    FieldError,
    helper::{Curriculum, HelperStatus, Hours, MAX_SESSION_QUARTERS, SessionMode},
    organization::{Name, optional_text},
    role::Role,
};
use std::collections::HashMap;
use uuid::Uuid;

pub struct CourseInput {
    pub id: Option<Uuid>,
    pub curriculum: String,
    pub title: String,
    pub description: String,
    /// A center's own course; none for the headquarters' shared ones.
    pub center_id: Option<Uuid>,
    pub trainer_id: Option<Uuid>,
}

pub struct SessionInput {
    pub id: Option<Uuid>,
    pub held_on: String,
    pub hours: f64,
    pub mode: String,
    pub trainer_id: Option<Uuid>,
    pub topic: String,
}

/// One helper's line on an attendance sheet: hours attended (0: absent).
pub struct AttendanceEntry {
    pub helper_id: Uuid,
    pub hours: f64,
}

pub struct CourseSummary {
    pub course: Course,
    /// May the actor change it (sessions, trainees, attendance)?
    pub can_manage: bool,
    pub sessions: usize,
    pub hours: Hours,
    pub enrolled: usize,
    pub trainer_name: Option<String>,
    pub center_name: Option<String>,
}

pub struct CourseDetail {
    pub summary: CourseSummary,
    pub sessions: Vec<CourseSession>,
    /// Enrolled helpers, by name, with their center.
    pub helpers: Vec<(Helper, String)>,
    pub attendance: Vec<Attendance>,
    /// Trainers a session may name (the headquarters' and its centers').
    pub trainers: Vec<(Uuid, String)>,
}

impl Hamyar {
    async fn trainer_of(&self, hq_id: Uuid, id: Option<Uuid>) -> Result<Option<Uuid>, AppError> {
        let Some(id) = id else { return Ok(None) };
        match self.store.get_user(id).await? {
            Some(u) if u.hq_id == Some(hq_id) && !u.disabled => Ok(Some(u.id)),
            _ => Err(FieldError::new(
                "trainer_id",
                "unknown",
                "مربی باید از کاربران همین ستاد باشد / The trainer must be a user of this headquarters",
            )
            .into()),
        }
    }

    async fn course_fields(&self, mut course: Course, input: &CourseInput) -> Result<Course, AppError> {
        course.curriculum = Curriculum::parse(&input.curriculum)?;
        course.title = Name::parse("title", &input.title, 160)?.into_string();
        course.description = optional_text("description", Some(&input.description), 2000)?;
        course.trainer_id = self.trainer_of(course.hq_id, input.trainer_id).await?;
        Ok(course)
    }

    pub async fn create_course(&self, actor: &Actor, input: CourseInput) -> Result<CourseDetail, AppError> {
        let hq_id = actor.hq_id.ok_or(AppError::Forbidden)?;
        // A manager's courses are their center's.
        let center_id = match (input.center_id, actor.role) {
            (None, Role::CenterManager) => actor.center_id,
            (c, _) => c,
        };
        if let Some(center_id) = center_id
            && self.store.get_center(center_id).await?.is_none_or(|c| c.hq_id != hq_id)
        {
            return Err(FieldError::new("center_id", "unknown", "مرکز پیدا نشد / Center not found").into());
        }
        policy::authorize(actor, Action::ManageTraining { hq_id, center_id })?;
        let now = self.clock.now();
        let blank = Course {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            hq_id,
            center_id,
            curriculum: Curriculum::PreService,
            title: String::new(),
            description: String::new(),
            trainer_id: None,
            meta: SyncMeta::new(now),
        };
        let course = self.course_fields(blank, &input).await?;
        let write = ProgramWrite { courses: vec![course.clone()], ..Default::default() };
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        self.course_detail(actor, course.id).await
    }

    async fn visible_course(&self, actor: &Actor, id: Uuid) -> Result<Course, AppError> {
        let course = self.store.get_course(id).await?.ok_or(AppError::NotFound)?;
        policy::authorize(actor, Action::ReadTraining { hq_id: course.hq_id, center_id: course.center_id })
            .map_err(|_| AppError::NotFound)?;
        Ok(course)
    }

    async fn managed_course(&self, actor: &Actor, id: Uuid) -> Result<Course, AppError> {
        let course = self.visible_course(actor, id).await?;
        policy::authorize(actor, Action::ManageTraining { hq_id: course.hq_id, center_id: course.center_id })?;
        Ok(course)
    }

    pub async fn update_course(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        input: CourseInput,
    ) -> Result<CourseDetail, AppError> {
        let current = self.managed_course(actor, id).await?;
        if current.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        let mut next = self.course_fields(current.clone(), &input).await?;
        next.meta = current.meta.bumped(self.clock.now());
        let write = ProgramWrite { courses: vec![next], ..Default::default() };
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        self.course_detail(actor, id).await
    }

    async fn course_summaries(&self, actor: &Actor, courses: Vec<Course>) -> Result<Vec<CourseSummary>, AppError> {
        let trainer_ids: Vec<Uuid> = courses.iter().filter_map(|c| c.trainer_id).collect();
        let trainers: HashMap<Uuid, String> =
            self.store.users_by_ids(&trainer_ids).await?.into_iter().map(|u| (u.id, u.display_name)).collect();
        let mut out = Vec::with_capacity(courses.len());
        for course in courses {
            let sessions = self.store.course_sessions(course.id).await?;
            let enrolled = self.store.course_enrollments(course.id).await?.len();
            let center_name = match course.center_id {
                Some(c) => self.store.get_center(c).await?.map(|c| c.name),
                None => None,
            };
            out.push(CourseSummary {
                can_manage: policy::authorize(
                    actor,
                    Action::ManageTraining { hq_id: course.hq_id, center_id: course.center_id },
                )
                .is_ok(),
                sessions: sessions.len(),
                hours: sessions.iter().map(|s| s.hours).sum(),
                enrolled,
                trainer_name: course.trainer_id.and_then(|t| trainers.get(&t).cloned()),
                center_name,
                course,
            });
        }
        Ok(out)
    }

    /// Courses the actor may see, newest first.
    pub async fn list_courses(&self, actor: &Actor) -> Result<Vec<CourseSummary>, AppError> {
        let Some(hq_id) = actor.hq_id else { return Ok(Vec::new()) };
        let courses: Vec<Course> = self
            .store
            .list_courses(hq_id)
            .await?
            .into_iter()
            .filter(|c| {
                policy::authorize(actor, Action::ReadTraining { hq_id: c.hq_id, center_id: c.center_id }).is_ok()
            })
            .collect();
        self.course_summaries(actor, courses).await
    }

    pub async fn course_detail(&self, actor: &Actor, id: Uuid) -> Result<CourseDetail, AppError> {
        let course = self.visible_course(actor, id).await?;
        let sessions = self.store.course_sessions(id).await?;
        let session_ids: Vec<Uuid> = sessions.iter().map(|s| s.id).collect();
        let attendance: Vec<Attendance> = self
            .store
            .session_attendance(&session_ids)
            .await?
            .into_iter()
            .filter(|a| a.meta.deleted_at.is_none())
            .collect();
        let mut center_names: HashMap<Uuid, String> = HashMap::new();
        let mut helpers = Vec::new();
        for enrollment in self.store.course_enrollments(id).await? {
            let Some(helper) = self.store.get_helper(enrollment.helper_id).await? else { continue };
            if let std::collections::hash_map::Entry::Vacant(e) = center_names.entry(helper.center_id) {
                e.insert(self.store.get_center(helper.center_id).await?.map(|c| c.name).unwrap_or_default());
            }
            let center = center_names.get(&helper.center_id).cloned().unwrap_or_default();
            helpers.push((helper, center));
        }
        helpers.sort_by(|a, b| {
            hamyar_domain::persian::compare(&a.0.last_name, &b.0.last_name)
                .then_with(|| hamyar_domain::persian::compare(&a.0.first_name, &b.0.first_name))
        });
        let trainers = self
            .store
            .list_users(crate::ports::Scope::Headquarters(course.hq_id))
            .await?
            .into_iter()
            .filter(|u| u.role == Role::Trainer && !u.disabled)
            .map(|u| (u.id, u.display_name))
            .collect();
        let summary = self.course_summaries(actor, vec![course]).await?.into_iter().next().ok_or(AppError::NotFound)?;
        Ok(CourseDetail { summary, sessions, helpers, attendance, trainers })
    }

    async fn session_fields(
        &self,
        course: &Course,
        mut session: CourseSession,
        input: &SessionInput,
    ) -> Result<CourseSession, AppError> {
        session.held_on = parse_date("held_on", &input.held_on)?;
        let today = self.today();
        if session.held_on > today + chrono::Duration::days(366)
            || session.held_on < today - chrono::Duration::days(3 * 366)
        {
            return Err(FieldError::new(
                "held_on",
                "date",
                "تاریخ جلسه باید در سه سال گذشته یا سال آینده باشد / A session is within the last three years or the next",
            )
            .into());
        }
        session.hours = Hours::parse("hours", input.hours, MAX_SESSION_QUARTERS)?;
        if session.hours == Hours::default() {
            return Err(FieldError::new("hours", "required", "مدت جلسه را بنویسید / Enter the session's hours").into());
        }
        session.mode = SessionMode::parse(&input.mode)?;
        session.trainer_id = self.trainer_of(course.hq_id, input.trainer_id).await?;
        session.topic = Name::parse("topic", &input.topic, 200)?.into_string();
        Ok(session)
    }

    pub async fn add_course_session(
        &self,
        actor: &Actor,
        course_id: Uuid,
        input: SessionInput,
    ) -> Result<CourseDetail, AppError> {
        let course = self.managed_course(actor, course_id).await?;
        let blank = CourseSession {
            id: input.id.unwrap_or_else(Uuid::now_v7),
            course_id,
            held_on: self.today(),
            hours: Hours::default(),
            mode: SessionMode::InPerson,
            trainer_id: None,
            topic: String::new(),
            meta: SyncMeta::new(self.clock.now()),
        };
        let session = self.session_fields(&course, blank, &input).await?;
        let write = ProgramWrite { sessions: vec![session], ..Default::default() };
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        self.course_detail(actor, course_id).await
    }

    async fn managed_session(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
    ) -> Result<(Course, CourseSession), AppError> {
        let session = self.store.get_course_session(id).await?.ok_or(AppError::NotFound)?;
        let course = self.managed_course(actor, session.course_id).await?;
        if session.meta.version != version {
            return Err(AppError::VersionConflict);
        }
        Ok((course, session))
    }

    pub async fn update_course_session(
        &self,
        actor: &Actor,
        id: Uuid,
        version: i64,
        input: SessionInput,
    ) -> Result<CourseDetail, AppError> {
        let (course, current) = self.managed_session(actor, id, version).await?;
        let mut next = self.session_fields(&course, current.clone(), &input).await?;
        next.meta = current.meta.bumped(self.clock.now());
        // Attendance never exceeds the session: a shorter session caps it.
        let now = self.clock.now();
        let capped: Vec<Attendance> = self
            .store
            .session_attendance(&[id])
            .await?
            .into_iter()
            .filter(|a| a.hours > next.hours && a.meta.deleted_at.is_none())
            .map(|a| Attendance { hours: next.hours, meta: a.meta.bumped(now), ..a })
            .collect();
        let write = ProgramWrite { sessions: vec![next], attendance: capped, ..Default::default() };
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        self.course_detail(actor, course.id).await
    }

    /// Removes a session and its attendance (the hours no longer count).
    pub async fn delete_course_session(&self, actor: &Actor, id: Uuid, version: i64) -> Result<CourseDetail, AppError> {
        let (course, current) = self.managed_session(actor, id, version).await?;
        let now = self.clock.now();
        let mut gone = current.meta.bumped(now);
        gone.deleted_at = Some(now);
        let attendance = self
            .store
            .session_attendance(&[id])
            .await?
            .into_iter()
            .filter(|a| a.meta.deleted_at.is_none())
            .map(|a| {
                let mut meta = a.meta.bumped(now);
                meta.deleted_at = Some(now);
                Attendance { meta, ..a }
            })
            .collect();
        let write =
            ProgramWrite { sessions: vec![CourseSession { meta: gone, ..current }], attendance, ..Default::default() };
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        self.course_detail(actor, course.id).await
    }

    /// A helper of the course's headquarters (and center, for a center's
    /// course) who may take it.
    async fn trainee(&self, course: &Course, helper_id: Uuid) -> Result<Helper, AppError> {
        let unknown =
            || FieldError::new("helper_id", "unknown", "همیار پیدا نشد / No such helper for this course").into();
        let helper = self.store.get_helper(helper_id).await?.ok_or_else(unknown)?;
        if self.hq_of(helper.center_id).await? != course.hq_id
            || course.center_id.is_some_and(|c| c != helper.center_id)
        {
            return Err(unknown());
        }
        Ok(helper)
    }

    pub async fn enroll_helper(
        &self,
        actor: &Actor,
        course_id: Uuid,
        helper_id: Uuid,
    ) -> Result<CourseDetail, AppError> {
        let course = self.managed_course(actor, course_id).await?;
        let helper = self.trainee(&course, helper_id).await?;
        if helper.status == HelperStatus::Inactive {
            return Err(AppError::StatusChangeNotAllowed {
                from: HelperStatus::Inactive.label_fa(),
                to: "ثبت‌نام در دوره",
                from_code: HelperStatus::Inactive.code(),
                to_code: "enrolled",
            });
        }
        let enrolled = self.store.course_enrollments(course_id).await?;
        if !enrolled.iter().any(|e| e.helper_id == helper_id) {
            let enrollment =
                Enrollment { id: Uuid::now_v7(), course_id, helper_id, meta: SyncMeta::new(self.clock.now()) };
            let write = ProgramWrite { enrollments: vec![enrollment], ..Default::default() };
            self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        }
        self.course_detail(actor, course_id).await
    }

    /// Takes a helper off a course; hours they attended stay theirs.
    pub async fn unenroll_helper(
        &self,
        actor: &Actor,
        course_id: Uuid,
        helper_id: Uuid,
    ) -> Result<CourseDetail, AppError> {
        self.managed_course(actor, course_id).await?;
        let now = self.clock.now();
        let gone: Vec<Enrollment> = self
            .store
            .course_enrollments(course_id)
            .await?
            .into_iter()
            .filter(|e| e.helper_id == helper_id)
            .map(|e| {
                let mut meta = e.meta.bumped(now);
                meta.deleted_at = Some(now);
                Enrollment { meta, ..e }
            })
            .collect();
        if gone.is_empty() {
            return Err(AppError::NotFound);
        }
        let write = ProgramWrite { enrollments: gone, ..Default::default() };
        self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        self.course_detail(actor, course_id).await
    }

    /// Saves a session's attendance sheet: each enrolled helper's hours
    /// (0 for absent), at most the session's length.
    pub async fn save_attendance(
        &self,
        actor: &Actor,
        session_id: Uuid,
        entries: Vec<AttendanceEntry>,
    ) -> Result<CourseDetail, AppError> {
        let session = self.store.get_course_session(session_id).await?.ok_or(AppError::NotFound)?;
        let course = self.managed_course(actor, session.course_id).await?;
        let enrolled: Vec<Uuid> =
            self.store.course_enrollments(course.id).await?.into_iter().map(|e| e.helper_id).collect();
        let existing: HashMap<Uuid, Attendance> =
            self.store.session_attendance(&[session_id]).await?.into_iter().map(|a| (a.helper_id, a)).collect();
        let now = self.clock.now();
        let mut rows = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for entry in entries {
            // One line per helper: a second would be a second row the
            // database refuses.
            if !seen.insert(entry.helper_id) {
                return Err(FieldError::new(
                    "helper_id",
                    "duplicate",
                    "هر همیار یک سطر در برگهٔ حضور دارد / Each helper has one line on the sheet",
                )
                .into());
            }
            if !enrolled.contains(&entry.helper_id) {
                return Err(FieldError::new(
                    "helper_id",
                    "unknown",
                    "این همیار در این دوره ثبت‌نام نکرده است / This helper is not enrolled in this course",
                )
                .into());
            }
            let hours = Hours::parse("hours", entry.hours, session.hours.quarters())?;
            match existing.get(&entry.helper_id) {
                Some(a) if a.hours == hours && a.meta.deleted_at.is_none() => {}
                Some(a) => rows.push(Attendance {
                    hours,
                    meta: SyncMeta { deleted_at: None, ..a.meta.bumped(now) },
                    ..a.clone()
                }),
                None => rows.push(Attendance {
                    id: Uuid::now_v7(),
                    session_id,
                    helper_id: entry.helper_id,
                    hours,
                    meta: SyncMeta::new(now),
                }),
            }
        }
        if !rows.is_empty() {
            let write = ProgramWrite { attendance: rows, ..Default::default() };
            self.store.save_program(self.write_ctx(Some(actor)), &write).await?;
        }
        self.course_detail(actor, course.id).await
    }
}
