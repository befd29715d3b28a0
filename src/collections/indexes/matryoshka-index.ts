/**
 * Matryoshka search: models trained with Matryoshka representation learning put most information in the
 * leading dimensions. Candidates come from an exact scan over the first `dims` dimensions (rows rescaled
 * to unit length), and the best `rescore × k` are rescored with the full vectors.
 */
import { normalizeRowsInPlace } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import { matrixFloat32 } from '../../math/shared-memory.js';
import { topKDot } from '../../math/top-k.js';
import { type TopK } from '../../math/top-k-heap.js';
import { exactOverRows, rescore } from './flat-index.js';
import { searchEach, type IndexSearchOptions, type VectorIndex } from './vector-index.js';

export const DEFAULT_MATRYOSHKA_RESCORE = 4;

export class MatryoshkaIndex implements VectorIndex {
  readonly kind = 'matryoshka' as const;
  readonly dim: number;
  readonly size: number;
  readonly prefix: Matrix;

  constructor(
    readonly matrix: Matrix,
    readonly dims: number,
    readonly defaultRescore: number = DEFAULT_MATRYOSHKA_RESCORE,
  ) {
    this.dim = matrix.dim;
    this.size = matrix.rows;
    const data = matrixFloat32(this.size * dims);
    for (let r = 0; r < this.size; r++) data.set(matrix.data.subarray(r * this.dim, r * this.dim + dims), r * dims);
    normalizeRowsInPlace(data, dims);
    this.prefix = { data, rows: this.size, dim: dims };
  }

  search(query: Float32Array, k: number, opts: IndexSearchOptions = {}): TopK {
    const q = query.slice(0, this.dims);
    normalizeRowsInPlace(q, this.dims);
    const wanted = Math.max(k, Math.ceil(k * (opts.rescore ?? this.defaultRescore)));
    const cand = opts.rows !== undefined ? exactOverRows(this.prefix, q, wanted, opts.rows) : topKDot(this.prefix.data, this.dims, q, wanted);
    return rescore(this.matrix, query, cand.indices, k);
  }

  searchBatch(queries: Float32Array, k: number, opts?: IndexSearchOptions): TopK[] {
    return searchEach(this, queries, k, opts);
  }
}
