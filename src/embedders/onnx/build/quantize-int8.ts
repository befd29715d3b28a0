/**
 * Dynamic int8 quantization of an ONNX graph's MatMul weights — what onnxruntime's
 * `quantize_dynamic(model, weight_type=QInt8)` emits (QOperator format, the `MatMulInteger` path) and what
 * sentence-transformers' `export_dynamic_quantized_onnx_model` asks it for (per-tensor, symmetric int8
 * weights, uint8 activations quantized at run time, no reduced range):
 *
 *   X ─ DynamicQuantizeLinear ─┬ X_quantized (uint8) ─┐
 *                              ├ X_scale ──────────────┼─ Mul(X_scale, W_scale) ─┐
 *                              └ X_zero_point ─────────┤                          │
 *   W_quantized (int8), W_zero_point = 0 ──────────────┴─ MatMulInteger ─ Cast(float) ─ Mul ─ Y
 *
 * Only MatMuls whose second input is a float initializer (a weight) are quantized (onnxruntime's
 * `MatMulConstBOnly`, its default for dynamic mode); one DynamicQuantizeLinear serves every MatMul that
 * reads the same activation (Q, K and V share theirs). Weight scale = max|W| / 127 (float32), values
 * round(W / scale) to nearest even, clipped to ±127. ONNX Runtime fuses the pattern into
 * `DynamicQuantizeMatMul` when it loads the model.
 */
import type { Initializer, OnnxGraph, OnnxNode } from './onnx-graph.js';

export interface QuantizedWeight {
  readonly values: Int8Array;
  readonly scale: number;
}

/** Symmetric per-tensor int8 quantization of a weight (scale and rounding in float32, as numpy does). */
export function quantizeWeightInt8(w: Float32Array): QuantizedWeight {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < w.length; i++) {
    const v = w[i]!;
    if (v < lo) lo = v;
    else if (v > hi) hi = v;
  }
  const absMax = Math.max(-lo, hi);
  let scale = Math.fround(Math.fround(2 * absMax) / 254);
  if (!(scale >= 1.1754943508222875e-38)) scale = 1; // float32 tiny: an all-zero weight
  const values = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const x = Math.fround(w[i]! / scale);
    let r = Math.round(x);
    if (r - x === 0.5 && r % 2 !== 0) r -= 1; // Math.round rounds .5 up; numpy rounds half to even
    values[i] = Math.max(-127, Math.min(127, r));
  }
  return { values, scale };
}

export interface QuantizeResult {
  readonly graph: OnnxGraph;
  /** Number of MatMuls quantized. */
  readonly quantized: number;
}

/** Returns a new graph with every weight MatMul replaced by its dynamic int8 form. */
export function quantizeDynamicInt8(graph: OnnxGraph): QuantizeResult {
  const inits = new Map(graph.initializers.map((t) => [t.name, t]));
  const used = new Set<string>();
  const added: Initializer[] = [];
  const nodes: OnnxNode[] = [];
  const activations = new Map<string, { q: string; scale: string; zeroPoint: string }>();
  let quantized = 0;
  const node = (op: string, name: string, inputs: string[], outputs: string[], attrs: OnnxNode['attrs'] = {}): void => {
    nodes.push({ op, name, inputs, outputs, domain: '', attrs });
  };
  for (const n of graph.nodes) {
    const weight = n.op === 'MatMul' && n.domain === '' ? inits.get(n.inputs[1] ?? '') : undefined;
    if (weight === undefined || weight.dataType !== 'float' || weight.dims.length !== 2) {
      nodes.push(n);
      continue;
    }
    const x = n.inputs[0]!;
    let act = activations.get(x);
    if (act === undefined) {
      act = { q: `${x}_quantized`, scale: `${x}_scale`, zeroPoint: `${x}_zero_point` };
      node('DynamicQuantizeLinear', `${x}_QuantizeLinear`, [x], [act.q, act.scale, act.zeroPoint]);
      activations.set(x, act);
    }
    const { values, scale } = quantizeWeightInt8(weight.data as Float32Array);
    const wq = `${weight.name}_quantized`;
    const ws = `${weight.name}_scale`;
    const wz = `${weight.name}_zero_point`;
    added.push({ name: wq, dataType: 'int8', dims: weight.dims, data: values });
    added.push({ name: ws, dataType: 'float', dims: [], data: Float32Array.of(scale) });
    added.push({ name: wz, dataType: 'int8', dims: [], data: Int8Array.of(0) });
    used.add(weight.name);
    const y = n.outputs[0]!;
    node('MatMulInteger', `${n.name}_quant`, [act.q, wq, act.zeroPoint, wz], [`${y}_output_quantized`]);
    node('Cast', `${y}_output_quantized_cast`, [`${y}_output_quantized`], [`${y}_output_quantized_cast_output`], { to: { i: 1 /* FLOAT */ } });
    node('Mul', `${n.name}_quant_scales_mul`, [act.scale, ws], [`${n.name}_quant_scales_mul:0`]);
    node('Mul', `${n.name}_quant_output_scale_mul`, [`${y}_output_quantized_cast_output`, `${n.name}_quant_scales_mul:0`], [y]);
    quantized++;
  }
  // Keep a float weight only if something besides the quantized MatMuls still reads it.
  const stillRead = new Set(nodes.flatMap((m) => m.inputs));
  const initializers = [...graph.initializers.filter((t) => !used.has(t.name) || stillRead.has(t.name)), ...added];
  return { graph: { ...graph, nodes, initializers }, quantized };
}
