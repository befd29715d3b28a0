/**
 * PCA to a few dimensions: centre the rows, take the top eigenvectors of the d × d scatter matrix
 * (src/math/pca.ts, solved by ml-matrix), project. Component signs are fixed so that each
 * component's largest-magnitude coordinate is positive (scikit-learn ≥ 1.5's convention, svd_flip on V).
 * Cost: O(n·d²) to form the scatter matrix plus O(d³) for the eigenproblem.
 */
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import { pca as principalComponents } from '../../math/pca.js';

export interface PcaResult {
  /** n × components, row-major. */
  readonly coords: Float64Array;
  readonly components: number;
  /** components × dim unit directions. */
  readonly directions: Float32Array;
  /** Share of the total variance along each component. */
  readonly explainedVarianceRatio: Float64Array;
  /** The mean subtracted before projecting. */
  readonly mean: Float64Array;
}

export function pca(x: Matrix, components = 2): PcaResult {
  const { rows: n, dim, data } = x;
  if (n < 2) throw new EmbedkitError('EMPTY_INPUT', 'PCA input', { expected: 'at least 2 vectors', received: `${n}`, where: 'vectors' });
  if (!Number.isInteger(components) || components < 1 || components > dim) {
    throw new EmbedkitError('BAD_OPTION', 'components', { expected: `an integer in 1…${dim}`, received: String(components), where: 'components' });
  }
  const pc = principalComponents(x, components);
  const { mean } = pc;
  const k = pc.count;
  const coords = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += (data[r * dim + j]! - mean[j]!) * pc.components[c * dim + j]!;
      coords[r * k + c] = s;
    }
  }
  return { coords, components: k, directions: Float32Array.from(pc.components), explainedVarianceRatio: pc.explainedVarianceRatio, mean };
}
