import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPoolStats, scanThreads, setScanThreads, startScanThreads } from '../../src/math/scan-pool.js';
import { isShared, sharedFloat32, toShared } from '../../src/math/shared-memory.js';
import { topKDot, topKDotBatch } from '../../src/math/top-k.js';
import { type TopK } from '../../src/math/top-k-heap.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

const same = (a: TopK[], b: TopK[]): void => {
  assert.equal(a.length, b.length);
  a.forEach((x, i) => {
    assert.deepEqual(Array.from(x.indices), Array.from(b[i]!.indices), `query ${i} indices`);
    assert.deepEqual(Array.from(x.scores), Array.from(b[i]!.scores), `query ${i} scores`);
  });
};

test('a scan thread that fails mid-scan is retired and the chunks it claimed are rescanned: same results', async () => {
  const rnd = lcg(3);
  const dim = 64;
  const rows = 60_000;
  const matrix = sharedFloat32(rows * dim);
  for (let i = 0; i < matrix.length; i++) matrix[i] = rnd();
  // 256 queries: each of the 16 chunks takes the calling thread milliseconds, so the other thread
  // claims (and fails on) a chunk before they are all gone.
  const queries = Float32Array.from({ length: 256 * dim }, rnd);
  const previous = scanThreads();
  try {
    setScanThreads(1);
    const one = topKDotBatch(matrix, dim, queries, 10);
    process.env['EMBEDKIT_TEST_SCAN_THREAD_FAILS'] = '1'; // read by threads started from now on
    setScanThreads(2);
    assert.equal(await startScanThreads(), 2);
    const before = scanPoolStats();
    same(topKDotBatch(matrix, dim, queries, 10), one);
    const after = scanPoolStats();
    assert.equal(after.parallelScans - before.parallelScans, 1);
    assert.equal(after.takenOver - before.takenOver, 1, 'the failing thread was taken over');
    assert.ok(after.rescannedChunks - before.rescannedChunks >= 1, 'the chunk it claimed was rescanned');
  } finally {
    delete process.env['EMBEDKIT_TEST_SCAN_THREAD_FAILS'];
    setScanThreads(previous);
  }
});

test('shared arrays: toShared copies plain arrays once and keeps shared ones', () => {
  const plain = Float32Array.from([1, 2, 3]);
  const shared = toShared(plain);
  assert.ok(isShared(shared) && !isShared(plain));
  assert.deepEqual(Array.from(shared), [1, 2, 3]);
  assert.equal(toShared(shared), shared);
  assert.equal(sharedFloat32(4).length, 4);
});

test('scans split over threads return exactly what one thread returns (batch, single, exclusions, limit)', async () => {
  const rnd = lcg(11);
  const dim = 96;
  const rows = 50_021; // not a multiple of any block size
  const matrix = sharedFloat32(rows * dim);
  for (let i = 0; i < matrix.length; i++) matrix[i] = rnd();
  // Plant exact ties across the split points so merging must break them by row number.
  matrix.copyWithin(40_000 * dim, 7 * dim, 8 * dim);
  const q = 40;
  const queries = Float32Array.from({ length: q * dim }, rnd);
  queries.set(matrix.subarray(7 * dim, 8 * dim), 0); // query 0's best two rows tie, one in each share
  const exclude = Array.from({ length: q }, (_, i) => (i % 3 === 0 ? new Set([i, i * 100]) : undefined));
  const previous = scanThreads();
  try {
    setScanThreads(1);
    const one = topKDotBatch(matrix, dim, queries, 10, { exclude });
    const oneLimited = topKDotBatch(matrix, dim, queries, 5, { limit: 30_000 });
    const oneSingle = [topKDot(matrix, dim, queries.subarray(0, dim), 25)];
    setScanThreads(2);
    assert.equal(await startScanThreads(), 2);
    const before = scanPoolStats().parallelScans;
    const takenOver = scanPoolStats().takenOver;
    assert.deepEqual(Array.from(one[0]!.indices.subarray(0, 2)), [7, 40_000]);
    same(topKDotBatch(matrix, dim, queries, 10, { exclude }), one);
    same(topKDotBatch(matrix, dim, queries, 5, { limit: 30_000 }), oneLimited);
    same([topKDot(matrix, dim, queries.subarray(0, dim), 25)], oneSingle);
    assert.equal(scanPoolStats().parallelScans - before, 3, 'all three scans were split');
    assert.equal(scanPoolStats().takenOver, takenOver, 'no thread failed');
    setScanThreads(3); // more threads than this machine may have: still exact
    same(topKDotBatch(matrix, dim, queries, 10, { exclude }), one); // third thread still starting: two are used
    assert.equal(await startScanThreads(), 3);
    same(topKDotBatch(matrix, dim, queries, 10, { exclude }), one);
    // And against the scalar float64 path (set-wise: f32 and f64 sums may order near-ties differently).
    const scalar = topKDotBatch(matrix, dim, queries, 10, { exclude, scalar: true });
    scalar.forEach((s, i) => {
      const got = new Set(one[i]!.indices);
      assert.ok(Array.from(s.indices).filter((x) => got.has(x)).length >= 9, `query ${i}`);
    });
  } finally {
    setScanThreads(previous);
  }
});
