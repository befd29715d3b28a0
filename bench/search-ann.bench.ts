/**
 * Approximate and quantized search, recall@10 against exact search and queries/s:
 * - HNSW (usearch, our HnswIndex; f16 storage = the default, and f32) vs hnswlib-node with the same
 *   M = 16, efConstruction = 128, ef ∈ {16, 32, 64, 128}: one query at a time, timed interleaved in blocks of
 *   50 queries (so drift in machine speed hits both alike), plus our batched search (usearch's threads;
 *   hnswlib-node has no batch call, so its column is its one-at-a-time rate);
 * - Int8Index / BinaryIndex with float rescoring (default rescore factors), one query at a time.
 * On 100k × 384 clustered synthetic and the 341k glove-100d words. Environment: EMBEDKIT_BENCH_DATASET=
 * synthetic|glove runs one dataset; EMBEDKIT_BENCH_ROWS sets the synthetic size (for quick checks);
 * EMBEDKIT_BENCH_HNSW=0 runs only the flat / int8 / binary rows.
 */
import { availableParallelism } from 'node:os';
import hnswlib from 'hnswlib-node';
import { FlatIndex } from '../src/collections/indexes/flat-index.js';
import { HnswIndex } from '../src/collections/indexes/hnsw-index.js';
import { BinaryIndex, Int8Index } from '../src/collections/indexes/quantized-index.js';
import type { VectorIndex } from '../src/collections/indexes/vector-index.js';
import { clusteredSynthetic, gloveWords, meanRecall, type BenchDataset } from './search-data.js';
import { median, table } from './util.js';

const K = 10;
const M = 16;
const EF_CONSTRUCTION = 128;
const EFS = [16, 32, 64, 128];
const BLOCK = 50;
const REPS = 3;
const QUERIES = 1000;

function timeQueries(ds: BenchDataset, n: number, search: (q: Float32Array) => ArrayLike<number>): { qps: number; found: ArrayLike<number>[] } {
  const dim = ds.matrix.dim;
  search(ds.queries.subarray(0, dim));
  const found: ArrayLike<number>[] = [];
  const t = performance.now();
  for (let i = 0; i < n; i++) found.push(search(ds.queries.subarray(i * dim, (i + 1) * dim)));
  return { qps: n / ((performance.now() - t) / 1000), found };
}

/** Runs each search over the same queries, alternating blocks of BLOCK queries between them, REPS times. */
function interleaved(ds: BenchDataset, n: number, searches: ((q: Float32Array) => ArrayLike<number>)[]): { qps: number; found: ArrayLike<number>[] }[] {
  const dim = ds.matrix.dim;
  const ms = searches.map(() => 0);
  const found = searches.map(() => [] as ArrayLike<number>[]);
  for (const s of searches) for (let i = 0; i < BLOCK; i++) s(ds.queries.subarray(i * dim, (i + 1) * dim)); // warm-up
  for (let rep = 0; rep < REPS; rep++) {
    for (let b = 0; b < n; b += BLOCK) {
      searches.forEach((s, j) => {
        const t = performance.now();
        for (let i = b; i < Math.min(n, b + BLOCK); i++) {
          const r = s(ds.queries.subarray(i * dim, (i + 1) * dim));
          if (rep === 0) found[j]!.push(r);
        }
        ms[j]! += performance.now() - t;
      });
    }
  }
  return searches.map((_, j) => ({ qps: (REPS * n) / (ms[j]! / 1000), found: found[j]! }));
}

function bench(ds: BenchDataset): (string | number)[][] {
  const dim = ds.matrix.dim;
  const n = Math.min(QUERIES, ds.queryCount);
  const truth = new FlatIndex(ds.matrix).searchBatch(ds.queries.subarray(0, n * dim), K).map((r) => r.indices);
  const out: (string | number)[][] = [];
  if (process.env['EMBEDKIT_BENCH_HNSW'] !== '0') out.push(...hnsw(ds, n, truth));
  quantized(ds, truth, out);
  return out;
}

function hnsw(ds: BenchDataset, n: number, truth: Int32Array[]): (string | number)[][] {
  const dim = ds.matrix.dim;
  const out: (string | number)[][] = [];
  let t = performance.now();
  const ours = HnswIndex.build(ds.matrix, { m: M, efConstruction: EF_CONSTRUCTION, ef: 64 });
  const oursBuild = (performance.now() - t) / 1000;
  t = performance.now();
  const ours32 = HnswIndex.build(ds.matrix, { m: M, efConstruction: EF_CONSTRUCTION, ef: 64, storage: 'f32' });
  const ours32Build = (performance.now() - t) / 1000;
  t = performance.now();
  const peer = new hnswlib.HierarchicalNSW('ip', dim);
  peer.initIndex({ maxElements: ds.matrix.rows, m: M, efConstruction: EF_CONSTRUCTION, randomSeed: 100 });
  for (let r = 0; r < ds.matrix.rows; r++) peer.addPoint(Array.from(ds.matrix.data.subarray(r * dim, (r + 1) * dim)), r);
  const peerBuild = (performance.now() - t) / 1000;
  out.push([ds.name, `hnsw build (s), M ${M}, efC ${EF_CONSTRUCTION}, f16`, oursBuild, '', peerBuild, '', peerBuild / oursBuild]);
  out.push([ds.name, `hnsw build (s), M ${M}, efC ${EF_CONSTRUCTION}, f32`, ours32Build, '', peerBuild, '', peerBuild / ours32Build]);

  for (const ef of EFS) {
    peer.setEf(ef);
    const [f16, f32, b] = interleaved(ds, n, [
      (q) => ours.search(q, K, { ef }).indices,
      (q) => ours32.search(q, K, { ef }).indices,
      (q) => peer.searchKnn(Array.from(q), K).neighbors,
    ]);
    const peerRecall = meanRecall(b!.found, truth);
    out.push([ds.name, `hnsw ef ${ef} (f16)`, meanRecall(f16!.found, truth), f16!.qps, peerRecall, b!.qps, f16!.qps / b!.qps]);
    out.push([ds.name, `hnsw ef ${ef} (f32)`, meanRecall(f32!.found, truth), f32!.qps, peerRecall, b!.qps, f32!.qps / b!.qps]);
    const batch = ours.searchBatch(ds.queries.subarray(0, n * dim), K, { ef });
    const times: number[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const t0 = performance.now();
      ours.searchBatch(ds.queries.subarray(0, n * dim), K, { ef });
      times.push(performance.now() - t0);
    }
    const batchQps = n / (median(times) / 1000);
    out.push([ds.name, `hnsw ef ${ef} (f16, batched, ${availableParallelism()} threads)`, meanRecall(batch.map((r) => r.indices), truth), batchQps, peerRecall, b!.qps, batchQps / b!.qps]);
  }
  return out;
}

function quantized(ds: BenchDataset, truth: Int32Array[], out: (string | number)[][]): void {
  const dim = ds.matrix.dim;
  const flat = new FlatIndex(ds.matrix);
  const exact = timeQueries(ds, 100, (q) => flat.search(q, K).indices);
  out.push([ds.name, 'flat (exact)', 1, exact.qps, '', '', '']);
  for (const [label, index] of [
    ['int8 + rescore ×4', new Int8Index(ds.matrix)],
    [`binary + rescore ×${new BinaryIndex({ data: new Float32Array(dim), rows: 1, dim }).defaultRescore}`, new BinaryIndex(ds.matrix)],
  ] as [string, VectorIndex][]) {
    const r = timeQueries(ds, 200, (q) => index.search(q, K).indices);
    out.push([ds.name, label, meanRecall(r.found, truth.slice(0, 200)), r.qps, '', '', r.qps / exact.qps]);
  }
}

const rows: (string | number)[][] = [['dataset', 'index', 'embedkit recall@10', 'embedkit q/s', 'hnswlib-node recall@10', 'hnswlib-node q/s', 'ratio (q/s; int8/binary: vs flat)']];
const only = process.env['EMBEDKIT_BENCH_DATASET'];
const synthRows = Number(process.env['EMBEDKIT_BENCH_ROWS'] ?? 100_000);
if (only !== 'glove') rows.push(...bench(clusteredSynthetic(synthRows)));
console.error(table(rows)); // partial results first: builds on the 341k words take minutes
if (only !== 'synthetic') rows.push(...bench(await gloveWords()));
console.log(table(rows));
