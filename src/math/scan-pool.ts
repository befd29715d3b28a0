/**
 * Splits large exact scans over worker threads. The matrix must live in shared memory (see
 * shared-memory.ts): the rows are cut into chunks that the threads — the calling one included — claim
 * one at a time, each scoring into its own heaps; the calling thread then waits (Atomics.wait) for the
 * others and merges their top-k lists. Calls stay synchronous, so callers see no difference except speed.
 *
 * Threads: `EMBEDKIT_THREADS` or the machine's available parallelism (at most 8); 1 disables the pool.
 * Threads start on the first large scan and take jobs once loaded (scans meanwhile run on fewer threads).
 * A thread that fails or does not answer in time is retired and its share is scanned on the calling thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { scanThreadsSetting } from '../config.js';
import { arenaOf, type MatrixArena } from './matrix-arena.js';
import { isShared } from './shared-memory.js';
import type { TopKHeap } from './top-k-heap.js';

/** Scans below this many multiply-adds (rows × dim × queries) stay on the calling thread. */
export const PARALLEL_MIN_WORK = 1 << 21;
/** Each thread gets at least this many rows. */
const MIN_ROWS_PER_THREAD = 4096;
const CHUNKS_PER_THREAD = 8;
const MIN_CHUNK_ROWS = 1024;

/**
 * A job as posted to a scan thread; every array is in shared memory. Rows `from…to-1` are cut into chunks
 * of `chunk` rows; threads claim chunks one at a time (`next`), so a thread slowed down by other work on
 * its core simply scans fewer of them, and record each claim in `owner` (thread id).
 */
export interface ScanJob {
  readonly matrix: Float32Array;
  /** The arena holding `matrix`, if any (its memory is posted along, so the thread reads rows in place). */
  readonly arena: MatrixArena | undefined;
  readonly dim: number;
  readonly from: number;
  readonly to: number;
  readonly chunk: number;
  readonly next: Int32Array;
  readonly owner: Int32Array;
  /** This thread's id in `owner` (the calling thread is 1). */
  readonly me: number;
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

/** Claims chunks of `job` until none is left, scanning each into `heaps`. */
export function scanClaimedChunks(job: ScanJob, q: number, heaps: TopKHeap[], here: ScanHere): void {
  const chunks = job.owner.length;
  for (let c = Atomics.add(job.next, 0, 1); c < chunks; c = Atomics.add(job.next, 0, 1)) {
    Atomics.store(job.owner, c, job.me);
    const r0 = job.from + c * job.chunk;
    here(job.matrix, job.dim, r0, Math.min(job.to, r0 + job.chunk), job.queries, q, heaps, true);
  }
}

export type ScanHere = (matrix: Float32Array, dim: number, from: number, to: number, queries: Float32Array, q: number, heaps: TopKHeap[], simd: boolean) => void;

/** A scan thread and its readiness flag (set by the thread once its modules and kernel are loaded). */
interface ScanThread {
  readonly worker: Worker;
  readonly ready: Int32Array;
}

let pool: ScanThread[] | undefined;
let unavailable = false;
let threadsWanted: number | undefined;
const stats = { parallelScans: 0, takenOver: 0, rescannedChunks: 0 };

/** Scans split so far, threads the calling thread had to take over, and their chunks it rescanned (for tests and diagnostics). */
export function scanPoolStats(): { readonly parallelScans: number; readonly takenOver: number; readonly rescannedChunks: number; readonly threads: number } {
  return { ...stats, threads: (pool?.length ?? 0) + 1 };
}

/** Number of threads large scans use (including the calling thread). */
export function scanThreads(): number {
  if (threadsWanted === undefined) {
    const n = scanThreadsSetting();
    threadsWanted = n === undefined ? Math.min(availableParallelism(), 8) : Math.min(n, 64);
  }
  return threadsWanted;
}

/** Sets the number of scan threads (1 = calling thread only); running threads beyond it are stopped. */
export function setScanThreads(n: number): void {
  threadsWanted = Math.max(1, Math.floor(n));
  if (pool !== undefined && pool.length > threadsWanted - 1) {
    for (const t of pool.splice(threadsWanted - 1)) void t.worker.terminate();
  }
}

/**
 * Up to `count` threads that are ready. Missing threads are started; a thread starting up is not waited
 * for (the scan runs on fewer threads meanwhile), so a first, one-off scan never pays for thread start-up.
 */
function readyWorkers(count: number): Worker[] {
  pool ??= [];
  while (pool.length < count && !unavailable) {
    const ready = sharedInt32(1);
    let worker: Worker;
    try {
      worker = new Worker(new URL('./scan-worker.js', import.meta.url), { workerData: { ready } });
    } catch {
      unavailable = true; // e.g. a runtime without worker threads: scans stay on the calling thread
      break;
    }
    worker.unref();
    worker.on('error', () => retire(worker));
    worker.on('exit', () => retire(worker));
    pool.push({ worker, ready });
  }
  return pool
    .slice(0, count)
    .filter((t) => Atomics.load(t.ready, 0) === 1)
    .map((t) => t.worker);
}

/**
 * Starts the scan threads now and resolves when they can take jobs (or after `timeoutMs`), with the
 * number of threads large scans will use — for servers that want their first query at full speed.
 */
export async function startScanThreads(timeoutMs = 10_000): Promise<number> {
  const want = scanThreads() - 1;
  const deadline = performance.now() + timeoutMs;
  while (readyWorkers(want).length < Math.min(want, pool?.length ?? 0) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return readyWorkers(want).length + 1;
}

/** Threads retired after failing; after MAX_FAILURES the pool stops starting new ones. */
let failures = 0;
const MAX_FAILURES = 3;

function retire(w: Worker): void {
  if (pool === undefined) return;
  const i = pool.findIndex((t) => t.worker === w);
  if (i >= 0) {
    pool.splice(i, 1);
    if (++failures >= MAX_FAILURES) unavailable = true;
  }
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
  const others = readyWorkers(threads - 1);
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
  // About 8 chunks per thread: enough to even out a busy core, few enough that per-chunk set-up is noise.
  const chunk = Math.max(MIN_CHUNK_ROWS, Math.ceil(rows / (parts * CHUNKS_PER_THREAD) / 4) * 4);
  const shared = { matrix, arena: arenaOf(matrix), dim, from, to, chunk, next: sharedInt32(1), owner: sharedInt32(Math.ceil(rows / chunk)), queries: sharedQueries, sizes, stride };
  const jobs: ScanJob[] = others.map((w, t) => {
    const job: ScanJob = {
      ...shared,
      me: t + 2,
      outIndices: sharedInt32(q * stride),
      outScores: new Float32Array(new SharedArrayBuffer(Math.max(1, q * stride) * 4)),
      counts: sharedInt32(q),
      state: sharedInt32(1),
    };
    w.postMessage(job);
    return job;
  });

  const started = performance.now();
  const mine: ScanJob = { ...shared, me: 1, outIndices: sharedInt32(1), outScores: new Float32Array(1), counts: sharedInt32(1), state: sharedInt32(1) };
  scanClaimedChunks(mine, q, heaps, here);
  // Every chunk is claimed now. A healthy thread finishes its last chunk soon; allow generous slack.
  const patience = Math.max(5000, 20 * (performance.now() - started));
  const deadline = performance.now() + patience;
  const lost = new Set<number>([0]); // owner 0: claimed by a thread that failed before recording it
  jobs.forEach((job, t) => {
    while (Atomics.load(job.state, 0) === 0) {
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(job.state, 0, 0, left) === 'timed-out') break;
    }
    if (Atomics.load(job.state, 0) !== 1) {
      retire(others[t]!);
      stats.takenOver++;
      lost.add(job.me);
      return;
    }
    for (let i = 0; i < q; i++) {
      const heap = heaps[i]!;
      const base = i * stride;
      for (let j = 0; j < job.counts[i]!; j++) heap.push(job.outScores[base + j]!, job.outIndices[base + j]!);
    }
  });
  if (lost.size > 1) {
    // Chunks of failed threads (their results are discarded whole) are scanned here.
    for (let c = 0; c < shared.owner.length; c++) {
      if (!lost.has(Atomics.load(shared.owner, c))) continue;
      stats.rescannedChunks++;
      const r0 = from + c * chunk;
      here(matrix, dim, r0, Math.min(to, r0 + chunk), queries, q, heaps, true);
    }
  }
  return true;
}
