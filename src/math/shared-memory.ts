/**
 * Float32 arrays in shared memory, so the scan threads (scan-pool.ts) read a matrix without copying it.
 * A shared array behaves like any other Float32Array for the code that fills and reads it.
 */
import { ARENA_MIN_VALUES, arenaFloat32 } from './matrix-arena.js';
import type { Matrix } from './matrix.js';

/** True when `a` lives in a SharedArrayBuffer (a worker thread can read it in place). */
export function isShared(a: Float32Array): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
}

/**
 * A zero-filled Float32Array of `length` values in shared memory (a plain array where threads are
 * unavailable). Large ones live in an arena (matrix-arena.ts), where the kernel reads them in place.
 */
export function sharedFloat32(length: number): Float32Array {
  if (typeof SharedArrayBuffer === 'undefined') return new Float32Array(length);
  if (length >= ARENA_MIN_VALUES) {
    const a = arenaFloat32(length);
    if (a !== undefined) return a;
  }
  return new Float32Array(new SharedArrayBuffer(length * 4));
}

/** `a` itself when already shared, else a shared copy. */
export function toShared(a: Float32Array): Float32Array {
  if (isShared(a)) return a;
  const out = sharedFloat32(a.length);
  out.set(a);
  return out;
}

/** Matrices at least this large are allocated shared by `matrixFloat32`. */
const SHARE_MIN_VALUES = 1 << 16;

/** Storage for a matrix that may be scanned: shared when large enough for threads to pay off. */
export function matrixFloat32(length: number): Float32Array {
  return length >= SHARE_MIN_VALUES ? sharedFloat32(length) : new Float32Array(length);
}

/** `m` itself when its data is shared or small, else a copy whose data is shared (made once, by its owner). */
export function shareMatrix(m: Matrix): Matrix {
  if (isShared(m.data) || m.data.length < SHARE_MIN_VALUES) return m;
  return { data: toShared(m.data), rows: m.rows, dim: m.dim };
}
