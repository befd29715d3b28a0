/**
 * IsoScore (Rudman, Gillman, Rayne & Eickhoff 2022, "IsoScore: Measuring the uniformity of embedding space
 * utilization", Findings of ACL), following the steps of its reference implementation
 * (github.com/bcbi-edu/p_eickhoff_isoscore, `IsoScore/IsoScore.py`) on n-dimensional points:
 *   2. PCA-rotate the points (scikit-learn `PCA(n_components=n)`: centred, all n components);
 *   3. Σ_D = the diagonal of the covariance of the rotated points (`np.cov`, ddof 1) — the PCA variances;
 *   4. Σ̂_D = Σ_D · √n / ‖Σ_D‖;
 *   5. the isotropy defect δ = ‖Σ̂_D − 1‖ / √(2(n − √n));
 *   6–7. IsoScore = ((n − δ²(n − √n))² − n) / (n(n − 1)).
 * 1 means the variance is spread evenly over all n dimensions, 0 that it lies along one. The covariance is
 * accumulated in float64; Σ_D[i] = u_iᵀ C u_i for the eigenvectors u_i of C (the variance of the i-th PCA
 * coordinate). As scikit-learn's PCA, the reference needs at least n points.
 */
import { EmbedkitError } from '../../errors.js';
import { covariance } from '../../math/covariance.js';
import { symmetricEigen } from '../../math/decompositions.js';
import type { Matrix } from '../../math/matrix.js';

export interface IsoScoreResult {
  readonly score: number;
  /** The isotropy defect δ (0 = isotropic, 1 = all variance in one direction). */
  readonly defect: number;
  /** PCA variances Σ_D, largest first. */
  readonly variances: Float64Array;
}

export interface IsoScoreOptions {
  /** The covariance of `m` (ddof 1, `dim × dim`), when already computed. */
  readonly covariance?: Float64Array;
}

/** IsoScore of the rows of `m` (points) in `m.dim` dimensions. */
export function isoScore(m: Matrix, opts: IsoScoreOptions = {}): IsoScoreResult {
  const n = m.dim;
  if (n < 2) throw new EmbedkitError('BAD_ARGUMENT', 'IsoScore', { expected: 'at least 2 dimensions', received: `${n}`, where: 'dim' });
  if (m.rows < n) {
    throw new EmbedkitError('BAD_ARGUMENT', 'IsoScore', { expected: `at least as many points as dimensions (${n}), as the reference's PCA`, received: `${m.rows} points`, where: 'rows', hint: `give at least ${n} vectors (texts or words)` });
  }
  const c = opts.covariance ?? covariance(m, { ddof: 1 });
  const { vectors } = symmetricEigen(c, n);
  const variances = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let ci = 0;
      for (let j = 0; j < n; j++) ci += c[i * n + j]! * vectors[k * n + j]!;
      s += vectors[k * n + i]! * ci;
    }
    variances[k] = s;
  }
  let norm = 0;
  for (const v of variances) norm += v * v;
  norm = Math.sqrt(norm);
  if (!(norm > 0)) throw new EmbedkitError('BAD_ARGUMENT', 'IsoScore', { expected: 'points that vary', received: 'identical points (zero variance)', where: 'rows' });
  const sqrtN = Math.sqrt(n);
  let dist = 0;
  for (const v of variances) dist += ((v * sqrtN) / norm - 1) ** 2;
  const defect = Math.sqrt(dist) / Math.sqrt(2 * (n - sqrtN));
  const score = ((n - defect * defect * (n - sqrtN)) ** 2 - n) / (n * (n - 1));
  return { score, defect, variances };
}
