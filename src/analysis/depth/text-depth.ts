/**
 * TTE depth of texts through any `Embedder`: rank a corpus from most central to most outlying, or compare
 * two corpora. Texts whose embedding is all zeros (no known token under a static model) have no
 * direction: an error by default, or left out and listed with `zeroVectors: 'skip'`.
 */
import { EmbedkitError, badOption } from '../../errors.js';
import type { Embedder } from '../../embedders/embedder.js';
import type { Matrix } from '../../math/matrix.js';
import { compareDepths, type DepthComparison } from './depth-comparison.js';
import { corpusDepths, type DepthOptions, type DepthSampling } from './tte-depth.js';
import { zeroRows } from './unit-rows.js';

export interface TextDepthOptions extends DepthOptions {
  /** What to do with texts embedded as zero vectors: `error` (default) or `skip` (left out, listed). */
  readonly zeroVectors?: 'error' | 'skip';
  readonly onWarning?: (message: string) => void;
  /** Progress of the embedding pass. */
  readonly onEmbedProgress?: (done: number, total: number) => void;
}

export interface RankedText {
  /** Position of the text in the input. */
  readonly index: number;
  readonly text: string;
  readonly depth: number;
}

export interface TextDepthRanking {
  /** Most central first. */
  readonly ranked: readonly RankedText[];
  /** The corpus median (the deepest text). */
  readonly median: RankedText;
  /** Input positions left out (zero vectors). */
  readonly skipped: readonly number[];
  readonly sampling?: DepthSampling;
}

export interface TextDepthComparison extends DepthComparison {
  readonly skippedF: readonly number[];
  readonly skippedG: readonly number[];
}

/** Keeps the rows with a direction; returns them with their input positions. */
function keepDirected(m: Matrix, name: string, opts: TextDepthOptions): { matrix: Matrix; kept: Int32Array; skipped: number[] } {
  const mode = opts.zeroVectors ?? 'error';
  if (mode !== 'error' && mode !== 'skip') throw badOption('zeroVectors', "'error' | 'skip'", mode);
  const zero = zeroRows(m);
  if (zero.length === 0) return { matrix: m, kept: Int32Array.from({ length: m.rows }, (_, i) => i), skipped: [] };
  if (mode === 'error') {
    throw new EmbedkitError('BAD_ARGUMENT', 'text without a vector', {
      expected: 'texts with at least one known token',
      received: `${zero.length} text(s) embedded as zero vectors`,
      where: `${name} text ${zero.slice(0, 5).join(', ')}${zero.length > 5 ? ', …' : ''}`,
      hint: "remove them, or set `zeroVectors` to 'skip'",
    });
  }
  opts.onWarning?.(`${zero.length} text(s) of ${name} have no known token and were left out (positions ${zero.slice(0, 10).join(', ')}${zero.length > 10 ? ', …' : ''})`);
  const skip = new Set(zero);
  const kept = Int32Array.from({ length: m.rows }, (_, i) => i).filter((i) => !skip.has(i));
  const data = new Float32Array(kept.length * m.dim);
  kept.forEach((r, i) => data.set(m.data.subarray(r * m.dim, (r + 1) * m.dim), i * m.dim));
  return { matrix: { data, rows: kept.length, dim: m.dim }, kept, skipped: zero };
}

function embedOpts(opts: TextDepthOptions): { onProgress?: (done: number, total: number) => void } {
  return opts.onEmbedProgress === undefined ? {} : { onProgress: opts.onEmbedProgress };
}

/** Ranks `texts` by depth w.r.t. themselves, most central first. */
export async function rankTextsByDepth(embedder: Embedder, texts: readonly string[], opts: TextDepthOptions = {}): Promise<TextDepthRanking> {
  const m = await embedder.embed(texts, embedOpts(opts));
  const { matrix, kept, skipped } = keepDirected(m, 'F', opts);
  const res = corpusDepths(matrix, opts);
  const ranked = Array.from(res.order, (r) => ({ index: kept[r]!, text: texts[kept[r]!]!, depth: res.depths[r]! }));
  const out = { ranked, median: ranked[0]!, skipped };
  return res.sampling === undefined ? out : { ...out, sampling: res.sampling };
}

/** Depths of two corpora w.r.t. F, Q(F, G) and the rank-sum test (H₁: G is more outlying than F). */
export async function compareTextCorpora(embedder: Embedder, f: readonly string[], g: readonly string[], opts: TextDepthOptions = {}): Promise<TextDepthComparison> {
  const mf = await embedder.embed(f, embedOpts(opts));
  const mg = await embedder.embed(g, embedOpts(opts));
  const a = keepDirected(mf, 'F', opts);
  const b = keepDirected(mg, 'G', opts);
  return { ...compareDepths(a.matrix, b.matrix, opts), skippedF: a.skipped, skippedG: b.skipped };
}
