/**
 * Comparing two corpora by TTE depth (Seegmiller & Preum 2023, §3): the depths of F's and of G's texts,
 * both w.r.t. F, then
 *  - Q(F, G) = P[D(X, F) ≤ D(Y, F)], X ∼ F, Y ∼ G (Liu & Singh 1993's quality index): ½ when G is
 *    distributed like F, smaller when G's texts are more outlying. Estimated as
 *    (1/n) Σ_j (1/m) #{i : D(x_i) ≤ D(y_j)}.
 *  - the Wilcoxon rank-sum test of the two depth samples, H₀: F = G against H₁: G is more outlying
 *    (F's depths tend to be larger), normal approximation as `scipy.stats.ranksums(alternative='greater')`.
 * `qPooled` is the estimate the authors' package (tte_depth 1.0) reports instead: the mean, over G's texts,
 * of the share of all m + n pooled depths ranked strictly below it.
 */
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import { rankSumTest } from '../../math/statistics/rank-sum.js';
import { averageRanks } from '../../math/statistics/ranks.js';
import { corpusDepths, depthsWithRespectTo, type DepthOptions, type DepthSampling } from './tte-depth.js';

export interface DepthComparison {
  /** Depths of F's texts w.r.t. F (self excluded). */
  readonly depthF: Float64Array;
  /** Depths of G's texts w.r.t. F. */
  readonly depthG: Float64Array;
  readonly meanDepthF: number;
  readonly meanDepthG: number;
  /** Q(F, G) (Liu & Singh's estimator). */
  readonly q: number;
  /** Q as tte_depth 1.0 computes it (pooled ranks, strict). */
  readonly qPooled: number;
  /** The rank-sum statistic z (scipy's `statistic`). */
  readonly w: number;
  /** Rank sum of F's depths in the pooled ranking. */
  readonly rankSum: number;
  /** One-sided p-value (H₁: G more outlying than F). */
  readonly p: number;
  readonly sampling?: DepthSampling;
}

/** Upper bound: number of sorted values ≤ v. */
function countAtMost(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Lower bound: number of sorted values < v. */
function countBelow(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkDepths(x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length === 0 || y.length === 0) {
    throw new EmbedkitError('EMPTY_INPUT', 'depth samples', { expected: 'at least one depth in each sample', received: `${x.length} and ${y.length}`, where: x.length === 0 ? 'depthF' : 'depthG' });
  }
}

/** Q(F, G) = (1/n) Σ_j (1/m) #{i : x_i ≤ y_j} for depths x of F and y of G. */
export function qualityIndex(depthF: ArrayLike<number>, depthG: ArrayLike<number>): number {
  checkDepths(depthF, depthG);
  const sorted = Float64Array.from(depthF).sort();
  let total = 0;
  for (let j = 0; j < depthG.length; j++) total += countAtMost(sorted, depthG[j]!);
  return total / (sorted.length * depthG.length);
}

/** tte_depth 1.0's `q_score`: mean over G of the share of pooled average ranks strictly below G's rank. */
export function pooledRankQ(depthF: ArrayLike<number>, depthG: ArrayLike<number>): number {
  checkDepths(depthF, depthG);
  const m = depthF.length;
  const pooled = new Float64Array(m + depthG.length);
  for (let i = 0; i < m; i++) pooled[i] = depthF[i]!;
  for (let j = 0; j < depthG.length; j++) pooled[m + j] = depthG[j]!;
  const ranks = averageRanks(pooled);
  const sorted = Float64Array.from(ranks).sort();
  let total = 0;
  for (let j = 0; j < depthG.length; j++) total += countBelow(sorted, ranks[m + j]!) / pooled.length;
  return total / depthG.length;
}

function mean(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/** Q, W and p for two depth samples already computed (both w.r.t. F). */
export function depthRankTest(depthF: Float64Array, depthG: Float64Array): Omit<DepthComparison, 'sampling'> {
  for (const [name, d] of [['F', depthF], ['G', depthG]] as const) {
    if (d.length === 0) throw new EmbedkitError('EMPTY_INPUT', `corpus ${name}`, { expected: 'at least one text with a vector', received: '0', where: name === 'F' ? 'corpus' : 'compare' });
    const bad = d.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new EmbedkitError('BAD_ARGUMENT', `depth of corpus ${name}`, { expected: 'finite depths', received: `${d[bad]} at ${bad}` });
  }
  const test = rankSumTest(depthF, depthG, 'greater');
  return {
    depthF,
    depthG,
    meanDepthF: mean(depthF),
    meanDepthG: mean(depthG),
    q: qualityIndex(depthF, depthG),
    qPooled: pooledRankQ(depthF, depthG),
    w: test.statistic,
    rankSum: test.rankSum,
    p: test.pValue,
  };
}

/** Depths of F and G w.r.t. F, Q(F, G) and the one-sided rank-sum test (H₁: G is more outlying). */
export function compareDepths(f: Matrix, g: Matrix, opts: DepthOptions = {}): DepthComparison {
  const progress = opts.onProgress;
  const total = f.rows + g.rows;
  const fd = corpusDepths(f, { ...opts, ...(progress !== undefined ? { onProgress: (d: number) => progress(d, total) } : {}) });
  const gd = depthsWithRespectTo(f, g, { ...opts, ...(progress !== undefined ? { onProgress: (d: number) => progress(f.rows + d, total) } : {}) });
  const res = depthRankTest(fd.depths, gd.depths);
  const sampling = mergeSampling(fd.sampling, gd.sampling, f.rows, g.rows);
  return sampling === undefined ? res : { ...res, sampling };
}

function mergeSampling(a: DepthSampling | undefined, b: DepthSampling | undefined, na: number, nb: number): DepthSampling | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return { size: a.size, meanStdError: (a.meanStdError * na + b.meanStdError * nb) / (na + nb), maxStdError: Math.max(a.maxStdError, b.maxStdError) };
}
