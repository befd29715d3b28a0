/**
 * int8 codes held in WebAssembly memory and scanned with SIMD (see int8-kernels.wat): scores
 * `base + Σ_d w_d·c_d` for every row, with the float weights w quantized to int16 (relative error
 * ≤ 2⁻¹⁵ of the largest weight, far below the int8 codes' own error) and exact int32 accumulation.
 * Each instance owns its memory (rows padded to 4, dims to 16 with zero codes), which never grows, so
 * `codes` stays a valid view.
 */
import type { TopKHeap } from '../top-k.js';
import { WASM_BASE64 } from './int8-kernels-wasm.js';
import { lazyModule, wasm, WASM_PAGE, type WasmMemory } from './wasm-api.js';

interface Exports {
  readonly memory: WasmMemory;
  dot_i8_i16(codes: number, n: number, dp: number, w: number, out: number): void;
}

/** Rows scored per kernel call (the int32 output block). */
const BLOCK = 4096;
/** wasm32 memory tops out at 4 GiB; stay well below. */
const MAX_BYTES = 2 ** 31;
const module = lazyModule(WASM_BASE64);

export class Int8Codes {
  /** Bytes per stored row (dim rounded up to 16). */
  readonly stride: number;
  /** The codes, `rows × stride` (padding columns are 0). */
  readonly codes: Int8Array;
  private readonly wOff: number;
  private readonly outOff: number;

  private constructor(
    private readonly x: Exports,
    readonly rows: number,
    readonly dim: number,
  ) {
    this.stride = (dim + 15) & ~15;
    const rowsPadded = (rows + 3) & ~3;
    const codeBytes = rowsPadded * this.stride;
    this.wOff = codeBytes;
    this.outOff = this.wOff + this.stride * 2;
    const need = this.outOff + BLOCK * 4;
    const have = x.memory.buffer.byteLength;
    if (need > have) x.memory.grow(Math.ceil((need - have) / WASM_PAGE));
    this.codes = new Int8Array(x.memory.buffer, 0, rows * this.stride);
  }

  /** Copies `rows × dim` codes into a new instance; undefined without WebAssembly SIMD or when too large. */
  static create(codes: Int8Array, rows: number, dim: number): Int8Codes | undefined {
    const mod = module();
    if (mod === undefined || wasm === undefined) return undefined;
    const stride = (dim + 15) & ~15;
    if (((rows + 3) & ~3) * stride + stride * 2 + BLOCK * 4 > MAX_BYTES) return undefined;
    const out = new Int8Codes(new wasm.Instance(mod, {}).exports as unknown as Exports, rows, dim);
    if (stride === dim) out.codes.set(codes.subarray(0, rows * dim));
    else for (let r = 0; r < rows; r++) out.codes.set(codes.subarray(r * dim, (r + 1) * dim), r * stride);
    return out;
  }

  /** Pushes every row's `base + Σ_d w_d·c_d` into `heap` (row numbers from 0). */
  scanInto(w: Float32Array, base: number, heap: TopKHeap): void {
    const stride = this.stride;
    let max = 0;
    for (let d = 0; d < this.dim; d++) max = Math.max(max, Math.abs(w[d]!));
    // int16 weights; |w|·128·stride must stay below 2³¹ for exact int32 sums.
    const limit = Math.min(32767, Math.floor((2 ** 31 - 1) / (128 * stride)));
    const scale = max > 0 ? limit / max : 1;
    const wq = new Int16Array(this.x.memory.buffer, this.wOff, stride);
    wq.fill(0);
    for (let d = 0; d < this.dim; d++) wq[d] = Math.round(w[d]! * scale);
    const inv = 1 / scale;
    const out = new Int32Array(this.x.memory.buffer, this.outOff, BLOCK);
    let threshold = heap.threshold;
    for (let r0 = 0; r0 < this.rows; r0 += BLOCK) {
      const n = Math.min(BLOCK, this.rows - r0);
      this.x.dot_i8_i16(r0 * stride, (n + 3) & ~3, stride, this.wOff, this.outOff);
      for (let j = 0; j < n; j++) {
        const s = base + out[j]! * inv;
        if (s > threshold) {
          heap.push(s, r0 + j);
          threshold = heap.threshold;
        }
      }
    }
  }
}
