// Assessment instruments and reclassification: headquarters' desk work,
// online only (like registry.ts, never through an offline store).
import { api, call } from '../api/client';
import type {
  InstrumentCheck,
  InstrumentDocument,
  InstrumentList,
  InstrumentSummary,
  Reclassification,
  ReclassificationRun,
} from '../api/types';

/** The server refuses bigger files (`validation`, field `source`, reason `length`); checked before sending. */
export const INSTRUMENT_LIMIT_BYTES = 2 * 1024 * 1024;

/** The versions my headquarters may use (oldest first) and which one new assessments use. */
export function listInstruments(): Promise<InstrumentList> {
  return call(() => api.GET('/api/v1/instruments'));
}

/** One version whole: indicators, answers, scores, marks, tier rules and the TOML source. */
export async function getInstrument(id: string): Promise<InstrumentDocument> {
  return (await call(() => api.GET('/api/v1/instruments/{id}', { params: { path: { id } } }))) as InstrumentDocument;
}

/** Checks a TOML file without publishing it: every problem with its line, or what it holds. */
export function checkInstrument(source: string): Promise<InstrumentCheck> {
  return call(() => api.POST('/api/v1/instruments/check', { body: { source } }));
}

/**
 * Publishes a new version for my headquarters: `instrument_invalid` (the
 * file has problems: check it for the list) or `instrument_version_taken`
 * (the version number is not above every published one of the same code).
 */
export function publishInstrument(source: string): Promise<InstrumentSummary> {
  return call(() => api.POST('/api/v1/instruments', { body: { source } }));
}

/** What re-scoring every family with this version would do. Nothing is written. */
export function previewReclassification(instrumentId: string): Promise<Reclassification> {
  return call(() => api.POST('/api/v1/instruments/{id}/reclassification/preview', { params: { path: { id: instrumentId } } }));
}

/** Re-scores every family with this version and moves those whose tier changes (`run_id` is then set). */
export function applyReclassification(instrumentId: string): Promise<Reclassification> {
  return call(() => api.POST('/api/v1/instruments/{id}/reclassification', { params: { path: { id: instrumentId } } }));
}

/** Reclassifications applied in my headquarters, newest first. */
export async function listReclassifications(): Promise<ReclassificationRun[]> {
  return (await call(() => api.GET('/api/v1/reclassifications'))).items;
}
