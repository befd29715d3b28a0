/**
 * Dense decompositions of small (`dim × dim`) float64 matrices through ml-matrix: the symmetric
 * eigendecomposition and the singular value decomposition. Results are row-major typed arrays, sorted
 * largest first, with a deterministic sign (each eigenvector's / left singular vector's largest-magnitude
 * coordinate is positive).
 */
import { EigenvalueDecomposition, Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';

function toMl(a: ArrayLike<number>, rows: number, cols: number): MlMatrix {
  const m = new MlMatrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, a[i * cols + j]!);
  return m;
}

/** Sign (±1) making the largest-magnitude entry of column `col` of `m` positive. */
function columnSign(m: MlMatrix, col: number): number {
  let big = 0;
  for (let i = 0; i < m.rows; i++) {
    const v = m.get(i, col);
    if (Math.abs(v) > Math.abs(big)) big = v;
  }
  return big < 0 ? -1 : 1;
}

export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  readonly values: Float64Array;
  /** `dim × dim` row-major; row i is the unit eigenvector of `values[i]`. */
  readonly vectors: Float64Array;
  readonly dim: number;
}

/** Eigendecomposition of a symmetric `dim × dim` matrix (row-major). */
export function symmetricEigen(a: ArrayLike<number>, dim: number): SymmetricEigen {
  const eig = new EigenvalueDecomposition(toMl(a, dim, dim), { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const vecs = eig.eigenvectorMatrix;
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  const outValues = new Float64Array(dim);
  const outVectors = new Float64Array(dim * dim);
  order.forEach(([value, col], r) => {
    outValues[r] = value;
    const sign = columnSign(vecs, col);
    for (let i = 0; i < dim; i++) outVectors[r * dim + i] = sign * vecs.get(i, col);
  });
  return { values: outValues, vectors: outVectors, dim };
}

export interface Svd {
  /** `rows × k` row-major, k = min(rows, cols); column i is the i-th left singular vector. */
  readonly u: Float64Array;
  /** Singular values, largest first (length k). */
  readonly s: Float64Array;
  /** `cols × k` row-major; column i is the i-th right singular vector. */
  readonly v: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
}

/** Thin SVD `A = U diag(s) Vᵀ` of a `rows × cols` row-major matrix. */
export function svd(a: ArrayLike<number>, rows: number, cols: number): Svd {
  const transpose = rows < cols; // ml-matrix's SVD wants rows ≥ cols
  const m = transpose ? toMl(a, rows, cols).transpose() : toMl(a, rows, cols);
  const d = new SingularValueDecomposition(m, { computeLeftSingularVectors: true, computeRightSingularVectors: true, autoTranspose: false });
  const left = transpose ? d.rightSingularVectors : d.leftSingularVectors;
  const right = transpose ? d.leftSingularVectors : d.rightSingularVectors;
  const k = Math.min(rows, cols);
  const order = d.diagonal.slice(0, k).map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  const u = new Float64Array(rows * k);
  const v = new Float64Array(cols * k);
  const s = new Float64Array(k);
  order.forEach(([value, col], c) => {
    s[c] = value;
    const sign = columnSign(left, col);
    for (let i = 0; i < rows; i++) u[i * k + c] = sign * left.get(i, col);
    for (let i = 0; i < cols; i++) v[i * k + c] = sign * right.get(i, col);
  });
  return { u, s, v, rows, cols, k };
}
