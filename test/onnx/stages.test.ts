/**
 * Pooling, truncation and quantization stages against hand-computed cases.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POOL_FUNCTIONS, type TokenStates } from '../../src/embedders/stages/pool.js';
import { type TransformerPooling } from '../../src/embedders/embedder.js';
import { quantizeEmbeddings, quantizationRanges } from '../../src/embedders/stages/quantize.js';
import { truncateDim } from '../../src/embedders/stages/truncate-dim.js';
import { windowStarts } from '../../src/embedders/onnx/onnx-embedder.js';

/** Token t of sequence b has vector [10b + t, −(10b + t)] (hidden 2), so every position is recognizable. */
function states(batch: number, seq: number): TokenStates {
  const data = new Float32Array(batch * seq * 2);
  for (let b = 0; b < batch; b++)
    for (let t = 0; t < seq; t++) {
      data[(b * seq + t) * 2] = 10 * b + t;
      data[(b * seq + t) * 2 + 1] = -(10 * b + t);
    }
  return { data, batch, seq, hidden: 2 };
}

function pool(mode: TransformerPooling, s: TokenStates, mask: number[]): number[] {
  const out = new Float32Array(s.batch * s.hidden);
  POOL_FUNCTIONS[mode](s, Uint8Array.from(mask), out);
  return Array.from(out);
}

describe('pooling stages', () => {
  // batch of 2, seq 4. Right padding: row 0 has 3 real tokens (0,1,2), row 1 has 4.
  const right = [1, 1, 1, 0, 1, 1, 1, 1];
  // Left padding: row 0 has real tokens at positions 1,2,3.
  const left = [0, 1, 1, 1, 1, 1, 1, 1];
  const s = states(2, 4);

  it('cls takes the first real token on either padding side', () => {
    assert.deepEqual(pool('cls', s, right), [0, -0, 10, -10]);
    assert.deepEqual(pool('cls', s, left), [1, -1, 10, -10]);
  });
  it('last takes the last real token on either padding side', () => {
    assert.deepEqual(pool('last', s, right), [2, -2, 13, -13]);
    assert.deepEqual(pool('last', s, left), [3, -3, 13, -13]);
  });
  it('mean and max ignore padding', () => {
    assert.deepEqual(pool('mean', s, right), [1, -1, 11.5, -11.5]);
    assert.deepEqual(pool('mean', s, left), [2, -2, 11.5, -11.5]);
    assert.deepEqual(pool('max', s, right), [2, -0, 13, -10]);
    assert.deepEqual(pool('max', s, left), [3, -1, 13, -10]);
  });
  it('weightedmean weights real tokens 1..n', () => {
    // right row 0: (1·0 + 2·1 + 3·2) / 6 = 8/6; row 1: (1·10 + 2·11 + 3·12 + 4·13) / 10 = 12
    const r = pool('weightedmean', s, right);
    assert.ok(Math.abs(r[0]! - 8 / 6) < 1e-6);
    assert.ok(Math.abs(r[2]! - 12) < 1e-6);
    // left row 0: (1·1 + 2·2 + 3·3) / 6 = 14/6 — same weights as the unpadded sequence
    assert.ok(Math.abs(pool('weightedmean', s, left)[0]! - 14 / 6) < 1e-6);
  });
  it('an all-padding row gives zeros, never NaN', () => {
    for (const mode of ['cls', 'mean', 'max', 'last', 'weightedmean'] as const) {
      assert.deepEqual(pool(mode, states(1, 3), [0, 0, 0]).map(Math.abs), [0, 0], mode);
    }
  });
  it('rejects mismatched shapes', () => {
    assert.throws(() => POOL_FUNCTIONS.mean(s, new Uint8Array(3), new Float32Array(4)), { code: 'DIM_MISMATCH' });
  });
});

describe('truncateDim', () => {
  it('keeps the first dims and re-normalizes', () => {
    const m = { data: Float32Array.from([3, 4, 12, 0, 2, 5]), rows: 2, dim: 3 };
    const t = truncateDim(m, 2, true);
    assert.equal(t.dim, 2);
    assert.deepEqual(Array.from(t.data), [0.6000000238418579, 0.800000011920929, 0, 1]);
    assert.deepEqual(Array.from(truncateDim(m, 2, false).data), [3, 4, 0, 2]);
    assert.throws(() => truncateDim(m, 4, true), { code: 'BAD_OPTION' });
  });
});

describe('quantize (sentence-transformers semantics)', () => {
  const m = { data: Float32Array.from([-1, 0.5, 2, 1, -0.25, 0, 0, 0.1, -3, 0.3, 0.2, 1]), rows: 3, dim: 4 };
  it('ubinary packs x > 0 bits, most significant first; binary subtracts 128', () => {
    const u = quantizeEmbeddings(m, 'ubinary');
    assert.equal(u.dim, 1);
    // rows: [-1,.5,2,1] → 0111 → 0b01110000 = 112; [-.25,0,0,.1] → 0001 → 16; [-3,.3,.2,1] → 0111 → 112
    assert.deepEqual(Array.from(u.data), [112, 16, 112]);
    assert.deepEqual(Array.from(quantizeEmbeddings(m, 'binary').data), [-16, -112, -16]);
  });
  // Golden values from numpy (float32), sentence-transformers' quantize_embeddings code:
  //   ranges = vstack((min(e, 0), max(e, 0))); steps = (ranges[1] - ranges[0]) / 255
  //   uint8: ((e - starts) / steps).astype(uint8); int8: ((e - starts) / steps - 128).astype(int8)
  it('uint8 / int8 use per-dimension min/max over the batch (numpy golden values)', () => {
    assert.deepEqual(Array.from(quantizeEmbeddings(m, 'uint8').data), [185, 254, 254, 255, 255, 0, 0, 0, 0, 153, 25, 255]);
    assert.deepEqual(Array.from(quantizeEmbeddings(m, 'int8').data), [57, 126, 126, 127, 127, -128, -128, -128, -128, 25, -102, 127]);
  });
  it('given calibration ranges are used instead of the batch', () => {
    const ranges = quantizationRanges({ data: Float32Array.from([-4, -4, -4, -4, 4, 4, 4, 4]), rows: 2, dim: 4 });
    assert.deepEqual(Array.from(quantizeEmbeddings(m, 'uint8', ranges).data), [95, 143, 191, 159, 119, 127, 127, 130, 31, 137, 133, 159]);
  });
});

describe('windowStarts', () => {
  it('covers every token with the given overlap, last window ends at n', () => {
    assert.deepEqual(windowStarts(5, 10, 2), [0]);
    assert.deepEqual(windowStarts(10, 10, 2), [0]);
    assert.deepEqual(windowStarts(20, 10, 2), [0, 8, 10]);
    assert.deepEqual(windowStarts(26, 10, 2), [0, 8, 16]);
  });
});
