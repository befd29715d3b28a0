/**
 * Trained adapter parameters (train/adapters, float64) ↔ the transforms that apply them at encode time
 * (float32): `linear` → `linear-map` (method `trained`, W = I + D, bias b), `low-rank` →
 * `low-rank-adapter`, `mlp` → `mlp-adapter`.
 */
import { LinearMap } from '../../embedders/transforms/linear-map.js';
import { LowRankAdapter } from '../../embedders/transforms/low-rank-adapter.js';
import { MlpAdapter } from '../../embedders/transforms/mlp-adapter.js';
import type { VectorTransform } from '../../embedders/transforms/vector-transform.js';
import { EmbedkitError } from '../../errors.js';
import { blocks, parameterCount, type AdapterShape } from '../../train/adapters/adapter-net.js';

export function adapterTransform(shape: AdapterShape, p: Float64Array): VectorTransform {
  const b = blocks(shape, p);
  const d = shape.dim;
  const f32 = (name: string): Float32Array => Float32Array.from(b[name]!);
  if (shape.kind === 'linear') {
    const w = f32('d');
    for (let i = 0; i < d; i++) w[i * d + i]! += 1;
    return new LinearMap({ method: 'trained', w, inputDim: d, outputDim: d, bias: f32('b') });
  }
  if (shape.kind === 'low-rank') return new LowRankAdapter(d, shape.width, f32('a'), f32('b'));
  return new MlpAdapter(d, shape.width, f32('w1'), f32('b1'), f32('w2'), f32('b2'));
}

/** The shape and parameters of an adapter transform (to continue training it, or to merge it). */
export function adapterParameters(t: VectorTransform): { shape: AdapterShape; parameters: Float64Array } {
  if (t instanceof LowRankAdapter) {
    const shape: AdapterShape = { kind: 'low-rank', dim: t.dim, width: t.rank };
    const p = new Float64Array(parameterCount(shape));
    p.set(t.a);
    p.set(t.b, t.a.length);
    return { shape, parameters: p };
  }
  if (t instanceof MlpAdapter) {
    const shape: AdapterShape = { kind: 'mlp', dim: t.dim, width: t.hidden };
    const p = new Float64Array(parameterCount(shape));
    let off = 0;
    for (const a of [t.w1, t.b1, t.w2, t.b2]) {
      p.set(a, off);
      off += a.length;
    }
    return { shape, parameters: p };
  }
  if (t instanceof LinearMap && t.inputDim === t.outputDim && t.steps.length === 0) {
    const d = t.inputDim;
    const shape: AdapterShape = { kind: 'linear', dim: d, width: 0 };
    const p = new Float64Array(parameterCount(shape));
    p.set(t.w);
    for (let i = 0; i < d; i++) p[i * d + i]! -= 1;
    if (t.bias !== undefined) p.set(t.bias, d * d);
    return { shape, parameters: p };
  }
  throw new EmbedkitError('UNSUPPORTED', `a ${t.kind} transform as an adapter`, { expected: 'a linear-map (square, no preprocessing), low-rank-adapter or mlp-adapter', received: t.kind, where: 'adapter' });
}

/**
 * A linear adapter's residual (D, b) as one flat vector: the task vector merging interpolates. A low-rank
 * adapter's is A·B (no bias); an MLP is not linear and has none.
 */
export function taskVector(t: VectorTransform): { dim: number; delta: Float64Array } {
  const { shape, parameters } = adapterParameters(t);
  const d = shape.dim;
  if (shape.kind === 'linear') return { dim: d, delta: parameters };
  if (shape.kind === 'low-rank') {
    const b = blocks(shape, parameters);
    const out = new Float64Array(d * d + d);
    const r = shape.width;
    for (let i = 0; i < d; i++) for (let k = 0; k < r; k++) {
      const a = b['a']![i * r + k]!;
      for (let j = 0; j < d; j++) out[i * d + j]! += a * b['b']![k * d + j]!;
    }
    return { dim: d, delta: out };
  }
  throw new EmbedkitError('UNSUPPORTED', 'merging an mlp adapter', { expected: 'linear or low-rank adapters (weight interpolation needs linear maps)', received: 'mlp-adapter', where: 'adapters' });
}
