import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topKDot, topKDotBatch, topKOfScores } from '../../src/math/top-k.js';
import { TopKHeap } from '../../src/math/top-k-heap.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function bruteForce(matrix: Float32Array, dim: number, q: Float32Array, k: number, exclude = new Set<number>(), limit = Infinity): number[] {
  const rows = Math.min(matrix.length / dim, limit);
  const scored: [number, number][] = [];
  for (let r = 0; r < rows; r++) {
    if (exclude.has(r)) continue;
    let s = 0;
    for (let j = 0; j < dim; j++) s += matrix[r * dim + j]! * q[j]!;
    scored.push([Math.fround(s), r]);
  }
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return scored.slice(0, k).map((x) => x[1]);
}

test('TopKHeap keeps the k largest, best first', () => {
  const h = new TopKHeap(3);
  for (const [s, i] of [[0.1, 0], [0.9, 1], [0.5, 2], [0.7, 3], [-1, 4], [0.8, 5]] as const) h.push(s, i);
  const r = h.result();
  assert.deepEqual(Array.from(r.indices), [1, 5, 3]);
  assert.deepEqual(Array.from(r.scores), [0.9, 0.8, 0.7].map(Math.fround));
});

test('topKDot equals a full sort on random data, with exclusions and a row limit', () => {
  const rnd = lcg(7);
  const dim = 13;
  const rows = 2000;
  const m = Float32Array.from({ length: rows * dim }, rnd);
  for (let t = 0; t < 5; t++) {
    const q = Float32Array.from({ length: dim }, rnd);
    const exclude = new Set([t, t * 10, 100 + t]);
    const got = topKDot(m, dim, q, 10, { exclude, limit: 1500 });
    assert.deepEqual(Array.from(got.indices), bruteForce(m, dim, q, 10, exclude, 1500));
    for (let i = 1; i < got.scores.length; i++) assert.ok(got.scores[i - 1]! >= got.scores[i]!);
  }
});

test('topKDotBatch gives the same answers as one query at a time', () => {
  const rnd = lcg(11);
  const dim = 24;
  const rows = 3000;
  const m = Float32Array.from({ length: rows * dim }, rnd);
  const nq = 70;
  const qs = Float32Array.from({ length: nq * dim }, rnd);
  const excl = Array.from({ length: nq }, (_, i) => new Set([i, i + 1]));
  const batch = topKDotBatch(m, dim, qs, 7, { exclude: excl });
  for (let i = 0; i < nq; i++) {
    const single = topKDot(m, dim, qs.subarray(i * dim, (i + 1) * dim), 7, { exclude: excl[i]! });
    assert.deepEqual(Array.from(batch[i]!.indices), Array.from(single.indices));
  }
});

test('k larger than the candidate set returns every candidate', () => {
  const r = topKOfScores(Float32Array.from([3, 1, 2]), 10, new Set([1]));
  assert.deepEqual(Array.from(r.indices), [0, 2]);
});

test('single-query SIMD path (large matrices) agrees with the scalar path', () => {
  const rnd = lcg(23);
  const dim = 50;
  const rows = 5003; // not a multiple of the block or of 4
  const m = Float32Array.from({ length: rows * dim }, rnd);
  for (let t = 0; t < 3; t++) {
    const q = Float32Array.from({ length: dim }, rnd);
    const exclude = new Set([t, 4000 + t]);
    const fast = topKDot(m, dim, q, 10, { exclude, limit: 5001 });
    const slow = topKDot(m, dim, q, 10, { exclude, limit: 5001, scalar: true });
    assert.deepEqual(Array.from(fast.indices), Array.from(slow.indices));
    fast.scores.forEach((s, i) => assert.ok(Math.abs(s - slow.scores[i]!) < 1e-5));
    assert.deepEqual(Array.from(slow.indices), bruteForce(m, dim, q, 10, exclude, 5001));
  }
});
