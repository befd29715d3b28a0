/**
 * The skip-gram negative-sampling step shared by word2vec (SG, CBOW) and doc2vec (PV-DBOW, inference):
 * one positive target and `negative` targets drawn from the unigram^0.75 table, a precomputed sigmoid
 * table (no `Math.exp` in the loop), a per-thread xorshift32 generator, and preallocated gradient buffers —
 * nothing is allocated per step.
 */

/** Sigmoid is tabulated on [-MAX_SIGMOID, MAX_SIGMOID] (values outside clamp to 0/1, as in word2vec.c). */
export const MAX_SIGMOID = 8;
export const SIGMOID_TABLE_SIZE = 1024;
const SCALE = SIGMOID_TABLE_SIZE / (2 * MAX_SIGMOID);

/** sigmoid(x) at table points x = (i / SIZE) * 2 MAX − MAX. */
export const SIGMOID_TABLE: Float32Array = (() => {
  const t = new Float32Array(SIGMOID_TABLE_SIZE + 1);
  for (let i = 0; i <= SIGMOID_TABLE_SIZE; i++) {
    const x = (i / SIGMOID_TABLE_SIZE) * 2 * MAX_SIGMOID - MAX_SIGMOID;
    t[i] = 1 / (1 + Math.exp(-x));
  }
  return t;
})();

/** −log σ(x) at the same points (the loss of a positive pair; a negative pair's loss is −log σ(−x)). */
export const NEG_LOG_SIGMOID: Float64Array = (() => {
  const t = new Float64Array(SIGMOID_TABLE_SIZE + 1);
  for (let i = 0; i <= SIGMOID_TABLE_SIZE; i++) {
    const x = (i / SIGMOID_TABLE_SIZE) * 2 * MAX_SIGMOID - MAX_SIGMOID;
    t[i] = Math.log1p(Math.exp(-x));
  }
  return t;
})();
const LOSS_CLAMP = MAX_SIGMOID + Math.log1p(Math.exp(-MAX_SIGMOID));

/** A nonzero xorshift32 state from a seed and a stream number (thread, document …). */
export function seedState(seed: number, stream: number): number {
  // splitmix32-style mixing so nearby seeds give unrelated streams
  let z = (Math.imul(seed | 0, 0x9e3779b9) + Math.imul(stream + 1, 0x85ebca6b)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z ^= z >>> 15;
  return z === 0 ? 0x6d2b79f5 : z;
}

export class SgnsKernel {
  readonly dim: number;
  /** Output (context) vectors, `vocab × dim`. */
  readonly syn1: Float32Array;
  readonly table: Int32Array;
  readonly tableMask: number;
  readonly negative: number;
  /** Gradient for the input vector, accumulated over the targets of one step. */
  readonly neu1e: Float32Array;
  /** Hidden vector for CBOW (mean of the context). */
  readonly neu1: Float32Array;
  /** xorshift32 state. */
  rand: number;
  /** Sum of the loss of every (target, label) pair since the last reset, and how many pairs. */
  loss = 0;
  lossCount = 0;

  /** `table.length` must be a power of two. */
  constructor(dim: number, syn1: Float32Array, table: Int32Array, negative: number, randState: number) {
    if ((table.length & (table.length - 1)) !== 0) throw new RangeError('negative table size must be a power of two');
    this.dim = dim;
    this.syn1 = syn1;
    this.table = table;
    this.tableMask = table.length - 1;
    this.negative = negative;
    this.neu1e = new Float32Array(dim);
    this.neu1 = new Float32Array(dim);
    this.rand = randState | 0 || 1;
  }

  /** Next xorshift32 value as an unsigned 32-bit integer. */
  nextRandom(): number {
    let x = this.rand;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rand = x;
    return x >>> 0;
  }

  /** Uniform in [0, 1). */
  nextFloat(): number {
    return this.nextRandom() / 4294967296;
  }

  /**
   * Scores input row `inVec[inOff .. inOff+dim)` against `target` (label 1) and `negative` sampled words
   * (label 0), adds the input's gradient to `neu1e` (not applied here) and, when `updateOutput`, updates
   * the output rows (Hogwild: without locks).
   */
  accumulate(inVec: Float32Array, inOff: number, target: number, alpha: number, updateOutput: boolean): void {
    const dim = this.dim;
    const syn1 = this.syn1;
    const neu1e = this.neu1e;
    const table = this.table;
    const mask = this.tableMask;
    const neg = this.negative;
    let loss = 0;
    let pairs = 0;
    for (let d = 0; d <= neg; d++) {
      let t: number;
      let label: number;
      if (d === 0) {
        t = target;
        label = 1;
      } else {
        let x = this.rand;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        this.rand = x;
        t = table[x & mask]!;
        if (t === target) continue;
        label = 0;
      }
      const l2 = t * dim;
      let f = 0;
      let k = 0;
      for (; k + 3 < dim; k += 4) {
        f +=
          inVec[inOff + k]! * syn1[l2 + k]! +
          inVec[inOff + k + 1]! * syn1[l2 + k + 1]! +
          inVec[inOff + k + 2]! * syn1[l2 + k + 2]! +
          inVec[inOff + k + 3]! * syn1[l2 + k + 3]!;
      }
      for (; k < dim; k++) f += inVec[inOff + k]! * syn1[l2 + k]!;
      let g: number;
      if (f >= MAX_SIGMOID) {
        g = (label - 1) * alpha;
        loss += label === 1 ? 0 : LOSS_CLAMP;
      } else if (f <= -MAX_SIGMOID) {
        g = label * alpha;
        loss += label === 1 ? LOSS_CLAMP : 0;
      } else {
        const i = ((f + MAX_SIGMOID) * SCALE) | 0;
        g = (label - SIGMOID_TABLE[i]!) * alpha;
        loss += label === 1 ? NEG_LOG_SIGMOID[i]! : NEG_LOG_SIGMOID[SIGMOID_TABLE_SIZE - i]!;
      }
      pairs++;
      if (updateOutput) {
        for (k = 0; k < dim; k++) {
          const o = syn1[l2 + k]!;
          neu1e[k] = neu1e[k]! + g * o;
          syn1[l2 + k] = o + g * inVec[inOff + k]!;
        }
      } else {
        for (k = 0; k < dim; k++) neu1e[k] = neu1e[k]! + g * syn1[l2 + k]!;
      }
    }
    this.loss += loss;
    this.lossCount += pairs;
  }

  /** One skip-gram step: input row `inRow` of `syn0` predicts `target`; the input row is updated. */
  pair(syn0: Float32Array, inRow: number, target: number, alpha: number, updateOutput = true): void {
    const dim = this.dim;
    const neu1e = this.neu1e;
    neu1e.fill(0);
    const off = inRow * dim;
    this.accumulate(syn0, off, target, alpha, updateOutput);
    for (let k = 0; k < dim; k++) syn0[off + k] = syn0[off + k]! + neu1e[k]!;
  }

  /**
   * One CBOW step: the mean of rows `ctx[from..to)` of `syn0` predicts `target`; every context row gets the
   * input gradient (word2vec.c with cbow_mean = 1).
   */
  cbow(syn0: Float32Array, ctx: Int32Array, from: number, to: number, target: number, alpha: number): void {
    const n = to - from;
    if (n <= 0) return;
    const dim = this.dim;
    const neu1 = this.neu1;
    const neu1e = this.neu1e;
    neu1.fill(0);
    neu1e.fill(0);
    for (let c = from; c < to; c++) {
      const off = ctx[c]! * dim;
      for (let k = 0; k < dim; k++) neu1[k] = neu1[k]! + syn0[off + k]!;
    }
    const inv = 1 / n;
    for (let k = 0; k < dim; k++) neu1[k] = neu1[k]! * inv;
    this.accumulate(neu1, 0, target, alpha, true);
    for (let c = from; c < to; c++) {
      const off = ctx[c]! * dim;
      for (let k = 0; k < dim; k++) syn0[off + k] = syn0[off + k]! + neu1e[k]!;
    }
  }
}
