/**
 * Examples for docs/decoding.md: nearest glove-100d words of mean-pooled sentences (their own words excluded,
 * restricted to the 50,000 most frequent words), and 8 semantic anchors of the STS Benchmark test sentences.
 * Usage: node dist/bench/experiments/decode-examples.js [DATA_DIR]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { semanticAnchors } from '../../src/analysis/decode/anchors.js';
import { decodeVectors, meanVector } from '../../src/analysis/decode/nearest-words.js';
import { zeroRows } from '../../src/analysis/depth/unit-rows.js';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import { tokenize } from '../../src/text/tokenize.js';
import { dataDir } from '../util.js';

const root = process.argv[2] ?? dataDir();
const embedder = await createEmbedder('glove-100d');
const kv = embedder.vectors!;
const examples = ['A man is playing a guitar on stage.', 'The stock market fell sharply after the bank report.', 'Two dogs are running through the snow.'];
const m = await embedder.embed(examples);
const sentences = [...new Set(readFileSync(join(root, 'sts-benchmark', 'sts-test.csv'), 'utf8').split('\n').flatMap((l) => l.split('\t').slice(5, 7)).map((s) => s.trim()).filter((s) => s.length > 0))];
const all = await embedder.embed(sentences);
const zero = new Set(zeroRows(all));
const keep = sentences.map((_, i) => i).filter((i) => !zero.has(i));
const data = new Float32Array(keep.length * all.dim);
keep.forEach((r, i) => data.set(all.data.subarray(r * all.dim, (r + 1) * all.dim), i * all.dim));
const background = meanVector({ data, rows: keep.length, dim: all.dim });
for (const [name, subtract] of [['raw', undefined], ['minus the STS-B mean', background]] as const) {
  examples.forEach((t, i) => {
    const d = decodeVectors(kv, { data: m.data.subarray(i * m.dim, (i + 1) * m.dim), rows: 1, dim: m.dim }, { topK: 8, restrictVocab: 50_000, exclude: tokenize(t), ...(subtract !== undefined ? { subtract } : {}) })[0]!;
    console.log(`${name}: ${t} → ${d.words.map((w, j) => `${w} ${d.scores[j]!.toFixed(2)}`).join(', ')}`);
  });
}
const t0 = performance.now();
const a = semanticAnchors({ data, rows: keep.length, dim: all.dim }, kv, { k: 8, topWords: 8, topMembers: 1, restrictVocab: 50_000 });
console.log(`anchors of ${keep.length} STS-B test sentences (${(performance.now() - t0).toFixed(0)} ms):`);
for (const x of a.anchors) console.log(`| ${x.size} | ${x.cohesion.toFixed(2)} | ${x.words.join(', ')} | ${sentences[keep[x.members[0]!]!]} |`);
await embedder.dispose();
