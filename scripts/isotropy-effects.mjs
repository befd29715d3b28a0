#!/usr/bin/env node
/**
 * The effect of centring, all-but-the-top and whitening on word-similarity and STS scores, for any model:
 * a Markdown table (or JSON with --json) of each task's main score (Spearman × 100) per transform, and
 * the isotropy of what each transform was fitted on. Transforms are fitted on
 *   vocab  — the model's vocabulary (static models; the first --vocab-limit rows, default all), then applied
 *            to word vectors (word tasks) and to mean-pooled sentence vectors (= pooling the transformed
 *            words, the transforms being affine) — Mu & Viswanath's setting;
 *   target — each STS task's own sentences (BERT-whitening's "target" setting; Su et al. 2021).
 * Usage (after `npm run build`):
 *   node scripts/isotropy-effects.mjs [--model glove-100d|PATH|ONNX_FOLDER] [--data-dir DIR] [--vocab-limit N] [--json]
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createEmbedder, evaluateTasks, findTask, loadTask, KeyedVectors, TransformedEmbedder,
  fitCenter, fitAbtt, fitWhitening, defaultAbttComponents, measureIsotropy, vocabularyMatrix,
} from '../dist/src/index.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'glove-100d' },
    'data-dir': { type: 'string', default: process.env.EMBEDKIT_DATA_DIR ?? resolve(root, '..', 'shared', 'data') },
    'vocab-limit': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const dataDir = values['data-dir'];
const warn = (m) => process.stderr.write(`warning: ${m}\n`);
const base = await createEmbedder(values.model);
const kv = base.vectors;
const dim = base.dim;
const D = defaultAbttComponents(dim);
const half = Math.max(1, Math.floor(dim / 2));
const WORD = ['WS353', 'MEN', 'RG65', 'MTurk771'].map(findTask);
const STS = ['STSBenchmark', 'SICK-R'].map(findTask);

const kinds = [
  { name: 'none', fit: null },
  { name: 'center', fit: (m) => fitCenter(m) },
  { name: `abtt D=${D}`, fit: (m) => fitAbtt(m, { components: D }) },
  { name: `abtt D=${3 * D}`, fit: (m) => fitAbtt(m, { components: 3 * D }) },
  { name: `abtt D=${D} centered`, fit: (m) => fitAbtt(m, { components: D, variant: 'centered' }) },
  { name: `whiten k=${dim}`, fit: (m) => fitWhitening(m) },
  { name: `whiten k=${half}`, fit: (m) => fitWhitening(m, { dims: half }) },
];

async function score(task, embedder, vectors) {
  const [r] = await evaluateTasks([task], { embedder, ...(vectors !== undefined ? { vectors } : {}) }, { dataDir, warn, skipUnsupported: true });
  return r?.mainScore == null ? null : r.mainScore * 100;
}

const rows = [];
const vocab = kv !== undefined ? vocabularyMatrix(kv, values['vocab-limit'] !== undefined ? Number(values['vocab-limit']) : undefined) : undefined;
// fit set: vocabulary
for (const k of kinds) {
  if (k.fit !== null && vocab === undefined) continue;
  const t = k.fit === null ? null : k.fit(vocab);
  const embedder = t === null ? base : new TransformedEmbedder(base, [t]);
  const vectors = kv === undefined ? undefined : t === null ? kv : new KeyedVectors(kv.keys, t.apply(kv.matrix).data, t.outputDim);
  const scores = {};
  for (const task of [...WORD, ...STS]) scores[task.name] = await score(task, embedder, vectors);
  const iso = vocab === undefined ? null : measureIsotropy(t === null ? vocab : t.apply(vocab));
  rows.push({ transform: k.name, fit: k.fit === null ? '—' : 'vocab', scores, isotropy: iso && { isoScore: iso.isoScore, partitionRatio: iso.partitionRatio, meanCosine: iso.meanCosine } });
  process.stderr.write(`${k.name} (vocab) done\n`);
}
// fit set: each STS task's own sentences
for (const k of kinds.filter((x) => x.fit !== null)) {
  const scores = {};
  for (const task of STS) {
    const loaded = await loadTask(task, { dataDir, warn });
    const texts = [...new Set([...loaded.data.data.s1, ...loaded.data.data.s2])];
    const fitSet = await base.embed(texts);
    scores[task.name] = await score(task, new TransformedEmbedder(base, [k.fit(fitSet)]), undefined);
  }
  rows.push({ transform: k.name, fit: 'target', scores, isotropy: null });
  process.stderr.write(`${k.name} (target) done\n`);
}
await base.dispose();

if (values.json) {
  console.log(JSON.stringify({ model: values.model, dim, rows }, null, 2));
} else {
  const names = [...WORD, ...STS].map((t) => t.name);
  const f = (v) => (v == null ? '—' : v.toFixed(2));
  console.log(`| transform | fitted on | ${names.join(' | ')} | IsoScore | I(W) | mean cos |`);
  console.log(`|---|---|${names.map(() => '---:').join('|')}|---:|---:|---:|`);
  for (const r of rows) {
    const iso = r.isotropy;
    console.log(`| ${r.transform} | ${r.fit} | ${names.map((n) => f(r.scores[n])).join(' | ')} | ${iso ? iso.isoScore.toFixed(3) : '—'} | ${iso ? iso.partitionRatio.toExponential(2) : '—'} | ${iso ? iso.meanCosine.toFixed(3) : '—'} |`);
  }
}
