/** Semantic change: shared vocabulary, the ranking API on planted shifts, and State of the Union periods. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { sharedVocabulary } from '../../src/analysis/semantic-change/shared-vocabulary.js';
import { semanticShift } from '../../src/analysis/semantic-change/semantic-shift.js';
import { buildSotuCorpus, sotuAddresses } from '../../src/analysis/semantic-change/sotu-corpus.js';
import { EmbedkitError } from '../../src/errors.js';
import { seededRandom as mulberry32 } from '../../src/learn/random.js';

test('shared vocabulary: exact keys, first space order, maxWords cuts each space first', () => {
  const a = new KeyedVectors(['the', 'cat', 'dog', 'emu'], Float32Array.from([1, 0, 0, 1, 1, 1, 2, 1]), 2);
  const b = new KeyedVectors(['dog', 'the', 'Cat', 'emu'], Float32Array.from([5, 5, 6, 6, 7, 7, 8, 8]), 2);
  const s = sharedVocabulary(a, b);
  assert.deepEqual(s.words, ['the', 'dog', 'emu']);
  assert.deepEqual(Array.from(s.b.data), [6, 6, 5, 5, 8, 8]);
  assert.deepEqual(sharedVocabulary(a, b, { maxWords: 3 }).words, ['the', 'dog']);
  assert.throws(() => sharedVocabulary(a, new KeyedVectors(['x', 'y'], new Float32Array(4), 2)), (e: unknown) => e instanceof EmbedkitError && e.code === 'EMPTY_INPUT');
});

test('semanticShift: planted moves rank first under both measures, with neighbours from each space', () => {
  const n = 400;
  const d = 20;
  const rand = mulberry32(11);
  const g = (): number => Math.sqrt(-2 * Math.log(rand() || 1e-300)) * Math.cos(2 * Math.PI * rand());
  const keys = Array.from({ length: n }, (_, i) => `w${i}`);
  const a = Float32Array.from({ length: n * d }, g);
  // b: a permuted-axis, sign-flipped copy (an orthogonal map) with small noise; words 7 and 99 take another word's place
  const b = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) b[i * d + j] = (j % 2 === 0 ? -1 : 1) * a[i * d + ((j + 3) % d)]! + 0.05 * g();
  for (const [moved, like] of [[7, 200], [99, 300]] as const) for (let j = 0; j < d; j++) b[moved * d + j] = b[like * d + j]! + 0.05 * g();
  const r = semanticShift(new KeyedVectors(keys, a, d), new KeyedVectors(keys, b, d), { top: 2, k: 10, shownNeighbours: 3 });
  assert.equal(r.sharedWords, n);
  assert.deepEqual(r.byGlobal.map((w) => w.word).sort(), ['w7', 'w99']);
  assert.deepEqual(r.byLocal.map((w) => w.word).sort(), ['w7', 'w99']);
  const w7 = r.byGlobal.find((w) => w.word === 'w7')!;
  assert.equal(w7.neighboursB[0], 'w200', 'in the second space w7 sits next to w200');
  assert.equal(w7.neighboursA.length, 3);
  assert.ok(w7.overlap < 0.2);
  assert.ok(r.alignedMeanCosine > 0.95);
  assert.throws(() => semanticShift(new KeyedVectors(keys, a, d), new KeyedVectors(keys, b, d), { k: n }), (e: unknown) => e instanceof EmbedkitError && e.where === 'k');
});

test('State of the Union periods: addresses by year, tokenized one address a line, cached', async () => {
  const all = await sotuAddresses();
  assert.equal(all[0]!.year, 1790);
  assert.ok(all.length > 200);
  const tmp = tempDir();
  try {
    const c = await buildSotuCorpus({ from: 1790, to: 1791, outDir: tmp.path });
    assert.equal(c.addresses, 2);
    assert.deepEqual(c.years, [1790, 1791]);
    assert.equal(c.cached, false);
    const lines = readFileSync(c.path, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, c.lines);
    assert.ok(lines[0]!.startsWith('fellow-citizens of the senate and house of representatives :'), lines[0]!.slice(0, 60));
    assert.equal(lines.join(' ').split(' ').length, c.tokens);
    const again = await buildSotuCorpus({ from: 1790, to: 1791, outDir: tmp.path });
    assert.equal(again.cached, true);
    assert.equal(again.tokens, c.tokens);
    assert.equal(join(tmp.path, 'sotu-1790-1791.txt'), c.path);
    await assert.rejects(buildSotuCorpus({ from: 1700, to: 1710, outDir: tmp.path }), (e: unknown) => e instanceof EmbedkitError && e.code === 'EMPTY_INPUT');
    await assert.rejects(buildSotuCorpus({ from: 1900, to: 1800, outDir: tmp.path }), (e: unknown) => e instanceof EmbedkitError && e.code === 'BAD_OPTION');
  } finally {
    tmp.cleanup();
  }
});
