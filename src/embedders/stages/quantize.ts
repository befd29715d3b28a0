/**
 * Output precision stage, with sentence-transformers' `quantize_embeddings` semantics:
 * - `float32`: unchanged.
 * - `uint8`: per dimension, `trunc((x − min) / ((max − min) / 255))`; `int8`: `trunc((x − min) / step − 128)`.
 *   `min`/`max` come from calibration ranges when given, else from the embeddings being quantized
 *   (so, without ranges, the result depends on the batch — pass `ranges` for stable codes).
 * - `ubinary`: bits `x > 0` packed 8 per byte, most significant bit first (numpy `packbits`), the last byte
 *   zero-padded; `binary`: the same bytes minus 128, as int8.
 * Arithmetic is done in float32, as numpy does on float32 input.
 */
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';

export type Precision = 'float32' | 'int8' | 'uint8' | 'binary' | 'ubinary';
export const PRECISIONS: readonly Precision[] = ['float32', 'int8', 'uint8', 'binary', 'ubinary'];

/** Per-dimension calibration: `min[j]`, `max[j]`. */
export interface QuantizationRanges {
  readonly min: Float32Array;
  readonly max: Float32Array;
}

export interface QuantizedEmbeddings {
  readonly precision: Precision;
  readonly data: Float32Array | Int8Array | Uint8Array;
  readonly rows: number;
  /** Values per row: the input dim, or ⌈dim / 8⌉ for the binary precisions. */
  readonly dim: number;
}

/** Column-wise min and max of `m` (calibration ranges). */
export function quantizationRanges(m: Matrix): QuantizationRanges {
  const min = new Float32Array(m.dim).fill(Infinity);
  const max = new Float32Array(m.dim).fill(-Infinity);
  for (let r = 0; r < m.rows; r++) {
    const off = r * m.dim;
    for (let j = 0; j < m.dim; j++) {
      const v = m.data[off + j]!;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
    }
  }
  return { min, max };
}

/** Number of values per row after quantizing `dim` values to `precision`. */
export function quantizedDim(dim: number, precision: Precision): number {
  return precision === 'binary' || precision === 'ubinary' ? Math.ceil(dim / 8) : dim;
}

export function quantizeEmbeddings(m: Matrix, precision: Precision, ranges?: QuantizationRanges): QuantizedEmbeddings {
  const { rows, dim } = m;
  switch (precision) {
    case 'float32':
      return { precision, data: m.data, rows, dim };
    case 'int8':
    case 'uint8': {
      const r = ranges ?? quantizationRanges(m);
      if (r.min.length !== dim || r.max.length !== dim) {
        throw new EmbedkitError('DIM_MISMATCH', 'quantization ranges', { expected: `${dim} values`, received: `${r.min.length}/${r.max.length}` });
      }
      const step = new Float32Array(dim);
      for (let j = 0; j < dim; j++) step[j] = Math.fround(Math.fround(r.max[j]! - r.min[j]!) / 255);
      const out = precision === 'uint8' ? new Uint8Array(rows * dim) : new Int8Array(rows * dim);
      const shift = precision === 'int8' ? 128 : 0;
      const lo = precision === 'int8' ? -128 : 0;
      const hi = precision === 'int8' ? 127 : 255;
      for (let i = 0; i < rows; i++) {
        const off = i * dim;
        for (let j = 0; j < dim; j++) {
          const s = step[j]!;
          // A constant dimension (step 0) has no information: code 0 (numpy would divide by zero).
          const q = s > 0 ? Math.trunc(Math.fround(Math.fround(Math.fround(m.data[off + j]! - r.min[j]!) / s) - shift)) : 0;
          out[off + j] = Math.min(hi, Math.max(lo, q));
        }
      }
      return { precision, data: out, rows, dim };
    }
    case 'binary':
    case 'ubinary': {
      const bytes = Math.ceil(dim / 8);
      const out = new Uint8Array(rows * bytes);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < dim; j++) {
          if (m.data[i * dim + j]! > 0) out[i * bytes + (j >> 3)]! |= 0x80 >> (j & 7);
        }
      }
      if (precision === 'ubinary') return { precision, data: out, rows, dim: bytes };
      const signed = new Int8Array(out.length);
      for (let k = 0; k < out.length; k++) signed[k] = out[k]! - 128;
      return { precision, data: signed, rows, dim: bytes };
    }
    default:
      throw new EmbedkitError('BAD_OPTION', 'precision', { expected: PRECISIONS.join('|'), received: JSON.stringify(precision), where: 'precision' });
  }
}

/** The quantized codes as a float32 matrix (what `Embedder.embed` returns). */
export function quantizedAsMatrix(q: QuantizedEmbeddings): Matrix {
  return { data: q.data instanceof Float32Array ? q.data : Float32Array.from(q.data), rows: q.rows, dim: q.dim };
}
