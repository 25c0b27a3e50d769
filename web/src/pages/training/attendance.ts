// The attendance sheet of one session: what each trainee's hours box says,
// and the request that saves it. Every trainee gets a line (empty is absent),
// so the sheet as sent is the sheet as seen.
import type { AttendanceEntry, CourseSession, Trainee } from '../../api/types';
import type { Lang } from '../../lib/locale';
import { formatHours, parseHours, type HoursError } from './hours';

/** What each trainee's hours box says, by helper id. */
export type SheetText = Record<string, string>;

/** Hours per helper in one session, as the server has them. */
export function sessionHours(attendance: readonly AttendanceEntry[], sessionId: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of attendance) if (a.session_id === sessionId) out.set(a.helper_id, a.hours);
  return out;
}

/** The sheet as saved: each trainee's recorded hours, or empty when they have no line yet. */
export function savedSheet(trainees: readonly Trainee[], attendance: readonly AttendanceEntry[], sessionId: string, lang: Lang): SheetText {
  const hours = sessionHours(attendance, sessionId);
  const out: SheetText = {};
  for (const t of trainees) {
    const h = hours.get(t.helper_id);
    out[t.helper_id] = h === undefined ? '' : formatHours(h, lang);
  }
  return out;
}

/** Present means more than zero hours (an unreadable box is not). */
export function isPresent(text: string): boolean {
  const p = parseHours(text);
  return !!p && p.ok && p.hours > 0;
}

/** The box after ticking "present" (the whole session) or clearing it (0). */
export function presentText(present: boolean, hoursOfSession: number, lang: Lang): string {
  return formatHours(present ? hoursOfSession : 0, lang);
}

export type SheetResult =
  | { ok: true; entries: { helper_id: string; hours: number }[] }
  | { ok: false; errors: Record<string, HoursError> };

/**
 * The request for the sheet: one line per trainee, in the trainees' order,
 * hours rounded to quarters; empty is 0. Boxes that cannot be read, or say
 * more than the session lasted, are returned instead.
 */
export function sheetEntries(trainees: readonly Trainee[], text: SheetText, hoursOfSession: number): SheetResult {
  const entries: { helper_id: string; hours: number }[] = [];
  const errors: Record<string, HoursError> = {};
  for (const t of trainees) {
    const p = parseHours(text[t.helper_id] ?? '', hoursOfSession);
    if (p === null) entries.push({ helper_id: t.helper_id, hours: 0 });
    else if (p.ok) entries.push({ helper_id: t.helper_id, hours: p.hours });
    else errors[t.helper_id] = p.error;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, entries };
}

/** Whether the sheet says anything other than what is saved (an unreadable box counts as a change). */
export function sheetChanged(trainees: readonly Trainee[], text: SheetText, saved: SheetText): boolean {
  return trainees.some((t) => {
    const now = parseHours(text[t.helper_id] ?? '');
    const before = parseHours(saved[t.helper_id] ?? '');
    if (now && !now.ok) return true;
    const a = now?.ok ? now.hours : 0;
    const b = before?.ok ? before.hours : 0;
    return a !== b;
  });
}

/** Hours each helper attended over the whole course (every session). */
export function courseHours(attendance: readonly AttendanceEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of attendance) out.set(a.helper_id, (out.get(a.helper_id) ?? 0) + a.hours);
  return out;
}

/** The session a sheet opens on: the latest held by `today` (ISO), else the first to come. */
export function defaultSessionId(sessions: readonly CourseSession[], today: string): string | null {
  const held = sessions.filter((s) => s.held_on <= today);
  const pick = held.length > 0 ? held.reduce((a, b) => (b.held_on >= a.held_on ? b : a)) : sessions[0];
  return pick?.id ?? null;
}

