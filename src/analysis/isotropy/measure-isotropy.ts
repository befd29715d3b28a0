/**
 * The three isotropy measures of one set of vectors — IsoScore, the partition-function ratio I(W) and the
 * mean pairwise cosine — as one report (the `--json` shape `{isoScore, partitionRatio, meanCosine}` and
 * its details). Inputs are any `rows × dim` matrix: a vocabulary (`vocabularyMatrix`), an embedder's
 * output over texts (`embedder.embed(texts)`), or a `.npy` file (`readNpy`).
 */
import { badOption } from '../../errors.js';
import { columnMeans, covariance } from '../../math/covariance.js';
import type { Matrix } from '../../math/matrix.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { isoScore } from './iso-score.js';
import { meanCosine, type MeanCosineMethod, type MeanCosineOptions } from './mean-cosine.js';
import { partitionRatio } from './partition-ratio.js';

export interface IsotropyReport {
  readonly isoScore: number;
  readonly partitionRatio: number;
  readonly meanCosine: number;
  readonly points: number;
  readonly dim: number;
  /** log I(W), exact even when I(W) underflows to 0. */
  readonly partitionLogRatio: number;
  readonly isotropyDefect: number;
  readonly meanCosineMethod: MeanCosineMethod;
  readonly meanCosinePairs: number;
  readonly meanCosineStandardError?: number;
  readonly meanCosineSeed?: number;
}

export interface IsotropyOptions {
  readonly meanCosine?: MeanCosineOptions;
  /** Steps done of 3 (second moments, IsoScore and I(W), mean cosine). */
  readonly onProgress?: (done: number, total: number) => void;
}

export function measureIsotropy(m: Matrix, opts: IsotropyOptions = {}): IsotropyReport {
  // one pass over the rows for both second-order statistics: C (ddof 1) and WᵀW/n = C (n − 1)/n + μμᵀ
  const d = m.dim;
  const mean = columnMeans(m);
  const cov = m.rows > 1 ? covariance(m, { mean, ddof: 1 }) : undefined;
  let second: Float64Array | undefined;
  if (cov !== undefined) {
    second = new Float64Array(d * d);
    const f = (m.rows - 1) / m.rows;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) second[i * d + j] = cov[i * d + j]! * f + mean[i]! * mean[j]!;
  }
  opts.onProgress?.(1, 3);
  const iso = isoScore(m, cov !== undefined ? { covariance: cov } : {});
  const pr = partitionRatio(m, second !== undefined ? { secondMoment: second } : {});
  opts.onProgress?.(2, 3);
  const mc = meanCosine(m, opts.meanCosine);
  opts.onProgress?.(3, 3);
  return {
    isoScore: iso.score,
    partitionRatio: pr.ratio,
    meanCosine: mc.value,
    points: m.rows,
    dim: m.dim,
    partitionLogRatio: pr.logRatio,
    isotropyDefect: iso.defect,
    meanCosineMethod: mc.method,
    meanCosinePairs: mc.pairs,
    ...(mc.standardError !== undefined ? { meanCosineStandardError: mc.standardError } : {}),
    ...(mc.seed !== undefined ? { meanCosineSeed: mc.seed } : {}),
  };
}

/** The first `limit` rows of a vocabulary (the most frequent words in frequency-sorted files), no copy. */
export function vocabularyMatrix(kv: KeyedVectors, limit?: number): Matrix {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw badOption('limit', 'a positive integer', limit);
  const rows = Math.min(kv.size, limit ?? kv.size);
  return { data: kv.vectors.subarray(0, rows * kv.dim), rows, dim: kv.dim };
}
