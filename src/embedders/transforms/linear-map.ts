/**
 * A fitted linear map between two spaces as a vector transform (kind `linear-map`): replay the source
 * preprocessing (`center` / `unit` steps with their fitted means), then y = x W (+ b). Produced by
 * analysis/alignment: `alignVectors` (orthogonal, Procrustes) and `fitLinearMap` (least squares); saved and loaded with
 * `saveTransforms` / `loadTransforms`, applied to any embedder's output by `TransformedEmbedder`.
 */
import { EmbedkitError, FormatError } from '../../errors.js';
import { multiplyRows } from '../../math/matmul.js';
import type { Matrix } from '../../math/matrix.js';
import { checkSteps, preprocess, type PreprocessStep } from './preprocess.js';
import type { TransformSpec, VectorTransform } from './vector-transform.js';

export type LinearMapMethod = 'orthogonal' | 'least-squares';

export interface LinearMapParts {
  readonly method: LinearMapMethod;
  /** `inputDim × outputDim`, row-major. */
  readonly w: Float32Array;
  readonly inputDim: number;
  readonly outputDim: number;
  readonly preprocess?: readonly PreprocessStep[];
  /** One mean (length inputDim) per `center` step. */
  readonly means?: readonly Float32Array[];
  readonly bias?: Float32Array;
}

export class LinearMap implements VectorTransform {
  readonly kind = 'linear-map';
  readonly method: LinearMapMethod;
  readonly inputDim: number;
  readonly outputDim: number;
  readonly w: Float32Array;
  readonly steps: readonly PreprocessStep[];
  readonly means: readonly Float32Array[];
  readonly bias: Float32Array | undefined;

  constructor(parts: LinearMapParts) {
    this.method = parts.method;
    this.inputDim = parts.inputDim;
    this.outputDim = parts.outputDim;
    this.w = parts.w;
    this.steps = parts.preprocess ?? [];
    this.means = parts.means ?? [];
    this.bias = parts.bias;
    if (this.w.length !== this.inputDim * this.outputDim) {
      throw new EmbedkitError('DIM_MISMATCH', 'linear map weights', { expected: `${this.inputDim} × ${this.outputDim}`, received: `${this.w.length} values`, where: 'w' });
    }
    const centers = this.steps.filter((s) => s === 'center').length;
    if (this.means.length !== centers || this.means.some((m) => m.length !== this.inputDim)) {
      throw new EmbedkitError('DIM_MISMATCH', 'linear map means', { expected: `${centers} mean(s) of ${this.inputDim} values`, received: `${this.means.length}`, where: 'means' });
    }
    if (this.bias !== undefined && this.bias.length !== this.outputDim) {
      throw new EmbedkitError('DIM_MISMATCH', 'linear map bias', { expected: `${this.outputDim} values`, received: `${this.bias.length}`, where: 'bias' });
    }
  }

  apply(m: Matrix): Matrix {
    if (m.dim !== this.inputDim) throw new EmbedkitError('DIM_MISMATCH', 'linear map input', { expected: `${this.inputDim} dims`, received: `${m.dim} dims`, where: 'input' });
    const x = this.steps.length > 0 ? preprocess(m, this.steps, this.means).matrix : m;
    const out = multiplyRows(x, this.w, this.outputDim);
    const b = this.bias;
    if (b !== undefined) for (let r = 0; r < out.rows; r++) for (let j = 0; j < this.outputDim; j++) out.data[r * this.outputDim + j]! += b[j]!;
    return out;
  }

  toSpec(): TransformSpec {
    const arrays: Record<string, Float32Array> = { w: this.w };
    this.means.forEach((m, i) => (arrays[`mean${i}`] = m));
    if (this.bias !== undefined) arrays['bias'] = this.bias;
    return { kind: this.kind, version: 1, inputDim: this.inputDim, outputDim: this.outputDim, params: { method: this.method, preprocess: [...this.steps] }, arrays };
  }
}

export function linearMapFromSpec(spec: TransformSpec, where: string): LinearMap {
  const method = spec.params['method'];
  if (method !== 'orthogonal' && method !== 'least-squares') throw new FormatError(where, 'params.method', { expected: "'orthogonal' or 'least-squares'", received: JSON.stringify(method) });
  const steps = spec.params['preprocess'] ?? [];
  if (!Array.isArray(steps)) throw new FormatError(where, 'params.preprocess', { expected: 'an array of steps', received: typeof steps });
  let preprocessSteps: PreprocessStep[];
  try {
    preprocessSteps = checkSteps(steps, 'params.preprocess');
  } catch (e) {
    throw new FormatError(where, 'params.preprocess', { expected: "steps 'center' or 'unit'", received: JSON.stringify(steps), cause: e });
  }
  const w = spec.arrays['w'];
  if (w === undefined) throw new FormatError(where, 'arrays.w', { expected: 'the weight matrix', received: 'nothing' });
  const means: Float32Array[] = [];
  for (let i = 0; spec.arrays[`mean${i}`] !== undefined; i++) means.push(spec.arrays[`mean${i}`]!);
  const bias = spec.arrays['bias'];
  try {
    return new LinearMap({ method, w, inputDim: spec.inputDim, outputDim: spec.outputDim, preprocess: preprocessSteps, means, ...(bias !== undefined ? { bias } : {}) });
  } catch (e) {
    if (e instanceof EmbedkitError) throw new FormatError(where, `linear-map ${e.where ?? 'arrays'}`, { expected: e.expected ?? 'consistent sizes', received: e.received ?? e.message });
    throw e;
  }
}

