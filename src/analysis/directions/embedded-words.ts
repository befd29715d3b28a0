/**
 * Words as a small word-vector space through any embedder: each distinct word embedded as a one-word text.
 * Directions of word pairs, defining sets or INLP classes can then be found in the output space of a
 * transformer encoder (or of any embedder with its options), and removed from it at encode time.
 * Words the embedder gives no direction (all-zero vectors) are left out, and so count as missing.
 */
import type { EmbedOptions, Embedder } from '../../embedders/embedder.js';
import { KeyedVectors } from '../../vectors/keyed-vectors.js';

export async function embedWords(embedder: Embedder, words: Iterable<string>, opts: EmbedOptions = {}): Promise<KeyedVectors> {
  const distinct = [...new Set(words)];
  const m = await embedder.embed(distinct, opts);
  const keys: string[] = [];
  const data = new Float32Array(m.rows * m.dim);
  for (let r = 0; r < m.rows; r++) {
    const row = m.data.subarray(r * m.dim, (r + 1) * m.dim);
    let n = 0;
    for (const v of row) n += v * v;
    if (!(n > 0) || !Number.isFinite(n)) continue;
    data.set(row, keys.length * m.dim);
    keys.push(distinct[r]!);
  }
  return new KeyedVectors(keys, data.slice(0, keys.length * m.dim), m.dim);
}
