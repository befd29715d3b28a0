/**
 * Vector decoding: the vocabulary entries nearest (by cosine) to any vector — a sentence embedding, a
 * centroid, a vector mapped from another space — in a word-vector space or in an encoder's token-embedding
 * space (token-embeddings.ts). Queries are batched through the exact top-k kernel (`topKDotBatch`) over
 * the unit-length vocabulary.
 */
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import { topKDotBatch } from '../../math/top-k.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import type { Embedder } from '../../embedders/embedder.js';

export interface DecodeOptions {
  /** Entries per vector (default 10). */
  readonly topK?: number;
  /** Only the first N rows of the vocabulary (files are usually in frequency order). */
  readonly restrictVocab?: number;
  /** Entries never returned (e.g. the words of the decoded text), matched as `KeyedVectors.indexOf` does. */
  readonly exclude?: readonly string[];
  /** Entries never returned for one query each (e.g. each text's own words), in addition to `exclude`. */
  readonly excludeEach?: readonly (readonly string[])[];
  /**
   * A background vector subtracted from every query before it is compared, e.g. the mean embedding of a
   * reference corpus: pooled sentence vectors share a large common direction (function words, frequency)
   * that otherwise dominates their nearest words.
   */
  readonly subtract?: Float32Array;
}

export interface DecodedVector {
  readonly words: string[];
  readonly indices: Int32Array;
  /** Cosine similarities, best first. */
  readonly scores: Float32Array;
}

function unitQueries(queries: Matrix, dim: number, subtract: Float32Array | undefined): Float32Array {
  if (queries.dim !== dim) throw new EmbedkitError('DIM_MISMATCH', 'vector to decode', { expected: `dimension ${dim} (the vocabulary's)`, received: `dimension ${queries.dim}`, where: 'vectors' });
  if (subtract !== undefined && subtract.length !== dim) throw new EmbedkitError('DIM_MISMATCH', 'background vector', { expected: `dimension ${dim}`, received: `dimension ${subtract.length}`, where: 'subtract' });
  const out = new Float32Array(queries.rows * dim);
  for (let r = 0; r < queries.rows; r++) {
    let s = 0;
    for (let j = 0; j < dim; j++) {
      const v = queries.data[r * dim + j]! - (subtract?.[j] ?? 0);
      out[r * dim + j] = v;
      s += v * v;
    }
    if (!(s > 0) || !Number.isFinite(s)) {
      throw new EmbedkitError('BAD_ARGUMENT', 'vector to decode', { expected: 'a non-zero, finite vector', received: Number.isFinite(s) ? 'all zeros' : 'a non-finite value', where: `vectors row ${r}` });
    }
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < dim; j++) out[r * dim + j]! *= inv;
  }
  return out;
}

/** Nearest vocabulary entries of every row of `queries`. */
export function decodeVectors(vocab: KeyedVectors, queries: Matrix, opts: DecodeOptions = {}): DecodedVector[] {
  const k = opts.topK ?? 10;
  if (!Number.isInteger(k) || k < 1) throw new EmbedkitError('BAD_OPTION', 'topK', { expected: 'a positive integer', received: String(k), where: 'topK' });
  const q = unitQueries(queries, vocab.dim, opts.subtract);
  if (opts.excludeEach !== undefined && opts.excludeEach.length !== queries.rows) {
    throw new EmbedkitError('DIM_MISMATCH', 'excludeEach', { expected: `${queries.rows} lists (one per vector)`, received: `${opts.excludeEach.length}`, where: 'excludeEach' });
  }
  const rowsOf = (words: readonly string[], into: Set<number>): Set<number> => {
    for (const w of words) {
      const i = vocab.indexOf(w);
      if (i >= 0) into.add(i);
    }
    return into;
  };
  const exclude = rowsOf(opts.exclude ?? [], new Set<number>());
  const each = opts.excludeEach?.map((words) => rowsOf(words, new Set(exclude)));
  const limit = opts.restrictVocab;
  const res = topKDotBatch(vocab.unitVectors(), vocab.dim, q, k, {
    ...(limit !== undefined ? { limit } : {}),
    ...(each !== undefined ? { exclude: each } : exclude.size > 0 ? { exclude: Array.from({ length: queries.rows }, () => exclude) } : {}),
  });
  return res.map((r) => ({ words: Array.from(r.indices, (i) => vocab.keyAt(i)), indices: r.indices, scores: r.scores }));
}

/** The mean of the rows of `m` (a background vector for `subtract`). */
export function meanVector(m: Matrix): Float32Array {
  const s = new Float64Array(m.dim);
  for (let r = 0; r < m.rows; r++) for (let j = 0; j < m.dim; j++) s[j]! += m.data[r * m.dim + j]!;
  return Float32Array.from(s, (v) => v / Math.max(1, m.rows));
}

/** Nearest vocabulary entries of one vector. */
export function decodeVector(vocab: KeyedVectors, vector: Float32Array, opts: DecodeOptions = {}): DecodedVector {
  return decodeVectors(vocab, { data: vector, rows: 1, dim: vector.length }, opts)[0]!;
}

/** Embeds `texts` with `embedder` and decodes each embedding (the words of a text are not excluded unless listed). */
export async function decodeTexts(embedder: Embedder, vocab: KeyedVectors, texts: readonly string[], opts: DecodeOptions = {}): Promise<DecodedVector[]> {
  return decodeVectors(vocab, await embedder.embed(texts), opts);
}
