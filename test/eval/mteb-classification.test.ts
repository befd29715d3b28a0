/**
 * MTEB's classification protocol: numpy's legacy MT19937 stream and shuffle reproduced exactly (golden
 * permutations from scripts/make-numpy-shuffle-golden.py), the per-experiment training samples, and the
 * runner embedding only the rows it trains on.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { NumpyRandomState } from '../../src/learn/numpy-random.js';
import { mtebTrainingSamples, runClassification } from '../../src/eval/runners/classification.js';
import { findTask } from '../../src/eval/tasks.js';
import type { Matrix } from '../../src/math/matrix.js';
import type { RunContext } from '../../src/eval/types.js';
import { FIXTURES } from '../helpers.js';

const G = JSON.parse(readFileSync(join(FIXTURES, 'eval', 'numpy-shuffle.json'), 'utf8')) as {
  stream_n1000: number[][];
  reseeded_n1000: number[][];
  stream_n10003_head: number[][];
  uint32_seed7: number[];
};

test('MT19937 outputs and successive shuffles equal numpy (np.random.seed(42); np.random.shuffle …)', () => {
  const r7 = new NumpyRandomState(7);
  assert.deepEqual(Array.from({ length: 8 }, () => r7.nextUint32()), G.uint32_seed7);
  let rng = new NumpyRandomState(42);
  const a = Int32Array.from({ length: 1000 }, (_, i) => i);
  for (const expected of G.stream_n1000) assert.deepEqual(Array.from(rng.shuffle(a)), expected);
  rng = new NumpyRandomState(42);
  const b = Int32Array.from({ length: 10003 }, (_, i) => i);
  for (const expected of G.stream_n10003_head) assert.deepEqual(Array.from(rng.shuffle(b).subarray(0, 64)), expected);
});

test('training samples: each experiment re-shuffles with a fresh seed-42 stream and keeps the first k of each label', () => {
  const labels = Int32Array.from({ length: 1000 }, (_, i) => (i < 20 ? 0 : 1 + (i % 5)));
  const samples = mtebTrainingSamples(labels, 8, 3, 42);
  assert.equal(samples.length, 3);
  samples.forEach((s, e) => {
    const order = G.reseeded_n1000[e]!;
    const expected: number[] = [];
    const count = new Map<number, number>();
    for (const i of order) {
      const c = count.get(labels[i]!) ?? 0;
      if (c < 8) {
        expected.push(i);
        count.set(labels[i]!, c + 1);
      }
    }
    assert.deepEqual(Array.from(s), expected);
    assert.equal(s.length, 6 * 8);
  });
});

test('the runner trains 10 × 8 per label, embeds only the sampled rows, and averages the experiments', async () => {
  // two well-separated classes in 2-D: every experiment is perfect
  const n = 200;
  const texts = Array.from({ length: n }, (_, i) => `t${i}`);
  const labels = texts.map((_, i) => (i % 2 === 0 ? 'even' : 'odd'));
  const embedded: string[] = [];
  const ctx: RunContext = {
    vectors: undefined,
    options: { samplesPerLabel: 8, experiments: 10 },
    warn: () => undefined,
    embed: async (xs: readonly string[]): Promise<Matrix> => {
      embedded.push(...xs);
      const data = new Float32Array(xs.length * 2);
      xs.forEach((t, i) => {
        const k = Number(t.slice(1));
        data[i * 2] = k % 2 === 0 ? 1 : -1;
        data[i * 2 + 1] = (k % 7) / 7;
      });
      return { data, rows: xs.length, dim: 2 };
    },
  };
  const r = await runClassification({ train: { texts, labels }, test: { texts: texts.slice(0, 50), labels: labels.slice(0, 50) } }, ctx);
  assert.equal(r.mainScore, 1);
  assert.equal(r.metrics['experiments'], 10);
  assert.equal(r.metrics['train'], 16);
  const unionSize = new Set(mtebTrainingSamples(Int32Array.from(labels, (l) => (l === 'even' ? 0 : 1)), 8, 10, 42).flatMap((s) => Array.from(s))).size;
  assert.equal(r.metrics['train_embedded'], unionSize);
  assert.equal(embedded.length, 50 + unionSize, 'test texts plus the union of the sampled training rows');
  assert.deepEqual(findTask('Banking77Classification').evalOptions, { samplesPerLabel: 8, experiments: 10 });
  assert.equal(findTask('SST2').evalOptions, undefined);
});
