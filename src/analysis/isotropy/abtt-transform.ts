/**
 * All-but-the-top (kind `abtt`; Mu & Viswanath 2018, Algorithm 1): subtract the mean μ of the fitting set,
 * then remove the projections on its top D principal components u_1..u_D (PCA of the centred set):
 *   v' = (v − μ) − Σ_{i≤D} (u_iᵀ v) u_i.
 * The paper's Algorithm 1 projects the uncentred v (variant `paper`, default); `centered` projects v − μ,
 * which leaves the output mean at zero. D defaults to dim/100 rounded (at least 1), the paper's rule.
 */
import { badOption } from '../../errors.js';
import { columnMeans, covariance } from '../../math/covariance.js';
import { symmetricEigen } from '../../math/decompositions.js';
import type { Matrix } from '../../math/matrix.js';
import { AbttTransform, type AbttVariant } from '../../embedders/transforms/abtt.js';
import { checkFitRows } from './center-transform.js';

export type { AbttVariant };


export interface AbttOptions {
  /** Principal components removed (default max(1, round(dim / 100))). */
  readonly components?: number;
  readonly variant?: AbttVariant;
}

export function defaultAbttComponents(dim: number): number {
  return Math.max(1, Math.round(dim / 100));
}


export function fitAbtt(m: Matrix, opts: AbttOptions = {}): AbttTransform {
  const d = m.dim;
  const count = opts.components ?? defaultAbttComponents(d);
  if (!Number.isInteger(count) || count < 0 || count >= d) throw badOption('components', `an integer from 0 to ${d - 1}`, count);
  const variant = opts.variant ?? 'paper';
  if (variant !== 'paper' && variant !== 'centered') throw badOption('variant', "'paper' or 'centered'", variant);
  checkFitRows('abtt', m, 2);
  const mean = columnMeans(m);
  const { vectors } = symmetricEigen(covariance(m, { mean, ddof: 1 }), d);
  return new AbttTransform(Float32Array.from(mean), Float32Array.from(vectors.subarray(0, count * d)), variant);
}

