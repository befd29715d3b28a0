/**
 * word2vec skip-gram training: embedkit vs fastText 0.9.2 (`fasttext skipgram -minn 0 -maxn 0`) vs gensim
 * (`/usr/bin/python3`, corpus_file mode), in the same run, on the same pre-tokenized corpus, with the same
 * hyperparameters: 2 threads, dim 100, window 5, negative 5, 5 epochs, sample 1e-4, min-count 5, lr 0.025.
 *
 * Reports wall time and words/s (in-vocabulary corpus tokens × epochs / wall time of the whole run, the
 * same numerator for everyone), and quality on the word benchmarks of the data root restricted to words
 * in all three vocabularies: Spearman ×100 on every word-similarity set and Google analogy accuracy ×100
 * (3CosAdd over the shared vocabulary). Also checks that gensim loads our word2vec text and binary files.
 *
 * Environment: BENCH_CORPUS_EVERY=k keeps every k-th line of the bundled corpus (default 1 = all 6.2M
 * tokens); BENCH_EPOCHS overrides the epochs; BENCH_SEED sets every tool's seed (default 1); BENCH_ONLY
 * runs a subset (e.g. `embedkit-wasm,gensim`, to measure seed-to-seed spread).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from '../src/train/corpus-builder.js';
import { readVectors, writeVectors } from '../src/vectors/formats/index.js';
import type { KeyedVectors } from '../src/vectors/keyed-vectors.js';
import { topKDotBatch } from '../src/math/top-k.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const DATA = process.env['EMBEDKIT_DATA_DIR'] ?? resolve(ROOT, '..', 'shared', 'data');
const OUT = join(ROOT, '.cache', 'bench-train');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const EVERY = Number(process.env['BENCH_CORPUS_EVERY'] ?? '1');
const EPOCHS = Number(process.env['BENCH_EPOCHS'] ?? '5');
const SEED = Number(process.env['BENCH_SEED'] ?? '1');
/** Comma-separated subset of embedkit-wasm,embedkit-js,fastText,gensim (default: all). */
const ONLY = process.env['BENCH_ONLY']?.split(',');
const wanted = (name: string): boolean => ONLY === undefined || ONLY.includes(name);
const HP = { threads: 2, dim: 100, window: 5, negative: 5, epochs: EPOCHS, sample: 1e-4, minCount: 5, lr: 0.025 };

interface Run {
  readonly name: string;
  readonly seconds: number;
  /** CPU seconds (user + system) of the process and its threads. */
  readonly cpu: number;
  readonly vectors: string;
  readonly note: string;
}

/** Runs a command under /usr/bin/time (for CPU seconds: on a shared machine wall time depends on the load). */
function timed(cmd: string, args: readonly string[]): { seconds: number; cpu: number; stdout: string; stderr: string } {
  const t0 = performance.now();
  const useTime = existsSync('/usr/bin/time');
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', cmd, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, EMBEDKIT_NO_PROGRESS: '1' } })
    : spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, EMBEDKIT_NO_PROGRESS: '1' } });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { seconds, cpu: m !== null ? Number(m[1]) + Number(m[2]) : Number.NaN, stdout: r.stdout, stderr: r.stderr };
}

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}


async function prepareCorpusFile(): Promise<string> {
  const built = await buildCorpus({ outDir: join(ROOT, '.cache', 'corpus') });
  if (EVERY <= 1) return built.path;
  const path = join(OUT, `corpus-every-${EVERY}.txt`);
  if (!existsSync(path)) {
    const lines = readFileSync(built.path, 'utf8').split('\n');
    writeFileSync(path, lines.filter((l, i) => l.length > 0 && i % EVERY === 0).join('\n') + '\n');
  }
  return path;
}

// ---- quality helpers (local on purpose: no dependency on src/eval) ----

function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && xs[idx[j + 1]!] === xs[idx[i]!]) j++;
    for (let k = i; k <= j; k++) r[idx[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

/** Unit vectors of `words` (in that order) from `kv`. */
function unitRows(kv: KeyedVectors, words: readonly string[]): Float32Array {
  const dim = kv.dim;
  const out = new Float32Array(words.length * dim);
  const u = kv.unitVectors();
  words.forEach((w, i) => out.set(u.subarray(kv.indexOf(w) * dim, (kv.indexOf(w) + 1) * dim), i * dim));
  return out;
}

interface Quality {
  readonly similarity: Record<string, { spearman: number; pairs: number }>;
  readonly analogy: { accuracy: number; questions: number; semantic: number; syntactic: number };
}

function evaluate(kv: KeyedVectors, common: readonly string[], commonSet: ReadonlySet<string>): Quality {
  const dim = kv.dim;
  const rows = unitRows(kv, common);
  const idx = new Map(common.map((w, i) => [w, i]));
  const similarity: Quality['similarity'] = {};
  const simDir = join(DATA, 'word-similarity');
  for (const f of readdirSync(simDir).filter((n) => n.startsWith('EN-')).sort()) {
    const gold: number[] = [];
    const ours: number[] = [];
    for (const line of readFileSync(join(simDir, f), 'utf8').split(/\r?\n/)) {
      const [a, b, s] = line.split('\t');
      if (a === undefined || b === undefined || s === undefined) continue;
      const ia = idx.get(a.toLowerCase());
      const ib = idx.get(b.toLowerCase());
      if (ia === undefined || ib === undefined) continue;
      let d = 0;
      for (let k = 0; k < dim; k++) d += rows[ia * dim + k]! * rows[ib * dim + k]!;
      gold.push(Number(s));
      ours.push(d);
    }
    similarity[f.replace(/^EN-|\.txt$/g, '')] = { spearman: gold.length > 2 ? spearman(gold, ours) : Number.NaN, pairs: gold.length };
  }
  // Google analogy, 3CosAdd over the shared vocabulary, questions with all four words in it
  const qs: { a: number; b: number; c: number; d: number; semantic: boolean }[] = [];
  let section = '';
  for (const line of readFileSync(join(DATA, 'word-analogy', 'questions-words.txt'), 'utf8').split(/\r?\n/)) {
    if (line.startsWith(':')) {
      section = line.slice(1).trim();
      continue;
    }
    const ws = line.trim().toLowerCase().split(/\s+/);
    if (ws.length !== 4 || !ws.every((w) => commonSet.has(w))) continue;
    qs.push({ a: idx.get(ws[0]!)!, b: idx.get(ws[1]!)!, c: idx.get(ws[2]!)!, d: idx.get(ws[3]!)!, semantic: !section.startsWith('gram') });
  }
  const queries = new Float32Array(qs.length * dim);
  qs.forEach((q, i) => {
    let n = 0;
    for (let k = 0; k < dim; k++) {
      const v = rows[q.b * dim + k]! - rows[q.a * dim + k]! + rows[q.c * dim + k]!;
      queries[i * dim + k] = v;
      n += v * v;
    }
    n = Math.sqrt(n) || 1;
    for (let k = 0; k < dim; k++) queries[i * dim + k]! /= n;
  });
  const top = topKDotBatch(rows, dim, queries, 4, { exclude: qs.map((q) => new Set([q.a, q.b, q.c])) });
  let ok = 0;
  let sem = [0, 0];
  let syn = [0, 0];
  qs.forEach((q, i) => {
    const hit = top[i]!.indices[0] === q.d ? 1 : 0;
    ok += hit;
    if (q.semantic) sem = [sem[0]! + hit, sem[1]! + 1];
    else syn = [syn[0]! + hit, syn[1]! + 1];
  });
  return { similarity, analogy: { accuracy: ok / qs.length, questions: qs.length, semantic: sem[0]! / sem[1]!, syntactic: syn[0]! / syn[1]! } };
}

const GENSIM_TRAIN = `
import json, sys, time
from gensim.models import Word2Vec
corpus, out, threads, dim, window, neg, epochs, sample, min_count, lr, seed = sys.argv[1:12]
t0 = time.time()
m = Word2Vec(corpus_file=corpus, vector_size=int(dim), window=int(window), negative=int(neg), epochs=int(epochs), sample=float(sample),
             min_count=int(min_count), workers=int(threads), sg=1, hs=0, alpha=float(lr), seed=int(seed))
m.wv.save_word2vec_format(out, binary=False)
print(json.dumps({"seconds": time.time() - t0, "vocab": len(m.wv)}))
`;

const GENSIM_LOAD = `
import json, sys
from gensim.models import KeyedVectors
out = {}
for path, binary in ((sys.argv[1], False), (sys.argv[2], True)):
    kv = KeyedVectors.load_word2vec_format(path, binary=binary)
    out[path] = {"rows": len(kv), "dim": kv.vector_size, "first": kv.index_to_key[0], "norm0": float((kv[kv.index_to_key[0]] ** 2).sum() ** 0.5)}
print(json.dumps(out))
`;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const corpus = await prepareCorpusFile();
  const sizeMB = statSync(corpus).size / 1e6;
  console.log(`corpus: ${corpus} (${sizeMB.toFixed(1)} MB)  hyperparameters: ${JSON.stringify(HP)}  seed ${SEED}`);
  const uptime = readFileSync('/proc/loadavg', 'utf8').trim();
  console.log(`load average at start: ${uptime}`);
  const runs: Run[] = [];

  // embedkit (the real CLI, pre-tokenized input): the WebAssembly SIMD kernel and the plain TypeScript one
  let stats: { corpusWords: number; trainSeconds: number; wordsPerSecond: number; vocabSize: number; kernel: string } | undefined;
  for (const kernel of ['wasm', 'js'].filter((k) => wanted(`embedkit-${k}`))) {
    const out = join(OUT, `embedkit-${kernel}.bin`);
    const ours = timed(process.execPath, [
      CLI, 'train', 'word2vec', '--input', corpus, '--output', out, '--tokenizer', 'whitespace', '--kernel', kernel,
      '--threads', String(HP.threads), '--dim', String(HP.dim), '--window', String(HP.window), '--negative', String(HP.negative),
      '--epochs', String(HP.epochs), '--sample', String(HP.sample), '--min-count', String(HP.minCount), '--lr', String(HP.lr), '--seed', String(SEED), '--json',
    ]);
    const st = JSON.parse(ours.stdout) as NonNullable<typeof stats>;
    stats ??= st;
    runs.push({ name: `embedkit-${kernel}`, seconds: ours.seconds, cpu: ours.cpu, vectors: out, note: `vocab ${st.vocabSize}, training alone ${Math.round(st.wordsPerSecond)} words/s` });
  }
  if (stats === undefined) throw new Error('BENCH_ONLY must include embedkit-wasm or embedkit-js');
  const oursBin = runs[0]!.vectors;
  const words = stats.corpusWords * HP.epochs;

  if (!wanted('fastText')) console.log('fastText: not selected');
  else if (which('fasttext')) {
    const prefix = join(OUT, 'fasttext');
    const ft = timed('fasttext', [
      'skipgram', '-input', corpus, '-output', prefix, '-thread', String(HP.threads), '-minn', '0', '-maxn', '0', '-dim', String(HP.dim),
      '-ws', String(HP.window), '-neg', String(HP.negative), '-epoch', String(HP.epochs), '-t', String(HP.sample), '-minCount', String(HP.minCount),
      '-lr', String(HP.lr), '-seed', String(SEED), '-verbose', '2',
    ]);
    const m = /words\/sec\/thread:\s*(\d+)/.exec(ft.stderr.split('\r').filter((l) => l.includes('100.0%')).pop() ?? '');
    runs.push({ name: 'fastText', seconds: ft.seconds, cpu: ft.cpu, vectors: `${prefix}.vec`, note: m !== null ? `self-reported ${Number(m[1]) * HP.threads} words/s` : '' });
  } else console.log('fastText: skipped (apt-get install -y fasttext)');

  const gensimOk = spawnSync('/usr/bin/python3', ['-c', 'import gensim']).status === 0;
  if (gensimOk && wanted('gensim')) {
    const out = join(OUT, 'gensim.txt');
    const g = timed('/usr/bin/python3', ['-c', GENSIM_TRAIN, corpus, out, ...[HP.threads, HP.dim, HP.window, HP.negative, HP.epochs, HP.sample, HP.minCount, HP.lr, SEED].map(String)]);
    runs.push({ name: 'gensim', seconds: g.seconds, cpu: g.cpu, vectors: out, note: `vocab ${(JSON.parse(g.stdout.trim().split('\n').pop()!) as { vocab: number }).vocab}` });
  } else console.log('gensim: skipped (apt-get install -y python3-gensim)');

  console.log(`\nspeed (words = ${stats.corpusWords.toLocaleString('en-US')} in-vocabulary tokens × ${HP.epochs} epochs; per wall second of the whole run, and per CPU second):`);
  const ftRun = runs.find((r) => r.name === 'fastText');
  const gRun = runs.find((r) => r.name === 'gensim');
  for (const r of runs) {
    const ratio = (peer: Run | undefined): string =>
      peer === undefined ? '' : `  vs ${peer.name}: ${(peer.seconds / r.seconds).toFixed(2)}× wall, ${(peer.cpu / r.cpu).toFixed(2)}× CPU`;
    console.log(
      `  ${r.name.padEnd(13)} ${r.seconds.toFixed(1).padStart(7)} s wall ${Math.round(words / r.seconds).toLocaleString('en-US').padStart(9)} words/s | ` +
        `${r.cpu.toFixed(1).padStart(7)} s CPU ${Math.round(words / r.cpu).toLocaleString('en-US').padStart(9)} words/CPU-s${r.name.startsWith('embedkit') ? ratio(ftRun) + ratio(gRun) : ''}  (${r.note})`,
    );
  }

  // quality on the shared vocabulary
  const kvs = await Promise.all(runs.map((r) => readVectors(r.vectors)));
  let common = kvs[0]!.keys.filter((w) => kvs.every((kv) => kv.indexOf(w) >= 0 && kv.keys[kv.indexOf(w)] === w));
  const commonSet = new Set(common);
  common = [...commonSet];
  console.log(`\nquality on the ${common.length.toLocaleString('en-US')} words in all ${runs.length} vocabularies (×100):`);
  const qual = kvs.map((kv) => evaluate(kv, common, commonSet));
  const sets = Object.keys(qual[0]!.similarity);
  console.log(`  ${'set'.padEnd(18)} ${runs.map((r) => r.name.padStart(13)).join(' ')}`);
  for (const s of sets) {
    console.log(`  ${`${s} (${qual[0]!.similarity[s]!.pairs})`.padEnd(18)} ${qual.map((q) => (q.similarity[s]!.spearman * 100).toFixed(1).padStart(13)).join(' ')}`);
  }
  console.log(`  ${`analogy (${qual[0]!.analogy.questions})`.padEnd(18)} ${qual.map((q) => (q.analogy.accuracy * 100).toFixed(1).padStart(13)).join(' ')}`);
  console.log(`    semantic         ${qual.map((q) => (q.analogy.semantic * 100).toFixed(1).padStart(13)).join(' ')}`);
  console.log(`    syntactic        ${qual.map((q) => (q.analogy.syntactic * 100).toFixed(1).padStart(13)).join(' ')}`);
  const meanSim = qual.map((q) => (sets.reduce((a, s) => a + q.similarity[s]!.spearman, 0) / sets.length) * 100);
  console.log(`  ${'mean similarity'.padEnd(18)} ${meanSim.map((x) => x.toFixed(1).padStart(13)).join(' ')}`);
  const peers = runs.map((r, i) => i).filter((i) => !runs[i]!.name.startsWith('embedkit'));
  if (peers.length > 0) {
    const bestSim = Math.max(...peers.map((i) => meanSim[i]!));
    const bestAna = Math.max(...peers.map((i) => qual[i]!.analogy.accuracy * 100));
    runs.forEach((r, i) => {
      if (!r.name.startsWith('embedkit')) return;
      console.log(`  ${r.name} − better peer: mean similarity ${(meanSim[i]! - bestSim).toFixed(1)} points, analogy ${(qual[i]!.analogy.accuracy * 100 - bestAna).toFixed(1)} points (target ≥ −1.0)`);
    });
  }

  // interop: gensim loads our word2vec text and binary output
  if (gensimOk) {
    const oursTxt = join(OUT, 'embedkit-wasm.txt');
    await writeVectors(kvs[0]!, oursTxt, 'word2vec');
    const r = spawnSync('/usr/bin/python3', ['-c', GENSIM_LOAD, oursTxt, oursBin], { encoding: 'utf8' });
    console.log(`\ngensim loads our outputs: ${r.status === 0 ? r.stdout.trim() : `FAILED ${r.stderr.slice(-500)}`}`);
  }
  console.log(`load average at end: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
}

await main();
