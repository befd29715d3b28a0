/**
 * The embedder a collection was built with, re-created from the `EmbedderInfo` in its manifest (same model,
 * pooling, normalization, prompt, variant …), through the embedder registry.
 */
import { commonComponentsFromJson, commonComponentsToJson } from '../embedders/common-components.js';
import { existsSync } from 'node:fs';
import { createEmbedder } from '../embedders/create-embedder.js';
import { StaticEmbedder } from '../embedders/static-embedder.js';
import type { Embedder } from '../embedders/embedder.js';
import { minilmName } from '../embedders/named-models.js';
import { kindEntry } from '../embedders/registry.js';
import { EmbedkitError } from '../errors.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
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
  /** Word vectors already in memory (static embedders: the model is not loaded again). */
  readonly vectors?: KeyedVectors;
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
  if (info.kind === 'onnx' && minilmName(info.model) === undefined && !existsSync(info.model)) {
    throw new EmbedkitError('MODEL_MISMATCH', `collection ${JSON.stringify(manifest.name)}: model folder not found`, {
      expected: `the model folder ${info.model}`,
      received: 'no such folder',
      hint: 'if the folder was moved or copied, rebind the collection to its new place (the model is checked by its fingerprint)',
    });
  }
  const base = await createEmbedder(info.model, {
    ...kindEntry(info.kind).optionsFromInfo(info),
    ...(commonComponents !== undefined ? { commonComponents } : {}),
    ...(opts.onWarning !== undefined ? { onWarning: opts.onWarning } : {}),
    ...(opts.onProgress !== undefined ? { onProgress: opts.onProgress } : {}),
    ...(opts.vectors !== undefined && info.kind === 'static' ? { vectors: opts.vectors } : {}),
  });
  const stored = info.kind === 'onnx' ? info.fingerprint : undefined;
  const now = base.info.kind === 'onnx' ? base.info.fingerprint : undefined;
  if (stored !== undefined && now !== stored) {
    await base.dispose();
    throw new EmbedkitError('MODEL_MISMATCH', `collection ${JSON.stringify(manifest.name)}: the model in ${info.model} changed since its records were embedded`, {
      expected: `fingerprint ${stored}`,
      received: `fingerprint ${now ?? 'none'}`,
      hint: 'vectors of different models are not comparable; rebind the collection only if the change is deliberate (`force`)',
    });
  }
  return chain.length === 0 ? base : new TransformedEmbedder(base, chain);
}

export interface RebindOptions {
  /** Rebind even when the model's fingerprint differs (a deliberate change of model files). */
  readonly force?: boolean;
  readonly onWarning?: (message: string) => void;
}

/** The fields of an embedder description that must stay the same for stored vectors to stay valid. */
const REBIND_CHECKED = ['kind', 'dim', 'pooling', 'normalize', 'prompt', 'truncateDim', 'precision'] as const;

/**
 * Binds a collection to `model` (a moved or copied model folder, or a vectors file at a new path): the
 * model is loaded with the collection's settings and must describe the same embedder — same kind,
 * dimension, pooling …, and for a model folder the same fingerprint unless `force`. Returns the old and
 * new model references.
 */
export async function rebindCollection(collection: Collection, model: string, opts: RebindOptions = {}): Promise<{ from: string; to: string; fingerprint?: string }> {
  const manifest = collection.manifest;
  const info = manifest.embedder;
  const commonComponents = manifest.commonComponents !== undefined ? commonComponentsFromJson(manifest.commonComponents, `collection ${JSON.stringify(manifest.name)} manifest`) : undefined;
  const e = await createEmbedder(model, {
    ...kindEntry(info.kind).optionsFromInfo(info),
    ...(commonComponents !== undefined ? { commonComponents } : {}),
    ...(opts.onWarning !== undefined ? { onWarning: opts.onWarning } : {}),
  });
  try {
    const next = e.info as unknown as Record<string, unknown>;
    const prev = info as unknown as Record<string, unknown>;
    for (const key of REBIND_CHECKED) {
      if (JSON.stringify(next[key] ?? null) !== JSON.stringify(prev[key] ?? null)) {
        throw new EmbedkitError('MODEL_MISMATCH', `collection ${JSON.stringify(manifest.name)} cannot be bound to ${model}`, { expected: `${key} ${JSON.stringify(prev[key] ?? null)}`, received: `${key} ${JSON.stringify(next[key] ?? null)}`, where: 'model' });
      }
    }
    const was = info.kind === 'onnx' ? info.fingerprint : undefined;
    const is = e.info.kind === 'onnx' ? e.info.fingerprint : undefined;
    if (was !== undefined && is !== was) {
      if (opts.force !== true) {
        throw new EmbedkitError('MODEL_MISMATCH', `collection ${JSON.stringify(manifest.name)}: ${model} holds another model`, { expected: `fingerprint ${was}`, received: `fingerprint ${is ?? 'none'}`, where: 'model', hint: 'set `force` if the change is deliberate (stored vectors were made by the old files)' });
      }
      opts.onWarning?.(`collection ${JSON.stringify(manifest.name)} is now bound to other model files (fingerprint ${is}); its records were embedded with ${was}`);
    }
    const chain = collectionTransforms(manifest);
    await collection.setEmbedder((chain.length === 0 ? e : new TransformedEmbedder(e, chain)).info);
    return { from: info.model, to: e.info.model, ...(is !== undefined ? { fingerprint: is } : {}) };
  } finally {
    await e.dispose();
  }
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
