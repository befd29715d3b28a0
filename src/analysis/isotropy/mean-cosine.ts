/**
 * Mean cosine similarity between distinct vectors (Ethayarajh 2019's anisotropy baseline; IsoScore's
 * `cosine_score`). `exact` (default) averages over all n(n − 1) ordered pairs i ≠ j in O(n·dim), from
 * ‖Σ u_i‖² = Σ_i Σ_j u_i·u_j over unit rows u; `sampled` averages `samples` pairs drawn uniformly with
 * replacement (i ≠ j) from a seeded generator and reports the standard error. Zero vectors count with
 * cosine 0.
 */
import { EmbedkitError, badOption } from '../../errors.js';
import { dotAt } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import { seededRandom as mulberry32 } from '../../learn/random.js';

export type MeanCosineMethod = 'exact' | 'sampled';

export interface MeanCosineOptions {
  readonly method?: MeanCosineMethod;
  /** Pairs drawn by `sampled` (default 100,000, as IsoScore's `cosine_score`). */
  readonly samples?: number;
  /** Seed of `sampled` (default 1). */
  readonly seed?: number;
}

export interface MeanCosineResult {
  readonly value: number;
  readonly method: MeanCosineMethod;
  /** Ordered pairs averaged (all n(n − 1) for `exact`). */
  readonly pairs: number;
  /** `sampled` only: standard error of the mean, and the seed. */
  readonly standardError?: number;
  readonly seed?: number;
}

function unitRows(m: Matrix): Float64Array {
  const { data, rows, dim } = m;
  const inv = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const n = Math.sqrt(dotAt(data, r * dim, data, r * dim, dim));
    inv[r] = n > 0 ? 1 / n : 0;
  }
  return inv;
}

export function meanCosine(m: Matrix, opts: MeanCosineOptions = {}): MeanCosineResult {
  const method = opts.method ?? 'exact';
  const { data, rows, dim } = m;
  if (rows < 2) throw new EmbedkitError('EMPTY_INPUT', 'mean cosine', { expected: 'at least 2 vectors', received: `${rows}`, where: 'rows' });
  const inv = unitRows(m);
  if (method === 'exact') {
    const sum = new Float64Array(dim);
    let self = 0;
    for (let r = 0; r < rows; r++) {
      const s = inv[r]!;
      if (s === 0) continue;
      self += 1;
      for (let j = 0; j < dim; j++) sum[j]! += data[r * dim + j]! * s;
    }
    let sq = 0;
    for (let j = 0; j < dim; j++) sq += sum[j]! * sum[j]!;
    const pairs = rows * (rows - 1);
    return { value: (sq - self) / pairs, method, pairs };
  }
  if (method !== 'sampled') throw badOption('method', "'exact' or 'sampled'", method);
  const samples = opts.samples ?? 100000;
  if (!Number.isInteger(samples) || samples < 2) throw badOption('samples', 'an integer ≥ 2', samples);
  const seed = opts.seed ?? 1;
  const rand = mulberry32(seed);
  let s1 = 0;
  let s2 = 0;
  for (let t = 0; t < samples; t++) {
    const i = Math.floor(rand() * rows);
    let j = Math.floor(rand() * (rows - 1));
    if (j >= i) j++;
    const c = dotAt(data, i * dim, data, j * dim, dim) * inv[i]! * inv[j]!;
    s1 += c;
    s2 += c * c;
  }
  const mean = s1 / samples;
  const variance = Math.max(0, (s2 - samples * mean * mean) / (samples - 1));
  return { value: mean, method, pairs: samples, standardError: Math.sqrt(variance / samples), seed };
}
