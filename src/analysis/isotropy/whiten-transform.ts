/**
 * Whitening to k dimensions (kind `whiten`; Su, Cao, Liu & Ou 2021, "Whitening sentence representations for
 * better semantics and faster retrieval", as their code `compute_kernel_bias`): μ = mean of the fitting
 * set, Σ = its covariance (`np.cov`, ddof 1), U Λ Uᵀ = SVD of Σ, W = U Λ^{-1/2} and its first k columns;
 * y = (x − μ) W_k. `normalize` adds their `transform_and_normalize` L2 step (cosine scores do not change).
 * Needs k eigenvalues clearly above zero (at least k + 1 fitting vectors in general position).
 */
import { EmbedkitError, FormatError, badOption } from '../../errors.js';
import { normalizeRowsInPlace } from '../../math/kernels.js';
import { columnMeans, covariance } from '../../math/covariance.js';
import { symmetricEigen } from '../../math/decompositions.js';
import { multiplyRows } from '../../math/matmul.js';
import type { Matrix } from '../../math/matrix.js';
import { WhitenTransform } from '../../embedders/transforms/whiten.js';
import { checkFitRows } from './center-transform.js';

export interface WhitenOptions {
  /** Output dimensions k (default: all). */
  readonly dims?: number;
  /** L2-normalize the outputs (default false). */
  readonly normalize?: boolean;
}


export function fitWhitening(m: Matrix, opts: WhitenOptions = {}): WhitenTransform {
  const d = m.dim;
  const k = opts.dims ?? d;
  if (!Number.isInteger(k) || k < 1 || k > d) throw badOption('dims', `an integer from 1 to ${d}`, k);
  checkFitRows('whiten', m, 2);
  const mean = columnMeans(m);
  const { values, vectors } = symmetricEigen(covariance(m, { mean, ddof: 1 }), d);
  const floor = Math.max(values[0]!, 0) * d * 2.220446049250313e-16;
  if (!(values[k - 1]! > floor)) {
    throw new EmbedkitError('BAD_ARGUMENT', 'whitening', {
      expected: `${k} directions of non-zero variance`,
      received: `eigenvalue ${values[k - 1]} at dimension ${k} (from ${m.rows} fitting vectors)`,
      where: 'dims',
      hint: 'lower `dims` or fit on more vectors',
    });
  }
  const kernel = new Float32Array(d * k);
  for (let c = 0; c < k; c++) {
    const s = 1 / Math.sqrt(values[c]!);
    for (let i = 0; i < d; i++) kernel[i * k + c] = vectors[c * d + i]! * s;
  }
  return new WhitenTransform(Float32Array.from(mean), kernel, k, opts.normalize ?? false);
}

