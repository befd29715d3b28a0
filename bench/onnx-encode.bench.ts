/**
 * Transformer encoding speed and memory: a random-weight model shaped like all-MiniLM-L6-v2 (6 layers,
 * hidden 384, 12 heads, FFN 1536, vocab 30,522, 512 positions; generated once into .cache/bench/ by
 * scripts/make-tiny-models.py --minilm, never committed) encodes 2,000 mixed-length texts (1,600 STS-B
 * sentences + 400 paragraphs of 4–8 sentences), mean pooling + normalize, batches of 32, in the same run:
 * - embedkit `OnnxEmbedder` (onnxruntime-node, length-sorted batches), fp32 and the int8 dynamic-quantized variant;
 * - `@huggingface/transformers` `pipeline('feature-extraction')` on the same onnx/model.onnx (local, remote
 *   disabled), batches of 32 in input order — how it is normally called — and, to show where the gap comes
 *   from, on input pre-sorted by token length;
 * - PyTorch eager (python3-torch, same weights; sentence-transformers-style sorted batches; tokenization
 *   not timed).
 * The fp32 runs are interleaved slice by slice (the machine's load changes within seconds). Prints texts/s,
 * ratios (> 1 means embedkit is faster), output agreement, and RSS over 100 repeated batches.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { OnnxEmbedder } from '../src/embedders/onnx/onnx-embedder.js';
import { readNpy } from '../src/io/npy.js';
import type { Matrix } from '../src/math/matrix.js';
import { dataDir, REPO_ROOT, table } from './util.js';

const MODEL = join(REPO_ROOT, '.cache', 'bench', 'minilm-l6-random');
const BATCH = 32;
const THREADS = Number(process.env['EMBEDKIT_BENCH_THREADS'] ?? 2);

if (!existsSync(join(MODEL, 'onnx', 'model_quantized.onnx')) || !existsSync(join(MODEL, 'torch_state.pt'))) {
  console.log(`generating ${MODEL} (python3-torch, once)…`);
  const r = spawnSync('/usr/bin/python3', [join(REPO_ROOT, 'scripts', 'make-tiny-models.py'), '--minilm', MODEL], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`model generation failed (needs python3-torch and python3-onnx): ${r.stderr.slice(-2000)}`);
}

function texts(): string[] {
  const read = (f: string): string[][] =>
    readFileSync(join(dataDir(), 'sts-benchmark', f), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => l.split('\t').slice(5, 7));
  const sentences = [...new Set(read('sts-test.csv').flat())].slice(0, 1600);
  const pool = read('sts-train.csv').flat();
  const paragraphs: string[] = [];
  for (let p = 0, at = 0; p < 400; p++) {
    const n = 4 + (p % 5);
    paragraphs.push(pool.slice(at, at + n).join(' '));
    at += n;
  }
  // interleave so that input-order batches mix lengths, as real corpora do
  const out: string[] = [];
  for (let i = 0; i < 400; i++) out.push(...sentences.slice(i * 4, i * 4 + 4), paragraphs[i]!);
  return out;
}

function maxDiff(a: Matrix, b: Matrix): number {
  let worst = 0;
  for (let k = 0; k < a.data.length; k++) worst = Math.max(worst, Math.abs(a.data[k]! - b.data[k]!));
  return worst;
}

function meanCosine(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.rows; i++) {
    let d = 0;
    for (let j = 0; j < a.dim; j++) d += a.data[i * a.dim + j]! * b.data[i * a.dim + j]!;
    s += d;
  }
  return s / a.rows;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, (performance.now() - t) / 1000];
}

const input = texts().slice(0, Number(process.env['EMBEDKIT_BENCH_LIMIT'] ?? 2000));
const embedkit = await OnnxEmbedder.load(MODEL, { batchSize: BATCH, threads: THREADS });
const lengths = input.map((t) => embedkit.tokenizer.encode(t).length + 2);
const meanLen = lengths.reduce((a, b) => a + b, 0) / lengths.length;
console.log(`${input.length} texts, tokens per text: mean ${meanLen.toFixed(1)}, max ${Math.max(...lengths)}; batch ${BATCH}, ${THREADS} threads`);

// The machine is shared and its load swings within seconds: the four fp32 runs are interleaved slice by
// slice (5 slices of 400 texts, implementation order rotating), so load changes hit all of them alike.
const { env, pipeline } = await import('@huggingface/transformers');
env.allowRemoteModels = false;
env.localModelPath = dirname(MODEL) + '/';
const extractor = await pipeline('feature-extraction', basename(MODEL), { dtype: 'fp32', session_options: { intraOpNumThreads: THREADS } });
const runTjs = async (xs: readonly string[]): Promise<Float32Array> => {
  const data = new Float32Array(xs.length * 384);
  for (let s = 0; s < xs.length; s += BATCH) {
    const out = await extractor(xs.slice(s, s + BATCH), { pooling: 'mean', normalize: true });
    data.set(out.data as Float32Array, s * 384);
    out.dispose();
  }
  return data;
};
// PyTorch eager: one python process per slice (model load and warm-up not timed), same weights, same ids.
const tmp = mkdtempSync(join(tmpdir(), 'embedkit-bench-onnx-'));
const torchData = new Float32Array(input.length * 384);
let tTorch = 0;
let torchFailed: string | undefined;
const runTorch = (slice: readonly string[], at: number): void => {
  if (torchFailed !== undefined) return;
  const ids = slice.map((t) => Array.from(embedkit.tokenizer.frame(embedkit.tokenizer.encode(t))));
  writeFileSync(join(tmp, 'ids.json'), JSON.stringify(ids));
  const args = [join(REPO_ROOT, 'bench', 'peers', 'onnx_torch.py'), MODEL, join(tmp, 'ids.json'), join(tmp, 'torch.npy'), String(THREADS), String(BATCH)];
  const r = spawnSync('/usr/bin/python3', args, { encoding: 'utf8' });
  if (r.status !== 0) {
    torchFailed = r.stderr.slice(-1500);
    return;
  }
  tTorch += (JSON.parse(r.stdout.trim().split('\n').pop()!) as { seconds: number }).seconds;
  torchData.set(readNpy(join(tmp, 'torch.npy')).data, at * 384);
};
await embedkit.embed(input.slice(0, 64));
await runTjs(input.slice(0, 64));
const SLICE = 400;
const oursData = new Float32Array(input.length * 384);
const tjsData = new Float32Array(input.length * 384);
let tOurs = 0;
let tTjs = 0;
let tTjsSorted = 0;
for (let s = 0, k = 0; s < input.length; s += SLICE, k++) {
  const slice = input.slice(s, s + SLICE);
  // Where the gap comes from: the same pipeline on the slice pre-sorted by token length (what embedkit does inside).
  const sorted = slice.map((_, i) => i).sort((a, b) => lengths[s + b]! - lengths[s + a]!).map((i) => slice[i]!);
  const jobs: (() => Promise<void>)[] = [
    async () => {
      const [m, t] = await timed(() => embedkit.embed(slice));
      oursData.set(m.data, s * 384);
      tOurs += t;
    },
    async () => {
      const [d, t] = await timed(() => runTjs(slice));
      tjsData.set(d, s * 384);
      tTjs += t;
    },
    async () => {
      tTjsSorted += (await timed(() => runTjs(sorted)))[1];
    },
    async () => runTorch(slice, s),
  ];
  for (let j = 0; j < jobs.length; j++) await jobs[(j + k) % jobs.length]!();
}
const ours: Matrix = { data: oursData, rows: input.length, dim: 384 };
const tjs: Matrix = { data: tjsData, rows: input.length, dim: 384 };
await extractor.dispose();
rmSync(tmp, { recursive: true, force: true });
if (torchFailed !== undefined) console.log(`torch peer failed: ${torchFailed}`);
const torchOut: Matrix | undefined = torchFailed === undefined ? { data: torchData, rows: input.length, dim: 384 } : undefined;

// embedkit int8 (dynamic quantization, onnx/model_quantized.onnx)
const q8 = await OnnxEmbedder.load(MODEL, { batchSize: BATCH, threads: THREADS, variant: 'quantized' });
await q8.embed(input.slice(0, 64));
const [oursQ, tOursQ] = await timed(() => q8.embed(input));
await q8.dispose();

const n = input.length;
console.log(
  table([
    ['implementation', 'seconds', 'texts/s', 'embedkit speed-up', 'max |Δ| vs embedkit fp32'],
    ['embedkit (onnxruntime-node, sorted batches)', tOurs, n / tOurs, '1.00×', '—'],
    ['transformers.js pipeline', tTjs, n / tTjs, `${(tTjs / tOurs).toFixed(2)}×`, maxDiff(ours, tjs).toExponential(2)],
    ['transformers.js, input pre-sorted by length', tTjsSorted, n / tTjsSorted, `${(tTjsSorted / tOurs).toFixed(2)}×`, '—'],
    ['PyTorch eager (model only)', torchOut !== undefined ? tTorch : NaN, n / tTorch, `${(tTorch / tOurs).toFixed(2)}×`, torchOut !== undefined ? maxDiff(ours, torchOut).toExponential(2) : 'n/a'],
    ['embedkit int8 (model_quantized.onnx, one run)', tOursQ, n / tOursQ, `${(tOurs / tOursQ).toFixed(2)}× vs fp32`, `mean cos ${meanCosine(ours, oursQ).toFixed(4)}`],
  ]),
);

// Memory: 100 repeated batches must not grow RSS.
const batchTexts = input.slice(0, BATCH);
const gc = (globalThis as { gc?: () => void }).gc;
const rss: number[] = [];
for (let i = 1; i <= 100; i++) {
  await embedkit.embed(batchTexts);
  if (i === 10 || i === 50 || i === 100) {
    gc?.();
    rss.push(process.memoryUsage().rss / 2 ** 20);
  }
}
console.log(`RSS over 100 repeated batches of ${BATCH}: after 10 ${rss[0]!.toFixed(0)} MB, 50 ${rss[1]!.toFixed(0)} MB, 100 ${rss[2]!.toFixed(0)} MB (growth 10→100: ${(rss[2]! - rss[0]!).toFixed(1)} MB)`);
await embedkit.dispose();
