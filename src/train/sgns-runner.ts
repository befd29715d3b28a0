/**
 * Main-thread side of skip-gram-negative-sampling training (word2vec SG/CBOW, doc2vec PV-DBOW): allocates
 * the shared weights, splits the encoded corpus into one slice per thread, starts the workers, and turns
 * their shared counters into progress reports and checkpoints.
 */
import { Worker } from 'node:worker_threads';
import { EmbedkitError } from '../errors.js';
import { seedState } from './sgns-kernel.js';
import { STAT_EPOCHS, STAT_WORDS, lossSlot, pairsSlot, statSlots, type SgnsMode, type SgnsWorkerConfig } from './sgns-shared.js';
import type { PreparedCorpus } from './prepared-corpus.js';
import { unigramTable } from './vocabulary.js';
import type { TrainProgress } from './trainer.js';

export interface SgnsRunOptions {
  readonly mode: SgnsMode;
  readonly dbowWords: boolean;
  readonly dim: number;
  readonly window: number;
  readonly negative: number;
  readonly epochs: number;
  readonly lr: number;
  readonly sample: number;
  readonly threads: number;
  readonly seed: number;
  readonly onProgress: ((p: TrainProgress) => void) | undefined;
  readonly checkpointEvery: number;
  /** Receives a copy of the input vectors (words, or documents for PV-DBOW) after every `checkpointEvery` epochs. */
  readonly onCheckpoint: ((snapshot: Float32Array, epoch: number) => Promise<void>) | undefined;
}

export interface SgnsRunResult {
  readonly syn0: Float32Array;
  readonly syn1: Float32Array;
  readonly docs: Float32Array | undefined;
  readonly epochLoss: number[];
  readonly wordsProcessed: number;
  readonly trainSeconds: number;
}

/** Fills `out` with word2vec.c's initialisation: uniform in [-0.5/dim, 0.5/dim). */
export function initUniform(out: Float32Array, dim: number, seed: number, stream: number): void {
  let x = seedState(seed, stream);
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = ((x >>> 0) / 4294967296 - 0.5) / dim;
  }
}

function sharedFloat32(n: number): { buffer: SharedArrayBuffer; view: Float32Array } {
  const buffer = new SharedArrayBuffer(n * 4);
  return { buffer, view: new Float32Array(buffer) };
}

/** Power-of-two negative table size: ≥ 2^20, ≥ 32 entries per word, ≤ 2^23. */
function tableSize(vocab: number): number {
  let s = 1 << 20;
  while (s < vocab * 32 && s < 1 << 23) s <<= 1;
  return s;
}

export async function runSgns(prepared: PreparedCorpus, o: SgnsRunOptions): Promise<SgnsRunResult> {
  const { vocab } = prepared;
  const V = vocab.size;
  const syn0 = sharedFloat32(V * o.dim);
  initUniform(syn0.view, o.dim, o.seed, 0x5eed);
  const syn1 = sharedFloat32(V * o.dim);
  const docs = o.mode === 'dbow' ? sharedFloat32(prepared.documents * o.dim) : undefined;
  if (docs !== undefined) initUniform(docs.view, o.dim, o.seed, 0xd0c);
  const size = tableSize(V);
  const table = new SharedArrayBuffer(size * 4);
  unigramTable(vocab.counts, 0.75, size, table);
  const keep = new SharedArrayBuffer(V * 4);
  new Float32Array(keep).set(vocab.keepProbabilities(o.sample));
  const progress = new SharedArrayBuffer(8);
  const slots = statSlots(o.epochs);
  const stats = new SharedArrayBuffer(o.threads * slots * 8);
  const statView = new Float64Array(stats);
  const globalDone = new BigInt64Array(progress);

  const planned = o.epochs * vocab.totalWords;
  const started = performance.now();
  let lastLoss = 0;
  let lastPairs = 0;
  let nextCheckpoint = o.checkpointEvery > 0 ? o.checkpointEvery : Number.POSITIVE_INFINITY;
  let checkpointChain: Promise<void> = Promise.resolve();

  const sums = (): { words: number; loss: number; pairs: number; minEpoch: number } => {
    let words = 0;
    let loss = 0;
    let pairs = 0;
    let minEpoch = o.epochs;
    for (let t = 0; t < o.threads; t++) {
      const b = t * slots;
      words += statView[b + STAT_WORDS]!;
      minEpoch = Math.min(minEpoch, statView[b + STAT_EPOCHS]!);
      for (let e = 0; e < o.epochs; e++) {
        loss += statView[b + lossSlot(e)]!;
        pairs += statView[b + pairsSlot(o.epochs, e)]!;
      }
    }
    return { words, loss, pairs, minEpoch };
  };

  const tick = (): void => {
    const now = performance.now();
    const s = sums();
    const done = Number(Atomics.load(globalDone, 0));
    const elapsed = (now - started) / 1000;
    const wps = elapsed > 0 ? done / elapsed : 0;
    const loss = s.pairs > lastPairs ? (s.loss - lastLoss) / (s.pairs - lastPairs) : Number.NaN;
    lastLoss = s.loss;
    lastPairs = s.pairs;
    o.onProgress?.({
      phase: 'train',
      epoch: s.minEpoch,
      epochs: o.epochs,
      done,
      total: planned,
      wordsPerSecond: wps,
      loss,
      elapsedSeconds: elapsed,
      etaSeconds: wps > 0 ? Math.max(0, planned - done) / wps : Number.NaN,
    });
    if (o.onCheckpoint !== undefined && s.minEpoch >= nextCheckpoint && s.minEpoch < o.epochs) {
      const epoch = s.minEpoch;
      nextCheckpoint = (Math.floor(epoch / o.checkpointEvery) + 1) * o.checkpointEvery;
      const snapshot = (docs ?? syn0).view.slice();
      const write = o.onCheckpoint;
      checkpointChain = checkpointChain.then(() => write(snapshot, epoch));
    }
  };

  const workers: Worker[] = [];
  const timer = setInterval(tick, 250);
  try {
    await Promise.all(
      Array.from({ length: o.threads }, (_, t) => {
        const cfg: SgnsWorkerConfig = {
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
          rangeStart: Math.floor((t * prepared.length) / o.threads),
          rangeEnd: Math.floor(((t + 1) * prepared.length) / o.threads),
          totalWords: vocab.totalWords,
          syn0: syn0.buffer,
          syn1: syn1.buffer,
          ...(docs !== undefined ? { docs: docs.buffer } : {}),
          table,
          keep,
          progress,
          stats,
        };
        return new Promise<void>((resolve, reject) => {
          const w = new Worker(new URL('./sgns-worker.js', import.meta.url), { workerData: cfg });
          workers.push(w);
          w.once('error', (e) => reject(new EmbedkitError('IO_ERROR', `training thread ${t} failed`, { received: e.message, cause: e })));
          w.once('exit', (code) => (code === 0 ? resolve() : reject(new EmbedkitError('IO_ERROR', `training thread ${t} exited`, { received: `exit code ${code}` }))));
        });
      }),
    );
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  } finally {
    clearInterval(timer);
  }
  tick();
  await checkpointChain;
  const trainSeconds = (performance.now() - started) / 1000;
  const epochLoss: number[] = [];
  for (let e = 0; e < o.epochs; e++) {
    let l = 0;
    let p = 0;
    for (let t = 0; t < o.threads; t++) {
      l += statView[t * slots + lossSlot(e)]!;
      p += statView[t * slots + pairsSlot(o.epochs, e)]!;
    }
    epochLoss.push(p > 0 ? l / p : Number.NaN);
  }
  return {
    syn0: syn0.view,
    syn1: syn1.view,
    docs: docs?.view,
    epochLoss,
    wordsProcessed: sums().words,
    trainSeconds,
  };
}
