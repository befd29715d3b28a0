/**
 * TTE depth of n = 10,000 texts (STS Benchmark + SICK sentences, glove-100d mean pooling; the embedding pass
 * is not timed) against numpy in the same run, on the same matrix:
 *  - cosine distance: ours (exact, linear: x̂ · Σĥ) vs numpy the way tte_depth computes it (scipy cdist,
 *    an n × n matrix) and vs numpy with our linear formula;
 *  - chord distance: ours (all pairs on the WebAssembly SIMD kernel, float32) vs numpy (cdist, float64).
 * Depths are cross-checked (max |difference|).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDepths } from '../src/analysis/depth/tte-depth.js';
import { zeroRows } from '../src/analysis/depth/unit-rows.js';
import { createEmbedder } from '../src/embedders/create-embedder.js';
import { encodeNpy } from '../src/io/npy.js';
import { dataDir, median, runNumpy, table } from './util.js';

const N = 10_000;
const root = dataDir();
const sentences = new Set<string>();
for (const f of ['sts-train.csv', 'sts-dev.csv', 'sts-test.csv']) for (const l of readFileSync(join(root, 'sts-benchmark', f), 'utf8').split('\n')) for (const s of l.split('\t').slice(5, 7)) sentences.add(s.trim());
for (const l of readFileSync(join(root, 'sts-sick', 'SICK.txt'), 'utf8').split('\n').slice(1)) for (const s of l.split('\t').slice(1, 3)) sentences.add(s.trim());
const embedder = await createEmbedder('glove-100d');
const all = await embedder.embed([...sentences].filter((s) => s.length > 0));
const zero = new Set(zeroRows(all));
const data = new Float32Array(N * all.dim);
for (let r = 0, i = 0; i < N; r++) if (!zero.has(r)) data.set(all.data.subarray(r * all.dim, (r + 1) * all.dim), i++ * all.dim);
const m = { data, rows: N, dim: all.dim };

function time(f: () => Float64Array, reps: number): { ms: number; out: Float64Array } {
  let out = f();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    out = f();
    t.push(performance.now() - t0);
  }
  return { ms: median(t), out };
}
const cos = time(() => corpusDepths(m).depths, 15);
const chord = time(() => corpusDepths(m, { distance: 'chord' }).depths, 1);

const dir = mkdtempSync(join(tmpdir(), 'embedkit-bench-'));
writeFileSync(join(dir, 'x.npy'), encodeNpy(m));
writeFileSync(join(dir, 'cos.bin'), Buffer.from(cos.out.buffer));
writeFileSync(join(dir, 'chord.bin'), Buffer.from(chord.out.buffer));
const py = `
import sys, time, json, numpy as np
from scipy.spatial.distance import cdist
X = np.load(sys.argv[1]).astype(np.float64); n = len(X)
ours_cos = np.fromfile(sys.argv[2]); ours_chord = np.fromfile(sys.argv[3])
def best(f, reps):
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); out = f(); ts.append(time.perf_counter() - t)
    return sorted(ts)[len(ts) // 2] * 1000, out
def tte_cos():
    D = cdist(X, X, 'cosine')
    return 2 - (D.sum(1) - np.diag(D)) / (n - 1)
def linear_cos():
    U = X / np.linalg.norm(X, axis=1, keepdims=True)
    return 1 + (U @ U.sum(0) - (U * U).sum(1)) / (n - 1)
def tte_chord():
    D = np.sqrt(np.clip(2 * cdist(X, X, 'cosine'), 0, None)); np.fill_diagonal(D, 0)
    return 2 - D.sum(1) / (n - 1)
a_ms, a = best(tte_cos, 1); b_ms, b = best(linear_cos, 15); c_ms, c = best(tte_chord, 1)
print(json.dumps({'cdist_cos': a_ms, 'linear_cos': b_ms, 'cdist_chord': c_ms,
  'diff_cos': float(np.max(np.abs(a - ours_cos))), 'diff_linear': float(np.max(np.abs(b - ours_cos))), 'diff_chord': float(np.max(np.abs(c - ours_chord)))}))
`;
const np = JSON.parse(runNumpy(py, [join(dir, 'x.npy'), join(dir, 'cos.bin'), join(dir, 'chord.bin')])) as Record<string, number>;
rmSync(dir, { recursive: true, force: true });
console.log(
  table([
    [`depth of ${N.toLocaleString('en-US')} texts × ${m.dim}`, 'embedkit ms', 'numpy ms', 'speed-up (numpy/ours)', 'max |Δdepth|'],
    ['cosine: ours linear vs tte_depth (cdist n×n)', cos.ms, np['cdist_cos']!, np['cdist_cos']! / cos.ms, np['diff_cos']!.toExponential(1)],
    ['cosine: ours linear vs numpy linear', cos.ms, np['linear_cos']!, np['linear_cos']! / cos.ms, np['diff_linear']!.toExponential(1)],
    ['chord: all pairs, SIMD f32 vs cdist f64', chord.ms, np['cdist_chord']!, np['cdist_chord']! / chord.ms, np['diff_chord']!.toExponential(1)],
  ]),
);
await embedder.dispose();
