import { useMemo } from 'react';
import { can, listUsers, useResource, type Me } from '../../data';

/**
 * Who published a version or applied a run: the API gives user ids only, so
 * names come from the users list when the caller may read it (headquarters
 * admins may). Without it the names are simply left out.
 */
export function useUserNames(me: Me): ReadonlyMap<string, string> {
  const mayRead = can(me, 'users.read');
  const users = useResource(() => (mayRead ? listUsers() : Promise.resolve([])), [mayRead]);
  return useMemo(() => {
    const names = new Map<string, string>((users.data ?? []).map((u) => [u.id, u.display_name]));
    names.set(me.user.id, me.user.display_name);
    return names;
  }, [users.data, me.user.id, me.user.display_name]);
}
