/**
 * Row sums of chord distances δ(a, b) = √(2 − 2·a·b) between unit rows: the O(n·m·d) part of TTE depth
 * with the chord distance (the cosine distance needs no pairwise pass, see tte-depth.ts). Two paths:
 * scalar float64 dot products (exact to ~1e-15), or blocked A·Bᵀ products on the WebAssembly SIMD kernel
 * (float32 accumulation: about 1e-6 per distance), fed block by block into per-row sums.
 * A pair listed in `skip` (row i of A is row skip[i] of B: the point itself) is left out of the sums.
 */
import { DotKernels, copyPadded, roundUp4 } from '../../math/wasm/dot-kernels.js';

export interface ChordSums {
  /** Σ_j δ(a_i, b_j) over the pairs not skipped. */
  readonly sums: Float64Array;
  /** Σ_j δ(a_i, b_j)² (for sampling errors). */
  readonly squares: Float64Array;
}

const chord = (s: number): number => Math.sqrt(Math.max(0, 2 - 2 * s));

export function chordSums64(a: Float64Array, aRows: number, b: Float64Array, bRows: number, dim: number, skip: Int32Array | undefined, onRow?: (done: number) => void): ChordSums {
  const sums = new Float64Array(aRows);
  const squares = new Float64Array(aRows);
  for (let i = 0; i < aRows; i++) {
    const ao = i * dim;
    const self = skip?.[i] ?? -1;
    let s1 = 0;
    let s2 = 0;
    for (let j = 0; j < bRows; j++) {
      if (j === self) continue;
      const bo = j * dim;
      let d = 0;
      for (let t = 0; t < dim; t++) d += a[ao + t]! * b[bo + t]!;
      const c = chord(d);
      s1 += c;
      s2 += c * c;
    }
    sums[i] = s1;
    squares[i] = s2;
    if (onRow !== undefined && (i & 255) === 255) onRow(i + 1);
  }
  onRow?.(aRows);
  return { sums, squares };
}

const A_BLOCK = 64;
const B_BLOCK_BYTES = 256 * 1024;

/** The same sums with the SIMD kernel; undefined when WebAssembly SIMD is unavailable. */
export function chordSums32(a: Float32Array, aRows: number, b: Float32Array, bRows: number, dim: number, skip: Int32Array | undefined, onRow?: (done: number) => void): ChordSums | undefined {
  const kernels = DotKernels.get();
  if (kernels === undefined) return undefined;
  const pd = roundUp4(dim);
  const rb = Math.max(4, Math.min(roundUp4(bRows), Math.floor(B_BLOCK_BYTES / (pd * 4)) & ~3));
  const qb = Math.min(A_BLOCK, aRows);
  kernels.reset();
  const aOff = kernels.alloc(qb * pd * 4);
  const bOff = kernels.alloc(rb * pd * 4);
  const oOff = kernels.alloc(qb * rb * 4);
  const aMem = kernels.f32(aOff, qb * pd);
  const bMem = kernels.f32(bOff, rb * pd);
  const out = kernels.f32(oOff, qb * rb);
  const sums = new Float64Array(aRows);
  const squares = new Float64Array(aRows);
  for (let a0 = 0; a0 < aRows; a0 += qb) {
    const m = Math.min(qb, aRows - a0);
    aMem.fill(0);
    copyPadded(aMem, a, dim, a0, m, pd);
    for (let b0 = 0; b0 < bRows; b0 += rb) {
      const n = Math.min(rb, bRows - b0);
      const nPadded = roundUp4(n);
      copyPadded(bMem, b, dim, b0, n, pd);
      if (nPadded > n) bMem.fill(0, n * pd, nPadded * pd);
      kernels.gemmNT(aOff, m, bOff, nPadded, pd, oOff);
      for (let i = 0; i < m; i++) {
        const self = (skip?.[a0 + i] ?? -1) - b0;
        const base = i * nPadded;
        let s1 = 0;
        let s2 = 0;
        for (let j = 0; j < n; j++) {
          if (j === self) continue;
          const c = chord(out[base + j]!);
          s1 += c;
          s2 += c * c;
        }
        sums[a0 + i]! += s1;
        squares[a0 + i]! += s2;
      }
    }
    onRow?.(a0 + m);
  }
  kernels.reset();
  return { sums, squares };
}
