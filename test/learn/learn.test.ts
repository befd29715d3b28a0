import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers.js';
import { fitLogisticRegression, predictLogistic } from '../../src/learn/logistic-regression.js';
import { kMeans } from '../../src/learn/kmeans.js';
import { seededRandom } from '../../src/learn/random.js';
import { stratifiedFolds } from '../../src/eval/runners/classification.js';
import { vMeasure } from '../../src/eval/metrics/clustering.js';
import { asMatrix } from '../../src/math/matrix.js';

const golden = JSON.parse(readFileSync(join(FIXTURES, 'eval', 'golden.json'), 'utf8')) as {
  logistic: { train_x: number[][]; train_y: number[]; test_x: number[][]; weights: number[][]; objective_per_sample: number; test_pred: number[] };
};

for (const [path, scalar, tol] of [['scalar float64', true, 1e-3], ['WebAssembly f32', false, 1e-2]] as const) {
  test(`logistic regression (${path} objective) reaches the scipy L-BFGS-B minimiser of the same objective`, () => {
    const g = golden.logistic;
    const d = g.train_x[0]!.length;
    const x = asMatrix(Float32Array.from(g.train_x.flat()), d);
    const model = fitLogisticRegression(x, Int32Array.from(g.train_y), 3, { maxIterations: 1000, tolerance: 1e-9, scalar });
    const w = Array.from(model.weights);
    const ref = g.weights.flat();
    for (let i = 0; i < ref.length; i++) assert.ok(Math.abs(w[i]! - ref[i]!) < tol, `weight ${i}: ${w[i]} vs ${ref[i]}`);
    const pred = predictLogistic(model, asMatrix(Float32Array.from(g.test_x.flat()), d));
    assert.deepEqual(Array.from(pred), g.test_pred);
  });
}

test('logistic regression separates a linearly separable toy set', () => {
  // class = sign of the first coordinate
  const rows = [
    [2, 0],
    [3, 1],
    [1.5, -1],
    [-2, 0],
    [-3, 1],
    [-1.5, -1],
  ];
  const x = asMatrix(Float32Array.from(rows.flat()), 2);
  const model = fitLogisticRegression(x, Int32Array.from([1, 1, 1, 0, 0, 0]), 2);
  assert.deepEqual(Array.from(predictLogistic(model, asMatrix(Float32Array.from([4, 0, -4, 0, 0.5, 3]), 2))), [1, 0, 1]);
});

test('k-means recovers well-separated clusters, deterministically for a seed', () => {
  const rand = seededRandom(7);
  const centers = [
    [0, 0],
    [10, 10],
    [-10, 10],
  ];
  const data: number[] = [];
  const gold: number[] = [];
  for (let i = 0; i < 90; i++) {
    const c = i % 3;
    data.push(centers[c]![0]! + rand() - 0.5, centers[c]![1]! + rand() - 0.5);
    gold.push(c);
  }
  const x = asMatrix(Float32Array.from(data), 2);
  const a = kMeans(x, 3, { seed: 1, restarts: 3 });
  const b = kMeans(x, 3, { seed: 1, restarts: 3 });
  const s = kMeans(x, 3, { seed: 1, restarts: 3, scalar: true });
  assert.equal(vMeasure(gold, a.assignments).vMeasure, 1);
  assert.deepEqual(Array.from(a.assignments), Array.from(b.assignments));
  assert.deepEqual(Array.from(s.assignments), Array.from(a.assignments), 'scalar and WebAssembly assignment agree');
  assert.ok(Math.abs(s.inertia - a.inertia) < 1e-3 * s.inertia, `inertia ${a.inertia} vs ${s.inertia}`);
  assert.ok(a.inertia < 90 * 0.5, `inertia ${a.inertia}`);
});

test('stratified folds keep class proportions and are seeded', () => {
  const labels = Int32Array.from({ length: 100 }, (_, i) => (i < 70 ? 0 : 1));
  const f = stratifiedFolds(labels, 10, 42);
  for (let k = 0; k < 10; k++) {
    const members = [...f.keys()].filter((i) => f[i] === k);
    assert.equal(members.length, 10);
    assert.equal(members.filter((i) => labels[i] === 1).length, 3);
  }
  assert.deepEqual(Array.from(stratifiedFolds(labels, 10, 42)), Array.from(f));
  assert.notDeepEqual(Array.from(stratifiedFolds(labels, 10, 43)), Array.from(f));
});
