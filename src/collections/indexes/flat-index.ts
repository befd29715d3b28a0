/**
 * Exact search: every row is scored (blocked dot products into a bounded heap, `topKDot`); batches of
 * queries go through `topKDotBatch`. The ground truth every other index is tested against.
 */
import { dotAt } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import { shareMatrix } from '../../math/shared-memory.js';
import { topKDot, topKDotBatch } from '../../math/top-k.js';
import { TopKHeap, type TopK } from '../../math/top-k-heap.js';
import type { IndexSearchOptions, VectorIndex } from './vector-index.js';

/** Exact top-k restricted to `rows` (ascending positions). */
export function exactOverRows(matrix: Matrix, query: Float32Array, k: number, rows: Int32Array): TopK {
  const dim = matrix.dim;
  const data = matrix.data;
  const heap = new TopKHeap(Math.min(k, rows.length));
  let threshold = -Infinity;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const s = dotAt(data, r * dim, query, 0, dim);
    if (s > threshold) {
      heap.push(s, r);
      threshold = heap.threshold;
    }
  }
  return heap.result();
}

/** Rescores candidate rows exactly and keeps the best k (candidates may repeat; -1 entries are skipped). */
export function rescore(matrix: Matrix, query: Float32Array, candidates: Int32Array, k: number): TopK {
  const seen = new Set<number>();
  const rows: number[] = [];
  for (const c of candidates) {
    if (c >= 0 && !seen.has(c)) {
      seen.add(c);
      rows.push(c);
    }
  }
  rows.sort((a, b) => a - b);
  return exactOverRows(matrix, query, k, Int32Array.from(rows));
}

export class FlatIndex implements VectorIndex {
  readonly kind = 'flat' as const;
  readonly dim: number;
  readonly size: number;

  readonly matrix: Matrix;

  /** Large matrices not already in shared memory are copied there once, so scans can use every core. */
  constructor(matrix: Matrix) {
    this.matrix = shareMatrix(matrix);
    this.dim = matrix.dim;
    this.size = matrix.rows;
  }

  search(query: Float32Array, k: number, opts: IndexSearchOptions = {}): TopK {
    if (opts.rows !== undefined) return exactOverRows(this.matrix, query, k, opts.rows);
    return topKDot(this.matrix.data.subarray(0, this.size * this.dim), this.dim, query, k);
  }

  searchBatch(queries: Float32Array, k: number, opts: IndexSearchOptions = {}): TopK[] {
    if (opts.rows !== undefined) {
      const out: TopK[] = [];
      for (let off = 0; off < queries.length; off += this.dim) out.push(exactOverRows(this.matrix, queries.subarray(off, off + this.dim), k, opts.rows));
      return out;
    }
    return topKDotBatch(this.matrix.data.subarray(0, this.size * this.dim), this.dim, queries, k);
  }
}
