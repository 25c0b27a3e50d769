// Helper training: courses, their sessions, who takes them and the
// attendance sheet. Trainers' and managers' desk work, online only (like
// registry.ts, never through an offline store). Every write answers the
// course whole, so a screen can show the server's state right away.
import { api, call } from '../api/client';
import type { Course, CourseDetail, CourseRequest, SessionRequest } from '../api/types';

const byId = (id: string) => ({ params: { path: { id } } });

/** Courses I may see, newest first. */
export async function listCourses(): Promise<Course[]> {
  return (await call(() => api.GET('/api/v1/courses'))).items;
}

/** A course with its sessions (by date), trainees (by name), attendance and the trainers a session may name. */
export function getCourse(id: string): Promise<CourseDetail> {
  return call(() => api.GET('/api/v1/courses/{id}', byId(id)));
}

/** A new course; without `center_id` a manager's course is their center's, anyone else's the headquarters'. */
export function createCourse(body: CourseRequest): Promise<CourseDetail> {
  return call(() => api.POST('/api/v1/courses', { body }));
}

/**
 * `version` must be the one the form was loaded with. Every field is
 * replaced: a `trainer_id` left out takes the trainer off the course.
 */
export function updateCourse(id: string, body: CourseRequest & { version: number }): Promise<CourseDetail> {
  return call(() => api.PATCH('/api/v1/courses/{id}', { ...byId(id), body }));
}

/** `hours` in quarter hours (1.5, 2.25), at most 12. */
export function addSession(courseId: string, body: SessionRequest): Promise<CourseDetail> {
  return call(() => api.POST('/api/v1/courses/{id}/sessions', { ...byId(courseId), body }));
}

/** A shorter session caps the attendance above its new length. */
export function updateSession(sessionId: string, body: SessionRequest & { version: number }): Promise<CourseDetail> {
  return call(() => api.PATCH('/api/v1/course-sessions/{id}', { ...byId(sessionId), body }));
}

/** Removes the session and its attendance: those hours no longer count. */
export function deleteSession(sessionId: string, version: number): Promise<CourseDetail> {
  return call(() => api.DELETE('/api/v1/course-sessions/{id}', { params: { path: { id: sessionId }, query: { version } } }));
}

/** An inactive helper is refused (`status_change_not_allowed`). Enrolling twice changes nothing. */
export function enrollHelper(courseId: string, helperId: string): Promise<CourseDetail> {
  return call(() => api.POST('/api/v1/courses/{id}/enrollments', { ...byId(courseId), body: { helper_id: helperId } }));
}

/** Takes a helper off the course; the hours they attended stay theirs. */
export function unenrollHelper(courseId: string, helperId: string): Promise<CourseDetail> {
  return call(() =>
    api.DELETE('/api/v1/courses/{id}/enrollments/{helper_id}', { params: { path: { id: courseId, helper_id: helperId } } }),
  );
}

/** Saves a session's sheet: every line sent is written (0 hours: absent). */
export function saveAttendance(sessionId: string, entries: { helper_id: string; hours: number }[]): Promise<CourseDetail> {
  return call(() => api.PUT('/api/v1/course-sessions/{id}/attendance', { ...byId(sessionId), body: { entries } }));
}
