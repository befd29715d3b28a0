/**
 * Dynamic int8 quantization of an ONNX graph's MatMul weights — what onnxruntime's quantizer emits in
 * QOperator/IntegerOps mode (the `MatMulInteger` path) for sentence-transformers'
 * `export_dynamic_quantized_onnx_model(model, "avx512_vnni" | "avx2" | "arm64")`, i.e. optimum's
 * `AutoQuantizationConfig.<arch>(is_static=False)` defaults: symmetric int8 weights **per output channel**
 * (per column of the `in × out` weight), uint8 activations quantized at run time, no reduced range:
 *
 *   X ─ DynamicQuantizeLinear ─┬ X_quantized (uint8) ─┐
 *                              ├ X_scale ──────────────┼─ Mul(X_scale, W_scale[out]) ─┐
 *                              └ X_zero_point ─────────┤                               │
 *   W_quantized (int8), W_zero_point[out] = 0 ─────────┴─ MatMulInteger ─ Cast(float) ─ Mul ─ Y
 *
 * Only MatMuls whose second input is a float initializer (a weight) are quantized (onnxruntime's
 * `MatMulConstBOnly`, its default for dynamic mode); one DynamicQuantizeLinear serves every MatMul that
 * reads the same activation (Q, K and V share theirs). Per column: scale = max|W| / 127 (float32),
 * values round(W / scale) to nearest even, clipped to ±127. `perChannel: false` gives one scale per tensor
 * (onnxruntime's `quantize_dynamic` default). ONNX Runtime fuses the pattern into `DynamicQuantizeMatMul`
 * when it loads the model.
 */
import type { Initializer, OnnxGraph, OnnxNode } from './onnx-graph.js';

export interface QuantizedWeight {
  readonly values: Int8Array;
  /** One scale per column (`cols` of them), or a single one for per-tensor quantization. */
  readonly scales: Float32Array;
}

function symmetricScale(absMax: number): number {
  const scale = Math.fround(Math.fround(2 * absMax) / 254);
  return scale >= 1.1754943508222875e-38 ? scale : 1; // below float32 tiny (an all-zero weight): 1
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r; // Math.round rounds .5 up; numpy rounds half to even
}

/**
 * Symmetric int8 quantization of a row-major `rows × cols` weight, per column (default) or per tensor;
 * scale and division in float32, as numpy computes them.
 */
export function quantizeWeightInt8(w: Float32Array, cols: number, perChannel = true): QuantizedWeight {
  const rows = w.length / cols;
  const absMax = new Float64Array(perChannel ? cols : 1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = perChannel ? c : 0;
      const v = Math.abs(w[r * cols + c]!);
      if (v > absMax[k]!) absMax[k] = v;
    }
  }
  const scales = Float32Array.from(absMax, symmetricScale);
  const values = new Int8Array(w.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      values[i] = Math.max(-127, Math.min(127, roundHalfEven(Math.fround(w[i]! / scales[perChannel ? c : 0]!))));
    }
  }
  return { values, scales };
}

export interface QuantizeOptions {
  /** One scale per output column (default, sentence-transformers' export) or one per tensor. */
  readonly perChannel?: boolean;
}

export interface QuantizeResult {
  readonly graph: OnnxGraph;
  /** Number of MatMuls quantized. */
  readonly quantized: number;
}

/** Returns a new graph with every weight MatMul replaced by its dynamic int8 form. */
export function quantizeDynamicInt8(graph: OnnxGraph, opts: QuantizeOptions = {}): QuantizeResult {
  const perChannel = opts.perChannel ?? true;
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
    const cols = weight.dims[1]!;
    const { values, scales } = quantizeWeightInt8(weight.data as Float32Array, cols, perChannel);
    const wq = `${weight.name}_quantized`;
    const ws = `${weight.name}_scale`;
    const wz = `${weight.name}_zero_point`;
    added.push({ name: wq, dataType: 'int8', dims: weight.dims, data: values });
    added.push({ name: ws, dataType: 'float', dims: perChannel ? [cols] : [], data: scales });
    added.push({ name: wz, dataType: 'int8', dims: perChannel ? [cols] : [], data: new Int8Array(perChannel ? cols : 1) });
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
