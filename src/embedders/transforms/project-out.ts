/**
 * Orthogonal projection away from a subspace: x ← x − Bᵀ(B x) for an orthonormal basis B (`count × dim`),
 * optionally followed by scaling each row to unit length. The fitting (which directions: word pairs, PCA of
 * word sets, INLP) lives in analysis/directions; this is the op, loadable from a spec by kind.
 */
import { EmbedkitError, FormatError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import { orthonormalBasis } from '../../math/pca.js';
import type { TransformSpec, VectorTransform } from './vector-transform.js';

/** An orthonormal (or to-be-orthonormalized) basis: `basis.length / dim` rows of `dim`. */
export interface Basis {
  readonly basis: Float64Array;
  readonly dim: number;
}

export const PROJECT_OUT_KIND = 'project-out';

export interface ProjectOutOptions {
  /** Scale every output row to unit length (default false). */
  readonly normalize?: boolean;
}

/** x − Bᵀ(Bx) for one row at `off` of `data`, in float64, written to `out` at `outOff`; with `normalize`, unit length (a residue below 1e-6 of the input's norm becomes zero). */
export function projectRow(data: Float32Array, off: number, basis: Float64Array, count: number, dim: number, out: Float32Array, outOff: number, normalize: boolean, tmp: Float64Array): void {
  let n0 = 0;
  for (let j = 0; j < dim; j++) {
    tmp[j] = data[off + j]!;
    n0 += tmp[j]! * tmp[j]!;
  }
  for (let c = 0; c < count; c++) {
    const b = c * dim;
    let d = 0;
    for (let j = 0; j < dim; j++) d += tmp[j]! * basis[b + j]!;
    for (let j = 0; j < dim; j++) tmp[j] = tmp[j]! - d * basis[b + j]!;
  }
  let scale = 1;
  if (normalize) {
    let n = 0;
    for (let j = 0; j < dim; j++) n += tmp[j]! * tmp[j]!;
    // a vector (numerically) inside the subspace becomes zero rather than a normalized rounding residue
    scale = n > 1e-12 * n0 ? 1 / Math.sqrt(n) : 0;
  }
  for (let j = 0; j < dim; j++) out[outOff + j] = tmp[j]! * scale;
}

export class ProjectOutTransform implements VectorTransform {
  readonly kind = PROJECT_OUT_KIND;
  readonly inputDim: number;
  readonly outputDim: number;
  readonly count: number;
  readonly normalize: boolean;
  /** Orthonormal rows, float64. */
  readonly basis: Float64Array;

  constructor(subspace: Basis, opts: ProjectOutOptions = {}) {
    const { dim } = subspace;
    if (!Number.isInteger(dim) || dim <= 0 || subspace.basis.length === 0 || subspace.basis.length % dim !== 0) {
      throw new EmbedkitError('DIM_MISMATCH', 'project-out basis', { expected: `a non-empty multiple of ${dim} values`, received: `${subspace.basis.length}` });
    }
    // re-orthonormalize (a float32 round trip or user vectors need not be exactly orthonormal)
    this.basis = orthonormalBasis({ data: subspace.basis, rows: subspace.basis.length / dim, dim });
    this.count = this.basis.length / dim;
    this.inputDim = dim;
    this.outputDim = dim;
    this.normalize = opts.normalize ?? false;
  }

  apply(m: Matrix): Matrix {
    if (m.dim !== this.inputDim) throw new EmbedkitError('DIM_MISMATCH', 'project-out input', { expected: `${this.inputDim} dims`, received: `${m.dim}` });
    const out = new Float32Array(m.rows * m.dim);
    const tmp = new Float64Array(m.dim);
    for (let r = 0; r < m.rows; r++) projectRow(m.data, r * m.dim, this.basis, this.count, m.dim, out, r * m.dim, this.normalize, tmp);
    return { data: out, rows: m.rows, dim: m.dim };
  }

  toSpec(): TransformSpec {
    return {
      kind: PROJECT_OUT_KIND,
      version: 1,
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      params: { components: this.count, normalize: this.normalize },
      arrays: { basis: Float32Array.from(this.basis) },
    };
  }
}

/** Factory for `transform-kinds.ts`: validates the spec (sizes, non-zero rows) and re-creates the transform. */
export function projectOutFromSpec(spec: TransformSpec, where: string): ProjectOutTransform {
  const basis = spec.arrays['basis'];
  const k = spec.params['components'];
  const normalize = spec.params['normalize'] ?? false;
  if (spec.inputDim !== spec.outputDim) throw new FormatError(where, 'project-out outputDim', { expected: `${spec.inputDim} (= inputDim)`, received: String(spec.outputDim) });
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k >= spec.inputDim) throw new FormatError(where, 'project-out params.components', { expected: `an integer in 1..${spec.inputDim - 1}`, received: JSON.stringify(k) });
  if (typeof normalize !== 'boolean') throw new FormatError(where, 'project-out params.normalize', { expected: 'a boolean', received: JSON.stringify(normalize) });
  if (basis === undefined || basis.length !== k * spec.inputDim) throw new FormatError(where, 'project-out arrays.basis', { expected: `${k} × ${spec.inputDim} = ${k * spec.inputDim} floats`, received: basis === undefined ? 'none' : `${basis.length}` });
  const t = new ProjectOutTransform({ basis: Float64Array.from(basis), dim: spec.inputDim }, { normalize });
  if (t.count !== k) throw new FormatError(where, 'project-out arrays.basis', { expected: `${k} independent directions`, received: `${t.count}` });
  return t;
}

