import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { EmbedkitError } from '../../src/errors.js';

// A hand-made 2-D space where the answers can be worked out on paper.
const keys = ['man', 'woman', 'king', 'queen', 'apple', 'Paris'];
const data = Float32Array.from([
  1, 0, // man
  1, 1, // woman (+y = "female")
  3, 0.2, // king
  3, 1.3, // queen
  -1, 0.1, // apple
  0, -2, // Paris (capital key)
]);
const kv = new KeyedVectors(keys, data, 2);

test('similarity is the cosine of the two vectors', () => {
  assert.ok(Math.abs(kv.similarity('man', 'woman') - 1 / Math.SQRT2) < 1e-6);
  assert.equal(kv.similarity('man', 'man'), 1);
});

test('look-ups fall back to lower case, and only then', () => {
  assert.equal(kv.indexOf('MAN'), 0);
  assert.equal(kv.indexOf('Paris'), 5);
  assert.equal(kv.indexOf('paris'), -1);
  assert.equal(kv.has('nothing'), false);
  assert.throws(() => kv.similarity('man', 'nothing'), (e: unknown) => e instanceof EmbedkitError && e.code === 'UNKNOWN_WORD');
});

test('mostSimilar excludes the query words and ranks by cosine', () => {
  const r = kv.mostSimilar({ positive: ['king'], topK: 3 });
  assert.ok(!r.keys.includes('king'));
  assert.equal(r.keys[0], 'man'); // cos(king, man) = 3/sqrt(9.04) ≈ 0.9978
  assert.ok(Math.abs(r.scores[0]! - 3 / Math.sqrt(9.04)) < 1e-6);
});

test('analogy 3CosAdd and 3CosMul answer queen', () => {
  assert.equal(kv.analogy('man', 'king', 'woman').keys[0], 'queen');
  assert.equal(kv.analogy('man', 'king', 'woman', { method: 'mul' }).keys[0], 'queen');
  // 3CosMul score of queen, computed by hand from the definition
  const cos = (a: string, b: string): number => kv.similarity(a, b);
  const s = (x: number): number => (x + 1) / 2;
  const expected = (s(cos('queen', 'king')) * s(cos('queen', 'woman'))) / (s(cos('queen', 'man')) + 1e-3);
  assert.ok(Math.abs(kv.analogy('man', 'king', 'woman', { method: 'mul' }).scores[0]! - expected) < 1e-5);
});

test('restrictVocab limits the answers to the first rows', () => {
  const r = kv.mostSimilar({ positive: ['queen'], topK: 5, restrictVocab: 3 });
  assert.deepEqual([...r.keys].sort(), ['king', 'man', 'woman']);
});

test('doesntMatch picks the odd one out', () => {
  assert.equal(kv.doesntMatch(['man', 'king', 'queen', 'Paris']).key, 'Paris');
});

test('nearestToVector ranks all rows without exclusions', () => {
  assert.equal(kv.nearestToVector(Float32Array.from([0, -1]), 1).keys[0], 'Paris');
  assert.throws(() => kv.nearestToVector(Float32Array.from([1, 2, 3])), (e: unknown) => e instanceof EmbedkitError && e.code === 'DIM_MISMATCH');
});

test('constructor validates matrix size and unique keys', () => {
  assert.throws(() => new KeyedVectors(['a', 'b'], new Float32Array(3), 2), /DIM|dimension|size/i);
  assert.throws(() => new KeyedVectors(['a', 'a'], new Float32Array(4), 2), /duplicate/);
});
