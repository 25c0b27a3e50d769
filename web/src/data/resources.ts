// The resource directory (ظرفیت‌های محلی، استانی و ملی): organizations,
// benefactors, employers, counselors, specialists and middle circles a
// center draws on. Desk work, online only. The server searches (its
// Persian normalizer folds letters and digits) and says per item whether I
// may change it (`can_manage`).
import { api, call } from '../api/client';
import type { DirectoryResource, Domain, ResourceKind, ResourceRequest } from '../api/types';

export interface ResourceFilter {
  /** Words in the name, offers, contact or area. */
  q?: string;
  kind?: ResourceKind | null;
  domain?: Domain | null;
}

/** The directory as I see it: the headquarters' shared resources and my center's (headquarters staff: every center's). */
export async function searchResources(filter: ResourceFilter = {}): Promise<DirectoryResource[]> {
  const q = filter.q?.trim();
  const query = {
    ...(q ? { q } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.domain ? { domain: filter.domain } : {}),
  };
  return (await call(() => api.GET('/api/v1/resources', { params: { query } }))).items;
}

/** A new resource: a manager's is their center's, a headquarters admin's is shared by every center. */
export function createResource(body: ResourceRequest): Promise<DirectoryResource> {
  return call(() => api.POST('/api/v1/resources', { body }));
}

/** Every field is replaced (`user_id` left null unlinks the account); `version` is the one the form was loaded with. */
export function updateResource(id: string, body: ResourceRequest & { version: number }): Promise<DirectoryResource> {
  return call(() => api.PATCH('/api/v1/resources/{id}', { params: { path: { id } }, body }));
}

/** Takes it out of the directory; services and referrals that name it keep it. */
export async function removeResource(id: string, version: number): Promise<void> {
  await call(() => api.DELETE('/api/v1/resources/{id}', { params: { path: { id }, query: { version } } }));
}
