/**
 * The options of an ingest (`add`), declared once: the CLI's flags and a server's fields come from here and
 * are validated by `validateOptions`. Record reading options (`textField`, `idField`, `encoding` …) are
 * RECORD_OPTIONS.
 */
import { booleanOption, intOption, listOption } from '../../options/option-spec.js';
import { DEFAULT_BATCH_SIZE } from './ingest.js';

export const INGEST_OPTIONS = {
  metadataFields: listOption('fields kept as metadata (default: all fields except text and id)', { valueName: 'a,b' }),
  chunkTokens: intOption(1, 1 << 20, "split texts into chunks of whole words, at most n of the model's tokens each (default for folders: 200, or the model's window if smaller)"),
  chunkOverlap: intOption(0, 1 << 20, 'tokens shared by consecutive chunks (default a fifth of `chunkTokens`)'),
  batchSize: intOption(1, 1 << 16, `records per committed batch (default ${DEFAULT_BATCH_SIZE})`),
  upsert: booleanOption('replace records whose id exists (default: skip them)'),
  skipBadRows: booleanOption('skip bad records (empty text, a bad id, an id given twice, metadata too deep …) with one warning, instead of stopping'),
} as const;
