/**
 * ONNX Runtime contrib ops in the built MiniLM graph, on vs off: the plain opset-17 graph (which ONNX
 * Runtime fuses itself at load: its optimized graph's operator counts are printed) against graphs that
 * already carry com.microsoft `Attention`, `SkipLayerNormalization`, `BiasGelu`, each alone and all
 * together. Same STS-B test sentences, rounds interleaved; sentences/s, ratio to the plain graph, and the
 * largest output difference from it.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession } from 'onnxruntime-node';
import type { ContribOps } from '../src/embedders/onnx/build/bert-graph.js';
import { decodeOnnxModel } from '../src/embedders/onnx/build/onnx-writer.js';
import { ensureMinilm } from '../src/embedders/onnx/builtin-minilm.js';
import { OnnxEmbedder } from '../src/embedders/onnx/onnx-embedder.js';
import { dataDir, REPO_ROOT, table } from './util.js';

const CACHE = join(REPO_ROOT, '.cache', 'bench');
const THREADS = Number(process.env['EMBEDKIT_BENCH_THREADS'] ?? 2);
const ROUNDS = Number(process.env['EMBEDKIT_BENCH_ROUNDS'] ?? 3);
const rows = readFileSync(join(dataDir(), 'sts-benchmark', 'sts-test.csv'), 'utf8').split('\n').filter((l) => l.length > 0);
const texts = [...new Set(rows.flatMap((l) => l.split('\t').slice(5, 7)))].slice(0, 1200);

const configs: Record<string, boolean | ContribOps> = {
  'plain (standard ops)': false,
  'Attention': { attention: true },
  'SkipLayerNormalization': { skipLayerNorm: true },
  'BiasGelu': { gelu: true },
  'all three': true,
};
const embedders: Record<string, OnnxEmbedder> = {};
for (const [name, contrib] of Object.entries(configs)) embedders[name] = await OnnxEmbedder.load(await ensureMinilm(CACHE, { contrib }), { threads: THREADS });

// what ONNX Runtime makes of each graph when it loads it
const tmp = mkdtempSync(join(tmpdir(), 'embedkit-bench-contrib-'));
const opCounts: Record<string, string> = {};
try {
  for (const [name, contrib] of Object.entries(configs)) {
    const optimized = join(tmp, 'optimized.onnx');
    const s = await InferenceSession.create(join(await ensureMinilm(CACHE, { contrib }), 'onnx', 'model.onnx'), { graphOptimizationLevel: 'all', optimizedModelFilePath: optimized, logSeverityLevel: 3 });
    await s.release();
    const counts = new Map<string, number>();
    for (const n of decodeOnnxModel(readFileSync(optimized)).graph!.node!) counts.set(n.opType!, (counts.get(n.opType!) ?? 0) + 1);
    opCounts[name] = ['Attention', 'SkipLayerNormalization', 'LayerNormalization', 'BiasGelu', 'FusedMatMul', 'MatMul', 'Softmax'].map((op) => `${op} ${counts.get(op) ?? 0}`).join(', ');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const names = Object.keys(embedders);
const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const outputs: Record<string, Float32Array> = {};
for (const n of names) await embedders[n]!.embed(texts.slice(0, 64));
for (let r = 0; r < ROUNDS; r++) {
  for (let j = 0; j < names.length; j++) {
    const n = names[(j + r) % names.length]!;
    const t = performance.now();
    outputs[n] = (await embedders[n]!.embed(texts)).data;
    times[n]!.push((performance.now() - t) / 1000);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (n: string): number => texts.length / median(times[n]!);
const base = names[0]!;
const diff = (n: string): number => {
  let d = 0;
  for (let i = 0; i < outputs[n]!.length; i++) d = Math.max(d, Math.abs(outputs[n]![i]! - outputs[base]![i]!));
  return d;
};
console.log(`${texts.length} STS-B sentences, ${THREADS} threads, median of ${ROUNDS} interleaved rounds`);
console.log(table([['graph', 'sentences/s', 'vs plain', 'max |Δ| vs plain'], ...names.map((n) => [n, rate(n), `${(rate(n) / rate(base)).toFixed(2)}×`, n === base ? '—' : diff(n).toExponential(2)])]));
console.log('\nONNX Runtime\'s optimized graph (level "all"):');
for (const [n, c] of Object.entries(opCounts)) console.log(`  ${n}: ${c}`);
for (const e of Object.values(embedders)) await e.dispose();
