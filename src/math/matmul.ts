/**
 * Dense products for transforms and alignment: `X · W` for a float32 row matrix and a weight matrix, and the
 * cross-product `Xᵀ Y` of two row matrices (float64 accumulation). Large `X · W` products run on the
 * WebAssembly SIMD `gemmNT` kernel (float32 accumulation, as any float32 BLAS); small ones accumulate in
 * float64.
 */
import type { Matrix } from './matrix.js';
import { copyPadded, DotKernels, roundUp4 } from './wasm/dot-kernels.js';

/** Products with at least this many multiply-adds use the WebAssembly kernel. */
const WASM_MIN_MACS = 1 << 20;
const WASM_ROWS = 1024;

function multiplyWasm(kernels: DotKernels, m: Matrix, w: ArrayLike<number>, outDim: number): Matrix {
  const { data, rows, dim } = m;
  const pd = roundUp4(dim);
  const po = roundUp4(outDim);
  const rb = Math.min(WASM_ROWS, rows);
  kernels.reset();
  const bOff = kernels.alloc(po * pd * 4);
  const aOff = kernels.alloc(rb * pd * 4);
  const oOff = kernels.alloc(rb * po * 4);
  const b = kernels.f32(bOff, po * pd);
  const a = kernels.f32(aOff, rb * pd);
  const o = kernels.f32(oOff, rb * po);
  b.fill(0);
  for (let i = 0; i < dim; i++) for (let j = 0; j < outDim; j++) b[j * pd + i] = w[i * outDim + j]!;
  const out = new Float32Array(rows * outDim);
  for (let r0 = 0; r0 < rows; r0 += rb) {
    const n = Math.min(rb, rows - r0);
    copyPadded(a, data, dim, r0, n, pd);
    kernels.gemmNT(aOff, n, bOff, po, pd, oOff);
    for (let i = 0; i < n; i++) {
      if (po === outDim) out.set(o.subarray(i * po, i * po + outDim), (r0 + i) * outDim);
      else for (let j = 0; j < outDim; j++) out[(r0 + i) * outDim + j] = o[i * po + j]!;
    }
  }
  kernels.reset();
  return { data: out, rows, dim: outDim };
}

function checkWeights(m: Matrix, w: ArrayLike<number>, outDim: number): void {
  if (w.length !== m.dim * outDim) {
    throw new RangeError(`multiplyRows: weight matrix has ${w.length} values, expected ${m.dim} × ${outDim}`);
  }
}

/** Whether `multiplyRows` would use the float32 SIMD kernel for this product. */
export function usesSimdProduct(rows: number, dim: number, outDim: number): boolean {
  return rows * dim * outDim >= WASM_MIN_MACS && DotKernels.get() !== undefined;
}

/** `m · w` where `w` is `m.dim × outDim` row-major; a new float32 `rows × outDim` matrix. */
export function multiplyRows(m: Matrix, w: ArrayLike<number>, outDim: number): Matrix {
  checkWeights(m, w, outDim);
  const kernels = m.rows * m.dim * outDim >= WASM_MIN_MACS ? DotKernels.get() : undefined;
  if (kernels !== undefined) return multiplyWasm(kernels, m, w, outDim);
  return { data: Float32Array.from(multiplyRows64(m, w, outDim)), rows: m.rows, dim: outDim };
}

/** `m · w` accumulated and returned in float64 (`rows × outDim`, row-major). */
export function multiplyRows64(m: Matrix, w: ArrayLike<number>, outDim: number): Float64Array {
  checkWeights(m, w, outDim);
  const { data, rows, dim } = m;
  const wt = new Float64Array(outDim * dim); // transposed: row j is column j of w
  for (let i = 0; i < dim; i++) for (let j = 0; j < outDim; j++) wt[j * dim + i] = w[i * outDim + j]!;
  const out = new Float64Array(rows * outDim);
  const x = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    const off = r * dim;
    for (let i = 0; i < dim; i++) x[i] = data[off + i]!;
    const o = r * outDim;
    for (let j = 0; j < outDim; j++) {
      const g = j * dim;
      let s0 = 0;
      let s1 = 0;
      let i = 0;
      for (; i + 1 < dim; i += 2) {
        s0 += x[i]! * wt[g + i]!;
        s1 += x[i + 1]! * wt[g + i + 1]!;
      }
      if (i < dim) s0 += x[i]! * wt[g + i]!;
      out[o + j] = s0 + s1;
    }
  }
  return out;
}

/** `xᵀ y` (`x.dim × y.dim`, row-major float64) over paired rows. */
export function crossProduct(x: Matrix, y: Matrix): Float64Array {
  if (x.rows !== y.rows) throw new RangeError(`paired rows differ: ${x.rows} and ${y.rows}`);
  const dx = x.dim;
  const dy = y.dim;
  const out = new Float64Array(dx * dy);
  for (let r = 0; r < x.rows; r++) {
    const ox = r * dx;
    const oy = r * dy;
    for (let i = 0; i < dx; i++) {
      const xi = x.data[ox + i]!;
      if (xi === 0) continue;
      const g = i * dy;
      for (let j = 0; j < dy; j++) out[g + j]! += xi * y.data[oy + j]!;
    }
  }
  return out;
}
