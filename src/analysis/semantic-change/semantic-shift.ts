/**
 * Which words moved between two spaces (two periods of one corpus, two domains, two models with one
 * vocabulary)? Both spaces are cut to their shared vocabulary; the second is aligned to the first by
 * orthogonal Procrustes on all shared words after `preprocess` (default: unit length, as histwords'
 * `smart_procrustes_align`); every shared word gets the global (cosine distance after alignment), local
 * neighbourhood (Hamilton et al. 2016, k = 25) and neighbour-overlap measures (see shift-measures.ts); the
 * `top` words by the global and by the local measure are listed with their nearest neighbours in each space.
 */
import { EmbedkitError, badOption } from '../../errors.js';
import { normalizeRows } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import type { TopK } from '../../math/top-k-heap.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { LinearMap } from '../../embedders/transforms/linear-map.js';
import { checkSteps, preprocess, type PreprocessStep } from '../../embedders/transforms/preprocess.js';
import { orthogonalProcrustes } from '../alignment/procrustes.js';
import { sharedVocabulary } from './shared-vocabulary.js';
import { localNeighbourhoodDistance, neighbourOverlap, rowCosineDistances, selfNeighbours } from './shift-measures.js';

export type ShiftMeasure = 'global' | 'local' | 'overlap';

export interface ShiftOptions {
  /** Words listed per ranking (default 50). */
  readonly top?: number;
  /** Neighbours of the local measure and the overlap (default 25, as Hamilton et al.). */
  readonly k?: number;
  /** Neighbours shown per word and space (default 10). */
  readonly shownNeighbours?: number;
  /** Only each space's `maxWords` most frequent rows take part (default all). */
  readonly maxWords?: number;
  /** Steps before the Procrustes fit (default `['unit']`). */
  readonly preprocess?: readonly PreprocessStep[];
  /** Progress of the neighbour scans (rows of both spaces). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface WordShift {
  readonly word: string;
  /** Cosine distance after alignment (0 = unchanged, up to 2). */
  readonly global: number;
  /** Hamilton et al.'s local neighbourhood distance (0 = same neighbourhood). */
  readonly local: number;
  /** Share of the k nearest neighbours common to both spaces. */
  readonly overlap: number;
  /** Nearest shared words in the first space (`a`), then in the second (`b`), best first. */
  readonly neighboursA: readonly string[];
  readonly neighboursB: readonly string[];
}

export interface ShiftResult {
  readonly sharedWords: number;
  readonly k: number;
  /** Words with the largest global distance, largest first. */
  readonly byGlobal: readonly WordShift[];
  /** Words with the largest local distance, largest first. */
  readonly byLocal: readonly WordShift[];
  /** Every shared word (first space's order) and its three measures. */
  readonly words: readonly string[];
  readonly global: Float32Array;
  readonly local: Float32Array;
  readonly overlap: Float32Array;
  /** Mean cosine of the shared words after alignment. */
  readonly alignedMeanCosine: number;
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw badOption(name, 'a positive integer', v);
  return v;
}

function unit(m: Matrix): Matrix {
  return { data: normalizeRows(m.data, m.dim), rows: m.rows, dim: m.dim };
}

export function semanticShift(a: KeyedVectors, b: KeyedVectors, opts: ShiftOptions = {}): ShiftResult {
  const top = positiveInt('top', opts.top ?? 50);
  const k = positiveInt('k', opts.k ?? 25);
  const shown = positiveInt('shownNeighbours', opts.shownNeighbours ?? 10);
  const steps = checkSteps(opts.preprocess ?? ['unit'], 'preprocess');
  if (a.dim !== b.dim) throw new EmbedkitError('DIM_MISMATCH', 'semantic shift', { expected: 'two spaces of the same dimension', received: `${a.dim} and ${b.dim}`, where: 'b' });
  const shared = sharedVocabulary(a, b, opts.maxWords !== undefined ? { maxWords: opts.maxWords } : {});
  const n = shared.words.length;
  if (k >= n) throw badOption('k', `fewer than the ${n} shared words`, k);

  // global: align b to a on every shared word
  const pa = preprocess(shared.a, steps).matrix;
  const pb = preprocess(shared.b, steps).matrix;
  const w = orthogonalProcrustes(pb, pa);
  const mappedB = unit(new LinearMap({ method: 'orthogonal', w: Float32Array.from(w), inputDim: b.dim, outputDim: a.dim }).apply(pb));
  const ua = unit(pa);
  const global = rowCosineDistances(ua, mappedB);

  // local: neighbours inside each space (cosine on the raw vectors)
  const na = unit(shared.a);
  const nb = unit(shared.b);
  const K = Math.max(k, shown);
  const progress = opts.onProgress;
  const nnA = selfNeighbours(na, K, progress !== undefined ? (d) => progress(d, 2 * n) : undefined);
  const nnB = selfNeighbours(nb, K, progress !== undefined ? (d) => progress(n + d, 2 * n) : undefined);
  const firstK = (t: TopK): Int32Array => t.indices.subarray(0, k);
  const local = new Float32Array(n);
  const overlap = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    local[i] = localNeighbourhoodDistance(na, nb, i, firstK(nnA[i]!), firstK(nnB[i]!));
    overlap[i] = neighbourOverlap(firstK(nnA[i]!), firstK(nnB[i]!), k);
  }
  let meanCos = 0;
  for (let i = 0; i < n; i++) meanCos += 1 - global[i]!;

  const describe = (i: number): WordShift => ({
    word: shared.words[i]!,
    global: global[i]!,
    local: local[i]!,
    overlap: overlap[i]!,
    neighboursA: Array.from(nnA[i]!.indices.subarray(0, shown), (j) => shared.words[j]!),
    neighboursB: Array.from(nnB[i]!.indices.subarray(0, shown), (j) => shared.words[j]!),
  });
  const ranked = (score: Float32Array): WordShift[] =>
    Array.from({ length: n }, (_, i) => i)
      .sort((x, y) => score[y]! - score[x]! || x - y)
      .slice(0, top)
      .map(describe);
  return {
    sharedWords: n,
    k,
    byGlobal: ranked(global),
    byLocal: ranked(local),
    words: shared.words,
    global,
    local,
    overlap,
    alignedMeanCosine: meanCos / n,
  };
}
