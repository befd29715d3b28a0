/**
 * Dictionary induction from two aligned unit-length spaces, as MUSE's `get_candidates` +
 * `build_dictionary` (Conneau et al. 2018): for each of the first `maxRank` source words, its best target
 * (nearest neighbour or CSLS, k = 10) and the margin to the second best; the same from the target side;
 * pairs whose rows exceed `maxRank` are dropped (MUSE keeps `max(rows) <= maxRank`); the dictionary is the
 * intersection of both directions (`S2T&T2S`, mutual nearest neighbours — MUSE's default) or another
 * combination. The unsupervised model-selection criterion of MUSE comes with it: the mean cosine of the
 * first 10,000 source→target pairs in margin order.
 */
import { EmbedkitError, badOption } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import type { TopK } from '../../math/top-k-heap.js';
import { cslsTopK, meanTopKSimilarity, nnTopK } from './csls.js';

export type InductionMethod = 'nn' | 'csls';
export type InductionBuild = 'S2T' | 'T2S' | 'S2T|T2S' | 'S2T&T2S';
export const INDUCTION_BUILDS: readonly InductionBuild[] = ['S2T', 'T2S', 'S2T|T2S', 'S2T&T2S'];

export interface InductionOptions {
  /** `csls` (default) or `nn`. */
  readonly method?: InductionMethod;
  /** Neighbours in the CSLS terms (default 10). */
  readonly cslsK?: number;
  /** How the two directions combine (default `S2T&T2S`). */
  readonly build?: InductionBuild;
  /** Only the most frequent rows take part (default 10,000; 0 = all). */
  readonly maxRank?: number;
  /** Pairs averaged by the mean-cosine criterion (default 10,000). */
  readonly criterionSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** CSLS neighbourhood terms: each mapped source row's mean top-k cosine to the targets, and vice versa. */
export interface NeighbourhoodTerms {
  readonly rSource: Float32Array;
  readonly rTarget: Float32Array;
  readonly k: number;
}

export interface InducedDictionary {
  readonly source: Int32Array;
  readonly target: Int32Array;
  /** MUSE's `mean_cosine-<method>-S2T-10000`: mean cosine of the first `criterionSize` S2T pairs by margin. */
  readonly meanCosine: number;
}

/** Both CSLS terms over the whole of both spaces (two full scans). */
export function neighbourhoodTerms(source: Matrix, target: Matrix, k: number, onProgress?: (done: number, total: number) => void): NeighbourhoodTerms {
  const total = source.rows + target.rows;
  const rSource = meanTopKSimilarity(source, target, k, onProgress !== undefined ? { onProgress: (d) => onProgress(d, total) } : {});
  const rTarget = meanTopKSimilarity(target, source, k, onProgress !== undefined ? { onProgress: (d) => onProgress(source.rows + d, total) } : {});
  return { rSource, rTarget, k };
}

interface Candidate {
  readonly q: number;
  readonly key: number;
  readonly margin: number;
  readonly score: number;
}

function firstRows(m: Matrix, n: number): Matrix {
  return n >= m.rows ? m : { data: m.data.subarray(0, n * m.dim), rows: n, dim: m.dim };
}

/** MUSE's `get_candidates`: best key per query with its margin, sorted by margin, rank-filtered. */
function candidates(queries: Matrix, keys: Matrix, maxRank: number, scan: (q: Matrix) => TopK[]): Candidate[] {
  const n = maxRank > 0 ? Math.min(maxRank, queries.rows) : queries.rows;
  const tops = scan(firstRows(queries, n));
  const out: Candidate[] = [];
  tops.forEach((t, q) => {
    const best = t.indices[0]!;
    const margin = t.scores[0]! - (t.scores.length > 1 ? t.scores[1]! : -Infinity);
    if (maxRank > 0 && Math.max(q, best) > maxRank) return;
    out.push({ q, key: best, margin, score: t.scores[0]! });
  });
  out.sort((a, b) => b.margin - a.margin || a.q - b.q);
  return out;
}

function cosineAt(a: Matrix, i: number, b: Matrix, j: number): number {
  let s = 0;
  for (let c = 0; c < a.dim; c++) s += a.data[i * a.dim + c]! * b.data[j * b.dim + c]!;
  return s;
}

/**
 * Induces a dictionary from a mapped source space and a target space, both with unit-length rows (rows
 * beyond the vocabulary limit already cut). CSLS terms are computed unless given.
 */
export function induceDictionary(source: Matrix, target: Matrix, opts: InductionOptions = {}, terms?: NeighbourhoodTerms): InducedDictionary {
  const method = opts.method ?? 'csls';
  if (method !== 'csls' && method !== 'nn') throw badOption('method', "'csls' or 'nn'", method);
  const build = opts.build ?? 'S2T&T2S';
  if (!INDUCTION_BUILDS.includes(build)) throw badOption('build', INDUCTION_BUILDS.join(', '), build);
  const maxRank = opts.maxRank ?? 10000;
  if (!Number.isInteger(maxRank) || maxRank < 0) throw badOption('maxRank', 'an integer ≥ 0', maxRank);
  const k = opts.cslsK ?? 10;
  if (source.rows < 2 || target.rows < 2) throw new EmbedkitError('EMPTY_INPUT', 'dictionary induction', { expected: 'at least 2 rows in each space', received: `${source.rows} and ${target.rows}`, where: 'vocabulary' });
  const t = method === 'csls' ? (terms ?? neighbourhoodTerms(source, target, k, opts.onProgress)) : undefined;
  const s2tScan = (q: Matrix): TopK[] => (t === undefined ? nnTopK(q, target, 2) : cslsTopK(q, target, t.rSource.subarray(0, q.rows), t.rTarget, 2));
  const t2sScan = (q: Matrix): TopK[] => (t === undefined ? nnTopK(q, source, 2) : cslsTopK(q, source, t.rTarget.subarray(0, q.rows), t.rSource, 2));
  const s2t = candidates(source, target, maxRank, s2tScan);
  const criterionSize = opts.criterionSize ?? 10000;
  let sum = 0;
  const nCrit = Math.min(criterionSize, s2t.length);
  for (let i = 0; i < nCrit; i++) sum += cosineAt(source, s2t[i]!.q, target, s2t[i]!.key);
  const meanCosine = nCrit > 0 ? sum / nCrit : Number.NaN;
  let pairs: [number, number][];
  if (build === 'S2T') {
    pairs = s2t.map((c) => [c.q, c.key]);
  } else {
    const t2s = candidates(target, source, maxRank, t2sScan).map((c) => [c.key, c.q] as [number, number]);
    if (build === 'T2S') {
      pairs = t2s;
    } else {
      const a = new Set(s2t.map((c) => c.q * target.rows + c.key));
      const b = new Set(t2s.map(([s, tt]) => s * target.rows + tt));
      const keep = build === 'S2T&T2S' ? [...a].filter((x) => b.has(x)) : [...new Set([...a, ...b])];
      pairs = keep.map((x) => [Math.floor(x / target.rows), x % target.rows]);
    }
  }
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return { source: Int32Array.from(pairs, (p) => p[0]), target: Int32Array.from(pairs, (p) => p[1]), meanCosine };
}
