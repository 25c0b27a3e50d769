import { api, call } from '../api/client';
import type { Center, CreateCenterRequest, UpdateCenterRequest } from '../api/types';

export async function listCenters(): Promise<Center[]> {
  return (await call(() => api.GET('/api/v1/centers'))).items;
}

export function getCenter(id: string): Promise<Center> {
  return call(() => api.GET('/api/v1/centers/{id}', { params: { path: { id } } }));
}

export function createCenter(body: CreateCenterRequest): Promise<Center> {
  return call(() => api.POST('/api/v1/centers', { body }));
}

/** `version` must be the one the form was loaded with: the server answers `version_conflict` otherwise. */
export function updateCenter(id: string, body: UpdateCenterRequest): Promise<Center> {
  return call(() => api.PATCH('/api/v1/centers/{id}', { params: { path: { id } }, body }));
}
