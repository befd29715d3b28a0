/**
 * Worker thread for word2vec (skip-gram, CBOW) and doc2vec (PV-DBOW). Every thread trains its own slice of
 * the encoded corpus on weights shared through SharedArrayBuffer, without locks (Hogwild, as word2vec.c).
 * The learning rate decays linearly with the words processed by all threads together.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { END_OF_STREAM, IdReader } from './id-stream.js';
import { SgnsKernel, seedState } from './sgns-kernel.js';
import { WasmSgnsKernel } from './wasm-kernel.js';
import { STAT_EPOCHS, STAT_WORDS, epochBarrier, lossSlot, pairsSlot, statSlots, type SgnsWorkerConfig } from './sgns-shared.js';

/** Longest run of kept words trained as one sentence (word2vec.c's MAX_SENTENCE_LENGTH). */
const MAX_SENTENCE = 1000;
/** Words between learning-rate updates / progress reports. */
const REPORT_EVERY = 10_000;

export function runSgnsWorker(cfg: SgnsWorkerConfig): void {
  const { dim, window, epochs, lr, threadId } = cfg;
  const { layout } = cfg;
  const syn0 = new Float32Array(cfg.weights, layout.syn0Offset, cfg.vocabSize * dim);
  const syn1 = new Float32Array(cfg.weights, layout.syn1Offset, cfg.vocabSize * dim);
  const docs = layout.docsOffset >= 0 ? new Float32Array(cfg.weights, layout.docsOffset, cfg.documents * dim) : undefined;
  const keep = new Float32Array(cfg.keep);
  const global = new BigInt64Array(cfg.progress);
  const stats = new Float64Array(cfg.stats);
  const barrier = new Int32Array(cfg.barrier);
  const base = threadId * statSlots(epochs);
  const table = new Int32Array(cfg.table);
  const rand = seedState(cfg.seed, threadId);
  const kernel =
    cfg.wasmMemory !== undefined
      ? new WasmSgnsKernel(dim, syn1, table, cfg.negative, rand, cfg.wasmMemory, layout, threadId)
      : new SgnsKernel(dim, syn1, table, cfg.negative, rand);
  const sen = new Int32Array(MAX_SENTENCE);
  const ctx = new Int32Array(2 * window);
  const totalPlanned = epochs * cfg.totalWords + 1;
  const minAlpha = lr * 1e-4;
  let alpha = lr;
  let wordCount = 0;
  let lastReport = 0;

  const report = (epoch: number): void => {
    const delta = wordCount - lastReport;
    lastReport = wordCount;
    const done = Number(Atomics.add(global, 0, BigInt(delta))) + delta;
    alpha = Math.max(minAlpha, lr * (1 - done / totalPlanned));
    stats[base + STAT_WORDS] = wordCount;
    stats[base + lossSlot(epoch)] = stats[base + lossSlot(epoch)]! + kernel.loss;
    stats[base + pairsSlot(epochs, epoch)] = stats[base + pairsSlot(epochs, epoch)]! + kernel.lossCount;
    kernel.loss = 0;
    kernel.lossCount = 0;
  };

  const trainSentence = (len: number, doc: number): void => {
    for (let i = 0; i < len; i++) {
      const word = sen[i]!;
      if (cfg.mode === 'dbow') {
        kernel.pair(docs!, doc, word, alpha);
        if (!cfg.dbowWords) continue;
      }
      const b = kernel.nextRandom() % window;
      const lo = Math.max(0, i - window + b);
      const hi = Math.min(len - 1, i + window - b);
      if (cfg.mode === 'cbow') {
        let n = 0;
        for (let c = lo; c <= hi; c++) if (c !== i) ctx[n++] = sen[c]!;
        kernel.cbow(syn0, ctx, 0, n, word, alpha);
      } else {
        for (let c = lo; c <= hi; c++) if (c !== i) kernel.pair(syn0, sen[c]!, word, alpha);
      }
    }
  };

  const reader = new IdReader(cfg.idsPath);
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      reader.seek(cfg.rangeStart);
      let v = reader.next();
      // a slice starting inside a document leaves it to the previous slice
      while (v >= 0 && v !== END_OF_STREAM) v = reader.next();
      while (v !== END_OF_STREAM && reader.position() - 1 < cfg.rangeEnd) {
        const doc = -v - 1;
        let len = 0;
        v = reader.next();
        while (v >= 0 && v !== END_OF_STREAM) {
          wordCount++;
          const p = keep[v]!;
          if (p >= 1 || p > kernel.nextFloat()) {
            sen[len++] = v;
            if (len === MAX_SENTENCE) {
              trainSentence(len, doc);
              len = 0;
            }
          }
          if (wordCount - lastReport >= REPORT_EVERY) report(epoch);
          v = reader.next();
        }
        trainSentence(len, doc);
      }
      report(epoch);
      stats[base + STAT_EPOCHS] = epoch + 1;
      epochBarrier(barrier, epoch + 1, epochs, cfg.checkpointEvery);
    }
  } finally {
    reader.close();
  }
}

if (parentPort !== null && workerData !== null && typeof workerData === 'object') {
  runSgnsWorker(workerData as SgnsWorkerConfig);
  parentPort.postMessage('done');
}
