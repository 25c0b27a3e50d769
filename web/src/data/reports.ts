// Outcome reports: aggregates only (no family is named), online only.
import { api, call } from '../api/client';
import type { TierDistribution, TransitionReport } from '../api/types';

/** Active families per tier, per center I see, and the total. */
export function tierDistribution(): Promise<TierDistribution> {
  return call(() => api.GET('/api/v1/reports/tiers'));
}

export type TransitionGrouping = 'center' | 'assessor';

/** What a transition report asks for. Null means "no filter". */
export interface TransitionQuery {
  centerId?: string | null;
  /** The user who made the end-of-plan assessments. */
  assessorId?: string | null;
  /** End-of-plan assessments from this ISO date… */
  from?: string | null;
  /** …to this one (inclusive). */
  to?: string | null;
  /** A matrix per center or per assessor besides the total. */
  by?: TransitionGrouping | null;
}

/** The query string the server gets: no empty filters. */
export function transitionParams(q: TransitionQuery) {
  return {
    ...(q.centerId ? { center_id: q.centerId } : {}),
    ...(q.assessorId ? { assessor_id: q.assessorId } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.by ? { by: q.by } : {}),
  };
}

/** Baseline tier × end-of-plan tier of the families whose plan ended in the period. */
export function transitionReport(query: TransitionQuery = {}): Promise<TransitionReport> {
  return call(() => api.GET('/api/v1/reports/transitions', { params: { query: transitionParams(query) } }));
}
