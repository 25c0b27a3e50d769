// Commission tasks as the screens order and name them.
import type { TFunction } from 'i18next';
import type { CommissionSeat, CommissionTask, DirectoryResource, TaskStatus } from '../../api/types';

/** Overdue first, then the other open ones by due date, then the finished, latest first. */
export function sortTasks(tasks: readonly CommissionTask[]): CommissionTask[] {
  const rank = (t: CommissionTask) => (t.status === 'open' ? (t.overdue ? 0 : 1) : 2);
  return [...tasks].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    if (a.status === 'open') return a.due_on.localeCompare(b.due_on);
    return (b.done_on ?? b.due_on).localeCompare(a.done_on ?? a.due_on);
  });
}

/** What a task may become: an open one is done or cancelled, a finished one opens again. */
export function taskMoves(status: TaskStatus): TaskStatus[] {
  return status === 'open' ? ['done', 'cancelled'] : ['open'];
}

export interface AssigneeNames {
  seats?: readonly CommissionSeat[];
  resources?: readonly Pick<DirectoryResource, 'id' | 'name'>[];
  /** The family's helper, when known. */
  helperName?: (task: CommissionTask) => string | null;
}

/** Who a task was given to, in words: the seat's holder, the resource, the family's helper. */
export function assigneeOf(task: CommissionTask, names: AssigneeNames, t: TFunction): string {
  switch (task.assignee_kind) {
    case 'member': {
      const seat = names.seats?.find((s) => s.id === task.assignee_id);
      return seat ? seat.name : t('casework.tasks.assignee.member');
    }
    case 'resource': {
      const r = names.resources?.find((x) => x.id === task.assignee_id);
      return r ? r.name : t('casework.tasks.assignee.resource');
    }
    case 'helper': {
      const name = names.helperName?.(task);
      return name ? t('casework.tasks.helperNamed', { name }) : t('casework.tasks.assignee.helper');
    }
    default:
      return t('common.none');
  }
}
