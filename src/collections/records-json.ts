/**
 * The JSON answers of collection reads, shared by the CLI (`--json`) and the HTTP server: a collection's
 * summary `{name, count, dim, model}`, and records by id `{records: [{id, text, metadata, vector?}], missing}`.
 */
import { EmbedkitError } from '../errors.js';
import type { Collection, CollectionSummary, Metadata } from './types.js';

export async function collectionSummary(c: Collection): Promise<CollectionSummary> {
  return { name: c.name, count: await c.count(), dim: c.manifest.dim, model: c.manifest.embedder.model };
}

export interface RecordJson {
  readonly id: string;
  readonly text: string;
  readonly metadata: Metadata;
  readonly vector?: number[];
}

/** Records in the order of `ids` and the ids not stored; BAD_ARGUMENT when none is. */
export async function recordsById(c: Collection, ids: readonly string[], opts: { readonly vectors?: boolean } = {}): Promise<{ records: RecordJson[]; missing: string[] }> {
  const found = await c.get(ids);
  const byId = new Map(found.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  const records = ids.flatMap((id) => {
    const r = byId.get(id);
    return r === undefined ? [] : [{ id: r.id, text: r.text, metadata: r.metadata, ...(opts.vectors === true ? { vector: Array.from(r.vector) } : {}) }];
  });
  if (records.length === 0) {
    throw new EmbedkitError('RECORD_NOT_FOUND', `no record with id ${ids.map((i) => JSON.stringify(i)).join(', ')}`, { expected: 'ids stored in the collection', received: ids.join(', '), where: `collection ${c.name}` });
  }
  return { records, missing };
}
