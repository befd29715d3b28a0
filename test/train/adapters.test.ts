/** Adapter training: losses and gradients against the numpy reference (scripts/adapter_reference.py), Adam, the training loop. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { seededRandom, gaussianRandom, randomOrthogonal } from '../../src/learn/random.js';
import type { Matrix } from '../../src/math/matrix.js';
import type { AdapterKind } from '../../src/train/adapters/adapter-net.js';
import type { LossName } from '../../src/train/adapters/losses.js';
import { batchLoss, trainAdapter, type AdapterExamples } from '../../src/train/adapters/train-adapter.js';
import { join } from 'node:path';
import { FIXTURES } from '../helpers.js';

interface Golden {
  dim: number;
  width: number;
  n: number;
  xa: number[];
  xb: number[];
  scores: number[];
  teacherA: number[];
  teacherB: number[];
  cases: { kind: AdapterKind; loss: LossName; matryoshka: number[]; params: number[]; value: number; grad: number[] }[];
}

const golden = JSON.parse(readFileSync(join(FIXTURES, 'train', 'adapter-golden.json'), 'utf8')) as Golden;

function matrix(values: readonly number[], dim: number): Matrix {
  return { data: Float32Array.from(values), rows: values.length / dim, dim };
}

describe('adapter losses and gradients (numpy reference)', () => {
  const { dim, n } = golden;
  const xb = matrix(golden.xb, dim);
  const positives = { data: xb.data.slice(0, n * dim), rows: n, dim };
  const negatives = { data: xb.data.slice(n * dim), rows: xb.rows - n, dim };
  const ranked = Array.from({ length: n }, (_, i) => (i === 0 ? Int32Array.from([0, 1]) : new Int32Array(0)));
  const examples: AdapterExamples = {
    anchors: matrix(golden.xa, dim),
    positives,
    scores: Float64Array.from(golden.scores),
    teacher: { anchors: matrix(golden.teacherA, 5), positives: matrix(golden.teacherB, 5) },
    negatives: { matrix: negatives, ranked },
  };
  for (const c of golden.cases) {
    it(`${c.kind} adapter, ${c.loss}${c.matryoshka.length > 0 ? ` + Matryoshka ${c.matryoshka.join('/')}` : ''}`, () => {
      // float32 inputs (the fixture's float64 values rounded): compare at 1e-5 relative.
      const p = Float64Array.from(c.params);
      const grad = new Float64Array(p.length);
      const opts = { loss: c.loss, shape: { kind: c.kind, dim, width: golden.width }, matryoshka: c.matryoshka, hardNegatives: c.loss === 'mnrl' ? 2 : 0 };
      const value = batchLoss(examples, opts, p, [0, 1, 2, 3], 1, grad);
      assert.ok(Math.abs(value - c.value) <= 1e-5 * Math.max(1, Math.abs(c.value)), `loss ${value} vs ${c.value}`);
      const scale = Math.max(1, ...c.grad.map(Math.abs));
      for (let i = 0; i < p.length; i++) assert.ok(Math.abs(grad[i]! - c.grad[i]!) <= 1e-4 * scale, `grad[${i}] ${grad[i]} vs ${c.grad[i]}`);
    });
  }
});

/** Pairs (x, x R + noise) in `dim` dims: the positives are a rotation of the anchors. */
function rotatedPairs(rows: number, dim: number, seed: number): AdapterExamples {
  const rand = seededRandom(seed);
  const normal = gaussianRandom(rand);
  const r = randomOrthogonal(dim, normal);
  const a = new Float32Array(rows * dim);
  const b = new Float32Array(rows * dim);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < dim; j++) a[i * dim + j] = normal();
    for (let j = 0; j < dim; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += a[i * dim + k]! * r[k * dim + j]!;
      b[i * dim + j] = s + 0.1 * normal();
    }
  }
  return { anchors: { data: a, rows, dim }, positives: { data: b, rows, dim } };
}

describe('trainAdapter', () => {
  it('learns a rotation with mnrl: the dev loss falls, the best epoch is kept, runs are seeded', () => {
    const ex = rotatedPairs(400, 8, 1);
    const opts = { loss: 'mnrl' as const, shape: { kind: 'linear' as const, dim: 8, width: 0 }, epochs: 6, batchSize: 32, learningRate: 0.01, seed: 3 };
    const seen: number[] = [];
    const r = trainAdapter(ex, { ...opts, onProgress: (p) => p.devLoss !== undefined && seen.push(p.devLoss) });
    assert.equal(r.examples + r.devExamples, 400);
    assert.equal(seen.length, r.epochs);
    assert.ok(r.devLoss[r.bestEpoch]! < 0.5 * r.devLoss[0]!, `dev loss ${r.devLoss.join(', ')}`);
    assert.equal(r.devLoss[r.bestEpoch], Math.min(...r.devLoss));
    const again = trainAdapter(ex, opts);
    assert.deepEqual(Array.from(again.parameters), Array.from(r.parameters));
  });

  it('stops early when the dev loss stops improving (patience)', () => {
    const ex = rotatedPairs(200, 4, 2);
    const r = trainAdapter(ex, { loss: 'mnrl', shape: { kind: 'low-rank', dim: 4, width: 2 }, epochs: 50, batchSize: 16, learningRate: 0.05, patience: 1 });
    assert.ok(r.epochs < 50, `${r.epochs} epochs`);
    assert.equal(r.epochs - r.bestEpoch, 1);
  });

  it('refuses cosent without scores and pairs of other widths', () => {
    const ex = rotatedPairs(10, 4, 3);
    assert.throws(() => trainAdapter(ex, { loss: 'cosent', shape: { kind: 'linear', dim: 4, width: 0 } }), /graded pairs/);
    assert.throws(() => trainAdapter(ex, { loss: 'mnrl', shape: { kind: 'linear', dim: 5, width: 0 } }), /5 dims/);
  });
});

describe('mnrl relevance mask', () => {
  it('a masked candidate counts as if it were absent (loss and gradients)', async () => {
    const { adapterLoss } = await import('../../src/train/adapters/losses.js');
    const rand = seededRandom(9);
    const dim = 3;
    const a = Float64Array.from({ length: 2 * dim }, () => rand() - 0.5);
    const b = Float64Array.from({ length: 3 * dim }, () => rand() - 0.5);
    // Anchor 0 must not treat candidate 2 as a negative; anchor 1 keeps all three.
    const mask = Uint8Array.from([0, 0, 1, 0, 0, 0]);
    const masked = adapterLoss('mnrl', { a, b, n: 2, m: 3, dim }, { scale: 20, mask });
    const row0 = adapterLoss('mnrl', { a: a.slice(0, dim), b: b.slice(0, 2 * dim), n: 1, m: 2, dim }, { scale: 20 });
    const row1All = adapterLoss('mnrl', { a: a.slice(dim), b: Float64Array.from([...b.slice(dim, 2 * dim), ...b.slice(0, dim), ...b.slice(2 * dim)]), n: 1, m: 3, dim }, { scale: 20 });
    assert.ok(Math.abs(masked.loss - (row0.loss + row1All.loss) / 2) < 1e-12);
  });
});
