/**
 * The embedder conformance suite: every embedder kind (and configuration worth telling apart) runs the same
 * checks — rows = inputs, `dim` = `info.dim`, a stable id, order and batch-size invariance, empty input and
 * empty strings, `dispose()` twice, `countTokens`, prompts where supported, finite output. A new kind is one
 * `embedderConformance(...)` line in embedders.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EMBEDDER_KINDS, type Embedder } from '../../src/embedders/embedder.js';
import type { Matrix } from '../../src/math/matrix.js';

export interface ConformanceOptions {
  /** Largest allowed difference between vectors of the same text across batches/orders (default 1e-5). */
  readonly tolerance?: number;
  /** The embedder takes `prompt` (a literal prefix counts as part of the text). */
  readonly prompts?: boolean;
}

const TEXTS = [
  'the cat sat on the mat',
  'A quick brown fox jumps over the lazy dog.',
  'of the and to',
  'Stock markets fell sharply today, then recovered.',
  'naïve café, déjà vu — ünïcödé',
  'here that here of here on',
  'a',
];

function rowOf(m: Matrix, i: number): Float32Array {
  return m.data.subarray(i * m.dim, (i + 1) * m.dim);
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

export function embedderConformance(name: string, make: () => Promise<Embedder>, opts: ConformanceOptions = {}): void {
  const tol = opts.tolerance ?? 1e-5;
  describe(`embedder conformance: ${name}`, () => {
    let e: Embedder;
    let all: Matrix;
    before(async () => {
      e = await make();
      all = await e.embed(TEXTS);
    });
    after(async () => {
      await e.dispose();
    });

    it('describes itself: kind, model, id = info.id, dim = info.dim', () => {
      assert.ok(EMBEDDER_KINDS.includes(e.info.kind), e.info.kind);
      assert.ok(e.info.model.length > 0);
      assert.equal(e.id, e.info.id);
      assert.equal(e.dim, e.info.dim);
      assert.ok(Number.isInteger(e.dim) && e.dim > 0);
    });

    it('one row per input, finite values', () => {
      assert.equal(all.rows, TEXTS.length);
      assert.equal(all.dim, e.dim);
      assert.equal(all.data.length, TEXTS.length * e.dim);
      assert.ok(all.data.every(Number.isFinite));
      // different texts get different vectors
      assert.ok(maxDiff(rowOf(all, 0), rowOf(all, 3)) > 1e-4);
    });

    it('a second instance has the same id and gives the same vectors', async () => {
      const again = await make();
      try {
        assert.equal(again.id, e.id);
        const m = await again.embed(TEXTS.slice(0, 3));
        for (let i = 0; i < 3; i++) assert.ok(maxDiff(rowOf(m, i), rowOf(all, i)) <= tol);
      } finally {
        await again.dispose();
      }
    });

    it('order invariance: a permuted batch gives the permuted rows', async () => {
      const order = TEXTS.map((_, i) => i).reverse();
      const m = await e.embed(order.map((i) => TEXTS[i]!));
      order.forEach((src, i) => assert.ok(maxDiff(rowOf(m, i), rowOf(all, src)) <= tol, `text ${src}`));
    });

    it('batch-size invariance: each text alone gives its row of the whole batch', async () => {
      for (let i = 0; i < TEXTS.length; i++) {
        const one = await e.embed([TEXTS[i]!]);
        assert.equal(one.rows, 1);
        assert.ok(maxDiff(rowOf(one, 0), rowOf(all, i)) <= tol, `text ${i}: ${maxDiff(rowOf(one, 0), rowOf(all, i))}`);
      }
    });

    it('empty input gives an empty matrix; empty strings get a finite row', async () => {
      const none = await e.embed([]);
      assert.equal(none.rows, 0);
      assert.equal(none.dim, e.dim);
      assert.equal(none.data.length, 0);
      const empty = await e.embed(['', '   ']);
      assert.equal(empty.rows, 2);
      assert.ok(empty.data.every(Number.isFinite));
    });

    it('countTokens: a non-negative integer, 0 for the empty text, more for longer texts', (t) => {
      if (e.countTokens === undefined) return t.skip('this embedder does not count tokens');
      assert.equal(e.countTokens(''), 0);
      const short = e.countTokens('the cat');
      const long = e.countTokens('the cat sat on the mat and the dog sat on the log');
      assert.ok(Number.isInteger(short) && short > 0);
      assert.ok(long > short);
    });

    it('prompts: a literal prompt is the same as prefixing the text', async (t) => {
      if (opts.prompts !== true) return t.skip('this embedder takes no prompts');
      const withPrompt = await e.embed(['the cat sat'], { prompt: 'query: ' });
      const prefixed = await e.embed(['query: the cat sat']);
      const plain = await e.embed(['the cat sat']);
      assert.ok(maxDiff(rowOf(withPrompt, 0), rowOf(prefixed, 0)) <= tol);
      assert.ok(maxDiff(rowOf(withPrompt, 0), rowOf(plain, 0)) > 1e-4);
    });

    it('dispose() twice is safe', async () => {
      const x = await make();
      await x.dispose();
      await x.dispose();
    });
  });
}
