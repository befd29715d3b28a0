import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadVectors } from '../../src/vectors/load.js';
import { listModels } from '../../src/vectors/registry.js';
import { TEST_CACHE_DIR, tempDir } from '../helpers.js';

process.env['EMBEDKIT_CACHE_DIR'] = TEST_CACHE_DIR;
const kv = await loadVectors('glove-100d');

test('glove-100d: 341,479 words × 100 dims in frequency order, cached as ekv', () => {
  assert.equal(kv.size, 341_479);
  assert.equal(kv.dim, 100);
  assert.deepEqual(kv.keys.slice(0, 5), ['the', ',', '.', 'of', 'to']);
  assert.ok(existsSync(join(TEST_CACHE_DIR, 'glove-100d.v2.ekv')));
  assert.equal(listModels()[0]!.name, 'glove-100d');
});

test('glove-100d: known values of the GloVe 6B 100d vector for "the"', () => {
  // first values of glove.6B.100d.txt's "the" row
  assert.deepEqual(Array.from(kv.get('the')!.subarray(0, 4)), [-0.038194, -0.24487, 0.72812, -0.39961].map(Math.fround));
});

test('glove-100d: king → queen in the top 5; man:king :: woman:queen (both methods)', () => {
  assert.ok(kv.mostSimilar({ positive: ['king'], topK: 5 }).keys.includes('queen'));
  assert.equal(kv.analogy('man', 'king', 'woman').keys[0], 'queen');
  assert.equal(kv.analogy('man', 'king', 'woman', { method: 'mul' }).keys[0], 'queen');
  assert.equal(kv.doesntMatch(['breakfast', 'cereal', 'dinner', 'lunch']).key, 'cereal');
});

test('glove-100d: loading with a limit reads the first rows only', async () => {
  const small = await loadVectors('glove-100d', { limit: 1000 });
  assert.equal(small.size, 1000);
  assert.deepEqual(Array.from(small.get('the')!), Array.from(kv.get('the')!));
});

test('glove-100d: a damaged cache is detected, reported and rebuilt', async () => {
  const tmp = tempDir();
  const saved = process.env['EMBEDKIT_CACHE_DIR'];
  try {
    const cache = join(tmp.path, 'cache');
    mkdirSync(cache);
    const file = join(cache, 'glove-100d.v2.ekv');
    const good = readFileSync(join(TEST_CACHE_DIR, 'glove-100d.v2.ekv'));
    const bad = Buffer.from(good.subarray(0, good.length - 1000)); // truncated, as after a crash of a non-atomic writer
    writeFileSync(file, bad);
    process.env['EMBEDKIT_CACHE_DIR'] = cache;
    const warnings: string[] = [];
    const rebuilt = await loadVectors('glove-100d', { onWarning: (w) => warnings.push(w) });
    assert.equal(rebuilt.size, 341_479);
    assert.ok(warnings.some((w) => /unusable.*file size disagrees.*rebuilding/.test(w)), warnings.join('; '));
    assert.ok(readFileSync(file).equals(good), 'rebuilt cache is byte-identical to the original');
  } finally {
    process.env['EMBEDKIT_CACHE_DIR'] = saved;
    tmp.cleanup();
  }
});
