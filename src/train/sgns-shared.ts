/**
 * What the main thread and the SGNS workers share: the worker configuration and the layout of the
 * per-thread statistics block (a Float64Array over a SharedArrayBuffer, written only by its thread).
 */

export type SgnsMode = 'sg' | 'cbow' | 'dbow';

export interface SgnsWorkerConfig {
  readonly mode: SgnsMode;
  /** doc2vec: also train skip-gram word vectors (interleaved with PV-DBOW). */
  readonly dbowWords: boolean;
  readonly dim: number;
  readonly window: number;
  readonly negative: number;
  readonly epochs: number;
  readonly lr: number;
  readonly seed: number;
  readonly threadId: number;
  readonly idsPath: string;
  /** Slice of the encoded stream: documents whose marker lies in [rangeStart, rangeEnd). */
  readonly rangeStart: number;
  readonly rangeEnd: number;
  /** In-vocabulary tokens in one pass (for the learning-rate schedule). */
  readonly totalWords: number;
  readonly syn0: SharedArrayBuffer;
  readonly syn1: SharedArrayBuffer;
  readonly docs?: SharedArrayBuffer;
  readonly table: SharedArrayBuffer;
  readonly keep: SharedArrayBuffer;
  /** BigInt64Array[1]: words processed by all threads. */
  readonly progress: SharedArrayBuffer;
  /** Float64Array: `statSlots(epochs)` values per thread. */
  readonly stats: SharedArrayBuffer;
}

/** Slot offsets inside one thread's statistics block. */
export const STAT_WORDS = 0;
export const STAT_EPOCHS = 1;
/** Slot of the loss sum of `epoch`; the pair count of that epoch follows `epochs` slots later. */
export function lossSlot(epoch: number): number {
  return 2 + epoch;
}

export function pairsSlot(epochs: number, epoch: number): number {
  return 2 + epochs + epoch;
}

/** Values per thread: words, epochs done, then loss sum and pair count for each epoch. */
export function statSlots(epochs: number): number {
  return 2 + 2 * epochs;
}
