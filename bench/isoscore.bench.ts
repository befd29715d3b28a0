/**
 * IsoScore on the whole glove-100d vocabulary (341,479 × 100), embedkit vs numpy in the same run on the
 * same matrix. numpy follows the reference steps (scikit-learn's PCA written out: centre, SVD, project,
 * `np.cov` of the projections, then the normalisation and defect formulas); embedkit accumulates the
 * covariance once and takes uᵀCu per eigenvector. Also times the full isotropy report (IsoScore, I(W),
 * exact mean cosine) for reference. Prints seconds, the ratio (numpy / ours) and both scores.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoScore } from '../src/analysis/isotropy/iso-score.js';
import { measureIsotropy, vocabularyMatrix } from '../src/analysis/isotropy/measure-isotropy.js';
import { encodeNpy } from '../src/io/npy.js';
import { loadVectors } from '../src/vectors/load.js';
import { runNumpy, table } from './util.js';

const kv = await loadVectors('glove-100d');
const m = vocabularyMatrix(kv);
isoScore(vocabularyMatrix(kv, 1000)); // warm-up
const runs = 3;
const ours: number[] = [];
let score = 0;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  score = isoScore(m).score;
  ours.push((performance.now() - t) / 1000);
}
let t = performance.now();
const report = measureIsotropy(m);
const tReport = (performance.now() - t) / 1000;

const dir = mkdtempSync(join(tmpdir(), 'embedkit-bench-'));
writeFileSync(join(dir, 'x.npy'), encodeNpy(m));
const py = `
import sys, time, json, numpy as np
P = np.load(sys.argv[1]).astype(np.float64)
def isoscore(points):  # points: (n dims, m points), the reference's layout
    n = points.shape[0]
    X = points.T
    Xc = X - X.mean(0)
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)
    rotated = (Xc @ Vt.T).T
    cov_diag = np.cov(rotated)[np.diag_indices(n)]
    normalized = cov_diag * np.sqrt(n) / np.linalg.norm(cov_diag)
    defect = np.linalg.norm(normalized - np.ones(n)) / np.sqrt(2 * (n - np.sqrt(n)))
    return ((n - defect ** 2 * (n - np.sqrt(n))) ** 2 - n) / (n * (n - 1))
times = []
for _ in range(${runs}):
    t = time.perf_counter(); s = isoscore(P.T); times.append(time.perf_counter() - t)
print(json.dumps({'times': times, 'score': float(s)}))
`;
const np = JSON.parse(runNumpy(py, [join(dir, 'x.npy')])) as { times: number[]; score: number };
rmSync(dir, { recursive: true, force: true });
const best = (xs: number[]): number => Math.min(...xs);
console.log(
  table([
    ['341,479 × 100 (best of 3)', 'embedkit s', 'numpy s', 'ratio (numpy/ours)'],
    ['IsoScore', best(ours), best(np.times), best(np.times) / best(ours)],
  ]),
);
console.log(`IsoScore embedkit ${score.toFixed(12)}, numpy ${np.score.toFixed(12)} (|Δ| ${Math.abs(score - np.score).toExponential(2)})`);
console.log(`full report (IsoScore + I(W) + exact mean cosine): ${tReport.toFixed(2)} s — ${JSON.stringify({ isoScore: report.isoScore, partitionRatio: report.partitionRatio, meanCosine: report.meanCosine })}`);
