/**
 * Exact top-k by inner product: blocked dot products feeding bounded min-heaps. Never sorts the whole
 * candidate set. Shared by KeyedVectors, evaluation and collections.
 */
import { dotAt } from './kernels.js';
import { scanInPlace } from './matrix-arena.js';
import { scanParallel } from './scan-pool.js';
import { TopKHeap, type TopK } from './top-k-heap.js';
import { copyPadded, DotKernels, roundUp4 } from './wasm/dot-kernels.js';

export interface TopKOptions {
  /** Consider only the first `limit` rows (e.g. the most frequent words). */
  readonly limit?: number;
  /** Row indices never returned. */
  readonly exclude?: ReadonlySet<number>;
  /** Force the scalar (float64-accumulating) path. */
  readonly scalar?: boolean;
}

/** Matrices with at least this many values are scanned with the WebAssembly SIMD kernel, even for one query. */
const WASM_MIN_VALUES_SINGLE = 1 << 16;

/** Top-k rows of `matrix` (`rows × dim`) by dot product with `query`. */
export function topKDot(matrix: Float32Array, dim: number, query: Float32Array, k: number, opts: TopKOptions = {}): TopK {
  const rows = Math.min(matrix.length / dim, opts.limit ?? Infinity);
  const exclude = opts.exclude;
  const heap = new TopKHeap(Math.min(k + (exclude?.size ?? 0), rows));
  if (opts.scalar !== true && rows * dim >= WASM_MIN_VALUES_SINGLE && rows >= WASM_MIN_ROWS) {
    scanRows(matrix, dim, 0, rows, query.length === dim ? query : query.subarray(0, dim), 1, [heap], true);
    return dropExcluded(heap.result(), exclude, k);
  }
  let threshold = -Infinity;
  for (let r = 0; r < rows; r++) {
    const score = dotAt(matrix, r * dim, query, 0, dim);
    if (score > threshold) {
      heap.push(score, r);
      threshold = heap.threshold;
    }
  }
  return dropExcluded(heap.result(), exclude, k);
}

function dropExcluded(res: TopK, exclude: ReadonlySet<number> | undefined, k: number): TopK {
  if (exclude === undefined || exclude.size === 0) {
    return res.indices.length <= k ? res : { indices: res.indices.slice(0, k), scores: res.scores.slice(0, k) };
  }
  const indices: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < res.indices.length && indices.length < k; i++) {
    const ix = res.indices[i]!;
    if (exclude.has(ix)) continue;
    indices.push(ix);
    scores.push(res.scores[i]!);
  }
  return { indices: Int32Array.from(indices), scores: Float32Array.from(scores) };
}

/** Top-k entries of an already computed score array. */
export function topKOfScores(scores: Float32Array, k: number, exclude?: ReadonlySet<number>): TopK {
  const heap = new TopKHeap(Math.min(k + (exclude?.size ?? 0), scores.length));
  let threshold = -Infinity;
  for (let r = 0; r < scores.length; r++) {
    const s = scores[r]!;
    if (s > threshold) {
      heap.push(s, r);
      threshold = heap.threshold;
    }
  }
  return dropExcluded(heap.result(), exclude, k);
}

const ROW_BLOCK = 512;
const QUERY_BLOCK = 32;
/** Batches at least this large (and matrices at least WASM_MIN_ROWS tall) use the WebAssembly SIMD kernel. */
const WASM_MIN_QUERIES = 8;
const WASM_MIN_ROWS = 256;
const WASM_ROW_BLOCK = 1024;
/** Row blocks are sized to stay in a core's L2 cache while every query of a block is scored against them. */
const WASM_BLOCK_BYTES = 256 * 1024;
const WASM_QUERY_BLOCK = 64;

export interface TopKBatchOptions {
  readonly limit?: number;
  readonly exclude?: readonly (ReadonlySet<number> | undefined)[];
  /** Force the scalar (float64-accumulating) path, e.g. to compare against it. */
  readonly scalar?: boolean;
}

/**
 * Top-k for many queries at once (`queries` is `q × dim`). Rows are visited in blocks that stay in cache
 * while a block of queries is scored against them, so the matrix is streamed from memory once per query
 * block instead of once per query. Large batches compute each block of scores with a WebAssembly SIMD
 * matrix product (f32 accumulation) and feed the heaps from it; small ones use the scalar path.
 */
export function topKDotBatch(matrix: Float32Array, dim: number, queries: Float32Array, k: number, opts: TopKBatchOptions = {}): TopK[] {
  const rows = Math.min(matrix.length / dim, opts.limit ?? Infinity);
  const q = queries.length / dim;
  const heaps: TopKHeap[] = [];
  for (let i = 0; i < q; i++) heaps.push(new TopKHeap(Math.min(k + (opts.exclude?.[i]?.size ?? 0), rows)));
  scanRows(matrix, dim, 0, rows, queries, q, heaps, q >= WASM_MIN_QUERIES && rows >= WASM_MIN_ROWS && opts.scalar !== true);
  return heaps.map((h, i) => dropExcluded(h.result(), opts.exclude?.[i], k));
}

/**
 * Scores rows `from…to-1` against `q` queries into `heaps` (row numbers are absolute). Large scans of a
 * matrix in shared memory are split over the scan threads (scan-pool.ts), the calling thread taking the
 * first share; `simd` selects the WebAssembly kernel (falls back to the scalar path where unavailable).
 */
function scanRows(matrix: Float32Array, dim: number, from: number, to: number, queries: Float32Array, q: number, heaps: TopKHeap[], simd: boolean): void {
  if (simd && scanParallel(matrix, dim, from, to, queries, q, heaps, scanRowsHere)) return;
  scanRowsHere(matrix, dim, from, to, queries, q, heaps, simd);
}

/** `scanRows` on the calling thread only (what each scan thread runs on its share). */
export function scanRowsHere(matrix: Float32Array, dim: number, from: number, to: number, queries: Float32Array, q: number, heaps: TopKHeap[], simd: boolean): void {
  // One query over a matrix in an arena: rows are read in place (no copy into the kernel's memory).
  if (simd && q === 1 && scanInPlace(matrix, dim, from, to, queries, heaps[0]!)) return;
  const kernels = simd ? DotKernels.get() : undefined;
  if (kernels !== undefined) batchWasm(kernels, matrix, dim, from, to, queries, q, heaps);
  else batchScalar(matrix, dim, from, to, queries, q, heaps);
}

function batchScalar(matrix: Float32Array, dim: number, from: number, rows: number, queries: Float32Array, q: number, heaps: TopKHeap[]): void {
  const thresholds = new Float64Array(q).fill(-Infinity);
  for (let q0 = 0; q0 < q; q0 += QUERY_BLOCK) {
    const q1 = Math.min(q, q0 + QUERY_BLOCK);
    for (let r0 = from; r0 < rows; r0 += ROW_BLOCK) {
      const r1 = Math.min(rows, r0 + ROW_BLOCK);
      for (let qi = q0; qi < q1; qi++) {
        const heap = heaps[qi]!;
        let threshold = thresholds[qi]!;
        const qOff = qi * dim;
        for (let r = r0; r < r1; r++) {
          const score = dotAt(matrix, r * dim, queries, qOff, dim);
          if (score > threshold) {
            heap.push(score, r);
            threshold = heap.threshold;
          }
        }
        thresholds[qi] = threshold;
      }
    }
  }
}

/** Row blocks outer (each copied once into wasm memory), query blocks inner, scores scanned into heaps. */
function batchWasm(kernels: DotKernels, matrix: Float32Array, dim: number, from: number, rows: number, queries: Float32Array, q: number, heaps: TopKHeap[]): void {
  const pd = roundUp4(dim);
  // Several queries reuse each row block: keep it in L2. One query streams rows once: fewer, larger blocks.
  const rb = Math.min(q > 1 ? Math.max(64, Math.floor(WASM_BLOCK_BYTES / (pd * 4)) & ~3) : WASM_ROW_BLOCK, WASM_ROW_BLOCK, roundUp4(rows - from));
  const qb = Math.min(WASM_QUERY_BLOCK, q);
  kernels.reset();
  const qOff = kernels.alloc(q * pd * 4);
  const bOff = kernels.alloc(rb * pd * 4);
  const oOff = kernels.alloc(qb * rb * 4);
  const qMem = kernels.f32(qOff, q * pd);
  qMem.fill(0);
  copyPadded(qMem, queries, dim, 0, q, pd);
  const bMem = kernels.f32(bOff, rb * pd);
  const out = kernels.f32(oOff, qb * rb);
  const thresholds = new Float64Array(q).fill(-Infinity);
  for (let r0 = from; r0 < rows; r0 += rb) {
    const n = Math.min(rb, rows - r0);
    const nPadded = roundUp4(n);
    copyPadded(bMem, matrix, dim, r0, n, pd);
    if (nPadded > n) bMem.fill(0, n * pd, nPadded * pd);
    for (let q0 = 0; q0 < q; q0 += qb) {
      const m = Math.min(qb, q - q0);
      kernels.gemmNT(qOff + q0 * pd * 4, m, bOff, nPadded, pd, oOff);
      for (let i = 0; i < m && q0 + i < q; i++) {
        const qi = q0 + i;
        const heap = heaps[qi]!;
        let threshold = thresholds[qi]!;
        const base = i * nPadded;
        for (let j = 0; j < n; j++) {
          const score = out[base + j]!;
          if (score > threshold) {
            heap.push(score, r0 + j);
            threshold = heap.threshold;
          }
        }
        thresholds[qi] = threshold;
      }
    }
  }
  kernels.reset();
}
