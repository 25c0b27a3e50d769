// The arithmetic and wording of the outcome reports, apart from React so it
// is tested on its own: percentages, and which way a family moved.
import type { Tier, TierCounts, TransitionMatrix } from '../../api/types';
import { formatNumber, numberLocale, type Lang } from '../../lib/locale';

/** Best-off first, as the server orders `TransitionMatrix.tiers`. */
export const TIER_ORDER: readonly Tier[] = ['stable', 'at_risk', 'harmed'];

export type Movement = 'improved' | 'unchanged' | 'worsened';
export const MOVEMENTS: readonly Movement[] = ['improved', 'unchanged', 'worsened'];

/**
 * Which way a family moved from its baseline tier to its end-of-plan tier,
 * by their places in `order` (best-off first): toward stable is better.
 * Rows of the matrix are the baseline, columns the end of plan, so cells
 * below the diagonal of a best-first matrix are improvements.
 */
export function movement(from: Tier, to: Tier, order: readonly Tier[] = TIER_ORDER): Movement {
  return movementByIndex(order.indexOf(from), order.indexOf(to));
}

/** `movement` by row (baseline) and column (end of plan) index of a best-first matrix. */
export function movementByIndex(row: number, column: number): Movement {
  if (column < row) return 'improved';
  if (column > row) return 'worsened';
  return 'unchanged';
}

/** `n` of `total` as a percentage with one decimal; 0 when there is no total. */
export function share(n: number, total: number): number {
  return total > 0 ? Math.round((n * 1000) / total) / 10 : 0;
}

const percentFormats = new Map<Lang, Intl.NumberFormat>();

/** 40 → `۴۰٪` / `40%`; 33.3 → `۳۳٫۳٪` / `33.3%`. */
export function formatPercent(percent: number, lang: Lang): string {
  let f = percentFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(numberLocale(lang), { style: 'percent', maximumFractionDigits: 1 });
    percentFormats.set(lang, f);
  }
  // Back to a fraction; rounded so 33.3 / 100 does not print as 33.29999.
  return f.format(Math.round(percent * 10) / 1000);
}

/** `۱۲ (۴۰٪)` / `12 (40%)`. */
export function countWithPercent(n: number, percent: number, lang: Lang): string {
  return `${formatNumber(n, lang)} (${formatPercent(percent, lang)})`;
}

export interface MatrixCell {
  from: Tier;
  to: Tier;
  count: number;
  /** Of its row, one decimal. */
  percent: number;
  movement: Movement;
}

export interface MatrixRow {
  tier: Tier;
  cells: MatrixCell[];
  total: number;
}

/** The server's matrix as rows of cells, each knowing its tiers and which way it moved. */
export function matrixRows(m: TransitionMatrix): MatrixRow[] {
  const tiers = m.tiers.length > 0 ? m.tiers : TIER_ORDER;
  return tiers.map((from, r) => {
    const counts = m.cells[r] ?? [];
    const total = m.row_totals[r] ?? counts.reduce((a, b) => a + b, 0);
    return {
      tier: from,
      total,
      cells: tiers.map((to, c) => {
        const count = counts[c] ?? 0;
        return { from, to, count, percent: m.row_percentages[r]?.[c] ?? share(count, total), movement: movementByIndex(r, c) };
      }),
    };
  });
}

/** Improved, unchanged and worsened families with their share of the families in the cells. */
export function movementSummary(m: TransitionMatrix): { movement: Movement; count: number; percent: number }[] {
  const counts: Record<Movement, number> = { improved: m.improved, unchanged: m.unchanged, worsened: m.worsened };
  return MOVEMENTS.map((movement) => ({ movement, count: counts[movement], percent: share(counts[movement], m.families) }));
}

/** The columns of the tier distribution: the three tiers, then families not assessed yet. */
export type DistributionKey = Tier | 'unassessed';
export const DISTRIBUTION_KEYS: readonly DistributionKey[] = [...TIER_ORDER, 'unassessed'];

/** Active families of a center (or all), each key with its count and share. */
export function distribution(c: TierCounts): { total: number; parts: { key: DistributionKey; count: number; percent: number }[] } {
  const total = c.stable + c.at_risk + c.harmed + c.unassessed;
  return { total, parts: DISTRIBUTION_KEYS.map((key) => ({ key, count: c[key], percent: share(c[key], total) })) };
}
