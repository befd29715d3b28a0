/**
 * `config.json` of a BERT-family encoder (Hugging Face `BertModel` and its heads: MiniLM, bge-small,
 * e5-small, gte-small share it) → a validated `BertConfig`. Anything else — another `model_type`, an
 * architecture that is not a BERT class, relative position embeddings, an activation we do not build —
 * is one clear error naming it.
 */
import { readFileSync } from 'node:fs';
import { EmbedkitError, FormatError } from '../../../errors.js';

/** Activations of the feed-forward block: exact (erf) GELU, tanh-approximated GELU, ReLU. */
export type BertActivation = 'gelu' | 'gelu_tanh' | 'relu';

export interface BertConfig {
  readonly modelType: 'bert';
  readonly architectures: readonly string[];
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly numHeads: number;
  readonly intermediateSize: number;
  readonly vocabSize: number;
  readonly maxPositions: number;
  readonly typeVocabSize: number;
  readonly layerNormEps: number;
  readonly activation: BertActivation;
  /** The parsed JSON, for writing it back (with `num_hidden_layers` adjusted). */
  readonly raw: Readonly<Record<string, unknown>>;
}

const ACTIVATIONS: Readonly<Record<string, BertActivation>> = {
  gelu: 'gelu',
  gelu_python: 'gelu',
  gelu_new: 'gelu_tanh',
  gelu_pytorch_tanh: 'gelu_tanh',
  gelu_fast: 'gelu_tanh',
  relu: 'relu',
};

function positiveInt(cfg: Record<string, unknown>, key: string, file: string, fallback?: number): number {
  const v = cfg[key] ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new EmbedkitError('FORMAT_ERROR', `config.json "${key}"`, { expected: 'a positive integer', received: v === undefined ? 'nothing' : JSON.stringify(v), where: file });
  }
  return v;
}

/** Validates a parsed config.json; `file` names it in errors. */
export function parseBertConfig(cfg: Record<string, unknown>, file: string): BertConfig {
  const modelType = cfg['model_type'];
  const archs = Array.isArray(cfg['architectures']) ? (cfg['architectures'] as unknown[]).filter((a): a is string => typeof a === 'string') : [];
  const named = archs.length > 0 ? archs.join(', ') : typeof modelType === 'string' ? modelType : 'unknown';
  if (modelType !== 'bert' || archs.some((a) => !a.startsWith('Bert'))) {
    throw new EmbedkitError('UNSUPPORTED', `architecture ${named}${typeof modelType === 'string' && modelType !== 'bert' ? ` (model_type "${modelType}")` : ''}`, {
      expected: 'a BERT-family encoder (model_type "bert", architectures BertModel or another Bert* class)',
      received: `model_type ${JSON.stringify(modelType ?? null)}, architectures ${JSON.stringify(archs)}`,
      where: file,
      hint: 'export this model to ONNX with its own tools (e.g. optimum-cli export onnx) and load the ONNX folder instead',
    });
  }
  const posType = cfg['position_embedding_type'];
  if (posType !== undefined && posType !== 'absolute') {
    throw new EmbedkitError('UNSUPPORTED', `position_embedding_type "${String(posType)}"`, { expected: '"absolute"', received: JSON.stringify(posType), where: file });
  }
  const act = cfg['hidden_act'] ?? 'gelu';
  const activation = typeof act === 'string' ? ACTIVATIONS[act] : undefined;
  if (activation === undefined) {
    throw new EmbedkitError('UNSUPPORTED', `hidden_act ${JSON.stringify(act)}`, { expected: Object.keys(ACTIVATIONS).join('|'), received: JSON.stringify(act), where: file });
  }
  const hiddenSize = positiveInt(cfg, 'hidden_size', file);
  const numHeads = positiveInt(cfg, 'num_attention_heads', file);
  if (hiddenSize % numHeads !== 0) {
    throw new EmbedkitError('FORMAT_ERROR', 'config.json "num_attention_heads"', { expected: `a divisor of hidden_size ${hiddenSize}`, received: String(numHeads), where: file });
  }
  const eps = cfg['layer_norm_eps'] ?? 1e-12;
  if (typeof eps !== 'number' || !(eps > 0) || !Number.isFinite(eps)) {
    throw new EmbedkitError('FORMAT_ERROR', 'config.json "layer_norm_eps"', { expected: 'a positive number', received: JSON.stringify(eps), where: file });
  }
  return {
    modelType: 'bert',
    architectures: archs,
    hiddenSize,
    numLayers: positiveInt(cfg, 'num_hidden_layers', file),
    numHeads,
    intermediateSize: positiveInt(cfg, 'intermediate_size', file),
    vocabSize: positiveInt(cfg, 'vocab_size', file),
    maxPositions: positiveInt(cfg, 'max_position_embeddings', file),
    typeVocabSize: positiveInt(cfg, 'type_vocab_size', file, 2),
    layerNormEps: eps,
    activation,
    raw: cfg,
  };
}

/** Reads and validates `config.json`. */
export function readBertConfig(file: string): BertConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new EmbedkitError('FILE_NOT_FOUND', 'config.json', { where: file, cause: e });
    throw new EmbedkitError('IO_ERROR', 'cannot read config.json', { where: file, cause: e });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FormatError(file, 'not valid JSON', { expected: 'a JSON object', received: e instanceof Error ? e.message : String(e) });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FormatError(file, 'not a JSON object', { expected: 'a JSON object', received: Array.isArray(value) ? 'an array' : typeof value });
  return parseBertConfig(value as Record<string, unknown>, file);
}
