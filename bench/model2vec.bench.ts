/**
 * Distilled static model vs the encoder it came from, same run: distillation time of all-MiniLM-L6-v2 →
 * model2vec (256 dims), then sentences/s of the static model (Model2VecEmbedder: the folder's tokenizer +
 * mean of token rows) and of the encoder (OnnxEmbedder, 2 threads) on the STS-B test sentences, and the
 * speed-up. The static model is timed over 20 repetitions of the sentence list (one pass is too short).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distill } from '../src/embedders/model2vec/distill.js';
import { Model2VecEmbedder } from '../src/embedders/model2vec/model2vec-embedder.js';
import { writeModel2VecFolder } from '../src/embedders/model2vec/model2vec-folder.js';
import { ensureMinilm } from '../src/embedders/onnx/builtin-minilm.js';
import { OnnxEmbedder } from '../src/embedders/onnx/onnx-embedder.js';
import { dataDir, REPO_ROOT, table } from './util.js';

const CACHE = join(REPO_ROOT, '.cache', 'bench');
const THREADS = Number(process.env['EMBEDKIT_BENCH_THREADS'] ?? 2);
const rows = readFileSync(join(dataDir(), 'sts-benchmark', 'sts-test.csv'), 'utf8').split('\n').filter((l) => l.length > 0);
const texts = [...new Set(rows.flatMap((l) => l.split('\t').slice(5, 7)))];

const encoder = await OnnxEmbedder.load(await ensureMinilm(CACHE), { threads: THREADS, model: 'minilm-l6' });
let t = performance.now();
const model = await distill(encoder, { dim: 256 });
const distillSeconds = (performance.now() - t) / 1000;
const out = join(CACHE, 'distilled-minilm-256');
await writeModel2VecFolder(out, model, { replace: true });
const stat = await Model2VecEmbedder.load(out);
console.log(`distillation: ${model.rows} tokens → ${model.dim} dims in ${distillSeconds.toFixed(1)} s (${THREADS} threads)`);

const many = Array.from({ length: 20 }, () => texts).flat();
await stat.embed(texts.slice(0, 200));
await encoder.embed(texts.slice(0, 64));
const timesStatic: number[] = [];
const timesEncoder: number[] = [];
for (let r = 0; r < 3; r++) {
  t = performance.now();
  await stat.embed(many);
  timesStatic.push(many.length / ((performance.now() - t) / 1000));
  t = performance.now();
  await encoder.embed(texts);
  timesEncoder.push(texts.length / ((performance.now() - t) / 1000));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1]!;
const s = median(timesStatic);
const e = median(timesEncoder);
console.log(`${texts.length} STS-B test sentences, median of 3 interleaved rounds`);
console.log(table([['embedder', 'sentences/s', 'speed-up'], ['all-MiniLM-L6-v2 (ONNX, 2 threads)', e, '1×'], ['distilled static model (256 dims)', s, `${(s / e).toFixed(0)}×`]]));
await encoder.dispose();
