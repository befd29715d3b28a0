/**
 * Column means and covariance matrices of row vectors, accumulated in float64 (numpy's `mean(0)` and
 * `np.cov(X.T, ddof)` on a `rows × dim` float32 matrix).
 */
import type { Matrix } from './matrix.js';

/** Mean of every column (float64). */
export function columnMeans(m: Matrix): Float64Array {
  const { data, rows, dim } = m;
  const mean = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    const off = r * dim;
    for (let j = 0; j < dim; j++) mean[j]! += data[off + j]!;
  }
  if (rows > 0) for (let j = 0; j < dim; j++) mean[j]! /= rows;
  return mean;
}

export interface CovarianceOptions {
  /** Subtract this mean (default: the column means). Pass zeros for the uncentered second moment XᵀX / (n − ddof). */
  readonly mean?: Float64Array;
  /** Delta degrees of freedom: the divisor is `rows − ddof` (numpy's `np.cov` default 1). */
  readonly ddof?: number;
}

/** The `dim × dim` covariance (row-major, symmetric, float64). */
export function covariance(m: Matrix, opts: CovarianceOptions = {}): Float64Array {
  const { data, rows, dim } = m;
  const ddof = opts.ddof ?? 1;
  if (rows - ddof <= 0) {
    throw new RangeError(`covariance: needs more than ${ddof} row(s), got ${rows}`);
  }
  const mean = opts.mean ?? columnMeans(m);
  if (mean.length !== dim) throw new RangeError(`covariance: mean has ${mean.length} values, expected ${dim}`);
  const c = new Float64Array(dim * dim);
  const x = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    const off = r * dim;
    for (let j = 0; j < dim; j++) x[j] = data[off + j]! - mean[j]!;
    for (let i = 0; i < dim; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      const g = i * dim;
      for (let j = i; j < dim; j++) c[g + j]! += xi * x[j]!;
    }
  }
  const inv = 1 / (rows - ddof);
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const v = c[i * dim + j]! * inv;
      c[i * dim + j] = v;
      c[j * dim + i] = v;
    }
  }
  return c;
}
