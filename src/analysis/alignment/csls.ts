/**
 * Nearest-neighbour and CSLS retrieval between two unit-length spaces (Conneau et al. 2018, "Word
 * translation without parallel data"): CSLS(x, y) = 2 cos(x, y) − r_T(x) − r_S(y), where r_T(x) is the
 * mean cosine of x to its k nearest targets and r_S(y) the mean cosine of y to its k nearest (mapped)
 * sources — MUSE's `get_nn_avg_dist`, k = 10. All scans use the exact top-k kernels (`topKDotBatch`);
 * CSLS top-k is exact too: 2 x·y − r_S(y) is the dot product of [2x, 1] with [y, −r_S(y)], so the target
 * matrix gets one extra column and the same kernel ranks it (r_T(x) is constant per query).
 */
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import { matrixFloat32 } from '../../math/shared-memory.js';
import { topKDotBatch } from '../../math/top-k.js';
import { type TopK } from '../../math/top-k-heap.js';

/** Queries scored per `topKDotBatch` call (bounds the heaps held at once and paces progress). */
const QUERY_CHUNK = 2048;

export interface ScanOptions {
  /** Called after each chunk of queries with queries done so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

function checkDims(queries: Matrix, keys: Matrix): void {
  if (queries.dim !== keys.dim) throw new EmbedkitError('DIM_MISMATCH', 'retrieval', { expected: `queries of ${keys.dim} dims`, received: `${queries.dim} dims`, where: 'queries' });
}

/** Top-k keys for each query row by dot product (cosine for unit rows), in chunks. */
export function nnTopK(queries: Matrix, keys: Matrix, topK: number, opts: ScanOptions = {}): TopK[] {
  checkDims(queries, keys);
  const out: TopK[] = [];
  const d = queries.dim;
  for (let q0 = 0; q0 < queries.rows; q0 += QUERY_CHUNK) {
    const q1 = Math.min(queries.rows, q0 + QUERY_CHUNK);
    for (const r of topKDotBatch(keys.data, d, queries.data.subarray(q0 * d, q1 * d), topK)) out.push(r);
    opts.onProgress?.(q1, queries.rows);
  }
  return out;
}

/** Mean of the `k` largest dot products of each query row with the key rows (MUSE's `get_nn_avg_dist`). */
export function meanTopKSimilarity(queries: Matrix, keys: Matrix, k: number, opts: ScanOptions = {}): Float32Array {
  if (!Number.isInteger(k) || k < 1 || k > keys.rows) {
    throw new EmbedkitError('BAD_OPTION', 'cslsK', { expected: `an integer from 1 to ${keys.rows} (the rows searched)`, received: String(k), where: 'cslsK' });
  }
  const r = new Float32Array(queries.rows);
  let i = 0;
  for (const t of nnTopK(queries, keys, k, opts)) {
    let s = 0;
    for (let j = 0; j < t.scores.length; j++) s += t.scores[j]!;
    r[i++] = s / t.scores.length;
  }
  return r;
}

/** The key matrix with the column −r appended: `[y, −r(y)]` per row. */
function augmentKeys(keys: Matrix, rKeys: Float32Array): Float32Array {
  const d = keys.dim;
  const a = matrixFloat32(keys.rows * (d + 1));
  for (let i = 0; i < keys.rows; i++) {
    a.set(keys.data.subarray(i * d, (i + 1) * d), i * (d + 1));
    a[i * (d + 1) + d] = -rKeys[i]!;
  }
  return a;
}

/**
 * Top-k keys for each query by CSLS, scores `2 q·y − rQueries[q] − rKeys[y]`, best first. `rQueries` has
 * one value per query row, `rKeys` one per key row.
 */
export function cslsTopK(queries: Matrix, keys: Matrix, rQueries: Float32Array, rKeys: Float32Array, topK: number, opts: ScanOptions = {}): TopK[] {
  checkDims(queries, keys);
  if (rQueries.length !== queries.rows || rKeys.length !== keys.rows) {
    throw new EmbedkitError('DIM_MISMATCH', 'CSLS neighbourhood terms', { expected: `${queries.rows} and ${keys.rows} values`, received: `${rQueries.length} and ${rKeys.length}`, where: 'rQueries/rKeys' });
  }
  const d = queries.dim;
  const d1 = d + 1;
  const aug = augmentKeys(keys, rKeys);
  const out: TopK[] = [];
  for (let q0 = 0; q0 < queries.rows; q0 += QUERY_CHUNK) {
    const q1 = Math.min(queries.rows, q0 + QUERY_CHUNK);
    const qa = new Float32Array((q1 - q0) * d1);
    for (let i = q0; i < q1; i++) {
      const o = (i - q0) * d1;
      for (let j = 0; j < d; j++) qa[o + j] = 2 * queries.data[i * d + j]!;
      qa[o + d] = 1;
    }
    const res = topKDotBatch(aug, d1, qa, topK);
    res.forEach((t, i) => {
      const rq = rQueries[q0 + i]!;
      for (let j = 0; j < t.scores.length; j++) t.scores[j]! -= rq;
      out.push(t);
    });
    opts.onProgress?.(q1, queries.rows);
  }
  return out;
}
