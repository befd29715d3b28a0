import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopKHeap } from '../../src/math/top-k.js';
import { Int8Codes } from '../../src/math/wasm/int8-kernels.js';

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
    const scanner = Int8Codes.create(codes, rows, dim);
    assert.ok(scanner !== undefined, 'WebAssembly SIMD is available on Node 20');
    // Stored codes are the input, row by row.
    for (const r of [0, rows - 1]) assert.deepEqual(Array.from(scanner.codes.subarray(r * scanner.stride, r * scanner.stride + dim)), Array.from(codes.subarray(r * dim, (r + 1) * dim)));
    const k = Math.min(50, rows);
    const heap = new TopKHeap(k);
    scanner.scanInto(w, base, heap);
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
