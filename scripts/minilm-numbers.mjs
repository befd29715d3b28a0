#!/usr/bin/env node
/**
 * Reproduces the numbers of docs/minilm.md and docs/model2vec.md with embedkit's library (build first:
 * `npx tsc -p tsconfig.json`; data root: $EMBEDKIT_DATA_DIR or ../shared/data):
 *
 *   node scripts/minilm-numbers.mjs [all|convert|eval|depth|int8|distill] [--out docs/minilm-numbers.json]
 *
 * - convert: first-use conversion time of the built-in MiniLM into an empty cache (float32 and int8);
 * - eval:    every shared sentence-level evaluation set with all-MiniLM-L6-v2 (evaluateTasks);
 * - depth:   elastic depth N = 1…6: STS-B test Spearman and sentences/s (STS-B test sentences, rounds
 *            interleaved across depths so machine load hits all alike);
 * - int8:    the dynamically quantized variant: STS-B, SICK-R and sentences/s next to float32;
 * - distill: distillation time, the distilled model's STS sets, and its speed next to the encoder's.
 * Results are merged into the JSON file (one key per part) and printed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lib = (p) => import(join(ROOT, 'dist', 'src', p));
const { ensureMinilm } = await lib('embedders/onnx/builtin-minilm.js');
const { OnnxEmbedder } = await lib('embedders/onnx/onnx-embedder.js');
const { evaluateTasks } = await lib('eval/evaluate.js');
const { findTask, suiteTasks } = await lib('eval/tasks.js');
const { distill } = await lib('embedders/model2vec/distill.js');
const { writeModel2VecFolder } = await lib('embedders/model2vec/model2vec-folder.js');
const { Model2VecEmbedder } = await lib('embedders/model2vec/model2vec-embedder.js');

const args = process.argv.slice(2);
const part = args.find((a) => !a.startsWith('--')) ?? 'all';
const outIdx = args.indexOf('--out');
const OUT = outIdx >= 0 ? args[outIdx + 1] : join(ROOT, 'docs', 'minilm-numbers.json');
const DATA = process.env.EMBEDKIT_DATA_DIR ?? resolve(ROOT, '..', 'shared', 'data');
const CACHE = process.env.MINILM_NUMBERS_CACHE ?? join(ROOT, '.cache', 'numbers');
const THREADS = Number(process.env.EMBEDKIT_BENCH_THREADS ?? 2);
const results = existsSync(OUT) ? JSON.parse(readFileSync(OUT, 'utf8')) : {};
const save = (key, value) => {
  results[key] = { ...value, measured: new Date().toISOString() };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
  console.log(key, JSON.stringify(value, null, 1));
};
const warn = (m) => console.warn(`warning: ${m}`);
const seconds = (t) => (performance.now() - t) / 1000;

function stsSentences(file = 'sts-test.csv') {
  const rows = readFileSync(join(DATA, 'sts-benchmark', file), 'utf8').split('\n').filter((l) => l.length > 0);
  return [...new Set(rows.flatMap((l) => l.split('\t').slice(5, 7)))];
}

async function evalTasks(embedder, names) {
  const r = await evaluateTasks(names.map(findTask), { embedder }, { dataDir: DATA, warn });
  return Object.fromEntries(r.map((x) => [x.task, { main: x.mainScore, seconds: Number(x.evaluationTime.toFixed(1)), ...(x.metrics.accuracy_stderr !== undefined ? { stderr: x.metrics.accuracy_stderr } : {}) }]));
}

/** Sentences/s of several embedders on the same texts, rounds interleaved (rotating order). */
async function speeds(embedders, texts, rounds = 3) {
  for (const e of Object.values(embedders)) await e.embed(texts.slice(0, 64));
  const times = Object.fromEntries(Object.keys(embedders).map((k) => [k, []]));
  const keys = Object.keys(embedders);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < keys.length; j++) {
      const k = keys[(j + r) % keys.length];
      const t = performance.now();
      await embedders[k].embed(texts);
      times[k].push(seconds(t));
    }
  }
  return Object.fromEntries(keys.map((k) => [k, Number((texts.length / [...times[k]].sort((a, b) => a - b)[Math.floor(rounds / 2)]).toFixed(1))]));
}

async function convert() {
  const tmp = mkdtempSync(join(tmpdir(), 'embedkit-minilm-convert-'));
  try {
    let t = performance.now();
    await ensureMinilm(tmp);
    const fp32 = seconds(t);
    t = performance.now();
    await ensureMinilm(tmp);
    const reuse = seconds(t);
    t = performance.now();
    await ensureMinilm(tmp, { variant: 'int8' });
    const int8 = seconds(t);
    save('convert', { float32_seconds: Number(fp32.toFixed(2)), reuse_verify_seconds: Number(reuse.toFixed(2)), int8_seconds: Number(int8.toFixed(2)) });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function evalAll() {
  const e = await OnnxEmbedder.load(await ensureMinilm(CACHE), { threads: THREADS, model: 'minilm-l6' });
  try {
    const names = [...new Set([...suiteTasks('sentence').map((t) => t.name), 'STSBenchmark-dev', 'SICK-R-SemEval'])];
    const t = performance.now();
    const scores = await evalTasks(e, names);
    save('eval', { scores, total_seconds: Number(seconds(t).toFixed(0)) });
  } finally {
    await e.dispose();
  }
}

async function depth() {
  const texts = stsSentences().slice(0, 1000);
  const embedders = {};
  const sts = {};
  for (let n = 1; n <= 6; n++) {
    const e = await OnnxEmbedder.load(await ensureMinilm(CACHE, { layers: n }), { threads: THREADS, model: `minilm-l6:${n}` });
    sts[n] = (await evalTasks(e, ['STSBenchmark'])).STSBenchmark.main;
    embedders[n] = e;
  }
  const speed = await speeds(embedders, texts);
  for (const e of Object.values(embedders)) await e.dispose();
  save('depth', { texts: texts.length, rows: Object.fromEntries(Object.keys(sts).map((n) => [n, { sts_b: sts[n], sentences_per_second: speed[n] }])) });
}

async function int8() {
  const fp = await OnnxEmbedder.load(await ensureMinilm(CACHE), { threads: THREADS });
  const q = await OnnxEmbedder.load(await ensureMinilm(CACHE, { variant: 'int8' }), { threads: THREADS, variant: 'int8' });
  try {
    const sFp = await evalTasks(fp, ['STSBenchmark', 'SICK-R']);
    const sQ = await evalTasks(q, ['STSBenchmark', 'SICK-R']);
    const speed = await speeds({ float32: fp, int8: q }, stsSentences().slice(0, 1000));
    save('int8', { float32: sFp, int8: sQ, sentences_per_second: speed });
  } finally {
    await fp.dispose();
    await q.dispose();
  }
}

async function distillPart() {
  const enc = await OnnxEmbedder.load(await ensureMinilm(CACHE), { threads: THREADS, model: 'minilm-l6' });
  const out = join(CACHE, 'distilled-minilm-256');
  try {
    let t = performance.now();
    const model = await distill(enc, { dim: 256 });
    const distillSeconds = seconds(t);
    await writeModel2VecFolder(out, model, { replace: true });
    const stat = await Model2VecEmbedder.load(out, { model: 'distilled-minilm-256' });
    const sets = ['STSBenchmark', 'STSBenchmark-dev', 'SICK-R', 'SICK-R-SemEval'];
    const scores = await evalTasks(stat, [...sets, 'Banking77Classification']);
    // speed on the same texts: the static model is timed on 20 repetitions of the list (it is too fast for one)
    const texts = stsSentences();
    const encSpeed = await speeds({ encoder: enc }, texts.slice(0, 1000), 3);
    const many = Array.from({ length: 20 }, () => texts).flat();
    const statSpeed = await speeds({ static: stat }, many, 3);
    save('distill', { seconds: Number(distillSeconds.toFixed(1)), rows: model.rows, dim: model.dim, scores, sentences_per_second: { encoder: encSpeed.encoder, static: statSpeed.static }, speedup: Number((statSpeed.static / encSpeed.encoder).toFixed(0)) });
  } finally {
    await enc.dispose();
  }
}

const parts = { convert, eval: evalAll, depth, int8, distill: distillPart };
for (const [name, run] of Object.entries(parts)) if (part === 'all' || part === name) await run();
