// Where the calendar page's data comes from: the month on screen from
// GET /calendar, today / overdue / the coming week from GET /agenda. One
// hook, so a helper's phone can answer it from its device store instead.
import type { Agenda, DueActivity } from '../../api/types';
import { getAgenda, getCalendar } from '../../data/assistance';
import { useResource, type Resource } from '../../data/useResource';
import type { MonthView } from './MonthCalendar';
import { monthRange } from './model';

export interface AssistanceCalendarData {
  /** Activities of my families due in the month on screen, with the families' names. */
  month: Resource<DueActivity[]>;
  /** What is due: today, overdue (up to a year back), the coming week. */
  agenda: Resource<Pick<Agenda, 'today' | 'due_today' | 'overdue' | 'upcoming'>>;
}

export function useAssistanceCalendar(view: MonthView): AssistanceCalendarData {
  const month = useResource(() => {
    const { from, to } = monthRange(view.year, view.month);
    return getCalendar(from, to);
  }, [view.year, view.month]);
  const agenda = useResource(() => getAgenda(), []);
  return { month, agenda };
}
