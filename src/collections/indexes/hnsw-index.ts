/**
 * Approximate search on an HNSW graph built by `usearch` (native, prebuilt; metric inner product on unit
 * rows = cosine). Keys are row positions, or — when the index is given the rows' ids (`keys`, ascending,
 * e.g. database rowids) — those ids, which stay valid when rows are deleted, so a graph can follow deletes
 * and replacements (`applyChanges`) instead of being rebuilt; results are always row positions. usearch explores max(expansion_search, wanted) candidates, so
 * the index is built with expansion_search = 1 and the query asks for max(k, ef) results: ef becomes a
 * per-query parameter. The best k returned rows are rescored from the float matrix, so scores equal the
 * flat index's (rescoring more rows did not change recall and costs cache misses: rows are cold).
 *
 * Storage is f16 by default: half the memory of f32, and faster (a graph walk is bound by memory
 * latency), with the same recall@10 on the benchmarks (100k×384: 0.979 vs 0.977 at ef 32) because the
 * final order comes from the f32 rescoring. Batches of queries run on usearch's threads (all cores).
 *
 * Not used: usearch `i8` (recall 0.81 on normalized 100k×384 here) and `b1` (only valid with metric
 * `hamming`; with `cos` it silently returns NaN) — our own `Int8Index` / `BinaryIndex` cover those.
 *
 * Filters stay correct: a filter matching few rows is answered by exact search over those rows; otherwise
 * the graph is searched with a widened candidate list and post-filtered, widening ×4 until k matching rows
 * are found, falling back to exact search over the matching rows.
 */
import { Index, MetricKind, ScalarKind, type BatchMatches } from 'usearch';
import { dotAt } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import { TopKHeap, type TopK } from '../../math/top-k-heap.js';
import { positionOf } from '../sorted-ids.js';
import { exactOverRows } from './flat-index.js';
import type { HnswParams, HnswStorage } from '../types.js';
import { searchEach, type IndexSearchOptions, type VectorIndex } from './vector-index.js';

export const DEFAULT_HNSW_STORAGE: HnswStorage = 'f16';

/** Magic of a saved graph's header: names the storage, so a graph saved with another one is rebuilt. */
export function hnswMagic(storage: HnswStorage = DEFAULT_HNSW_STORAGE): string {
  return storage === 'f16' ? 'EKHNSR16' : 'EKHNSR32'; // R: keyed by rowid (EKHNSW*: by position, rebuilt)
}

/** Filters matching at most this fraction of rows use exact search over the matching rows. */
export const EXACT_FILTER_FRACTION = 0.02;

function newNative(dim: number, p: HnswParams): Index {
  return new Index({
    dimensions: dim,
    metric: MetricKind.IP,
    quantization: (p.storage ?? DEFAULT_HNSW_STORAGE) === 'f16' ? ScalarKind.F16 : ScalarKind.F32,
    connectivity: p.m,
    expansion_add: p.efConstruction,
    expansion_search: 1,
    multi: false,
  });
}

/** Graph keys of row positions `from…to-1`: the positions themselves, or `ids[p]`. */
function keyRange(from: number, to: number, ids?: Float64Array): BigUint64Array {
  const keys = new BigUint64Array(to - from);
  for (let i = 0; i < keys.length; i++) keys[i] = BigInt(ids === undefined ? from + i : ids[from + i]!);
  return keys;
}


export class HnswIndex implements VectorIndex {
  readonly kind = 'hnsw' as const;
  readonly dim: number;
  private constructor(
    private readonly native: Index,
    public matrix: Matrix,
    readonly params: HnswParams,
    /** Ascending ids of the matrix rows used as graph keys (undefined: keys are positions). */
    private keys: Float64Array | undefined,
  ) {
    this.dim = matrix.dim;
  }

  get size(): number {
    return this.native.size();
  }

  /** Builds a graph over all rows of `matrix` (threads: 0 = all cores). */
  static build(matrix: Matrix, params: HnswParams, threads = 0, keys?: Float64Array): HnswIndex {
    const native = newNative(matrix.dim, params);
    if (matrix.rows > 0) native.add(keyRange(0, matrix.rows, keys), matrix.data.subarray(0, matrix.rows * matrix.dim), threads);
    return new HnswIndex(native, matrix, params, keys);
  }

  /** Loads a graph saved by `save` (with the same kind of keys); the caller has checked the file's header and checksum. */
  static load(path: string, matrix: Matrix, params: HnswParams, keys?: Float64Array): HnswIndex {
    const native = newNative(matrix.dim, params);
    native.load(path);
    return new HnswIndex(native, matrix, params, keys);
  }

  /** Adds rows `size…matrix.rows-1` of a grown matrix (the same rows as before, plus new ones at the end). */
  append(matrix: Matrix, threads = 0, keys?: Float64Array): void {
    const from = this.size;
    this.matrix = matrix;
    this.keys = keys;
    if (matrix.rows > from) this.native.add(keyRange(from, matrix.rows, keys), matrix.data.subarray(from * matrix.dim, matrix.rows * matrix.dim), threads);
  }

  /**
   * Brings an id-keyed graph to `matrix` (rows with ascending `keys`): removes the `removed` ids, then adds
   * the rows at positions `added` (replaced rows are removed and added again).
   */
  applyChanges(matrix: Matrix, keys: Float64Array, removed: readonly number[], added: readonly number[], threads = 0): void {
    if (this.keys === undefined) throw new RangeError('applyChanges needs an index keyed by ids');
    if (removed.length > 0) this.native.remove(BigUint64Array.from(removed, (id) => BigInt(id)));
    this.matrix = matrix;
    this.keys = keys;
    if (added.length === 0) return;
    const dim = matrix.dim;
    const vectors = new Float32Array(added.length * dim);
    added.forEach((p, i) => vectors.set(matrix.data.subarray(p * dim, (p + 1) * dim), i * dim));
    this.native.add(BigUint64Array.from(added, (p) => BigInt(keys[p]!)), vectors, threads);
  }

  /** Row position of a graph key (-1 when the row is gone). */
  private position(key: bigint): number {
    return this.keys === undefined ? Number(key) : positionOf(this.keys, Number(key));
  }

  save(path: string): void {
    this.native.save(path);
  }

  /**
   * Graph search for `wanted` candidates (≥ k), best first; at most `limit` keys are converted.
   * One thread: a single query gains nothing from usearch's thread pool and pays for waking it.
   */
  private graph(query: Float32Array, wanted: number, limit = Infinity): Int32Array {
    if (this.size === 0) return new Int32Array(0);
    const keys = this.native.search(query, Math.min(wanted, this.size), 1).keys;
    const n = Math.min(keys.length, limit);
    const out = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const p = this.position(keys[i]!);
      if (p >= 0) out[m++] = p;
    }
    return m === n ? out : out.subarray(0, m);
  }

  search(query: Float32Array, k: number, opts: IndexSearchOptions = {}): TopK {
    const ef = Math.max(k, opts.ef ?? this.params.ef);
    const rows = opts.rows;
    // usearch returns rows in (f16) inner-product order; the best k are rescored in f32 (exact scores).
    if (rows === undefined) return this.scoreRows(query, this.graph(query, ef, k), k);
    if (rows.length <= Math.max(k, EXACT_FILTER_FRACTION * this.size)) return exactOverRows(this.matrix, query, k, rows);
    const allowed = new Uint8Array(this.matrix.rows);
    for (const r of rows) allowed[r] = 1;
    const fraction = rows.length / this.size;
    let wanted = Math.max(ef, Math.ceil((2 * k) / fraction));
    for (;;) {
      const found = this.graph(query, wanted).filter((r) => allowed[r] === 1);
      if (found.length >= Math.min(k, rows.length)) return this.scoreRows(query, found, k);
      if (wanted >= this.size / 4) return exactOverRows(this.matrix, query, k, rows);
      wanted *= 4;
    }
  }

  /** Unfiltered batches are searched on usearch's thread pool (`threads`: 0 = all cores); filtered ones one by one. */
  searchBatch(queries: Float32Array, k: number, opts: IndexSearchOptions = {}, threads = 0): TopK[] {
    const q = queries.length / this.dim;
    if (opts.rows !== undefined || q < 2 || this.size === 0) return searchEach(this, queries, k, opts);
    const wanted = Math.min(Math.max(k, opts.ef ?? this.params.ef), this.size);
    // A Float32Array of several queries is a matrix to usearch: the result is a BatchMatches.
    const found = this.native.search(queries, wanted, threads) as BatchMatches;
    const out: TopK[] = [];
    for (let i = 0; i < q; i++) {
      const n = Math.min(Number(found.counts[i]!), k);
      const rows = new Int32Array(n);
      let m = 0;
      for (let j = 0; j < n; j++) {
        const p = this.position(found.keys[i * wanted + j]!);
        if (p >= 0) rows[m++] = p;
      }
      out.push(this.scoreRows(queries.subarray(i * this.dim, (i + 1) * this.dim), rows.subarray(0, m), k));
    }
    return out;
  }

  private scoreRows(query: Float32Array, rows: Int32Array, k: number): TopK {
    const heap = new TopKHeap(Math.min(k, rows.length));
    const { data, dim } = this.matrix;
    for (const r of rows) heap.push(dotAt(data, r * dim, query, 0, dim), r);
    return heap.result();
  }
}
