// A family's assessments (سطح‌بندی), its tier history, and the instrument an
// assessment uses. Like families.ts these go through a swappable store: the
// helpers' offline work will keep drafts on the device behind the same
// functions (client-made ids: `CreateAssessmentRequest.id`).
import { api, call } from '../api/client';
import type {
  AssessmentDetail,
  AssessmentList,
  Assessor,
  CreateAssessmentRequest,
  InstrumentDocument,
  OverrideTierRequest,
  TierHistoryEntry,
  UpdateAssessmentRequest,
} from '../api/types';
import { getInstrument } from './instruments';

export interface AssessmentStore {
  list(familyId: string): Promise<AssessmentList>;
  tierHistory(familyId: string): Promise<TierHistoryEntry[]>;
  assessors(familyId: string): Promise<Assessor[]>;
  start(familyId: string, body: CreateAssessmentRequest): Promise<AssessmentDetail>;
  get(id: string): Promise<AssessmentDetail>;
  save(id: string, body: UpdateAssessmentRequest): Promise<AssessmentDetail>;
  discard(id: string, version: number): Promise<void>;
  finalize(id: string, version: number): Promise<AssessmentDetail>;
  override(id: string, body: OverrideTierRequest): Promise<AssessmentDetail>;
  instrument(id: string): Promise<InstrumentDocument>;
}

const byId = (id: string) => ({ params: { path: { id } } });

export const remoteAssessmentStore: AssessmentStore = {
  list(familyId) {
    return call(() => api.GET('/api/v1/families/{id}/assessments', byId(familyId)));
  },
  async tierHistory(familyId) {
    return (await call(() => api.GET('/api/v1/families/{id}/tier-history', byId(familyId)))).items;
  },
  assessors(familyId) {
    return call(() => api.GET('/api/v1/families/{id}/assessors', byId(familyId)));
  },
  start(familyId, body) {
    return call(() => api.POST('/api/v1/families/{id}/assessments', { ...byId(familyId), body }));
  },
  get(id) {
    return call(() => api.GET('/api/v1/assessments/{id}', byId(id)));
  },
  save(id, body) {
    return call(() => api.PATCH('/api/v1/assessments/{id}', { ...byId(id), body }));
  },
  async discard(id, version) {
    await call(() => api.DELETE('/api/v1/assessments/{id}', { params: { path: { id }, query: { version } } }));
  },
  finalize(id, version) {
    return call(() => api.POST('/api/v1/assessments/{id}/finalize', { ...byId(id), body: { version } }));
  },
  override(id, body) {
    return call(() => api.POST('/api/v1/assessments/{id}/override', { ...byId(id), body }));
  },
  instrument(id) {
    return getInstrument(id);
  },
};

let store: AssessmentStore = remoteAssessmentStore;

/** Swaps the store (the offline store, or a fake in tests). */
export function setAssessmentStore(next: AssessmentStore): void {
  store = next;
  instruments.clear();
}

/** A family's assessments (newest first, drafts included) and its current tier. */
export function familyAssessments(familyId: string): Promise<AssessmentList> {
  return store.list(familyId);
}

/** How the family's tier came to be: final assessments and reclassifications, oldest first. */
export function familyTierHistory(familyId: string): Promise<TierHistoryEntry[]> {
  return store.tierHistory(familyId);
}

/** Users of the family's center who may be named as its assessor. */
export function familyAssessors(familyId: string): Promise<Assessor[]> {
  return store.assessors(familyId);
}

/**
 * A new draft for the family, with the headquarters' current instrument. With
 * `corrects` (and a `correction_reason`) it corrects a final assessment and
 * starts from its answers.
 */
export function startAssessment(familyId: string, body: CreateAssessmentRequest): Promise<AssessmentDetail> {
  return store.start(familyId, body);
}

export function getAssessment(id: string): Promise<AssessmentDetail> {
  return store.get(id);
}

/** Saves a draft (`answers` replaces every answer); `version_conflict` when it changed meanwhile, `assessment_final` once final. */
export function saveAssessment(id: string, body: UpdateAssessmentRequest): Promise<AssessmentDetail> {
  return store.save(id, body);
}

/** Throws a draft away. */
export function discardAssessment(id: string, version: number): Promise<void> {
  return store.discard(id, version);
}

/** Makes a complete draft final: `assessment_incomplete` while a question that applies has no answer. */
export function finalizeAssessment(id: string, version: number): Promise<AssessmentDetail> {
  return store.finalize(id, version);
}

/** A manager's tier for a final assessment, with the reason; the computed tier is kept beside it. */
export function overrideTier(id: string, body: OverrideTierRequest): Promise<AssessmentDetail> {
  return store.override(id, body);
}

// Published versions never change: each is fetched once per page load.
const instruments = new Map<string, Promise<InstrumentDocument>>();

/** The instrument version an assessment uses (cached: versions never change). */
export function assessmentInstrument(instrumentId: string): Promise<InstrumentDocument> {
  let p = instruments.get(instrumentId);
  if (!p) {
    p = store.instrument(instrumentId);
    instruments.set(instrumentId, p);
    // A failed load is tried again next time.
    p.catch(() => instruments.delete(instrumentId));
  }
  return p;
}
