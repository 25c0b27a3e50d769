import { describe, expect, it } from 'vitest';
import type { Permission } from '../api/types';
import { meOf } from '../pages/training/fixtures';
import { allowedSections, courseIdOf, sectionOf } from './Shell';

describe('training and my-families paths', () => {
  it('files a course under the courses section', () => {
    expect(courseIdOf('/courses/0190a3b4-0000-7000-8000-000000000000')).toBe('0190a3b4-0000-7000-8000-000000000000');
    expect(courseIdOf('/courses')).toBeNull();
    expect(courseIdOf('/courses/a/b')).toBeNull();
    expect(sectionOf('/courses/0190a3b4-0000-7000-8000-000000000000')?.key).toBe('courses');
    expect(sectionOf('/courses')?.key).toBe('courses');
    expect(sectionOf('/my-families')?.key).toBe('myFamilies');
  });

  it('shows each to whom the server gives its permission', () => {
    const keys = (p: Permission[]) => allowedSections(meOf('helper', 'c1', p)).map((s) => s.key);
    expect(keys(['my.families', 'families.read'])).toEqual(expect.arrayContaining(['myFamilies', 'families']));
    expect(keys(['my.families'])).not.toContain('courses');
    expect(keys(['training.read'])).toContain('courses');
    expect(keys(['training.read'])).not.toContain('myFamilies');
  });
});
