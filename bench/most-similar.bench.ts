/**
 * `mostSimilar` on the full glove-100d vocabulary (341,479 × 100): queries/s, one query at a time and
 * batched, against numpy (matrix-vector / matrix-matrix product + argpartition) in the same run, on the
 * same unit-length matrix and the same query words. Answers are cross-checked.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVectors } from '../src/vectors/load.js';
import { encodeNpy } from '../src/io/npy.js';
import { topKDotBatch } from '../src/math/top-k.js';
import { runNumpy, table } from './util.js';

const kv = await loadVectors('glove-100d');
const unit = kv.unitVectors();
const dim = kv.dim;
const nq = 200;
const queryRows = Array.from({ length: nq }, (_, i) => 1000 + i * 37);
const k = 10;

// one at a time (includes query normalization and exclusion of the query word)
kv.mostSimilar({ positive: [kv.keyAt(queryRows[0]!)], topK: k }); // warm-up
let t = performance.now();
const single: string[] = [];
for (const r of queryRows) single.push(kv.mostSimilar({ positive: [kv.keyAt(r)], topK: k }).keys[0]!);
const singleQps = nq / ((performance.now() - t) / 1000);

// batched
const qs = new Float32Array(nq * dim);
queryRows.forEach((r, i) => qs.set(unit.subarray(r * dim, (r + 1) * dim), i * dim));
t = performance.now();
const batch = topKDotBatch(unit, dim, qs, k, { exclude: queryRows.map((r) => new Set([r])) });
const batchQps = nq / ((performance.now() - t) / 1000);
const batchTop = batch.map((b) => kv.keyAt(b.indices[0]!));

const dir = mkdtempSync(join(tmpdir(), 'embedkit-bench-'));
const npy = join(dir, 'unit.npy');
writeFileSync(npy, encodeNpy({ data: unit, rows: kv.size, dim }));
const py = `
import sys, time, json, numpy as np
M = np.load(sys.argv[1]); rows = json.loads(sys.argv[2]); k = int(sys.argv[3])
def topk(s, k):
    idx = np.argpartition(-s, k)[:k]
    return idx[np.argsort(-s[idx], kind='stable')]
top = []
t = time.perf_counter()
for r in rows:
    q = M[r] / np.linalg.norm(M[r])
    s = M @ q
    s[r] = -np.inf
    top.append(int(topk(s, k)[0]))
single = len(rows) / (time.perf_counter() - t)
t = time.perf_counter()
Q = M[rows]
S = Q @ M.T
S[np.arange(len(rows)), rows] = -np.inf
bt = [int(topk(S[i], k)[0]) for i in range(len(rows))]
batch = len(rows) / (time.perf_counter() - t)
print(json.dumps({'single': single, 'batch': batch, 'top': top, 'btop': bt}))
`;
const np = JSON.parse(runNumpy(py, [npy, JSON.stringify(queryRows), String(k)])) as { single: number; batch: number; top: number[]; btop: number[] };
rmSync(dir, { recursive: true, force: true });
const agree = np.top.filter((r, i) => kv.keyAt(r) === single[i]).length;
const agreeB = np.btop.filter((r, i) => kv.keyAt(r) === batchTop[i]).length;
console.log(
  table([
    [`top-${k} over 341,479 × 100`, 'embedkit q/s', 'numpy q/s', 'ratio (ours/numpy)'],
    ['one query at a time', singleQps, np.single, singleQps / np.single],
    [`batched (${nq} queries)`, batchQps, np.batch, batchQps / np.batch],
  ]),
);
console.log(`top-1 agreement with numpy: ${agree}/${nq} single, ${agreeB}/${nq} batched`);
