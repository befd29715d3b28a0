/**
 * A low-rank residual adapter (kind `low-rank-adapter`): y = x + (x A) B, A `dim × rank`, B `rank × dim`.
 * Trained by train/adapters (B starts at zero, so a fresh adapter is the identity); merged adapters are
 * full linear maps (`linear-map`, method `trained`).
 */
import { multiplyRows } from '../../math/matmul.js';
import type { Matrix } from '../../math/matrix.js';
import { checkInput, specArray, specInt } from './spec-arrays.js';
import type { TransformSpec, VectorTransform } from './vector-transform.js';

export class LowRankAdapter implements VectorTransform {
  readonly kind = 'low-rank-adapter';
  readonly inputDim: number;
  readonly outputDim: number;

  constructor(
    readonly dim: number,
    readonly rank: number,
    /** `dim × rank`, row-major. */
    readonly a: Float32Array,
    /** `rank × dim`, row-major. */
    readonly b: Float32Array,
  ) {
    if (a.length !== dim * rank || b.length !== rank * dim) throw new RangeError(`low-rank adapter: A has ${a.length}, B ${b.length} values, expected ${dim} × ${rank} each`);
    this.inputDim = dim;
    this.outputDim = dim;
  }

  apply(m: Matrix): Matrix {
    checkInput(this.kind, this.inputDim, m);
    const out = multiplyRows(multiplyRows(m, this.a, this.rank), this.b, this.dim);
    for (let i = 0; i < out.data.length; i++) out.data[i]! += m.data[i]!;
    return out;
  }

  toSpec(): TransformSpec {
    return { kind: this.kind, version: 1, inputDim: this.dim, outputDim: this.dim, params: { rank: this.rank }, arrays: { a: this.a, b: this.b } };
  }
}

export function lowRankAdapterFromSpec(spec: TransformSpec, where: string): LowRankAdapter {
  const d = spec.inputDim;
  const rank = specInt(spec, 'rank', 1, d, where);
  return new LowRankAdapter(d, rank, specArray(spec, 'a', d * rank, where), specArray(spec, 'b', rank * d, where));
}
