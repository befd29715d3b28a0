/**
 * Classification: logistic regression on the embeddings (sklearn's `LogisticRegression(max_iter=100)`
 * objective). With a train split and `samplesPerLabel` set: MTEB's protocol (`AbsTaskClassification`, the
 * code behind the published leaderboard numbers): for each of `experiments` runs the train indices are
 * shuffled again by numpy's MT19937 stream seeded with `seed` (see `mtebTrainingSamples`), the first
 * `samplesPerLabel` examples of each label in that order form the training set, the test split is scored,
 * and the accuracies are averaged. Without `samplesPerLabel`: fit on the whole train split once
 * (SentEval). A single file: stratified k-fold cross-validation (SentEval; default 10 folds, seeded), the
 * predictions of all folds pooled. Main score accuracy; also macro-F1.
 */
import { createMatrix, type Matrix } from '../../math/matrix.js';
import { fitLogisticRegression, predictLogistic } from '../../learn/logistic-regression.js';
import { seededRandom, shuffle } from '../../learn/random.js';
import { NumpyRandomState } from '../../learn/numpy-random.js';
import { accuracy, macroF1 } from '../metrics/classification.js';
import { EmbedkitError } from '../../errors.js';
import type { ClassificationData, RunContext, TaskScores } from '../types.js';

/** A classifier over one class is right every time, whatever the embeddings: refuse, naming the split. */
function needTwoClasses(labels: readonly string[], split: string): void {
  const names = new Set(labels);
  if (names.size < 2) {
    throw new EmbedkitError('BAD_ARGUMENT', `classification ${split} split`, { expected: 'at least 2 classes', received: names.size === 0 ? 'no rows' : `1 class (${JSON.stringify([...names][0])})`, hint: 'accuracy on one class is 1.0 whatever the embeddings' });
  }
}

function pick(m: Matrix, rows: readonly number[]): Matrix {
  const out = createMatrix(rows.length, m.dim);
  rows.forEach((r, i) => out.data.set(m.data.subarray(r * m.dim, (r + 1) * m.dim), i * m.dim));
  return out;
}

/** Fold of each item: items of each class are shuffled (seeded) and dealt round-robin. */
export function stratifiedFolds(labels: Int32Array, folds: number, seed: number): Int32Array {
  const rand = seededRandom(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((l, i) => {
    let xs = byClass.get(l);
    if (xs === undefined) byClass.set(l, (xs = []));
    xs.push(i);
  });
  const fold = new Int32Array(labels.length);
  let next = 0;
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    for (const i of shuffle(byClass.get(cls)!, rand)) fold[i] = next++ % folds;
  }
  return fold;
}

export async function runClassification(data: ClassificationData, ctx: RunContext): Promise<TaskScores> {
  const names = [...new Set([...(data.train?.labels ?? []), ...data.test.labels])].sort();
  const id = new Map(names.map((n, i) => [n, i]));
  const yTest = Int32Array.from(data.test.labels, (l) => id.get(l)!);
  const xTest = await ctx.embed(data.test.texts);
  const seed = ctx.options.seed ?? 42;
  needTwoClasses(data.train?.labels ?? data.test.labels, data.train !== undefined ? 'train' : 'test');
  if (data.train !== undefined && ctx.options.samplesPerLabel !== undefined) {
    return runUndersampled(data.train.texts, Int32Array.from(data.train.labels, (l) => id.get(l)!), xTest, yTest, names.length, ctx);
  }
  if (data.train !== undefined) {
    const xTrain = await ctx.embed(data.train.texts);
    const yTrain = Int32Array.from(data.train.labels, (l) => id.get(l)!);
    const model = fitLogisticRegression(xTrain, yTrain, names.length);
    const pred = predictLogistic(model, xTest);
    return {
      mainScore: accuracy(yTest, pred),
      metrics: { accuracy: accuracy(yTest, pred), f1_macro: macroF1(yTest, pred), train: yTrain.length, test: yTest.length, classes: names.length },
    };
  }
  const k = ctx.options.folds ?? 10;
  if (yTest.length < k) {
    throw new EmbedkitError('BAD_ARGUMENT', 'classification data', { expected: `at least ${k} rows for ${k}-fold cross-validation`, received: `${yTest.length} rows`, hint: 'lower `folds`, add rows, or give a `train` split' });
  }
  const sizes = new Map<number, number>();
  for (const y of yTest) sizes.set(y, (sizes.get(y) ?? 0) + 1);
  const smallest = Math.min(...sizes.values());
  if (smallest < k) ctx.warn(`the least populated class has ${smallest} row(s), fewer than the ${k} folds: some folds train without it`);
  const fold = stratifiedFolds(yTest, k, seed);
  const pred = new Int32Array(yTest.length);
  for (let f = 0; f < k; f++) {
    const trainRows: number[] = [];
    const testRows: number[] = [];
    fold.forEach((g, i) => (g === f ? testRows : trainRows).push(i));
    if (testRows.length === 0) continue;
    const model = fitLogisticRegression(pick(xTest, trainRows), Int32Array.from(trainRows, (r) => yTest[r]!), names.length);
    const p = predictLogistic(model, pick(xTest, testRows));
    testRows.forEach((r, i) => (pred[r] = p[i]!));
    ctx.progress?.(f + 1, k);
  }
  return {
    mainScore: accuracy(yTest, pred),
    metrics: { accuracy: accuracy(yTest, pred), f1_macro: macroF1(yTest, pred), folds: k, samples: yTest.length, classes: names.length },
  };
}

/**
 * The training rows of each MTEB experiment: every experiment shuffles the same index array again with a
 * freshly seeded numpy stream (mteb 1.x re-seeds numpy's global stream when it builds each experiment's
 * evaluator; mteb 2.x does the same explicitly with `RandomState(seed)`), then keeps the first `perLabel`
 * rows of each label in that order.
 */
export function mtebTrainingSamples(labels: Int32Array, perLabel: number, experiments: number, seed: number): Int32Array[] {
  const idxs = Int32Array.from({ length: labels.length }, (_, i) => i);
  const out: Int32Array[] = [];
  for (let e = 0; e < experiments; e++) {
    new NumpyRandomState(seed).shuffle(idxs);
    const count = new Map<number, number>();
    const picked: number[] = [];
    for (const i of idxs) {
      const l = labels[i]!;
      const c = count.get(l) ?? 0;
      if (c < perLabel) {
        picked.push(i);
        count.set(l, c + 1);
      }
    }
    out.push(Int32Array.from(picked));
  }
  return out;
}

async function runUndersampled(trainTexts: readonly string[], yTrainAll: Int32Array, xTest: Matrix, yTest: Int32Array, classes: number, ctx: RunContext): Promise<TaskScores> {
  const perLabel = ctx.options.samplesPerLabel!;
  const experiments = ctx.options.experiments ?? 10;
  if (!Number.isInteger(perLabel) || perLabel < 1 || !Number.isInteger(experiments) || experiments < 1) {
    throw new EmbedkitError('BAD_OPTION', 'samplesPerLabel / experiments', { expected: 'positive integers', received: `${perLabel} / ${experiments}`, where: 'samplesPerLabel' });
  }
  const samples = mtebTrainingSamples(yTrainAll, perLabel, experiments, ctx.options.seed ?? 42);
  // embed only the rows some experiment uses, once
  const union = [...new Set(samples.flatMap((s) => Array.from(s)))].sort((a, b) => a - b);
  const row = new Map(union.map((r, i) => [r, i]));
  const xUnion = await ctx.embed(union.map((r) => trainTexts[r]!));
  const accs: number[] = [];
  const f1s: number[] = [];
  samples.forEach((rows, e) => {
    const x = pick(xUnion, Array.from(rows, (r) => row.get(r)!));
    const model = fitLogisticRegression(x, Int32Array.from(rows, (r) => yTrainAll[r]!), classes);
    const pred = predictLogistic(model, xTest);
    accs.push(accuracy(yTest, pred));
    f1s.push(macroF1(yTest, pred));
    ctx.progress?.(e + 1, experiments);
  });
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const m = mean(accs);
  return {
    mainScore: m,
    metrics: {
      accuracy: m,
      accuracy_stderr: Math.sqrt(mean(accs.map((a) => (a - m) ** 2))),
      f1_macro: mean(f1s),
      accuracy_per_experiment: Object.fromEntries(accs.map((a, i) => [String(i), a])),
      experiments,
      samples_per_label: perLabel,
      train: samples[0]!.length,
      train_embedded: union.length,
      test: yTest.length,
      classes,
    },
  };
}
