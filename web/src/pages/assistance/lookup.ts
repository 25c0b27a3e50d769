// Names for the ids of a family's assistance records: members (from the
// family), resources (the records' own refs, then the directory), people
// and commissions (the server's `names`), goals and tasks.
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import type { Activity, CommissionTask, Goal, Member, Referral } from '../../api/types';
import type { AssistanceSource } from './backend';
import { fullName } from '../families/format';

/** What the screens need of a member: who they are. */
export type AssistanceMember = Pick<Member, 'id' | 'first_name' | 'last_name'>;

export interface Lookup {
  member: (id: string | null | undefined) => string | null;
  /** A resource's name; `removed` when it was taken out of the directory since. */
  resource: (id: string | null | undefined) => { name: string; removed: boolean } | null;
  /** A person, commission or seat the records name. */
  name: (id: string | null | undefined) => string | null;
  goal: (id: string | null | undefined) => Goal | null;
  activity: (id: string | null | undefined) => Activity | null;
  task: (id: string | null | undefined) => CommissionTask | null;
}

export function makeLookup(source: AssistanceSource, members: readonly AssistanceMember[]): Lookup {
  const a = source.assistance;
  const memberNames = new Map(members.map((m) => [m.id, fullName(m)]));
  const refs = new Map<string, { name: string; removed: boolean }>();
  for (const r of source.resources) refs.set(r.id, { name: r.name, removed: false });
  // The records' own refs last: they know a resource was removed.
  for (const r of a.resources) refs.set(r.id, { name: r.name, removed: r.removed });
  const goals = new Map(a.goals.map((g) => [g.id, g]));
  const tasks = new Map(a.tasks.map((t) => [t.id, t]));
  const activities = new Map(a.activities.map((x) => [x.id, x]));
  const commissions = new Map(source.commissions.map((c) => [c.id, c.name]));
  return {
    member: (id) => (id ? (memberNames.get(id) ?? null) : null),
    resource: (id) => (id ? (refs.get(id) ?? null) : null),
    name: (id) => (id ? (a.names[id] ?? commissions.get(id) ?? null) : null),
    goal: (id) => (id ? (goals.get(id) ?? null) : null),
    task: (id) => (id ? (tasks.get(id) ?? null) : null),
    activity: (id) => (id ? (activities.get(id) ?? null) : null),
  };
}

export function useLookup(source: AssistanceSource, members: readonly AssistanceMember[]): Lookup {
  return useMemo(() => makeLookup(source, members), [source, members]);
}

/** Who a referral went to, in words. */
export function receiverOf(r: Pick<Referral, 'resource_id' | 'commission_id'>, lookup: Lookup, t: TFunction): string {
  if (r.resource_id) {
    const res = lookup.resource(r.resource_id);
    if (!res) return t('assistance.timeline.unknownName');
    return res.removed ? t('assistance.timeline.removedResource', { name: res.name }) : res.name;
  }
  return lookup.name(r.commission_id) ?? t('assistance.timeline.unknownName');
}
