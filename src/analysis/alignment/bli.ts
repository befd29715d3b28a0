/**
 * Bilingual lexicon induction (word translation) evaluation, as MUSE's `get_word_translation_accuracy`:
 * every distinct source word of the test dictionary is a query; its top 10 targets are retrieved by
 * nearest neighbour (cosine) and by CSLS (k = 10); precision@k is the share of source words with at least
 * one of their listed translations among the top k. Fractions in [0, 1] (MUSE prints percentages).
 */
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import type { TopK } from '../../math/top-k-heap.js';
import { cslsTopK, meanTopKSimilarity, nnTopK } from './csls.js';
import type { Dictionary } from './dictionary.js';
import type { NeighbourhoodTerms } from './induce-dictionary.js';

export interface BliOptions {
  /** Neighbours in the CSLS terms (default 10). */
  readonly cslsK?: number;
  /** Precomputed CSLS terms over the same two matrices (e.g. from the last refinement round). */
  readonly terms?: NeighbourhoodTerms;
  /** Skip CSLS retrieval (its terms cost a full scan of both spaces). */
  readonly nnOnly?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface BliResult {
  readonly 'p@1': number;
  readonly 'p@5': number;
  readonly 'p@10': number;
  /** CSLS precisions; null with `nnOnly`. */
  readonly 'cslsP@1': number | null;
  readonly 'cslsP@5': number | null;
  readonly 'cslsP@10': number | null;
  /** Distinct source words evaluated (queries). */
  readonly queries: number;
  /** Dictionary pairs used / left out (unknown words). */
  readonly pairs: number;
  readonly missing: number;
}

const KS = [1, 5, 10] as const;

function precisions(tops: readonly TopK[], queryRows: readonly number[], gold: ReadonlyMap<number, ReadonlySet<number>>): number[] {
  return KS.map((k) => {
    let hit = 0;
    tops.forEach((t, i) => {
      const g = gold.get(queryRows[i]!)!;
      for (let j = 0; j < Math.min(k, t.indices.length); j++) {
        if (g.has(t.indices[j]!)) {
          hit++;
          break;
        }
      }
    });
    return tops.length === 0 ? Number.NaN : hit / tops.length;
  });
}

/**
 * Scores a mapped source space against a target space, both with unit-length rows (cut to the vocabulary
 * searched); dictionary rows must lie inside them.
 */
export function evaluateBli(source: Matrix, target: Matrix, dict: Dictionary, opts: BliOptions = {}): BliResult {
  if (dict.source.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'test dictionary', { expected: 'pairs with both words in the spaces', received: `0 of ${dict.read} pairs`, where: 'dictionary' });
  const gold = new Map<number, Set<number>>();
  for (let i = 0; i < dict.source.length; i++) {
    const s = dict.source[i]!;
    const t = dict.target[i]!;
    if (s >= source.rows || t >= target.rows) throw new EmbedkitError('BAD_ARGUMENT', 'dictionary pair', { expected: `rows below ${source.rows} / ${target.rows}`, received: `${s} / ${t}`, where: 'dictionary' });
    let g = gold.get(s);
    if (g === undefined) gold.set(s, (g = new Set()));
    g.add(t);
  }
  const rows = [...gold.keys()].sort((a, b) => a - b);
  const d = source.dim;
  const q = new Float32Array(rows.length * d);
  rows.forEach((r, i) => q.set(source.data.subarray(r * d, (r + 1) * d), i * d));
  const queries: Matrix = { data: q, rows: rows.length, dim: d };
  const nn = precisions(nnTopK(queries, target, 10), rows, gold);
  let csls: readonly [number | null, number | null, number | null] = [null, null, null];
  if (opts.nnOnly !== true) {
    const k = opts.cslsK ?? 10;
    let rQ: Float32Array;
    let rT: Float32Array;
    if (opts.terms !== undefined && opts.terms.k === k && opts.terms.rSource.length === source.rows && opts.terms.rTarget.length === target.rows) {
      rQ = Float32Array.from(rows, (r) => opts.terms!.rSource[r]!);
      rT = opts.terms.rTarget;
    } else {
      const total = target.rows + rows.length;
      const progress = opts.onProgress;
      rT = meanTopKSimilarity(target, source, k, progress !== undefined ? { onProgress: (done) => progress(done, total) } : {});
      rQ = meanTopKSimilarity(queries, target, k, progress !== undefined ? { onProgress: (done) => progress(target.rows + done, total) } : {});
    }
    const c = precisions(cslsTopK(queries, target, rQ, rT, 10), rows, gold);
    csls = [c[0]!, c[1]!, c[2]!];
  }
  return {
    'p@1': nn[0]!,
    'p@5': nn[1]!,
    'p@10': nn[2]!,
    'cslsP@1': csls[0],
    'cslsP@5': csls[1],
    'cslsP@10': csls[2],
    queries: rows.length,
    pairs: dict.source.length,
    missing: dict.missing,
  };
}
