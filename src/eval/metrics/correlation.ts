/**
 * Correlation coefficients as scipy computes them: Pearson's r and Spearman's ρ (Pearson of average ranks,
 * so ties share the mean of the ranks they span). Pure functions over number arrays; NaN when undefined
 * (fewer than two points or a constant input).
 */
import { averageRanks } from '../../math/statistics/ranks.js';

export type Numbers = ArrayLike<number>;

/** Ranks with ties averaged (scipy's `rankdata`), shared with the statistics module. */
export const rankData: (x: Numbers) => Float64Array = averageRanks;

/** Pearson's correlation coefficient (two-pass, float64). */
export function pearson(x: Numbers, y: Numbers): number {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`pearson: lengths differ (${n} vs ${y.length})`);
  if (n < 2) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/** Spearman's rank correlation ρ with average ranks for ties. */
export function spearman(x: Numbers, y: Numbers): number {
  if (x.length !== y.length) throw new RangeError(`spearman: lengths differ (${x.length} vs ${y.length})`);
  return pearson(rankData(x), rankData(y));
}
