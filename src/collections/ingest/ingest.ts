/**
 * Adds records to a collection in batches, streaming: records are taken from any (async) iterable one
 * batch at a time, so memory holds one batch, not the input. Ids already stored are skipped before
 * embedding (so a re-run after a crash resumes where the last committed batch ended), the rest are
 * embedded with the collection's embedder and written in one transaction per batch; `onBatch` runs after
 * each commit — what it reports is durable. A bad record (an id given twice, metadata that cannot be
 * stored) stops the ingest after the batches before it committed, or, with `onBadRecord`, is skipped.
 */
import type { Embedder } from '../../embedders/embedder.js';
import { EmbedkitError } from '../../errors.js';
import { row } from '../../math/matrix.js';
import { checkEmbedder } from '../manifest.js';
import type { Collection, VectorRecord } from '../types.js';
import type { SourceRecord } from './read-source.js';

/** What one committed batch did (reported after its transaction commits). */
export interface BatchAck {
  /** 1-based batch number. */
  readonly batch: number;
  /** Records of the input in this batch (added, replaced or skipped as present). */
  readonly records: number;
  readonly added: number;
  readonly updated: number;
  readonly skipped: number;
  /** Records of the input handled through this batch (all of them durable). */
  readonly committed: number;
  /** Where the last record of the batch came from (`file:line`). */
  readonly through: string;
  /** Ids written in this batch. */
  readonly ids: readonly string[];
}

export interface IngestOptions {
  readonly batchSize?: number;
  /** Replace records whose id exists (default false: skip them). */
  readonly upsert?: boolean;
  /** After each committed batch. */
  readonly onBatch?: (ack: BatchAck) => void;
  /** A record that cannot be added (an id given twice …) is reported here and left out, instead of an error. */
  readonly onBadRecord?: (record: SourceRecord, error: EmbedkitError) => void;
}

export interface IngestResult {
  readonly read: number;
  readonly added: number;
  readonly updated: number;
  readonly skipped: number;
  readonly batches: number;
  /** Records left out through `onBadRecord`. */
  readonly invalid: number;
}

export const DEFAULT_BATCH_SIZE = 256;

async function* batchesOf<T>(items: Iterable<T> | AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const x of items) {
    batch.push(x);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export async function ingest(collection: Collection, embedder: Embedder, records: Iterable<SourceRecord> | AsyncIterable<SourceRecord>, opts: IngestOptions = {}): Promise<IngestResult> {
  checkEmbedder(collection.manifest, embedder.info);
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  // Ids seen so far in this input: a repeated id is an error (the second record would silently not be added).
  const seen = new Set<string>();
  let read = 0;
  let added = 0;
  let updated = 0;
  let skipped = 0;
  let invalid = 0;
  let batches = 0;
  let committed = 0;
  let acks = 0;
  for await (const raw of batchesOf(records, batchSize)) {
    read += raw.length;
    const batch: SourceRecord[] = [];
    for (const r of raw) {
      if (seen.has(r.id)) {
        const e = new EmbedkitError('BAD_ARGUMENT', `duplicate id ${JSON.stringify(r.id)}`, { expected: 'unique ids', received: 'an id given earlier in the input', where: r.where, hint: 'set `skipBadRows` to leave repeated ids out' });
        if (opts.onBadRecord === undefined) throw e;
        opts.onBadRecord(r, e);
        invalid++;
        continue;
      }
      seen.add(r.id);
      batch.push(r);
    }
    const existing = opts.upsert === true || batch.length === 0 ? new Set<string>() : await collection.existingIds(batch.map((r) => r.id));
    const todo = batch.filter((r) => !existing.has(r.id));
    let res = { inserted: 0, updated: 0, skipped: 0 };
    if (todo.length > 0) {
      const m = await embedder.embed(todo.map((r) => r.text));
      const out: VectorRecord[] = todo.map((r, j) => ({ id: r.id, text: r.text, metadata: r.metadata, vector: row(m, j).slice() }));
      res = await collection.upsert(out, { skipExisting: opts.upsert !== true });
      batches++;
    }
    added += res.inserted;
    updated += res.updated;
    skipped += batch.length - todo.length + res.skipped;
    committed += raw.length;
    opts.onBatch?.({
      batch: ++acks,
      records: raw.length,
      added: res.inserted,
      updated: res.updated,
      skipped: batch.length - todo.length + res.skipped,
      committed,
      through: raw[raw.length - 1]!.where,
      ids: todo.map((r) => r.id),
    });
  }
  return { read, added, updated, skipped, batches, invalid };
}
