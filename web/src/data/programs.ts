// Group programs (برنامه‌های گروهی): workshops, classes, courses and media
// campaigns of a center, their sessions, whom they target, who registered,
// who came, certificates and monthly counts. Desk work, online only.
import { api, call } from '../api/client';
import type {
  FamilyProgram,
  ProgramCertificate,
  ProgramDetail,
  Program,
  ProgramMonth,
  ProgramRegistration,
  ProgramRequest,
  ProgramSessionRequest,
  ProgramTargeting,
  WalkIn,
  WalkInRequest,
} from '../api/types';

const byId = (id: string) => ({ params: { path: { id } } });

/** Programs I may see, newest first, each with its sessions. */
export async function listPrograms(): Promise<Program[]> {
  return (await call(() => api.GET('/api/v1/programs'))).items;
}

/** A new program of the manager's center. */
export function createProgram(body: ProgramRequest): Promise<ProgramDetail> {
  return call(() => api.POST('/api/v1/programs', { body }));
}

/** A program; participants, attendance and the report only for its manager. */
export function getProgram(id: string): Promise<ProgramDetail> {
  return call(() => api.GET('/api/v1/programs/{id}', byId(id)));
}

/** Every field is replaced; `version` is the one the form was loaded with. */
export function updateProgram(id: string, body: ProgramRequest & { version: number }): Promise<ProgramDetail> {
  return call(() => api.PATCH('/api/v1/programs/{id}', { ...byId(id), body }));
}

export function addProgramSession(programId: string, body: ProgramSessionRequest): Promise<ProgramDetail> {
  return call(() => api.POST('/api/v1/programs/{id}/sessions', { ...byId(programId), body }));
}

export function updateProgramSession(sessionId: string, body: ProgramSessionRequest & { version: number }): Promise<ProgramDetail> {
  return call(() => api.PATCH('/api/v1/program-sessions/{id}', { ...byId(sessionId), body }));
}

export async function removeProgramSession(sessionId: string, version: number): Promise<void> {
  await call(() => api.DELETE('/api/v1/program-sessions/{id}', { params: { path: { id: sessionId }, query: { version } } }));
}

/** Whom the target picks from the center's registry, and the invitation's text. */
export function getTargeting(programId: string): Promise<ProgramTargeting> {
  return call(() => api.GET('/api/v1/programs/{id}/targeting', byId(programId)));
}

/** The address of the invitation list as CSV (a download link). */
export function invitationsCsvUrl(programId: string): string {
  return `/api/v1/programs/${encodeURIComponent(programId)}/invitations.csv`;
}

/** Members of the registry; two with `couple` are named as each other's partner. */
export async function registerMembers(programId: string, memberIds: string[], couple = false): Promise<ProgramRegistration[]> {
  const body = couple ? { member_ids: memberIds, couple: true } : { member_ids: memberIds };
  return (await call(() => api.POST('/api/v1/programs/{id}/registrations', { ...byId(programId), body }))).items;
}

/** Someone who came without being in the registry (yet). */
export async function registerWalkIn(programId: string, walkIn: WalkInRequest): Promise<ProgramRegistration[]> {
  return (await call(() => api.POST('/api/v1/programs/{id}/registrations', { ...byId(programId), body: { walk_in: walkIn } }))).items;
}

export async function unregister(registrationId: string, version: number): Promise<void> {
  await call(() => api.DELETE('/api/v1/program-registrations/{id}', { params: { path: { id: registrationId }, query: { version } } }));
}

/** The walk-in turned out to be this member: their registrations become the member's. */
export function linkWalkIn(walkInId: string, version: number, memberId: string): Promise<WalkIn> {
  return call(() => api.POST('/api/v1/program-walk-ins/{id}/link', { ...byId(walkInId), body: { version, member_id: memberId } }));
}

/** A held session's sheet: one line per registration. */
export function saveProgramAttendance(sessionId: string, lines: { registration_id: string; present: boolean }[]): Promise<ProgramDetail> {
  return call(() => api.PUT('/api/v1/program-sessions/{id}/attendance', { ...byId(sessionId), body: { lines } }));
}

/** A completed course's certificate (422 otherwise). */
export function getCertificate(registrationId: string): Promise<ProgramCertificate> {
  return call(() => api.GET('/api/v1/program-registrations/{id}/certificate', byId(registrationId)));
}

/** The programs a family's members took part in. */
export async function familyPrograms(familyId: string): Promise<FamilyProgram[]> {
  return (await call(() => api.GET('/api/v1/families/{id}/programs', byId(familyId)))).items;
}

/** Programs and participants per center and (Gregorian) month. */
export async function programMonths(months?: number): Promise<ProgramMonth[]> {
  const params = months ? { params: { query: { months } } } : {};
  return (await call(() => api.GET('/api/v1/reports/programs', params))).items;
}
