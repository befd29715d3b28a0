/** Centring (kind `center`): subtract the mean vector of the fitting set. */
import { EmbedkitError } from '../../errors.js';
import { columnMeans } from '../../math/covariance.js';
import type { Matrix } from '../../math/matrix.js';
import { CenterTransform } from '../../embedders/transforms/center.js';


export function checkFitRows(kind: string, m: Matrix, min: number): void {
  if (m.rows < min) throw new EmbedkitError('EMPTY_INPUT', `${kind} fitting set`, { expected: `at least ${min} vectors`, received: `${m.rows}`, where: 'fit' });
}


export function fitCenter(m: Matrix): CenterTransform {
  checkFitRows('center', m, 1);
  return new CenterTransform(Float32Array.from(columnMeans(m)));
}

