/**
 * Trustworthiness of a projection (Venna & Kaski 2001; scikit-learn's `sklearn.manifold.trustworthiness`):
 *   T(k) = 1 − 2 / (n·k·(2n − 3k − 1)) · Σᵢ Σ_{j ∈ Uᵢᵏ} max(0, r(i, j) − k)
 * where Uᵢᵏ are i's k nearest neighbours in the projection and r(i, j) is j's rank among i's neighbours in
 * the original space (1 = nearest). 1 means no false neighbours. Euclidean distances in both spaces.
 * O(n² log n) time, O(n) memory per row: meant for plot-sized inputs (≤ ~20,000 points).
 */
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';

function sqDistRow(data: ArrayLike<number>, dim: number, i: number, n: number, out: Float64Array): void {
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let t = 0; t < dim; t++) {
      const d = data[i * dim + t]! - data[j * dim + t]!;
      s += d * d;
    }
    out[j] = s;
  }
}

/** Indices of the other points sorted by distance (stable: ties by index), self excluded. */
function neighbourOrder(dist: Float64Array, self: number): Int32Array {
  const idx = Int32Array.from({ length: dist.length }, (_, j) => j).filter((j) => j !== self);
  return idx.sort((a, b) => dist[a]! - dist[b]! || a - b);
}

export function trustworthiness(original: Matrix, projected: ArrayLike<number>, dims: number, k = 5): number {
  const n = original.rows;
  if (projected.length !== n * dims) {
    throw new EmbedkitError('DIM_MISMATCH', 'projected points', { expected: `${n} × ${dims} values`, received: `${projected.length}`, where: 'projected' });
  }
  if (!Number.isInteger(k) || k < 1 || k >= n / 2) {
    throw new EmbedkitError('BAD_OPTION', 'k', { expected: `an integer in 1…${Math.ceil(n / 2) - 1} (k < n/2)`, received: String(k), where: 'k' });
  }
  const dHigh = new Float64Array(n);
  const dLow = new Float64Array(n);
  const rank = new Int32Array(n);
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    sqDistRow(original.data, original.dim, i, n, dHigh);
    const order = neighbourOrder(dHigh, i);
    order.forEach((j, r) => (rank[j] = r + 1));
    sqDistRow(projected, dims, i, n, dLow);
    const low = neighbourOrder(dLow, i);
    for (let t = 0; t < k; t++) penalty += Math.max(0, rank[low[t]!]! - k);
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}
