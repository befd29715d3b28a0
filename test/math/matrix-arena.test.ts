/**
 * Matrices in an arena (a shared WebAssembly.Memory per matrix) are scanned in place for single queries:
 * the results equal the copying path bit for bit — on the calling thread and split over scan threads
 * that receive the arena's memory — and every other shape (dims not a multiple of 4, small matrices)
 * falls back to the copying path.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARENA_MIN_VALUES, arenaOf } from '../../src/math/matrix-arena.js';
import { scanPoolStats, scanThreads, setScanThreads, startScanThreads } from '../../src/math/scan-pool.js';
import { isShared, sharedFloat32 } from '../../src/math/shared-memory.js';
import { topKDot } from '../../src/math/top-k.js';

function filled(a: Float32Array, seed: number): Float32Array {
  let s = seed >>> 0;
  for (let i = 0; i < a.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 2 ** 32 - 0.5;
  }
  return a;
}

/** The same values in a plain SharedArrayBuffer (the copying path). */
function plainCopy(a: Float32Array): Float32Array {
  const out = new Float32Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

function assertSame(dim: number, inArena: Float32Array, plain: Float32Array, query: Float32Array, limit?: number): void {
  const opts = limit === undefined ? {} : { limit };
  const a = topKDot(inArena, dim, query, 10, opts);
  const b = topKDot(plain, dim, query, 10, opts);
  assert.deepEqual(Array.from(a.indices), Array.from(b.indices), `dim ${dim} limit ${limit} indices`);
  assert.deepEqual(Array.from(a.scores), Array.from(b.scores), `dim ${dim} limit ${limit} scores`);
}

test('large shared matrices live in an arena; small ones in a plain SharedArrayBuffer', () => {
  const big = sharedFloat32(ARENA_MIN_VALUES);
  assert.ok(isShared(big));
  assert.ok(arenaOf(big) !== undefined);
  assert.ok(arenaOf(big.subarray(100)) !== undefined, 'views of an arena matrix are found too');
  assert.equal(arenaOf(sharedFloat32(1024)), undefined);
  assert.equal(arenaOf(new Float32Array(ARENA_MIN_VALUES)), undefined);
});

test('single queries read an arena matrix in place: the same top-k as the copying path (calling thread)', () => {
  const previous = scanThreads();
  setScanThreads(1);
  try {
    for (const dim of [100, 384, 50]) {
      const rows = Math.ceil(ARENA_MIN_VALUES / dim) + 3; // a row count that is not a multiple of 4
      const m = filled(sharedFloat32(rows * dim), dim);
      assert.ok(arenaOf(m) !== undefined);
      const plain = plainCopy(m);
      const q = m.slice(17 * dim, 18 * dim);
      assertSame(dim, m, plain, q);
      assertSame(dim, m, plain, q, 4097); // a limit inside the matrix, not a multiple of 4
      assertSame(dim, m.subarray(dim * 5), plain.subarray(dim * 5), q); // a view starting at row 5
    }
  } finally {
    setScanThreads(previous);
  }
});

test('scan threads read the arena too (its memory is posted with the job): same results as one thread', async () => {
  const previous = scanThreads();
  const dim = 128;
  const rows = Math.ceil(ARENA_MIN_VALUES / dim) + 1;
  const m = filled(sharedFloat32(rows * dim), 7);
  const q = m.slice(3 * dim, 4 * dim);
  try {
    setScanThreads(1);
    const one = topKDot(m, dim, q, 10);
    setScanThreads(2);
    if ((await startScanThreads()) < 2) return; // no worker threads here: nothing more to compare
    const before = scanPoolStats().parallelScans;
    const two = topKDot(m, dim, q, 10);
    assert.ok(scanPoolStats().parallelScans > before, 'the scan was split');
    assert.deepEqual(Array.from(two.indices), Array.from(one.indices));
    assert.deepEqual(Array.from(two.scores), Array.from(one.scores));
    assert.deepEqual(Array.from(two.indices), Array.from(topKDot(plainCopy(m), dim, q, 10).indices));
  } finally {
    setScanThreads(previous);
  }
});
