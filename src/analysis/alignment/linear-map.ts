/** Fitting a least-squares linear map between two spaces (the op is embedders/transforms/linear-map.ts). */
import type { Matrix } from '../../math/matrix.js';
import { LinearMap } from '../../embedders/transforms/linear-map.js';
import { leastSquaresMap, type LeastSquaresOptions } from './least-squares.js';

/**
 * Fits the least-squares map from the rows of `x` to the paired rows of `y` (e.g. one encoder's
 * sentence vectors to another's), as a transform.
 */
export function fitLinearMap(x: Matrix, y: Matrix, opts: LeastSquaresOptions = {}): LinearMap {
  const { w, bias } = leastSquaresMap(x, y, opts);
  return new LinearMap({ method: 'least-squares', w: Float32Array.from(w), inputDim: x.dim, outputDim: y.dim, ...(bias !== undefined ? { bias: Float32Array.from(bias) } : {}) });
}
