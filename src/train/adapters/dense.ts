/**
 * Dense products for adapter training (row-major, float64 arrays): `X W`, `Xᵀ G` (accumulated into a
 * gradient) and `G Wᵀ`. Products large enough for the WebAssembly SIMD kernel (math/matmul.ts) run there in
 * float32 (as training frameworks do); small ones — the finite-difference and numpy-reference checks —
 * stay in float64.
 */
import { multiplyRows, usesSimdProduct } from '../../math/matmul.js';

function simd(x: Float64Array | Float32Array, n: number, k: number, w: Float64Array | Float32Array, m: number): Float64Array {
  const r = multiplyRows({ data: x instanceof Float32Array ? x : Float32Array.from(x), rows: n, dim: k }, w instanceof Float32Array ? w : Float32Array.from(w), m);
  return Float64Array.from(r.data);
}

function transpose32(x: Float64Array, n: number, k: number): Float32Array {
  const t = new Float32Array(n * k);
  for (let r = 0; r < n; r++) for (let i = 0; i < k; i++) t[i * n + r] = x[r * k + i]!;
  return t;
}

/** `x (n × k) · w (k × m)` → `n × m`. */
export function mul(x: Float64Array, n: number, k: number, w: Float64Array, m: number): Float64Array {
  if (usesSimdProduct(n, k, m)) return simd(x, n, k, w, m);
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
  if (usesSimdProduct(k, n, m)) {
    const p = simd(transpose32(x, n, k), k, n, g, m);
    for (let i = 0; i < p.length; i++) out[i]! += p[i]!;
    return;
  }
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
  if (usesSimdProduct(n, m, k)) return simd(g, n, m, transpose32(w, k, m), k);
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
