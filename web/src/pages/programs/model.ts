// Pure rules of the group programs' screens: what a list row, a calendar, a
// target summary and the attendance sheet say and send.
import type { TFunction } from 'i18next';
import type {
  Audience,
  Invitee,
  MaritalStatus,
  Program,
  ProgramAttendanceLine,
  ProgramKind,
  ProgramParticipant,
  ProgramSession,
  ProgramTarget,
  Relation,
  Sex,
  Tier,
} from '../../api/types';
import { toAsciiDigits } from '../../lib/digits';
import { formatDate } from '../../lib/jalali';
import { formatDigits, formatNumber, type Lang } from '../../lib/locale';
import type { CalendarEntry } from '../assistance/MonthCalendar';

export const PROGRAM_KINDS: readonly ProgramKind[] = [
  'workshop',
  'class',
  'conference',
  'lecture',
  'film_screening',
  'pre_marriage',
  'marriage_enrichment',
  'post_marriage',
  'media_campaign',
  'other',
];
export const AUDIENCES: readonly Audience[] = ['members', 'couples', 'parents'];
export const TIERS: readonly Tier[] = ['stable', 'at_risk', 'harmed'];
export const SEXES: readonly Sex[] = ['female', 'male'];
export const MARITALS: readonly MaritalStatus[] = ['single', 'married', 'divorced', 'widowed'];
export const RELATIONS: readonly Relation[] = ['head', 'spouse', 'child', 'parent', 'sibling', 'grandchild', 'other'];

/** Sessions by day and start, earliest first. */
export function sortedSessions(sessions: readonly ProgramSession[]): ProgramSession[] {
  return [...sessions].sort((a, b) => (a.held_on + (a.starts_at ?? '')).localeCompare(b.held_on + (b.starts_at ?? '')));
}

/** The first session on or after `today` (ISO), if any. */
export function nextSession(program: Program, today: string): ProgramSession | null {
  return sortedSessions(program.sessions).find((s) => s.held_on >= today) ?? null;
}

/** Sessions held by `today` (today's included): the ones attendance may be taken for. */
export function heldSessions(sessions: readonly ProgramSession[], today: string): ProgramSession[] {
  return sortedSessions(sessions).filter((s) => s.held_on <= today);
}

/** `17:00` in the screen's digits. */
export function timeText(time: string | null, lang: Lang): string {
  if (!time) return '';
  return lang === 'fa' ? time.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!) : time;
}

/** When a session is: its day and times. */
export function sessionWhen(s: ProgramSession, t: TFunction, lang: Lang): string {
  const date = formatDate(s.held_on, lang);
  if (!s.starts_at) return date;
  if (!s.ends_at) return t('programs.whenFrom', { date, from: timeText(s.starts_at, lang) });
  return t('programs.when', { date, from: timeText(s.starts_at, lang), to: timeText(s.ends_at, lang) });
}

/** A typed time (any digits, `17`, `17:3`, `17.30`) as `HH:MM`; empty is null, unreadable `false`. */
export function parseTime(input: string): string | null | false {
  const s = toAsciiDigits(input).trim().replace(/[.٫:]/g, ':');
  if (s === '') return null;
  const m = /^(\d{1,2})(?::(\d{1,2}))?$/.exec(s);
  if (!m) return false;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return false;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** Whom a program is for, in words (empty parts left out). */
export function targetSummary(target: ProgramTarget, t: TFunction, lang: Lang): string {
  const parts: string[] = [];
  if (target.audience && target.audience !== 'members') parts.push(t(`programs.audience.${target.audience}`));
  if (target.tiers && target.tiers.length > 0) parts.push(target.tiers.map((x) => t(`assessment.tier.${x}`)).join(t('common.separator')));
  const min = target.age_min ?? null;
  const max = target.age_max ?? null;
  const n = (v: number) => formatDigits(v, lang);
  if (min !== null && max !== null) parts.push(t('programs.target.age', { min: n(min), max: n(max) }));
  else if (min !== null) parts.push(t('programs.target.ageFrom', { min: n(min) }));
  else if (max !== null) parts.push(t('programs.target.ageTo', { max: n(max) }));
  if (target.sex) parts.push(t(`enums.sex.${target.sex}`));
  if (target.marital && target.marital.length > 0) parts.push(target.marital.map((x) => t(`enums.maritalStatus.${x}`)).join(t('common.separator')));
  if (target.relations && target.relations.length > 0) parts.push(target.relations.map((x) => t(`enums.relation.${x}`)).join(t('common.separator')));
  if (target.neighborhoods && target.neighborhoods.length > 0) parts.push(target.neighborhoods.join(t('common.separator')));
  return parts.length === 0 ? t('programs.target.everyone') : parts.join(' – ');
}

/** One calendar entry per session of every program. */
export function calendarEntries(programs: readonly Program[], t: TFunction): (CalendarEntry & { programId: string; session: ProgramSession; program: Program })[] {
  return programs.flatMap((p) =>
    p.sessions.map((s) => ({
      id: s.id,
      date: s.held_on,
      title: s.title || p.topic,
      color: p.is_course ? 'grape' : 'blue',
      programId: p.id,
      session: s,
      program: p,
    })),
  ).map((e) => ({ ...e, title: e.title || t('programs.title') }));
}

/** A participant's name and who they are, in one line. */
export function participantName(p: ProgramParticipant): string {
  return p.name;
}

/** Presence per registration in one session, as saved. */
export function savedPresence(attendance: readonly ProgramAttendanceLine[] | null, sessionId: string): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const a of attendance ?? []) if (a.session_id === sessionId) out[a.registration_id] = a.present;
  return out;
}

/** The sheet as sent: a line for every participant, in the list's order (unmarked is absent). */
export function attendanceLines(participants: readonly ProgramParticipant[], marks: Record<string, boolean>): { registration_id: string; present: boolean }[] {
  return participants.map((p) => ({ registration_id: p.registration.id, present: marks[p.registration.id] === true }));
}

/** Whether the sheet says anything other than what is saved. */
export function sheetChanged(participants: readonly ProgramParticipant[], marks: Record<string, boolean>, saved: Record<string, boolean>): boolean {
  return participants.some((p) => (marks[p.registration.id] === true) !== (saved[p.registration.id] === true));
}

/** The session a sheet opens on: today's or the latest held. */
export function defaultHeldSession(sessions: readonly ProgramSession[], today: string): string | null {
  const held = heldSessions(sessions, today);
  return held.length > 0 ? held[held.length - 1]!.id : null;
}

/** 0–1 as a whole percent in the screen's digits. */
export function percentText(rate: number, lang: Lang): string {
  const n = formatNumber(Math.round(rate * 100), lang);
  return lang === 'fa' ? `٪${n}` : `${n}%`;
}

/** Two invitees may register as a couple only from one family. */
export function coupleOk(picked: readonly Invitee[]): boolean {
  return picked.length === 2 && picked[0]!.family_id === picked[1]!.family_id;
}

/** A number box: empty is null, unreadable `false`. */
export function parseCount(input: string): number | null | false {
  const s = toAsciiDigits(input).trim();
  if (s === '') return null;
  return /^\d+$/.test(s) ? Number(s) : false;
}
