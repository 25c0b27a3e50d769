import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { initI18n } from '../../i18n';
import type { Program, ProgramParticipant, ProgramSession } from '../../api/types';
import { attendanceLines, coupleOk, defaultHeldSession, heldSessions, nextSession, parseCount, parseTime, percentText, sheetChanged, targetSummary } from './model';

initI18n('fa');
const t = i18n.t.bind(i18n);

const session = (id: string, held_on: string, starts_at: string | null = '17:00'): ProgramSession => ({ id, program_id: 'p', held_on, starts_at, ends_at: null, title: '', version: 1 });
const participant = (id: string): ProgramParticipant =>
  ({ registration: { id, program_id: 'p', member_id: null, family_id: null, walk_in_id: null, partner_id: null, version: 1 }, name: id, attended: 0, completed: false, family_name: null, mobile: '', neighborhood: '', tier: null, walk_in: null }) as ProgramParticipant;

describe('program rules', () => {
  const sessions = [session('c', '2025-03-20'), session('a', '2025-03-01'), session('b', '2025-03-12')];

  it('finds the next session and the held ones (today counts as held)', () => {
    expect(nextSession({ sessions } as Program, '2025-03-12')?.id).toBe('b');
    expect(nextSession({ sessions } as Program, '2025-03-21')).toBeNull();
    expect(heldSessions(sessions, '2025-03-12').map((s) => s.id)).toEqual(['a', 'b']);
    expect(defaultHeldSession(sessions, '2025-03-12')).toBe('b');
    expect(defaultHeldSession(sessions, '2025-02-01')).toBeNull();
  });

  it('reads times in any digits and refuses nonsense', () => {
    expect(parseTime('۱۷:۳۰')).toBe('17:30');
    expect(parseTime('9')).toBe('09:00');
    expect(parseTime('')).toBeNull();
    expect(parseTime('25:00')).toBe(false);
    expect(parseTime('ساعت')).toBe(false);
    expect(parseCount('۱۲')).toBe(12);
    expect(parseCount('x')).toBe(false);
  });

  it('sends a line for every participant, unmarked as absent', () => {
    const ps = [participant('r1'), participant('r2')];
    expect(attendanceLines(ps, { r1: true })).toEqual([
      { registration_id: 'r1', present: true },
      { registration_id: 'r2', present: false },
    ]);
    expect(sheetChanged(ps, { r1: true }, {})).toBe(true);
    expect(sheetChanged(ps, { r2: false }, {})).toBe(false);
  });

  it('says whom a program is for, and a rate as a percent', () => {
    expect(targetSummary({}, t, 'fa')).toBe('همهٔ خانواده‌های مرکز');
    expect(targetSummary({ tiers: ['at_risk'], age_min: 12, age_max: 18, relations: ['child'] }, t, 'fa')).toBe('در معرض آسیب – ۱۲ تا ۱۸ سال – فرزند');
    expect(percentText(0.5, 'fa')).toBe('٪۵۰');
    expect(percentText(0.875, 'en')).toBe('88%');
  });

  it('takes a couple only from one family', () => {
    const i = (member_id: string, family_id: string) => ({ member_id, family_id }) as never;
    expect(coupleOk([i('a', 'f'), i('b', 'f')])).toBe(true);
    expect(coupleOk([i('a', 'f'), i('b', 'g')])).toBe(false);
    expect(coupleOk([i('a', 'f')])).toBe(false);
  });
});
