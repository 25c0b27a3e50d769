import { api, call } from '../api/client';
import type {
  AccessEntry,
  CreateFamilyRequest,
  Family,
  FamilyDetail,
  FamilyPage,
  FamilyStatus,
  HistoryEntry,
  TierFilter,
  Member,
  MemberInput,
  UpdateFamilyRequest,
  UpdateMemberRequest,
} from '../api/types';

/** What a families list asks for. Empty strings and null mean "no filter". */
export interface FamilyQuery {
  /** Words that must all match a name, national ID, phone or the address. */
  q?: string;
  neighborhood?: string;
  status?: FamilyStatus | null;
  /** A tier, or `unassessed` (no final assessment yet). */
  tier?: TierFilter | null;
  /** A helper's id (the families in their caseload), or `unassigned` (managers). */
  helper?: string | null;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/**
 * Where family data comes from. Today: the server. For helpers working
 * offline this becomes a Dexie-backed store kept in step by a sync loop, with
 * writes queued in an outbox (client-made UUIDs: `CreateFamilyRequest.id`,
 * `MemberInput.id`); screens keep calling the functions below. The access
 * log is the server's record of who looked: an offline store passes that
 * call through to the server.
 *
 * (Named "store" because the contract's `FamilySource` is the organization
 * that reported a family.)
 */
export interface FamilyStore {
  list(query: FamilyQuery): Promise<FamilyPage>;
  get(id: string): Promise<FamilyDetail>;
  create(body: CreateFamilyRequest): Promise<FamilyDetail>;
  update(id: string, body: UpdateFamilyRequest): Promise<Family>;
  addMember(familyId: string, body: MemberInput): Promise<Member>;
  updateMember(familyId: string, memberId: string, body: UpdateMemberRequest): Promise<Member>;
  removeMember(familyId: string, memberId: string, version: number): Promise<void>;
  changeHead(familyId: string, memberId: string, familyVersion: number): Promise<FamilyDetail>;
  moveMember(familyId: string, memberId: string, toFamilyId: string): Promise<FamilyDetail>;
  history(familyId: string): Promise<HistoryEntry[]>;
  accessLog(familyId: string): Promise<AccessEntry[]>;
}

/** The query string the server gets: no empty filters. */
export function listParams(query: FamilyQuery) {
  return {
    ...(query.q ? { q: query.q } : {}),
    ...(query.neighborhood ? { neighborhood: query.neighborhood } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.tier ? { tier: query.tier } : {}),
    ...(query.helper ? { helper: query.helper } : {}),
    ...(query.page ? { page: query.page } : {}),
    ...(query.pageSize ? { page_size: query.pageSize } : {}),
  };
}

const familyPath = (id: string) => ({ params: { path: { id } } });
const memberPath = (id: string, member_id: string) => ({ params: { path: { id, member_id } } });

export const remoteFamilyStore: FamilyStore = {
  list(query) {
    return call(() => api.GET('/api/v1/families', { params: { query: listParams(query) } }));
  },
  get(id) {
    return call(() => api.GET('/api/v1/families/{id}', familyPath(id)));
  },
  create(body) {
    return call(() => api.POST('/api/v1/families', { body }));
  },
  update(id, body) {
    return call(() => api.PATCH('/api/v1/families/{id}', { ...familyPath(id), body }));
  },
  addMember(familyId, body) {
    return call(() => api.POST('/api/v1/families/{id}/members', { ...familyPath(familyId), body }));
  },
  updateMember(familyId, memberId, body) {
    return call(() => api.PATCH('/api/v1/families/{id}/members/{member_id}', { ...memberPath(familyId, memberId), body }));
  },
  async removeMember(familyId, memberId, version) {
    await call(() =>
      api.DELETE('/api/v1/families/{id}/members/{member_id}', {
        params: { path: { id: familyId, member_id: memberId }, query: { version } },
      }),
    );
  },
  changeHead(familyId, memberId, familyVersion) {
    return call(() =>
      api.POST('/api/v1/families/{id}/head', { ...familyPath(familyId), body: { member_id: memberId, version: familyVersion } }),
    );
  },
  moveMember(familyId, memberId, toFamilyId) {
    return call(() =>
      api.POST('/api/v1/families/{id}/members/{member_id}/move', { ...memberPath(familyId, memberId), body: { to_family_id: toFamilyId } }),
    );
  },
  async history(familyId) {
    return (await call(() => api.GET('/api/v1/families/{id}/history', familyPath(familyId)))).items;
  },
  async accessLog(familyId) {
    return (await call(() => api.GET('/api/v1/families/{id}/access-log', familyPath(familyId)))).items;
  },
};

let store: FamilyStore = remoteFamilyStore;

/** Swaps the store (the offline store, or a fake in tests). */
export function setFamilyStore(next: FamilyStore): void {
  store = next;
}

/** One page of the families the caller may see, matching the filters, in Persian alphabetical order. */
export function listFamilies(query: FamilyQuery = {}): Promise<FamilyPage> {
  return store.list(query);
}

/** A family with its members (head first). The server records the view in the access log. */
export function getFamily(id: string): Promise<FamilyDetail> {
  return store.get(id);
}

/** A new family with its head. `duplicate_national_id` names where the ID is registered already. */
export function createFamily(body: CreateFamilyRequest): Promise<FamilyDetail> {
  return store.create(body);
}

/** `version` must be the one the form was loaded with: the server answers `version_conflict` otherwise. */
export function updateFamily(id: string, body: UpdateFamilyRequest): Promise<Family> {
  return store.update(id, body);
}

export function addMember(familyId: string, body: MemberInput): Promise<Member> {
  return store.addMember(familyId, body);
}

/** `version` is the member's. */
export function updateMember(familyId: string, memberId: string, body: UpdateMemberRequest): Promise<Member> {
  return store.updateMember(familyId, memberId, body);
}

/** Not the head (the server answers `validation`, reason `is_head`). `version` is the member's. */
export function removeMember(familyId: string, memberId: string, version: number): Promise<void> {
  return store.removeMember(familyId, memberId, version);
}

/** `familyVersion` is the family's version. */
export function changeHead(familyId: string, memberId: string, familyVersion: number): Promise<FamilyDetail> {
  return store.changeHead(familyId, memberId, familyVersion);
}

/** Moves a member (not the head) to another family of the same center; answers the target family. */
export function moveMember(familyId: string, memberId: string, toFamilyId: string): Promise<FamilyDetail> {
  return store.moveMember(familyId, memberId, toFamilyId);
}

/** Changes to the family, its members and sources, newest first. */
export function familyHistory(familyId: string): Promise<HistoryEntry[]> {
  return store.history(familyId);
}

/** Who opened the family, newest first (center managers). */
export function familyAccessLog(familyId: string): Promise<AccessEntry[]> {
  return store.accessLog(familyId);
}
