/**
 * word2vec (Mikolov et al. 2013): skip-gram or CBOW with negative sampling, frequent-word subsampling,
 * dynamic window and linear learning-rate decay, trained Hogwild on worker threads that share the weights.
 * Defaults follow word2vec.c / fastText: dim 100, window 5, negative 5, epochs 5, sample 1e-3,
 * lr 0.025 (skip-gram) / 0.05 (CBOW).
 */
import { availableParallelism } from 'node:os';
import { KeyedVectors } from '../vectors/keyed-vectors.js';
import type { Corpus } from './corpus.js';
import { prepareCorpus, type PreparedCorpus } from './prepared-corpus.js';
import { runSgns, type SgnsRunResult } from './sgns-runner.js';
import type { SgnsMode } from './sgns-shared.js';
import { checkNumber, resolveCommon, type ResolvedCommon, type Trainer, type TrainAlgorithm, type TrainOptions, type TrainResult } from './trainer.js';
import type { Vocabulary } from './vocabulary.js';
import type { KernelChoice } from './wasm-kernel.js';

export type Word2VecArchitecture = 'skipgram' | 'cbow';

export interface Word2VecOptions extends TrainOptions {
  readonly architecture?: Word2VecArchitecture;
  /** Negative samples per positive (default 5). */
  readonly negative?: number;
  /** Subsampling threshold (default 1e-3; 0 disables). */
  readonly sample?: number;
  /** Inner kernel: WebAssembly SIMD when available (`auto`, default), or force `wasm` / `js`. */
  readonly kernel?: KernelChoice;
}

export const WORD2VEC_DEFAULT_LR: Readonly<Record<Word2VecArchitecture, number>> = { skipgram: 0.025, cbow: 0.05 };

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** Options shared by the SGNS trainers (word2vec, doc2vec), validated. */
export interface ResolvedSgns extends ResolvedCommon {
  readonly negative: number;
  readonly sample: number;
  readonly lr: number;
}

export function resolveSgns(opts: Word2VecOptions, defaultLr: number): ResolvedSgns {
  return {
    ...resolveCommon(opts, { window: 5, epochs: 5, threads: defaultThreads() }),
    negative: checkNumber('negative', opts.negative ?? 5, 1, 1000, true),
    sample: checkNumber('sample', opts.sample ?? 1e-3, 0, 1),
    lr: checkNumber('lr', opts.lr ?? defaultLr, Number.MIN_VALUE, 10),
  };
}

/** Prepares the corpus, runs the SGNS workers, and always removes the temp files. */
export async function trainSgns<T>(
  algorithm: TrainAlgorithm,
  corpus: Corpus,
  opts: Word2VecOptions,
  r: ResolvedSgns,
  mode: SgnsMode,
  dbowWords: boolean,
  toKeys: (vocab: Vocabulary, prepared: PreparedCorpus) => readonly string[],
  finish: (run: SgnsRunResult, prepared: PreparedCorpus, stats: TrainResult['stats']) => T,
): Promise<T> {
  const t0 = performance.now();
  const prepared = await prepareCorpus(corpus, {
    minCount: r.minCount,
    maxVocab: r.maxVocab,
    ...(opts.tmpDir !== undefined ? { tmpDir: opts.tmpDir } : {}),
    onProgress: (documents, tokens) =>
      opts.onProgress?.({ phase: 'vocabulary', epoch: 0, epochs: r.epochs, done: tokens, total: Number.NaN, wordsPerSecond: Number.NaN, loss: Number.NaN, elapsedSeconds: (performance.now() - t0) / 1000, etaSeconds: Number.NaN }),
  });
  try {
    const keys = toKeys(prepared.vocab, prepared);
    const onCheckpoint = opts.onCheckpoint;
    const run = await runSgns(prepared, {
      mode,
      dbowWords,
      dim: r.dim,
      window: r.window,
      negative: r.negative,
      epochs: r.epochs,
      lr: r.lr,
      sample: r.sample,
      threads: r.threads,
      seed: r.seed,
      kernel: opts.kernel ?? 'auto',
      onProgress: opts.onProgress,
      checkpointEvery: r.checkpointEvery,
      onCheckpoint: onCheckpoint === undefined ? undefined : (snapshot, epoch) => onCheckpoint(new KeyedVectors(keys, snapshot, r.dim), epoch),
    });
    const stats = {
      algorithm,
      vocabSize: prepared.vocab.size,
      documents: prepared.documents,
      corpusWords: prepared.vocab.totalWords,
      wordsProcessed: run.wordsProcessed,
      trainSeconds: run.trainSeconds,
      totalSeconds: (performance.now() - t0) / 1000,
      wordsPerSecond: run.wordsProcessed / run.trainSeconds,
      epochLoss: run.epochLoss,
      threads: r.threads,
      kernel: run.kernel,
    };
    return finish(run, prepared, stats);
  } finally {
    await prepared.dispose();
  }
}

export interface Word2VecResult extends TrainResult {
  /** Output (context) vectors, `vocab × dim`, same row order as `vectors`. */
  readonly contextVectors: Float32Array;
}

export class Word2VecTrainer implements Trainer<Word2VecOptions, Word2VecResult> {
  readonly algorithm = 'word2vec' as const;

  async train(corpus: Corpus, opts: Word2VecOptions = {}): Promise<Word2VecResult> {
    const arch = opts.architecture ?? 'skipgram';
    const r = resolveSgns(opts, WORD2VEC_DEFAULT_LR[arch]);
    return trainSgns(
      'word2vec',
      corpus,
      opts,
      r,
      arch === 'cbow' ? 'cbow' : 'sg',
      false,
      (vocab) => vocab.words,
      (run, prepared, stats) => ({
        vectors: new KeyedVectors(prepared.vocab.words, new Float32Array(run.syn0), r.dim),
        contextVectors: new Float32Array(run.syn1),
        vocab: prepared.vocab,
        stats,
      }),
    );
  }
}

/** Trains word2vec vectors on `corpus`. */
export function trainWord2Vec(corpus: Corpus, opts: Word2VecOptions = {}): Promise<Word2VecResult> {
  return new Word2VecTrainer().train(corpus, opts);
}
