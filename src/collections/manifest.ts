/**
 * Manifests and the checks every store applies at its boundary: record vectors have the collection's dim
 * and finite values; queries come from the collection's embedder.
 */
import type { EmbedderInfo } from '../embedders/embedder.js';
import { specToJson } from '../embedders/transforms/transform-file.js';
import type { TransformSpec } from '../embedders/transforms/vector-transform.js';
import { EmbedkitError } from '../errors.js';
import { DEFAULT_HNSW, type CollectionManifest, type HnswParams, type VectorRecord } from './types.js';
import { validateCollectionName } from './names.js';

export function createManifest(name: string, embedder: EmbedderInfo, hnsw: Partial<HnswParams> = {}, transforms: readonly TransformSpec[] = [], commonComponents?: Readonly<Record<string, unknown>>): CollectionManifest {
  const params = { ...DEFAULT_HNSW, ...hnsw };
  for (const [key, min, max] of [['m', 2, 256], ['efConstruction', 8, 4096], ['ef', 1, 4096]] as const) {
    const v = params[key];
    if (!Number.isInteger(v) || v < min || v > max) throw new EmbedkitError('BAD_OPTION', `hnsw ${key}`, { expected: `an integer in ${min}–${max}`, received: String(v), where: key });
  }
  if (!Number.isInteger(embedder.dim) || embedder.dim <= 0) throw new EmbedkitError('DIM_MISMATCH', 'embedder dimension', { expected: 'a positive integer', received: String(embedder.dim) });
  return {
    name: validateCollectionName(name),
    embedder: { ...embedder },
    dim: embedder.dim,
    metric: 'cosine',
    hnsw: params,
    ...(transforms.length > 0 ? { transforms: transforms.map(specToJson) } : {}),
    ...(commonComponents !== undefined ? { commonComponents } : {}),
    createdAt: new Date().toISOString(),
    version: 1,
  };
}

export function parseManifest(json: string, where: string): CollectionManifest {
  let m: unknown;
  try {
    m = JSON.parse(json);
  } catch (e) {
    throw new EmbedkitError('DATABASE_ERROR', 'collection manifest is not JSON', { where, received: e instanceof Error ? e.message : String(e) });
  }
  const o = m as Partial<CollectionManifest>;
  if (typeof o !== 'object' || o === null || o.version !== 1 || typeof o.dim !== 'number' || typeof o.embedder !== 'object') {
    throw new EmbedkitError('DATABASE_ERROR', 'collection manifest', { expected: 'version 1 with dim and embedder', received: json.slice(0, 120), where });
  }
  return { ...o, hnsw: { ...DEFAULT_HNSW, ...o.hnsw } } as CollectionManifest;
}

/** Throws DIM_MISMATCH / BAD_ARGUMENT naming the record when a vector cannot be stored. */
export function validateRecords(records: readonly VectorRecord[], dim: number, collection: string): void {
  const seen = new Set<string>();
  for (const r of records) {
    if (typeof r.id !== 'string' || r.id.length === 0) throw new EmbedkitError('BAD_ARGUMENT', 'record id', { expected: 'a non-empty string', received: JSON.stringify(r.id), where: collection });
    if (seen.has(r.id)) throw new EmbedkitError('BAD_ARGUMENT', 'duplicate id in one batch', { received: JSON.stringify(r.id), where: collection });
    seen.add(r.id);
    if (typeof r.text !== 'string') throw new EmbedkitError('BAD_ARGUMENT', 'record text', { expected: 'a string', received: typeof r.text, where: `id ${JSON.stringify(r.id)}` });
    if (!(r.vector instanceof Float32Array) || r.vector.length !== dim) {
      throw new EmbedkitError('DIM_MISMATCH', `vector of id ${JSON.stringify(r.id)}`, { expected: `${dim} dims (collection ${collection})`, received: `${r.vector?.length ?? 'no'} dims` });
    }
    const bad = r.vector.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new EmbedkitError('BAD_ARGUMENT', `vector of id ${JSON.stringify(r.id)}`, { expected: 'finite numbers', received: `${r.vector[bad]} at index ${bad}` });
    if (r.metadata !== undefined && (typeof r.metadata !== 'object' || r.metadata === null || Array.isArray(r.metadata))) {
      throw new EmbedkitError('BAD_ARGUMENT', `metadata of id ${JSON.stringify(r.id)}`, { expected: 'a JSON object', received: Array.isArray(r.metadata) ? 'an array' : String(r.metadata) });
    }
  }
}

export function validateQueryVector(query: Float32Array, dim: number, collection: string): void {
  if (query.length !== dim) throw new EmbedkitError('DIM_MISMATCH', 'query vector', { expected: `${dim} dims (collection ${collection})`, received: `${query.length} dims` });
  const bad = query.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new EmbedkitError('BAD_ARGUMENT', 'query vector', { expected: 'finite numbers', received: `${query[bad]} at index ${bad}` });
}

/** The fields that must agree between a collection and the embedder used with it. */
const CHECKED = ['kind', 'model', 'dim', 'pooling', 'normalize', 'prompt', 'layers', 'transforms'] as const;

function field(info: EmbedderInfo, key: (typeof CHECKED)[number]): unknown {
  const v = (info as unknown as Record<string, unknown>)[key];
  return Array.isArray(v) ? (v.length === 0 ? undefined : v.join('+')) : v;
}

/** Throws MODEL_MISMATCH when `info` is not the embedder that made the collection's vectors. */
export function checkEmbedder(manifest: CollectionManifest, info: EmbedderInfo): void {
  for (const key of CHECKED) {
    const want = field(manifest.embedder, key);
    const got = field(info, key);
    if (want !== got) {
      throw new EmbedkitError('MODEL_MISMATCH', `collection ${JSON.stringify(manifest.name)} was built with ${manifest.embedder.id}`, {
        expected: `${key} ${JSON.stringify(want ?? null)}`,
        received: `${key} ${JSON.stringify(got ?? null)} (${info.id})`,
        hint: 'query with the collection’s model, or create a new collection for this model',
      });
    }
  }
}

