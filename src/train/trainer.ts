/**
 * The one contract every trainer (word2vec, GloVe, doc2vec) implements, the options they share (same
 * names, same meaning), and the progress they report.
 */
import { EmbedkitError } from '../errors.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import type { Corpus } from './corpus.js';
import type { Vocabulary, VocabularyOptions } from './vocabulary.js';

export type TrainAlgorithm = 'word2vec' | 'glove' | 'doc2vec';
export const TRAIN_ALGORITHMS: readonly TrainAlgorithm[] = ['word2vec', 'glove', 'doc2vec'];

export interface TrainProgress {
  readonly phase: 'vocabulary' | 'cooccurrence' | 'train';
  /** Epochs fully completed by every thread. */
  readonly epoch: number;
  readonly epochs: number;
  /** Work units done / planned in this phase (words for word2vec/doc2vec, co-occurrence entries for GloVe). */
  readonly done: number;
  readonly total: number;
  readonly wordsPerSecond: number;
  /** Mean loss over the most recent reporting interval (NaN before the first). */
  readonly loss: number;
  readonly elapsedSeconds: number;
  /** Estimated seconds to the end of the phase (NaN when unknown). */
  readonly etaSeconds: number;
}

export interface TrainOptions extends VocabularyOptions {
  /** Vector size (default 100). */
  readonly dim?: number;
  /** Context words on each side (default 5; GloVe 10). */
  readonly window?: number;
  /** Passes over the corpus (default 5; GloVe 15). */
  readonly epochs?: number;
  /** Initial learning rate (default per algorithm). */
  readonly lr?: number;
  /** Worker threads (default: available cores). */
  readonly threads?: number;
  /** Random seed; with `threads: 1` the result is bit-identical run to run (default 1). */
  readonly seed?: number;
  /** Called a few times a second while training. */
  readonly onProgress?: (p: TrainProgress) => void;
  /** Write a checkpoint every N epochs through `onCheckpoint` (0 = never). */
  readonly checkpointEvery?: number;
  readonly onCheckpoint?: (vectors: KeyedVectors, epoch: number) => Promise<void>;
  /** Folder for temp files (encoded corpus, co-occurrence shards). */
  readonly tmpDir?: string;
}

export interface TrainStats {
  readonly algorithm: TrainAlgorithm;
  readonly vocabSize: number;
  readonly documents: number;
  /** In-vocabulary tokens in one pass over the corpus. */
  readonly corpusWords: number;
  /** Words processed over all epochs, and the training wall time (without vocabulary building). */
  readonly wordsProcessed: number;
  readonly trainSeconds: number;
  readonly totalSeconds: number;
  readonly wordsPerSecond: number;
  /** Mean loss of each epoch. */
  readonly epochLoss: readonly number[];
  readonly threads: number;
  /** Inner kernel that ran (word2vec/doc2vec: `wasm` SIMD or `js`; GloVe: `js`). */
  readonly kernel: 'wasm' | 'js';
}

export interface TrainResult {
  /** Word vectors in vocabulary order (most frequent first). */
  readonly vectors: KeyedVectors;
  readonly vocab: Vocabulary;
  readonly stats: TrainStats;
}

export interface Trainer<O extends TrainOptions = TrainOptions, R extends TrainResult = TrainResult> {
  readonly algorithm: TrainAlgorithm;
  train(corpus: Corpus, opts?: O): Promise<R>;
}

/** Validates a numeric option (finite, within [min, max]) or throws BAD_OPTION naming it. */
export function checkNumber(name: string, value: number, min: number, max = Number.POSITIVE_INFINITY, integer = false): number {
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new EmbedkitError('BAD_OPTION', name, { expected: `${integer ? 'an integer' : 'a number'} ${range}`, received: String(value), where: name });
  }
  return value;
}

/** Common options with defaults applied and validated. */
export interface ResolvedCommon {
  readonly dim: number;
  readonly window: number;
  readonly epochs: number;
  readonly threads: number;
  readonly seed: number;
  readonly minCount: number;
  readonly maxVocab: number;
  readonly checkpointEvery: number;
}

export function resolveCommon(opts: TrainOptions, defaults: { window: number; epochs: number; threads: number }): ResolvedCommon {
  return {
    dim: checkNumber('dim', opts.dim ?? 100, 1, 10_000, true),
    window: checkNumber('window', opts.window ?? defaults.window, 1, 1000, true),
    epochs: checkNumber('epochs', opts.epochs ?? defaults.epochs, 1, 100_000, true),
    threads: checkNumber('threads', opts.threads ?? defaults.threads, 1, 256, true),
    seed: checkNumber('seed', opts.seed ?? 1, 0, 2 ** 31 - 1, true),
    minCount: checkNumber('minCount', opts.minCount ?? 5, 1, Number.POSITIVE_INFINITY, true),
    maxVocab: opts.maxVocab === undefined ? Number.POSITIVE_INFINITY : checkNumber('maxVocab', opts.maxVocab, 1, Number.POSITIVE_INFINITY, true),
    checkpointEvery: checkNumber('checkpointEvery', opts.checkpointEvery ?? 0, 0, Number.POSITIVE_INFINITY, true),
  };
}
