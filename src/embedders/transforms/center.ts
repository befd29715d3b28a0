/** Centring (kind `center`): subtract a fitted mean vector (fitting: analysis/isotropy/center-transform.ts). */
import { FormatError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import { checkInput, specArray } from './spec-arrays.js';
import type { TransformSpec, VectorTransform } from './vector-transform.js';

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

export function centerFromSpec(spec: TransformSpec, where: string): CenterTransform {
  if (spec.outputDim !== spec.inputDim) throw new FormatError(where, 'outputDim', { expected: `${spec.inputDim} (same as inputDim)`, received: String(spec.outputDim) });
  return new CenterTransform(specArray(spec, 'mean', spec.inputDim, where));
}
