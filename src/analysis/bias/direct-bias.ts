/**
 * Bolukbasi et al. (2016): the gender direction and DirectBias.
 *
 * Direction (debiaswe's `we.doPCA`): every vector is scaled to unit length (debiaswe normalizes the
 * embedding on load); for each definitional pair (a, b) with centre c = (a + b)/2 the rows a − c and b − c
 * are stacked, and the direction is the first principal component of that matrix (sklearn PCA: centred,
 * SVD). debiaswe's sign is whatever the SVD returns; ours is fixed: the direction points towards the FIRST
 * word of the pairs (Σ (a − b)·g > 0), so with `definitional_pairs.json` ([woman, man], [she, he], …) a
 * positive projection means "on the she side".
 *
 * DirectBias_c = mean over the neutral words w of |cos(w, g)|^c (c = 1 by default).
 */
import { EmbedkitError } from '../../errors.js';
import { pca } from '../../math/pca.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import type { WordPair } from './debiaswe-lists.js';

export interface ConceptDirection {
  /** Unit vector (float64 for exactness; `Float32Array.from` it for transforms). */
  readonly direction: Float64Array;
  /** sklearn's explained_variance_ratio_ of the first components (up to 10). */
  readonly explainedVarianceRatio: Float64Array;
  /** Pairs that were used (both words found). */
  readonly pairs: readonly WordPair[];
  /** Words of pairs that were not found (their pairs are skipped). */
  readonly missing: readonly string[];
}

/** Unit-length float64 copy of row i. */
export function unitRow(kv: KeyedVectors, i: number): Float64Array {
  const dim = kv.dim;
  const out = new Float64Array(dim);
  let n = 0;
  for (let j = 0; j < dim; j++) {
    const v = kv.vectors[i * dim + j]!;
    out[j] = v;
    n += v * v;
  }
  if (n > 0) {
    const inv = 1 / Math.sqrt(n);
    for (let j = 0; j < dim; j++) out[j]! *= inv;
  }
  return out;
}

/** The first principal component of the centred pairs (debiaswe's doPCA), oriented towards the first words. */
export function pairDirection(kv: KeyedVectors, pairs: readonly WordPair[]): ConceptDirection {
  const dim = kv.dim;
  const used: WordPair[] = [];
  const missing: string[] = [];
  const rows: Float64Array[] = [];
  const diffs: Float64Array[] = [];
  for (const [a, b] of pairs) {
    const ia = kv.indexOf(a);
    const ib = kv.indexOf(b);
    if (ia < 0) missing.push(a);
    if (ib < 0) missing.push(b);
    if (ia < 0 || ib < 0) continue;
    const ua = unitRow(kv, ia);
    const ub = unitRow(kv, ib);
    const ra = new Float64Array(dim);
    const rb = new Float64Array(dim);
    const d = new Float64Array(dim);
    for (let j = 0; j < dim; j++) {
      const c = (ua[j]! + ub[j]!) / 2;
      ra[j] = ua[j]! - c;
      rb[j] = ub[j]! - c;
      d[j] = ua[j]! - ub[j]!;
    }
    rows.push(ra, rb);
    diffs.push(d);
    used.push([a, b]);
  }
  if (used.length === 0) {
    throw new EmbedkitError('UNKNOWN_WORD', 'definitional pairs', { expected: 'at least one pair with both words in the vocabulary', received: `none of ${pairs.length}; missing: ${missing.slice(0, 10).join(', ')}`, where: 'pairs' });
  }
  const data = new Float64Array(rows.length * dim);
  rows.forEach((r, i) => data.set(r, i * dim));
  const p = pca({ data, rows: rows.length, dim }, 10);
  const g = p.components.slice(0, dim);
  let orient = 0;
  for (const d of diffs) for (let j = 0; j < dim; j++) orient += d[j]! * g[j]!;
  if (orient < 0) for (let j = 0; j < dim; j++) g[j] = -g[j]!;
  return { direction: g, explainedVarianceRatio: p.explainedVarianceRatio, pairs: used, missing };
}

export interface WordProjection {
  readonly word: string;
  /** cos(w, g). */
  readonly score: number;
}

export interface DirectBiasOptions {
  /** The exponent c (default 1). */
  readonly c?: number;
  /** Words listed on each side (default 10). */
  readonly topK?: number;
}

export interface DirectBiasResult {
  readonly directBias: number;
  readonly c: number;
  /** Neutral words found, with cos(w, g), in input order. */
  readonly projections: readonly WordProjection[];
  /** Highest cos(w, g) first (the side of the pairs' first words) / lowest first (the other side). */
  readonly positive: readonly WordProjection[];
  readonly negative: readonly WordProjection[];
  readonly missing: readonly string[];
}

function cosTo(kv: KeyedVectors, i: number, g: Float64Array): number {
  const dim = kv.dim;
  let d = 0;
  let n = 0;
  let gn = 0;
  for (let j = 0; j < dim; j++) {
    const v = kv.vectors[i * dim + j]!;
    d += v * g[j]!;
    n += v * v;
    gn += g[j]! * g[j]!;
  }
  return n === 0 || gn === 0 ? 0 : d / Math.sqrt(n * gn);
}

/** DirectBias_c of `words` (e.g. professions) with respect to `direction`. */
export function directBias(kv: KeyedVectors, direction: Float64Array | Float32Array, words: readonly string[], opts: DirectBiasOptions = {}): DirectBiasResult {
  if (direction.length !== kv.dim) throw new EmbedkitError('DIM_MISMATCH', 'direction', { expected: `${kv.dim} values`, received: `${direction.length}` });
  const c = opts.c ?? 1;
  if (!(c > 0) || !Number.isFinite(c)) throw new EmbedkitError('BAD_OPTION', 'c', { expected: 'a positive number', received: String(c), where: 'c' });
  const g = Float64Array.from(direction);
  const projections: WordProjection[] = [];
  const missing: string[] = [];
  const seen = new Set<number>();
  for (const w of words) {
    const i = kv.indexOf(w);
    if (i < 0) {
      missing.push(w);
      continue;
    }
    if (seen.has(i)) continue;
    seen.add(i);
    projections.push({ word: w, score: cosTo(kv, i, g) });
  }
  if (projections.length === 0) throw new EmbedkitError('UNKNOWN_WORD', 'neutral words', { expected: 'at least one word in the vocabulary', received: `none of ${words.length}`, where: 'words' });
  let sum = 0;
  for (const p of projections) sum += Math.abs(p.score) ** c;
  const k = opts.topK ?? 10;
  const sorted = [...projections].sort((a, b) => b.score - a.score);
  return {
    directBias: sum / projections.length,
    c,
    projections,
    positive: sorted.slice(0, k),
    negative: sorted.slice(-k).reverse(),
    missing,
  };
}

/** The vocabulary words with the highest and lowest cos(w, g) among the first `restrictVocab` rows (default 50,000). */
export function extremeWords(kv: KeyedVectors, direction: Float64Array | Float32Array, opts: { topK?: number; restrictVocab?: number } = {}): { positive: WordProjection[]; negative: WordProjection[] } {
  const g = Float64Array.from(direction);
  const rows = Math.min(kv.size, opts.restrictVocab ?? 50_000);
  const k = opts.topK ?? 20;
  const all: WordProjection[] = [];
  for (let i = 0; i < rows; i++) all.push({ word: kv.keyAt(i), score: cosTo(kv, i, g) });
  all.sort((a, b) => b.score - a.score);
  return { positive: all.slice(0, k), negative: all.slice(-k).reverse() };
}
