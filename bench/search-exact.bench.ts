/**
 * Exact top-10 (FlatIndex: topKDot single / topKDotBatch batched) vs numpy (matrix-vector and
 * matrix-matrix products + argpartition) on 100k × 384 clustered synthetic and the 341k glove-100d words.
 * numpy runs in one long-lived child process on the same .npy matrix; the two sides alternate in rounds
 * (ours, then numpy, on the same queries), so a busy machine slows both alike, and each round gives its
 * own ratio: the table prints the median ratio and its range. Single queries read the whole matrix once,
 * so their rate is also given as GB/s of matrix read (rows × dim × 4 bytes per query). Answers are
 * cross-checked (top-10 overlap with numpy's). EMBEDKIT_BENCH_DATASET=synthetic|glove runs one dataset;
 * EMBEDKIT_BENCH_ROUNDS sets the rounds (default 7).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FlatIndex } from '../src/collections/indexes/flat-index.js';
import { encodeNpy } from '../src/io/npy.js';
import { arenaOf } from '../src/math/matrix-arena.js';
import { clusteredSynthetic, gloveWords, meanRecall, type BenchDataset } from './search-data.js';
import { median, table } from './util.js';

const K = 10;
const SINGLE = 100;
const ROUNDS = Number(process.env['EMBEDKIT_BENCH_ROUNDS'] ?? 7);
const BATCH_ROUNDS = 3;

/** A numpy process answering `single FROM N` / `batch` with q/s (and the batched top-10s). */
const PY = `
import sys, time, json, numpy as np
M = np.load(sys.argv[1]); Q = np.load(sys.argv[2]); k = int(sys.argv[3])
def topk(s, k):
    idx = np.argpartition(-s, k)[:k]
    return idx[np.argsort(-s[idx], kind='stable')]
print(json.dumps({'ready': True}), flush=True)
for line in sys.stdin:
    cmd = line.split()
    if cmd[0] == 'single':
        a, n = int(cmd[1]), int(cmd[2])
        t = time.perf_counter()
        for i in range(a, a + n):
            topk(M @ Q[i], k)
        print(json.dumps({'qps': n / (time.perf_counter() - t)}), flush=True)
    else:
        t = time.perf_counter()
        tops = []
        for b in range(0, len(Q), 256):
            S = Q[b:b+256] @ M.T
            part = np.argpartition(-S, k, axis=1)[:, :k]
            for i in range(S.shape[0]):
                idx = part[i]
                tops.append(idx[np.argsort(-S[i, idx], kind='stable')].tolist())
        print(json.dumps({'qps': len(Q) / (time.perf_counter() - t), 'top': tops}), flush=True)
`;

interface Peer {
  ask(line: string): Promise<{ qps: number; top?: number[][] }>;
  close(): void;
}

async function numpyPeer(matrix: string, queries: string): Promise<Peer> {
  const env = { ...process.env };
  delete env['OPENBLAS_CORETYPE'];
  delete env['OPENBLAS_L2_SIZE'];
  const child = spawn('python3', ['-c', PY, matrix, queries, String(K)], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<{ qps: number; top?: number[][] }> => {
    const r = await lines.next();
    if (r.done === true) throw new Error('numpy peer exited');
    return JSON.parse(r.value as string) as { qps: number; top?: number[][] };
  };
  await next(); // ready
  return {
    ask: (line) => {
      child.stdin.write(line + '\n');
      return next();
    },
    close: () => child.stdin.end(),
  };
}

const spread = (xs: number[]): string => `${median(xs).toFixed(2)}× (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;

async function bench(ds: BenchDataset): Promise<(string | number)[][]> {
  const index = new FlatIndex(ds.matrix);
  // The same rows in a plain SharedArrayBuffer: the kernel copies each row block first (the path before the arena).
  const plain = new Float32Array(new SharedArrayBuffer(ds.matrix.data.byteLength));
  plain.set(ds.matrix.data);
  const copying = new FlatIndex({ data: plain, rows: ds.matrix.rows, dim: ds.matrix.dim });
  const { rows, dim } = ds.matrix;
  const gb = (qps: number): number => (qps * rows * dim * 4) / 1e9;
  const dir = mkdtempSync(join(tmpdir(), 'embedkit-bench-'));
  try {
    writeFileSync(join(dir, 'm.npy'), encodeNpy(ds.matrix));
    writeFileSync(join(dir, 'q.npy'), encodeNpy({ data: ds.queries, rows: ds.queryCount, dim }));
    const peer = await numpyPeer(join(dir, 'm.npy'), join(dir, 'q.npy'));
    try {
      index.search(ds.queries.subarray(0, dim), K); // warm-up (scan threads start)
      copying.search(ds.queries.subarray(0, dim), K);
      await peer.ask(`single 0 10`);
      const ours: number[] = [];
      const copied: number[] = [];
      const theirs: number[] = [];
      const timeSingle = (ix: FlatIndex, from: number): number => {
        const t = performance.now();
        for (let i = from; i < from + SINGLE; i++) ix.search(ds.queries.subarray(i * dim, (i + 1) * dim), K);
        return SINGLE / ((performance.now() - t) / 1000);
      };
      for (let round = 0; round < ROUNDS; round++) {
        const from = (round * SINGLE) % (ds.queryCount - SINGLE);
        ours.push(timeSingle(index, from));
        copied.push(timeSingle(copying, from));
        theirs.push((await peer.ask(`single ${from} ${SINGLE}`)).qps);
      }
      const oursB: number[] = [];
      const theirsB: number[] = [];
      let agree = 0;
      for (let round = 0; round < BATCH_ROUNDS; round++) {
        const t = performance.now();
        const batch = index.searchBatch(ds.queries, K);
        oursB.push(ds.queryCount / ((performance.now() - t) / 1000));
        const np = await peer.ask('batch');
        theirsB.push(np.qps);
        agree = meanRecall(batch.map((b) => b.indices), np.top!);
      }
      const ratios = ours.map((q, i) => q / theirs[i]!);
      const ratiosCopied = copied.map((q, i) => q / theirs[i]!);
      const ratiosB = oursB.map((q, i) => q / theirsB[i]!);
      const where = arenaOf(index.matrix.data) !== undefined ? 'arena, in place' : 'copied per block';
      return [
        [ds.name, `single (${where})`, `${median(ours).toFixed(1)} (${gb(median(ours)).toFixed(1)} GB/s)`, `${median(theirs).toFixed(1)} (${gb(median(theirs)).toFixed(1)} GB/s)`, spread(ratios), agree],
        [ds.name, 'single (copied per block, as before)', `${median(copied).toFixed(1)} (${gb(median(copied)).toFixed(1)} GB/s)`, `${median(theirs).toFixed(1)} (${gb(median(theirs)).toFixed(1)} GB/s)`, spread(ratiosCopied), agree],
        [ds.name, `batched (${ds.queryCount})`, median(oursB).toFixed(1), median(theirsB).toFixed(1), spread(ratiosB), agree],
      ];
    } finally {
      peer.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const only = process.env['EMBEDKIT_BENCH_DATASET'];
const out: (string | number)[][] = [['dataset', 'queries', 'embedkit q/s (matrix read)', 'numpy q/s (matrix read)', `ratio: median (range) of ${ROUNDS} rounds`, 'top-10 agreement']];
if (only !== 'glove') out.push(...(await bench(clusteredSynthetic())));
if (only !== 'synthetic') out.push(...(await bench(await gloveWords())));
console.log(table(out));
