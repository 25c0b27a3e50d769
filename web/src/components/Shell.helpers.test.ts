import { describe, expect, it } from 'vitest';
import type { Me, Permission } from '../api/types';
import { allowedSections, helperIdOf, sectionOf } from './Shell';

const me = (permissions: Permission[]): Me => ({
  user: { id: 'u', username: 'x', display_name: 'x', role: 'center_manager' } as unknown as Me['user'],
  center: null,
  headquarters: null,
  creatable_roles: [],
  permissions,
});

describe('helper paths', () => {
  it('files a helper under the helpers section', () => {
    expect(helperIdOf('/helpers/0190a3b4-0000-7000-8000-000000000000')).toBe('0190a3b4-0000-7000-8000-000000000000');
    expect(helperIdOf('/helpers')).toBeNull();
    expect(helperIdOf('/helpers/a/b')).toBeNull();
    expect(sectionOf('/helpers/0190a3b4-0000-7000-8000-000000000000')?.key).toBe('helpers');
    expect(sectionOf('/helpers')?.key).toBe('helpers');
    expect(sectionOf('/program-rules')?.key).toBe('programRules');
  });

  it('shows them to whom the server gives their permission', () => {
    const keys = (p: Permission[]) => allowedSections(me(p)).map((s) => s.key);
    expect(keys(['helpers.read'])).toContain('helpers');
    expect(keys(['families.read'])).not.toContain('helpers');
    expect(keys(['program.manage'])).toContain('programRules');
    expect(keys(['helpers.read'])).not.toContain('programRules');
  });
});
