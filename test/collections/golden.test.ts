/**
 * Exact search and quantization codes against numpy (scripts/collections_golden.py).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FlatIndex } from '../../src/collections/indexes/flat-index.js';
import { BinaryIndex, calibrateInt8, popcount32, quantizeInt8 } from '../../src/collections/indexes/quantized-index.js';
import { readNpy } from '../../src/io/npy.js';
import { normalizeRows } from '../../src/math/kernels.js';
import { FIXTURES } from '../helpers.js';

const dir = join(FIXTURES, 'collections');
const golden = JSON.parse(readFileSync(join(dir, 'golden.json'), 'utf8')) as {
  dim: number;
  top5: { indices: number[]; scores: number[] }[];
  int8: { min: number[]; step: number[]; codes: number[] };
  binary: { thresholds: number[]; words: number[] };
};
const data = readNpy(join(dir, 'golden-data.npy'));
const queries = readNpy(join(dir, 'golden-queries.npy'));

describe('golden values (numpy)', () => {
  it('FlatIndex top-5 equals numpy cosine top-5', () => {
    const index = new FlatIndex({ data: normalizeRows(data.data, data.dim), rows: data.rows, dim: data.dim });
    golden.top5.forEach((want, i) => {
      const q = normalizeRows(queries.data.subarray(i * data.dim, (i + 1) * data.dim), data.dim);
      const got = index.search(q, 5);
      assert.deepEqual(Array.from(got.indices), want.indices);
      want.scores.forEach((s, j) => assert.ok(Math.abs(got.scores[j]! - s) < 1e-5, `score ${j}: ${got.scores[j]} vs ${s}`));
    });
  });

  it('int8 calibration and codes equal numpy', () => {
    const cal = calibrateInt8(data);
    assert.deepEqual(Array.from(cal.min), golden.int8.min);
    assert.deepEqual(Array.from(cal.step), golden.int8.step);
    assert.deepEqual(Array.from(quantizeInt8(data.data, data.dim, cal)), golden.int8.codes);
  });

  it('binary thresholds and packed sign bits equal numpy', () => {
    const b = new BinaryIndex(data);
    assert.deepEqual(Array.from(b.thresholds), golden.binary.thresholds);
    assert.deepEqual(Array.from(b.codes), golden.binary.words);
  });

  it('popcount32 on hand-computed words', () => {
    assert.equal(popcount32(0), 0);
    assert.equal(popcount32(0xffffffff), 32);
    assert.equal(popcount32(0x80000001), 2);
    assert.equal(popcount32(0b1011_0110), 5);
  });
});
