/**
 * Small dense products for transforms and alignment: `X · W` for a float32 row matrix and a float64
 * weight matrix, and the cross-product `Xᵀ Y` of two row matrices (float64 accumulation).
 */
import { EmbedkitError } from '../errors.js';
import type { Matrix } from './matrix.js';

/** `m · w` where `w` is `m.dim × outDim` row-major; a new float32 `rows × outDim` matrix. */
export function multiplyRows(m: Matrix, w: ArrayLike<number>, outDim: number): Matrix {
  const { data, rows, dim } = m;
  if (w.length !== dim * outDim) {
    throw new EmbedkitError('DIM_MISMATCH', 'weight matrix', { expected: `${dim} × ${outDim} = ${dim * outDim} values`, received: `${w.length}`, where: 'w' });
  }
  const wt = new Float64Array(outDim * dim); // transposed: row j is column j of w
  for (let i = 0; i < dim; i++) for (let j = 0; j < outDim; j++) wt[j * dim + i] = w[i * outDim + j]!;
  const out = new Float32Array(rows * outDim);
  const x = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    const off = r * dim;
    for (let i = 0; i < dim; i++) x[i] = data[off + i]!;
    const o = r * outDim;
    for (let j = 0; j < outDim; j++) {
      const g = j * dim;
      let s0 = 0;
      let s1 = 0;
      let i = 0;
      for (; i + 1 < dim; i += 2) {
        s0 += x[i]! * wt[g + i]!;
        s1 += x[i + 1]! * wt[g + i + 1]!;
      }
      if (i < dim) s0 += x[i]! * wt[g + i]!;
      out[o + j] = s0 + s1;
    }
  }
  return { data: out, rows, dim: outDim };
}

/** `xᵀ y` (`x.dim × y.dim`, row-major float64) over paired rows. */
export function crossProduct(x: Matrix, y: Matrix): Float64Array {
  if (x.rows !== y.rows) throw new EmbedkitError('DIM_MISMATCH', 'paired rows', { expected: `${x.rows} rows in both`, received: `${y.rows}`, where: 'y' });
  const dx = x.dim;
  const dy = y.dim;
  const out = new Float64Array(dx * dy);
  for (let r = 0; r < x.rows; r++) {
    const ox = r * dx;
    const oy = r * dy;
    for (let i = 0; i < dx; i++) {
      const xi = x.data[ox + i]!;
      if (xi === 0) continue;
      const g = i * dy;
      for (let j = 0; j < dy; j++) out[g + j]! += xi * y.data[oy + j]!;
    }
  }
  return out;
}
