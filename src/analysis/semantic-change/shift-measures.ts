/**
 * Per-word measures of semantic change between two row-aligned unit-length spaces (row i of both is the
 * same word):
 * - global (Hamilton, Leskovec & Jurafsky 2016, "Diachronic word embeddings reveal statistical laws of
 *   semantic change", ACL): the cosine distance between a word's two vectors after an orthogonal
 *   Procrustes alignment of the spaces;
 * - local neighbourhood (Hamilton, Leskovec & Jurafsky 2016, "Cultural shift or linguistic drift?",
 *   EMNLP): with N the union of the word's k nearest neighbours in each space, the second-order vectors
 *   s_a = (cos_a(w, n))_{n∈N} and s_b = (cos_b(w, n))_{n∈N}, and the distance 1 − cos(s_a, s_b). It needs no
 *   alignment. Hamilton et al. use k = 25;
 * - neighbour overlap: |N_k^a(w) ∩ N_k^b(w)| / k (the share of nearest neighbours kept; Gonen et al. 2020
 *   rank by its complement).
 */
import { dotAt } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import { topKDotBatch } from '../../math/top-k.js';
import { type TopK } from '../../math/top-k-heap.js';

/** Cosine distance 1 − a_i·b_i per row (rows unit length). */
export function rowCosineDistances(a: Matrix, b: Matrix): Float32Array {
  const out = new Float32Array(a.rows);
  for (let i = 0; i < a.rows; i++) out[i] = 1 - dotAt(a.data, i * a.dim, b.data, i * b.dim, a.dim);
  return out;
}

/** The `k` nearest rows of every row (itself excluded), by dot product; `onProgress` per chunk. */
export function selfNeighbours(m: Matrix, k: number, onProgress?: (done: number, total: number) => void): TopK[] {
  const out: TopK[] = [];
  const chunk = 2048;
  for (let q0 = 0; q0 < m.rows; q0 += chunk) {
    const q1 = Math.min(m.rows, q0 + chunk);
    const exclude = Array.from({ length: q1 - q0 }, (_, i) => new Set([q0 + i]));
    for (const t of topKDotBatch(m.data, m.dim, m.data.subarray(q0 * m.dim, q1 * m.dim), k, { exclude })) out.push(t);
    onProgress?.(q1, m.rows);
  }
  return out;
}

/** Hamilton et al.'s local neighbourhood distance of row `i`, given both spaces' neighbour lists. */
export function localNeighbourhoodDistance(a: Matrix, b: Matrix, i: number, nA: Int32Array, nB: Int32Array): number {
  const union = new Set<number>();
  for (const j of nA) union.add(j);
  for (const j of nB) union.add(j);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const j of union) {
    const sa = dotAt(a.data, i * a.dim, a.data, j * a.dim, a.dim);
    const sb = dotAt(b.data, i * b.dim, b.data, j * b.dim, b.dim);
    dot += sa * sb;
    na += sa * sa;
    nb += sb * sb;
  }
  return na === 0 || nb === 0 ? 1 : 1 - dot / Math.sqrt(na * nb);
}

/** |nA ∩ nB| / k. */
export function neighbourOverlap(nA: Int32Array, nB: Int32Array, k: number): number {
  const s = new Set(nA);
  let n = 0;
  for (const j of nB) if (s.has(j)) n++;
  return n / k;
}
