// Assessments being filled in on the device (docs/sync.md: "a device makes
// its own drafts; finalizing is one mutation"). A draft is the helper's work
// in progress, kept encrypted so that a reload, a lock or a flat battery
// loses no answer; finalizing turns it into one `assessment` `append`
// mutation and drops it. The server never sees a draft.
import type { AssessmentKind } from '../api/types';
import { decryptJson, encryptJson } from './crypto';
import type { DeviceDb, DraftRow } from './db';
import type { MutationInput } from './outbox';
import type { Mutation } from './protocol';
import type { OpenStore } from './records';

/** The answers as the API's `Answers`: indicator id → answer, for the family and per member id. */
export interface DraftAnswers {
  family: Record<string, string>;
  members: Record<string, Record<string, string>>;
}

export interface LocalDraft {
  /** The assessment's id once appended. */
  id: string;
  family_id: string;
  kind: AssessmentKind;
  /** ISO date. */
  assessed_on: string;
  answers: DraftAnswers;
  /** When it was last saved (RFC 3339). */
  updated_at: string;
}

type Content = Omit<LocalDraft, 'id' | 'family_id' | 'updated_at'>;

export async function readDraft(store: OpenStore, familyId: string): Promise<LocalDraft | null> {
  const row = await store.db.drafts.get(familyId);
  if (!row) return null;
  const c = await decryptJson<Content>(store.key, row.content);
  return { id: row.id, family_id: row.family_id, updated_at: row.updated_at, kind: c.kind, assessed_on: c.assessed_on, answers: c.answers };
}

/** Keeps the draft (replacing the family's earlier one). */
export async function writeDraft(store: OpenStore, draft: Omit<LocalDraft, 'updated_at'>, now: Date = new Date()): Promise<LocalDraft> {
  const content: Content = { kind: draft.kind, assessed_on: draft.assessed_on, answers: draft.answers };
  const row: DraftRow = { family_id: draft.family_id, id: draft.id, updated_at: now.toISOString(), content: await encryptJson(store.key, content) };
  await store.db.drafts.put(row);
  return { ...draft, updated_at: row.updated_at };
}

/** Throws the family's draft away (only the one with this id, when given: a newer draft stays). */
export async function deleteDraft(db: DeviceDb, familyId: string, id?: string): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    const row = await db.drafts.get(familyId);
    if (row && (id === undefined || row.id === id)) await db.drafts.delete(familyId);
  });
}

/** Which families have a draft (needs no key). */
export async function draftFamilies(db: DeviceDb): Promise<Set<string>> {
  return new Set((await db.drafts.toCollection().primaryKeys()) as string[]);
}

/**
 * Finalizes a draft: one `append` mutation with `{kind, assessed_on,
 * answers}` made by `add` (the server scores it again and sets the tier),
 * then the draft goes. A finalize that reached the outbox before (the draft
 * was not dropped then) only drops the draft now: null.
 */
export async function appendDraft(
  store: OpenStore,
  draft: Pick<LocalDraft, 'id' | 'family_id' | 'kind' | 'assessed_on' | 'answers'>,
  add: (input: MutationInput) => Promise<Mutation>,
): Promise<Mutation | null> {
  let m: Mutation | null = null;
  if (!(await store.db.records.get(['assessment', draft.id]))) {
    m = await add({
      entity: 'assessment',
      entity_id: draft.id,
      family_id: draft.family_id,
      op: 'append',
      fields: { kind: draft.kind, assessed_on: draft.assessed_on, answers: draft.answers },
    });
  }
  await deleteDraft(store.db, draft.family_id, draft.id);
  return m;
}
