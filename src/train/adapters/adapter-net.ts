/**
 * The adapter networks trained on frozen embeddings, as one flat float64 parameter vector each:
 * - `linear`:   y = x + x D + b            (D `dim × dim`, b `dim`; zero = identity)
 * - `low-rank`: y = x + (x A) B            (A `dim × rank`, B `rank × dim`; B = 0 = identity)
 * - `mlp`:      y = x + relu(x W1 + b1) W2 + b2   (W2, b2 = 0 = identity)
 * Forward keeps what backward needs; backward accumulates parameter gradients (the encoder is frozen, so
 * no input gradient is formed). The embedders floor applies the trained weights (`linear-map`,
 * `low-rank-adapter`, `mlp-adapter` transforms).
 */
import { gaussianRandom } from '../../learn/random.js';
import { addColumnSums, addMulTransposeA, mul, mulTransposeB } from './dense.js';

export type AdapterKind = 'linear' | 'low-rank' | 'mlp';
export const ADAPTER_KINDS: readonly AdapterKind[] = ['linear', 'low-rank', 'mlp'];

export interface AdapterShape {
  readonly kind: AdapterKind;
  readonly dim: number;
  /** low-rank: the rank; mlp: the hidden width. */
  readonly width: number;
}

/** Named blocks of the flat parameter vector, in order, with their sizes. */
export function parameterBlocks(s: AdapterShape): { name: string; size: number }[] {
  const d = s.dim;
  const w = s.width;
  if (s.kind === 'linear') return [{ name: 'd', size: d * d }, { name: 'b', size: d }];
  if (s.kind === 'low-rank') return [{ name: 'a', size: d * w }, { name: 'b', size: w * d }];
  return [{ name: 'w1', size: d * w }, { name: 'b1', size: w }, { name: 'w2', size: w * d }, { name: 'b2', size: d }];
}

export function parameterCount(s: AdapterShape): number {
  return parameterBlocks(s).reduce((n, b) => n + b.size, 0);
}

/** Views of the named blocks of `p`. */
export function blocks(s: AdapterShape, p: Float64Array): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  let off = 0;
  for (const b of parameterBlocks(s)) {
    out[b.name] = p.subarray(off, off + b.size);
    off += b.size;
  }
  return out;
}

/** Initial parameters: the identity map, with the first layer of low-rank / mlp drawn N(0, 1/dim). */
export function initialParameters(s: AdapterShape, rand: () => number): Float64Array {
  const p = new Float64Array(parameterCount(s));
  if (s.kind === 'linear') return p;
  const first = blocks(s, p)[s.kind === 'low-rank' ? 'a' : 'w1']!;
  const normal = gaussianRandom(rand);
  const sd = 1 / Math.sqrt(s.dim);
  for (let i = 0; i < first.length; i++) first[i] = normal() * sd;
  return p;
}

export interface Forward {
  readonly y: Float64Array;
  readonly rows: number;
  readonly x: Float64Array;
  /** low-rank: x A; mlp: relu(x W1 + b1). */
  readonly h?: Float64Array;
}

export function forward(s: AdapterShape, p: Float64Array, x: Float64Array, rows: number): Forward {
  const d = s.dim;
  const w = s.width;
  const bl = blocks(s, p);
  if (s.kind === 'linear') {
    const y = mul(x, rows, d, bl['d']!, d);
    const b = bl['b']!;
    for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) y[r * d + j]! += x[r * d + j]! + b[j]!;
    return { y, rows, x };
  }
  if (s.kind === 'low-rank') {
    const h = mul(x, rows, d, bl['a']!, w);
    const y = mul(h, rows, w, bl['b']!, d);
    for (let i = 0; i < y.length; i++) y[i]! += x[i]!;
    return { y, rows, x, h };
  }
  const h = mul(x, rows, d, bl['w1']!, w);
  const b1 = bl['b1']!;
  for (let r = 0; r < rows; r++) for (let j = 0; j < w; j++) h[r * w + j] = Math.max(0, h[r * w + j]! + b1[j]!);
  const y = mul(h, rows, w, bl['w2']!, d);
  const b2 = bl['b2']!;
  for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) y[r * d + j]! += x[r * d + j]! + b2[j]!;
  return { y, rows, x, h };
}

/** Adds dLoss/dParameters for one forward pass to `grad`, given dLoss/dy. */
export function backward(s: AdapterShape, p: Float64Array, f: Forward, dy: Float64Array, grad: Float64Array): void {
  const d = s.dim;
  const w = s.width;
  const n = f.rows;
  const bl = blocks(s, p);
  const gb = blocks(s, grad);
  if (s.kind === 'linear') {
    addMulTransposeA(gb['d']!, f.x, n, d, dy, d);
    addColumnSums(gb['b']!, dy, n, d);
    return;
  }
  const h = f.h!;
  if (s.kind === 'low-rank') {
    addMulTransposeA(gb['b']!, h, n, w, dy, d);
    const dh = mulTransposeB(dy, n, d, bl['b']!, w);
    addMulTransposeA(gb['a']!, f.x, n, d, dh, w);
    return;
  }
  addMulTransposeA(gb['w2']!, h, n, w, dy, d);
  addColumnSums(gb['b2']!, dy, n, d);
  const dh = mulTransposeB(dy, n, d, bl['w2']!, w);
  for (let i = 0; i < dh.length; i++) if (h[i]! <= 0) dh[i] = 0;
  addMulTransposeA(gb['w1']!, f.x, n, d, dh, w);
  addColumnSums(gb['b1']!, dh, n, w);
}
