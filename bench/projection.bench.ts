/**
 * Projections of glove-100d words (unit rows) in the same run as the Python peers:
 *  - PCA to 2-D of the 10,000 most frequent words: ours (scatter matrix + ml-matrix eigensolver) vs numpy
 *    (SVD of the centred matrix) and scikit-learn's PCA (when /usr/bin/python3 has sklearn);
 *  - t-SNE of 1,000 words: ours (druidjs, exact gradient, 1,000 iterations) vs scikit-learn (exact and
 *    Barnes-Hut, 1,000 iterations), with the trustworthiness (k = 5) of each;
 *  - UMAP of 1,000 and 5,000 words (umap-js; no Python peer installed here).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectVectors } from '../src/analysis/projection/project.js';
import { trustworthiness } from '../src/analysis/projection/trustworthiness.js';
import { vocabularySample } from '../src/analysis/projection/vocabulary-sample.js';
import { encodeNpy } from '../src/io/npy.js';
import { normalizeRows } from '../src/math/kernels.js';
import type { Matrix } from '../src/math/matrix.js';
import { loadVectors } from '../src/vectors/load.js';
import { median, runNumpy, table } from './util.js';

const kv = await loadVectors('glove-100d');
const unit = (m: Matrix): Matrix => ({ data: normalizeRows(m.data, m.dim), rows: m.rows, dim: m.dim });
const big = unit(vocabularySample(kv, { count: 10_000 }).matrix);
const small = unit(vocabularySample(kv, { count: 1_000, from: 20_000, seed: 1 }).matrix);
const mid = unit(vocabularySample(kv, { count: 5_000, from: 20_000, seed: 2 }).matrix);

const timeIt = <T>(f: () => T, reps: number): { ms: number; out: T } => {
  let out = f();
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    out = f();
    ts.push(performance.now() - t0);
  }
  return { ms: median(ts), out };
};
const pcaOurs = timeIt(() => projectVectors(big, { method: 'pca', normalize: false }), 3);
const t0 = performance.now();
const tsne = projectVectors(small, { method: 'tsne', normalize: false });
const tsneMs = performance.now() - t0;
const tsneT = trustworthiness(small, tsne.coords, 2, 5);
const umapRuns = [small, mid].map((m) => {
  const t = performance.now();
  const p = projectVectors(m, { method: 'umap', normalize: false });
  return { n: m.rows, ms: performance.now() - t, t: m.rows <= 1000 ? trustworthiness(m, p.coords, 2, 5) : NaN };
});

const dir = mkdtempSync(join(tmpdir(), 'embedkit-bench-'));
writeFileSync(join(dir, 'big.npy'), encodeNpy(big));
writeFileSync(join(dir, 'small.npy'), encodeNpy(small));
const numpyPca = JSON.parse(
  runNumpy(
    `
import sys, time, json, numpy as np
X = np.load(sys.argv[1]).astype(np.float64)
ts = []
for _ in range(3):
    t = time.perf_counter(); C = X - X.mean(0); U, S, Vt = np.linalg.svd(C, full_matrices=False); Y = C @ Vt[:2].T; ts.append(time.perf_counter() - t)
print(json.dumps({'ms': sorted(ts)[1] * 1000, 'ratio': (S[:2] ** 2 / (S ** 2).sum()).tolist()}))
`,
    [join(dir, 'big.npy')],
  ),
) as { ms: number; ratio: number[] };
const sk = spawnSync(
  '/usr/bin/python3',
  [
    '-c',
    `
import sys, time, json, numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness
X = np.load(sys.argv[1]).astype(np.float64); S = np.load(sys.argv[2]).astype(np.float64)
ts = []
for _ in range(3):
    t = time.perf_counter(); PCA(n_components=2).fit_transform(X); ts.append(time.perf_counter() - t)
out = {'pca': sorted(ts)[1] * 1000}
for method in ('exact', 'barnes_hut'):
    t = time.perf_counter(); Y = TSNE(n_components=2, perplexity=30, method=method, random_state=0, init='random', learning_rate='auto', n_iter=1000).fit_transform(S)
    out[method] = {'ms': (time.perf_counter() - t) * 1000, 't': float(trustworthiness(S, Y, n_neighbors=5))}
print(json.dumps(out))
`,
    join(dir, 'big.npy'),
    join(dir, 'small.npy'),
  ],
  { encoding: 'utf8', env: { ...process.env, OPENBLAS_CORETYPE: '', OPENBLAS_L2_SIZE: '' } },
);
rmSync(dir, { recursive: true, force: true });
const sklearn = sk.status === 0 ? (JSON.parse(sk.stdout) as { pca: number; exact: { ms: number; t: number }; barnes_hut: { ms: number; t: number } }) : undefined;
if (sklearn === undefined) console.log(`(scikit-learn peer unavailable: ${sk.stderr.trim().split('\n').pop() ?? ''})`);
const fmt = (x: number | undefined): string | number => (x === undefined || Number.isNaN(x) ? '–' : x);
console.log(
  table([
    ['projection', 'embedkit ms', 'peer', 'peer ms', 'ratio (peer/ours)', 'trust. ours', 'trust. peer'],
    ['PCA 10,000 × 100 → 2', pcaOurs.ms, 'numpy SVD', numpyPca.ms, numpyPca.ms / pcaOurs.ms, '–', '–'],
    ['PCA 10,000 × 100 → 2', pcaOurs.ms, 'sklearn PCA', fmt(sklearn?.pca), sklearn === undefined ? '–' : sklearn.pca / pcaOurs.ms, '–', '–'],
    ['t-SNE 1,000 (exact)', tsneMs, 'sklearn exact', fmt(sklearn?.exact.ms), sklearn === undefined ? '–' : sklearn.exact.ms / tsneMs, tsneT, fmt(sklearn?.exact.t)],
    ['t-SNE 1,000 (exact)', tsneMs, 'sklearn Barnes-Hut', fmt(sklearn?.barnes_hut.ms), sklearn === undefined ? '–' : sklearn.barnes_hut.ms / tsneMs, tsneT, fmt(sklearn?.barnes_hut.t)],
    ...umapRuns.map((u) => [`UMAP ${u.n.toLocaleString('en-US')}`, u.ms, '(no peer)', '–', '–', fmt(u.t), '–']),
  ]),
);
const ours = pcaOurs.out.explainedVarianceRatio!;
console.log(`explained variance ratio: ours ${Array.from(ours, (v) => v.toFixed(6)).join(', ')}; numpy ${numpyPca.ratio.map((v) => v.toFixed(6)).join(', ')}`);
