/**
 * Transformer encoders in a local Hugging Face–style folder (config.json, tokenizer.json, ONNX file),
 * run with ONNX Runtime by `OnnxEmbedder`. The runtime is imported only when such a model is loaded.
 */
import { choiceOption } from '../../options/option-spec.js';
import { TRANSFORMER_POOLINGS, type EmbedderInfo } from '../embedder.js';
import { EMBEDDER_OPTIONS, embedderOptionSpecs, type EmbedderOptions } from '../embedder-options.js';
import type { OnnxEmbedderOptions } from '../onnx/onnx-embedder.js';
import { isModelFolder } from '../onnx/model-folder.js';
import type { EmbedderKindEntry } from './kind-entry.js';

export const ONNX_KIND: EmbedderKindEntry = {
  kind: 'onnx',
  accepts: 'a transformer model folder',
  options: {
    ...embedderOptionSpecs(['normalize', 'variant', 'truncateDim', 'promptName', 'prompt', 'precision', 'batchSize', 'threads', 'maxLength', 'long', 'chunkOverlap']),
    pooling: choiceOption(TRANSFORMER_POOLINGS, EMBEDDER_OPTIONS.pooling.description, { valueName: 'mode' }),
  },
  matches: (ref) => isModelFolder(ref),
  async load(ref, opts, ctx) {
    const { OnnxEmbedder } = await import('../onnx/onnx-embedder.js');
    // The options were validated against this kind's declarations (pooling narrowed to transformer modes).
    return OnnxEmbedder.load(ref, { ...(opts as OnnxEmbedderOptions), ...(ctx.onWarning !== undefined ? { onWarning: ctx.onWarning } : {}) });
  },
  optionsFromInfo(info: EmbedderInfo): EmbedderOptions {
    if (info.kind !== 'onnx') throw new TypeError(`onnx kind asked to re-create a ${info.kind} embedder`);
    return {
      pooling: info.pooling,
      normalize: info.normalize,
      ...(info.prompt !== undefined ? { prompt: info.prompt } : {}),
      ...(info.variant !== undefined ? { variant: info.variant } : {}),
      ...(info.truncateDim !== undefined ? { truncateDim: info.truncateDim } : {}),
      ...(info.precision !== undefined && info.precision !== 'float32' ? { precision: info.precision } : {}),
      ...(info.maxLength !== undefined ? { maxLength: info.maxLength } : {}),
    };
  },
};
