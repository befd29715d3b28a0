import { test } from 'node:test';
import assert from 'node:assert/strict';
import { popcount32, scanInt8 } from '../../src/collections/indexes/quantized-index.js';
import { TopKHeap } from '../../src/math/top-k-heap.js';
import { CodeScan } from '../../src/math/wasm/code-scan.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('int8 SIMD scan equals float scoring of the codes (odd rows and dims, padding ignored)', () => {
  const rnd = lcg(5);
  for (const [rows, dim] of [[1001, 37], [4096 + 3, 384], [5, 16]] as const) {
    const codes = Int8Array.from({ length: rows * dim }, () => Math.floor(rnd() * 256) - 128);
    const w = Float32Array.from({ length: dim }, () => (rnd() - 0.5) * 0.02);
    const base = 0.25;
    const scan = CodeScan.create(rows, dim);
    assert.ok(scan !== undefined, 'WebAssembly SIMD is available on Node 20');
    scan.fill(new Uint8Array(codes.buffer), dim);
    // Stored codes are the input, row by row.
    for (const r of [0, rows - 1]) assert.deepEqual(Array.from(new Int8Array(scan.bytes.buffer, scan.bytes.byteOffset + r * scan.stride, dim)), Array.from(codes.subarray(r * dim, (r + 1) * dim)));
    const k = Math.min(50, rows);
    const heap = new TopKHeap(k);
    scanInt8(scan, w, dim, base, heap);
    const got = heap.result();
    const exact = (r: number): number => {
      let s = base;
      for (let d = 0; d < dim; d++) s += w[d]! * codes[r * dim + d]!;
      return s;
    };
    const maxW = Math.max(...Array.from(w, Math.abs));
    const tol = (maxW / 16383) * 128 * dim; // int16 rounding of the weights, worst case
    for (let i = 0; i < got.indices.length; i++) assert.ok(Math.abs(got.scores[i]! - exact(got.indices[i]!)) <= tol, `row ${got.indices[i]}`);
    const want = Array.from({ length: rows }, (_, r) => [exact(r), r] as const).sort((a, b) => b[0] - a[0]).slice(0, k);
    const gotSet = new Set(got.indices);
    const missed = want.filter(([s, r]) => !gotSet.has(r) && s > want[k - 1]![0] + 2 * tol);
    assert.deepEqual(missed, [], 'every clearly-top row is found');
  }
});

test('Hamming SIMD scan equals XOR + popcount on 32-bit words, for every row', () => {
  const rnd = lcg(9);
  for (const [rows, words] of [[999, 3], [4100, 12], [7, 1]] as const) {
    const codes = Uint32Array.from({ length: rows * words }, () => Math.floor(rnd() * 2 ** 32));
    const q = Uint32Array.from({ length: words }, () => Math.floor(rnd() * 2 ** 32));
    const scan = CodeScan.create(rows, words * 4)!;
    scan.fill(new Uint8Array(codes.buffer), words * 4);
    const qb = scan.query();
    new Uint32Array(qb.buffer, qb.byteOffset, words).set(q);
    const got = new Int32Array(rows);
    scan.scan('hamming', (out, from, n) => got.set(out.subarray(0, n), from));
    for (let r = 0; r < rows; r++) {
      let h = 0;
      for (let w = 0; w < words; w++) h += popcount32((codes[r * words + w]! ^ q[w]!) >>> 0);
      assert.equal(got[r], h, `row ${r}`);
    }
  }
});
