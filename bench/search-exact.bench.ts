/**
 * Exact top-10 (FlatIndex: topKDot single / topKDotBatch batched) vs numpy (matrix-vector and
 * matrix-matrix products + argpartition) in the same run, on 100k × 384 clustered synthetic and the
 * 341k glove-100d words. Answers are cross-checked (top-10 overlap with numpy's).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlatIndex } from '../src/collections/indexes/flat-index.js';
import { encodeNpy } from '../src/io/npy.js';
import { clusteredSynthetic, gloveWords, meanRecall, type BenchDataset } from './search-data.js';
import { runNumpy, table } from './util.js';

const K = 10;
const SINGLE = 200;

const PY = `
import sys, time, json, numpy as np
M = np.load(sys.argv[1]); Q = np.load(sys.argv[2]); k = int(sys.argv[3]); single = int(sys.argv[4])
def topk(s, k):
    idx = np.argpartition(-s, k)[:k]
    return idx[np.argsort(-s[idx], kind='stable')]
t = time.perf_counter()
for i in range(single):
    topk(M @ Q[i], k)
single_qps = single / (time.perf_counter() - t)
t = time.perf_counter()
tops = []
for b in range(0, len(Q), 256):
    S = Q[b:b+256] @ M.T
    part = np.argpartition(-S, k, axis=1)[:, :k]
    for i in range(S.shape[0]):
        idx = part[i]
        tops.append(idx[np.argsort(-S[i, idx], kind='stable')].tolist())
batch_qps = len(Q) / (time.perf_counter() - t)
print(json.dumps({'single': single_qps, 'batch': batch_qps, 'top': tops}))
`;

function bench(ds: BenchDataset): (string | number)[][] {
  const index = new FlatIndex(ds.matrix);
  const dim = ds.matrix.dim;
  index.search(ds.queries.subarray(0, dim), K); // warm-up
  let t = performance.now();
  for (let i = 0; i < SINGLE; i++) index.search(ds.queries.subarray(i * dim, (i + 1) * dim), K);
  const single = SINGLE / ((performance.now() - t) / 1000);
  t = performance.now();
  const batch = index.searchBatch(ds.queries, K);
  const batched = ds.queryCount / ((performance.now() - t) / 1000);

  const dir = mkdtempSync(join(tmpdir(), 'embedkit-bench-'));
  try {
    writeFileSync(join(dir, 'm.npy'), encodeNpy(ds.matrix));
    writeFileSync(join(dir, 'q.npy'), encodeNpy({ data: ds.queries, rows: ds.queryCount, dim }));
    const np = JSON.parse(runNumpy(PY, [join(dir, 'm.npy'), join(dir, 'q.npy'), String(K), String(SINGLE)])) as { single: number; batch: number; top: number[][] };
    const agree = meanRecall(batch.map((b) => b.indices), np.top);
    return [
      [ds.name, 'single', single, np.single, single / np.single, agree],
      [ds.name, `batched (${ds.queryCount})`, batched, np.batch, batched / np.batch, agree],
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: (string | number)[][] = [['dataset', 'queries', 'embedkit q/s', 'numpy q/s', 'ratio', 'top-10 agreement']];
rows.push(...bench(clusteredSynthetic()));
rows.push(...bench(await gloveWords()));
console.log(table(rows));
