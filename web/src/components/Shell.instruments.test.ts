import { describe, expect, it } from 'vitest';
import type { Me, Permission } from '../api/types';
import { allowedSections, instrumentIdOf, sectionOf } from './Shell';

const me = (permissions: Permission[]): Me => ({
  user: {
    id: 'u',
    username: 'x',
    display_name: 'x',
    role: 'hq_admin',
    center_id: null,
    hq_id: null,
    disabled: false,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    version: 1,
  } as unknown as Me['user'],
  center: null,
  headquarters: null,
  creatable_roles: [],
  permissions,
});

describe('instrument and report paths', () => {
  it('files a version under the instruments section', () => {
    expect(instrumentIdOf('/instruments/0190a3b4-0000-7000-8000-000000000000')).toBe('0190a3b4-0000-7000-8000-000000000000');
    expect(instrumentIdOf('/instruments')).toBeNull();
    expect(instrumentIdOf('/instruments/a/b')).toBeNull();
    expect(sectionOf('/instruments/0190a3b4-0000-7000-8000-000000000000')?.key).toBe('instruments');
    expect(sectionOf('/instruments')?.key).toBe('instruments');
    expect(sectionOf('/reports')?.key).toBe('reports');
  });

  it('shows each to whom the server gives its permission', () => {
    const keys = (p: Permission[]) => allowedSections(me(p)).map((s) => s.key);
    expect(keys(['instruments.manage', 'reports.read'])).toEqual(expect.arrayContaining(['instruments', 'reports']));
    expect(keys(['reports.read'])).not.toContain('instruments');
    expect(keys(['families.read'])).not.toContain('reports');
  });
});
