// Test data for the resource directory (not shipped: only tests import it).
import type { DirectoryResource } from '../../api/types';

export function resource(id: string, over: Partial<DirectoryResource> = {}): DirectoryResource {
  return {
    id,
    hq_id: 'hq-1',
    center_id: 'center-1',
    kind: 'counselor',
    level: 'local',
    name: `منبع ${id}`,
    domains: ['social'],
    offers: '',
    capacity: null,
    contact_name: '',
    phone: '',
    address: '',
    area: '',
    notes: '',
    user_id: null,
    user_name: null,
    can_manage: true,
    version: 1,
    ...over,
  };
}
