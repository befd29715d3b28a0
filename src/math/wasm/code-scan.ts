/**
 * Packed code rows in WebAssembly memory, scanned with SIMD (see code-kernels.wat). Each instance owns
 * its memory — rows padded to 16 bytes (and their count to 4) with zeros, a query region, an int32 output
 * block — which never grows, so `bytes` stays a valid view of the codes.
 *
 * Kernels, with `n` rows scored per call:
 * - `dotI8I16`: Σ_d w_d·c_d of int8 codes against int16 weights, exact int32 sums (|w|·128·stride < 2³¹);
 * - `hamming`: popcount(row XOR query) of bit codes.
 */
import { WASM_BASE64 } from './code-kernels-wasm.js';
import { lazyModule, wasm, WASM_PAGE, type WasmMemory } from './wasm-api.js';

interface Exports {
  readonly memory: WasmMemory;
  dot_i8_i16(codes: number, n: number, stride: number, w: number, out: number): void;
  hamming(codes: number, n: number, stride: number, q: number, out: number): void;
}

export type CodeKernel = 'dotI8I16' | 'hamming';

/** Rows scored per kernel call (the int32 output block). */
const BLOCK = 4096;
/** wasm32 memory tops out at 4 GiB; stay well below. */
const MAX_BYTES = 2 ** 31;
const module = lazyModule(WASM_BASE64);

export class CodeScan {
  /** Bytes per stored row (the code width rounded up to 16). */
  readonly stride: number;
  /** The codes, `rows × stride` bytes (padding is 0). */
  readonly bytes: Uint8Array;
  private readonly qOff: number;
  private readonly outOff: number;

  private constructor(
    private readonly x: Exports,
    readonly rows: number,
    rowBytes: number,
  ) {
    this.stride = (rowBytes + 15) & ~15;
    this.qOff = ((rows + 3) & ~3) * this.stride;
    this.outOff = this.qOff + 2 * this.stride;
    const need = this.outOff + BLOCK * 4;
    const have = x.memory.buffer.byteLength;
    if (need > have) x.memory.grow(Math.ceil((need - have) / WASM_PAGE));
    this.bytes = new Uint8Array(x.memory.buffer, 0, rows * this.stride);
  }

  /** Space for `rows` codes of `rowBytes` bytes; undefined without WebAssembly SIMD or when too large. */
  static create(rows: number, rowBytes: number): CodeScan | undefined {
    const mod = module();
    if (mod === undefined || wasm === undefined) return undefined;
    const stride = (rowBytes + 15) & ~15;
    if (((rows + 3) & ~3) * stride + 2 * stride + BLOCK * 4 > MAX_BYTES) return undefined;
    return new CodeScan(new wasm.Instance(mod, {}).exports as unknown as Exports, rows, rowBytes);
  }

  /** Copies row-major codes of `rowBytes` bytes each into the padded rows. */
  fill(codes: Uint8Array, rowBytes: number): void {
    if (rowBytes === this.stride) this.bytes.set(codes.subarray(0, this.rows * rowBytes));
    else for (let r = 0; r < this.rows; r++) this.bytes.set(codes.subarray(r * rowBytes, (r + 1) * rowBytes), r * this.stride);
  }

  /** The query region (2 × stride bytes, zeroed): int16 weights for `dotI8I16`, bits for `hamming`. */
  query(): Uint8Array {
    const q = new Uint8Array(this.x.memory.buffer, this.qOff, 2 * this.stride);
    q.fill(0);
    return q;
  }

  /** Runs `kernel` over all rows against the query region; `visit(out, from, n)` reads each block's results. */
  scan(kernel: CodeKernel, visit: (out: Int32Array, from: number, n: number) => void): void {
    const out = new Int32Array(this.x.memory.buffer, this.outOff, BLOCK);
    const fn = kernel === 'dotI8I16' ? this.x.dot_i8_i16 : this.x.hamming;
    for (let r0 = 0; r0 < this.rows; r0 += BLOCK) {
      const n = Math.min(BLOCK, this.rows - r0);
      fn(r0 * this.stride, (n + 3) & ~3, this.stride, this.qOff, this.outOff);
      visit(out, r0, n);
    }
  }
}
