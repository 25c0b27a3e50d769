// A helper's day: what is overdue and due today in their families. With the
// phone's store open it is read from there (it works offline and shows the
// helper's own edits not sent yet); with the store closed, from the server.
import type { Agenda } from '../api/types';
import { getSyncStatus, localAgenda, localToday } from '../offline';
import { getAgenda } from './assistance';
import { unreachable } from './myFamiliesHome';

export interface HelperAgenda {
  source: 'device' | 'server';
  agenda: Agenda;
  /** Activities with changes on the phone not sent yet. */
  pending: ReadonlySet<string>;
}

/** Null when there is nothing to read it from (the store closed and no connection). */
export async function myAgenda(): Promise<HelperAgenda | null> {
  const s = getSyncStatus();
  if (s.active && s.lock === 'open') {
    try {
      const { pending, ...agenda } = await localAgenda(localToday());
      return { source: 'device', agenda, pending: new Set(pending) };
    } catch {
      // Locked or gone meanwhile: the server's, if it can be reached.
    }
  }
  if (!s.online) return null;
  try {
    return { source: 'server', agenda: await getAgenda(), pending: new Set() };
  } catch (e) {
    if (unreachable(e)) return null;
    throw e;
  }
}
