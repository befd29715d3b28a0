/**
 * Main-thread side of skip-gram-negative-sampling training (word2vec SG/CBOW, doc2vec PV-DBOW): allocates
 * the shared weights, splits the encoded corpus into one slice per thread, starts the workers, and turns
 * their shared counters into progress reports and checkpoints.
 */
import { seedState } from './sgns-kernel.js';
import { ProgressTracker, epochLosses, statSlots, sumStats, type SgnsHyperparameters, type SgnsWorkerConfig } from './sgns-shared.js';
import type { PreparedCorpus } from './prepared-corpus.js';
import { unigramTable } from './vocabulary.js';
import { runWorkers, sliceStart } from './worker-pool.js';
import { allocateWeights, weightLayout, type KernelChoice } from './wasm-kernel.js';
import type { TrainProgress } from './trainer.js';

export interface SgnsRunOptions extends SgnsHyperparameters {
  readonly sample: number;
  readonly threads: number;
  readonly kernel: KernelChoice;
  readonly onProgress: ((p: TrainProgress) => void) | undefined;
  readonly checkpointEvery: number;
  /** Receives a copy of the input vectors (words, or documents for PV-DBOW) after every `checkpointEvery` epochs. */
  readonly onCheckpoint: ((snapshot: Float32Array, epoch: number) => Promise<void>) | undefined;
}

export interface SgnsRunResult {
  /** The kernel that ran. */
  readonly kernel: 'wasm' | 'js';
  readonly syn0: Float32Array;
  readonly syn1: Float32Array;
  readonly docs: Float32Array | undefined;
  readonly epochLoss: number[];
  readonly wordsProcessed: number;
  readonly trainSeconds: number;
}

/**
 * Fills `out` with uniform values in [-1/dim, 1/dim) (fastText's and gensim's range; word2vec.c uses half
 * of it, which measured 1–7 points worse on the word-similarity sets, most on rare words).
 */
export function initUniform(out: Float32Array, dim: number, seed: number, stream: number): void {
  let x = seedState(seed, stream);
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (2 * ((x >>> 0) / 4294967296) - 1) / dim;
  }
}

export function sharedFloat32(n: number): { buffer: SharedArrayBuffer; view: Float32Array } {
  const buffer = new SharedArrayBuffer(n * 4);
  return { buffer, view: new Float32Array(buffer) };
}

/** Power-of-two negative table size: ≥ 2^20, ≥ 32 entries per word, ≤ 2^23. */
export function tableSize(vocab: number): number {
  let s = 1 << 20;
  while (s < vocab * 32 && s < 1 << 23) s <<= 1;
  return s;
}

export async function runSgns(prepared: PreparedCorpus, o: SgnsRunOptions): Promise<SgnsRunResult> {
  const { vocab } = prepared;
  const V = vocab.size;
  const documents = o.mode === 'dbow' ? prepared.documents : 0;
  const layout = weightLayout(V, documents, o.dim, o.negative, o.threads);
  const { buffer: weights, memory } = allocateWeights(layout, o.dim, o.kernel);
  const syn0 = { view: new Float32Array(weights, layout.syn0Offset, V * o.dim) };
  initUniform(syn0.view, o.dim, o.seed, 0x5eed);
  const syn1 = { view: new Float32Array(weights, layout.syn1Offset, V * o.dim) };
  const docs = documents > 0 ? { view: new Float32Array(weights, layout.docsOffset, documents * o.dim) } : undefined;
  if (docs !== undefined) initUniform(docs.view, o.dim, o.seed, 0xd0c);
  const size = tableSize(V);
  const table = new SharedArrayBuffer(size * 4);
  unigramTable(vocab.counts, 0.75, size, table);
  const keep = new SharedArrayBuffer(V * 4);
  new Float32Array(keep).set(vocab.keepProbabilities(o.sample));
  const progress = new SharedArrayBuffer(8);
  const stats = new SharedArrayBuffer(o.threads * statSlots(o.epochs) * 8);
  const statView = new Float64Array(stats);
  const globalDone = new BigInt64Array(progress);
  const onCheckpoint = o.onCheckpoint;
  const barrier = new SharedArrayBuffer(8);
  const tracker = new ProgressTracker(
    statView,
    o.threads,
    o.epochs,
    o.epochs * vocab.totalWords,
    o.onProgress,
    o.checkpointEvery,
    onCheckpoint === undefined ? undefined : (epoch) => onCheckpoint((docs ?? syn0).view.slice(), epoch),
    new Int32Array(barrier),
  );
  const tick = (): void => tracker.tick(Number(Atomics.load(globalDone, 0)));

  const configs = Array.from({ length: o.threads }, (_, t): SgnsWorkerConfig => ({
    mode: o.mode,
    dbowWords: o.dbowWords,
    dim: o.dim,
    window: o.window,
    negative: o.negative,
    epochs: o.epochs,
    lr: o.lr,
    seed: o.seed,
    threadId: t,
    idsPath: prepared.idsPath,
    rangeStart: sliceStart(t, prepared.length, o.threads),
    rangeEnd: sliceStart(t + 1, prepared.length, o.threads),
    totalWords: vocab.totalWords,
    weights,
    wasmMemory: memory,
    layout,
    vocabSize: V,
    documents,
    table,
    keep,
    progress,
    stats,
    barrier,
    checkpointEvery: ProgressTracker.workerEvery(o.checkpointEvery, onCheckpoint),
  }));
  await runWorkers(new URL('./sgns-worker.js', import.meta.url), configs, tick);
  await tracker.settle();
  const trainSeconds = tracker.elapsedSeconds();
  const epochLoss = epochLosses(statView, o.threads, o.epochs);
  return {
    syn0: syn0.view,
    syn1: syn1.view,
    docs: docs?.view,
    kernel: memory !== undefined ? 'wasm' : 'js',
    epochLoss,
    wordsProcessed: sumStats(statView, o.threads, o.epochs).done,
    trainSeconds,
  };
}
