/**
 * The least-squares linear map between paired rows (Mikolov, Le & Sutskever 2013, "Exploiting
 * similarities among languages for machine translation"), for pairs that are not isometric: text vectors
 * → another model's vectors, one modality → another. W minimizes ‖X W − Y‖² + λ‖W‖²; with `intercept`,
 * rows are centred first and a bias b = ȳ − x̄ W is returned. λ = 0 gives numpy's `lstsq` minimum-norm
 * solution W = (XᵀX)⁺ XᵀY, through the eigendecomposition of XᵀX (eigenvalues are squared singular values;
 * singular values below numpy's default cut-off `eps · max(n, d) · σ_max` count as zero).
 */
import { EmbedkitError, badOption } from '../../errors.js';
import { columnMeans } from '../../math/covariance.js';
import { symmetricEigen } from '../../math/decompositions.js';
import type { Matrix } from '../../math/matrix.js';

export interface LeastSquaresOptions {
  /** Ridge penalty λ ≥ 0 (default 0). */
  readonly ridge?: number;
  /** Fit a bias term (default false). */
  readonly intercept?: boolean;
}

export interface LeastSquaresMap {
  /** `x.dim × y.dim` row-major. */
  readonly w: Float64Array;
  /** `y.dim` values when `intercept`, else undefined. */
  readonly bias: Float64Array | undefined;
}

/** (x − mx)ᵀ (y − my) in float64 (means may be zero). */
function centredCross(x: Matrix, mx: Float64Array, y: Matrix, my: Float64Array): Float64Array {
  const dx = x.dim;
  const dy = y.dim;
  const out = new Float64Array(dx * dy);
  const a = new Float64Array(dx);
  const b = new Float64Array(dy);
  for (let r = 0; r < x.rows; r++) {
    for (let i = 0; i < dx; i++) a[i] = x.data[r * dx + i]! - mx[i]!;
    for (let j = 0; j < dy; j++) b[j] = y.data[r * dy + j]! - my[j]!;
    for (let i = 0; i < dx; i++) {
      const ai = a[i]!;
      if (ai === 0) continue;
      for (let j = 0; j < dy; j++) out[i * dy + j]! += ai * b[j]!;
    }
  }
  return out;
}

export function leastSquaresMap(x: Matrix, y: Matrix, opts: LeastSquaresOptions = {}): LeastSquaresMap {
  const ridge = opts.ridge ?? 0;
  if (!(ridge >= 0) || !Number.isFinite(ridge)) throw badOption('ridge', 'a finite number ≥ 0', ridge);
  if (x.rows !== y.rows) throw new EmbedkitError('DIM_MISMATCH', 'paired rows', { expected: `${x.rows} target rows`, received: `${y.rows}`, where: 'dictionary' });
  if (x.rows === 0) throw new EmbedkitError('EMPTY_INPUT', 'paired rows', { expected: 'at least one pair', received: '0 pairs', where: 'dictionary' });
  const intercept = opts.intercept ?? false;
  const mx = intercept ? columnMeans(x) : new Float64Array(x.dim);
  const my = intercept ? columnMeans(y) : new Float64Array(y.dim);
  const d = x.dim;
  const e = y.dim;
  const gram = centredCross(x, mx, x, mx);
  const xty = centredCross(x, mx, y, my);
  const { values, vectors } = symmetricEigen(gram, d);
  // numpy lstsq: singular values below rcond · σ_max are zero, rcond = eps · max(n, d); eigenvalues are σ².
  const rcond = 2.220446049250313e-16 * Math.max(x.rows, d);
  const cut = ridge > 0 ? 0 : (rcond * Math.sqrt(Math.max(0, values[0]!))) ** 2;
  // pinv(XᵀX + λI) XᵀY = V diag(1/(λ_i + λ)) Vᵀ XᵀY
  const w = new Float64Array(d * e);
  const proj = new Float64Array(e);
  for (let c = 0; c < d; c++) {
    const lam = values[c]! + ridge;
    if (!(values[c]! > cut) || lam <= 0) continue;
    proj.fill(0);
    for (let i = 0; i < d; i++) {
      const vi = vectors[c * d + i]!;
      if (vi === 0) continue;
      for (let j = 0; j < e; j++) proj[j]! += vi * xty[i * e + j]!;
    }
    for (let i = 0; i < d; i++) {
      const vi = vectors[c * d + i]! / lam;
      for (let j = 0; j < e; j++) w[i * e + j]! += vi * proj[j]!;
    }
  }
  let bias: Float64Array | undefined;
  if (intercept) {
    bias = new Float64Array(e);
    for (let j = 0; j < e; j++) {
      let s = my[j]!;
      for (let i = 0; i < d; i++) s -= mx[i]! * w[i * e + j]!;
      bias[j] = s;
    }
  }
  return { w, bias };
}
