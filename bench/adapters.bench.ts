/**
 * Adapter training and encode-time cost.
 * - Training: one epoch of a linear adapter with MNRL (in-batch negatives, scale 20, batch 64, Adam) on
 *   4,096 synthetic pairs at 100 and 384 dims (glove-100d's and MiniLM's widths): embedkit's hand-written
 *   float64 gradients vs the same step written in numpy (float64, vectorized, BLAS) in the same run;
 *   examples/s and the ratio (> 1: embedkit is faster).
 * - Encode cost: glove-100d on 2,000 STS-B sentences and minilm-l6 on 300, without and with a trained-size
 *   linear adapter (a random one: the cost does not depend on the weights); warmed up, best of 5 interleaved
 *   rounds each, the adapter's share.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmbedder } from '../src/embedders/create-embedder.js';
import type { Embedder } from '../src/embedders/embedder.js';
import { LinearMap } from '../src/embedders/transforms/linear-map.js';
import { TransformedEmbedder } from '../src/embedders/transforms/transformed-embedder.js';
import { gaussianRandom, seededRandom } from '../src/learn/random.js';
import { trainAdapter } from '../src/train/adapters/train-adapter.js';
import { dataDir, runNumpy, table } from './util.js';

// One BLAS thread: the trainer runs on one thread too, and on the shared 2-core machine numpy with two
// threads was 3.5× slower than with one (thread contention).
process.env['OPENBLAS_NUM_THREADS'] = '1';
const N = 4096;
const BATCH = 64;

const NUMPY_STEP = `
import sys, time, numpy as np
n, d, batch = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(0)
xa = rng.normal(size=(n, d)); xb = xa + 0.5 * rng.normal(size=(n, d))
D = np.zeros((d, d)); b = np.zeros(d)
m = [np.zeros_like(D), np.zeros_like(b)]; v = [np.zeros_like(D), np.zeros_like(b)]
lr, b1, b2, eps, scale = 1e-3, 0.9, 0.999, 1e-8, 20.0
t0 = time.perf_counter(); t = 0
for s in list(range(0, n - batch + 1, batch)) * 3:
    A = xa[s:s+batch]; B = xb[s:s+batch]
    ya = A + A @ D + b; yb = B + B @ D + b
    na = np.linalg.norm(ya, axis=1, keepdims=True); nb = np.linalg.norm(yb, axis=1, keepdims=True)
    ua = ya / na; ub = yb / nb
    S = scale * ua @ ub.T
    P = np.exp(S - S.max(axis=1, keepdims=True)); P /= P.sum(axis=1, keepdims=True)
    dS = (P - np.eye(batch)) * scale / batch
    dua = dS @ ub; dub = dS.T @ ua
    dya = (dua - np.sum(dua * ua, axis=1, keepdims=True) * ua) / na
    dyb = (dub - np.sum(dub * ub, axis=1, keepdims=True) * ub) / nb
    gD = A.T @ dya + B.T @ dyb; gb = dya.sum(0) + dyb.sum(0)
    t += 1
    for i, (p, g) in enumerate(((D, gD), (b, gb))):
        m[i] = b1 * m[i] + (1 - b1) * g; v[i] = b2 * v[i] + (1 - b2) * g * g
        p -= lr * (m[i] / (1 - b1 ** t)) / (np.sqrt(v[i] / (1 - b2 ** t)) + eps)
print(3 * (n // batch) * batch / (time.perf_counter() - t0))
`;

function pairs(d: number): { a: Float32Array; b: Float32Array } {
  const g = gaussianRandom(seededRandom(1));
  const a = Float32Array.from({ length: N * d }, () => g());
  const b = a.map((x) => x + 0.5 * g());
  return { a, b };
}

const rows: (string | number)[][] = [['training (linear, MNRL, batch 64)', 'embedkit ex/s', 'numpy ex/s', 'ratio']];
for (const d of [100, 384]) {
  const { a, b } = pairs(d);
  const dev = { anchors: { data: a.slice(0, 2 * d), rows: 2, dim: d }, positives: { data: b.slice(0, 2 * d), rows: 2, dim: d } };
  const run = (): number => trainAdapter({ anchors: { data: a, rows: N, dim: d }, positives: { data: b, rows: N, dim: d } }, { loss: 'mnrl', shape: { kind: 'linear', dim: d, width: 0 }, epochs: 1, batchSize: BATCH }, dev).seconds;
  run(); // JIT warm-up
  const ours = N / Math.min(run(), run());
  const numpy = Number(runNumpy(NUMPY_STEP, [String(N), String(d), String(BATCH)]).trim());
  rows.push([`${d} dims`, Math.round(ours), Math.round(numpy), ours / numpy]);
}
console.log(table(rows));

async function best(e: Embedder, texts: readonly string[], rounds = 3): Promise<number> {
  let t = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await e.embed(texts);
    t = Math.min(t, performance.now() - t0);
  }
  return t;
}

const lines = readFileSync(join(dataDir(), 'sts-benchmark', 'sts-test.csv'), 'utf8').split('\n').map((l) => l.split('\t')[5] ?? '').filter((s) => s.length > 0);
const enc: (string | number)[][] = [['encode', 'sentences', 'ms encode', 'ms adapter', 'adapter share', 'ms encode + adapter (end to end)']];
for (const [name, count] of [['glove-100d', 2000], ['minilm-l6', 300]] as const) {
  const base = await createEmbedder(name);
  const g = gaussianRandom(seededRandom(2));
  const w = Float32Array.from({ length: base.dim * base.dim }, (_, i) => (i % (base.dim + 1) === 0 ? 1 : 0) + 0.01 * g());
  const map = new LinearMap({ method: 'trained', w, inputDim: base.dim, outputDim: base.dim, bias: new Float32Array(base.dim) });
  const adapted = new TransformedEmbedder(base, [map]);
  const texts = lines.slice(0, count);
  await best(base, texts, 1);
  await best(adapted, texts, 1);
  let plain = Infinity;
  let endToEnd = Infinity;
  for (let i = 0; i < 5; i++) {
    plain = Math.min(plain, await best(base, texts, 1));
    endToEnd = Math.min(endToEnd, await best(adapted, texts, 1));
  }
  // The adapter alone on the encoder's output (what the end-to-end difference is made of, without its noise).
  const m = await base.embed(texts);
  let apply = Infinity;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    map.apply(m);
    apply = Math.min(apply, performance.now() - t0);
  }
  enc.push([name, count, plain, apply, `${((apply / plain) * 100).toFixed(1)}%`, endToEnd]);
  await base.dispose();
}
console.log(table(enc));
