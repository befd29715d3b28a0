/**
 * Self Positioning (model merging by learning interpolation coefficients): the merged adapter is
 * θ(λ) = Σ_k λ_k τ_k over the task vectors τ_k of linear adapters (their residuals D, b: zero is the
 * frozen model), and λ is learned by gradient descent (Adam) on small dev sets of the tasks, each task's
 * loss divided by its value at the plain average so the tasks weigh alike. dL/dλ_k = ⟨dL/dθ, τ_k⟩, with
 * dL/dθ from the linear adapter's hand-written backward pass.
 */
import { Adam } from './adam.js';
import type { AdapterShape } from './adapter-net.js';
import { meanLoss, type AdapterTask } from './train-adapter.js';

export interface MergeCoefficientOptions {
  readonly steps?: number;
  readonly learningRate?: number;
  /** Starting coefficients (default 1/K each: the plain average). */
  readonly initial?: readonly number[];
  readonly batchSize?: number;
  readonly onProgress?: (step: number, steps: number, loss: number) => void;
}

export interface MergeCoefficients {
  readonly coefficients: number[];
  /** The normalized dev loss before the first step and after each step. */
  readonly loss: number[];
}

export function combine(taskVectors: readonly Float64Array[], lambda: readonly number[]): Float64Array {
  const out = new Float64Array(taskVectors[0]!.length);
  taskVectors.forEach((t, k) => {
    const l = lambda[k]!;
    for (let i = 0; i < out.length; i++) out[i]! += l * t[i]!;
  });
  return out;
}

export function learnMergeCoefficients(taskVectors: readonly Float64Array[], dim: number, tasks: readonly AdapterTask[], opts: MergeCoefficientOptions = {}): MergeCoefficients {
  const shape: AdapterShape = { kind: 'linear', dim, width: 0 };
  const k = taskVectors.length;
  const lambda = Float64Array.from(opts.initial ?? Array.from({ length: k }, () => 1 / k));
  const batchSize = opts.batchSize ?? 64;
  const ids = tasks.map((t) => Array.from({ length: t.examples.anchors.rows }, (_, i) => i));
  const optsOf = (t: AdapterTask) => ({ loss: t.loss, shape, ...(t.scale !== undefined ? { scale: t.scale } : {}), matryoshka: t.matryoshka ?? [], hardNegatives: t.hardNegatives ?? 0 });
  const p0 = combine(taskVectors, Array.from(lambda));
  const ref = tasks.map((t, i) => meanLoss(t.examples, optsOf(t), p0, ids[i]!, batchSize) || 1);
  const evaluate = (grad?: Float64Array): number => {
    const p = combine(taskVectors, Array.from(lambda));
    let total = 0;
    tasks.forEach((t, i) => {
      const g = grad !== undefined ? new Float64Array(p.length) : undefined;
      total += meanLoss(t.examples, optsOf(t), p, ids[i]!, batchSize, g) / ref[i]!;
      if (grad !== undefined && g !== undefined) for (let j = 0; j < p.length; j++) grad[j]! += g[j]! / ref[i]!;
    });
    return total;
  };
  const adam = new Adam(k, opts.learningRate ?? 0.05);
  const steps = opts.steps ?? 30;
  const history: number[] = [];
  for (let s = 0; s < steps; s++) {
    const grad = new Float64Array(taskVectors[0]!.length);
    history.push(evaluate(grad));
    const dl = Float64Array.from(taskVectors, (t) => {
      let d = 0;
      for (let i = 0; i < t.length; i++) d += grad[i]! * t[i]!;
      return d;
    });
    adam.step(lambda, dl);
    opts.onProgress?.(s + 1, steps, history[history.length - 1]!);
  }
  history.push(evaluate());
  return { coefficients: Array.from(lambda), loss: history };
}
