/**
 * The options of adding records to a collection, declared once: the CLI's `add` flags and the server's
 * add-records route are generated from them and validated by the same validator.
 */
import { booleanOption, intOption } from '../../options/option-spec.js';
import { validateOptions } from '../../options/validate.js';
import { EmbedkitError } from '../../errors.js';
import type { ChunkOptions } from './chunk.js';
import { DEFAULT_BATCH_SIZE } from './ingest.js';

export const INGEST_OPTIONS = {
  chunkTokens: intOption(1, 1 << 20, "split texts into chunks of whole words, at most n of the model's tokens each (default for folders: 200, or the model's window if smaller)"),
  chunkOverlap: intOption(0, 1 << 20, 'tokens shared by consecutive chunks (default n/5)'),
  batchSize: intOption(1, 1 << 20, 'records per committed batch', { default: DEFAULT_BATCH_SIZE }),
  upsert: booleanOption('replace records whose id exists (default: skip them)'),
  skipBadRows: booleanOption('skip bad records (empty text, a bad id, an id given twice, metadata too deep …) with one warning, instead of stopping'),
} as const;

export interface IngestSettings {
  readonly batchSize: number;
  readonly upsert: boolean;
  /** Leave bad records out (reported) instead of stopping at the first. */
  readonly skipBadRows: boolean;
  /** Chunking asked for (`chunkTokens` given). */
  readonly chunk?: ChunkOptions;
}

/** Validated ingest options: `chunkOverlap` needs `chunkTokens` and defaults to a fifth of it. */
export function ingestSettings(raw: Readonly<Record<string, unknown>>): IngestSettings {
  const o = validateOptions(INGEST_OPTIONS, raw);
  if (o.chunkTokens === undefined && o.chunkOverlap !== undefined) {
    throw new EmbedkitError('BAD_OPTION', 'chunkOverlap', { expected: 'together with `chunkTokens`', received: String(o.chunkOverlap), where: 'chunkOverlap' });
  }
  return {
    batchSize: o.batchSize ?? DEFAULT_BATCH_SIZE,
    upsert: o.upsert === true,
    skipBadRows: o.skipBadRows === true,
    ...(o.chunkTokens !== undefined ? { chunk: { tokens: o.chunkTokens, overlap: o.chunkOverlap ?? Math.floor(o.chunkTokens / 5) } } : {}),
  };
}
