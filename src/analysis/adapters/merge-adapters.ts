/**
 * Merging: adapters of one base embedder (or word-vector models with the same vocabulary) combined by
 * weight interpolation, θ = Σ λ_k θ_k over task vectors (an adapter's residual; a static model's
 * vectors), with fixed coefficients or, for adapters, coefficients learned on dev data (Self Positioning,
 * train/adapters/merge-coefficients.ts).
 */
import type { Embedder } from '../../embedders/embedder.js';
import type { VectorTransform } from '../../embedders/transforms/vector-transform.js';
import { EmbedkitError } from '../../errors.js';
import type { AdapterTask } from '../../train/adapters/train-adapter.js';
import type { LossName } from '../../train/adapters/losses.js';
import { combine, learnMergeCoefficients, type MergeCoefficientOptions } from '../../train/adapters/merge-coefficients.js';
import { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { defaultLoss, embedExamples } from './adapt.js';
import type { TextExamples } from './adapter-data.js';
import { adapterTransform, taskVector } from './adapter-transform.js';

function checkCoefficients(n: number, coefficients: readonly number[] | undefined): number[] {
  const c = coefficients !== undefined ? [...coefficients] : Array.from({ length: n }, () => 1 / n);
  if (c.length !== n || c.some((x) => !Number.isFinite(x))) {
    throw new EmbedkitError('BAD_OPTION', 'weights', { expected: `${n} finite numbers (one per model)`, received: c.join(','), where: 'weights' });
  }
  return c;
}

function taskVectors(adapters: readonly VectorTransform[]): { dim: number; vectors: Float64Array[] } {
  if (adapters.length < 2) throw new EmbedkitError('BAD_OPTION', 'adapters', { expected: 'at least 2 adapters to merge', received: String(adapters.length), where: 'adapters' });
  const tv = adapters.map(taskVector);
  const dim = tv[0]!.dim;
  if (tv.some((t) => t.dim !== dim)) throw new EmbedkitError('DIM_MISMATCH', 'adapters to merge', { expected: `all ${dim} dims`, received: tv.map((t) => t.dim).join(', '), where: 'adapters' });
  return { dim, vectors: tv.map((t) => t.delta) };
}

/** Σ λ_k τ_k as one linear adapter (`linear-map`, method `trained`); default λ = 1/K (the average). */
export function interpolateAdapters(adapters: readonly VectorTransform[], coefficients?: readonly number[]): VectorTransform {
  const { dim, vectors } = taskVectors(adapters);
  return adapterTransform({ kind: 'linear', dim, width: 0 }, combine(vectors, checkCoefficients(adapters.length, coefficients)));
}

export interface DevTask {
  readonly data: TextExamples;
  readonly loss?: LossName;
  readonly hardNegatives?: number;
}

export interface SelfPositioningResult {
  readonly transform: VectorTransform;
  readonly coefficients: number[];
  readonly loss: number[];
}

/** Self Positioning: learns the coefficients of `adapters` on the dev tasks (embedded with `base`). */
export async function selfPositioning(base: Embedder, adapters: readonly VectorTransform[], dev: readonly DevTask[], opts: MergeCoefficientOptions = {}): Promise<SelfPositioningResult> {
  const { dim, vectors } = taskVectors(adapters);
  if (dim !== base.dim) throw new EmbedkitError('DIM_MISMATCH', 'adapters to merge', { expected: `${base.dim} dims (the base model)`, received: `${dim}`, where: 'adapters' });
  const tasks: AdapterTask[] = [];
  for (const d of dev) {
    const loss = d.loss ?? defaultLoss(d.data, false);
    const hard = d.hardNegatives ?? 0;
    tasks.push({ examples: await embedExamples(base, d.data, loss, hard), loss, hardNegatives: hard });
  }
  const r = learnMergeCoefficients(vectors, dim, tasks, { ...opts, ...(opts.initial !== undefined ? { initial: checkCoefficients(adapters.length, opts.initial) } : {}) });
  return { transform: adapterTransform({ kind: 'linear', dim, width: 0 }, combine(vectors, r.coefficients)), coefficients: r.coefficients, loss: r.loss };
}

/** Σ λ_k V_k over word-vector models with the same words in the same order (default λ = 1/K). */
export function interpolateVectors(models: readonly KeyedVectors[], coefficients?: readonly number[]): KeyedVectors {
  const first = models[0];
  if (first === undefined || models.length < 2) throw new EmbedkitError('BAD_OPTION', 'models', { expected: 'at least 2 models to merge', received: String(models.length), where: 'models' });
  const c = checkCoefficients(models.length, coefficients);
  for (const [i, m] of models.entries()) {
    if (m.dim !== first.dim || m.size !== first.size || m.keys.some((k, j) => k !== first.keys[j])) {
      throw new EmbedkitError('BAD_OPTION', `model ${i + 1} to merge`, { expected: `the vocabulary of model 1 (${first.size} words, ${first.dim} dims, same order)`, received: `${m.size} words, ${m.dim} dims${m.size === first.size ? ', another word order' : ''}`, where: 'models' });
    }
  }
  const out = new Float32Array(first.vectors.length);
  models.forEach((m, k) => {
    for (let i = 0; i < out.length; i++) out[i]! += c[k]! * m.vectors[i]!;
  });
  return new KeyedVectors(first.keys, out, first.dim);
}
