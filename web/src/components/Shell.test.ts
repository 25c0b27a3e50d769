import { describe, expect, it } from 'vitest';
import { assessmentIdOf, familyIdOf, familyToolOf, sectionOf } from './Shell';

describe('family paths', () => {
  it('tells the registry tools from a family', () => {
    expect(familyToolOf('/families/import')).toBe('import');
    expect(familyToolOf('/families/duplicates/')).toBe('duplicates');
    expect(familyToolOf('/families/0190a3b4-0000-7000-8000-000000000000')).toBeNull();
    expect(familyIdOf('/families/import')).toBeNull();
    expect(familyIdOf('/families/duplicates')).toBeNull();
    expect(familyIdOf('/families/0190a3b4-0000-7000-8000-000000000000')).toBe('0190a3b4-0000-7000-8000-000000000000');
  });

  it('files the tools under the families section', () => {
    expect(sectionOf('/families/import')?.key).toBe('families');
    expect(sectionOf('/families/duplicates')?.key).toBe('families');
    expect(sectionOf('/families/import/x')).toBeUndefined();
  });
});

describe('assessment paths', () => {
  it('files an assessment under the families section', () => {
    expect(assessmentIdOf('/assessments/0190a3b4-0000-7000-8000-000000000000')).toBe('0190a3b4-0000-7000-8000-000000000000');
    expect(assessmentIdOf('/assessments/')).toBeNull();
    expect(assessmentIdOf('/assessments/a/b')).toBeNull();
    expect(sectionOf('/assessments/0190a3b4-0000-7000-8000-000000000000')?.key).toBe('families');
  });
});
