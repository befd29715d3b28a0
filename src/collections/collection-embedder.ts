/**
 * The embedder a collection was built with, re-created from the `EmbedderInfo` in its manifest (same model,
 * pooling, normalization, prompt, variant …), through the embedder registry.
 */
import { createEmbedder } from '../embedders/create-embedder.js';
import type { Embedder } from '../embedders/embedder.js';
import { kindEntry } from '../embedders/registry.js';
import { EmbedkitError } from '../errors.js';
import type { LoadProgress } from '../vectors/registry.js';
import type { CollectionManifest } from './types.js';

export interface CollectionEmbedderOptions {
  /** A model the caller names; it must be the collection's (vectors of different models do not compare). */
  readonly model?: string;
  readonly onWarning?: (message: string) => void;
  readonly onProgress?: (p: LoadProgress) => void;
}

export async function openCollectionEmbedder(manifest: CollectionManifest, opts: CollectionEmbedderOptions = {}): Promise<Embedder> {
  const info = manifest.embedder;
  if (opts.model !== undefined && opts.model !== info.model) {
    throw new EmbedkitError('MODEL_MISMATCH', `collection ${JSON.stringify(manifest.name)} was built with ${info.model}`, {
      expected: `\`model\` ${info.model} (or none)`,
      received: `\`model\` ${opts.model}`,
      where: 'model',
      hint: 'vectors of different models are not comparable; create a new collection for this model',
    });
  }
  if (info.transforms !== undefined && info.transforms.length > 0) {
    throw new EmbedkitError('UNSUPPORTED', `collection ${JSON.stringify(manifest.name)} was built with vector transforms (${info.transforms.join(', ')})`, {
      expected: 'a collection whose manifest stores its transforms',
      received: 'transform names only',
    });
  }
  return createEmbedder(info.model, {
    ...kindEntry(info.kind).optionsFromInfo(info),
    ...(opts.onWarning !== undefined ? { onWarning: opts.onWarning } : {}),
    ...(opts.onProgress !== undefined ? { onProgress: opts.onProgress } : {}),
  });
}
