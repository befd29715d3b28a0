/**
 * Aligns a source space to a target space (cross-lingual, cross-model, cross-time), as MUSE's supervised
 * procedure (Conneau et al. 2018, `supervised.py`): optional preprocessing of both spaces (`center`,
 * `unit`), a map fitted on a seed dictionary (orthogonal Procrustes, or least squares for non-isometric
 * pairs), then `refinements` rounds (MUSE default 5) that each induce a new dictionary from the current
 * map (mutual CSLS nearest neighbours among the 10,000 most frequent words) and re-fit the map on it. The
 * round kept is the one with the best unsupervised criterion (mean cosine of induced pairs, MUSE's
 * `mean_cosine-csls_knn_10-S2T-10000`), never a test dictionary; `select: 'last'` keeps the last round.
 */
import { EmbedkitError, badOption } from '../../errors.js';
import { normalizeRows } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { evaluateBli, type BliOptions, type BliResult } from './bli.js';
import { identicalDictionary, type Dictionary } from './dictionary.js';
import { induceDictionary, neighbourhoodTerms, type InductionOptions, type NeighbourhoodTerms } from './induce-dictionary.js';
import { leastSquaresMap } from './least-squares.js';
import { LinearMap, type LinearMapMethod } from '../../embedders/transforms/linear-map.js';
import { checkSteps, preprocess, type PreprocessStep } from '../../embedders/transforms/preprocess.js';
import { orthogonalProcrustes } from './procrustes.js';

export interface AlignOptions {
  /** Seed pairs (rows of the two spaces); default: identical strings (MUSE's `identical_char`). */
  readonly dictionary?: Dictionary;
  /** `orthogonal` (Procrustes, default) or `least-squares` (any dimensions). */
  readonly method?: LinearMapMethod;
  /** Steps applied to both spaces first, e.g. `['unit', 'center', 'unit']` (default none, as MUSE). */
  readonly preprocess?: readonly PreprocessStep[];
  /** Refinement rounds after the seed fit (default 5; 0 = the seed fit only). */
  readonly refinements?: number;
  /** Dictionary induction (method, CSLS k, build, maxRank). */
  readonly induction?: Omit<InductionOptions, 'onProgress'>;
  /** Rows of each space searched by induction and evaluation (frequency order; default 200,000 as MUSE's `max_vocab`). */
  readonly maxVocab?: number;
  /** Keep the round with the best mean-cosine criterion (`criterion`, default) or the last one. */
  readonly select?: 'criterion' | 'last';
  /** Least squares only: ridge penalty and bias term. */
  readonly ridge?: number;
  readonly intercept?: boolean;
  /** Progress over all rounds, in scanned rows. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface AlignmentRound {
  readonly round: number;
  /** Pairs the map of this round was fitted on. */
  readonly dictionarySize: number;
  /** Mean cosine criterion of this round's map (null when not computed: `select: 'last'` on the last round). */
  readonly meanCosine: number | null;
}

export interface AlignmentResult {
  /** Source vectors → target space (preprocessing included); apply it to any source-space vectors. */
  readonly transform: LinearMap;
  /** Every source word, mapped into the (preprocessed) target space. */
  readonly mapped: KeyedVectors;
  /** The target space as compared against (preprocessed; the input itself without preprocessing). */
  readonly target: KeyedVectors;
  readonly rounds: readonly AlignmentRound[];
  /** Index into `rounds` of the map returned. */
  readonly selectedRound: number;
  readonly seedPairs: number;
  readonly maxVocab: number;
  readonly cslsK: number;
  /** CSLS terms of the returned map over the first `maxVocab` rows (reused by `evaluateAlignment`). */
  readonly terms: NeighbourhoodTerms | undefined;
}

function gather(m: Matrix, rows: Int32Array): Matrix {
  const d = m.dim;
  const out = new Float32Array(rows.length * d);
  rows.forEach((r, i) => out.set(m.data.subarray(r * d, (r + 1) * d), i * d));
  return { data: out, rows: rows.length, dim: d };
}

function unitPrefix(m: Matrix, n: number): Matrix {
  const rows = Math.min(n, m.rows);
  return { data: normalizeRows(m.data.subarray(0, rows * m.dim), m.dim), rows, dim: m.dim };
}

export function alignVectors(source: KeyedVectors, target: KeyedVectors, opts: AlignOptions = {}): AlignmentResult {
  const method = opts.method ?? 'orthogonal';
  if (method !== 'orthogonal' && method !== 'least-squares') throw badOption('method', "'orthogonal' or 'least-squares'", method);
  const steps = checkSteps(opts.preprocess ?? [], 'preprocess');
  const refinements = opts.refinements ?? 5;
  if (!Number.isInteger(refinements) || refinements < 0) throw badOption('refinements', 'an integer ≥ 0', refinements);
  const maxVocab = opts.maxVocab ?? 200000;
  if (!Number.isInteger(maxVocab) || maxVocab < 2) throw badOption('maxVocab', 'an integer ≥ 2', maxVocab);
  const select = opts.select ?? 'criterion';
  if (select !== 'criterion' && select !== 'last') throw badOption('select', "'criterion' or 'last'", select);
  if (method === 'orthogonal' && source.dim !== target.dim) {
    throw new EmbedkitError('DIM_MISMATCH', 'orthogonal alignment', { expected: 'spaces of the same dimension', received: `${source.dim} and ${target.dim}`, where: 'method', hint: "set `method` to 'least-squares'" });
  }
  const induction = opts.induction ?? {};
  const cslsK = induction.cslsK ?? 10;
  const src = preprocess(source.matrix, steps);
  const tgt = preprocess(target.matrix, steps);
  const seed = opts.dictionary ?? identicalDictionary(source, target, { maxVocab });
  if (seed.source.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'seed dictionary', { expected: 'pairs with both words in the spaces', received: `0 of ${seed.read} pairs`, where: 'dictionary' });
  for (let i = 0; i < seed.source.length; i++) {
    if (seed.source[i]! >= source.size || seed.target[i]! >= target.size) throw new EmbedkitError('BAD_ARGUMENT', 'seed dictionary pair', { expected: `rows below ${source.size} / ${target.size}`, received: `${seed.source[i]} / ${seed.target[i]}`, where: 'dictionary' });
  }
  const tgtUnit = unitPrefix(tgt.matrix, maxVocab);
  const nSrc = Math.min(maxVocab, source.size);
  const srcPrefix: Matrix = { data: src.matrix.data.subarray(0, nSrc * source.dim), rows: nSrc, dim: source.dim };

  const fit = (pairsS: Int32Array, pairsT: Int32Array): LinearMap => {
    const x = gather(src.matrix, pairsS);
    const y = gather(tgt.matrix, pairsT);
    const parts = { inputDim: source.dim, outputDim: target.dim, preprocess: steps, means: src.means };
    if (method === 'orthogonal') return new LinearMap({ ...parts, method, w: Float32Array.from(orthogonalProcrustes(x, y)) });
    const ls = leastSquaresMap(x, y, { ...(opts.ridge !== undefined ? { ridge: opts.ridge } : {}), ...(opts.intercept !== undefined ? { intercept: opts.intercept } : {}) });
    return new LinearMap({ ...parts, method, w: Float32Array.from(ls.w), ...(ls.bias !== undefined ? { bias: Float32Array.from(ls.bias) } : {}) });
  };
  // the map applied to already-preprocessed rows (W and bias only)
  const mapPreprocessed = (m: LinearMap, x: Matrix): Matrix => new LinearMap({ method: m.method, w: m.w, inputDim: m.inputDim, outputDim: m.outputDim, ...(m.bias !== undefined ? { bias: m.bias } : {}) }).apply(x);

  const perRound = nSrc + tgtUnit.rows;
  const useCsls = (induction.method ?? 'csls') === 'csls';
  const scoredRounds = select === 'criterion' ? refinements + 1 : refinements;
  const total = Math.max(1, scoredRounds * perRound);
  const progress = opts.onProgress;
  const rounds: AlignmentRound[] = [];
  const maps: LinearMap[] = [];
  const termsOf: (NeighbourhoodTerms | undefined)[] = [];
  let dict: { readonly source: Int32Array; readonly target: Int32Array } = seed;
  for (let r = 0; r <= refinements; r++) {
    const map = fit(dict.source, dict.target);
    const fittedOn = dict.source.length;
    maps.push(map);
    let meanCosine: number | null = null;
    let terms: NeighbourhoodTerms | undefined;
    if (r < refinements || select === 'criterion') {
      const mappedUnit = unitPrefix(mapPreprocessed(map, srcPrefix), Infinity);
      if (useCsls) terms = neighbourhoodTerms(mappedUnit, tgtUnit, cslsK, progress !== undefined ? (d) => progress(r * perRound + d, total) : undefined);
      const induced = induceDictionary(mappedUnit, tgtUnit, induction, terms);
      meanCosine = induced.meanCosine;
      if (r < refinements) {
        if (induced.source.length === 0) {
          throw new EmbedkitError('EMPTY_INPUT', `refinement round ${r + 1}`, { expected: 'an induced dictionary', received: 'no pairs', where: 'induction.build', hint: "try `build` 'S2T' or a larger `maxRank`" });
        }
        dict = induced;
      }
      progress?.((r + 1) * perRound, total);
    }
    termsOf.push(terms);
    rounds.push({ round: r, dictionarySize: fittedOn, meanCosine });
  }
  let best = rounds.length - 1;
  if (select === 'criterion') {
    let bestValue = -Infinity;
    rounds.forEach((x, i) => {
      if (x.meanCosine !== null && x.meanCosine > bestValue) {
        bestValue = x.meanCosine;
        best = i;
      }
    });
  }
  const transform = maps[best]!;
  const mappedAll = mapPreprocessed(transform, src.matrix);
  return {
    transform,
    mapped: new KeyedVectors(source.keys, mappedAll.data, target.dim),
    target: steps.length === 0 ? target : new KeyedVectors(target.keys, tgt.matrix.data, target.dim),
    rounds,
    selectedRound: best,
    seedPairs: seed.source.length,
    maxVocab,
    cslsK,
    terms: termsOf[best],
  };
}

/**
 * Bilingual-lexicon-induction scores of an alignment on a test dictionary (resolved against the source and
 * target spaces given to `alignVectors`, e.g. with `readDictionary(path, source, target, { maxVocab })`).
 * Retrieval is over the first `maxVocab` rows of both spaces, as in the refinement.
 */
export function evaluateAlignment(result: AlignmentResult, test: Dictionary, opts: Omit<BliOptions, 'terms'> = {}): BliResult {
  const src = unitPrefix(result.mapped.matrix, result.maxVocab);
  const tgt = unitPrefix(result.target.matrix, result.maxVocab);
  const keep: number[] = [];
  for (let i = 0; i < test.source.length; i++) if (test.source[i]! < src.rows && test.target[i]! < tgt.rows) keep.push(i);
  const dropped = test.source.length - keep.length;
  const dict: Dictionary = {
    ...test,
    source: Int32Array.from(keep, (i) => test.source[i]!),
    target: Int32Array.from(keep, (i) => test.target[i]!),
    missing: test.missing + dropped,
  };
  const k = opts.cslsK ?? result.cslsK;
  return evaluateBli(src, tgt, dict, { ...opts, cslsK: k, ...(result.terms !== undefined && result.terms.k === k ? { terms: result.terms } : {}) });
}
