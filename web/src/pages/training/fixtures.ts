// Test data for the training screens (not shipped: only tests import it).
import type { Course, CourseDetail, CourseSession, Helper, Me, Role, Trainee } from '../../api/types';

export const ts = '2025-01-01T00:00:00Z';
export const HQ = 'hq-1';
export const CENTER = 'center-1';

export function course(over: Partial<Course> = {}): Course {
  return {
    id: 'course-1',
    hq_id: HQ,
    center_id: null,
    center_name: null,
    curriculum: 'pre_service',
    title: 'دورهٔ پیش از خدمت',
    description: '',
    trainer_id: 'trainer-1',
    trainer_name: 'سارا مربی',
    session_count: 2,
    hours: 5.5,
    enrolled: 2,
    can_manage: true,
    version: 1,
    created_at: ts,
    ...over,
  };
}

export function session(id: string, held_on: string, hours: number, over: Partial<CourseSession> = {}): CourseSession {
  return { id, course_id: 'course-1', held_on, hours, mode: 'in_person', topic: `موضوع ${id}`, trainer_id: null, version: 1, ...over };
}

export function trainee(helper_id: string, full_name: string, over: Partial<Trainee> = {}): Trainee {
  return { helper_id, full_name, center_name: 'مرکز گلستان', status: 'in_training', ...over };
}

export function detail(over: Partial<CourseDetail> = {}): CourseDetail {
  return {
    course: course(),
    sessions: [session('s1', '2025-03-01', 4), session('s2', '2025-03-08', 1.5)],
    trainees: [trainee('h1', 'علی نجفی'), trainee('h2', 'زهرا موسوی')],
    attendance: [
      { session_id: 's1', helper_id: 'h1', hours: 4 },
      { session_id: 's1', helper_id: 'h2', hours: 2.5 },
      { session_id: 's2', helper_id: 'h1', hours: 1.5 },
    ],
    trainers: [{ id: 'trainer-1', display_name: 'سارا مربی' }],
    ...over,
  };
}

export function helper(id: string, full_name: string, over: Partial<Helper> = {}): Helper {
  const [first_name = '', last_name = ''] = full_name.split(' ');
  return {
    id,
    center_id: CENTER,
    first_name,
    last_name,
    full_name,
    status: 'in_training',
    background: 'local_activist',
    availability: '',
    field_of_study: '',
    mobile: '',
    neighborhood: '',
    notes: '',
    skills: [],
    caseload: 0,
    pre_service_hours: 0,
    in_service_hours: 0,
    last_activity: null,
    user_id: null,
    username: null,
    version: 1,
    created_at: ts,
    updated_at: ts,
    ...over,
  };
}

export function meOf(role: Role, center_id: string | null = null, permissions: Me['permissions'] = ['training.read', 'training.manage']): Me {
  return {
    user: {
      id: 'u1',
      username: 'someone',
      display_name: 'کاربر',
      role,
      hq_id: center_id ? null : HQ,
      center_id,
      disabled: false,
      version: 1,
      created_at: ts,
      updated_at: ts,
    },
    headquarters: { id: HQ, code: 'THR', name: 'ستاد' },
    center: center_id ? { id: center_id, code: 'C-001', name: 'مرکز گلستان' } : null,
    permissions,
    creatable_roles: [],
  };
}
