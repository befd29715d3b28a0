/**
 * Unit-length copies of matrix rows for depth computations, in float64 (exact path) or float32 (SIMD
 * path). A zero row has no direction, so cosine distances to it are undefined: it is an error naming the
 * row (callers that accept empty texts drop those rows first).
 */
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';

export function unitRows64(m: Matrix, name: string): Float64Array {
  const { data, rows, dim } = m;
  const out = new Float64Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const off = r * dim;
    let s = 0;
    for (let j = 0; j < dim; j++) {
      const v = data[off + j]!;
      s += v * v;
    }
    if (!(s > 0) || !Number.isFinite(s)) throw zeroRow(name, r, s);
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < dim; j++) out[off + j] = data[off + j]! * inv;
  }
  return out;
}

export function unitRows32(m: Matrix, name: string): Float32Array {
  const { data, rows, dim } = m;
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const s = rowSquare(data, r * dim, dim);
    if (!(s > 0) || !Number.isFinite(s)) throw zeroRow(name, r, s);
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < dim; j++) out[r * dim + j] = data[r * dim + j]! * inv;
  }
  return out;
}

/** Σ x² of one row, float64. */
export function rowSquare(data: Float32Array, off: number, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) {
    const v = data[off + j]!;
    s += v * v;
  }
  return s;
}

/** 1/‖row‖ of every row (float64), validating each row has a direction. */
export function inverseNorms(m: Matrix, name: string): Float64Array {
  const out = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    const s = rowSquare(m.data, r * m.dim, m.dim);
    if (!(s > 0) || !Number.isFinite(s)) throw zeroRow(name, r, s);
    out[r] = 1 / Math.sqrt(s);
  }
  return out;
}

/** Rows whose vector is all zeros (or not finite): the texts a depth computation cannot place. */
export function zeroRows(m: Matrix): number[] {
  const out: number[] = [];
  for (let r = 0; r < m.rows; r++) {
    let s = 0;
    for (let j = 0; j < m.dim; j++) s += m.data[r * m.dim + j]! ** 2;
    if (!(s > 0) || !Number.isFinite(s)) out.push(r);
  }
  return out;
}

function zeroRow(name: string, r: number, s: number): EmbedkitError {
  return new EmbedkitError('BAD_ARGUMENT', 'vector without a direction', {
    expected: 'a non-zero, finite vector (cosine distance is undefined otherwise)',
    received: Number.isFinite(s) ? 'an all-zero vector' : 'a vector with a non-finite value',
    where: `${name} row ${r}`,
    hint: 'remove texts that have no known tokens, or set `zeroVectors` to \'skip\'',
  });
}
