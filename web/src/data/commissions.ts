// Commissions (کمیسیون): cultural, social and economic case conferences of a
// center or a headquarters. Seats, meetings with their agenda, decisions
// per case and the tasks they divide out. Desk work, online only.
import { api, call } from '../api/client';
import type {
  Commission,
  CommissionDetail,
  CommissionRequest,
  CommissionSeat,
  CommissionTask,
  Decision,
  DecisionRequest,
  MeetingDetail,
  MeetingRequest,
  SeatRequest,
  TaskStatusRequest,
} from '../api/types';

const byId = (id: string) => ({ params: { path: { id } } });

/** Commissions I may open, with their counts (seats, open cases, overdue tasks). */
export async function listCommissions(): Promise<Commission[]> {
  return (await call(() => api.GET('/api/v1/commissions'))).items;
}

/** A manager's commission is their center's; a headquarters admin's is the headquarters'. */
export function createCommission(body: CommissionRequest): Promise<CommissionDetail> {
  return call(() => api.POST('/api/v1/commissions', { body }));
}

/** A commission whole: seats, cases, meetings, decisions and tasks. */
export function getCommission(id: string): Promise<CommissionDetail> {
  return call(() => api.GET('/api/v1/commissions/{id}', byId(id)));
}

/** Name, domain and notes; `version` is the one the form was loaded with. */
export function updateCommission(id: string, body: CommissionRequest & { version: number }): Promise<CommissionDetail> {
  return call(() => api.PATCH('/api/v1/commissions/{id}', { ...byId(id), body }));
}

/** A seat for an account of the headquarters (who then sees the cases) or for a person without one. */
export function addSeat(commissionId: string, body: SeatRequest): Promise<CommissionSeat> {
  return call(() => api.POST('/api/v1/commissions/{id}/seats', { ...byId(commissionId), body }));
}

/** Ends a seat: its holder no longer sees the commission's cases. */
export async function removeSeat(commissionId: string, seatId: string, version: number): Promise<void> {
  await call(() =>
    api.DELETE('/api/v1/commissions/{id}/seats/{seat_id}', {
      params: { path: { id: commissionId, seat_id: seatId }, query: { version } },
    }),
  );
}

/** Records a meeting: its date, place, who came (seats, the cases' helpers, guests) and the cases on its agenda. */
export function createMeeting(commissionId: string, body: MeetingRequest): Promise<MeetingDetail> {
  return call(() => api.POST('/api/v1/commissions/{id}/meetings', { ...byId(commissionId), body }));
}

/** A meeting with its decisions and tasks. */
export function getMeeting(id: string): Promise<MeetingDetail> {
  return call(() => api.GET('/api/v1/meetings/{id}', byId(id)));
}

/** Every field is replaced; `version` is the one the form was loaded with. */
export function updateMeeting(id: string, body: MeetingRequest & { version: number }): Promise<MeetingDetail> {
  return call(() => api.PATCH('/api/v1/meetings/{id}', { ...byId(id), body }));
}

/** What a meeting decided about a case on its agenda, and the tasks it divided out. */
export function recordDecision(meetingId: string, body: DecisionRequest): Promise<{ decision: Decision; tasks: CommissionTask[] }> {
  return call(() => api.POST('/api/v1/meetings/{id}/decisions', { ...byId(meetingId), body }));
}

/** Marks a task done or cancelled (with a note), or open again. */
export function setTaskStatus(taskId: string, body: TaskStatusRequest): Promise<CommissionTask> {
  return call(() => api.POST('/api/v1/commission-tasks/{id}/status', { ...byId(taskId), body }));
}
