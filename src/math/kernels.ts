/**
 * Pure numeric kernels over typed arrays. Loops are unrolled by four; no allocation inside.
 */
import { matrixFloat32 } from './shared-memory.js';

/** Dot product of `a[aOff..aOff+n)` and `b[bOff..bOff+n)`. */
export function dotAt(a: Float32Array, aOff: number, b: Float32Array, bOff: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  const n4 = n - (n % 4);
  for (; i < n4; i += 4) {
    s0 += a[aOff + i]! * b[bOff + i]!;
    s1 += a[aOff + i + 1]! * b[bOff + i + 1]!;
    s2 += a[aOff + i + 2]! * b[bOff + i + 2]!;
    s3 += a[aOff + i + 3]! * b[bOff + i + 3]!;
  }
  for (; i < n; i++) s0 += a[aOff + i]! * b[bOff + i]!;
  return s0 + s1 + s2 + s3;
}

export function dot(a: Float32Array, b: Float32Array): number {
  return dotAt(a, 0, b, 0, Math.min(a.length, b.length));
}

export function norm(a: Float32Array): number {
  return Math.sqrt(dotAt(a, 0, a, 0, a.length));
}

/** Cosine similarity; 0 when either vector is all zeros. */
export function cosine(a: Float32Array, b: Float32Array): number {
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return 0;
  return dot(a, b) / (na * nb);
}

/** L2 norms of every row of a row-major `rows × dim` array. */
export function rowNorms(data: Float32Array, dim: number): Float32Array {
  const rows = data.length / dim;
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = Math.sqrt(dotAt(data, r * dim, data, r * dim, dim));
  return out;
}

/** A copy with every row scaled to unit length (zero rows stay zero). */
export function normalizeRows(data: Float32Array, dim: number): Float32Array {
  const out = matrixFloat32(data.length); // shared when large: scans of it are split over threads
  out.set(data);
  normalizeRowsInPlace(out, dim);
  return out;
}

export function normalizeRowsInPlace(data: Float32Array, dim: number): void {
  const rows = data.length / dim;
  for (let r = 0; r < rows; r++) {
    const off = r * dim;
    const n = Math.sqrt(dotAt(data, off, data, off, dim));
    if (n > 0) {
      const inv = 1 / n;
      for (let j = 0; j < dim; j++) data[off + j]! *= inv;
    }
  }
}

/** A unit-length copy of one vector (zero stays zero), with the same arithmetic as `normalizeRows`. */
export function unitCopy(v: Float32Array): Float32Array {
  const out = new Float32Array(v);
  normalizeRowsInPlace(out, out.length);
  return out;
}

/** `out += scale · src[srcOff..srcOff+n)` */
export function axpy(out: Float32Array, scale: number, src: Float32Array, srcOff: number, n: number): void {
  for (let j = 0; j < n; j++) out[j]! += scale * src[srcOff + j]!;
}
