/**
 * Principal component analysis, as scikit-learn's `PCA` (or, with `center: false`, its `TruncatedSVD` as SIF and
 * uSIF use it): the rows are centred (optionally), then the right singular vectors of the centred matrix,
 * largest singular value first, are the components. ml-matrix does the linear algebra in float64: the
 * eigendecomposition of the d×d scatter matrix for tall inputs, the SVD of the rows for short ones.
 *
 * Sign: each component is flipped so that its largest-magnitude coordinate is positive (deterministic; callers
 * that need a meaningful orientation, e.g. "towards the first word of each pair", re-orient it).
 */
import { EigenvalueDecomposition, SingularValueDecomposition, Matrix as MlMatrix } from 'ml-matrix';

/** Row-major rows × dim values in float32 or float64. */
export interface Rows {
  readonly data: Float32Array | Float64Array;
  readonly rows: number;
  readonly dim: number;
}

export interface PcaOptions {
  /** Subtract the mean row first (default true, as sklearn). */
  readonly center?: boolean;
}

export interface Pca {
  /** `count × dim`, row i the i-th component (unit length). */
  readonly components: Float64Array;
  readonly count: number;
  readonly dim: number;
  /** The mean row that was subtracted (zeros when `center` is false). */
  readonly mean: Float64Array;
  /** Singular values of the (centred) matrix, largest first. */
  readonly singularValues: Float64Array;
  /** sklearn's `explained_variance_ratio_`: s_i² / Σ s_j² over all components. */
  readonly explainedVarianceRatio: Float64Array;
}

export function pca(x: Rows, count: number, opts: PcaOptions = {}): Pca {
  const { rows, dim, data } = x;
  if (rows < 1 || data.length !== rows * dim) {
    throw new RangeError(`pca: expected rows × dim = ${rows} × ${dim} values and at least one row, got ${data.length} values`);
  }
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`pca: components must be a positive integer, got ${count}`);
  const mean = new Float64Array(dim);
  if (opts.center ?? true) {
    for (let r = 0; r < rows; r++) for (let j = 0; j < dim; j++) mean[j]! += data[r * dim + j]!;
    for (let j = 0; j < dim; j++) mean[j]! /= rows;
  }
  // Tall inputs (more rows than dims: a vocabulary, a corpus of sentence vectors) go through the d×d
  // scatter matrix and a symmetric eigendecomposition; short ones (a few pairs) through the SVD of the rows.
  const { values, vectors } = rows > dim ? scatterEigen(data, rows, dim, mean) : rowSvd(data, rows, dim, mean);
  const order = values.map((val, i) => [val, i] as const).sort((p, q) => q[0] - p[0]);
  const k = Math.min(count, rows > dim ? dim : Math.min(rows, dim));
  let total = 0;
  for (const val of values) total += val * val;
  const components = new Float64Array(k * dim);
  const singularValues = new Float64Array(k);
  const ratio = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const [val, col] = order[c]!;
    singularValues[c] = val;
    ratio[c] = total > 0 ? (val * val) / total : 0;
    let big = 0;
    for (let i = 0; i < dim; i++) if (Math.abs(vectors.get(i, col)) > Math.abs(big)) big = vectors.get(i, col);
    const sign = big < 0 ? -1 : 1;
    let n = 0;
    for (let i = 0; i < dim; i++) n += vectors.get(i, col) ** 2;
    const inv = n > 0 ? sign / Math.sqrt(n) : 0;
    for (let i = 0; i < dim; i++) components[c * dim + i] = vectors.get(i, col) * inv;
  }
  return { components, count: k, dim, mean, singularValues, explainedVarianceRatio: ratio };
}

/** Singular values and right singular vectors (columns) from the eigendecomposition of (X−μ)ᵀ(X−μ). */
function scatterEigen(data: Float32Array | Float64Array, rows: number, dim: number, mean: Float64Array): { values: number[]; vectors: MlMatrix } {
  const scatter = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    const off = r * dim;
    for (let i = 0; i < dim; i++) centred[i] = data[off + i]! - mean[i]!;
    for (let i = 0; i < dim; i++) {
      const xi = centred[i]!;
      if (xi === 0) continue;
      const g = i * dim;
      for (let j = i; j < dim; j++) scatter[g + j]! += xi * centred[j]!;
    }
  }
  const m = new MlMatrix(dim, dim);
  for (let i = 0; i < dim; i++) for (let j = i; j < dim; j++) {
    m.set(i, j, scatter[i * dim + j]!);
    m.set(j, i, scatter[i * dim + j]!);
  }
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  return { values: eig.realEigenvalues.map((v) => Math.sqrt(Math.max(0, v))), vectors: eig.eigenvectorMatrix };
}

function rowSvd(data: Float32Array | Float64Array, rows: number, dim: number, mean: Float64Array): { values: number[]; vectors: MlMatrix } {
  const m = new MlMatrix(rows, dim);
  for (let r = 0; r < rows; r++) for (let j = 0; j < dim; j++) m.set(r, j, data[r * dim + j]! - mean[j]!);
  const svd = new SingularValueDecomposition(m, { autoTranspose: true, computeLeftSingularVectors: false });
  return { values: svd.diagonal, vectors: svd.rightSingularVectors };
}

/**
 * An orthonormal basis of the span of `vectors` (`count × dim`), by modified Gram–Schmidt in float64, twice
 * (re-orthogonalization); vectors that add less than `tolerance` (relative norm) to the span are dropped.
 */
export function orthonormalBasis(vectors: Rows, tolerance = 1e-8): Float64Array {
  const { rows, dim, data } = vectors;
  const basis: Float64Array[] = [];
  for (let r = 0; r < rows; r++) {
    const v = Float64Array.from(data.subarray(r * dim, (r + 1) * dim));
    let n0 = 0;
    for (let j = 0; j < dim; j++) n0 += v[j]! * v[j]!;
    n0 = Math.sqrt(n0);
    if (n0 === 0) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        let d = 0;
        for (let j = 0; j < dim; j++) d += v[j]! * b[j]!;
        for (let j = 0; j < dim; j++) v[j]! -= d * b[j]!;
      }
    }
    let n = 0;
    for (let j = 0; j < dim; j++) n += v[j]! * v[j]!;
    n = Math.sqrt(n);
    if (n <= tolerance * n0) continue;
    for (let j = 0; j < dim; j++) v[j]! /= n;
    basis.push(v);
  }
  const out = new Float64Array(basis.length * dim);
  basis.forEach((b, i) => out.set(b, i * dim));
  return out;
}
