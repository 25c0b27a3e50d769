// The calendar page's data on a helper's phone: with the device store open
// it comes from there (so it works offline, and agrees with the family
// pages, which read the phone too: edits not sent yet included); with the
// store closed, or for anyone who keeps no store, from the server as
// `useAssistanceCalendar` reads it.
import type { Me } from '../../api/types';
import { getAgenda, getCalendar } from '../../data/assistance';
import { useResource } from '../../data/useResource';
import { localAgenda, localCalendar, localToday, usesOfflineStore, useSyncStatus } from '../../offline';
import type { MonthView } from './MonthCalendar';
import { monthRange } from './model';
import type { AssistanceCalendarData } from './useAssistanceCalendar';

export function useCalendarData(me: Me, view: MonthView): AssistanceCalendarData {
  const s = useSyncStatus();
  const local = usesOfflineStore(me) && s.active && s.lock === 'open';
  // What changes what the phone holds: an edit queued, a sync, an unlock.
  const key = local ? `${s.pending}|${s.lastSyncAt ?? ''}|${s.syncing}` : '';
  const month = useResource(async () => {
    const { from, to } = monthRange(view.year, view.month);
    return local ? (await localCalendar(from, to)).items : getCalendar(from, to);
  }, [view.year, view.month, local, key]);
  const agenda = useResource(async () => {
    if (!local) return getAgenda();
    const { pending: _, ...a } = await localAgenda(localToday());
    return a;
  }, [local, key]);
  return { month, agenda };
}
