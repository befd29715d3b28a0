/**
 * The ONNX graph of a BERT encoder, from its config and weights — the same computation as Hugging Face's
 * `BertModel` in eval mode (`last_hidden_state`, no pooler):
 *
 *   embeddings  = LayerNorm(word[input_ids] + position[0..seq) + token_type[token_type_ids])
 *   per layer   = h1 = LayerNorm(h + Wo·Attention(h)),  h2 = LayerNorm(h1 + W2·act(W1·h1))
 *   attention   = softmax(Q·Kᵀ/√d + (1 − mask)·float32.min) · V per head
 *
 * Inputs `input_ids`, `attention_mask`, `token_type_ids` (int64, batch × sequence), output
 * `last_hidden_state` (float, batch × sequence × hidden). Opset 17 (LayerNormalization); GELU is written as
 * the erf formula. `layers` emits only the first N layers (elastic depth).
 *
 * `contrib` swaps in ONNX Runtime's CPU contrib ops (domain com.microsoft) for the same math: fused
 * `Attention` (Q, K, V in one weight, raw 0/1 mask), `SkipLayerNormalization` (residual + bias + LayerNorm)
 * and `BiasGelu` (exact erf GELU; `FastGelu` only for models whose activation is the tanh approximation, so
 * outputs stay unchanged). ONNX Runtime also fuses the plain graph itself when it recognises the patterns;
 * docs/minilm.md measures both.
 */
import { EmbedkitError } from '../../../errors.js';
import type { BertConfig } from './bert-config.js';
import type { BertWeights, Linear } from './bert-weights.js';
import { CONTRIB_DOMAIN, GraphBuilder, type OnnxGraph } from './onnx-graph.js';

export interface ContribOps {
  /** com.microsoft `Attention` (fused QKV projection, scaled dot product, softmax with mask). */
  readonly attention?: boolean;
  /** com.microsoft `SkipLayerNormalization` for the residual + bias + LayerNorm after each sub-block. */
  readonly skipLayerNorm?: boolean;
  /** com.microsoft `BiasGelu` (erf) / `FastGelu` (tanh) for the feed-forward activation and its bias. */
  readonly gelu?: boolean;
}

export interface BertGraphOptions {
  /** Emit only the first N layers (default: all layers of the weights). */
  readonly layers?: number;
  /** ONNX Runtime contrib ops: `true` for all of them, or one by one. Default: none (standard ops only). */
  readonly contrib?: boolean | ContribOps;
}

/** float32's lowest value, which Hugging Face adds to masked attention scores. */
const FLOAT32_MIN = -3.4028234663852886e38;

export function resolveContrib(c: boolean | ContribOps | undefined): Required<ContribOps> {
  if (c === true) return { attention: true, skipLayerNorm: true, gelu: true };
  if (c === undefined || c === false) return { attention: false, skipLayerNorm: false, gelu: false };
  return { attention: c.attention === true, skipLayerNorm: c.skipLayerNorm === true, gelu: c.gelu === true };
}

const f32 = (...xs: number[]): Float32Array => Float32Array.from(xs);
const i64 = (...xs: number[]): BigInt64Array => BigInt64Array.from(xs.map((x) => BigInt(x)));

export function buildBertGraph(cfg: BertConfig, w: BertWeights, opts: BertGraphOptions = {}): OnnxGraph {
  const layers = opts.layers ?? w.layers.length;
  if (!Number.isInteger(layers) || layers < 1 || layers > w.layers.length) {
    throw new EmbedkitError('BAD_OPTION', 'layers', { expected: `an integer in 1..${w.layers.length}`, received: String(layers), where: 'layers' });
  }
  const contrib = resolveContrib(opts.contrib);
  const H = cfg.hiddenSize;
  const heads = cfg.numHeads;
  const headDim = H / heads;
  const eps = { f: cfg.layerNormEps };
  const g = new GraphBuilder('bert');
  const ids = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', 'int64', ['batch_size', 'sequence_length']);
  const types = g.input('token_type_ids', 'int64', ['batch_size', 'sequence_length']);

  // shared constants, added on first use (an unused initializer is a warning in ONNX Runtime)
  const lazy = (make: () => string): (() => string) => {
    let name: string | undefined;
    return () => (name ??= make());
  };
  const one = lazy(() => g.constant('one', 'float', [], f32(1)));
  const floatMin = lazy(() => g.constant('float32_min', 'float', [], f32(FLOAT32_MIN)));
  const headShape = lazy(() => g.constant('head_shape', 'int64', [4], i64(0, 0, heads, headDim)));
  const mergedShape = lazy(() => g.constant('merged_shape', 'int64', [3], i64(0, 0, H)));
  const scale = lazy(() => g.constant('attention_scale', 'float', [], f32(Math.sqrt(headDim))));
  const sqrt2 = lazy(() => g.constant('sqrt2', 'float', [], f32(Math.SQRT2)));
  const half = lazy(() => g.constant('half', 'float', [], f32(0.5)));

  // embeddings
  const word = g.op('Gather', 'word_embeddings', [g.constant('embeddings.word_embeddings.weight', 'float', [cfg.vocabSize, H], w.wordEmbeddings), ids], { axis: { i: 0 } });
  const shape = g.op('Shape', 'input_shape', [ids]);
  const seqLen = g.op('Slice', 'sequence_length', [shape, g.constant('index1', 'int64', [1], i64(1)), g.constant('index2', 'int64', [1], i64(2))]);
  const positions = g.op('Slice', 'position_embeddings', [
    g.constant('embeddings.position_embeddings.weight', 'float', [cfg.maxPositions, H], w.positionEmbeddings),
    g.constant('index0', 'int64', [1], i64(0)),
    seqLen,
    g.constant('axis0', 'int64', [1], i64(0)),
  ]);
  const tokenTypes = g.op('Gather', 'token_type_embeddings', [g.constant('embeddings.token_type_embeddings.weight', 'float', [cfg.typeVocabSize, H], w.tokenTypeEmbeddings), types], { axis: { i: 0 } });
  const summed = g.op('Add', 'embeddings_sum2', [g.op('Add', 'embeddings_sum1', [word, positions]), tokenTypes]);
  let h = g.op('LayerNormalization', 'embeddings_layer_norm', [
    summed,
    g.constant('embeddings.LayerNorm.weight', 'float', [H], w.embeddingNorm.gamma),
    g.constant('embeddings.LayerNorm.bias', 'float', [H], w.embeddingNorm.beta),
  ], { axis: { i: -1 }, epsilon: eps });

  // attention mask: additive (batch × 1 × 1 × seq) for the plain graph, raw int32 for the fused op
  let additiveMask = '';
  let rawMask = '';
  if (contrib.attention) rawMask = g.op('Cast', 'mask_int32', [mask], { to: { i: 6 /* INT32 */ } });
  else {
    const m = g.op('Cast', 'mask_float', [mask], { to: { i: 1 /* FLOAT */ } });
    const inv = g.op('Sub', 'mask_inverted', [one(), m]);
    const bias = g.op('Mul', 'mask_bias', [inv, floatMin()]);
    additiveMask = g.op('Unsqueeze', 'mask_4d', [bias, g.constant('mask_axes', 'int64', [2], i64(1, 2))]);
  }

  const linear = (name: string, x: string, lin: Linear, withBias = true): string => {
    const y = g.op('MatMul', `${name}_matmul`, [x, g.constant(`${name}.weight`, 'float', [lin.inDim, lin.outDim], lin.weight)]);
    return withBias ? g.op('Add', `${name}_bias`, [y, g.constant(`${name}.bias`, 'float', [lin.outDim], lin.bias)]) : y;
  };
  const layerNorm = (name: string, x: string, gamma: Float32Array, beta: Float32Array): string =>
    g.op('LayerNormalization', name, [x, g.constant(`${name}.weight`, 'float', [H], gamma), g.constant(`${name}.bias`, 'float', [H], beta)], { axis: { i: -1 }, epsilon: eps });
  const skipLayerNorm = (name: string, x: string, skip: string, gamma: Float32Array, beta: Float32Array, bias: Float32Array): string =>
    g.op(
      'SkipLayerNormalization',
      name,
      [x, skip, g.constant(`${name}.weight`, 'float', [H], gamma), g.constant(`${name}.bias`, 'float', [H], beta), g.constant(`${name}.dense_bias`, 'float', [H], bias)],
      { epsilon: eps },
      CONTRIB_DOMAIN,
    );

  for (let l = 0; l < layers; l++) {
    const L = w.layers[l]!;
    const p = `layer${l}`;
    let context: string;
    if (contrib.attention) {
      const qkv = new Float32Array(H * 3 * H);
      for (let i = 0; i < H; i++) {
        qkv.set(L.query.weight.subarray(i * H, (i + 1) * H), i * 3 * H);
        qkv.set(L.key.weight.subarray(i * H, (i + 1) * H), i * 3 * H + H);
        qkv.set(L.value.weight.subarray(i * H, (i + 1) * H), i * 3 * H + 2 * H);
      }
      const qkvBias = new Float32Array(3 * H);
      qkvBias.set(L.query.bias, 0);
      qkvBias.set(L.key.bias, H);
      qkvBias.set(L.value.bias, 2 * H);
      context = g.op(
        'Attention',
        `${p}_attention`,
        [h, g.constant(`${p}.attention.qkv.weight`, 'float', [H, 3 * H], qkv), g.constant(`${p}.attention.qkv.bias`, 'float', [3 * H], qkvBias), rawMask],
        { num_heads: { i: heads } },
        CONTRIB_DOMAIN,
      );
    } else {
      const split = (name: string, lin: Linear, perm: number[]): string => {
        const y = linear(`${p}.attention.${name}`, h, lin);
        return g.op('Transpose', `${p}_${name}_heads`, [g.op('Reshape', `${p}_${name}_reshape`, [y, headShape()])], { perm: { ints: perm } });
      };
      const q = split('query', L.query, [0, 2, 1, 3]);
      const k = split('key', L.key, [0, 2, 3, 1]);
      const v = split('value', L.value, [0, 2, 1, 3]);
      const scores = g.op('Div', `${p}_scores_scaled`, [g.op('MatMul', `${p}_scores`, [q, k]), scale()]);
      const probs = g.op('Softmax', `${p}_softmax`, [g.op('Add', `${p}_scores_masked`, [scores, additiveMask])], { axis: { i: -1 } });
      const ctx = g.op('Transpose', `${p}_context_heads`, [g.op('MatMul', `${p}_context`, [probs, v])], { perm: { ints: [0, 2, 1, 3] } });
      context = g.op('Reshape', `${p}_context_merge`, [ctx, mergedShape()]);
    }
    let h1: string;
    if (contrib.skipLayerNorm) {
      h1 = skipLayerNorm(`${p}.attention.output.LayerNorm`, linear(`${p}.attention.output.dense`, context, L.attentionOutput, false), h, L.attentionNorm.gamma, L.attentionNorm.beta, L.attentionOutput.bias);
    } else {
      const a = linear(`${p}.attention.output.dense`, context, L.attentionOutput);
      h1 = layerNorm(`${p}.attention.output.LayerNorm`, g.op('Add', `${p}_attention_residual`, [a, h]), L.attentionNorm.gamma, L.attentionNorm.beta);
    }
    // feed-forward
    let act: string;
    if (contrib.gelu && cfg.activation !== 'relu') {
      const x = linear(`${p}.intermediate.dense`, h1, L.intermediate, false);
      act = g.op(cfg.activation === 'gelu' ? 'BiasGelu' : 'FastGelu', `${p}_gelu`, [x, g.constant(`${p}.intermediate.dense.bias`, 'float', [L.intermediate.outDim], L.intermediate.bias)], {}, CONTRIB_DOMAIN);
    } else {
      const x = linear(`${p}.intermediate.dense`, h1, L.intermediate);
      act = activation(g, cfg, `${p}_act`, x, { one, half, sqrt2 });
    }
    if (contrib.skipLayerNorm) {
      h = skipLayerNorm(`${p}.output.LayerNorm`, linear(`${p}.output.dense`, act, L.output, false), h1, L.outputNorm.gamma, L.outputNorm.beta, L.output.bias);
    } else {
      const f = linear(`${p}.output.dense`, act, L.output);
      h = layerNorm(`${p}.output.LayerNorm`, g.op('Add', `${p}_output_residual`, [f, h1]), L.outputNorm.gamma, L.outputNorm.beta);
    }
  }
  g.node('Identity', 'last_hidden_state', [h], {}, { outputs: ['last_hidden_state'] });
  g.output('last_hidden_state', 'float', ['batch_size', 'sequence_length', H]);
  return g.build(contrib.attention || contrib.skipLayerNorm || contrib.gelu ? { '': 17, [CONTRIB_DOMAIN]: 1 } : { '': 17 });
}

/** The activation in standard ops: erf GELU (HF `gelu`), tanh GELU (`gelu_new`), or ReLU. */
function activation(g: GraphBuilder, cfg: BertConfig, name: string, x: string, c: { one: () => string; half: () => string; sqrt2: () => string }): string {
  if (cfg.activation === 'relu') return g.op('Relu', name, [x]);
  if (cfg.activation === 'gelu') {
    // x · 0.5 · (1 + erf(x / √2))
    const erf = g.op('Erf', `${name}_erf`, [g.op('Div', `${name}_div`, [x, c.sqrt2()])]);
    return g.op('Mul', `${name}_half`, [g.op('Mul', `${name}_mul`, [x, g.op('Add', `${name}_add`, [erf, c.one()])]), c.half()]);
  }
  // 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))
  const k = g.constant(`${name}_k`, 'float', [], f32(Math.sqrt(2 / Math.PI)));
  const a = g.constant(`${name}_a`, 'float', [], f32(0.044715));
  const x3 = g.op('Mul', `${name}_x3`, [g.op('Mul', `${name}_x2`, [x, x]), x]);
  const inner = g.op('Mul', `${name}_inner`, [g.op('Add', `${name}_sum`, [x, g.op('Mul', `${name}_ax3`, [x3, a])]), k]);
  const t = g.op('Add', `${name}_tanh1`, [g.op('Tanh', `${name}_tanh`, [inner]), c.one()]);
  return g.op('Mul', `${name}_out`, [g.op('Mul', `${name}_halfx`, [x, c.half()]), t]);
}
