#!/usr/bin/env node
/**
 * Cross-model alignment on real data: word2vec trained by embedkit on the bundled corpus (`buildCorpus`,
 * no download) is aligned to glove-100d and scored by bilingual-lexicon-induction precision, MUSE-style:
 * the seed dictionary is the identical strings among the source's 5,000 most frequent words (MUSE's
 * `0-5000` split), the test dictionary the identical strings among its words ranked 5,000–6,500 (MUSE's
 * `5000-6500`); retrieval is over the first --max-vocab words of each space. The trained model is cached in
 * .cache/analysis/ (delete it or pass --retrain to train again).
 * Usage (after `npm run build`): node scripts/align-word2vec-glove.mjs [--max-vocab 50000] [--refinements 5] [--json]
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  buildCorpus, trainWord2Vec, TextCorpus, loadVectors, readVectors, writeVectors,
  dictionaryFromPairs, alignVectors, evaluateAlignment,
} from '../dist/src/index.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const { values } = parseArgs({
  options: {
    'max-vocab': { type: 'string', default: '50000' },
    refinements: { type: 'string', default: '5' },
    retrain: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const cacheDir = join(root, '.cache', 'analysis');
mkdirSync(cacheDir, { recursive: true });
const modelPath = join(cacheDir, 'word2vec-bundled.bin');
const log = (m) => process.stderr.write(`${m}\n`);

let trainInfo = null;
if (values.retrain || !existsSync(modelPath)) {
  const corpus = await buildCorpus();
  log(`corpus ${corpus.path}: ${corpus.tokens} tokens`);
  const t = performance.now();
  const res = await trainWord2Vec(new TextCorpus(corpus.path, { tokenizer: 'whitespace' }), { dim: 100, seed: 1, threads: 2 });
  trainInfo = { seconds: (performance.now() - t) / 1000, vocab: res.vectors.size, corpusWords: res.stats.corpusWords };
  log(`trained word2vec in ${trainInfo.seconds.toFixed(0)} s, ${trainInfo.vocab} words`);
  await writeVectors(res.vectors, modelPath);
}
const source = await readVectors(modelPath);
const target = await loadVectors('glove-100d');
const maxVocab = Number(values['max-vocab']);
const identical = (from, to) => {
  const pairs = [];
  for (let i = from; i < Math.min(to, source.size); i++) {
    const w = source.keyAt(i);
    if (target.has(w)) pairs.push([w, w]);
  }
  return dictionaryFromPairs(pairs, source, target, { maxVocab });
};
const seed = identical(0, 5000);
const test = identical(5000, 6500);
const results = [];
for (const preprocess of [[], ['unit', 'center', 'unit']]) {
  for (const refinements of [0, Number(values.refinements)]) {
    const t = performance.now();
    const res = alignVectors(source, target, { dictionary: seed, preprocess, refinements, maxVocab });
    const bli = evaluateAlignment(res, test);
    results.push({ preprocess: preprocess.join(',') || 'none', refinements, seconds: (performance.now() - t) / 1000, selectedRound: res.selectedRound, rounds: res.rounds, ...bli });
    log(`preprocess ${preprocess.join(',') || 'none'}, ${refinements} refinements: P@1 ${bli['p@1'].toFixed(4)}, CSLS P@1 ${bli['cslsP@1'].toFixed(4)}`);
  }
}
const summary = { source: { path: modelPath, words: source.size, ...(trainInfo ?? {}) }, target: 'glove-100d', maxVocab, seedPairs: seed.source.length, testWords: test.sourceWords, results };
if (values.json) console.log(JSON.stringify(summary, null, 2));
else {
  console.log(`word2vec (${source.size} words) → glove-100d; seed ${seed.source.length} pairs, test ${test.sourceWords} words, retrieval over ${maxVocab} words`);
  console.log('| preprocess | refinements | round kept | P@1 | P@5 | P@10 | CSLS P@1 | CSLS P@5 | CSLS P@10 | seconds |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const p = (v) => (100 * v).toFixed(1);
  for (const r of results) console.log(`| ${r.preprocess} | ${r.refinements} | ${r.selectedRound} | ${p(r['p@1'])} | ${p(r['p@5'])} | ${p(r['p@10'])} | ${p(r['cslsP@1'])} | ${p(r['cslsP@5'])} | ${p(r['cslsP@10'])} | ${r.seconds.toFixed(0)} |`);
}
