/**
 * Splits large exact scans over worker threads. The matrix must live in shared memory (see
 * shared-memory.ts): each thread scores its own range of rows into its own heaps, the calling thread
 * takes the first range, waits (Atomics.wait) for the others and merges their top-k lists. Calls stay
 * synchronous, so callers see no difference except speed.
 *
 * Threads: `EMBEDKIT_THREADS` or the machine's available parallelism (at most 8); 1 disables the pool.
 * A thread that fails or does not answer in time is retired and its share is scanned on the calling thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { isShared } from './shared-memory.js';
import type { TopKHeap } from './top-k.js';

/** Scans below this many multiply-adds (rows × dim × queries) stay on the calling thread. */
export const PARALLEL_MIN_WORK = 1 << 21;
/** Each thread gets at least this many rows. */
const MIN_ROWS_PER_THREAD = 4096;

/** A job as posted to a scan thread; every array is in shared memory. */
export interface ScanJob {
  readonly matrix: Float32Array;
  readonly dim: number;
  readonly from: number;
  readonly to: number;
  readonly queries: Float32Array;
  /** Heap size (k) per query. */
  readonly sizes: Int32Array;
  /** Per query `stride` slots of results, best first; `counts[i]` are filled. */
  readonly stride: number;
  readonly outIndices: Int32Array;
  readonly outScores: Float32Array;
  readonly counts: Int32Array;
  /** [state]: 0 pending, 1 done, 2 failed. */
  readonly state: Int32Array;
}

export type ScanHere = (matrix: Float32Array, dim: number, from: number, to: number, queries: Float32Array, q: number, heaps: TopKHeap[], simd: boolean) => void;

let pool: Worker[] | undefined;
let threadsWanted: number | undefined;
const stats = { parallelScans: 0, takenOver: 0 };

/** Scans split so far, and thread shares the calling thread had to take over (for tests and diagnostics). */
export function scanPoolStats(): { readonly parallelScans: number; readonly takenOver: number; readonly threads: number } {
  return { ...stats, threads: (pool?.length ?? 0) + 1 };
}

/** Number of threads large scans use (including the calling thread). */
export function scanThreads(): number {
  if (threadsWanted === undefined) {
    const env = Number(process.env['EMBEDKIT_THREADS']);
    threadsWanted = Number.isInteger(env) && env >= 1 ? Math.min(env, 64) : Math.min(availableParallelism(), 8);
  }
  return threadsWanted;
}

/** Sets the number of scan threads (1 = calling thread only); running threads beyond it are stopped. */
export function setScanThreads(n: number): void {
  threadsWanted = Math.max(1, Math.floor(n));
  if (pool !== undefined && pool.length > threadsWanted - 1) {
    for (const w of pool.splice(threadsWanted - 1)) void w.terminate();
  }
}

function workers(count: number): Worker[] {
  pool ??= [];
  while (pool.length < count) {
    const w = new Worker(new URL('./scan-worker.js', import.meta.url));
    w.unref();
    w.on('error', () => retire(w));
    w.on('exit', () => retire(w));
    pool.push(w);
  }
  return pool.slice(0, count);
}

function retire(w: Worker): void {
  if (pool === undefined) return;
  const i = pool.indexOf(w);
  if (i >= 0) pool.splice(i, 1);
  void w.terminate();
}

function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4));
}

/**
 * Scores rows `from…to-1` over several threads when the matrix is shared and the scan is large enough;
 * returns false (nothing done) otherwise, and the caller scans on its own.
 */
export function scanParallel(matrix: Float32Array, dim: number, from: number, to: number, queries: Float32Array, q: number, heaps: TopKHeap[], here: ScanHere): boolean {
  const rows = to - from;
  const threads = Math.min(scanThreads(), Math.floor(rows / MIN_ROWS_PER_THREAD));
  if (threads < 2 || rows * dim * q < PARALLEL_MIN_WORK || !isShared(matrix)) return false;
  const others = workers(threads - 1);
  if (others.length === 0) return false;
  const parts = others.length + 1;
  stats.parallelScans++;

  const sharedQueries = new Float32Array(new SharedArrayBuffer(q * dim * 4));
  sharedQueries.set(queries.subarray(0, q * dim));
  const sizes = sharedInt32(q);
  let stride = 0;
  for (let i = 0; i < q; i++) {
    sizes[i] = heaps[i]!.k;
    stride = Math.max(stride, heaps[i]!.k);
  }
  const jobs: ScanJob[] = others.map((w, t) => {
    const job: ScanJob = {
      matrix,
      dim,
      from: from + Math.floor(((t + 1) * rows) / parts),
      to: from + Math.floor(((t + 2) * rows) / parts),
      queries: sharedQueries,
      sizes,
      stride,
      outIndices: sharedInt32(q * stride),
      outScores: new Float32Array(new SharedArrayBuffer(Math.max(1, q * stride) * 4)),
      counts: sharedInt32(q),
      state: sharedInt32(1),
    };
    w.postMessage(job);
    return job;
  });

  const started = performance.now();
  here(matrix, dim, from, from + Math.floor(rows / parts), queries, q, heaps, true);
  // A healthy thread finishes close to when this one does; allow it generous slack before taking over.
  const patience = Math.max(5000, 20 * (performance.now() - started));
  const deadline = performance.now() + patience;
  jobs.forEach((job, t) => {
    while (Atomics.load(job.state, 0) === 0) {
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(job.state, 0, 0, left) === 'timed-out') break;
    }
    if (Atomics.load(job.state, 0) !== 1) {
      retire(others[t]!);
      stats.takenOver++;
      here(matrix, dim, job.from, job.to, queries, q, heaps, true);
      return;
    }
    for (let i = 0; i < q; i++) {
      const heap = heaps[i]!;
      const base = i * stride;
      for (let j = 0; j < job.counts[i]!; j++) heap.push(job.outScores[base + j]!, job.outIndices[base + j]!);
    }
  });
  return true;
}
