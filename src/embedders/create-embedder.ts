/**
 * `createEmbedder(model, options)`: the library's one way to get an embedder for any model reference.
 * The registry picks the kind (word vectors, transformer folder, …), the options are validated by the
 * same declarations the CLI and the server use, and heavy runtimes load only for the kind that needs them.
 */
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import { DEFAULT_MODEL } from '../vectors/load.js';
import type { LoadProgress } from '../vectors/registry.js';
import type { CommonComponents } from './common-components.js';
import type { Embedder } from './embedder.js';
import type { EmbedderOptions } from './embedder-options.js';
import { kindEntry, resolveEmbedderKind, validateEmbedderOptions } from './registry.js';
import { checkAdapterBase, readAdapterFolder, splitAdapterRef } from './transforms/adapter-folder.js';
import { loadTransforms } from './transforms/transform-file.js';
import { TransformedEmbedder } from './transforms/transformed-embedder.js';

export interface CreateEmbedderOptions extends EmbedderOptions {
  /** Older name of `sifReference`. */
  readonly reference?: string;
  /** Older nesting of the transformer options (merged with the top-level ones). */
  readonly onnx?: EmbedderOptions;
  /** Word vectors already in memory: a static embedder over them (the model reference is only recorded). */
  readonly vectors?: KeyedVectors;
  /** sif/usif common components in memory (a collection's), instead of a `sifReference` file. */
  readonly commonComponents?: CommonComponents;
  readonly onWarning?: (message: string) => void;
  /** Loading / first-use conversion progress. */
  readonly onProgress?: (p: LoadProgress) => void;
}

/**
 * An embedder for a registry name, a vectors file or a model folder; `BASE+ADAPTER_DIR` adds a trained
 * adapter (transforms/adapter-folder.ts) to the base embedder, which must be the one it was trained on.
 */
export async function createEmbedder(model: string = DEFAULT_MODEL, opts: CreateEmbedderOptions = {}): Promise<Embedder & { readonly vectors?: KeyedVectors }> {
  const adapterRef = splitAdapterRef(model);
  if (adapterRef !== undefined) {
    const folder = readAdapterFolder(adapterRef.adapter);
    const base = await createEmbedder(adapterRef.base, opts);
    try {
      checkAdapterBase(folder, base);
      // One flat chain (collections store a base embedder and its transforms).
      return base instanceof TransformedEmbedder ? new TransformedEmbedder(base.base, [...base.transforms, ...folder.transforms]) : new TransformedEmbedder(base, folder.transforms);
    } catch (e) {
      await base.dispose();
      throw e;
    }
  }
  const { onnx, vectors, commonComponents, onWarning, onProgress, ...raw } = opts;
  const entry = vectors !== undefined ? kindEntry('static') : resolveEmbedderKind(model);
  const { transforms, ...options } = validateEmbedderOptions(entry, model, { ...raw, ...onnx });
  // A transform file is read before the model loads: a bad file fails fast.
  const chain = transforms !== undefined ? loadTransforms(transforms) : undefined;
  const base = await entry.load(model, options, {
    ...(vectors !== undefined ? { vectors } : {}),
    ...(commonComponents !== undefined ? { commonComponents } : {}),
    ...(onWarning !== undefined ? { onWarning } : {}),
    ...(onProgress !== undefined ? { onProgress } : {}),
  });
  if (chain === undefined) return base;
  try {
    return new TransformedEmbedder(base, chain);
  } catch (e) {
    await base.dispose();
    throw e;
  }
}
