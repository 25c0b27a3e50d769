import { describe, expect, it } from 'vitest';
import { buildTimeline, daysFrom, idsOf, monthRange, overdueOf, upcomingOf } from './model';
import { goalsByMember } from './PlanView';
import { domainOfHarm, harmKey } from './GoalForm';
import { activity, assistance, goal, members, service, task } from './fixtures';

describe('buildTimeline', () => {
  it('keeps a chain of corrections as one item: the latest, carrying the versions before it, newest first', () => {
    const s1 = service({ id: 's1', served_on: '2025-03-01', amended_by: 's2' });
    const s2 = service({ id: 's2', served_on: '2025-03-02', amends: 's1', amended_by: 's3' });
    const s3 = service({ id: 's3', served_on: '2025-03-02', amends: 's2' });
    const other = service({ id: 's4', served_on: '2025-02-01' });
    const items = buildTimeline({ services: [s3, s2, s1, other], activities: [], referrals: [], decisions: [], tasks: [] });
    expect(items.map((i) => i.key)).toEqual(['s:s3', 's:s4']);
    const first = items[0]!;
    expect(first.type === 'service' && first.earlier.map((s) => s.id)).toEqual(['s2', 's1']);
    expect(idsOf(first)).toEqual(['s3', 's2', 's1']);
  });

  it('hides an original corrected on this phone before the server says `amended_by`', () => {
    const original = service({ id: 's1' });
    const local = service({ id: 's2', amends: 's1' });
    const items = buildTimeline({ services: [local, original], activities: [], referrals: [], decisions: [], tasks: [] });
    expect(items.map((i) => i.key)).toEqual(['s:s2']);
  });

  it('gives a done task two items: on its due day and on the day it was done; an open one only the first', () => {
    const done = task({ id: 't1', due_on: '2025-03-12', done_on: '2025-03-11', status: 'done' });
    const open = task({ id: 't2', due_on: '2025-03-20', status: 'open', done_on: null });
    const items = buildTimeline({ services: [], activities: [], referrals: [], decisions: [], tasks: [done, open] });
    expect(items.map((i) => [i.type, i.date])).toEqual([
      ['task', '2025-03-20'],
      ['task', '2025-03-12'],
      ['taskDone', '2025-03-11'],
    ]);
  });

  it('sorts newest first, and on one day what happened before what was due', () => {
    const a = assistance({
      services: [service({ id: 's1', served_on: '2025-03-15' })],
      activities: [activity({ id: 'a1', due_on: '2025-03-15' })],
      referrals: [],
      decisions: [],
      tasks: [task({ id: 't1', due_on: '2025-03-01', done_on: '2025-03-15' })],
    });
    expect(buildTimeline(a).map((i) => i.type)).toEqual(['taskDone', 'service', 'activity', 'task']);
  });
});

describe('due lists', () => {
  const acts = [
    activity({ id: 'late', due_on: '2025-03-01' }),
    activity({ id: 'later', due_on: '2025-03-05' }),
    activity({ id: 'today', due_on: '2025-03-12' }),
    activity({ id: 'week', due_on: '2025-03-19' }),
    activity({ id: 'far', due_on: '2025-04-30' }),
    activity({ id: 'done', due_on: '2025-03-02', status: 'done' }),
    activity({ id: 'missed', due_on: '2025-03-03', status: 'missed' }),
  ];
  it('overdue: planned before today, oldest first; done and missed ones are not', () => {
    expect(overdueOf(acts, '2025-03-12').map((a) => a.id)).toEqual(['late', 'later']);
  });
  it('upcoming: planned from today on, soonest first, within the days asked', () => {
    expect(upcomingOf(acts, '2025-03-12').map((a) => a.id)).toEqual(['today', 'week', 'far']);
    expect(upcomingOf(acts, '2025-03-12', 7).map((a) => a.id)).toEqual(['today', 'week']);
  });
  it('counts days across months', () => {
    expect(daysFrom('2025-02-27', '2025-03-02')).toBe(3);
  });
});

describe('monthRange', () => {
  it('is a Solar Hijri month in ISO days', () => {
    expect(monthRange(1403, 12)).toEqual({ from: '2025-02-19', to: '2025-03-20' });
    // 1403 is a leap year: Esfand has 30 days; 1404's has 29.
    expect(monthRange(1404, 12)).toEqual({ from: '2026-02-20', to: '2026-03-20' });
    expect(monthRange(1404, 1)).toEqual({ from: '2025-03-21', to: '2025-04-20' });
  });
});

describe('goals', () => {
  it('groups by member: the family first, then members in the family’s order; open goals first', () => {
    const groups = goalsByMember(
      [
        goal({ id: 'g3', member_id: 'm2', status: 'achieved' }),
        goal({ id: 'g4', member_id: 'm2', status: 'open' }),
        goal({ id: 'g1', member_id: null }),
        goal({ id: 'g5', member_id: 'gone' }),
      ],
      members,
    );
    expect(groups.map((g) => [g.memberId, g.goals.map((x) => x.id)])).toEqual([
      [null, ['g1']],
      ['m2', ['g4', 'g3']],
      ['gone', ['g5']],
    ]);
  });

  it('reads a harm’s domain from its indicator, and keys a harm by member', () => {
    expect(domainOfHarm({ indicator: 'economic.debt' })).toBe('economic');
    expect(domainOfHarm({ indicator: 'custom' })).toBeNull();
    expect(harmKey({ indicator: 'economic.insurance', member_id: 'm1' })).not.toBe(harmKey({ indicator: 'economic.insurance', member_id: 'm2' }));
  });
});
