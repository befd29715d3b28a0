/**
 * Direction-removal report (docs/directions.md) on `--model` (default glove-100d):
 * - the concept: gender. Probe data (after Ravfogel et al. 2020): among the 50,000 most frequent words,
 *   the 1,500 with the highest and the 1,500 with the lowest cos(w, he − she) (two classes);
 * - methods: projecting out the debiaswe gender direction (1 component, definitional pairs), the span of
 *   the first 3 components, INLP (10 and 30 rounds) on the probe data, and hard debias for comparison;
 * - measured: WEAT 6–8 effect sizes, held-out accuracy of a fresh linear probe (logistic regression,
 *   seeded 70/30 split, not the split INLP trained on), word similarity / analogy, and STS Benchmark /
 *   SICK-R through the encode-time transform (`TransformedEmbedder`, static mean pooling).
 *   node dist/bench/reports/directions.js [--model glove-100d] [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { loadDebiasweLists } from '../../src/analysis/bias/debiaswe-lists.js';
import { hardDebias } from '../../src/analysis/bias/hard-debias.js';
import { weat } from '../../src/analysis/bias/weat.js';
import { loadWeatTest } from '../../src/analysis/bias/word-sets.js';
import { inlp } from '../../src/analysis/directions/inlp.js';
import { projectOutVectors } from '../../src/analysis/directions/project-out.js';
import { ProjectOutTransform } from '../../src/embedders/transforms/project-out.js';
import { subspaceFromSets, type Subspace } from '../../src/analysis/directions/subspace.js';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { TransformedEmbedder } from '../../src/embedders/transforms/transformed-embedder.js';
import type { VectorTransform } from '../../src/embedders/transforms/vector-transform.js';
import { evaluateTasks } from '../../src/eval/evaluate.js';
import { fitLogisticRegression, predictLogistic } from '../../src/learn/logistic-regression.js';
import { seededRandom, shuffle } from '../../src/learn/random.js';
import { findTask } from '../../src/eval/tasks.js';
import type { Matrix } from '../../src/math/matrix.js';
import type { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { loadVectors } from '../../src/vectors/load.js';
import { dataDir, flags, fmt, markdown, wordScores, WORD_SIM_TASKS } from './common.js';

const f = flags();
const model = f.get('model') ?? 'glove-100d';
const kv = await loadVectors(model);
const data = dataDir();
const lists = loadDebiasweLists(data);

// probe words: extremes of cos(w, he − she) among the 50,000 most frequent words
const he = kv.get('he')!;
const she = kv.get('she')!;
const diff = Float64Array.from(he, (v, j) => v - she[j]!);
const limit = Math.min(50_000, kv.size);
const scored: [number, number][] = [];
const norms = kv.norms();
for (let i = 0; i < limit; i++) {
  let d = 0;
  for (let j = 0; j < kv.dim; j++) d += kv.vectors[i * kv.dim + j]! * diff[j]!;
  scored.push([norms[i]! > 0 ? d / norms[i]! : 0, i]);
}
scored.sort((a, b) => b[0] - a[0]);
const N = 1500;
const rows = [...scored.slice(0, N).map((s) => s[1]), ...scored.slice(-N).map((s) => s[1])];
const labels = Int32Array.from(rows, (_, k) => (k < N ? 0 : 1));
const pick = (v: KeyedVectors, idx: readonly number[]): Matrix => {
  const out = new Float32Array(idx.length * v.dim);
  idx.forEach((r, k) => out.set(v.vectors.subarray(r * v.dim, (r + 1) * v.dim), k * v.dim));
  return { data: out, rows: idx.length, dim: v.dim };
};
/** A fresh probe: seeded 70/30 split (seed 99, unlike INLP's), logistic regression, held-out accuracy. */
function probe(v: KeyedVectors): number {
  const order = shuffle(Array.from({ length: rows.length }, (_, k) => k), seededRandom(99));
  const cut = Math.round(rows.length * 0.7);
  const tr = order.slice(0, cut);
  const te = order.slice(cut);
  const m = fitLogisticRegression(pick(v, tr.map((k) => rows[k]!)), Int32Array.from(tr, (k) => labels[k]!), 2);
  const pred = predictLogistic(m, pick(v, te.map((k) => rows[k]!)));
  let ok = 0;
  te.forEach((k, i) => (ok += pred[i] === labels[k] ? 1 : 0));
  return ok / te.length;
}

const methods: { name: string; vectors: KeyedVectors; transform?: VectorTransform; note: string }[] = [{ name: 'original', vectors: kv, note: '' }];
const dir1: Subspace = subspaceFromSets(kv, lists.definitional.map((p) => [...p]), 1);
const dir3: Subspace = subspaceFromSets(kv, lists.definitional.map((p) => [...p]), 3);
for (const [name, s] of [['project out g (1 direction)', dir1], ['project out 3 PCA directions', dir3]] as const) {
  const t = new ProjectOutTransform(s);
  methods.push({ name, vectors: projectOutVectors(kv, s), transform: t, note: `${s.count} dims removed` });
}
const inlpRounds: Record<string, unknown> = {};
for (const iterations of [10, 30]) {
  const t0 = performance.now();
  const r = inlp(pick(kv, rows), labels, { iterations, seed: 1 });
  const seconds = (performance.now() - t0) / 1000;
  inlpRounds[iterations] = { rounds: r.rounds, seconds };
  methods.push({ name: `INLP, ${iterations} rounds`, vectors: projectOutVectors(kv, r), transform: r.transform, note: `${r.removed} dims removed in ${seconds.toFixed(1)} s; last round held-out accuracy ${r.rounds.at(-1)!.testAccuracy.toFixed(3)}` });
}
methods.push({ name: 'hard debias', vectors: hardDebias(kv, lists).vectors, note: 'neutralize + equalize (not a projection of every word)' });

const sts = ['STSBenchmark', 'SICK-R'];
const wordTasks = [...WORD_SIM_TASKS, 'GoogleAnalogy'];
const results: Record<string, Record<string, number | string>> = {};
for (const m of methods) {
  const r: Record<string, number | string> = { note: m.note, probe: probe(m.vectors) };
  for (const t of ['weat6', 'weat7', 'weat8']) r[t] = weat(m.vectors, loadWeatTest(t, { dataDir: data }), { pValue: false }).effectSize;
  Object.assign(r, await wordScores(m.vectors, wordTasks));
  const base = new StaticEmbedder(kv, { model });
  const embedder = m.transform !== undefined ? new TransformedEmbedder(base, [m.transform]) : new StaticEmbedder(m.vectors, { model: m.name });
  for (const res of await evaluateTasks(sts.map((t) => findTask(t)), { embedder }, { dataDir: data, warn: () => {} })) r[res.task] = res.mainScore ?? NaN;
  results[m.name] = r;
  process.stderr.write(`${m.name}: done\n`);
}
const names = methods.map((m) => m.name);
const cols = ['probe', 'weat6', 'weat7', 'weat8', ...wordTasks, ...sts];
const label: Record<string, string> = { probe: 'gender probe accuracy (held out)', weat6: 'WEAT 6 effect size', weat7: 'WEAT 7 effect size', weat8: 'WEAT 8 effect size' };
console.log(`### ${model}: gender removal — probe on ${2 * N} words (${N} most he-like, ${N} most she-like of the 50,000 most frequent)\n`);
console.log(markdown(['measure', ...names], cols.map((c) => [label[c] ?? `${c} (${c === 'GoogleAnalogy' ? 'accuracy' : 'Spearman'})`, ...names.map((n) => fmt(results[n]![c] as number, c.startsWith('weat') ? 3 : 4))])));
console.log(`\n${methods.filter((m) => m.note !== '').map((m) => `${m.name}: ${m.note}`).join('; ')}.`);
const out = f.get('json');
if (out !== undefined) writeFileSync(out, JSON.stringify({ model, results, inlp: inlpRounds }, null, 1));
