/**
 * Adds records to a collection in batches: ids already stored are skipped before embedding (so a re-run
 * after a crash resumes where the last committed batch ended), the rest are embedded with the collection's
 * embedder and written in one transaction per batch. `onBatch` runs after each commit.
 */
import type { Embedder } from '../../embedders/embedder.js';
import { EmbedkitError } from '../../errors.js';
import { row } from '../../math/matrix.js';
import { checkEmbedder } from '../manifest.js';
import type { Collection, VectorRecord } from '../types.js';
import type { SourceRecord } from './read-source.js';

export interface IngestOptions {
  readonly batchSize?: number;
  /** Replace records whose id exists (default false: skip them). */
  readonly upsert?: boolean;
  /** After each committed batch: ids written, records processed so far, total. */
  readonly onBatch?: (ids: readonly string[], done: number, total: number) => void;
}

export interface IngestResult {
  readonly read: number;
  readonly added: number;
  readonly updated: number;
  readonly skipped: number;
  readonly batches: number;
}

export const DEFAULT_BATCH_SIZE = 256;

export async function ingest(collection: Collection, embedder: Embedder, records: readonly SourceRecord[], opts: IngestOptions = {}): Promise<IngestResult> {
  checkEmbedder(collection.manifest, embedder.info);
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const seen = new Map<string, string>();
  for (const r of records) {
    const prev = seen.get(r.id);
    if (prev !== undefined) throw new EmbedkitError('BAD_ARGUMENT', `duplicate id ${JSON.stringify(r.id)}`, { expected: 'unique ids', received: `also at ${prev}`, where: r.where });
    seen.set(r.id, r.where);
  }
  let added = 0;
  let updated = 0;
  let skipped = 0;
  let batches = 0;
  for (let i = 0; i < records.length; i += batchSize) {
    const batch = records.slice(i, i + batchSize);
    const existing = opts.upsert === true ? new Set<string>() : await collection.existingIds(batch.map((r) => r.id));
    const todo = batch.filter((r) => !existing.has(r.id));
    skipped += batch.length - todo.length;
    if (todo.length > 0) {
      const m = await embedder.embed(todo.map((r) => r.text));
      const out: VectorRecord[] = todo.map((r, j) => ({ id: r.id, text: r.text, metadata: r.metadata, vector: row(m, j).slice() }));
      const res = await collection.upsert(out, { skipExisting: opts.upsert !== true });
      added += res.inserted;
      updated += res.updated;
      skipped += res.skipped;
      batches++;
    }
    opts.onBatch?.(todo.map((r) => r.id), Math.min(records.length, i + batchSize), records.length);
  }
  return { read: records.length, added, updated, skipped, batches };
}
