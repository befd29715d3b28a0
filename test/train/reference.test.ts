/**
 * Golden values from the independent numpy script scripts/train_reference.py
 * (test/fixtures/train/reference.json): co-occurrence counts, one SGNS update, one GloVe AdaGrad step,
 * word2phrase scores.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { countCooccurrences } from '../../src/train/cooccurrence.js';
import { runGloveWorker } from '../../src/train/glove-worker.js';
import { learnPhrases } from '../../src/train/phrases.js';
import { prepareCorpus } from '../../src/train/prepared-corpus.js';
import { SgnsKernel } from '../../src/train/sgns-kernel.js';
import { statSlots } from '../../src/train/sgns-shared.js';
import { allocateWeights, WasmSgnsKernel, weightLayout } from '../../src/train/wasm-kernel.js';
import { FIXTURES, tempDir } from '../helpers.js';

interface Reference {
  cooccurrence: { docs: string[]; window: number; vocab: string[]; entries: [number, number, number][] };
  sgns_step: { dim: number; syn0: number[][]; syn1: number[][]; input: number; target: number; negative_word: number; alpha: number; input_after: number[]; syn1_after: number[][]; loss: number };
  glove_step: {
    dim: number; W: number[][]; Wt: number[][]; b: number[]; bt: number[]; row: number; col: number; x: number; lr: number; x_max: number; alpha: number;
    W_after: number[][]; Wt_after: number[][]; b_after: number[]; bt_after: number[]; gW_after: number[]; gWt_after: number[]; cost: number;
  };
  phrases: { docs: string[]; min_count: number; threshold: number; scores: Record<string, number> };
}

const ref = JSON.parse(readFileSync(join(FIXTURES, 'train', 'reference.json'), 'utf8')) as Reference;

function close(actual: ArrayLike<number>, expected: readonly number[], tol: number, what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
}

function shared(values: readonly number[]): SharedArrayBuffer {
  const b = new SharedArrayBuffer(values.length * 4);
  new Float32Array(b).set(values);
  return b;
}

describe('reference values (numpy)', () => {
  it('co-occurrence counts: vocabulary order and distance-weighted symmetric sums, in memory and spilled to shards', async () => {
    const c = ref.cooccurrence;
    const tmp = tempDir();
    try {
      const prepared = await prepareCorpus(c.docs.map((d) => d.split(' ')), { minCount: 1 });
      assert.deepEqual(prepared.vocab.words, c.vocab);
      for (const memoryMB of [64, 0.0001]) {
        const got = countCooccurrences(prepared.idsPath, { window: c.window, memoryMB, dir: tmp.path });
        assert.equal(got.rows.length, c.entries.length);
        c.entries.forEach(([r, col, v], i) => {
          assert.equal(got.rows[i], r);
          assert.equal(got.cols[i], col);
          assert.ok(Math.abs(got.values[i]! - v) < 1e-6, `entry ${i}: ${got.values[i]} vs ${v}`);
        });
        if (memoryMB < 1) assert.ok(got.shards >= 2, `expected spills, got ${got.shards} shards`);
        else assert.equal(got.shards, 0);
      }
      await prepared.dispose();
    } finally {
      tmp.cleanup();
    }
  });

  it('one skip-gram negative-sampling update matches the exact-sigmoid reference', () => {
    const s = ref.sgns_step;
    const syn0 = Float32Array.from(s.syn0.flat());
    const syn1 = Float32Array.from(s.syn1.flat());
    const table = new Int32Array(1024).fill(s.negative_word);
    const k = new SgnsKernel(s.dim, syn1, table, 2, 12345);
    k.pair(syn0, s.input, s.target, s.alpha);
    // the sigmoid is tabulated (1024 points on [-8, 8]): |Δσ| ≤ 0.008, times alpha and |x| ≤ 0.5
    close(syn0.subarray(s.input * s.dim, (s.input + 1) * s.dim), s.input_after, 4e-3, 'input row');
    close(syn1, s.syn1_after.flat(), 4e-3, 'output rows');
    assert.ok(Math.abs(syn0[s.input * s.dim]! - s.syn0[s.input]![0]!) > 0.01, 'the update moved the input row');
    assert.equal(k.lossCount, 3);
    assert.ok(Math.abs(k.loss - s.loss) < 0.03, `loss ${k.loss} vs ${s.loss}`);
  });

  it('the WebAssembly SIMD kernel gives the same update (shared memory, f32 arithmetic)', () => {
    const s = ref.sgns_step;
    const layout = weightLayout(4, 0, s.dim, 2, 1);
    const { buffer, memory } = allocateWeights(layout, s.dim, 'wasm');
    const syn0 = new Float32Array(buffer, layout.syn0Offset, 4 * s.dim);
    const syn1 = new Float32Array(buffer, layout.syn1Offset, 4 * s.dim);
    syn0.set(s.syn0.flat());
    syn1.set(s.syn1.flat());
    const k = new WasmSgnsKernel(s.dim, syn1, new Int32Array(1024).fill(s.negative_word), 2, 12345, memory!, layout, 0);
    k.pair(syn0, s.input, s.target, s.alpha);
    close(syn0.subarray(s.input * s.dim, (s.input + 1) * s.dim), s.input_after, 4e-3, 'input row');
    close(syn1, s.syn1_after.flat(), 4e-3, 'output rows');
    assert.equal(k.lossCount, 3);
    assert.ok(Math.abs(k.loss - s.loss) < 0.03, `loss ${k.loss} vs ${s.loss}`);
    assert.throws(() => allocateWeights(weightLayout(4, 0, 6, 2, 1), 6, 'wasm'), /dim % 4/);
  });

  it('one GloVe AdaGrad step matches the reference', () => {
    const g = ref.glove_step;
    const dim = g.dim;
    const buf = {
      w: shared(g.W.flat()),
      wt: shared(g.Wt.flat()),
      gw: shared(new Array<number>(3 * dim).fill(1)),
      gwt: shared(new Array<number>(3 * dim).fill(1)),
      b: shared(g.b),
      bt: shared(g.bt),
      gb: shared([1, 1, 1]),
      gbt: shared([1, 1, 1]),
    };
    const stats = new SharedArrayBuffer(statSlots(1) * 8);
    runGloveWorker({
      dim, epochs: 1, lr: g.lr, xMax: g.x_max, alpha: g.alpha, seed: 1, threadId: 0, rangeStart: 0, rangeEnd: 1,
      rows: new Int32Array([g.row]).buffer as unknown as SharedArrayBuffer,
      cols: new Int32Array([g.col]).buffer as unknown as SharedArrayBuffer,
      values: shared([g.x]),
      ...buf,
      stats,
      barrier: new SharedArrayBuffer(8),
      checkpointEvery: 0,
    });
    close(new Float32Array(buf.w), g.W_after.flat(), 1e-7, 'W');
    close(new Float32Array(buf.wt), g.Wt_after.flat(), 1e-7, 'W̃');
    close(new Float32Array(buf.b), g.b_after, 1e-7, 'b');
    close(new Float32Array(buf.bt), g.bt_after, 1e-7, 'b̃');
    close(new Float32Array(buf.gw).subarray(g.row * dim, (g.row + 1) * dim), g.gW_after, 1e-7, 'gradsq W');
    close(new Float32Array(buf.gwt).subarray(g.col * dim, (g.col + 1) * dim), g.gWt_after, 1e-7, 'gradsq W̃');
    const cost = new Float64Array(stats)[2]!;
    assert.ok(Math.abs(cost - g.cost) < 1e-6 * Math.max(1, g.cost), `cost ${cost} vs ${g.cost}`);
  });

  it('phrase scores (word2phrase) and joining', async () => {
    const p = ref.phrases;
    const docs = p.docs.map((d) => d.split(' '));
    const model = await learnPhrases(docs, { minCount: p.min_count, threshold: p.threshold });
    const expected = Object.entries(p.scores).filter(([, s]) => s > p.threshold);
    assert.deepEqual(model.list().map(([k]) => k), expected.map(([k]) => k));
    for (const [k, s] of expected) {
      const [a, b] = k.split('_') as [string, string];
      assert.ok(Math.abs(model.score(a, b)! - s) < 1e-12);
    }
    assert.deepEqual(model.apply('we love new york and new cars'.split(' ')), ['we', 'love', 'new_york', 'and', 'new', 'cars']);
  });
});
