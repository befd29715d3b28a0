/**
 * WebAssembly SIMD kernels for blocked inner products (see dot-kernels.wat): `gemmNT` (A·Bᵀ with a
 * 2×4 register tile of f32x4 accumulators) and `analogyScan` (3CosAdd / 3CosMul argmax over a block of
 * precomputed similarities). Memory is a bump arena: `reset()`, `alloc()` every region, then take views
 * (views are invalidated when the arena grows).
 */
import { WASM_BASE64 } from './dot-kernels-wasm.js';
import { lazyModule, wasm, WASM_PAGE, type WasmMemory } from './wasm-api.js';

interface Exports {
  readonly memory: WasmMemory;
  gemm_nt(a: number, m: number, b: number, n: number, d: number, out: number): void;
  analogy_scan(s: number, n: number, qa: number, qb: number, qc: number, nq: number, mode: number, eps: number, addS: number, addI: number, mulS: number, mulI: number): void;
}

const module = lazyModule(WASM_BASE64);
let shared: DotKernels | undefined;

export class DotKernels {
  private top = 0;

  private constructor(private readonly x: Exports) {}

  /** The instance of this thread, or undefined when WebAssembly SIMD is unavailable. */
  static get(): DotKernels | undefined {
    if (shared === undefined) {
      const mod = module();
      if (mod !== undefined && wasm !== undefined) shared = new DotKernels(new wasm.Instance(mod, {}).exports as unknown as Exports);
    }
    return shared;
  }

  /** Forgets all allocations (memory is kept for reuse). */
  reset(): void {
    this.top = 0;
  }

  /** Reserves `bytes` (16-byte aligned) and returns the byte offset. */
  alloc(bytes: number): number {
    const off = this.top;
    this.top += Math.ceil(bytes / 16) * 16;
    const need = this.top - this.x.memory.buffer.byteLength;
    if (need > 0) this.x.memory.grow(Math.ceil(need / WASM_PAGE));
    return off;
  }

  f32(offset: number, length: number): Float32Array {
    return new Float32Array(this.x.memory.buffer, offset, length);
  }

  i32(offset: number, length: number): Int32Array {
    return new Int32Array(this.x.memory.buffer, offset, length);
  }

  /** `out[i·n + r] = a_i · b_r`; `n` and `d` multiples of 4. */
  gemmNT(a: number, m: number, b: number, n: number, d: number, out: number): void {
    this.x.gemm_nt(a, m, b, n, d, out);
  }

  /** Block-local argmax per analogy query; `mode` 1 = 3CosAdd, 2 = 3CosMul, 3 = both in one pass. */
  analogyScan(s: number, n: number, q: { a: number; b: number; c: number; count: number }, mode: 1 | 2 | 3, eps: number, add: { s: number; i: number }, mul: { s: number; i: number }): void {
    this.x.analogy_scan(s, n, q.a, q.b, q.c, q.count, mode, eps, add.s, add.i, mul.s, mul.i);
  }
}

export const roundUp4 = (x: number): number => (x + 3) & ~3;

/** Copies `rows` rows of `src` (`dim` wide, starting at row `from`) into `dst`, padding rows to `pd` floats. */
export function copyPadded(dst: Float32Array, src: Float32Array, dim: number, from: number, rows: number, pd: number): void {
  if (pd === dim) {
    dst.set(src.subarray(from * dim, (from + rows) * dim));
    return;
  }
  for (let r = 0; r < rows; r++) {
    dst.set(src.subarray((from + r) * dim, (from + r + 1) * dim), r * pd);
    dst.fill(0, r * pd + dim, (r + 1) * pd);
  }
}
