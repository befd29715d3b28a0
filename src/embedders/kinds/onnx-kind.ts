/**
 * Transformer encoders in a local Hugging Face–style folder (config.json, tokenizer.json, ONNX file),
 * run with ONNX Runtime by `OnnxEmbedder`. The runtime is imported only when such a model is loaded.
 */
import { choiceOption } from '../../options/option-spec.js';
import { TRANSFORMER_POOLINGS, type EmbedderInfo, type TransformerPooling } from '../embedder.js';
import { EMBEDDER_OPTIONS, type EmbedderOptions } from '../embedder-options.js';
import { isModelFolder } from '../onnx/model-folder.js';
import type { EmbedderKindEntry } from './kind-entry.js';

const O = EMBEDDER_OPTIONS;

export const ONNX_KIND: EmbedderKindEntry = {
  kind: 'onnx',
  accepts: 'a transformer model folder',
  options: {
    pooling: choiceOption(TRANSFORMER_POOLINGS, O.pooling.description, { valueName: 'mode' }),
    normalize: O.normalize,
    variant: O.variant,
    truncateDim: O.truncateDim,
    promptName: O.promptName,
    prompt: O.prompt,
    precision: O.precision,
    batchSize: O.batchSize,
    threads: O.threads,
    maxLength: O.maxLength,
    long: O.long,
    chunkOverlap: O.chunkOverlap,
  },
  matches: (ref) => isModelFolder(ref),
  async load(ref, opts, ctx) {
    const { OnnxEmbedder } = await import('../onnx/onnx-embedder.js');
    return OnnxEmbedder.load(ref, {
      ...(opts.pooling !== undefined ? { pooling: opts.pooling as TransformerPooling } : {}),
      ...(opts.normalize !== undefined ? { normalize: opts.normalize } : {}),
      ...(opts.variant !== undefined ? { variant: opts.variant } : {}),
      ...(opts.truncateDim !== undefined ? { truncateDim: opts.truncateDim } : {}),
      ...(opts.promptName !== undefined ? { promptName: opts.promptName } : {}),
      ...(opts.prompt !== undefined ? { prompt: opts.prompt } : {}),
      ...(opts.precision !== undefined ? { precision: opts.precision } : {}),
      ...(opts.batchSize !== undefined ? { batchSize: opts.batchSize } : {}),
      ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
      ...(opts.maxLength !== undefined ? { maxLength: opts.maxLength } : {}),
      ...(opts.long !== undefined ? { long: opts.long } : {}),
      ...(opts.chunkOverlap !== undefined ? { chunkOverlap: opts.chunkOverlap } : {}),
      ...(ctx.onWarning !== undefined ? { onWarning: ctx.onWarning } : {}),
    });
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
