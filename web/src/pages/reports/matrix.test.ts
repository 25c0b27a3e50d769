import { describe, expect, it } from 'vitest';
import type { TransitionMatrix } from '../../api/types';
import { countWithPercent, distribution, formatPercent, matrixRows, movement, movementByIndex, movementSummary, share } from './matrix';

/** 30 families: 10 stable, 15 at risk, 5 harmed at baseline. */
const matrix: TransitionMatrix = {
  tiers: ['stable', 'at_risk', 'harmed'],
  cells: [
    [8, 2, 0],
    [6, 6, 3],
    [1, 2, 2],
  ],
  row_percentages: [
    [80, 20, 0],
    [40, 40, 20],
    [20, 40, 40],
  ],
  row_totals: [10, 15, 5],
  families: 30,
  improved: 9,
  unchanged: 16,
  worsened: 5,
  without_baseline: 4,
};

describe('movement', () => {
  it('calls a move toward stable an improvement', () => {
    expect(movement('harmed', 'stable')).toBe('improved');
    expect(movement('at_risk', 'stable')).toBe('improved');
    expect(movement('harmed', 'at_risk')).toBe('improved');
  });

  it('calls a move away from stable a worsening', () => {
    expect(movement('stable', 'at_risk')).toBe('worsened');
    expect(movement('stable', 'harmed')).toBe('worsened');
    expect(movement('at_risk', 'harmed')).toBe('worsened');
  });

  it('calls the same tier unchanged', () => {
    for (const t of ['stable', 'at_risk', 'harmed'] as const) expect(movement(t, t)).toBe('unchanged');
  });

  it('colors below the diagonal as improved and above as worsened (rows: baseline, columns: end of plan)', () => {
    const kinds = [0, 1, 2].map((r) => [0, 1, 2].map((c) => movementByIndex(r, c)));
    expect(kinds).toEqual([
      ['unchanged', 'worsened', 'worsened'],
      ['improved', 'unchanged', 'worsened'],
      ['improved', 'improved', 'unchanged'],
    ]);
  });
});

describe('percentages', () => {
  it('are of the total, with one decimal, and 0 without a total', () => {
    expect(share(1, 3)).toBe(33.3);
    expect(share(2, 3)).toBe(66.7);
    expect(share(12, 30)).toBe(40);
    expect(share(0, 0)).toBe(0);
  });

  it('print with Persian digits and the Persian percent sign', () => {
    expect(formatPercent(40, 'fa')).toBe('۴۰٪');
    expect(formatPercent(33.3, 'fa')).toBe('۳۳٫۳٪');
    expect(formatPercent(40, 'en')).toBe('40%');
    expect(formatPercent(33.3, 'en')).toBe('33.3%');
    expect(formatPercent(0, 'fa')).toBe('۰٪');
  });

  it('go beside the count', () => {
    expect(countWithPercent(12, 40, 'fa')).toBe('۱۲ (۴۰٪)');
    expect(countWithPercent(1234, 12.5, 'en')).toBe('1,234 (12.5%)');
  });
});

describe('matrixRows', () => {
  it('gives each cell its tiers, count, row percentage and movement', () => {
    const rows = matrixRows(matrix);
    expect(rows.map((r) => [r.tier, r.total])).toEqual([
      ['stable', 10],
      ['at_risk', 15],
      ['harmed', 5],
    ]);
    expect(rows[1]!.cells).toEqual([
      { from: 'at_risk', to: 'stable', count: 6, percent: 40, movement: 'improved' },
      { from: 'at_risk', to: 'at_risk', count: 6, percent: 40, movement: 'unchanged' },
      { from: 'at_risk', to: 'harmed', count: 3, percent: 20, movement: 'worsened' },
    ]);
  });

  it('computes what the server left out', () => {
    const rows = matrixRows({ ...matrix, row_percentages: [], row_totals: [] });
    expect(rows[0]!.total).toBe(10);
    expect(rows[0]!.cells.map((c) => c.percent)).toEqual([80, 20, 0]);
  });
});

describe('movementSummary', () => {
  it('gives improved, unchanged and worsened with their share of the families in the matrix', () => {
    expect(movementSummary(matrix)).toEqual([
      { movement: 'improved', count: 9, percent: 30 },
      { movement: 'unchanged', count: 16, percent: 53.3 },
      { movement: 'worsened', count: 5, percent: 16.7 },
    ]);
  });

  it('is all zero for an empty matrix', () => {
    const empty = { ...matrix, families: 0, improved: 0, unchanged: 0, worsened: 0 };
    expect(movementSummary(empty).map((s) => s.percent)).toEqual([0, 0, 0]);
  });
});

describe('distribution', () => {
  it('shares every tier and the unassessed of all active families', () => {
    expect(distribution({ stable: 5, at_risk: 3, harmed: 1, unassessed: 1 })).toEqual({
      total: 10,
      parts: [
        { key: 'stable', count: 5, percent: 50 },
        { key: 'at_risk', count: 3, percent: 30 },
        { key: 'harmed', count: 1, percent: 10 },
        { key: 'unassessed', count: 1, percent: 10 },
      ],
    });
  });
});
