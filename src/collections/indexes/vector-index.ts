/**
 * One interface for every in-memory dense index. Indexes work on unit-length float rows (cosine = dot);
 * results are row positions with scores, best first (`TopK`). Every implementation keeps the float
 * matrix it was built from, so candidates found on compressed codes or a graph are rescored exactly and
 * all indexes report the same scores for the same rows.
 */
import type { Matrix } from '../../math/matrix.js';
import type { TopK } from '../../math/top-k-heap.js';
import type { IndexKind } from '../types.js';


export interface IndexSearchOptions {
  /** Restrict results to these row positions (ascending). */
  readonly rows?: Int32Array;
  /** HNSW: candidate list size (≥ k). */
  readonly ef?: number;
  /** Quantized / Matryoshka: rescore the best `rescore × k` candidates with float vectors. */
  readonly rescore?: number;
}

export interface VectorIndex {
  readonly kind: IndexKind;
  readonly dim: number;
  readonly size: number;
  /** The unit-length float rows the index was built from. */
  readonly matrix: Matrix;
  search(query: Float32Array, k: number, opts?: IndexSearchOptions): TopK;
  searchBatch(queries: Float32Array, k: number, opts?: IndexSearchOptions): TopK[];
}

/** An index with no faster batched path: a batch is a loop over `search`. */
export abstract class QueryAtATimeIndex implements VectorIndex {
  abstract readonly kind: IndexKind;
  abstract readonly dim: number;
  abstract readonly size: number;
  abstract readonly matrix: Matrix;
  abstract search(query: Float32Array, k: number, opts?: IndexSearchOptions): TopK;

  searchBatch(queries: Float32Array, k: number, opts?: IndexSearchOptions): TopK[] {
    return searchEach(this, queries, k, opts);
  }
}

/** A batch as a loop over `search` (for indexes with no faster batched path). */
export function searchEach(index: VectorIndex, queries: Float32Array, k: number, opts?: IndexSearchOptions): TopK[] {
  const out: TopK[] = [];
  for (let off = 0; off < queries.length; off += index.dim) out.push(index.search(queries.subarray(off, off + index.dim), k, opts));
  return out;
}
