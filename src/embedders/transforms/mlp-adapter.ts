/**
 * A small residual MLP adapter (kind `mlp-adapter`): y = x + relu(x W1 + b1) W2 + b2, W1 `dim × hidden`,
 * W2 `hidden × dim` (W2 and b2 start at zero, so a fresh adapter is the identity). Trained by train/adapters.
 */
import { multiplyRows } from '../../math/matmul.js';
import type { Matrix } from '../../math/matrix.js';
import { checkInput, specArray, specInt } from './spec-arrays.js';
import type { TransformSpec, VectorTransform } from './vector-transform.js';

export class MlpAdapter implements VectorTransform {
  readonly kind = 'mlp-adapter';
  readonly inputDim: number;
  readonly outputDim: number;

  constructor(
    readonly dim: number,
    readonly hidden: number,
    readonly w1: Float32Array,
    readonly b1: Float32Array,
    readonly w2: Float32Array,
    readonly b2: Float32Array,
  ) {
    if (w1.length !== dim * hidden || b1.length !== hidden || w2.length !== hidden * dim || b2.length !== dim) {
      throw new RangeError(`mlp adapter: parameter sizes do not match ${dim} → ${hidden} → ${dim}`);
    }
    this.inputDim = dim;
    this.outputDim = dim;
  }

  apply(m: Matrix): Matrix {
    checkInput(this.kind, this.inputDim, m);
    const h = multiplyRows(m, this.w1, this.hidden);
    for (let r = 0; r < h.rows; r++) for (let j = 0; j < this.hidden; j++) h.data[r * this.hidden + j] = Math.max(0, h.data[r * this.hidden + j]! + this.b1[j]!);
    const out = multiplyRows(h, this.w2, this.dim);
    for (let r = 0; r < out.rows; r++) for (let j = 0; j < this.dim; j++) out.data[r * this.dim + j]! += m.data[r * this.dim + j]! + this.b2[j]!;
    return out;
  }

  toSpec(): TransformSpec {
    return { kind: this.kind, version: 1, inputDim: this.dim, outputDim: this.dim, params: { hidden: this.hidden }, arrays: { w1: this.w1, b1: this.b1, w2: this.w2, b2: this.b2 } };
  }
}

export function mlpAdapterFromSpec(spec: TransformSpec, where: string): MlpAdapter {
  const d = spec.inputDim;
  const h = specInt(spec, 'hidden', 1, 1 << 16, where);
  return new MlpAdapter(d, h, specArray(spec, 'w1', d * h, where), specArray(spec, 'b1', h, where), specArray(spec, 'w2', h * d, where), specArray(spec, 'b2', d, where));
}
