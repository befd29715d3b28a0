/**
 * Trains an adapter on frozen embeddings: pairs of pre-computed base vectors (anchor, positive), with gold
 * scores (cosent), teacher vectors (distill) or ranked hard-negative candidates (mnrl). Adam, seeded
 * shuffling, a dev split for early stopping (the best epoch's weights are kept), progress with the loss.
 *
 * Hard negatives follow a PEG-style curriculum: each anchor has its candidates ranked hardest first (exact
 * top-k over the corpus, positives excluded: analysis/adapters mines them); early in training the negatives
 * are drawn from the easier end of that list and the window slides to the hardest ranks by the last epoch.
 */
import { EmbedkitError } from '../../errors.js';
import { seededRandom, shuffle } from '../../learn/random.js';
import type { Matrix } from '../../math/matrix.js';
import { Adam } from './adam.js';
import { backward, forward, initialParameters, type AdapterShape } from './adapter-net.js';
import { adapterLoss, type LossName } from './losses.js';

export interface AdapterExamples {
  /** Base embeddings of the anchors (queries, first texts), one row per example. */
  readonly anchors: Matrix;
  /** Base embeddings of the positives (second texts), one row per example. */
  readonly positives: Matrix;
  /** cosent: gold similarity per example. */
  readonly scores?: Float64Array;
  /** distill: the teacher's embeddings of the same anchors and positives (any width). */
  readonly teacher?: { readonly anchors: Matrix; readonly positives: Matrix };
  /** mnrl hard negatives: candidate rows of `matrix` per example, hardest first. */
  readonly negatives?: { readonly matrix: Matrix; readonly ranked: readonly Int32Array[] };
  /**
   * Retrieval: each example's positive as a corpus row and the rows relevant to its anchor; a candidate of
   * the batch (another example's positive, a hard negative: rows of the same corpus) relevant to anchor i
   * is not used as a negative of i.
   */
  readonly relevance?: { readonly positiveRows: Int32Array; readonly relevant: readonly ReadonlySet<number>[] };
}

export interface AdapterTrainOptions {
  readonly loss: LossName;
  readonly shape: AdapterShape;
  /** Score scale (inverse temperature) of mnrl and cosent. */
  readonly scale?: number;
  /** Matryoshka: also apply the loss to these leading dims. */
  readonly matryoshka?: readonly number[];
  /** mnrl: hard negatives per example (0: in-batch negatives only). */
  readonly hardNegatives?: number;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  /** Examples held out for early stopping (when no `dev` is given). */
  readonly devFraction?: number;
  /** Epochs without a better dev loss before stopping. */
  readonly patience?: number;
  readonly seed?: number;
  /** Start from these parameters instead of the identity. */
  readonly initial?: Float64Array;
  readonly onProgress?: (p: AdapterProgress) => void;
}

export interface AdapterProgress {
  readonly epoch: number;
  readonly step: number;
  readonly steps: number;
  /** Mean training loss of the epoch so far. */
  readonly loss: number;
  /** Set at the end of each epoch. */
  readonly devLoss?: number;
}

export interface AdapterTrainResult {
  readonly shape: AdapterShape;
  readonly parameters: Float64Array;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly trainLoss: readonly number[];
  readonly devLoss: readonly number[];
  readonly examples: number;
  readonly devExamples: number;
  readonly seconds: number;
}

const DEFAULTS = { scale: 20, epochs: 10, batchSize: 64, learningRate: 1e-3, devFraction: 0.1, patience: 2, seed: 42, hardNegatives: 0 } as const;

function rowsOf(m: Matrix, ids: readonly number[]): Float64Array {
  const out = new Float64Array(ids.length * m.dim);
  ids.forEach((id, r) => {
    for (let j = 0; j < m.dim; j++) out[r * m.dim + j] = m.data[id * m.dim + j]!;
  });
  return out;
}

function unitRows(m: Matrix, ids: readonly number[]): Float64Array {
  const out = rowsOf(m, ids);
  for (let r = 0; r < ids.length; r++) {
    let s = 0;
    for (let j = 0; j < m.dim; j++) s += out[r * m.dim + j]! ** 2;
    const inv = 1 / (Math.sqrt(s) || 1);
    for (let j = 0; j < m.dim; j++) out[r * m.dim + j]! *= inv;
  }
  return out;
}

/** The hard negatives of the batch at training progress `t` (0 … 1): a window sliding to the hardest ranks. */
function negativeIds(ex: AdapterExamples, batch: readonly number[], count: number, t: number, taken: ReadonlySet<number>): number[] {
  const out: number[] = [];
  const ranked = ex.negatives?.ranked;
  if (ranked === undefined || count === 0) return out;
  for (const i of batch) {
    const list = ranked[i] ?? new Int32Array(0);
    const start = Math.round((1 - Math.min(1, t)) * Math.max(0, list.length - count));
    for (let r = start; r < Math.min(list.length, start + count); r++) if (!taken.has(list[r]!)) out.push(list[r]!);
  }
  return out;
}

/** `n × m`: 1 where candidate j (batch positives, then `negIds` rows) is relevant to anchor i (j ≠ i). */
function relevanceMask(ex: AdapterExamples, batch: readonly number[], negIds: readonly number[]): Uint8Array | undefined {
  const rel = ex.relevance;
  if (rel === undefined) return undefined;
  const n = batch.length;
  const m = n + negIds.length;
  const rows = [...batch.map((i) => rel.positiveRows[i]!), ...negIds];
  const mask = new Uint8Array(n * m);
  batch.forEach((ex_i, i) => {
    const r = rel.relevant[ex_i]!;
    for (let j = 0; j < m; j++) if (j !== i && r.has(rows[j]!)) mask[i * m + j] = 1;
  });
  return mask;
}

/** One batch: forward, loss (Matryoshka-summed), backward into `grad`; returns the loss. */
export function batchLoss(ex: AdapterExamples, o: AdapterTrainOptions, p: Float64Array, batch: readonly number[], t: number, grad: Float64Array | undefined): number {
  const s = o.shape;
  const n = batch.length;
  const fa = forward(s, p, rowsOf(ex.anchors, batch), n);
  const negIds = o.loss === 'mnrl' && ex.negatives !== undefined ? negativeIds(ex, batch, o.hardNegatives ?? DEFAULTS.hardNegatives, t, new Set()) : [];
  const candidates = rowsOf(ex.positives, batch);
  const bx = new Float64Array((n + negIds.length) * s.dim);
  bx.set(candidates);
  if (negIds.length > 0) bx.set(rowsOf(ex.negatives!.matrix, negIds), n * s.dim);
  const m = n + negIds.length;
  const fb = forward(s, p, bx, m);
  let teacher: Float64Array | undefined;
  if (o.loss === 'distill') {
    const tm = ex.teacher;
    if (tm === undefined) throw new EmbedkitError('BAD_OPTION', 'distill', { expected: 'teacher embeddings', received: 'none', where: 'teacher' });
    const ta = unitRows(tm.anchors, batch);
    const tb = unitRows(tm.positives, batch);
    const td = tm.anchors.dim;
    teacher = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let v = 0;
      for (let k = 0; k < td; k++) v += ta[i * td + k]! * tb[j * td + k]!;
      teacher[i * n + j] = v;
    }
  }
  const scores = ex.scores !== undefined ? Float64Array.from(batch, (i) => ex.scores![i]!) : undefined;
  const mask = o.loss === 'mnrl' ? relevanceMask(ex, batch, negIds) : undefined;
  const ctx = { scale: o.scale ?? DEFAULTS.scale, ...(scores !== undefined ? { scores } : {}), ...(teacher !== undefined ? { teacher } : {}), ...(mask !== undefined ? { mask } : {}) };
  const r = adapterLoss(o.loss, { a: fa.y, b: fb.y, n, m, dim: s.dim }, ctx, o.matryoshka ?? []);
  if (grad !== undefined) {
    backward(s, p, fa, r.da, grad);
    backward(s, p, fb, r.db, grad);
  }
  return r.loss;
}

function checkExamples(ex: AdapterExamples, o: AdapterTrainOptions): void {
  const n = ex.anchors.rows;
  const bad = (what: string, expected: string, received: string): never => {
    throw new EmbedkitError('DIM_MISMATCH', what, { expected, received, where: 'train' });
  };
  if (ex.positives.rows !== n) bad('adapter training pairs', `${n} positives`, `${ex.positives.rows}`);
  if (ex.anchors.dim !== o.shape.dim || ex.positives.dim !== o.shape.dim) bad('adapter training vectors', `${o.shape.dim} dims`, `${ex.anchors.dim} dims`);
  if (o.loss === 'cosent' && (ex.scores === undefined || ex.scores.length !== n)) throw new EmbedkitError('BAD_OPTION', 'cosent', { expected: 'graded pairs (a score per pair)', received: 'pairs without scores', where: 'loss' });
  if (n < 2) throw new EmbedkitError('BAD_OPTION', 'training examples', { expected: 'at least 2', received: String(n), where: 'train' });
}

/** One task of (multi-task) adapter training: its examples, loss settings and optional dev examples. */
export interface AdapterTask {
  readonly examples: AdapterExamples;
  readonly loss: LossName;
  readonly scale?: number;
  readonly matryoshka?: readonly number[];
  readonly hardNegatives?: number;
  readonly dev?: AdapterExamples;
}

/** The mean loss of `ids` of `ex` in batches (at full curriculum difficulty); gradients of the mean into `grad`. */
export function meanLoss(ex: AdapterExamples, o: AdapterTrainOptions, p: Float64Array, ids: readonly number[], batchSize: number, grad?: Float64Array): number {
  let sum = 0;
  let w = 0;
  const g = grad !== undefined ? new Float64Array(grad.length) : undefined;
  for (let i = 0; i < ids.length; i += batchSize) {
    const b = ids.slice(i, i + batchSize);
    if (b.length < 2) continue;
    const before = g !== undefined ? Float64Array.from(g) : undefined;
    const l = batchLoss(ex, o, p, b, 1, g);
    // Weight each batch's gradient by its share of the examples.
    if (g !== undefined && before !== undefined) for (let k = 0; k < g.length; k++) g[k] = before[k]! + (g[k]! - before[k]!) * b.length;
    sum += l * b.length;
    w += b.length;
  }
  if (grad !== undefined && g !== undefined && w > 0) for (let k = 0; k < g.length; k++) grad[k]! += g[k]! / w;
  return w > 0 ? sum / w : NaN;
}

/** Trains an adapter; `dev` (else a seeded `devFraction` of the examples) drives early stopping. */
export function trainAdapter(examples: AdapterExamples, opts: AdapterTrainOptions, dev?: AdapterExamples): AdapterTrainResult {
  const task: AdapterTask = {
    examples,
    loss: opts.loss,
    ...(opts.scale !== undefined ? { scale: opts.scale } : {}),
    ...(opts.matryoshka !== undefined ? { matryoshka: opts.matryoshka } : {}),
    ...(opts.hardNegatives !== undefined ? { hardNegatives: opts.hardNegatives } : {}),
    ...(dev !== undefined ? { dev } : {}),
  };
  return trainAdapterTasks([task], opts);
}

/**
 * Trains one adapter on several tasks at once (joint multi-task training): each epoch visits every task's
 * batches in a seeded interleaved order; the dev loss is the sum over tasks of each task's dev loss divided
 * by its value before training (so tasks with larger losses do not dominate early stopping).
 */
export function trainAdapterTasks(tasks: readonly AdapterTask[], opts: Omit<AdapterTrainOptions, 'loss'> & { readonly loss?: LossName }): AdapterTrainResult {
  const started = performance.now();
  const rand = seededRandom(opts.seed ?? DEFAULTS.seed);
  const batchSize0 = opts.batchSize ?? DEFAULTS.batchSize;
  const plans = tasks.map((task) => {
    const o: AdapterTrainOptions = { ...opts, loss: task.loss, ...(task.scale !== undefined ? { scale: task.scale } : {}), matryoshka: task.matryoshka ?? opts.matryoshka ?? [], hardNegatives: task.hardNegatives ?? opts.hardNegatives ?? 0 };
    checkExamples(task.examples, o);
    const all = shuffle(Array.from({ length: task.examples.anchors.rows }, (_, i) => i), rand);
    const devCount = task.dev !== undefined ? 0 : Math.max(2, Math.round(all.length * (opts.devFraction ?? DEFAULTS.devFraction)));
    const devIds = task.dev !== undefined ? Array.from({ length: task.dev.anchors.rows }, (_, i) => i) : all.slice(0, devCount);
    const trainIds = task.dev !== undefined ? all : all.slice(devCount);
    return { task, o, devIds, trainIds, devSet: task.dev ?? task.examples, batchSize: Math.min(batchSize0, trainIds.length), ref: 1 };
  });
  const epochs = opts.epochs ?? DEFAULTS.epochs;
  const patience = opts.patience ?? DEFAULTS.patience;
  const p = opts.initial !== undefined ? Float64Array.from(opts.initial) : initialParameters(opts.shape, rand);
  const adam = new Adam(p.length, opts.learningRate ?? DEFAULTS.learningRate);
  const grad = new Float64Array(p.length);
  const steps = plans.reduce((n, pl) => n + Math.ceil(pl.trainIds.length / pl.batchSize), 0);
  const devLoss = (): number => plans.reduce((sum, pl) => sum + meanLoss(pl.devSet, pl.o, p, pl.devIds, pl.batchSize) / pl.ref, 0);
  if (plans.length > 1) for (const pl of plans) pl.ref = meanLoss(pl.devSet, pl.o, p, pl.devIds, pl.batchSize) || 1;
  const trainLoss: number[] = [];
  const devLosses: number[] = [devLoss()];
  let best = { loss: devLosses[0]!, epoch: 0, p: Float64Array.from(p) };
  let epoch = 0;
  for (epoch = 1; epoch <= epochs; epoch++) {
    const order: [number, number][] = [];
    plans.forEach((pl, k) => {
      shuffle(pl.trainIds, rand);
      for (let s = 0; s * pl.batchSize < pl.trainIds.length; s++) order.push([k, s]);
    });
    if (plans.length > 1) shuffle(order, rand);
    let sum = 0;
    order.forEach(([k, s], step) => {
      const pl = plans[k]!;
      const b = pl.trainIds.slice(s * pl.batchSize, (s + 1) * pl.batchSize);
      if (b.length < 2) return;
      grad.fill(0);
      const t = epochs > 1 ? (epoch - 1 + step / steps) / (epochs - 1) : 1;
      sum += batchLoss(pl.task.examples, pl.o, p, b, t, grad) / pl.ref;
      adam.step(p, grad);
      opts.onProgress?.({ epoch, step: step + 1, steps, loss: sum / (step + 1) });
    });
    trainLoss.push(sum / steps);
    const d = devLoss();
    devLosses.push(d);
    opts.onProgress?.({ epoch, step: steps, steps, loss: sum / steps, devLoss: d });
    if (d < best.loss) best = { loss: d, epoch, p: Float64Array.from(p) };
    else if (epoch - best.epoch >= patience) break;
  }
  return {
    shape: opts.shape,
    parameters: best.p,
    epochs: Math.min(epoch, epochs),
    bestEpoch: best.epoch,
    trainLoss,
    devLoss: devLosses,
    examples: plans.reduce((n, pl) => n + pl.trainIds.length, 0),
    devExamples: plans.reduce((n, pl) => n + pl.devIds.length, 0),
    seconds: (performance.now() - started) / 1000,
  };
}
