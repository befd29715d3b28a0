import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topKDotBatch } from '../../src/math/top-k.js';
import { DotKernels } from '../../src/math/wasm/dot-kernels.js';
import { seededRandom } from '../../src/learn/random.js';

test('the WebAssembly gemm kernel computes A·Bᵀ (2×4 tiles, padded sizes)', () => {
  const k = DotKernels.get();
  assert.ok(k !== undefined, 'WebAssembly SIMD available');
  const rand = seededRandom(3);
  const m = 6;
  const n = 8;
  const d = 12;
  k.reset();
  const a = k.alloc(m * d * 4);
  const b = k.alloc(n * d * 4);
  const o = k.alloc(m * n * 4);
  const A = Float32Array.from({ length: m * d }, () => rand() - 0.5);
  const B = Float32Array.from({ length: n * d }, () => rand() - 0.5);
  k.f32(a, m * d).set(A);
  k.f32(b, n * d).set(B);
  k.gemmNT(a, m, b, n, d, o);
  const out = k.f32(o, m * n);
  for (let i = 0; i < m; i++) {
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += A[i * d + j]! * B[r * d + j]!;
      assert.ok(Math.abs(out[i * n + r]! - s) < 1e-5, `(${i},${r}) ${out[i * n + r]} vs ${s}`);
    }
  }
  k.reset();
});

test('topKDotBatch: the WebAssembly path returns what the scalar path returns (odd dim, odd counts, limit, exclude)', () => {
  const rand = seededRandom(9);
  const dim = 37;
  const rows = 2501;
  const nq = 33;
  const m = Float32Array.from({ length: rows * dim }, () => rand() - 0.5);
  const qs = Float32Array.from({ length: nq * dim }, () => rand() - 0.5);
  const exclude = Array.from({ length: nq }, (_, i) => (i % 3 === 0 ? new Set([i, i * 7]) : undefined));
  const fast = topKDotBatch(m, dim, qs, 5, { limit: 2400, exclude });
  const slow = topKDotBatch(m, dim, qs, 5, { limit: 2400, exclude, scalar: true });
  for (let i = 0; i < nq; i++) {
    assert.deepEqual(Array.from(fast[i]!.indices), Array.from(slow[i]!.indices), `query ${i}`);
    for (let j = 0; j < 5; j++) assert.ok(Math.abs(fast[i]!.scores[j]! - slow[i]!.scores[j]!) < 1e-5);
    for (const x of fast[i]!.indices) assert.ok(x < 2400 && !(exclude[i]?.has(x) ?? false));
  }
});
