/**
 * Transformer encoders in a local Hugging Face–style folder (config.json, tokenizer.json, ONNX file),
 * run with ONNX Runtime by `OnnxEmbedder`. The runtime is imported only when such a model is loaded.
 */
import { cacheDir } from '../../config.js';
import { EmbedkitError } from '../../errors.js';
import { choiceOption } from '../../options/option-spec.js';
import { TRANSFORMER_POOLINGS, type EmbedderInfo } from '../embedder.js';
import { EMBEDDER_OPTIONS, embedderOptionSpecs, type EmbedderOptions } from '../embedder-options.js';
import type { OnnxEmbedderOptions } from '../onnx/onnx-embedder.js';
import { minilmName } from '../named-models.js';
import { isModelFolder } from '../onnx/model-folder.js';
import type { EmbedderKindEntry } from './kind-entry.js';

export const ONNX_KIND: EmbedderKindEntry = {
  kind: 'onnx',
  accepts: 'a transformer model folder (or minilm-l6)',
  options: {
    ...embedderOptionSpecs(['normalize', 'layers', 'variant', 'truncateDim', 'promptName', 'prompt', 'precision', 'batchSize', 'threads', 'maxLength', 'long', 'chunkOverlap']),
    pooling: choiceOption(TRANSFORMER_POOLINGS, EMBEDDER_OPTIONS.pooling.description, { valueName: 'mode' }),
  },
  matches: (ref) => minilmName(ref) !== undefined || isModelFolder(ref),
  async load(ref, opts, ctx) {
    const { OnnxEmbedder } = await import('../onnx/onnx-embedder.js');
    const warn = ctx.onWarning !== undefined ? { onWarning: ctx.onWarning } : {};
    const name = minilmName(ref);
    // The options were validated against this kind's declarations (pooling narrowed to transformer modes).
    const { layers, ...rest } = opts;
    if (name === undefined) {
      if (layers !== undefined) {
        throw new EmbedkitError('BAD_OPTION', 'layers', { expected: 'a built-in model (minilm-l6); import a folder with `layers` to shorten another one', received: `model folder ${ref}`, where: 'layers' });
      }
      return OnnxEmbedder.load(ref, { ...(rest as OnnxEmbedderOptions), ...warn });
    }
    // The built-in encoder: converted from its npm package into the cache on first use (and per depth / variant).
    const { ensureMinilm } = await import('../onnx/builtin-minilm.js');
    const variant = rest.variant === 'int8' ? 'int8' : undefined;
    if (rest.variant !== undefined && variant === undefined && rest.variant !== 'default') {
      throw new EmbedkitError('BAD_OPTION', 'variant', { expected: 'default or int8 for minilm-l6', received: rest.variant, where: 'variant' });
    }
    const folder = await ensureMinilm(cacheDir(), {
      ...(layers !== undefined ? { layers } : {}),
      ...(variant !== undefined ? { variant } : {}),
      ...(ctx.onProgress !== undefined ? { onProgress: (done: number, total: number) => ctx.onProgress!({ phase: 'convert', done, total }) } : {}),
      ...warn,
    });
    return OnnxEmbedder.load(folder, { ...(rest as OnnxEmbedderOptions), model: name, ...(layers !== undefined && layers < 6 ? { layers } : {}), ...warn });
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
      ...(info.layers !== undefined ? { layers: info.layers } : {}),
    };
  },
};
