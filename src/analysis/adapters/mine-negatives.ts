/**
 * Hard negatives: for each query vector, the corpus rows it scores highest (cosine, exact top-k with
 * `topKDotBatch`), its judged-relevant rows excluded; hardest first.
 */
import { normalizeRows } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import { topKDotBatch } from '../../math/top-k.js';

export function mineHardNegatives(queries: Matrix, corpus: Matrix, relevant: readonly ReadonlySet<number>[], k: number): Int32Array[] {
  const q = normalizeRows(queries.data, queries.dim);
  const c = normalizeRows(corpus.data, corpus.dim);
  const hits = topKDotBatch(c, corpus.dim, q, k, { exclude: relevant });
  return hits.map((h) => h.indices);
}
