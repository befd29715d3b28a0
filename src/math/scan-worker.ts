/**
 * A scan thread (see scan-pool.ts): claims chunks of rows and scores them for every query with the same
 * kernel as the calling thread, then writes each query's top-k to shared memory and signals `state`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanThreadFailureHook } from '../config.js';
import { adoptArena } from './matrix-arena.js';
import { scanClaimedChunks, type ScanJob } from './scan-pool.js';
import { scanRowsHere } from './top-k.js';
import { TopKHeap } from './top-k-heap.js';
import { DotKernels } from './wasm/dot-kernels.js';

// Compile the kernel now, then tell the pool this thread can take jobs.
DotKernels.get();
const { ready } = workerData as { ready: Int32Array };
/** Test hook: the thread fails on the first chunk it claims, so the pool's recovery can be tested. */
const failOnFirstChunk = scanThreadFailureHook();

const failing: typeof scanRowsHere = () => {
  throw new Error('scan thread failure (EMBEDKIT_TEST_SCAN_THREAD_FAILS)');
};
Atomics.store(ready, 0, 1);

parentPort?.on('message', (job: ScanJob) => {
  try {
    if (job.arena !== undefined) adoptArena(job.matrix, job.arena);
    const q = job.sizes.length === 0 ? 0 : job.queries.length / job.dim;
    const heaps: TopKHeap[] = [];
    for (let i = 0; i < q; i++) heaps.push(new TopKHeap(job.sizes[i]!));
    scanClaimedChunks(job, q, heaps, failOnFirstChunk ? failing : scanRowsHere);
    heaps.forEach((h, i) => {
      const r = h.result();
      job.outIndices.set(r.indices, i * job.stride);
      job.outScores.set(r.scores, i * job.stride);
      job.counts[i] = r.indices.length;
    });
    Atomics.store(job.state, 0, 1);
  } catch {
    Atomics.store(job.state, 0, 2);
  }
  Atomics.notify(job.state, 0);
});
