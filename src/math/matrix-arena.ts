/**
 * Large matrices allocated inside their own shared `WebAssembly.Memory` (an arena per matrix), so the SIMD
 * kernel reads their rows in place. A single query otherwise copies every row block into the kernel's
 * memory first — a second pass over the matrix that a BLAS `gemv` does not make, and what bounded one
 * query over 341k×100 at ≈ 6.6 GB/s. The arena's buffer is a SharedArrayBuffer: to the rest of the code the
 * matrix is an ordinary shared Float32Array (scan threads read it too), and it is freed like any other
 * array when no view of it is left. Growing is never needed, so views stay valid.
 *
 * Layout (byte offsets): the matrix at 0 · slot flags (Int32 per slot) · `SLOTS` scratch slots of 64 KiB,
 * each holding one query and one block of scores. A scan claims a free slot atomically (the calling thread
 * and each scan thread can scan the same matrix at once) and releases it afterwards; when every slot is
 * taken, or the matrix is not in an arena, callers use the copying path.
 */
import type { TopKHeap } from './top-k-heap.js';
import { WASM_BASE64 } from './wasm/dot-kernels-shared-wasm.js';
import { lazyModule, wasm, WASM_PAGE, type WasmMemory } from './wasm/wasm-api.js';

/** Matrices at least this large (in float32 values: 16 MiB) get an arena. */
export const ARENA_MIN_VALUES = 1 << 22;
/** wasm32 addresses stop at 4 GiB; stay at half. */
const ARENA_MAX_BYTES = 2 ** 31;
const SLOTS = 16;
const SLOT_BYTES = 65536;
/** Rows scored per kernel call (the score block in a slot). */
const ROWS_PER_CALL = 4096;
/** Longest row a slot holds next to its score block. */
const MAX_DIM = (SLOT_BYTES - ROWS_PER_CALL * 4) / 4;

/** Where an arena's slots are; posted to scan threads with the memory itself. */
export interface MatrixArena {
  readonly memory: WasmMemory;
  readonly flagsOffset: number;
  readonly slotsOffset: number;
  readonly slots: number;
}

interface GemmExports {
  gemm_nt(a: number, m: number, b: number, n: number, d: number, out: number): void;
}

const module = lazyModule(WASM_BASE64);
/** Arenas by the buffer object their views share (in a scan thread: the buffer it received). */
const arenas = new WeakMap<ArrayBufferLike, MatrixArena>();
const kernels = new WeakMap<MatrixArena, GemmExports>();

const align = (x: number, to: number): number => Math.ceil(x / to) * to;

/** A zero-filled Float32Array of `length` values in a new arena, or undefined (too large, or no shared WebAssembly memory). */
export function arenaFloat32(length: number): Float32Array | undefined {
  const flagsOffset = align(length * 4, 64);
  const slotsOffset = align(flagsOffset + SLOTS * 4, 64);
  const bytes = slotsOffset + SLOTS * SLOT_BYTES;
  if (wasm === undefined || module() === undefined || bytes > ARENA_MAX_BYTES) return undefined;
  let memory: WasmMemory;
  try {
    const pages = Math.ceil(bytes / WASM_PAGE);
    memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return undefined; // e.g. address space exhausted: a plain shared array still works
  }
  const arena: MatrixArena = { memory, flagsOffset, slotsOffset, slots: SLOTS };
  arenas.set(memory.buffer, arena);
  return new Float32Array(memory.buffer, 0, length);
}

/** The arena holding `a`, if any. */
export function arenaOf(a: Float32Array): MatrixArena | undefined {
  return arenas.get(a.buffer);
}

/** Records that `a` (as received by a scan thread) lives in `arena` (as received with it). */
export function adoptArena(a: Float32Array, arena: MatrixArena): void {
  arenas.set(a.buffer, arena);
}

function kernelOf(arena: MatrixArena): GemmExports | undefined {
  let k = kernels.get(arena);
  if (k === undefined) {
    const mod = module();
    if (mod === undefined || wasm === undefined) return undefined;
    k = new wasm.Instance(mod, { env: { memory: arena.memory } }).exports as unknown as GemmExports;
    kernels.set(arena, k);
  }
  return k;
}

/**
 * Scores rows `from…to-1` of `matrix` (in an arena) against one `query` into `heap`, reading the rows in
 * place. Returns false, having done nothing, when the matrix is not in an arena, `dim` is not a multiple
 * of 4 (the kernel's row stride), or no slot is free.
 */
export function scanInPlace(matrix: Float32Array, dim: number, from: number, to: number, query: Float32Array, heap: TopKHeap): boolean {
  const arena = arenaOf(matrix);
  if (arena === undefined || dim % 4 !== 0 || dim > MAX_DIM) return false;
  const kernel = kernelOf(arena);
  if (kernel === undefined) return false;
  const buffer = arena.memory.buffer;
  const flags = new Int32Array(buffer, arena.flagsOffset, arena.slots);
  let slot = 0;
  while (slot < arena.slots && Atomics.compareExchange(flags, slot, 0, 1) !== 0) slot++;
  if (slot === arena.slots) return false;
  try {
    const qOff = arena.slotsOffset + slot * SLOT_BYTES;
    const outOff = qOff + dim * 4;
    new Float32Array(buffer, qOff, dim).set(query.subarray(0, dim));
    const out = new Float32Array(buffer, outOff, ROWS_PER_CALL);
    const base = matrix.byteOffset;
    let threshold = heap.threshold;
    for (let r0 = from; r0 < to; r0 += ROWS_PER_CALL) {
      const n = Math.min(ROWS_PER_CALL, to - r0);
      // The kernel takes rows in fours: up to 3 rows past the last are read (the slot area follows the
      // matrix, so they are in memory) and their scores ignored.
      kernel.gemm_nt(qOff, 1, base + r0 * dim * 4, (n + 3) & ~3, dim, outOff);
      for (let j = 0; j < n; j++) {
        const score = out[j]!;
        if (score > threshold) {
          heap.push(score, r0 + j);
          threshold = heap.threshold;
        }
      }
    }
  } finally {
    Atomics.store(flags, slot, 0);
  }
  return true;
}
