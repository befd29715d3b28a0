/**
 * A scan thread (see scan-pool.ts): scores its range of rows for every query with the same kernel as
 * the calling thread and writes each query's top-k to shared memory, then signals `state`.
 */
import { parentPort } from 'node:worker_threads';
import type { ScanJob } from './scan-pool.js';
import { scanRowsHere, TopKHeap } from './top-k.js';

parentPort?.on('message', (job: ScanJob) => {
  try {
    const q = job.sizes.length === 0 ? 0 : job.queries.length / job.dim;
    const heaps: TopKHeap[] = [];
    for (let i = 0; i < q; i++) heaps.push(new TopKHeap(job.sizes[i]!));
    scanRowsHere(job.matrix, job.dim, job.from, job.to, job.queries, q, heaps, true);
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
