/**
 * The recall–QPS curve of single-query HNSW search, measured the way ann-benchmarks does: each library
 * runs its own parameter grid (graph degree M, storage, search list ef) and is judged by its best
 * queries/s among the settings that reach recall@10 ≥ 0.95 and ≥ 0.99, not at equal M/ef.
 *
 * Sides: our `HnswIndex` (usearch, inner product on unit rows, f16 or f32 storage, one thread per query,
 * f32 rescoring of the best k) and hnswlib-node (inner product on the same unit rows). For each M both
 * graphs are built (efConstruction 200 for both), then for each ef the two searches are timed
 * interleaved in blocks of 50 queries, 3 passes (machine drift hits both alike); each pass gives its own
 * best-QPS ratio, and the table prints the median ratio with its range over the passes. Our batched
 * search (`searchBatch`, usearch's threads) is reported against hnswlib-node's one-at-a-time rate.
 *
 * Environment: EMBEDKIT_BENCH_DATASET=synthetic|glove runs one dataset; EMBEDKIT_BENCH_ROWS sets the
 * synthetic size; EMBEDKIT_BENCH_MS=8,16,32 the graph degrees.
 */
import hnswlib from 'hnswlib-node';
import { FlatIndex } from '../src/collections/indexes/flat-index.js';
import { HnswIndex } from '../src/collections/indexes/hnsw-index.js';
import type { HnswStorage } from '../src/collections/types.js';
import { clusteredSynthetic, gloveWords, meanRecall, type BenchDataset } from './search-data.js';
import { median, table } from './util.js';

const K = 10;
const EF_CONSTRUCTION = 200;
const MS = (process.env['EMBEDKIT_BENCH_MS'] ?? '8,16,32').split(',').map(Number);
const STORAGES: HnswStorage[] = (process.env['EMBEDKIT_BENCH_STORAGES'] ?? 'f16,f32').split(',') as HnswStorage[];
const EFS = [10, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512];
const BLOCK = 50;
const PASSES = 3;
const QUERIES = 1000;
const THRESHOLDS = [0.95, 0.99];

type Search = (q: Float32Array) => ArrayLike<number>;

/** One point of a curve: a setting, its recall and its queries/s in each pass. */
interface Point {
  readonly side: string;
  readonly setting: string;
  readonly recall: number;
  readonly qps: number[];
}

/** Times the searches over the same queries, alternating blocks of BLOCK queries; q/s per search per pass. */
function interleaved(ds: BenchDataset, n: number, searches: Search[]): { qps: number[]; found: ArrayLike<number>[] }[] {
  const dim = ds.matrix.dim;
  const q = (i: number): Float32Array => ds.queries.subarray(i * dim, (i + 1) * dim);
  const found = searches.map(() => [] as ArrayLike<number>[]);
  const qps = searches.map(() => [] as number[]);
  for (const s of searches) for (let i = 0; i < BLOCK; i++) s(q(i)); // warm-up
  for (let pass = 0; pass < PASSES; pass++) {
    const ms = searches.map(() => 0);
    for (let b = 0; b < n; b += BLOCK) {
      searches.forEach((s, j) => {
        const t = performance.now();
        for (let i = b; i < Math.min(n, b + BLOCK); i++) {
          const r = s(q(i));
          if (pass === 0) found[j]!.push(r);
        }
        ms[j]! += performance.now() - t;
      });
    }
    ms.forEach((m, j) => qps[j]!.push(n / (m / 1000)));
  }
  return searches.map((_, j) => ({ qps: qps[j]!, found: found[j]! }));
}

function buildPeer(ds: BenchDataset, m: number): hnswlib.HierarchicalNSW {
  const { data, rows, dim } = ds.matrix;
  const peer = new hnswlib.HierarchicalNSW('ip', dim);
  peer.initIndex({ maxElements: rows, m, efConstruction: EF_CONSTRUCTION, randomSeed: 100 });
  for (let r = 0; r < rows; r++) peer.addPoint(Array.from(data.subarray(r * dim, (r + 1) * dim)), r);
  return peer;
}

function curve(ds: BenchDataset): { points: Point[]; builds: (string | number)[][] } {
  const dim = ds.matrix.dim;
  const n = Math.min(QUERIES, ds.queryCount);
  const all = ds.queries.subarray(0, n * dim);
  const truth = new FlatIndex(ds.matrix).searchBatch(all, K).map((r) => r.indices);
  const points: Point[] = [];
  const builds: (string | number)[][] = [];
  for (const m of MS) {
    const ours = STORAGES.map((storage) => {
      const t = performance.now();
      const index = HnswIndex.build(ds.matrix, { m, efConstruction: EF_CONSTRUCTION, ef: 64, storage });
      builds.push([ds.name, `embedkit M ${m} ${storage}`, (performance.now() - t) / 1000]);
      return { storage, index };
    });
    let t = performance.now();
    const peer = buildPeer(ds, m);
    builds.push([ds.name, `hnswlib-node M ${m}`, (performance.now() - t) / 1000]);
    console.error(`${ds.name}: M ${m} built`);
    for (const ef of EFS) {
      peer.setEf(ef);
      const searches: Search[] = [...ours.map(({ index }) => (q: Float32Array) => index.search(q, K, { ef }).indices), (q) => peer.searchKnn(Array.from(q), K).neighbors];
      const timed = interleaved(ds, n, searches);
      ours.forEach(({ storage }, j) => points.push({ side: `embedkit ${storage}`, setting: `M ${m}, ef ${ef}`, recall: meanRecall(timed[j]!.found, truth), qps: timed[j]!.qps }));
      const p = timed[ours.length]!;
      points.push({ side: 'hnswlib-node', setting: `M ${m}, ef ${ef}`, recall: meanRecall(p.found, truth), qps: p.qps });
      for (const pt of points.slice(-ours.length - 1)) console.error(`${ds.name}  ${pt.side}  ${pt.setting}  recall ${pt.recall.toFixed(3)}  q/s ${pt.qps.map((x) => x.toFixed(0)).join(' / ')}`);
      // Batched: usearch's threads over all 1000 queries (f16 graph), PASSES timings.
      const f16 = ours.find((o) => o.storage === 'f16') ?? ours[0]!;
      const batch = f16.index.searchBatch(all, K, { ef });
      const times: number[] = [];
      for (let pass = 0; pass < PASSES; pass++) {
        t = performance.now();
        f16.index.searchBatch(all, K, { ef });
        times.push(n / ((performance.now() - t) / 1000));
      }
      points.push({ side: `embedkit ${f16.storage} batched`, setting: `M ${m}, ef ${ef}`, recall: meanRecall(batch.map((r) => r.indices), truth), qps: times });
      t = performance.now();
    }
  }
  return { points, builds };
}

/** Best q/s (in pass `pass`, or the median over passes) among the points of `side` reaching `recall`. */
function best(points: Point[], side: string, recall: number, pass?: number): { qps: number; setting: string } | undefined {
  let out: { qps: number; setting: string } | undefined;
  for (const p of points) {
    if (p.side !== side || p.recall < recall) continue;
    const qps = pass === undefined ? median(p.qps) : p.qps[pass]!;
    if (out === undefined || qps > out.qps) out = { qps, setting: p.setting };
  }
  return out;
}

function summary(name: string, points: Point[]): (string | number)[][] {
  const rows: (string | number)[][] = [];
  const sides = [...new Set(points.map((p) => p.side))].filter((s) => s !== 'hnswlib-node');
  for (const recall of THRESHOLDS) {
    const peer = best(points, 'hnswlib-node', recall);
    for (const side of sides) {
      const ours = best(points, side, recall);
      const ratios: number[] = [];
      for (let pass = 0; pass < PASSES; pass++) {
        const a = best(points, side, recall, pass);
        const b = best(points, 'hnswlib-node', recall, pass);
        if (a !== undefined && b !== undefined) ratios.push(a.qps / b.qps);
      }
      const range = ratios.length > 0 ? `${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})` : 'n/a';
      rows.push([name, `≥ ${recall}`, side, ours === undefined ? 'not reached' : `${ours.qps.toFixed(0)} (${ours.setting})`, peer === undefined ? 'not reached' : `${peer.qps.toFixed(0)} (${peer.setting})`, range]);
    }
  }
  return rows;
}

const only = process.env['EMBEDKIT_BENCH_DATASET'];
const datasets: (() => Promise<BenchDataset>)[] = [];
if (only !== 'glove') datasets.push(async () => clusteredSynthetic(Number(process.env['EMBEDKIT_BENCH_ROWS'] ?? 100_000)));
if (only !== 'synthetic') datasets.push(() => gloveWords());
const head: (string | number)[][] = [['dataset', 'recall@10', 'embedkit side', 'embedkit best q/s (setting)', 'hnswlib-node best q/s (setting)', 'ratio: median (range over passes)']];
const summaries: (string | number)[][] = [...head];
for (const load of datasets) {
  const ds = await load();
  const { points, builds } = curve(ds);
  console.log(table([['dataset', 'build', 'seconds'], ...builds]));
  console.log(table([['side', 'setting', 'recall@10', 'q/s (median of passes)', 'q/s per pass'], ...points.map((p) => [p.side, p.setting, p.recall, median(p.qps), p.qps.map((x) => x.toFixed(0)).join(' / ')])]));
  summaries.push(...summary(ds.name, points));
  console.log(table(summaries));
}
