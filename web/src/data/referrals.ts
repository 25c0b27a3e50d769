// Referrals (ارجاع) as cases: what the receiver (a specialist, an
// organization's desk, a commission) and the family's side see and answer.
// Online only. Making a referral belongs to the family's assistance
// (data/assistance.ts).
import { api, call } from '../api/client';
import type { ReferralAnswerRequest, ReferralCase } from '../api/types';

/** Cases I deal with: sent to me or my commissions, or made for my families; newest first. */
export async function listReferrals(): Promise<ReferralCase[]> {
  return (await call(() => api.GET('/api/v1/referrals'))).items;
}

/** One case: what was referred, how to reach the family, and (for a commission) its decisions and tasks. */
export function getReferral(id: string): Promise<ReferralCase> {
  return call(() => api.GET('/api/v1/referrals/{id}', { params: { path: { id } } }));
}

/**
 * Moves the case on (accept, decline, start, close, withdraw) or, with the
 * same status, only records new feedback. Feedback left out keeps the
 * receiver's words. Answers the case whole.
 */
export function answerReferral(id: string, body: ReferralAnswerRequest): Promise<ReferralCase> {
  return call(() => api.POST('/api/v1/referrals/{id}/answer', { params: { path: { id } }, body }));
}
