/**
 * Pooling stage: token vectors of a padded batch (`batch × seq × hidden`, with an attention mask) become
 * one vector per sequence. Each mode is a small function with the same signature; all of them look only at
 * positions whose mask is 1, so they are correct with right padding *and* left padding, and a sequence's
 * result does not depend on how much padding its batch needed.
 *
 * Semantics follow sentence-transformers' `Pooling` module:
 * - `cls`: the first real token (with right padding: position 0).
 * - `mean`: masked mean; an all-masked row gives zeros.
 * - `max`: masked max per dimension; an all-masked row gives zeros.
 * - `last`: the last real token (right padding: position len−1; left padding: position seq−1).
 * - `weightedmean`: SGPT position-weighted mean, weights 1, 2, …, n over the real tokens (equal to
 *   sentence-transformers with right padding).
 */
import { EmbedkitError } from '../../errors.js';
import type { TransformerPooling } from '../embedder.js';


/** Token vectors of one padded batch, row-major `batch × seq × hidden`. */
export interface TokenStates {
  readonly data: Float32Array;
  readonly batch: number;
  readonly seq: number;
  readonly hidden: number;
}

/**
 * Writes one pooled vector per sequence into `out` (`batch × hidden`). `mask` is `batch × seq`,
 * 1 for real tokens and 0 for padding (or for tokens excluded from pooling, e.g. a prompt).
 */
export type PoolFn = (states: TokenStates, mask: Uint8Array, out: Float32Array) => void;

function checkShapes(states: TokenStates, mask: Uint8Array, out: Float32Array): void {
  const { batch, seq, hidden, data } = states;
  if (data.length !== batch * seq * hidden || mask.length !== batch * seq || out.length < batch * hidden) {
    throw new EmbedkitError('DIM_MISMATCH', 'pooling input', {
      expected: `states ${batch}×${seq}×${hidden}, mask ${batch}×${seq}, out ≥ ${batch}×${hidden}`,
      received: `states ${data.length}, mask ${mask.length}, out ${out.length}`,
    });
  }
}

/** out[b] = states[b, t] (copy of one position). */
function copyPosition(states: TokenStates, b: number, t: number, out: Float32Array): void {
  const { hidden, seq, data } = states;
  const src = (b * seq + t) * hidden;
  out.set(data.subarray(src, src + hidden), b * hidden);
}

export const poolCls: PoolFn = (states, mask, out) => {
  checkShapes(states, mask, out);
  const { batch, seq, hidden } = states;
  for (let b = 0; b < batch; b++) {
    let t = 0;
    while (t < seq && mask[b * seq + t] === 0) t++;
    if (t < seq) copyPosition(states, b, t, out);
    else out.fill(0, b * hidden, (b + 1) * hidden);
  }
};

export const poolLast: PoolFn = (states, mask, out) => {
  checkShapes(states, mask, out);
  const { batch, seq, hidden } = states;
  for (let b = 0; b < batch; b++) {
    let t = seq - 1;
    while (t >= 0 && mask[b * seq + t] === 0) t--;
    if (t >= 0) copyPosition(states, b, t, out);
    else out.fill(0, b * hidden, (b + 1) * hidden);
  }
};

/** Masked weighted sum; `weight(k)` gets the 1-based rank k of the real token in its sequence. */
function weightedSum(states: TokenStates, mask: Uint8Array, out: Float32Array, weight: (k: number) => number): void {
  checkShapes(states, mask, out);
  const { batch, seq, hidden, data } = states;
  const acc = new Float64Array(hidden);
  for (let b = 0; b < batch; b++) {
    acc.fill(0);
    let total = 0;
    let k = 0;
    for (let t = 0; t < seq; t++) {
      if (mask[b * seq + t] === 0) continue;
      const w = weight(++k);
      total += w;
      const src = (b * seq + t) * hidden;
      for (let j = 0; j < hidden; j++) acc[j]! += w * data[src + j]!;
    }
    const o = b * hidden;
    const inv = total > 0 ? 1 / total : 0;
    for (let j = 0; j < hidden; j++) out[o + j] = acc[j]! * inv;
  }
}

export const poolMean: PoolFn = (states, mask, out) => weightedSum(states, mask, out, () => 1);

export const poolWeightedMean: PoolFn = (states, mask, out) => weightedSum(states, mask, out, (k) => k);

export const poolMax: PoolFn = (states, mask, out) => {
  checkShapes(states, mask, out);
  const { batch, seq, hidden, data } = states;
  for (let b = 0; b < batch; b++) {
    const o = b * hidden;
    out.fill(-Infinity, o, o + hidden);
    let any = false;
    for (let t = 0; t < seq; t++) {
      if (mask[b * seq + t] === 0) continue;
      any = true;
      const src = (b * seq + t) * hidden;
      for (let j = 0; j < hidden; j++) {
        const v = data[src + j]!;
        if (v > out[o + j]!) out[o + j] = v;
      }
    }
    if (!any) out.fill(0, o, o + hidden);
  }
};

export const POOL_FUNCTIONS: Readonly<Record<TransformerPooling, PoolFn>> = {
  cls: poolCls,
  mean: poolMean,
  max: poolMax,
  last: poolLast,
  weightedmean: poolWeightedMean,
};
