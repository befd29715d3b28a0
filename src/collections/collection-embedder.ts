/**
 * The embedder a collection was built with, re-created from the `EmbedderInfo` in its manifest (same model,
 * pooling, normalization, prompt, variant …), through the embedder registry.
 */
import { commonComponentsFromJson, commonComponentsToJson } from '../embedders/common-components.js';
import { createEmbedder } from '../embedders/create-embedder.js';
import { StaticEmbedder } from '../embedders/static-embedder.js';
import type { Embedder } from '../embedders/embedder.js';
import { kindEntry } from '../embedders/registry.js';
import { EmbedkitError } from '../errors.js';
import type { LoadProgress } from '../vectors/registry.js';
import { specFromJson } from '../embedders/transforms/transform-file.js';
import { transformFromSpec } from '../embedders/transforms/transform-kinds.js';
import { describeTransform, TransformedEmbedder } from '../embedders/transforms/transformed-embedder.js';
import type { VectorTransform } from '../embedders/transforms/vector-transform.js';
import type { Collection, CollectionManifest, CreateCollectionOptions, VectorStore } from './types.js';

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
  const chain = collectionTransforms(manifest);
  const commonComponents = manifest.commonComponents !== undefined ? commonComponentsFromJson(manifest.commonComponents, `collection ${JSON.stringify(manifest.name)} manifest`) : undefined;
  if (commonComponents === undefined && info.kind === 'static' && info.pooling !== 'mean') {
    opts.onWarning?.(`collection ${JSON.stringify(manifest.name)} stores no ${info.pooling} common components (it predates them): queries use the bundled reference, which may differ from what its records were embedded with`);
  }
  const base = await createEmbedder(info.model, {
    ...kindEntry(info.kind).optionsFromInfo(info),
    ...(commonComponents !== undefined ? { commonComponents } : {}),
    ...(opts.onWarning !== undefined ? { onWarning: opts.onWarning } : {}),
    ...(opts.onProgress !== undefined ? { onProgress: opts.onProgress } : {}),
  });
  return chain.length === 0 ? base : new TransformedEmbedder(base, chain);
}

/** The transforms stored in a manifest (checked against the names its embedder info records). */
function collectionTransforms(manifest: CollectionManifest): VectorTransform[] {
  const names = manifest.embedder.transforms ?? [];
  if (names.length === 0) return [];
  const where = `collection ${JSON.stringify(manifest.name)} manifest`;
  const specs = manifest.transforms ?? [];
  const chain = specs.map((s, i) => transformFromSpec(specFromJson(s, where, `transforms[${i}]`), where));
  const stored = chain.map((t) => describeTransform(t.toSpec()));
  if (stored.join('+') !== names.join('+')) {
    throw new EmbedkitError('DATABASE_ERROR', `${where}: vector transforms`, { expected: names.join(', '), received: stored.join(', ') || 'none stored' });
  }
  return chain;
}

/**
 * A new collection for `embedder` (its info in the manifest, a path model recorded absolute by the caller),
 * with the embedder's transforms stored so every query is transformed the same way.
 */
export function createCollection(store: VectorStore, name: string, embedder: Embedder, opts: Omit<CreateCollectionOptions, 'transforms' | 'commonComponents'> = {}): Promise<Collection> {
  const transforms = embedder instanceof TransformedEmbedder ? embedder.transforms.map((t) => t.toSpec()) : [];
  const base = embedder instanceof TransformedEmbedder ? embedder.base : embedder;
  const cc = base instanceof StaticEmbedder ? base.commonComponents : undefined;
  return store.create(name, embedder.info, { ...opts, ...(transforms.length > 0 ? { transforms } : {}), ...(cc !== undefined ? { commonComponents: commonComponentsToJson(cc) } : {}) });
}
