/**
 * The SGNS step in WebAssembly SIMD (src/train/wasm/sgns.wat): f32x4 dot products and updates over
 * weights that live in one shared WebAssembly memory, so every worker thread instantiates the module on
 * the same memory (Hogwild as in the TypeScript kernel). Used when WebAssembly SIMD and shared memory are
 * available, `dim` is a multiple of 4 and the weights fit in 4 GiB; otherwise the TypeScript kernel runs.
 */
import { SgnsKernel, NEG_LOG_SIGMOID, SIGMOID_TABLE, SIGMOID_TABLE_SIZE } from './sgns-kernel.js';
import { lazyModule, wasm, WASM_PAGE, type WasmMemory } from '../math/wasm/wasm-api.js';
import { SGNS_WASM_BASE64 } from './wasm/sgns-wasm.js';

export type { WasmMemory };

interface Exports {
  zero(dst: number, bytes: number): void;
  axpy(dst: number, src: number, bytes: number, a: number): void;
  scale(dst: number, bytes: number, a: number): void;
  pair(inPtr: number, syn1: number, targets: number, n: number, alpha: number, neu1e: number, sig: number, bytes: number, updateOut: number, applyIn: number): number;
}

const PAGE = WASM_PAGE;
const MAX_PAGES = 65536;
const compiled = lazyModule(SGNS_WASM_BASE64);

export type KernelChoice = 'auto' | 'wasm' | 'js';
export const KERNEL_CHOICES: readonly KernelChoice[] = ['auto', 'wasm', 'js'];

/** Byte layout of the shared weight memory (all offsets 16-byte aligned). */
export interface WeightLayout {
  readonly sigOffset: number;
  /** Per-thread scratch: neu1e, neu1, targets. */
  readonly scratchOffset: number;
  readonly scratchBytes: number;
  readonly syn0Offset: number;
  readonly syn1Offset: number;
  /** -1 without document vectors. */
  readonly docsOffset: number;
  readonly totalBytes: number;
}

const align16 = (n: number): number => Math.ceil(n / 16) * 16;

export function weightLayout(vocab: number, documents: number, dim: number, negative: number, threads: number): WeightLayout {
  const row = dim * 4;
  const sigOffset = 0;
  const scratchOffset = align16(2 * (SIGMOID_TABLE_SIZE + 1) * 4);
  const scratchBytes = align16(row) * 2 + align16((negative + 1) * 4);
  const syn0Offset = scratchOffset + scratchBytes * threads;
  const syn1Offset = syn0Offset + align16(vocab * row);
  const docsOffset = documents > 0 ? syn1Offset + align16(vocab * row) : -1;
  const totalBytes = (docsOffset >= 0 ? docsOffset + align16(documents * row) : syn1Offset + align16(vocab * row));
  return { sigOffset, scratchOffset, scratchBytes, syn0Offset, syn1Offset, docsOffset, totalBytes };
}

/**
 * Allocates the shared weight memory: a shared WebAssembly memory when the SIMD kernel can run (and is
 * not refused by `choice`), else a plain SharedArrayBuffer. The sigmoid tables are written in both.
 */
export function allocateWeights(layout: WeightLayout, dim: number, choice: KernelChoice): { buffer: SharedArrayBuffer; memory: WasmMemory | undefined } {
  const pages = Math.ceil(layout.totalBytes / PAGE);
  let memory: WasmMemory | undefined;
  if (choice !== 'js' && dim % 4 === 0 && pages <= MAX_PAGES && compiled() !== undefined) {
    try {
      memory = new wasm!.Memory({ initial: pages, maximum: pages, shared: true });
    } catch {
      memory = undefined;
    }
  }
  if (choice === 'wasm' && memory === undefined) throw new Error('WebAssembly SIMD kernel unavailable (needs dim % 4 === 0 and weights < 4 GiB)');
  const buffer = memory !== undefined ? (memory.buffer as SharedArrayBuffer) : new SharedArrayBuffer(layout.totalBytes);
  const sig = new Float32Array(buffer, layout.sigOffset, 2 * (SIGMOID_TABLE_SIZE + 1));
  sig.set(SIGMOID_TABLE, 0);
  sig.set(NEG_LOG_SIGMOID, SIGMOID_TABLE_SIZE + 1);
  return { buffer, memory };
}

export class WasmSgnsKernel extends SgnsKernel {
  private readonly x: Exports;
  private readonly bytes: number;
  private readonly neu1ePtr: number;
  private readonly neu1Ptr: number;
  private readonly targetsPtr: number;
  private readonly targets: Int32Array;
  private readonly sigPtr: number;

  constructor(dim: number, syn1: Float32Array, table: Int32Array, negative: number, randState: number, memory: WasmMemory, layout: WeightLayout, threadId: number) {
    super(dim, syn1, table, negative, randState);
    this.x = new wasm!.Instance(compiled()!, { env: { memory } }).exports as unknown as Exports;
    this.bytes = dim * 4;
    const scratch = layout.scratchOffset + layout.scratchBytes * threadId;
    this.neu1ePtr = scratch;
    this.neu1Ptr = scratch + align16(this.bytes);
    this.targetsPtr = scratch + 2 * align16(this.bytes);
    this.targets = new Int32Array(memory.buffer, this.targetsPtr, negative + 1);
    this.sigPtr = layout.sigOffset;
  }

  /** Fills the targets scratch with the positive and the sampled negatives; returns how many. */
  private sample(target: number): number {
    const t = this.targets;
    const table = this.table;
    const mask = this.tableMask;
    t[0] = target;
    let n = 1;
    for (let d = 0; d < this.negative; d++) {
      let x = this.rand;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.rand = x;
      const w = table[x & mask]!;
      if (w !== target) t[n++] = w;
    }
    return n;
  }

  override pair(syn0: Float32Array, inRow: number, target: number, alpha: number, updateOutput = true): void {
    const n = this.sample(target);
    this.loss += this.x.pair(syn0.byteOffset + inRow * this.bytes, this.syn1.byteOffset, this.targetsPtr, n, alpha, this.neu1ePtr, this.sigPtr, this.bytes, updateOutput ? 1 : 0, 1);
    this.lossCount += n;
  }

  override cbow(syn0: Float32Array, ctx: Int32Array, from: number, to: number, target: number, alpha: number): void {
    const count = to - from;
    if (count <= 0) return;
    const x = this.x;
    const bytes = this.bytes;
    const base = syn0.byteOffset;
    x.zero(this.neu1Ptr, bytes);
    for (let c = from; c < to; c++) x.axpy(this.neu1Ptr, base + ctx[c]! * bytes, bytes, 1);
    x.scale(this.neu1Ptr, bytes, 1 / count);
    const n = this.sample(target);
    this.loss += x.pair(this.neu1Ptr, this.syn1.byteOffset, this.targetsPtr, n, alpha, this.neu1ePtr, this.sigPtr, bytes, 1, 0);
    this.lossCount += n;
    for (let c = from; c < to; c++) x.axpy(base + ctx[c]! * bytes, this.neu1ePtr, bytes, 1);
  }
}
