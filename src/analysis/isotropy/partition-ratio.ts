/**
 * The partition-function isotropy measure of Mu & Viswanath (2018, "All-but-the-Top: simple and effective
 * postprocessing for word representations", ICLR; after Arora et al. 2016):
 *   I(W) = min_c Z(c) / max_c Z(c),  Z(c) = Σ_w exp(cᵀ v_w),
 * with c ranging over the eigenvectors of WᵀW (uncentred), taken with both signs (an eigenvector's sign
 * is arbitrary and Z(c) ≠ Z(−c) unless the vectors are centred). 1 = isotropic. log Z is accumulated as a
 * streaming log-sum-exp, so large norms never overflow; `logRatio` is exact when `ratio` underflows to 0.
 * Eigenvectors in float64; projections in float64, except for large sets (≥ 2²⁰ multiply-adds), projected by
 * the float32 SIMD product (absolute error ≈ 1e-7·|cᵀv| per projection, so I(W) to ~1e-6 relative).
 */
import { EmbedkitError } from '../../errors.js';
import { covariance } from '../../math/covariance.js';
import { symmetricEigen } from '../../math/decompositions.js';
import { multiplyRows, multiplyRows64, usesSimdProduct } from '../../math/matmul.js';
import type { Matrix } from '../../math/matrix.js';

/** Rows projected per block. */
const BLOCK = 8192;

export interface PartitionRatioResult {
  /** min Z / max Z over the 2·dim directions. */
  readonly ratio: number;
  /** log(min Z) − log(max Z). */
  readonly logRatio: number;
  /** log Z(u_i) and log Z(−u_i) per eigenvector (largest eigenvalue first). */
  readonly logZ: { readonly plus: Float64Array; readonly minus: Float64Array };
}

export interface PartitionRatioOptions {
  /** WᵀW / n (`dim × dim`), when already computed (e.g. from the covariance and the mean). */
  readonly secondMoment?: Float64Array;
}

export function partitionRatio(m: Matrix, opts: PartitionRatioOptions = {}): PartitionRatioResult {
  const { data, rows, dim } = m;
  if (rows === 0) throw new EmbedkitError('EMPTY_INPUT', 'partition ratio', { expected: 'at least one vector', received: '0', where: 'rows' });
  // WᵀW / n has the eigenvectors of WᵀW
  const second = opts.secondMoment ?? covariance(m, { mean: new Float64Array(dim), ddof: 0 });
  const { vectors } = symmetricEigen(second, dim);
  // projections on every eigenvector (columns of `basis`), a block of rows at a time
  const basis = new Float64Array(dim * dim);
  for (let c = 0; c < dim; c++) for (let i = 0; i < dim; i++) basis[i * dim + c] = vectors[c * dim + i]!;
  // streaming log-sum-exp per direction and sign: max and scaled sum
  const mp = new Float64Array(dim).fill(-Infinity);
  const sp = new Float64Array(dim);
  const mm = new Float64Array(dim).fill(-Infinity);
  const sm = new Float64Array(dim);
  const simd = usesSimdProduct(rows, dim, dim);
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const n = Math.min(BLOCK, rows - r0);
    const block = { data: data.subarray(r0 * dim, (r0 + n) * dim), rows: n, dim };
    const proj = simd ? multiplyRows(block, basis, dim).data : multiplyRows64(block, basis, dim);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < dim; c++) {
        const p = proj[r * dim + c]!;
        if (p > mp[c]!) {
          sp[c] = sp[c]! * Math.exp(mp[c]! - p) + 1;
          mp[c] = p;
        } else sp[c]! += Math.exp(p - mp[c]!);
        const q = -p;
        if (q > mm[c]!) {
          sm[c] = sm[c]! * Math.exp(mm[c]! - q) + 1;
          mm[c] = q;
        } else sm[c]! += Math.exp(q - mm[c]!);
      }
    }
  }
  const plus = new Float64Array(dim);
  const minus = new Float64Array(dim);
  let lo = Infinity;
  let hi = -Infinity;
  for (let c = 0; c < dim; c++) {
    plus[c] = mp[c]! + Math.log(sp[c]!);
    minus[c] = mm[c]! + Math.log(sm[c]!);
    lo = Math.min(lo, plus[c]!, minus[c]!);
    hi = Math.max(hi, plus[c]!, minus[c]!);
  }
  const logRatio = lo - hi;
  return { ratio: Math.exp(logRatio), logRatio, logZ: { plus, minus } };
}
