import { api, call } from '../api/client';
import type { CreateUserRequest, UpdateUserRequest, User } from '../api/types';

export async function listUsers(centerId?: string | null): Promise<User[]> {
  const query = centerId ? { center_id: centerId } : {};
  return (await call(() => api.GET('/api/v1/users', { params: { query } }))).items;
}

export function createUser(body: CreateUserRequest): Promise<User> {
  return call(() => api.POST('/api/v1/users', { body }));
}

export function updateUser(id: string, body: UpdateUserRequest): Promise<User> {
  return call(() => api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body }));
}

/** A manager or admin sets a new password; the user's sessions end. */
export async function resetPassword(id: string, newPassword: string): Promise<void> {
  await call(() => api.POST('/api/v1/users/{id}/password', { params: { path: { id } }, body: { new_password: newPassword } }));
}
