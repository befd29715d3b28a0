/**
 * Worker thread for GloVe: AdaGrad over a slice of the co-occurrence entries (shuffled every epoch), on
 * weights shared through SharedArrayBuffer without locks (Hogwild, as the reference glove.c).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { seedState } from './sgns-kernel.js';
import { STAT_EPOCHS, STAT_WORDS, epochBarrier, lossSlot, pairsSlot, statSlots } from './sgns-shared.js';

export interface GloveWorkerConfig {
  readonly dim: number;
  readonly epochs: number;
  readonly lr: number;
  readonly xMax: number;
  readonly alpha: number;
  readonly seed: number;
  readonly threadId: number;
  readonly rangeStart: number;
  readonly rangeEnd: number;
  readonly rows: SharedArrayBuffer;
  readonly cols: SharedArrayBuffer;
  readonly values: SharedArrayBuffer;
  /** W, W̃, their squared-gradient sums, and the four bias arrays. */
  readonly w: SharedArrayBuffer;
  readonly wt: SharedArrayBuffer;
  readonly gw: SharedArrayBuffer;
  readonly gwt: SharedArrayBuffer;
  readonly b: SharedArrayBuffer;
  readonly bt: SharedArrayBuffer;
  readonly gb: SharedArrayBuffer;
  readonly gbt: SharedArrayBuffer;
  readonly stats: SharedArrayBuffer;
  readonly barrier: SharedArrayBuffer;
  readonly checkpointEvery: number;
}

export function runGloveWorker(cfg: GloveWorkerConfig): void {
  const { dim, epochs, lr, xMax, alpha } = cfg;
  const rows = new Int32Array(cfg.rows);
  const cols = new Int32Array(cfg.cols);
  const values = new Float32Array(cfg.values);
  const w = new Float32Array(cfg.w);
  const wt = new Float32Array(cfg.wt);
  const gw = new Float32Array(cfg.gw);
  const gwt = new Float32Array(cfg.gwt);
  const b = new Float32Array(cfg.b);
  const bt = new Float32Array(cfg.bt);
  const gb = new Float32Array(cfg.gb);
  const gbt = new Float32Array(cfg.gbt);
  const stats = new Float64Array(cfg.stats);
  const barrier = new Int32Array(cfg.barrier);
  const base = cfg.threadId * statSlots(epochs);
  const n = cfg.rangeEnd - cfg.rangeStart;
  const order = new Int32Array(n);
  let rand = seedState(cfg.seed, cfg.threadId);
  let done = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < n; i++) order[i] = cfg.rangeStart + i;
    for (let i = n - 1; i > 0; i--) {
      rand ^= rand << 13;
      rand ^= rand >>> 17;
      rand ^= rand << 5;
      const j = (rand >>> 0) % (i + 1);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let cost = 0;
    for (let i = 0; i < n; i++) {
      const e = order[i]!;
      const r = rows[e]!;
      const c = cols[e]!;
      const x = values[e]!;
      const l1 = r * dim;
      const l2 = c * dim;
      let diff = 0;
      for (let k = 0; k < dim; k++) diff += w[l1 + k]! * wt[l2 + k]!;
      diff += b[r]! + bt[c]! - Math.log(x);
      let fdiff = x > xMax ? diff : Math.pow(x / xMax, alpha) * diff;
      if (!Number.isFinite(fdiff)) continue;
      cost += 0.5 * fdiff * diff;
      fdiff *= lr;
      for (let k = 0; k < dim; k++) {
        const a = w[l1 + k]!;
        const o = wt[l2 + k]!;
        const g1 = fdiff * o;
        const g2 = fdiff * a;
        w[l1 + k] = a - g1 / Math.sqrt(gw[l1 + k]!);
        wt[l2 + k] = o - g2 / Math.sqrt(gwt[l2 + k]!);
        gw[l1 + k] = gw[l1 + k]! + g1 * g1;
        gwt[l2 + k] = gwt[l2 + k]! + g2 * g2;
      }
      b[r] = b[r]! - fdiff / Math.sqrt(gb[r]!);
      bt[c] = bt[c]! - fdiff / Math.sqrt(gbt[c]!);
      gb[r] = gb[r]! + fdiff * fdiff;
      gbt[c] = gbt[c]! + fdiff * fdiff;
      done++;
      if ((done & 0xffff) === 0) stats[base + STAT_WORDS] = done;
    }
    stats[base + STAT_WORDS] = done;
    stats[base + lossSlot(epoch)] = cost;
    stats[base + pairsSlot(epochs, epoch)] = n;
    stats[base + STAT_EPOCHS] = epoch + 1;
    epochBarrier(barrier, epoch + 1, epochs, cfg.checkpointEvery);
  }
}

if (parentPort !== null && workerData !== null && typeof workerData === 'object') {
  runGloveWorker(workerData as GloveWorkerConfig);
  parentPort.postMessage('done');
}
