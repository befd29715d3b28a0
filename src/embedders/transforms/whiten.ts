/**
 * Whitening to k dimensions (kind `whiten`; Su, Cao, Liu & Ou 2021, "Whitening sentence representations for
 * better semantics and faster retrieval", as their code `compute_kernel_bias`): μ = mean of the fitting
 * set, Σ = its covariance (`np.cov`, ddof 1), U Λ Uᵀ = SVD of Σ, W = U Λ^{-1/2} and its first k columns;
 * y = (x − μ) W_k. `normalize` adds their `transform_and_normalize` L2 step (cosine scores do not change).
 * Needs k eigenvalues clearly above zero (at least k + 1 fitting vectors in general position).
 */
import { FormatError } from '../../errors.js';
import { normalizeRowsInPlace } from '../../math/kernels.js';
import { multiplyRows } from '../../math/matmul.js';
import type { Matrix } from '../../math/matrix.js';
import { checkInput, specArray } from './spec-arrays.js';
import type { TransformSpec, VectorTransform } from './vector-transform.js';

export class WhitenTransform implements VectorTransform {
  readonly kind = 'whiten';
  readonly inputDim: number;

  /** `kernel` is `inputDim × outputDim` row-major. */
  constructor(
    readonly mean: Float32Array,
    readonly kernel: Float32Array,
    readonly outputDim: number,
    readonly normalize = false,
  ) {
    this.inputDim = mean.length;
  }

  apply(m: Matrix): Matrix {
    checkInput(this.kind, this.inputDim, m);
    const d = this.inputDim;
    const centred = new Float32Array(m.data.length);
    for (let r = 0; r < m.rows; r++) for (let j = 0; j < d; j++) centred[r * d + j] = m.data[r * d + j]! - this.mean[j]!;
    const out = multiplyRows({ data: centred, rows: m.rows, dim: d }, this.kernel, this.outputDim);
    if (this.normalize) normalizeRowsInPlace(out.data, this.outputDim);
    return out;
  }

  toSpec(): TransformSpec {
    return { kind: this.kind, version: 1, inputDim: this.inputDim, outputDim: this.outputDim, params: { normalize: this.normalize }, arrays: { mean: this.mean, kernel: this.kernel } };
  }
}

export function whitenFromSpec(spec: TransformSpec, where: string): WhitenTransform {
  const d = spec.inputDim;
  const k = spec.outputDim;
  if (k > d) throw new FormatError(where, 'outputDim', { expected: `at most ${d} (inputDim)`, received: String(k) });
  const normalize = spec.params['normalize'] ?? false;
  if (typeof normalize !== 'boolean') throw new FormatError(where, 'params.normalize', { expected: 'true or false', received: JSON.stringify(normalize) });
  return new WhitenTransform(specArray(spec, 'mean', d, where), specArray(spec, 'kernel', d * k, where), k, normalize);
}
