/** Centring (kind `center`): subtract the mean vector of the fitting set. */
import { EmbedkitError, FormatError } from '../../errors.js';
import { columnMeans } from '../../math/covariance.js';
import type { Matrix } from '../../math/matrix.js';
import type { TransformSpec, VectorTransform } from '../../embedders/transforms/vector-transform.js';
import { specArray } from './spec-arrays.js';

export function checkInput(kind: string, expected: number, m: Matrix): void {
  if (m.dim !== expected) throw new EmbedkitError('DIM_MISMATCH', `${kind} transform input`, { expected: `${expected} dims`, received: `${m.dim} dims`, where: 'input' });
}

export function checkFitRows(kind: string, m: Matrix, min: number): void {
  if (m.rows < min) throw new EmbedkitError('EMPTY_INPUT', `${kind} fitting set`, { expected: `at least ${min} vectors`, received: `${m.rows}`, where: 'fit' });
}

export class CenterTransform implements VectorTransform {
  readonly kind = 'center';
  readonly inputDim: number;
  readonly outputDim: number;

  constructor(readonly mean: Float32Array) {
    this.inputDim = mean.length;
    this.outputDim = mean.length;
  }

  apply(m: Matrix): Matrix {
    checkInput(this.kind, this.inputDim, m);
    const d = this.inputDim;
    const out = new Float32Array(m.data.length);
    for (let r = 0; r < m.rows; r++) for (let j = 0; j < d; j++) out[r * d + j] = m.data[r * d + j]! - this.mean[j]!;
    return { data: out, rows: m.rows, dim: d };
  }

  toSpec(): TransformSpec {
    return { kind: this.kind, version: 1, inputDim: this.inputDim, outputDim: this.outputDim, params: {}, arrays: { mean: this.mean } };
  }
}

export function fitCenter(m: Matrix): CenterTransform {
  checkFitRows('center', m, 1);
  return new CenterTransform(Float32Array.from(columnMeans(m)));
}

export function centerFromSpec(spec: TransformSpec, where: string): CenterTransform {
  if (spec.outputDim !== spec.inputDim) throw new FormatError(where, 'outputDim', { expected: `${spec.inputDim} (same as inputDim)`, received: String(spec.outputDim) });
  return new CenterTransform(specArray(spec, 'mean', spec.inputDim, where));
}
