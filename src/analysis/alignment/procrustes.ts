/**
 * Orthogonal Procrustes (Schönemann 1966; the supervised step of MUSE, Conneau et al. 2018): the
 * orthogonal W minimizing ‖X W − Y‖_F over paired rows is W = U Vᵀ, where U Σ Vᵀ is the SVD of the
 * cross-covariance Xᵀ Y. Row convention: a source row x maps to x W.
 */
import { EmbedkitError } from '../../errors.js';
import { svd } from '../../math/decompositions.js';
import { crossProduct } from '../../math/matmul.js';
import type { Matrix } from '../../math/matrix.js';

/** The `dim × dim` orthogonal map (row-major, float64) from the rows of `x` to the paired rows of `y`. */
export function orthogonalProcrustes(x: Matrix, y: Matrix): Float64Array {
  if (x.dim !== y.dim) {
    throw new EmbedkitError('DIM_MISMATCH', 'orthogonal map', {
      expected: 'source and target of the same dimension',
      received: `${x.dim} and ${y.dim}`,
      where: 'method',
      hint: "set `method` to 'least-squares' for spaces of different dimensions",
    });
  }
  if (x.rows === 0) throw new EmbedkitError('EMPTY_INPUT', 'seed dictionary', { expected: 'at least one pair', received: '0 pairs', where: 'dictionary' });
  const d = x.dim;
  const { u, v, k } = svd(crossProduct(x, y), d, d);
  const w = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += u[i * k + c]! * v[j * k + c]!;
      w[i * d + j] = s;
    }
  }
  return w;
}
