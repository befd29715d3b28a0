/**
 * The WEAT permutation test (Caliskan et al. 2017): over the partitions (X', Y') of X ∪ Y with
 * |X'| = |X|, how often is s(X', Y', A, B) at least the observed s(X, Y, A, B)? Because
 * Σ_{X'} s(w) + Σ_{Y'} s(w) is the same for every partition, s(X', Y') = 2·Σ_{X'} s(w) − total, so only
 * Σ_{X'} s(w) is needed (the shortcut of sent-bias's weat.py).
 *
 * Exact when C(|X|+|Y|, |X|) ≤ `exactLimit` (every partition enumerated, the observed one included: the
 * p-value is then the fraction of partitions at least as extreme, as sent-bias computes it), else
 * `permutations` seeded random partitions with p = (1 + hits) / (1 + permutations) (Phipson & Smyth 2010:
 * the observed partition counts as one draw, so p is never 0). Ties count as "at least as extreme" (the
 * conservative test), with a relative tolerance of 1e-12 for rounding of sums in different orders.
 */
import { EmbedkitError } from '../../errors.js';
import { seededRandom } from '../../learn/random.js';
import type { Alternative } from '../../math/statistics/rank-sum.js';

export type { Alternative };
export const ALTERNATIVES: readonly Alternative[] = ['greater', 'less', 'two-sided'];

export interface PermutationOptions {
  /** Enumerate every partition when there are at most this many (default 1,000,000). */
  readonly exactLimit?: number;
  /** Random partitions drawn otherwise (default 100,000; at least 10,000 recommended). */
  readonly permutations?: number;
  /** Seed of the random partitions (default 0). */
  readonly seed?: number;
  /** `greater` (Caliskan's one-sided test, default): is X more associated with A than Y is? */
  readonly alternative?: Alternative;
}

export interface PermutationResult {
  readonly p: number;
  readonly method: 'exact' | 'random';
  /** C(|X|+|Y|, |X|): the number of partitions (a float when above 2^53). */
  readonly partitions: number;
  /** Partitions evaluated (all of them, or the random draws plus the observed one). */
  readonly evaluated: number;
}

/** Binomial coefficient as a float (exact below 2^53). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const kk = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= kk; i++) c = (c * (n - kk + i)) / i;
  return c < 2 ** 53 ? Math.round(c) : c;
}

/**
 * `s` holds s(w, A, B) for X then Y (`nx` values of X first). Returns the permutation p-value of the WEAT
 * statistic.
 */
export function permutationPValue(s: Float64Array, nx: number, opts: PermutationOptions = {}): PermutationResult {
  const n = s.length;
  if (nx < 1 || nx >= n) throw new EmbedkitError('BAD_ARGUMENT', 'permutation test', { expected: 'two non-empty target sets', received: `${nx} and ${n - nx} words` });
  const alternative = opts.alternative ?? 'greater';
  if (!ALTERNATIVES.includes(alternative)) throw new EmbedkitError('BAD_OPTION', 'alternative', { expected: ALTERNATIVES.join('|'), received: String(alternative), where: 'alternative' });
  const exactLimit = opts.exactLimit ?? 1_000_000;
  const permutations = opts.permutations ?? 100_000;
  if (!Number.isInteger(permutations) || permutations < 1) throw new EmbedkitError('BAD_OPTION', 'permutations', { expected: 'a positive integer', received: String(permutations), where: 'permutations' });
  let total = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    total += s[i]!;
    scale += Math.abs(s[i]!);
  }
  let observed = 0;
  for (let i = 0; i < nx; i++) observed += s[i]!;
  const center = (total * nx) / n; // the mean of Σ_{X'} s over all partitions
  const eps = 1e-12 * Math.max(scale, 1e-300);
  const obsDev = Math.abs(observed - center);
  const extreme =
    alternative === 'greater'
      ? (x: number): boolean => x >= observed - eps
      : alternative === 'less'
        ? (x: number): boolean => x <= observed + eps
        : (x: number): boolean => Math.abs(x - center) >= obsDev - eps;
  const partitions = binomial(n, nx);
  if (partitions <= exactLimit) {
    // enumerate combinations of nx indices out of n in lexicographic order
    const idx = Int32Array.from({ length: nx }, (_, i) => i);
    let hits = 0;
    let count = 0;
    for (;;) {
      let sum = 0;
      for (let i = 0; i < nx; i++) sum += s[idx[i]!]!;
      if (extreme(sum)) hits++;
      count++;
      let i = nx - 1;
      while (i >= 0 && idx[i] === n - nx + i) i--;
      if (i < 0) break;
      idx[i]!++;
      for (let j = i + 1; j < nx; j++) idx[j] = idx[j - 1]! + 1;
    }
    return { p: hits / count, method: 'exact', partitions, evaluated: count };
  }
  const rand = seededRandom(opts.seed ?? 0);
  const pool = Float64Array.from(s);
  let hits = 0;
  for (let t = 0; t < permutations; t++) {
    let sum = 0;
    for (let i = 0; i < nx; i++) {
      const j = i + Math.floor(rand() * (n - i));
      const v = pool[j]!;
      pool[j] = pool[i]!;
      pool[i] = v;
      sum += v;
    }
    if (extreme(sum)) hits++;
  }
  return { p: (1 + hits) / (1 + permutations), method: 'random', partitions, evaluated: permutations + 1 };
}
