/**
 * All-but-the-top (kind `abtt`; fitting in analysis/isotropy/abtt-transform.ts; Mu & Viswanath 2018, Algorithm 1): subtract the mean μ of the fitting set,
 * then remove the projections on its top D principal components u_1..u_D (PCA of the centred set):
 *   v' = (v − μ) − Σ_{i≤D} (u_iᵀ v) u_i.
 * The paper's Algorithm 1 projects the uncentred v (variant `paper`, default); `centered` projects v − μ,
 * which leaves the output mean at zero. D defaults to dim/100 rounded (at least 1), the paper's rule.
 */
import { FormatError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import { checkInput, specArray, specInt } from './spec-arrays.js';
import type { TransformSpec, VectorTransform } from './vector-transform.js';

export type AbttVariant = 'paper' | 'centered';

export class AbttTransform implements VectorTransform {
  readonly kind = 'abtt';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly count: number;

  /** `components` is `count × dim` row-major (unit rows). */
  constructor(
    readonly mean: Float32Array,
    readonly components: Float32Array,
    readonly variant: AbttVariant = 'paper',
  ) {
    this.inputDim = mean.length;
    this.outputDim = mean.length;
    this.count = components.length / mean.length;
  }

  apply(m: Matrix): Matrix {
    checkInput(this.kind, this.inputDim, m);
    const d = this.inputDim;
    const u = this.components;
    const out = new Float32Array(m.data.length);
    const x = new Float64Array(d);
    for (let r = 0; r < m.rows; r++) {
      const off = r * d;
      for (let j = 0; j < d; j++) x[j] = m.data[off + j]! - this.mean[j]!;
      const proj = new Float64Array(this.count);
      for (let c = 0; c < this.count; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += u[c * d + j]! * (this.variant === 'paper' ? m.data[off + j]! : x[j]!);
        proj[c] = s;
      }
      for (let c = 0; c < this.count; c++) for (let j = 0; j < d; j++) x[j]! -= proj[c]! * u[c * d + j]!;
      for (let j = 0; j < d; j++) out[off + j] = x[j]!;
    }
    return { data: out, rows: m.rows, dim: d };
  }

  toSpec(): TransformSpec {
    return { kind: this.kind, version: 1, inputDim: this.inputDim, outputDim: this.outputDim, params: { components: this.count, variant: this.variant }, arrays: { mean: this.mean, components: this.components } };
  }
}

export function abttFromSpec(spec: TransformSpec, where: string): AbttTransform {
  const d = spec.inputDim;
  if (spec.outputDim !== d) throw new FormatError(where, 'outputDim', { expected: `${d} (same as inputDim)`, received: String(spec.outputDim) });
  const count = specInt(spec, 'components', 0, d - 1, where);
  const variant = spec.params['variant'] ?? 'paper';
  if (variant !== 'paper' && variant !== 'centered') throw new FormatError(where, 'params.variant', { expected: "'paper' or 'centered'", received: JSON.stringify(variant) });
  return new AbttTransform(specArray(spec, 'mean', d, where), specArray(spec, 'components', count * d, where), variant);
}
