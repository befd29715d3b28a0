/**
 * Top principal directions of a set of row vectors, uncentered (as scikit-learn's TruncatedSVD, used by
 * SIF and uSIF): eigenvectors of XᵀX, whose eigenvalues are the squared singular values of X.
 * The d×d eigenproblem is solved by ml-matrix (symmetric QL); only XᵀX is formed here.
 */
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import type { Matrix } from './matrix.js';

export interface PrincipalComponents {
  /** `count × dim`, row i is the i-th direction (unit length). */
  readonly components: Float32Array;
  /** Squared singular values, largest first. */
  readonly singularValuesSquared: Float64Array;
  readonly count: number;
  readonly dim: number;
}

export function topPrincipalComponents(x: Matrix, count: number): PrincipalComponents {
  const { data, rows, dim } = x;
  const gram = new Float64Array(dim * dim);
  for (let r = 0; r < rows; r++) {
    const off = r * dim;
    for (let i = 0; i < dim; i++) {
      const xi = data[off + i]!;
      if (xi === 0) continue;
      const g = i * dim;
      for (let j = i; j < dim; j++) gram[g + j]! += xi * data[off + j]!;
    }
  }
  const rowsArr: number[][] = [];
  for (let i = 0; i < dim; i++) {
    const rowArr = new Array<number>(dim);
    for (let j = 0; j < dim; j++) rowArr[j] = i <= j ? gram[i * dim + j]! : gram[j * dim + i]!;
    rowsArr.push(rowArr);
  }
  const eig = new EigenvalueDecomposition(new MlMatrix(rowsArr), { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const vectors = eig.eigenvectorMatrix;
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const k = Math.min(count, dim);
  const components = new Float32Array(k * dim);
  const sv2 = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const [value, col] = order[c]!;
    sv2[c] = Math.max(0, value);
    // fix the sign so that the largest-magnitude coordinate is positive (deterministic output)
    let big = 0;
    for (let i = 0; i < dim; i++) if (Math.abs(vectors.get(i, col)) > Math.abs(big)) big = vectors.get(i, col);
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < dim; i++) components[c * dim + i] = sign * vectors.get(i, col);
  }
  return { components, singularValuesSquared: sv2, count: k, dim };
}
