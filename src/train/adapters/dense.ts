/**
 * Float64 dense products for adapter training (row-major): `X W`, `Xᵀ G` (accumulated into a gradient)
 * and `G Wᵀ`. Training needs float64 so finite-difference checks hold; the trained weights are applied at
 * encode time with the float32 kernels (math/matmul.ts).
 */

/** `x (n × k) · w (k × m)` → `n × m`. */
export function mul(x: Float64Array, n: number, k: number, w: Float64Array, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let r = 0; r < n; r++) {
    const o = r * m;
    for (let i = 0; i < k; i++) {
      const xi = x[r * k + i]!;
      if (xi === 0) continue;
      const g = i * m;
      for (let j = 0; j < m; j++) out[o + j]! += xi * w[g + j]!;
    }
  }
  return out;
}

/** `out (k × m) += xᵀ (k × n) · g (n × m)`; `out` may be a view into a larger gradient. */
export function addMulTransposeA(out: Float64Array, x: Float64Array, n: number, k: number, g: Float64Array, m: number): void {
  for (let r = 0; r < n; r++) {
    const og = r * m;
    for (let i = 0; i < k; i++) {
      const xi = x[r * k + i]!;
      if (xi === 0) continue;
      const o = i * m;
      for (let j = 0; j < m; j++) out[o + j]! += xi * g[og + j]!;
    }
  }
}

/** `g (n × m) · wᵀ` where `w` is `k × m` → `n × k`. */
export function mulTransposeB(g: Float64Array, n: number, m: number, w: Float64Array, k: number): Float64Array {
  const out = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    const og = r * m;
    for (let i = 0; i < k; i++) {
      const ow = i * m;
      let s = 0;
      for (let j = 0; j < m; j++) s += g[og + j]! * w[ow + j]!;
      out[r * k + i] = s;
    }
  }
  return out;
}

/** `out (m) += column sums of g (n × m)`. */
export function addColumnSums(out: Float64Array, g: Float64Array, n: number, m: number): void {
  for (let r = 0; r < n; r++) for (let j = 0; j < m; j++) out[j]! += g[r * m + j]!;
}
