/**
 * Bias report (docs/bias.md).
 *   node dist/bench/reports/bias.js [--model glove-100d | PATH | ONNX-FOLDER] [--permutations 100000] [--json out.json]
 * Word vectors: WEAT 1–10 (sent-bias word sets; WEFE's sets beside them), SEAT 1–10 with the static
 * embedder (mean pooling) on the template sentences, the gender direction and DirectBias on professions,
 * and hard debias before/after (DirectBias, WEAT 6–8, SEAT 6–8, word similarity and analogy).
 * A transformer folder (ONNX): SEAT 1–10 on the template sentences and on the words embedded as sentences.
 */
import { writeFileSync } from 'node:fs';
import { loadDebiasweLists } from '../../src/analysis/bias/debiaswe-lists.js';
import { directBias, extremeWords, pairDirection } from '../../src/analysis/bias/direct-bias.js';
import { hardDebias } from '../../src/analysis/bias/hard-debias.js';
import { seat } from '../../src/analysis/bias/seat.js';
import { weat, type WeatResult } from '../../src/analysis/bias/weat.js';
import { loadWeatTest } from '../../src/analysis/bias/word-sets.js';
import type { Embedder } from '../../src/embedders/embedder.js';
import { isModelFolder } from '../../src/embedders/onnx/model-folder.js';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { loadVectors } from '../../src/vectors/load.js';
import { dataDir, flags, fmt, markdown, wordScores, WORD_SIM_TASKS } from './common.js';

const f = flags();
const model = f.get('model') ?? 'glove-100d';
const permutations = Number(f.get('permutations') ?? 100_000);
const data = dataDir();
const TESTS = Array.from({ length: 10 }, (_, i) => `weat${i + 1}`);
/** WEFE's published WEAT effect sizes on glove-wiki-gigaword-300 (= glove.6B.300d), examples/WEAT_experiments.ipynb. */
const WEFE_GLOVE_300 = [1.27, 1.91, 1.28, 0.85, 1.07, 1.32, 0.24, 0.32, 0.57, 0.21];
/** Caliskan et al. (2017), Table 1, GloVe 840B (as quoted by WEFE). */
const CALISKAN = [1.5, 1.53, 1.41, 1.5, 1.28, 1.81, 1.06, 1.24, 1.38, 1.21];
const opts = { permutations, seed: 0, onWarning: (m: string) => process.stderr.write(`${m}\n`) };
const pfmt = (r: WeatResult): string => (r.p === null ? 'n/a' : r.p < 1e-4 ? r.p.toExponential(1) : r.p.toFixed(4)) + (r.pMethod === 'exact' ? ' (exact)' : '');
const report: Record<string, unknown> = { model, permutations };

async function seatTable(embedder: Embedder, label: string): Promise<Record<string, WeatResult>> {
  const out: Record<string, WeatResult> = {};
  for (const t of TESTS) {
    out[`sent-${t}`] = await seat(embedder, loadWeatTest(`sent-${t}`, { dataDir: data }), opts);
    out[`${t}-words`] = await seat(embedder, loadWeatTest(t, { dataDir: data }), opts);
  }
  console.log(`\n### SEAT on ${label} (${embedder.id})\n`);
  console.log(markdown(['test', 'SEAT sentences: effect size', 'p', 'words as sentences: effect size', 'p'], TESTS.map((t) => [t, fmt(out[`sent-${t}`]!.effectSize, 3), pfmt(out[`sent-${t}`]!), fmt(out[`${t}-words`]!.effectSize, 3), pfmt(out[`${t}-words`]!)])));
  return out;
}

if (isModelFolder(model)) {
  const { OnnxEmbedder } = await import('../../src/embedders/onnx/onnx-embedder.js');
  const e = await OnnxEmbedder.load(model);
  report['seat'] = await seatTable(e, model);
  await e.dispose();
} else {
  const kv = await loadVectors(model);
  const weats: Record<string, WeatResult> = {};
  for (const t of TESTS) {
    weats[t] = weat(kv, loadWeatTest(t, { dataDir: data }), opts);
    weats[`wefe:${t}`] = weat(kv, loadWeatTest(`wefe:${t}`, { dataDir: data }), opts);
  }
  report['weat'] = weats;
  console.log(`### WEAT 1–10 on ${model} (effect size: population std, as WEFE; p: one-sided permutation test, ${permutations.toLocaleString('en-US')} seeded permutations unless exact)\n`);
  console.log(markdown(['test', 'X / Y vs A / B', 'ours (sent-bias sets)', 'p', 'ours (WEFE sets)', 'WEFE glove.6B.300d', 'Caliskan GloVe 840B', 'missing'], TESTS.map((t, i) => {
    const r = weats[t]!;
    return [t, `${r.categories.targ1} / ${r.categories.targ2} vs ${r.categories.attr1} / ${r.categories.attr2}`, fmt(r.effectSize, 2), pfmt(r), fmt(weats[`wefe:${t}`]!.effectSize, 2), WEFE_GLOVE_300[i]!.toFixed(2), CALISKAN[i]!.toFixed(2), r.missing.join(', ') || '—'];
  })));
  const embedder = new StaticEmbedder(kv, { model });
  report['seat'] = await seatTable(embedder, `${model}, mean pooling`);

  const lists = loadDebiasweLists(data);
  const dir = pairDirection(kv, lists.definitional);
  const professions = lists.professions.map((p) => p.word);
  const before = directBias(kv, dir.direction, professions, { topK: 10 });
  const extremes = extremeWords(kv, dir.direction, { topK: 15, restrictVocab: 50_000 });
  console.log(`\n### Gender direction and DirectBias on ${model}\n`);
  console.log(`First principal component of the 10 centred definitional pairs: explained variance ratio ${Array.from(dir.explainedVarianceRatio.slice(0, 5), (v) => v.toFixed(3)).join(', ')} (components 1–5).`);
  console.log(`DirectBias_1 over ${before.projections.length} of ${professions.length} professions (missing: ${before.missing.length}): ${fmt(before.directBias)}; DirectBias_0.5: ${fmt(directBias(kv, dir.direction, professions, { c: 0.5 }).directBias)}.`);
  console.log(`Professions on the she side: ${before.positive.map((p) => `${p.word} ${p.score.toFixed(2)}`).join(', ')}.`);
  console.log(`Professions on the he side: ${before.negative.map((p) => `${p.word} ${p.score.toFixed(2)}`).join(', ')}.`);
  console.log(`Most frequent 50,000 words, she side: ${extremes.positive.map((p) => p.word).join(', ')}; he side: ${extremes.negative.map((p) => p.word).join(', ')}.`);

  const t0 = performance.now();
  const deb = hardDebias(kv, lists);
  const seconds = (performance.now() - t0) / 1000;
  const after = directBias(deb.vectors, dir.direction, professions, { topK: 10 });
  const debEmbedder = new StaticEmbedder(deb.vectors, { model: `${model}+hard-debias` });
  const gendered = ['weat6', 'weat7', 'weat8'];
  const rows: string[][] = [['DirectBias_1 (professions)', fmt(before.directBias), fmt(after.directBias), '']];
  const hard: Record<string, unknown> = { seconds, neutralized: deb.neutralized, equalized: deb.equalized.length, directBiasBefore: before.directBias, directBiasAfter: after.directBias };
  for (const t of gendered) {
    const w = weat(deb.vectors, loadWeatTest(t, { dataDir: data }), opts);
    const s = await seat(debEmbedder, loadWeatTest(`sent-${t}`, { dataDir: data }), opts);
    const s0 = (report['seat'] as Record<string, WeatResult>)[`sent-${t}`]!;
    rows.push([`WEAT ${t.slice(4)} effect size (p)`, `${fmt(weats[t]!.effectSize, 3)} (${pfmt(weats[t]!)})`, `${fmt(w.effectSize, 3)} (${pfmt(w)})`, '']);
    rows.push([`SEAT ${t.slice(4)} effect size (p)`, `${fmt(s0.effectSize, 3)} (${pfmt(s0)})`, `${fmt(s.effectSize, 3)} (${pfmt(s)})`, '']);
    hard[t] = { weat: w.effectSize, seat: s.effectSize };
  }
  const tasks = [...WORD_SIM_TASKS, 'GoogleAnalogy'];
  const sb = await wordScores(kv, tasks);
  const sa = await wordScores(deb.vectors, tasks);
  for (const t of tasks) rows.push([`${t} (${t === 'GoogleAnalogy' ? 'accuracy' : 'Spearman'})`, fmt(sb[t]!), fmt(sa[t]!), `${((sa[t]! - sb[t]!) * 100).toFixed(2)} points`]);
  hard['scoresBefore'] = sb;
  hard['scoresAfter'] = sa;
  report['hardDebias'] = hard;
  console.log(`\n### Hard debias on ${model}: ${deb.neutralized.toLocaleString('en-US')} words neutralized, ${deb.equalized.length} pairs equalized, ${seconds.toFixed(1)} s\n`);
  console.log(markdown(['measure', 'before', 'after', 'change'], rows));
  console.log(`\nProfessions closest to the she side after: ${after.positive.slice(0, 5).map((p) => `${p.word} ${p.score.toFixed(3)}`).join(', ')} (gender-specific words such as these keep their direction by design).`);
}
const out = f.get('json');
if (out !== undefined) writeFileSync(out, JSON.stringify(report, null, 1));
