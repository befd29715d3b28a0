/**
 * Supervised explicit semantic analysis (SESA; Bogdanova & Yazdani 2017), on top of a fixed concept space:
 * a pair (a, b) is described by its per-concept products zᶜ = p̂ₐ[c]·p̂_b[c] of the unit profiles — their
 * sum is the unsupervised concept-space cosine — and a logistic regression on z learns how much each
 * concept counts for "these two match". The weights stay one per concept, so a score still decomposes
 * into named concepts (explain.ts). Features are standardized for the fit (L2, C = 1 by default,
 * src/learn/logistic-regression.ts) and the weights mapped back to the raw products.
 */
import { EmbedkitError } from '../../errors.js';
import { fitLogisticRegression } from '../../learn/logistic-regression.js';
import { averagePrecision, bestThresholdAccuracy } from '../../eval/metrics/classification.js';
import { spearman } from '../../eval/metrics/correlation.js';
import { cosine } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import type { ConceptSpace } from './concept-space.js';

export interface ConceptWeights {
  readonly names: readonly string[];
  /** One weight per concept, on the raw products p̂ₐ[c]·p̂_b[c]. */
  readonly weights: Float64Array;
  readonly bias: number;
}

export interface SesaFitOptions {
  /** Inverse L2 strength of the logistic regression (default 1). */
  readonly c?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

/** Labelled text pairs: label 1 = match. `gold` (optional) is a graded score for rank correlation. */
export interface LabelledPairs {
  readonly a: readonly string[];
  readonly b: readonly string[];
  readonly labels: ArrayLike<number>;
  readonly gold?: ArrayLike<number>;
}

/** n × k products of the unit profiles of row i of `pa` and `pb`. */
export function pairFeatures(pa: Matrix, pb: Matrix): Matrix {
  if (pa.rows !== pb.rows || pa.dim !== pb.dim) {
    throw new EmbedkitError('DIM_MISMATCH', 'profile pairs', { expected: `${pa.rows} × ${pa.dim} (as the first side)`, received: `${pb.rows} × ${pb.dim}`, where: 'b' });
  }
  const k = pa.dim;
  const out = new Float32Array(pa.rows * k);
  for (let i = 0; i < pa.rows; i++) {
    let na = 0;
    let nb = 0;
    for (let c = 0; c < k; c++) {
      na += pa.data[i * k + c]! ** 2;
      nb += pb.data[i * k + c]! ** 2;
    }
    if (na === 0 || nb === 0) continue;
    const s = 1 / Math.sqrt(na * nb);
    for (let c = 0; c < k; c++) out[i * k + c] = pa.data[i * k + c]! * pb.data[i * k + c]! * s;
  }
  return { data: out, rows: pa.rows, dim: k };
}

/** Fits one weight per concept from labelled profile pairs (labels 0/1). */
export function fitConceptWeights(names: readonly string[], pa: Matrix, pb: Matrix, labels: ArrayLike<number>, opts: SesaFitOptions = {}): ConceptWeights {
  const z = pairFeatures(pa, pb);
  const n = z.rows;
  const k = z.dim;
  if (labels.length !== n) throw new EmbedkitError('DIM_MISMATCH', 'pair labels', { expected: `${n} labels`, received: `${labels.length}`, where: 'labels' });
  const y = new Int32Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const l = labels[i]!;
    if (l !== 0 && l !== 1) throw new EmbedkitError('BAD_ARGUMENT', 'pair label', { expected: '0 or 1', received: String(l), where: `labels[${i}]` });
    y[i] = l;
    positives += l;
  }
  if (positives === 0 || positives === n) {
    throw new EmbedkitError('BAD_ARGUMENT', 'pair labels', { expected: 'both matching (1) and non-matching (0) pairs', received: `${positives} of ${n} positive`, where: 'labels' });
  }
  const mean = new Float64Array(k);
  const sd = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) mean[c]! += z.data[i * k + c]!;
  for (let c = 0; c < k; c++) mean[c]! /= n;
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) sd[c]! += (z.data[i * k + c]! - mean[c]!) ** 2;
  for (let c = 0; c < k; c++) sd[c] = Math.sqrt(sd[c]! / n) || 1;
  const std = new Float32Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) std[i * k + c] = (z.data[i * k + c]! - mean[c]!) / sd[c]!;
  const model = fitLogisticRegression({ data: std, rows: n, dim: k }, y, 2, {
    ...(opts.c !== undefined ? { c: opts.c } : {}),
    ...(opts.maxIterations !== undefined ? { maxIterations: opts.maxIterations } : {}),
    ...(opts.tolerance !== undefined ? { tolerance: opts.tolerance } : {}),
  });
  // two-class softmax → one logit: w = w₁ − w₀, then undo the standardization
  const stride = k + 1;
  const weights = new Float64Array(k);
  let bias = model.weights[stride + k]! - model.weights[k]!;
  for (let c = 0; c < k; c++) {
    const w = (model.weights[stride + c]! - model.weights[c]!) / sd[c]!;
    weights[c] = w;
    bias -= w * mean[c]!;
  }
  return { names, weights, bias };
}

/** Scores of profile pairs: the unsupervised cosine, or the SESA logit with `weights`. */
export function scoreProfilePairs(pa: Matrix, pb: Matrix, weights?: ConceptWeights): Float64Array {
  const z = pairFeatures(pa, pb);
  const k = z.dim;
  const out = new Float64Array(z.rows);
  for (let i = 0; i < z.rows; i++) {
    let s = weights?.bias ?? 0;
    for (let c = 0; c < k; c++) s += (weights === undefined ? 1 : weights.weights[c]!) * z.data[i * k + c]!;
    out[i] = s;
  }
  return out;
}

export interface PairMetrics {
  /** Average precision of the scores for the match label (threshold-free). */
  readonly ap: number;
  /** Accuracy with the threshold chosen on the training pairs. */
  readonly accuracy: number;
  readonly threshold: number;
  /** Spearman correlation with the graded gold scores, when given. */
  readonly spearman?: number;
}

export interface SesaEvaluation {
  readonly trainPairs: number;
  readonly testPairs: number;
  /** Share of matching pairs in the test split. */
  readonly testPositiveRate: number;
  /** Cosine of the text embeddings themselves (the dense baseline). */
  readonly embedding: PairMetrics;
  /** Cosine of the concept profiles. */
  readonly unsupervised: PairMetrics;
  /** SESA: learned concept weights. */
  readonly supervised: PairMetrics;
  /** supervised − unsupervised. */
  readonly gain: { readonly ap: number; readonly accuracy: number };
  readonly weights: ConceptWeights;
}

function metrics(trainLabels: ArrayLike<number>, trainScores: ArrayLike<number>, labels: ArrayLike<number>, scores: ArrayLike<number>, gold: ArrayLike<number> | undefined): PairMetrics {
  const threshold = bestThresholdAccuracy(trainLabels, trainScores).threshold;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if ((scores[i]! >= threshold ? 1 : 0) === labels[i]) correct++;
  const out = { ap: averagePrecision(labels, scores), accuracy: correct / labels.length, threshold };
  return gold === undefined ? out : { ...out, spearman: spearman(scores, gold) };
}

function sides(m: Matrix): { a: Matrix; b: Matrix } {
  const half = m.rows / 2;
  return { a: { data: m.data.subarray(0, half * m.dim), rows: half, dim: m.dim }, b: { data: m.data.subarray(half * m.dim), rows: half, dim: m.dim } };
}

function embeddingCosines(v: Matrix): Float64Array {
  const { a, b } = sides(v);
  return Float64Array.from({ length: a.rows }, (_, i) => cosine(a.data.subarray(i * a.dim, (i + 1) * a.dim), b.data.subarray(i * b.dim, (i + 1) * b.dim)));
}

function checkPairs(p: LabelledPairs, where: string): void {
  if (p.a.length !== p.b.length || p.a.length !== p.labels.length || (p.gold !== undefined && p.gold.length !== p.a.length)) {
    throw new EmbedkitError('DIM_MISMATCH', 'labelled pairs', { expected: 'as many b texts, labels (and gold scores) as a texts', received: `${p.a.length} a, ${p.b.length} b, ${p.labels.length} labels`, where });
  }
}

/**
 * Fits SESA weights on `train` and compares, on the held-out `test` pairs, the dense embedding cosine, the
 * unsupervised concept space and the supervised one.
 */
export async function evaluateSesa(space: ConceptSpace, train: LabelledPairs, test: LabelledPairs, opts: SesaFitOptions = {}): Promise<SesaEvaluation> {
  checkPairs(train, 'train');
  checkPairs(test, 'test');
  const trainVecs = await space.embedder.embed([...train.a, ...train.b]);
  const testVecs = await space.embedder.embed([...test.a, ...test.b]);
  const tr = sides(space.profileVectors(trainVecs));
  const te = sides(space.profileVectors(testVecs));
  const weights = fitConceptWeights(space.names, tr.a, tr.b, train.labels, opts);
  const emb = metrics(train.labels, embeddingCosines(trainVecs), test.labels, embeddingCosines(testVecs), test.gold);
  const unsupervised = metrics(train.labels, scoreProfilePairs(tr.a, tr.b), test.labels, scoreProfilePairs(te.a, te.b), test.gold);
  const supervised = metrics(train.labels, scoreProfilePairs(tr.a, tr.b, weights), test.labels, scoreProfilePairs(te.a, te.b, weights), test.gold);
  let positives = 0;
  for (let i = 0; i < test.labels.length; i++) positives += test.labels[i]!;
  return {
    trainPairs: train.a.length,
    testPairs: test.a.length,
    testPositiveRate: positives / test.a.length,
    embedding: emb,
    unsupervised,
    supervised,
    gain: { ap: supervised.ap - unsupervised.ap, accuracy: supervised.accuracy - unsupervised.accuracy },
    weights,
  };
}

/** Labels graded pairs: 1 when the score is ≥ `threshold`. */
export function labelsByThreshold(scores: ArrayLike<number>, threshold: number): Int32Array {
  return Int32Array.from({ length: scores.length }, (_, i) => (scores[i]! >= threshold ? 1 : 0));
}
