import { loadVectors, DEFAULT_MODEL } from '../vectors/load.js';
import type { LoadProgress } from '../vectors/registry.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import type { Embedder } from './embedder.js';
import { StaticEmbedder, type StaticEmbedderOptions } from './static-embedder.js';
import { readFrequencyFile } from './word-probabilities.js';
import { loadCommonComponents } from './common-components.js';
import { isModelFolder } from './onnx/model-folder.js';
import type { OnnxEmbedderOptions } from './onnx/onnx-embedder.js';

export interface CreateEmbedderOptions extends Omit<StaticEmbedderOptions, 'model' | 'probabilities' | 'reference'> {
  /** A `word count` file for SIF/uSIF probabilities (default: Zipf estimate). */
  readonly frequencies?: string;
  /** A saved common-components JSON (from `fit`). */
  readonly reference?: string;
  readonly onProgress?: (p: LoadProgress) => void;
  /** Already loaded vectors (skips loading `model`). */
  readonly vectors?: KeyedVectors;
  /** Options for a transformer model folder (ONNX); see `OnnxEmbedderOptions`. */
  readonly onnx?: OnnxEmbedderOptions;
}

/**
 * Builds an embedder for a model name or path. Today: word-vector models (registry names and vector files)
 * give a `StaticEmbedder`; a local model folder (config.json, tokenizer.json, ONNX) gives an `OnnxEmbedder`.
 */
export async function createEmbedder(model: string = DEFAULT_MODEL, opts: CreateEmbedderOptions = {}): Promise<Embedder & { readonly vectors?: KeyedVectors }> {
  const { frequencies, reference, onProgress, vectors: given, onnx, ...rest } = opts;
  if (given === undefined && isModelFolder(model)) {
    // Loaded on demand: word-vector users never load the ONNX Runtime native library.
    const { OnnxEmbedder } = await import('./onnx/onnx-embedder.js');
    return OnnxEmbedder.load(model, {
      ...(opts.onWarning !== undefined ? { onWarning: opts.onWarning } : {}),
      ...(opts.normalize !== undefined ? { normalize: opts.normalize } : {}),
      ...onnx,
    });
  }
  const vectors =
    given ??
    (await loadVectors(model, {
      ...(opts.onWarning !== undefined ? { onWarning: opts.onWarning } : {}),
      ...(onProgress !== undefined ? { onProgress } : {}),
    }));
  return new StaticEmbedder(vectors, {
    ...rest,
    model,
    ...(frequencies !== undefined ? { probabilities: await readFrequencyFile(frequencies) } : {}),
    ...(reference !== undefined ? { reference: loadCommonComponents(reference) } : {}),
  });
}
