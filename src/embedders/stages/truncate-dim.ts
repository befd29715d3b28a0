/**
 * Matryoshka truncation stage: keep the first `dim` components of every row (a copy), and re-normalize
 * when the embedder's output is meant to be unit length.
 */
import { EmbedkitError } from '../../errors.js';
import { normalizeRowsInPlace } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';

export function truncateDim(m: Matrix, dim: number, renormalize: boolean): Matrix {
  if (!Number.isInteger(dim) || dim < 1 || dim > m.dim) {
    throw new EmbedkitError('BAD_OPTION', 'truncateDim', { expected: `an integer in 1..${m.dim}`, received: String(dim), where: 'truncateDim' });
  }
  let out: Matrix = m;
  if (dim < m.dim) {
    const data = new Float32Array(m.rows * dim);
    for (let r = 0; r < m.rows; r++) data.set(m.data.subarray(r * m.dim, r * m.dim + dim), r * dim);
    out = { data, rows: m.rows, dim };
  }
  if (renormalize) normalizeRowsInPlace(out.data, dim);
  return out;
}
