/** A dense row-major float32 matrix: `rows × dim` values in `data`. */
export interface Matrix {
  readonly data: Float32Array;
  readonly rows: number;
  readonly dim: number;
}

export function createMatrix(rows: number, dim: number): Matrix {
  return { data: new Float32Array(rows * dim), rows, dim };
}

/**
 * Wraps a flat array as a matrix. The caller guarantees `data.length` is a multiple of a positive `dim`
 * (a RangeError otherwise: a programming error, not a user error — user input is validated where it is read).
 */
export function asMatrix(data: Float32Array, dim: number): Matrix {
  if (!Number.isInteger(dim) || dim <= 0) throw new RangeError(`asMatrix: dim must be a positive integer, got ${dim}`);
  if (data.length % dim !== 0) throw new RangeError(`asMatrix: data length ${data.length} is not a multiple of dim ${dim}`);
  return { data, rows: data.length / dim, dim };
}

/** A view (no copy) of row `i`. */
export function row(m: Matrix, i: number): Float32Array {
  return m.data.subarray(i * m.dim, (i + 1) * m.dim);
}
