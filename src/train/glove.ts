/**
 * GloVe (Pennington et al. 2014): distance-weighted co-occurrence counts (window 10, symmetric), then
 * weighted least squares J = Σ f(X_ij) (w_i·w̃_j + b_i + b̃_j − log X_ij)², f(x) = min(1, (x/x_max)^α),
 * x_max 100, α 0.75, trained with AdaGrad (lr 0.05) Hogwild on worker threads. The output vectors are
 * W + W̃ (the reference implementation's `-model 2`).
 */
import { KeyedVectors } from '../vectors/keyed-vectors.js';
import { dirname } from 'node:path';
import type { Corpus } from './corpus.js';
import { countCooccurrences } from './cooccurrence.js';
import type { GloveWorkerConfig } from './glove-worker.js';
import { prepareCorpus } from './prepared-corpus.js';
import { initUniform, sharedFloat32 } from './sgns-runner.js';
import { ProgressTracker, epochLosses, statSlots, sumStats } from './sgns-shared.js';
import { checkNumber, resolveCommon, type Trainer, type TrainOptions, type TrainResult } from './trainer.js';
import { runWorkers, sliceStart } from './worker-pool.js';
import { defaultThreads } from './word2vec.js';

export interface GloveOptions extends TrainOptions {
  /** Weighting cutoff (default 100). */
  readonly xMax?: number;
  /** Weighting exponent (default 0.75). */
  readonly alpha?: number;
  /** Memory for the co-occurrence counting table before spilling to disk, MB (default 512). */
  readonly memoryMB?: number;
}

export interface GloveResult extends TrainResult {
  /** Non-zero co-occurrence entries trained on. */
  readonly cooccurrences: number;
  /** Sorted shards spilled to disk while counting. */
  readonly shards: number;
}

function sharedCopy<T extends Int32Array | Float32Array>(a: T, make: (b: SharedArrayBuffer) => T): { buffer: SharedArrayBuffer; view: T } {
  const buffer = new SharedArrayBuffer(a.byteLength);
  const view = make(buffer);
  view.set(a);
  return { buffer, view };
}

export class GloveTrainer implements Trainer<GloveOptions, GloveResult> {
  readonly algorithm = 'glove' as const;

  async train(corpus: Corpus, opts: GloveOptions = {}): Promise<GloveResult> {
    const r = resolveCommon(opts, { window: 10, epochs: 15, threads: defaultThreads() });
    const lr = checkNumber('lr', opts.lr ?? 0.05, Number.MIN_VALUE, 10);
    const xMax = checkNumber('xMax', opts.xMax ?? 100, Number.MIN_VALUE);
    const alpha = checkNumber('alpha', opts.alpha ?? 0.75, 0, 10);
    const memoryMB = checkNumber('memoryMB', opts.memoryMB ?? 512, 1);
    const t0 = performance.now();
    const prepared = await prepareCorpus(corpus, {
      minCount: r.minCount,
      maxVocab: r.maxVocab,
      ...(opts.tmpDir !== undefined ? { tmpDir: opts.tmpDir } : {}),
    });
    try {
      const V = prepared.vocab.size;
      const dim = r.dim;
      const cooc = countCooccurrences(prepared.idsPath, {
        window: r.window,
        memoryMB,
        dir: dirname(prepared.idsPath),
        onProgress: (tokens) =>
          opts.onProgress?.({ phase: 'cooccurrence', epoch: 0, epochs: r.epochs, done: tokens, total: prepared.vocab.totalWords, wordsPerSecond: Number.NaN, loss: Number.NaN, elapsedSeconds: (performance.now() - t0) / 1000, etaSeconds: Number.NaN }),
      });
      const nnz = cooc.rows.length;
      const rows = sharedCopy(cooc.rows, (b) => new Int32Array(b));
      const cols = sharedCopy(cooc.cols, (b) => new Int32Array(b));
      const values = sharedCopy(cooc.values, (b) => new Float32Array(b));
      const w = sharedFloat32(V * dim);
      const wt = sharedFloat32(V * dim);
      initUniform(w.view, dim, r.seed, 1);
      initUniform(wt.view, dim, r.seed, 2);
      const gw = sharedFloat32(V * dim);
      const gwt = sharedFloat32(V * dim);
      gw.view.fill(1);
      gwt.view.fill(1);
      const b = sharedFloat32(V);
      const bt = sharedFloat32(V);
      initUniform(b.view, dim, r.seed, 3);
      initUniform(bt.view, dim, r.seed, 4);
      const gb = sharedFloat32(V);
      const gbt = sharedFloat32(V);
      gb.view.fill(1);
      gbt.view.fill(1);
      const stats = new SharedArrayBuffer(r.threads * statSlots(r.epochs) * 8);
      const statView = new Float64Array(stats);
      const keys = prepared.vocab.words;
      const onCheckpoint = opts.onCheckpoint;
      const barrier = new SharedArrayBuffer(8);
      const tracker = new ProgressTracker(
        statView,
        r.threads,
        r.epochs,
        r.epochs * nnz,
        opts.onProgress,
        r.checkpointEvery,
        onCheckpoint === undefined ? undefined : (epoch) => onCheckpoint(new KeyedVectors(keys, sumVectors(w.view, wt.view), dim), epoch),
        new Int32Array(barrier),
      );
      const configs = Array.from({ length: r.threads }, (_, t): GloveWorkerConfig => ({
        dim,
        epochs: r.epochs,
        lr,
        xMax,
        alpha,
        seed: r.seed,
        threadId: t,
        rangeStart: sliceStart(t, nnz, r.threads),
        rangeEnd: sliceStart(t + 1, nnz, r.threads),
        rows: rows.buffer,
        cols: cols.buffer,
        values: values.buffer,
        w: w.buffer,
        wt: wt.buffer,
        gw: gw.buffer,
        gwt: gwt.buffer,
        b: b.buffer,
        bt: bt.buffer,
        gb: gb.buffer,
        gbt: gbt.buffer,
        stats,
        barrier,
        checkpointEvery: ProgressTracker.workerEvery(r.checkpointEvery, onCheckpoint),
      }));
      await runWorkers(new URL('./glove-worker.js', import.meta.url), configs, () => tracker.tick());
      await tracker.settle();
      const trainSeconds = tracker.elapsedSeconds();
      const done = sumStats(statView, r.threads, r.epochs).done;
      return {
        vectors: new KeyedVectors(keys, sumVectors(w.view, wt.view), dim),
        vocab: prepared.vocab,
        cooccurrences: nnz,
        shards: cooc.shards,
        stats: {
          algorithm: 'glove',
          vocabSize: V,
          documents: prepared.documents,
          corpusWords: prepared.vocab.totalWords,
          wordsProcessed: done,
          trainSeconds,
          totalSeconds: (performance.now() - t0) / 1000,
          wordsPerSecond: done / trainSeconds,
          epochLoss: epochLosses(statView, r.threads, r.epochs),
          threads: r.threads,
          kernel: 'js',
        },
      };
    } finally {
      await prepared.dispose();
    }
  }
}

/** W + W̃ as a new (non-shared) array. */
function sumVectors(w: Float32Array, wt: Float32Array): Float32Array {
  const out = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = w[i]! + wt[i]!;
  return out;
}

export function trainGlove(corpus: Corpus, opts: GloveOptions = {}): Promise<GloveResult> {
  return new GloveTrainer().train(corpus, opts);
}
