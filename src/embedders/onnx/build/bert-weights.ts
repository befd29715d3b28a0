/**
 * The weights of a BERT encoder from a safetensors file, by Hugging Face tensor names
 * (`embeddings.word_embeddings.weight`, `encoder.layer.{i}.attention.self.query.weight`, …; a `bert.`
 * prefix — checkpoints of BertForMaskedLM and other heads — is recognised; old `gamma`/`beta` layer-norm
 * names too). Every tensor is checked against the shape the config implies; a mismatch names the tensor,
 * the expected and the received shape. Linear weights are transposed from PyTorch's `out × in` to the
 * `in × out` that ONNX MatMul takes; everything becomes float32 (F16/BF16/F64 converted exactly, checked finite).
 */
import { EmbedkitError } from '../../../errors.js';
import type { SafetensorsFile } from '../../../io/safetensors.js';
import type { BertConfig } from './bert-config.js';

/** A dense layer for MatMul: `inDim × outDim` weights (row-major) and `outDim` bias. */
export interface Linear {
  readonly weight: Float32Array;
  readonly bias: Float32Array;
  readonly inDim: number;
  readonly outDim: number;
}

export interface LayerNormWeights {
  readonly gamma: Float32Array;
  readonly beta: Float32Array;
}

export interface BertLayerWeights {
  readonly query: Linear;
  readonly key: Linear;
  readonly value: Linear;
  readonly attentionOutput: Linear;
  readonly attentionNorm: LayerNormWeights;
  readonly intermediate: Linear;
  readonly output: Linear;
  readonly outputNorm: LayerNormWeights;
}

export interface BertWeights {
  /** `vocab × hidden`. */
  readonly wordEmbeddings: Float32Array;
  /** `positions × hidden`. */
  readonly positionEmbeddings: Float32Array;
  /** `typeVocab × hidden`. */
  readonly tokenTypeEmbeddings: Float32Array;
  readonly embeddingNorm: LayerNormWeights;
  readonly layers: readonly BertLayerWeights[];
}

/** Tensor name prefix of the encoder in this file: '' (BertModel) or 'bert.' (BertFor… heads). */
export function bertPrefix(st: SafetensorsFile): string {
  for (const prefix of ['', 'bert.', 'model.']) if (st.has(`${prefix}embeddings.word_embeddings.weight`)) return prefix;
  throw new EmbedkitError('UNSUPPORTED', 'weights without BERT tensor names', {
    expected: 'a tensor "embeddings.word_embeddings.weight" (or "bert.embeddings.word_embeddings.weight")',
    received: st.names.slice(0, 6).join(', ') + (st.names.length > 6 ? ` and ${st.names.length - 6} more` : ''),
    where: st.path,
  });
}

class Reader {
  constructor(
    private readonly st: SafetensorsFile,
    private readonly prefix: string,
  ) {}

  /** A float tensor of exactly `shape`; `aliases` are older names of the same tensor. */
  tensor(name: string, shape: readonly number[], aliases: readonly string[] = []): Float32Array {
    const full = [name, ...aliases].map((n) => this.prefix + n).find((n) => this.st.has(n));
    if (full === undefined) {
      throw new EmbedkitError('MODEL_FILES_DISAGREE', `tensor "${this.prefix}${name}"`, {
        expected: `a tensor of shape [${shape.join(', ')}] (from config.json)`,
        received: 'no such tensor in the weights',
        where: this.st.path,
        hint: 'config.json and the weights file belong to different models, or the weights are incomplete',
      });
    }
    const e = this.st.entry(full);
    if (e.shape.length !== shape.length || e.shape.some((d, i) => d !== shape[i])) {
      throw new EmbedkitError('MODEL_FILES_DISAGREE', `tensor "${full}"`, {
        expected: `shape [${shape.join(', ')}] (from config.json)`,
        received: `shape [${e.shape.join(', ')}]`,
        where: `${this.st.path}@byte ${e.byteOffset}`,
        hint: 'config.json and the weights file belong to different models',
      });
    }
    return this.st.float32(full);
  }

  /** PyTorch Linear (`out × in` weight) → `in × out` for MatMul. */
  linear(name: string, inDim: number, outDim: number): Linear {
    const w = this.tensor(`${name}.weight`, [outDim, inDim]);
    const bias = this.tensor(`${name}.bias`, [outDim]);
    const weight = new Float32Array(inDim * outDim);
    for (let o = 0; o < outDim; o++) {
      const row = o * inDim;
      for (let i = 0; i < inDim; i++) weight[i * outDim + o] = w[row + i]!;
    }
    return { weight, bias, inDim, outDim };
  }

  layerNorm(name: string, dim: number): LayerNormWeights {
    return { gamma: this.tensor(`${name}.weight`, [dim], [`${name}.gamma`]), beta: this.tensor(`${name}.bias`, [dim], [`${name}.beta`]) };
  }
}

/** Reads the embeddings and the first `layers` encoder layers (default: all of the config's). */
export function readBertWeights(st: SafetensorsFile, cfg: BertConfig, layers: number = cfg.numLayers, onLayer?: (done: number, total: number) => void): BertWeights {
  if (!Number.isInteger(layers) || layers < 1 || layers > cfg.numLayers) {
    throw new EmbedkitError('BAD_OPTION', 'layers', { expected: `an integer in 1..${cfg.numLayers} (the model's layers)`, received: String(layers), where: 'layers' });
  }
  const r = new Reader(st, bertPrefix(st));
  const h = cfg.hiddenSize;
  const out: BertLayerWeights[] = [];
  const wordEmbeddings = r.tensor('embeddings.word_embeddings.weight', [cfg.vocabSize, h]);
  const positionEmbeddings = r.tensor('embeddings.position_embeddings.weight', [cfg.maxPositions, h]);
  const tokenTypeEmbeddings = r.tensor('embeddings.token_type_embeddings.weight', [cfg.typeVocabSize, h]);
  const embeddingNorm = r.layerNorm('embeddings.LayerNorm', h);
  for (let l = 0; l < layers; l++) {
    const p = `encoder.layer.${l}`;
    out.push({
      query: r.linear(`${p}.attention.self.query`, h, h),
      key: r.linear(`${p}.attention.self.key`, h, h),
      value: r.linear(`${p}.attention.self.value`, h, h),
      attentionOutput: r.linear(`${p}.attention.output.dense`, h, h),
      attentionNorm: r.layerNorm(`${p}.attention.output.LayerNorm`, h),
      intermediate: r.linear(`${p}.intermediate.dense`, h, cfg.intermediateSize),
      output: r.linear(`${p}.output.dense`, cfg.intermediateSize, h),
      outputNorm: r.layerNorm(`${p}.output.LayerNorm`, h),
    });
    onLayer?.(l + 1, layers);
  }
  return { wordEmbeddings, positionEmbeddings, tokenTypeEmbeddings, embeddingNorm, layers: out };
}
