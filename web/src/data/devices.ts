// Offline devices as people manage them (docs/sync.md): a user's phones, the
// families each was sent (a lost phone's exposure), and revocation. The
// device's own registration and sync live in src/offline.
import { api, call } from '../api/client';
import type { Device, DeviceExposure } from '../api/types';

/** My devices, or one user's (someone I manage). */
export async function listDevices(userId?: string | null): Promise<Device[]> {
  const query = userId ? { user_id: userId } : {};
  return (await call(() => api.GET('/api/v1/sync/devices', { params: { query } }))).items;
}

/** Revoked devices wipe themselves on their next contact. */
export function revokeDevice(id: string): Promise<Device> {
  return call(() => api.POST('/api/v1/sync/devices/{id}/revoke', { params: { path: { id } } }));
}

export function deviceExposure(id: string): Promise<DeviceExposure> {
  return call(() => api.GET('/api/v1/sync/devices/{id}/families', { params: { path: { id } } }));
}
