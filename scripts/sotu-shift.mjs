#!/usr/bin/env node
/**
 * Semantic change in the State of the Union addresses: word2vec trained by embedkit on two periods
 * (default 1790–1899 and 1950–2016), the second aligned to the first, words ranked by the global (cosine
 * distance after alignment) and local-neighbourhood measures (Hamilton et al. 2016), each listed with its
 * nearest neighbours in both periods. Models are cached in .cache/analysis/ (--retrain to redo).
 * Usage (after `npm run build`):
 *   node scripts/sotu-shift.mjs [--a 1790-1899] [--b 1950-2016] [--epochs 10] [--min-count 10] [--max-words 5000] [--top 20] [--json]
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSotuCorpus, trainWord2Vec, TextCorpus, readVectors, writeVectors, semanticShift } from '../dist/src/index.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const { values } = parseArgs({
  options: {
    a: { type: 'string', default: '1790-1899' },
    b: { type: 'string', default: '1950-2016' },
    epochs: { type: 'string', default: '10' },
    'min-count': { type: 'string', default: '10' },
    'max-words': { type: 'string', default: '5000' },
    top: { type: 'string', default: '20' },
    retrain: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const dir = join(root, '.cache', 'analysis');
mkdirSync(dir, { recursive: true });
const log = (m) => process.stderr.write(`${m}\n`);
const epochs = Number(values.epochs);
const minCount = Number(values['min-count']);

async function periodModel(spec) {
  const [from, to] = spec.split('-').map(Number);
  const path = join(dir, `sotu-${from}-${to}-e${epochs}-m${minCount}.bin`);
  const corpus = await buildSotuCorpus({ from, to, outDir: join(root, '.cache', 'corpus') });
  if (values.retrain || !existsSync(path)) {
    const res = await trainWord2Vec(new TextCorpus(corpus.path, { tokenizer: 'whitespace' }), { dim: 100, window: 5, epochs, minCount, seed: 1, threads: 2 });
    await writeVectors(res.vectors, path);
    log(`${spec}: ${corpus.addresses} addresses, ${corpus.tokens} tokens → ${res.vectors.size} words`);
  }
  return { corpus, vectors: await readVectors(path) };
}

const a = await periodModel(values.a);
const b = await periodModel(values.b);
const res = semanticShift(a.vectors, b.vectors, { top: Number(values.top), maxWords: Number(values['max-words']) });
if (values.json) {
  console.log(JSON.stringify({ a: values.a, b: values.b, sharedWords: res.sharedWords, k: res.k, alignedMeanCosine: res.alignedMeanCosine, byGlobal: res.byGlobal, byLocal: res.byLocal }, null, 2));
} else {
  console.log(`${values.a} (${a.corpus.tokens} tokens, ${a.vectors.size} words) vs ${values.b} (${b.corpus.tokens} tokens, ${b.vectors.size} words): ${res.sharedWords} shared words, mean cosine after alignment ${res.alignedMeanCosine.toFixed(3)}`);
  for (const [title, list] of [['global (cosine distance after alignment)', res.byGlobal], ['local neighbourhood (k = 25)', res.byLocal]]) {
    console.log(`\n| word (by ${title}) | global | local | overlap | neighbours ${values.a} | neighbours ${values.b} |`);
    console.log('|---|---:|---:|---:|---|---|');
    for (const w of list) console.log(`| ${w.word} | ${w.global.toFixed(3)} | ${w.local.toFixed(3)} | ${w.overlap.toFixed(2)} | ${w.neighboursA.slice(0, 6).join(', ')} | ${w.neighboursB.slice(0, 6).join(', ')} |`);
  }
}
