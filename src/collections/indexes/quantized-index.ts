/**
 * Quantized exact scans with float rescoring (as in sentence-transformers' embedding quantization guide):
 * a cheap pass over compressed codes finds the best `rescore × k` candidates, which are then rescored with
 * the float vectors.
 *
 * - `Int8Index`: per-dimension calibration. For dimension d with range [min_d, max_d] over the data,
 *   step_d = (max_d − min_d) / 255 and code = clamp(round((x − min_d) / step_d) − 128, −128, 127).
 *   Candidates are scored asymmetrically: the float query against the dequantized codes,
 *   Σ_d q_d·(min_d + (c_d + 128)·step_d) = const + Σ_d (q_d·step_d)·c_d, one multiply-add per byte
 *   (WebAssembly SIMD: int16 weights × int8 codes, int32 sums; see math/wasm/int8-kernels.ts).
 * - `BinaryIndex`: one bit per dimension, set when x_d exceeds the per-dimension mean (sign bits of the
 *   centred vector; with centred data this is the usual sign quantization). Candidates by Hamming
 *   distance between query and row bits (XOR + popcount: WebAssembly SIMD `i8x16.popcnt` for full scans,
 *   32-bit words for filtered ones), 32× smaller than float32.
 */
import { quantizationRanges } from '../../embedders/stages/quantize.js';
import type { Matrix } from '../../math/matrix.js';
import { TopKHeap, type TopK } from '../../math/top-k-heap.js';
import { CodeScan } from '../../math/wasm/code-scan.js';
import { rescore } from './flat-index.js';
import { QueryAtATimeIndex, type IndexSearchOptions } from './vector-index.js';

export const DEFAULT_INT8_RESCORE = 4;
/**
 * Binary codes carry one bit per dimension, so short vectors need more candidates: the default rescore
 * factor is 10 from 256 dims up and grows as 2560 / dim below (100 dims: 26, 32 dims: 80).
 */
export function defaultBinaryRescore(dim: number): number {
  return Math.max(10, Math.ceil(2560 / dim));
}

export interface Int8Calibration {
  readonly min: Float32Array;
  readonly step: Float32Array;
}

/**
 * Per-dimension ranges of `matrix` (the calibration set; the same ranges as the embedders' output
 * quantization stage). Codes here are rounded, not truncated as in that stage's file format: the scan
 * ranks by the dequantized vectors, and rounding halves the worst-case error.
 */
export function calibrateInt8(matrix: Matrix): Int8Calibration {
  const dim = matrix.dim;
  const ranges = quantizationRanges(matrix);
  const min = new Float32Array(dim);
  const step = new Float32Array(dim);
  for (let d = 0; d < dim; d++) {
    const range = matrix.rows === 0 ? 0 : ranges.max[d]! - ranges.min[d]!;
    min[d] = matrix.rows === 0 ? 0 : ranges.min[d]!;
    step[d] = range > 0 ? range / 255 : 1;
  }
  return { min, step };
}

/** int8 codes of `rows × dim` floats under a calibration. */
export function quantizeInt8(data: Float32Array, dim: number, cal: Int8Calibration): Int8Array {
  const out = new Int8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const d = i % dim;
    const c = Math.round((data[i]! - cal.min[d]!) / cal.step[d]!) - 128;
    out[i] = c < -128 ? -128 : c > 127 ? 127 : c;
  }
  return out;
}

/**
 * Pushes every row's `base + Σ_d w_d·c_d` into `heap`, the weights quantized to int16 (relative error
 * ≤ 2⁻¹⁵ of the largest, far below the int8 codes' own) so the SIMD kernel sums exactly in int32.
 */
export function scanInt8(scan: CodeScan, w: Float32Array, dim: number, base: number, heap: TopKHeap): void {
  let max = 0;
  for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(w[d]!));
  const limit = Math.min(32767, Math.floor((2 ** 31 - 1) / (128 * scan.stride)));
  const scale = max > 0 ? limit / max : 1;
  const q = scan.query();
  const wq = new Int16Array(q.buffer, q.byteOffset, scan.stride);
  for (let d = 0; d < dim; d++) wq[d] = Math.round(w[d]! * scale);
  const inv = 1 / scale;
  let threshold = heap.threshold;
  scan.scan('dotI8I16', (out, from, n) => {
    for (let j = 0; j < n; j++) {
      const s = base + out[j]! * inv;
      if (s > threshold) {
        heap.push(s, from + j);
        threshold = heap.threshold;
      }
    }
  });
}

function candidateCount(k: number, rescoreFactor: number, n: number): number {
  return Math.min(n, Math.max(k, Math.ceil(k * rescoreFactor)));
}

export class Int8Index extends QueryAtATimeIndex {
  readonly kind = 'int8' as const;
  readonly dim: number;
  readonly size: number;
  readonly calibration: Int8Calibration;
  /** `size × stride` codes (row stride ≥ dim: the SIMD scanner pads rows to 16 bytes). */
  readonly codes: Int8Array;
  readonly stride: number;
  /** The codes in WebAssembly memory, scanned with SIMD (undefined where unavailable). */
  private readonly simd: CodeScan | undefined;

  constructor(
    readonly matrix: Matrix,
    readonly defaultRescore: number = DEFAULT_INT8_RESCORE,
  ) {
    super();
    this.dim = matrix.dim;
    this.size = matrix.rows;
    this.calibration = calibrateInt8(matrix);
    const codes = quantizeInt8(matrix.data.subarray(0, this.size * this.dim), this.dim, this.calibration);
    this.simd = CodeScan.create(this.size, this.dim);
    this.simd?.fill(new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength), this.dim);
    this.codes = this.simd !== undefined ? new Int8Array(this.simd.bytes.buffer, this.simd.bytes.byteOffset, this.simd.bytes.byteLength) : codes;
    this.stride = this.simd?.stride ?? this.dim;
  }

  search(query: Float32Array, k: number, opts: IndexSearchOptions = {}): TopK {
    const dim = this.dim;
    const { min, step } = this.calibration;
    const qs = new Float32Array(dim);
    let base = 0;
    for (let d = 0; d < dim; d++) {
      qs[d] = query[d]! * step[d]!;
      base += query[d]! * (min[d]! + 128 * step[d]!);
    }
    const rows = opts.rows;
    const n = rows?.length ?? this.size;
    const heap = new TopKHeap(candidateCount(k, opts.rescore ?? this.defaultRescore, n));
    if (rows === undefined && this.simd !== undefined) {
      scanInt8(this.simd, qs, dim, base, heap);
      return rescore(this.matrix, query, heap.result().indices, k);
    }
    const codes = this.codes;
    const stride = this.stride;
    let threshold = -Infinity;
    const dim4 = dim - (dim % 4);
    for (let i = 0; i < n; i++) {
      const r = rows === undefined ? i : rows[i]!;
      const off = r * stride;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let d = 0;
      for (; d < dim4; d += 4) {
        s0 += qs[d]! * codes[off + d]!;
        s1 += qs[d + 1]! * codes[off + d + 1]!;
        s2 += qs[d + 2]! * codes[off + d + 2]!;
        s3 += qs[d + 3]! * codes[off + d + 3]!;
      }
      for (; d < dim; d++) s0 += qs[d]! * codes[off + d]!;
      const s = base + s0 + s1 + s2 + s3;
      if (s > threshold) {
        heap.push(s, r);
        threshold = heap.threshold;
      }
    }
    return rescore(this.matrix, query, heap.result().indices, k);
  }
}

/** Number of set bits of a 32-bit integer. */
export function popcount32(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Packs bit d of each row (x_d > threshold_d) into 32-bit words, little-endian bit order. */
function binarize(data: Float32Array, dim: number, thresholds: Float32Array): Uint32Array {
  const words = Math.ceil(dim / 32);
  const rows = data.length / dim;
  const out = new Uint32Array(rows * words);
  for (let r = 0; r < rows; r++) {
    for (let d = 0; d < dim; d++) {
      if (data[r * dim + d]! > thresholds[d]!) out[r * words + (d >>> 5)]! |= 1 << (d & 31);
    }
  }
  return out;
}

export class BinaryIndex extends QueryAtATimeIndex {
  readonly kind = 'binary' as const;
  readonly dim: number;
  readonly size: number;
  readonly words: number;
  readonly thresholds: Float32Array;
  readonly codes: Uint32Array;
  /** The codes in WebAssembly memory, scanned with SIMD popcount (undefined where unavailable). */
  private readonly simd: CodeScan | undefined;

  constructor(
    readonly matrix: Matrix,
    readonly defaultRescore: number = defaultBinaryRescore(matrix.dim),
  ) {
    super();
    this.dim = matrix.dim;
    this.size = matrix.rows;
    this.words = Math.ceil(this.dim / 32);
    const mean = new Float64Array(this.dim);
    const data = matrix.data;
    for (let r = 0; r < this.size; r++) for (let d = 0; d < this.dim; d++) mean[d]! += data[r * this.dim + d]!;
    this.thresholds = Float32Array.from(mean, (s) => (this.size > 0 ? s / this.size : 0));
    this.codes = binarize(data.subarray(0, this.size * this.dim), this.dim, this.thresholds);
    this.simd = CodeScan.create(this.size, this.words * 4);
    this.simd?.fill(new Uint8Array(this.codes.buffer, this.codes.byteOffset, this.codes.byteLength), this.words * 4);
  }

  search(query: Float32Array, k: number, opts: IndexSearchOptions = {}): TopK {
    const words = this.words;
    const q = binarize(query, this.dim, this.thresholds);
    const rows = opts.rows;
    const n = rows?.length ?? this.size;
    const heap = new TopKHeap(candidateCount(k, opts.rescore ?? this.defaultRescore, n));
    let threshold = -Infinity;
    if (rows === undefined && this.simd !== undefined) {
      const qb = this.simd.query();
      new Uint32Array(qb.buffer, qb.byteOffset, words).set(q);
      this.simd.scan('hamming', (out, from, count) => {
        for (let j = 0; j < count; j++) {
          const s = -out[j]!;
          if (s > threshold) {
            heap.push(s, from + j);
            threshold = heap.threshold;
          }
        }
      });
      return rescore(this.matrix, query, heap.result().indices, k);
    }
    const codes = this.codes;
    for (let i = 0; i < n; i++) {
      const r = rows === undefined ? i : rows[i]!;
      const off = r * words;
      let h = 0;
      for (let w = 0; w < words; w++) h += popcount32((codes[off + w]! ^ q[w]!) >>> 0);
      const s = -h;
      if (s > threshold) {
        heap.push(s, r);
        threshold = heap.threshold;
      }
    }
    return rescore(this.matrix, query, heap.result().indices, k);
  }
}
