/**
 * What the main thread and the SGNS workers share: the worker configuration and the layout of the
 * per-thread statistics block (a Float64Array over a SharedArrayBuffer, written only by its thread).
 */
import type { TrainProgress } from './trainer.js';

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

export interface StatSums {
  readonly done: number;
  readonly loss: number;
  readonly pairs: number;
  /** Epochs completed by every thread. */
  readonly minEpoch: number;
}

/** Totals over all threads' statistics blocks. */
export function sumStats(stats: Float64Array, threads: number, epochs: number): StatSums {
  const slots = statSlots(epochs);
  let done = 0;
  let loss = 0;
  let pairs = 0;
  let minEpoch = epochs;
  for (let t = 0; t < threads; t++) {
    const b = t * slots;
    done += stats[b + STAT_WORDS]!;
    minEpoch = Math.min(minEpoch, stats[b + STAT_EPOCHS]!);
    for (let e = 0; e < epochs; e++) {
      loss += stats[b + lossSlot(e)]!;
      pairs += stats[b + pairsSlot(epochs, e)]!;
    }
  }
  return { done, loss, pairs, minEpoch };
}

/** Mean loss of each epoch over all threads. */
export function epochLosses(stats: Float64Array, threads: number, epochs: number): number[] {
  const slots = statSlots(epochs);
  const out: number[] = [];
  for (let e = 0; e < epochs; e++) {
    let l = 0;
    let p = 0;
    for (let t = 0; t < threads; t++) {
      l += stats[t * slots + lossSlot(e)]!;
      p += stats[t * slots + pairsSlot(epochs, e)]!;
    }
    out.push(p > 0 ? l / p : Number.NaN);
  }
  return out;
}

/**
 * Turns the shared statistics into progress reports (loss over the last interval, rate, ETA) and fires
 * checkpoints when every thread has finished a multiple of `every` epochs.
 */
export class ProgressTracker {
  private readonly started = performance.now();
  private lastLoss = 0;
  private lastPairs = 0;
  private nextCheckpoint: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly stats: Float64Array,
    private readonly threads: number,
    private readonly epochs: number,
    private readonly total: number,
    private readonly onProgress: ((p: TrainProgress) => void) | undefined,
    private readonly every: number,
    private readonly checkpoint: ((epoch: number) => Promise<void>) | undefined,
  ) {
    this.nextCheckpoint = every > 0 && checkpoint !== undefined ? every : Number.POSITIVE_INFINITY;
  }

  /** `done` overrides the summed per-thread counters (word2vec keeps an exact global counter). */
  tick(done?: number): void {
    const s = sumStats(this.stats, this.threads, this.epochs);
    const d = done ?? s.done;
    const elapsed = (performance.now() - this.started) / 1000;
    const rate = elapsed > 0 ? d / elapsed : 0;
    const loss = s.pairs > this.lastPairs ? (s.loss - this.lastLoss) / (s.pairs - this.lastPairs) : Number.NaN;
    this.lastLoss = s.loss;
    this.lastPairs = s.pairs;
    this.onProgress?.({
      phase: 'train',
      epoch: s.minEpoch,
      epochs: this.epochs,
      done: d,
      total: this.total,
      wordsPerSecond: rate,
      loss,
      elapsedSeconds: elapsed,
      etaSeconds: rate > 0 ? Math.max(0, this.total - d) / rate : Number.NaN,
    });
    if (s.minEpoch >= this.nextCheckpoint && s.minEpoch < this.epochs && this.checkpoint !== undefined) {
      const epoch = s.minEpoch;
      this.nextCheckpoint = (Math.floor(epoch / this.every) + 1) * this.every;
      const write = this.checkpoint;
      const p = write(epoch); // snapshot is taken synchronously inside `checkpoint`
      this.chain = this.chain.then(() => p);
    }
  }

  /** Waits for checkpoint writes still in flight. */
  async settle(): Promise<void> {
    await this.chain;
  }

  elapsedSeconds(): number {
    return (performance.now() - this.started) / 1000;
  }
}
