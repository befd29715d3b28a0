/**
 * `adaptEmbedder`: trains an adapter for a frozen embedder. The training texts are embedded once (each
 * distinct text once; the encoder does not change), hard negatives are mined over a BEIR corpus, and the
 * adapter is trained on those vectors (train/adapters); the result is a vector transform to save as an
 * adapter folder (`saveAdapterFolder`) and use as `BASE+ADAPTER_DIR`.
 */
import type { Embedder } from '../../embedders/embedder.js';
import type { VectorTransform } from '../../embedders/transforms/vector-transform.js';
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import type { OptionValues } from '../../options/option-spec.js';
import { validateOptions, withDefaults } from '../../options/validate.js';
import type { AdapterKind } from '../../train/adapters/adapter-net.js';
import type { LossName } from '../../train/adapters/losses.js';
import { trainAdapter, type AdapterExamples, type AdapterProgress, type AdapterTrainResult } from '../../train/adapters/train-adapter.js';
import { ADAPT_OPTIONS } from './adapt-options.js';
import type { TextExamples } from './adapter-data.js';
import { adapterTransform } from './adapter-transform.js';
import { mineHardNegatives } from './mine-negatives.js';

export type AdaptProgress = { readonly phase: 'embed'; readonly done: number; readonly total: number } | ({ readonly phase: 'train' } & AdapterProgress);

export interface AdaptOptions extends Omit<OptionValues<typeof ADAPT_OPTIONS>, 'teacher' | 'dev' | 'split' | 'queries' | 'devQueries'> {
  /** distill: the teacher embedder. */
  readonly teacher?: Embedder;
  /** Dev examples for early stopping (else a `devFraction` of the training examples). */
  readonly dev?: TextExamples;
  readonly onProgress?: (p: AdaptProgress) => void;
}

export interface AdaptResult {
  readonly transform: VectorTransform;
  readonly training: AdapterTrainResult;
  readonly loss: LossName;
  /** Hard negatives per example actually used. */
  readonly hardNegatives: number;
}

/** Embeds each distinct text once; returns row gatherers per list. */
export class TextVectors {
  private readonly rows = new Map<string, number>();
  private readonly texts: string[] = [];
  private matrix: Matrix | undefined;

  add(texts: readonly string[]): void {
    for (const t of texts) if (!this.rows.has(t)) this.rows.set(t, this.texts.push(t) - 1);
  }

  async embed(e: Embedder, onProgress?: (done: number, total: number) => void): Promise<void> {
    this.matrix = await e.embed(this.texts, onProgress !== undefined ? { onProgress } : {});
  }

  /** The vectors of `texts` (all added before `embed`), one row each. */
  gather(texts: readonly string[]): Matrix {
    const m = this.matrix;
    if (m === undefined) throw new RangeError('TextVectors.gather before embed');
    const out = new Float32Array(texts.length * m.dim);
    texts.forEach((t, i) => out.set(m.data.subarray(this.rows.get(t)! * m.dim, (this.rows.get(t)! + 1) * m.dim), i * m.dim));
    return { data: out, rows: texts.length, dim: m.dim };
  }
}

async function vectors(e: Embedder, lists: readonly (readonly string[])[], onProgress?: (p: AdaptProgress) => void): Promise<TextVectors> {
  const tv = new TextVectors();
  for (const l of lists) tv.add(l);
  await tv.embed(e, onProgress !== undefined ? (done, total) => onProgress({ phase: 'embed', done, total }) : undefined);
  return tv;
}

/** The training vectors of `data` for `base` (and `teacher`), hard negatives mined when asked. */
export async function embedExamples(base: Embedder, data: TextExamples, loss: LossName, hardNegatives: number, teacher?: Embedder, onProgress?: (p: AdaptProgress) => void): Promise<AdapterExamples> {
  const corpus = data.retrieval?.corpus ?? [];
  const tv = await vectors(base, [data.anchors, data.positives, data.negatives ?? [], loss === 'mnrl' && hardNegatives > 0 ? corpus : []], onProgress);
  const anchors = tv.gather(data.anchors);
  const positives = tv.gather(data.positives);
  let negatives: AdapterExamples['negatives'];
  if (data.negatives !== undefined) {
    negatives = { matrix: tv.gather(data.negatives), ranked: data.negatives.map((_, i) => Int32Array.of(i)) };
  } else if (data.retrieval !== undefined && loss === 'mnrl' && hardNegatives > 0) {
    const c = tv.gather(corpus);
    // The PEG window slides over 4× as many candidates as are used per example.
    const pool = Math.min(c.rows - 1, hardNegatives * 4);
    negatives = { matrix: c, ranked: mineHardNegatives(anchors, c, data.retrieval.relevant, pool) };
  }
  let teacherVectors: AdapterExamples['teacher'];
  if (teacher !== undefined) {
    const tt = await vectors(teacher, [data.anchors, data.positives], onProgress);
    teacherVectors = { anchors: tt.gather(data.anchors), positives: tt.gather(data.positives) };
  }
  return {
    anchors,
    positives,
    ...(data.scores !== undefined ? { scores: data.scores } : {}),
    ...(negatives !== undefined ? { negatives } : {}),
    ...(data.retrieval !== undefined ? { relevance: { positiveRows: data.retrieval.positiveRows, relevant: data.retrieval.relevant } } : {}),
    ...(teacherVectors !== undefined ? { teacher: teacherVectors } : {}),
  };
}

/** The loss for `data` when none is named: cosent for graded pairs, mnrl otherwise. */
export function defaultLoss(data: TextExamples, teacher: boolean): LossName {
  return teacher ? 'distill' : data.scores !== undefined ? 'cosent' : 'mnrl';
}

export async function adaptEmbedder(base: Embedder, data: TextExamples, opts: AdaptOptions = {}): Promise<AdaptResult> {
  const { teacher, dev, onProgress, ...raw } = opts;
  const o = withDefaults(ADAPT_OPTIONS, validateOptions(ADAPT_OPTIONS, raw));
  const loss = o.loss ?? defaultLoss(data, teacher !== undefined);
  if (loss === 'distill' && teacher === undefined) throw new EmbedkitError('BAD_OPTION', 'loss distill', { expected: 'a `teacher` model', received: 'none', where: 'teacher' });
  if (loss === 'cosent' && data.scores === undefined) throw new EmbedkitError('BAD_OPTION', 'loss cosent', { expected: 'graded pairs (a score per pair)', received: `${data.format} data`, where: 'loss' });
  const hard = loss !== 'mnrl' ? 0 : data.negatives !== undefined ? Math.max(1, o.hardNegatives ?? 0) : (o.hardNegatives ?? 0);
  if (hard > 0 && data.negatives === undefined && data.retrieval === undefined) {
    throw new EmbedkitError('BAD_OPTION', 'hardNegatives', { expected: 'a BEIR folder (a corpus to mine) or triplets', received: `${data.format} data`, where: 'hardNegatives' });
  }
  const dims = (o.matryoshka ?? []).map((d) => {
    const n = Number(d);
    if (!Number.isInteger(n) || n < 1 || n > base.dim) throw new EmbedkitError('BAD_OPTION', 'matryoshka', { expected: `dims from 1 to ${base.dim}`, received: d, where: 'matryoshka' });
    return n;
  });
  const examples = await embedExamples(base, data, loss, hard, teacher, onProgress);
  const devExamples = dev !== undefined ? await embedExamples(base, dev, loss, hard, teacher, onProgress) : undefined;
  const kind = (o.adapter ?? 'linear') as AdapterKind;
  const training = trainAdapter(
    examples,
    {
      loss,
      shape: { kind, dim: base.dim, width: kind === 'linear' ? 0 : Math.min(o.rank ?? 32, kind === 'low-rank' ? base.dim : 4096) },
      matryoshka: dims,
      hardNegatives: hard,
      ...(o.scale !== undefined ? { scale: o.scale } : {}),
      ...(o.epochs !== undefined ? { epochs: o.epochs } : {}),
      ...(o.trainBatchSize !== undefined ? { batchSize: o.trainBatchSize } : {}),
      ...(o.learningRate !== undefined ? { learningRate: o.learningRate } : {}),
      ...(o.devFraction !== undefined ? { devFraction: o.devFraction } : {}),
      ...(o.patience !== undefined ? { patience: o.patience } : {}),
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(onProgress !== undefined ? { onProgress: (p: AdapterProgress) => onProgress({ phase: 'train', ...p }) } : {}),
    },
    devExamples,
  );
  return { transform: adapterTransform(training.shape, training.parameters), training, loss, hardNegatives: hard };
}
