/**
 * Iterative nullspace projection (INLP; Ravfogel, Elazar, Gonen, Twiton & Goldberg 2020): train a linear
 * classifier for the concept, remove the directions its weights span, retrain on the projected data,
 * repeat. The removed directions are collected in one orthonormal basis, so the result is a single
 * `ProjectOutTransform` (the projection onto the intersection of the classifiers' nullspaces).
 *
 * The classifier is embedkit's multinomial logistic regression (L2, L-BFGS; sklearn's objective) where
 * Ravfogel et al. used a linear SVM. For k classes the weight rows are centred across classes (softmax is
 * invariant to a shared shift), giving k − 1 directions an iteration (one for two classes). Accuracy is
 * measured on a seeded held-out split every iteration, so the caller sees the concept become unreadable.
 */
import { EmbedkitError } from '../../errors.js';
import { seededRandom, shuffle } from '../../learn/random.js';
import { fitLogisticRegression, predictLogistic } from '../../learn/logistic-regression.js';
import type { Matrix } from '../../math/matrix.js';
import { orthonormalBasis } from '../../math/pca.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { ProjectOutTransform } from '../../embedders/transforms/project-out.js';

export interface InlpOptions {
  /** Classifier rounds (default 10). */
  readonly iterations?: number;
  /** Stop early when held-out accuracy is at most majority-class accuracy + this margin (default: never stop early). */
  readonly stopMargin?: number;
  /** Held-out fraction (default 0.3). */
  readonly testFraction?: number;
  readonly seed?: number;
  /** Logistic regression's inverse regularization (sklearn's C; default 1). */
  readonly c?: number;
  readonly maxIterations?: number;
  /** Scale outputs to unit length in the resulting transform (default false). */
  readonly normalize?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface InlpRound {
  readonly iteration: number;
  /** Accuracy of this round's classifier (trained on data with the earlier directions removed). */
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /** Directions removed so far. */
  readonly removed: number;
}

export interface InlpResult {
  readonly transform: ProjectOutTransform;
  /** Orthonormal `removed × dim`. */
  readonly basis: Float64Array;
  readonly dim: number;
  readonly removed: number;
  readonly rounds: readonly InlpRound[];
  /** Accuracy of always predicting the most frequent class on the held-out split. */
  readonly majorityAccuracy: number;
}

function accuracyOf(pred: Int32Array, y: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) ok++;
  return y.length === 0 ? 0 : ok / y.length;
}

function pick(x: Matrix, idx: readonly number[]): Matrix {
  const data = new Float32Array(idx.length * x.dim);
  idx.forEach((r, k) => data.set(x.data.subarray(r * x.dim, (r + 1) * x.dim), k * x.dim));
  return { data, rows: idx.length, dim: x.dim };
}

/** INLP on labelled rows (`labels[i]` in 0 .. classes−1). */
export function inlp(x: Matrix, labels: Int32Array, opts: InlpOptions = {}): InlpResult {
  if (labels.length !== x.rows) throw new EmbedkitError('DIM_MISMATCH', 'labels', { expected: `${x.rows} labels (one a row)`, received: `${labels.length}` });
  let classes = 0;
  for (const l of labels) {
    if (!Number.isInteger(l) || l < 0) throw new EmbedkitError('BAD_ARGUMENT', 'labels', { expected: 'integers ≥ 0', received: String(l) });
    classes = Math.max(classes, l + 1);
  }
  if (classes < 2) throw new EmbedkitError('BAD_ARGUMENT', 'labels', { expected: 'at least 2 classes', received: `${classes}` });
  const iterations = opts.iterations ?? 10;
  const testFraction = opts.testFraction ?? 0.3;
  if (!(testFraction > 0 && testFraction < 1)) throw new EmbedkitError('BAD_OPTION', 'testFraction', { expected: 'a fraction in (0, 1)', received: String(testFraction), where: 'testFraction' });
  const dim = x.dim;
  const order = shuffle(Array.from({ length: x.rows }, (_, i) => i), seededRandom(opts.seed ?? 0));
  const nTest = Math.max(1, Math.round(x.rows * testFraction));
  const testIdx = order.slice(0, nTest);
  const trainIdx = order.slice(nTest);
  const yTrain = Int32Array.from(trainIdx, (i) => labels[i]!);
  const yTest = Int32Array.from(testIdx, (i) => labels[i]!);
  const counts = new Array<number>(classes).fill(0);
  for (const l of yTest) counts[l]!++;
  const majorityAccuracy = Math.max(...counts) / yTest.length;
  let basis: Float64Array = new Float64Array(0);
  const rounds: InlpRound[] = [];
  const trainX = pick(x, trainIdx);
  const testX = pick(x, testIdx);
  for (let it = 0; it < iterations; it++) {
    const project = (m: Matrix): Matrix => (basis.length === 0 ? m : new ProjectOutTransform({ basis, dim }).apply(m));
    const tr = project(trainX);
    const te = project(testX);
    const model = fitLogisticRegression(tr, yTrain, classes, { c: opts.c ?? 1, maxIterations: opts.maxIterations ?? 100 });
    const testAccuracy = accuracyOf(predictLogistic(model, te), yTest);
    const trainAccuracy = accuracyOf(predictLogistic(model, tr), yTrain);
    // weight rows centred across classes
    const w = new Float64Array(classes * dim);
    for (let j = 0; j < dim; j++) {
      let mean = 0;
      for (let c = 0; c < classes; c++) mean += model.weights[c * (dim + 1) + j]!;
      mean /= classes;
      for (let c = 0; c < classes; c++) w[c * dim + j] = model.weights[c * (dim + 1) + j]! - mean;
    }
    const merged = new Float64Array(basis.length + w.length);
    merged.set(basis);
    merged.set(w, basis.length);
    const next = orthonormalBasis({ data: merged, rows: merged.length / dim, dim }, 1e-6);
    const grew = next.length > basis.length;
    basis = next;
    rounds.push({ iteration: it + 1, trainAccuracy, testAccuracy, removed: basis.length / dim });
    opts.onProgress?.(it + 1, iterations);
    if (!grew) break;
    if (opts.stopMargin !== undefined && testAccuracy <= majorityAccuracy + opts.stopMargin) break;
    if (basis.length / dim >= dim - 1) break;
  }
  if (basis.length === 0) throw new EmbedkitError('BAD_ARGUMENT', 'INLP', { expected: 'a classifier with non-zero weights', received: 'zero weights (constant features?)' });
  return { transform: new ProjectOutTransform({ basis, dim }, { normalize: opts.normalize ?? false }), basis, dim, removed: basis.length / dim, rounds, majorityAccuracy };
}

/** INLP on word vectors: `classes[k]` lists the words of class k; unknown words are skipped and returned. */
export function inlpWords(kv: KeyedVectors, classes: readonly (readonly string[])[], opts: InlpOptions = {}): InlpResult & { missing: string[] } {
  const rows: number[] = [];
  const labels: number[] = [];
  const missing: string[] = [];
  const seen = new Set<number>();
  classes.forEach((words, c) => {
    for (const w of words) {
      const i = kv.indexOf(w);
      if (i < 0) missing.push(w);
      else if (!seen.has(i)) {
        seen.add(i);
        rows.push(i);
        labels.push(c);
      }
    }
  });
  const x = pick(kv.matrix, rows);
  return { ...inlp(x, Int32Array.from(labels), opts), missing };
}
