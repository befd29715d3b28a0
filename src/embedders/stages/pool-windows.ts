/**
 * Windows of long texts (`long: 'chunk'`): each text is split into overlapping windows that are pooled on
 * their own. `poolWindows` combines them into one vector per text, the mean of its windows weighted by their
 * content-token counts (LongEmbed's chunk-and-pool); `firstWindows` keeps each text's first window (what
 * truncation embeds).
 */
import type { Matrix } from '../../math/matrix.js';

export interface TextWindows {
  /** One pooled vector per window (before normalization), windows of a text in order. */
  readonly vectors: Matrix;
  /** The text (row of the input) each window belongs to. */
  readonly owner: Int32Array;
  /** Content tokens of each window. */
  readonly weight: Float64Array;
  /** Number of texts. */
  readonly texts: number;
}

/** One row per text: the token-count-weighted mean of its windows. */
export function poolWindows(w: TextWindows): Matrix {
  const { dim } = w.vectors;
  const src = w.vectors.data;
  const totals = new Float64Array(w.texts);
  for (let i = 0; i < w.owner.length; i++) totals[w.owner[i]!]! += w.weight[i]!;
  const acc = new Float64Array(w.texts * dim);
  for (let i = 0; i < w.owner.length; i++) {
    const t = w.owner[i]!;
    const s = w.weight[i]! / totals[t]!;
    const o = t * dim;
    const r = i * dim;
    for (let j = 0; j < dim; j++) acc[o + j]! += s * src[r + j]!;
  }
  return { data: Float32Array.from(acc), rows: w.texts, dim };
}

/** One row per text: its first window. */
export function firstWindows(w: TextWindows): Matrix {
  const { dim } = w.vectors;
  const data = new Float32Array(w.texts * dim);
  const seen = new Uint8Array(w.texts);
  for (let i = 0; i < w.owner.length; i++) {
    const t = w.owner[i]!;
    if (seen[t] === 1) continue;
    seen[t] = 1;
    data.set(w.vectors.data.subarray(i * dim, (i + 1) * dim), t * dim);
  }
  return { data, rows: w.texts, dim };
}
