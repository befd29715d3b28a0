/**
 * What the main thread and the SGNS workers share: the worker configuration and the layout of the
 * per-thread statistics block (a Float64Array over a SharedArrayBuffer, written only by its thread).
 */
import type { TrainProgress } from './trainer.js';
import type { WasmMemory, WeightLayout } from './wasm-kernel.js';

export type SgnsMode = 'sg' | 'cbow' | 'dbow';

/** The model's hyperparameters, shared by the run options and every thread's configuration. */
export interface SgnsHyperparameters {
  readonly mode: SgnsMode;
  /** doc2vec: also train skip-gram word vectors (interleaved with PV-DBOW). */
  readonly dbowWords: boolean;
  readonly dim: number;
  readonly window: number;
  readonly negative: number;
  readonly epochs: number;
  readonly lr: number;
  readonly seed: number;
}

export interface SgnsWorkerConfig extends SgnsHyperparameters {
  readonly threadId: number;
  readonly idsPath: string;
  /** Slice of the encoded stream: documents whose marker lies in [rangeStart, rangeEnd). */
  readonly rangeStart: number;
  readonly rangeEnd: number;
  /** In-vocabulary tokens in one pass (for the learning-rate schedule). */
  readonly totalWords: number;
  /** All weights (and the SIMD kernel's tables and scratch), laid out as `layout` says. */
  readonly weights: SharedArrayBuffer;
  /** The shared WebAssembly memory behind `weights` when the SIMD kernel runs. */
  readonly wasmMemory: WasmMemory | undefined;
  readonly layout: WeightLayout;
  readonly vocabSize: number;
  readonly documents: number;
  readonly table: SharedArrayBuffer;
  readonly keep: SharedArrayBuffer;
  /** BigInt64Array[1]: words processed by all threads. */
  readonly progress: SharedArrayBuffer;
  /** Float64Array: `statSlots(epochs)` values per thread. */
  readonly stats: SharedArrayBuffer;
  /** Int32Array[2] checkpoint barrier (see `epochBarrier`); `checkpointEvery` 0 = none. */
  readonly barrier: SharedArrayBuffer;
  readonly checkpointEvery: number;
}

/**
 * Called by a worker after finishing `epoch` (1-based count). On checkpoint epochs every thread waits here
 * until the main thread has copied the weights, so a checkpoint is a consistent end-of-epoch state.
 * Slot 0 counts arrived threads, slot 1 is the release generation.
 */
export function epochBarrier(barrier: Int32Array, epochsDone: number, epochs: number, every: number): void {
  if (every <= 0 || epochsDone % every !== 0 || epochsDone >= epochs) return;
  const gen = Atomics.load(barrier, 1);
  Atomics.add(barrier, 0, 1);
  Atomics.wait(barrier, 1, gen);
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
    /** The workers' checkpoint barrier (Int32Array[2]). */
    private readonly barrier: Int32Array | undefined,
  ) {
    this.nextCheckpoint = every;
  }

  /** Checkpoint interval to pass to the workers: 0 when no checkpoint callback is set. */
  static workerEvery(every: number, checkpoint: unknown): number {
    return checkpoint === undefined ? 0 : every;
  }

  /** `done` overrides the summed per-thread counters (word2vec keeps an exact global counter). */
  tick(done?: number): void {
    this.releaseBarrier();
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
  }

  /** When every thread waits at the checkpoint barrier: snapshot (synchronously), then release them. */
  private releaseBarrier(): void {
    if (this.barrier === undefined || Atomics.load(this.barrier, 0) < this.threads) return;
    const epoch = this.nextCheckpoint;
    this.nextCheckpoint += this.every;
    if (this.checkpoint !== undefined) {
      const p = this.checkpoint(epoch); // takes its snapshot before returning
      this.chain = this.chain.then(() => p);
    }
    Atomics.store(this.barrier, 0, 0);
    Atomics.add(this.barrier, 1, 1);
    Atomics.notify(this.barrier, 1);
  }

  /** Waits for checkpoint writes still in flight. */
  async settle(): Promise<void> {
    await this.chain;
  }

  elapsedSeconds(): number {
    return (performance.now() - this.started) / 1000;
  }
}
