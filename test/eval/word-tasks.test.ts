/**
 * Word tasks on glove-100d against the reference values of ../shared/data/MANIFEST.md (to 0.001). One
 * load of the vectors for the whole file.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { dataDir, TEST_CACHE_DIR } from '../helpers.js';
import { solveAnalogies } from '../../src/eval/analogy-solver.js';
import { BadRows, readDataFile } from '../../src/eval/data/read-data.js';
import { parseQuestionsWords, parseWordPairs } from '../../src/eval/data/word-data.js';
import { runAnalogy } from '../../src/eval/runners/analogy.js';
import { runWordSimilarity } from '../../src/eval/runners/word-similarity.js';
import type { AnalogyQuestions, EvalOptions, RunContext } from '../../src/eval/types.js';
import { loadVectors } from '../../src/vectors/load.js';
import type { KeyedVectors } from '../../src/vectors/keyed-vectors.js';

process.env['EMBEDKIT_CACHE_DIR'] ??= TEST_CACHE_DIR;
let kv: KeyedVectors;
let google: AnalogyQuestions;
const warnings: string[] = [];
const ctx = (options: EvalOptions): RunContext => ({
  vectors: kv,
  embed: () => Promise.reject(new Error('word tasks on a static model do not embed texts')),
  options,
  warn: (m) => warnings.push(m),
});
const bad = (): BadRows => new BadRows(false, () => {});

before(async () => {
  kv = await loadVectors('glove-100d');
  google = parseQuestionsWords(await readDataFile(join(dataDir(), 'word-analogy', 'questions-words.txt'), 'GoogleAnalogy'), bad());
});

const REFERENCE: [string, number][] = [
  ['EN-WS-353-ALL.txt', 0.5327],
  ['EN-MEN-TR-3k.txt', 0.6809],
  ['EN-RG-65.txt', 0.6907],
  ['EN-MTurk-771.txt', 0.5805],
];

test('word similarity on glove-100d matches the reference Spearman values to 0.001', async () => {
  for (const [file, want] of REFERENCE) {
    const pairs = parseWordPairs(await readDataFile(join(dataDir(), 'word-similarity', file), file), bad());
    const r = await runWordSimilarity(pairs, ctx({}));
    assert.ok(Math.abs(r.mainScore - want) < 0.001, `${file}: ${r.mainScore} vs ${want}`);
    assert.equal(r.metrics['oov_pairs'], 0);
  }
});

test('word similarity OOV policy: skip (counted) or dummy 0', async () => {
  const pairs = { w1: ['king', 'qzxqzxnotaword', 'cat', 'car'], w2: ['queen', 'king', 'dog', 'truck'], gold: Float64Array.from([9, 1, 7, 6]) };
  const skip = await runWordSimilarity(pairs, ctx({}));
  assert.equal(skip.metrics['oov_pairs'], 1);
  assert.equal(skip.metrics['scored_pairs'], 3);
  const dummy = await runWordSimilarity(pairs, ctx({ oov: 'dummy' }));
  assert.equal(dummy.metrics['scored_pairs'], 4);
  // with the OOV pair scored 0 (lowest similarity, lowest gold) the ranking stays perfect
  assert.notEqual(dummy.mainScore, skip.mainScore);
  assert.ok(warnings.some((w) => w.includes('out-of-vocabulary')));
});

test('Google analogy, restrict-vocab 300,000: 0.635 over the 19,486 answered questions (gensim convention)', async () => {
  const r = await runAnalogy(google, ctx({ restrictVocab: 300_000, analogyMethods: ['add'] }));
  assert.equal(r.metrics['questions'], 19_544);
  assert.equal(r.metrics['answered'], 19_486);
  assert.ok(Math.abs(r.mainScore - 0.635) < 0.001, `accuracy ${r.mainScore}`);
  assert.ok(Math.abs((r.metrics['coverage'] as number) - 19_486 / 19_544) < 1e-12);
  const sections = r.metrics['sections'] as Record<string, number>;
  assert.equal(Object.keys(sections).length, 14);
  assert.ok(sections['capital-common-countries']! > 0.8);
});

test('Google analogy, whole vocabulary: 0.633 (semantic 0.654, syntactic 0.616)', async () => {
  const r = await runAnalogy(google, ctx({ restrictVocab: kv.size, analogyMethods: ['add'] }));
  assert.equal(r.metrics['answered'], 19_544);
  assert.ok(Math.abs(r.mainScore - 0.633) < 0.001, `accuracy ${r.mainScore}`);
  assert.ok(Math.abs((r.metrics['semantic_accuracy'] as number) - 0.654) < 0.001);
  assert.ok(Math.abs((r.metrics['syntactic_accuracy'] as number) - 0.616) < 0.001);
  assert.equal(r.metrics['accuracy_all'], r.mainScore);
});

test('the batched solver answers as KeyedVectors.analogy does, one question at a time (3CosAdd and 3CosMul)', () => {
  const qs = [0, 500, 2000, 5000, 8000, 9000, 11000, 13000, 15000, 17000, 19000].map((i) => [google.a[i]!, google.b[i]!, google.c[i]!].map((w) => w.toLowerCase()));
  const batch = { a: Int32Array.from(qs, (q) => kv.indexOf(q[0]!)), b: Int32Array.from(qs, (q) => kv.indexOf(q[1]!)), c: Int32Array.from(qs, (q) => kv.indexOf(q[2]!)) };
  const got = solveAnalogies(kv.unitVectors(), kv.dim, batch, { limit: 50_000, methods: ['add', 'mul'] });
  qs.forEach((q, i) => {
    const add = kv.analogy(q[0]!, q[1]!, q[2]!, { method: 'add', restrictVocab: 50_000 });
    const mul = kv.analogy(q[0]!, q[1]!, q[2]!, { method: 'mul', restrictVocab: 50_000 });
    assert.equal(kv.keys[got.add![i]!], add.keys[0], `3CosAdd ${q.join(' ')}`);
    assert.equal(kv.keys[got.mul![i]!], mul.keys[0], `3CosMul ${q.join(' ')}`);
  });
});
