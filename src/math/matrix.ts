import { EmbedkitError } from '../errors.js';

/** A dense row-major float32 matrix: `rows × dim` values in `data`. */
export interface Matrix {
  readonly data: Float32Array;
  readonly rows: number;
  readonly dim: number;
}

export function createMatrix(rows: number, dim: number): Matrix {
  return { data: new Float32Array(rows * dim), rows, dim };
}

/** Wraps a flat array as a matrix, validating `data.length === rows × dim` once at the boundary. */
export function asMatrix(data: Float32Array, dim: number): Matrix {
  if (!Number.isInteger(dim) || dim <= 0) {
    throw new EmbedkitError('DIM_MISMATCH', 'matrix dimension', { expected: 'a positive integer', received: String(dim) });
  }
  if (data.length % dim !== 0) {
    throw new EmbedkitError('DIM_MISMATCH', 'matrix data', {
      expected: `a length divisible by dim ${dim}`,
      received: `length ${data.length}`,
    });
  }
  return { data, rows: data.length / dim, dim };
}

/** A view (no copy) of row `i`. */
export function row(m: Matrix, i: number): Float32Array {
  return m.data.subarray(i * m.dim, (i + 1) * m.dim);
}

/** Copies rows into a plain JSON-friendly array (for output only, never on hot paths). */
export function rowToArray(m: Matrix, i: number): number[] {
  return Array.from(row(m, i));
}
