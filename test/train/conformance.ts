/**
 * The conformance suite every trainer runs (word2vec SG and CBOW, GloVe, doc2vec): on the planted
 * synthetic corpus it must learn the planted pairs, lower its loss, honour the shared options, be
 * bit-identical with a seed and one thread, and reject bad input with the catalogued errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EmbedkitError } from '../../src/errors.js';
import type { Corpus } from '../../src/train/corpus.js';
import type { Trainer, TrainOptions, TrainResult } from '../../src/train/trainer.js';
import { plantedCorpus } from './synthetic.js';

export interface ConformanceCase<O extends TrainOptions> {
  readonly name: string;
  readonly trainer: Trainer<O, TrainResult>;
  /** Options that make it learn the planted corpus quickly on one thread. */
  readonly options: O;
  /** Planted pairs (of 10) whose top-1 neighbour must be their partner. */
  readonly minPairs?: number;
  /** The inner kernel the run must report. */
  readonly kernel: 'wasm' | 'js';
}

const corpus = plantedCorpus({ sentences: 1500 });

function isCode(code: string): (e: unknown) => boolean {
  return (e) => (e as EmbedkitError).code === code;
}

export function trainerConformance<O extends TrainOptions>(c: ConformanceCase<O>): void {
  describe(`trainer conformance: ${c.name}`, () => {
    let first: TrainResult | undefined;
    const trainOnce = async (): Promise<TrainResult> => (first ??= await c.trainer.train(corpus.sentences, { ...c.options, seed: 7, threads: 1 }));

    it('learns the planted pairs (nearest neighbours)', async () => {
      const { vectors } = await trainOnce();
      let hits = 0;
      for (const [a, b] of corpus.pairs) if (vectors.mostSimilar({ positive: [a], topK: 1 }).keys[0] === b) hits++;
      assert.ok(hits >= (c.minPairs ?? 9), `${hits}/10 planted pairs are top-1 neighbours`);
    });

    it('lowers the loss from the first epoch to the last', async () => {
      const { stats } = await trainOnce();
      assert.equal(stats.epochLoss.length, c.options.epochs);
      assert.ok(stats.epochLoss.every(Number.isFinite));
      assert.ok(stats.epochLoss.at(-1)! < stats.epochLoss[0]!, `loss ${stats.epochLoss.join(' → ')}`);
    });

    it('reports a vocabulary sorted by count and vectors of the asked size', async () => {
      const { vectors, vocab, stats } = await trainOnce();
      assert.equal(vectors.dim, c.options.dim);
      assert.deepEqual(vectors.keys, vocab.words);
      assert.equal(vocab.size, 10 * 2 + 30 + 40); // pair words, context words, fillers
      for (let i = 1; i < vocab.size; i++) assert.ok(vocab.counts[i - 1]! >= vocab.counts[i]!);
      assert.equal(stats.corpusWords, 1500 * 8);
      assert.equal(stats.documents, 1500);
      assert.equal(stats.kernel, c.kernel);
      assert.ok(vectors.vectors.every(Number.isFinite));
    });

    it('is bit-identical run to run with a seed and one thread; another seed differs', async () => {
      const a = await trainOnce();
      const b = await c.trainer.train(corpus.sentences, { ...c.options, seed: 7, threads: 1 });
      assert.deepEqual(Buffer.from(b.vectors.vectors.buffer), Buffer.from(a.vectors.vectors.buffer));
      const other = await c.trainer.train(corpus.sentences, { ...c.options, seed: 8, threads: 1, epochs: 1 });
      assert.notDeepEqual(Buffer.from(other.vectors.vectors.buffer), Buffer.from(a.vectors.vectors.buffer));
    });

    it('trains on two threads (Hogwild) and still learns', async () => {
      const r = await c.trainer.train(corpus.sentences, { ...c.options, seed: 7, threads: 2 });
      assert.equal(r.stats.threads, 2);
      let hits = 0;
      for (const [a, b] of corpus.pairs) if (r.vectors.mostSimilar({ positive: [a], topK: 1 }).keys[0] === b) hits++;
      assert.ok(hits >= (c.minPairs ?? 9) - 1, `${hits}/10 with two threads`);
    });

    it('applies minCount and maxVocab', async () => {
      const extra: Corpus = [...corpus.sentences, ['rare1', 'rare2', 'rare1']];
      const r = await c.trainer.train(extra, { ...c.options, epochs: 1, minCount: 2, maxVocab: 50 });
      assert.equal(r.vocab.size, 50);
      assert.equal(r.vectors.indexOf('rare2'), -1);
      const r2 = await c.trainer.train(extra, { ...c.options, epochs: 1, minCount: 2 });
      assert.ok(r2.vocab.indexOf('rare1') >= 0 && r2.vocab.indexOf('rare2') < 0);
    });

    it('rejects bad options and an empty vocabulary with catalogued errors', async () => {
      await assert.rejects(c.trainer.train(corpus.sentences, { ...c.options, dim: 0 }), isCode('BAD_OPTION'));
      await assert.rejects(c.trainer.train(corpus.sentences, { ...c.options, threads: 1.5 }), isCode('BAD_OPTION'));
      await assert.rejects(c.trainer.train([['only', 'once']], { ...c.options, minCount: 5 }), isCode('EMPTY_INPUT'));
    });

    it('writes a consistent checkpoint after every N epochs', async () => {
      const seen: number[] = [];
      const snapshots: Float32Array[] = [];
      const r = await c.trainer.train(corpus.sentences, {
        ...c.options,
        epochs: 3,
        threads: 2,
        checkpointEvery: 1,
        onCheckpoint: async (kv, epoch) => {
          assert.equal(kv.dim, c.options.dim);
          seen.push(epoch);
          snapshots.push(kv.vectors);
        },
      });
      assert.deepEqual(seen, [1, 2]); // the final state is the result, not a checkpoint
      assert.notDeepEqual(snapshots[0], snapshots[1]);
      assert.ok(r.stats.epochLoss.length === 3);
    });
  });
}
