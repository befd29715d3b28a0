/**
 * TTE depth on real corpora: STS Benchmark test sentences (F) vs SICK test sentences (G), glove-100d mean
 * pooling; a control with two random halves of STS-B; the most central and most outlying STS-B sentences.
 * Every depth is cross-checked against numpy/scipy (tte_depth's formula: scipy cdist, ranksums) on the same
 * embedded matrices. Usage: node dist/bench/experiments/depth-sts-sick.js [DATA_DIR]   (numbers in docs/depth.md)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareDepths } from '../../src/analysis/depth/depth-comparison.js';
import { corpusDepths } from '../../src/analysis/depth/tte-depth.js';
import { zeroRows } from '../../src/analysis/depth/unit-rows.js';
import { seededRandom, shuffle } from '../../src/learn/random.js';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import { encodeNpy } from '../../src/io/npy.js';
import type { Matrix } from '../../src/math/matrix.js';
import { dataDir, runNumpy } from '../util.js';

const root = process.argv[2] ?? dataDir();
const unique = (xs: string[]): string[] => [...new Set(xs.map((s) => s.trim()).filter((s) => s.length > 0))];
const stsb = unique(readFileSync(join(root, 'sts-benchmark', 'sts-test.csv'), 'utf8').split('\n').flatMap((l) => l.split('\t').slice(5, 7)));
const sickLines = readFileSync(join(root, 'sts-sick', 'SICK_test_annotated.txt'), 'utf8').split('\n').slice(1);
const sick = unique(sickLines.flatMap((l) => l.split('\t').slice(1, 3)));

const embedder = await createEmbedder('glove-100d');
async function embed(texts: string[]): Promise<{ m: Matrix; texts: string[] }> {
  const m = await embedder.embed(texts);
  const zero = new Set(zeroRows(m));
  const keep = texts.map((_, i) => i).filter((i) => !zero.has(i));
  const data = new Float32Array(keep.length * m.dim);
  keep.forEach((r, i) => data.set(m.data.subarray(r * m.dim, (r + 1) * m.dim), i * m.dim));
  return { m: { data, rows: keep.length, dim: m.dim }, texts: keep.map((i) => texts[i]!) };
}
const F = await embed(stsb);
const G = await embed(sick);
const order = shuffle(F.texts.map((_, i) => i), seededRandom(7));
const half = (rows: number[]): Matrix => {
  const data = new Float32Array(rows.length * F.m.dim);
  rows.forEach((r, i) => data.set(F.m.data.subarray(r * F.m.dim, (r + 1) * F.m.dim), i * F.m.dim));
  return { data, rows: rows.length, dim: F.m.dim };
};
const A = half(order.slice(0, order.length >> 1));
const B = half(order.slice(order.length >> 1));

const dir = mkdtempSync(join(tmpdir(), 'embedkit-depth-'));
const py = `
import sys, json, numpy as np
from scipy.spatial.distance import cdist
from scipy.stats import ranksums, rankdata
F = np.load(sys.argv[1]).astype(np.float64); G = np.load(sys.argv[2]).astype(np.float64); dist = sys.argv[3]
def d(a, b):
    c = cdist(a, b, 'cosine')
    return c if dist == 'cosine' else np.sqrt(np.clip(2 * c, 0, None))
DFF = d(F, F); np.fill_diagonal(DFF, 0.0)
df = 2 - DFF.sum(1) / (len(F) - 1); dg = 2 - d(F, G).mean(0)
t = ranksums(df, dg, alternative='greater')
q = float(np.mean([np.mean(df <= y) for y in dg]))
print(json.dumps({'df': df.tolist(), 'dg': dg.tolist(), 'w': float(t.statistic), 'p': float(t.pvalue), 'q': q}))
`;
const results: Record<string, unknown> = { F: `STS-B test sentences (${F.m.rows} unique, ${stsb.length - F.m.rows} without a known word)`, G: `SICK test sentences (${G.m.rows} unique)` };
for (const [name, f, g] of [['STS-B vs SICK', F.m, G.m], ['SICK vs STS-B', G.m, F.m], ['STS-B half vs STS-B half (control)', A, B]] as const) {
  writeFileSync(join(dir, 'f.npy'), encodeNpy(f));
  writeFileSync(join(dir, 'g.npy'), encodeNpy(g));
  for (const distance of ['cosine', 'chord'] as const) {
    const t0 = performance.now();
    const c = compareDepths(f, g, { distance });
    const ms = performance.now() - t0;
    const ref = JSON.parse(runNumpy(py, [join(dir, 'f.npy'), join(dir, 'g.npy'), distance])) as { df: number[]; dg: number[]; w: number; p: number; q: number };
    let maxDiff = 0;
    ref.df.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - c.depthF[i]!))));
    ref.dg.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - c.depthG[i]!))));
    results[`${name}, ${distance}`] = {
      meanDepthF: +c.meanDepthF.toFixed(4), meanDepthG: +c.meanDepthG.toFixed(4), q: +c.q.toFixed(4), qPooled: +c.qPooled.toFixed(4),
      w: +c.w.toFixed(3), p: c.p, ms: Math.round(ms),
      numpy: { w: +ref.w.toFixed(3), p: ref.p, q: +ref.q.toFixed(4), maxAbsDepthDiff: maxDiff },
    };
  }
}
rmSync(dir, { recursive: true, force: true });
const ranking = corpusDepths(F.m);
results['most central STS-B sentences'] = Array.from(ranking.order.subarray(0, 3), (r) => `${ranking.depths[r]!.toFixed(4)} ${F.texts[r]}`);
results['most outlying STS-B sentences'] = Array.from(ranking.order.subarray(-3), (r) => `${ranking.depths[r]!.toFixed(4)} ${F.texts[r]}`);
console.log(JSON.stringify(results, null, 1));
await embedder.dispose();
