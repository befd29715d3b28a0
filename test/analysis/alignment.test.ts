/**
 * Alignment on real vectors and its file formats: a known random rotation of glove-100d (plus noise) is
 * recovered from a 5,000-word seed dictionary (P@1 ≈ 1.0, refinement included); dictionaries are parsed as
 * MUSE files (several translations per word, errors with file:line); a fitted map is saved and loaded as a
 * transform and applied to a real embedder's output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, TEST_CACHE_DIR, tempDir } from '../helpers.js';
import { loadVectors } from '../../src/vectors/load.js';
import { readVectors } from '../../src/vectors/formats/index.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { TransformedEmbedder } from '../../src/embedders/transforms/transformed-embedder.js';
import { loadTransforms, saveTransforms } from '../../src/embedders/transforms/transform-file.js';
import { alignVectors, evaluateAlignment } from '../../src/analysis/alignment/align.js';
import { dictionaryFromPairs, identicalDictionary, parseDictionary, readDictionary } from '../../src/analysis/alignment/dictionary.js';
import { fitLinearMap } from '../../src/analysis/alignment/linear-map.js';
import { LinearMap } from '../../src/embedders/transforms/linear-map.js';
import { EmbedkitError, FormatError } from '../../src/errors.js';
import { gaussianRandom as gaussian, randomOrthogonal as randomRotation, seededRandom as mulberry32 } from '../../src/learn/random.js';

process.env['EMBEDKIT_CACHE_DIR'] = TEST_CACHE_DIR;

test('recovers a random rotation of glove-100d (+ noise) from a 5,000-word seed: P@1 ≈ 1.0 on words 5,000–6,500', async () => {
  const n = 10000;
  const target = await loadVectors('glove-100d', { limit: n });
  const d = target.dim;
  const g = gaussian(mulberry32(13));
  const q = randomRotation(d, g);
  // source: rotated, noisy, rows in a shuffled order, keys prefixed (a "foreign" vocabulary)
  const order = Array.from({ length: n }, (_, i) => i);
  const rand = mulberry32(5);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const data = new Float32Array(n * d);
  order.forEach((r, i) => {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += target.vectors[r * d + c]! * q[c * d + j]!;
      data[i * d + j] = s + 0.05 * g();
    }
  });
  const source = new KeyedVectors(order.map((r) => `x:${target.keyAt(r)}`), data, d);
  const pairs = (from: number, to: number): [string, string][] => Array.from({ length: to - from }, (_, i) => [`x:${target.keyAt(from + i)}`, target.keyAt(from + i)]);
  const seed = dictionaryFromPairs(pairs(0, 5000), source, target);
  assert.equal(seed.source.length, 5000);
  const res = alignVectors(source, target, { dictionary: seed, refinements: 1 });
  assert.equal(res.rounds.length, 2);
  assert.ok(res.rounds.every((r) => r.meanCosine !== null && r.meanCosine > 0.95), JSON.stringify(res.rounds));
  const bli = evaluateAlignment(res, dictionaryFromPairs(pairs(5000, 6500), source, target));
  assert.equal(bli.queries, 1500);
  assert.ok(bli['p@1'] >= 0.995, `P@1 ${bli['p@1']}`);
  assert.ok(bli['cslsP@1']! >= 0.995, `CSLS P@1 ${bli['cslsP@1']}`);
  // W ≈ Qᵀ (the inverse rotation): row i of W is column i of Q
  let worst = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) worst = Math.max(worst, Math.abs(res.transform.w[i * d + j]! - q[j * d + i]!));
  assert.ok(worst < 0.02, `max |W − Qᵀ| = ${worst}`);
  // the mapped space answers nearest-neighbour queries in the target vocabulary
  const king = res.mapped.get('x:king')!;
  assert.equal(target.nearestToVector(king, 1).keys[0], 'king');
});

test('identical-strings seed, nearest-neighbour S2T induction and NN-only evaluation on a small rotated space', () => {
  const n = 600;
  const d = 12;
  const g = gaussian(mulberry32(21));
  const q = randomRotation(d, g);
  const keys = Array.from({ length: n }, (_, i) => `w${i}`);
  const t = Float32Array.from({ length: n * d }, g);
  const s = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) for (let c = 0; c < d; c++) s[i * d + j]! += t[i * d + c]! * q[c * d + j]!;
  // only the first 100 keys are shared: the identical-strings seed
  const source = new KeyedVectors(keys.map((k, i) => (i < 100 ? k : `s${k}`)), s, d);
  const target = new KeyedVectors(keys, t, d);
  const res = alignVectors(source, target, { refinements: 2, induction: { method: 'nn', build: 'S2T', maxRank: 400 } });
  assert.equal(res.seedPairs, 100);
  assert.equal(res.rounds[0]!.dictionarySize, 100);
  assert.equal(res.rounds[1]!.dictionarySize, 400, 'S2T keeps one pair per source word within maxRank');
  assert.equal(res.terms, undefined, 'no CSLS terms with nn induction');
  const test = dictionaryFromPairs(keys.slice(100).map((k) => [`s${k}`, k] as [string, string]), source, target);
  const bli = evaluateAlignment(res, test, { nnOnly: true });
  assert.equal(bli['p@1'], 1);
  assert.equal(bli['cslsP@1'], null);
  assert.equal(bli.queries, 500);
});

test('dictionaries: several translations per word, unknown words counted, max vocabulary, errors name file:line', () => {
  const src = new KeyedVectors(['a', 'b', 'c', 'd'], new Float32Array(8), 2);
  const tgt = new KeyedVectors(['x', 'y', 'z'], new Float32Array(6), 2);
  const dict = parseDictionary('c z\na x\na y\n\nb q\nw x\nd x\n', src, tgt, { maxVocab: 3 });
  assert.deepEqual(Array.from(dict.source), [0, 0, 2]);
  assert.deepEqual(Array.from(dict.target), [0, 1, 2]);
  assert.equal(dict.sourceWords, 2);
  assert.equal(dict.read, 6);
  assert.equal(dict.missing, 3); // b q (target), w x (source), d x (d beyond maxVocab 3)
  assert.equal(dict.missingSource, 2);
  assert.equal(dict.missingTarget, 1);
  assert.throws(() => parseDictionary('a x\na x y\n', src, tgt, { file: 'train.txt' }), (e: unknown) => e instanceof FormatError && e.where === 'train.txt:2' && /2 whitespace-separated words/.test(e.message));
  assert.throws(() => parseDictionary('\n\n', src, tgt), (e: unknown) => e instanceof EmbedkitError && e.code === 'EMPTY_INPUT');
  assert.throws(() => readDictionary('/nonexistent/dict.txt', src, tgt), (e: unknown) => e instanceof EmbedkitError && e.code === 'FILE_NOT_FOUND' && e.where === '/nonexistent/dict.txt');
  const same = identicalDictionary(src, new KeyedVectors(['c', 'zz', 'a'], new Float32Array(6), 2));
  assert.deepEqual([Array.from(same.source), Array.from(same.target)], [[0, 2], [2, 0]]);
});

test('orthogonal alignment of different dimensions is an error that points to least squares; bad options name the option', () => {
  const a = new KeyedVectors(['a', 'b', 'c'], Float32Array.from([1, 0, 0, 1, 1, 1]), 2);
  const b = new KeyedVectors(['a', 'b', 'c'], Float32Array.from([1, 0, 0, 0, 1, 0, 1, 1, 0]), 3);
  assert.throws(() => alignVectors(a, b), (e: unknown) => e instanceof EmbedkitError && e.code === 'DIM_MISMATCH' && /least-squares/.test(e.message));
  assert.throws(() => alignVectors(a, a, { refinements: -1 }), (e: unknown) => e instanceof EmbedkitError && e.where === 'refinements');
  assert.throws(() => alignVectors(a, a, { preprocess: ['renorm' as 'unit'] }), (e: unknown) => e instanceof EmbedkitError && e.where === 'preprocess');
  // least squares maps 2-d to 3-d spaces
  const res = alignVectors(a, b, { method: 'least-squares', refinements: 0, select: 'last' });
  assert.equal(res.mapped.dim, 3);
  assert.deepEqual(Array.from(res.mapped.get('a')!).map((v) => Math.round(v * 1e5) / 1e5), [1, 0, 0]);
});

test('a fitted map is a transform: saved, loaded (validated), and applied to an embedder (text vectors → another space)', async () => {
  const words = await readVectors(join(FIXTURES, 'static', 'vectors.txt'));
  const embedder = new StaticEmbedder(words);
  const texts = ['the cat sat on the mat', 'of the people', 'a new day', 'the end of it', 'on the other hand', 'it was the best', 'a cat and a dog', 'to be or not', 'in the city', 'as it is'];
  const x = await embedder.embed(texts);
  // a second "model": a fixed random linear image of the first plus an offset
  const g = gaussian(mulberry32(3));
  const w = Float32Array.from({ length: x.dim * 3 }, g);
  const y = new LinearMap({ method: 'least-squares', w, inputDim: x.dim, outputDim: 3, bias: Float32Array.from([1, 2, 3]) }).apply(x);
  const map = fitLinearMap(x, y, { intercept: true });
  const tmp = tempDir();
  try {
    const file = join(tmp.path, 'map.json');
    await saveTransforms(file, [map]);
    const loaded = loadTransforms(file);
    assert.equal(loaded[0]!.kind, 'linear-map');
    const transformed = new TransformedEmbedder(embedder, loaded);
    assert.equal(transformed.dim, 3);
    assert.match(transformed.id, /\+linear-map@[0-9a-f]{8}$/);
    const out = await transformed.embed(texts);
    for (let i = 0; i < out.data.length; i++) assert.ok(Math.abs(out.data[i]! - y.data[i]!) < 1e-3, `value ${i}: ${out.data[i]} vs ${y.data[i]}`);
    // a damaged file is a FormatError naming the field
    const doc = JSON.parse(await import('node:fs/promises').then((f) => f.readFile(file, 'utf8'))) as { transforms: { arrays: Record<string, string> }[] };
    doc.transforms[0]!.arrays['w'] = Buffer.from(new Uint8Array(8)).toString('base64');
    writeFileSync(file, JSON.stringify(doc));
    assert.throws(() => loadTransforms(file), (e: unknown) => e instanceof FormatError && /linear-map/.test(e.message) && e.file.includes('map.json'));
  } finally {
    tmp.cleanup();
  }
});
