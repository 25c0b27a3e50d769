import { describe, expect, it } from 'vitest';
import {
  courseHours,
  defaultSessionId,
  isPresent,
  presentText,
  savedSheet,
  sheetChanged,
  sheetEntries,
} from './attendance';
import { enrollable } from './TraineesSection';
import { CENTER, course, detail, helper, session, trainee } from './fixtures';

const d = detail();

describe('savedSheet', () => {
  it("fills each trainee's box with the session's recorded hours, empty without a line", () => {
    expect(savedSheet(d.trainees, d.attendance, 's1', 'fa')).toEqual({ h1: '۴', h2: '۲٫۵' });
    expect(savedSheet(d.trainees, d.attendance, 's2', 'fa')).toEqual({ h1: '۱٫۵', h2: '' });
    expect(savedSheet(d.trainees, d.attendance, 's2', 'en')).toEqual({ h1: '1.5', h2: '' });
  });
});

describe('present', () => {
  it('is more than zero hours', () => {
    expect(isPresent('۱٫۵')).toBe(true);
    expect(isPresent('0')).toBe(false);
    expect(isPresent('')).toBe(false);
    expect(isPresent('x')).toBe(false);
  });

  it('ticking fills the whole session; clearing writes zero', () => {
    expect(presentText(true, 1.5, 'fa')).toBe('۱٫۵');
    expect(presentText(false, 1.5, 'fa')).toBe('۰');
  });
});

describe('sheetEntries', () => {
  it("sends every trainee's line, in order, empty as absent and rounded to quarters", () => {
    expect(sheetEntries(d.trainees, { h1: '۱٫۳', h2: '' }, 1.5)).toEqual({
      ok: true,
      entries: [
        { helper_id: 'h1', hours: 1.25 },
        { helper_id: 'h2', hours: 0 },
      ],
    });
    // A trainee with no box at all (enrolled meanwhile) is absent too.
    expect(sheetEntries(d.trainees, { h1: '4' }, 4)).toEqual({
      ok: true,
      entries: [
        { helper_id: 'h1', hours: 4 },
        { helper_id: 'h2', hours: 0 },
      ],
    });
  });

  it('names the boxes that cannot be sent', () => {
    expect(sheetEntries(d.trainees, { h1: 'دو', h2: '۲' }, 1.5)).toEqual({ ok: false, errors: { h1: 'format', h2: 'too_many' } });
  });
});

describe('sheetChanged', () => {
  const saved = savedSheet(d.trainees, d.attendance, 's2', 'fa');
  it('compares hours, not how they are written', () => {
    expect(sheetChanged(d.trainees, { ...saved }, saved)).toBe(false);
    expect(sheetChanged(d.trainees, { h1: '1.5', h2: '0' }, saved)).toBe(false);
    expect(sheetChanged(d.trainees, { h1: '1:30', h2: '' }, saved)).toBe(false);
    expect(sheetChanged(d.trainees, { h1: '1', h2: '' }, saved)).toBe(true);
    expect(sheetChanged(d.trainees, { h1: '1.5', h2: 'x' }, saved)).toBe(true);
  });
});

describe('courseHours', () => {
  it('adds up every session per helper', () => {
    const totals = courseHours(d.attendance);
    expect(totals.get('h1')).toBe(5.5);
    expect(totals.get('h2')).toBe(2.5);
    expect(totals.get('h3')).toBeUndefined();
  });
});

describe('defaultSessionId', () => {
  const sessions = [session('a', '2025-03-01', 2), session('b', '2025-03-08', 2), session('c', '2025-04-01', 2)];
  it('opens on the latest session held by today', () => {
    expect(defaultSessionId(sessions, '2025-03-10')).toBe('b');
    expect(defaultSessionId(sessions, '2025-03-08')).toBe('b');
    expect(defaultSessionId(sessions, '2025-05-01')).toBe('c');
  });
  it('else on the first to come; none without sessions', () => {
    expect(defaultSessionId(sessions, '2025-01-01')).toBe('a');
    expect(defaultSessionId([], '2025-01-01')).toBeNull();
  });
});

describe('enrollable', () => {
  const helpers = [
    helper('h1', 'علی نجفی'),
    helper('h3', 'مریم عباسی', { status: 'active' }),
    helper('h4', 'بهرام کریمی', { status: 'inactive' }),
    helper('h5', 'آرش رضایی', { center_id: 'center-2', status: 'applicant' }),
  ];
  it('leaves out the enrolled and the inactive, by name', () => {
    const shared = detail({ trainees: [trainee('h1', 'علی نجفی')] });
    expect(enrollable(helpers, shared).map((h) => h.id)).toEqual(['h5', 'h3']);
  });
  it("keeps a center's course to its center", () => {
    const own = detail({ course: course({ center_id: CENTER }), trainees: [] });
    expect(enrollable(helpers, own).map((h) => h.id)).toEqual(['h1', 'h3']);
  });
});
