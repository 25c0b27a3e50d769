import { describe, expect, it } from 'vitest';
import { persianFilter } from './searchFilter';

const options = [
  { value: 'a', label: 'علی نجفی (فعال)' },
  { value: 'b', label: 'مریم عباسی (در حال آموزش)' },
  { value: 'c', label: 'کاوه ۱۴۰۳' },
];

describe('persianFilter', () => {
  it('finds Persian names typed with Arabic letters, and digits in any script', () => {
    expect(persianFilter({ options, search: 'علي', limit: Infinity }).map((o) => ('value' in o ? o.value : ''))).toEqual(['a']);
    expect(persianFilter({ options, search: 'كاوه', limit: Infinity }).map((o) => ('value' in o ? o.value : ''))).toEqual(['c']);
    expect(persianFilter({ options, search: '1403', limit: Infinity }).map((o) => ('value' in o ? o.value : ''))).toEqual(['c']);
    expect(persianFilter({ options, search: '', limit: Infinity })).toHaveLength(3);
  });
});
