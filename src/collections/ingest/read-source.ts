/**
 * Reads records to ingest, as a stream: plain text lines (ids `FILE:LINE`), JSONL, CSV, or a folder of
 * `.txt` / `.md` files (ids = relative paths). Records are parsed and validated one at a time (text
 * decoded strictly, ids strings or numbers, metadata JSON-safe and at most MAX_METADATA_DEPTH deep), so
 * `add` holds one batch, not the input: a bad line stops the ingest with its file and line after the
 * batches before it committed — or, with `skipBadRows`, is reported and skipped.
 * Optional chunking splits each text into overlapping runs of whole words of at most N tokens, counted
 * with the embedder's tokenizer when given (ids `ID#N`, offsets in metadata).
 */
import { promises as fsp, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { EmbedkitError, FormatError } from '../../errors.js';
import { readRecords, recordFormatFromPath, type InputRecord, type RecordFormat } from '../../io/records.js';
import { decodeBytes, type TextEncodingChoice } from '../../io/text-decoding.js';
import type { Metadata } from '../types.js';
import { chunkText, type ChunkOptions } from './chunk.js';

export interface SourceRecord {
  readonly id: string;
  readonly text: string;
  readonly metadata: Metadata;
  /** `file:line` for error messages. */
  readonly where: string;
}

/** A record left out (`skipBadRows`): where it was, its id when known, and why. */
export interface SkippedRecord {
  readonly where: string;
  readonly id?: string;
  readonly reason: string;
}

export interface SourceOptions {
  readonly format?: RecordFormat;
  /** JSONL field / CSV column with the text (default `text`). */
  readonly textField?: string;
  /** JSONL field / CSV column with the id (default `id` when present, else generated). */
  readonly idField?: string;
  /** Fields copied to metadata (default: every field except text and id). */
  readonly metadataFields?: readonly string[];
  readonly encoding?: TextEncodingChoice;
  /** Split texts into chunks (default: off for files, 200/40 tokens for folders). */
  readonly chunk?: ChunkOptions;
  /** The embedder's token counter (`Embedder.countTokens`): chunks are sized in its tokens (default: words). */
  readonly countTokens?: (text: string) => number;
  /** Chunking of folders when `chunk` is not given (default DEFAULT_FOLDER_CHUNK; see folderChunkFor). */
  readonly folderChunk?: ChunkOptions;
  /** Bad records (empty text, a bad id, metadata too deep …) are reported to `onSkip` and left out. */
  readonly skipBadRows?: boolean;
  readonly onSkip?: (skipped: SkippedRecord) => void;
}

export const DEFAULT_FOLDER_CHUNK: ChunkOptions = { tokens: 200, overlap: 40 };

/** Metadata nesting allowed (SQLite's JSON functions stop at 1,000; filters only look at the top level). */
export const MAX_METADATA_DEPTH = 32;

/**
 * Folder chunks that fit a model's window: 200 tokens, or fewer when the model reads fewer per sequence
 * (`maxLength` minus 2 for the special tokens, e.g. [CLS] and [SEP]); overlap one fifth.
 */
export function folderChunkFor(maxLength: number | undefined): ChunkOptions {
  const tokens = maxLength === undefined ? DEFAULT_FOLDER_CHUNK.tokens : Math.max(1, Math.min(DEFAULT_FOLDER_CHUNK.tokens, maxLength - 2));
  return { tokens, overlap: Math.floor(tokens / 5) };
}

/** Nesting depth of a JSON value (1 for a scalar), computed without recursion; stops counting past `limit`. */
function depthOf(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    if (typeof v === 'object' && v !== null) for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push([x, d + 1]);
  }
  return max;
}

/** Throws a FormatError naming the line when metadata cannot be stored (too deep). */
export function checkMetadata(metadata: Metadata, file: string, line: number): void {
  const depth = depthOf(metadata, MAX_METADATA_DEPTH);
  if (depth > MAX_METADATA_DEPTH) {
    throw new FormatError(file, 'metadata nested too deeply', { line, expected: `at most ${MAX_METADATA_DEPTH} levels of objects and arrays`, received: `more than ${MAX_METADATA_DEPTH}` });
  }
}

function pickMetadata(fields: Readonly<Record<string, unknown>>, opts: SourceOptions, textField: string, idField: string): Metadata {
  const out: Metadata = {};
  const keys = opts.metadataFields ?? Object.keys(fields).filter((k) => k !== textField && k !== idField);
  for (const k of keys) if (fields[k] !== undefined) out[k] = fields[k];
  return out;
}

/** A stream of records and how far it has read. */
export interface Source {
  readonly records: AsyncIterable<SourceRecord>;
  /** Progress through the input: bytes of a file, files of a folder. */
  progress(): { readonly done: number; readonly total: number; readonly unit: string };
}

const SKIP_HINT = 'fix the record, or set `skipBadRows` to leave bad records out';

/** The error with the hint that bad records can be skipped. */
function withSkipHint(e: FormatError): FormatError {
  if (e.hint !== undefined) return e;
  return new FormatError(e.file, e.subject, {
    ...(e.line !== undefined ? { line: e.line } : {}),
    ...(e.byteOffset !== undefined ? { byteOffset: e.byteOffset } : {}),
    ...(e.expected !== undefined ? { expected: e.expected } : {}),
    ...(e.received !== undefined ? { received: e.received } : {}),
    hint: SKIP_HINT,
    cause: e,
  });
}

/** What happens to a bad record: reported and left out (`skipBadRows`), or an error hinting at the option. */
function skipper(opts: SourceOptions): (e: FormatError, id?: string) => void {
  if (opts.skipBadRows !== true) {
    return (e) => {
      throw withSkipHint(e);
    };
  }
  return (e, id) => opts.onSkip?.({ where: e.where ?? e.file, ...(id !== undefined ? { id } : {}), reason: e.format(() => undefined).replace(/^malformed file: /, '').replace(/ at \S+$/, '') });
}

async function* fileRecords(path: string, opts: SourceOptions, onRead: (bytes: number) => void): AsyncGenerator<SourceRecord> {
  const format = opts.format ?? recordFormatFromPath(path);
  const name = basename(path);
  const textField = opts.textField ?? 'text';
  const idField = opts.idField ?? 'id';
  const skip = skipper(opts);
  const records = readRecords(path, {
    format,
    textField,
    ...(opts.idField !== undefined ? { idField: opts.idField } : { implicitIdField: 'id' }),
    ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
    emptyText: 'error',
    onBadRecord: (e: FormatError) => skip(e),
    onProgress: onRead,
  });
  for await (const r of records as AsyncIterable<InputRecord>) {
    const where = `${path}:${r.line}`;
    if (format === 'lines') {
      yield { id: `${name}:${r.line}`, text: r.text, metadata: { source: name, line: r.line }, where };
      continue;
    }
    const metadata = pickMetadata(r.fields, opts, textField, idField);
    try {
      checkMetadata(metadata, path, r.line);
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      skip(e, r.id);
      continue;
    }
    yield { id: r.id ?? `${name}:${r.line}`, text: r.text, metadata, where };
  }
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile() && ['.txt', '.md'].includes(extname(e.name).toLowerCase())) out.push(p);
  }
  return out.sort();
}

async function* folderRecords(dir: string, files: readonly string[], opts: SourceOptions, onFile: () => void): AsyncGenerator<SourceRecord> {
  const skip = skipper(opts);
  let any = false;
  for (const file of files) {
    const rel = relative(dir, file).split('\\').join('/');
    let text: string;
    try {
      text = decodeBytes(await fsp.readFile(file), { encoding: opts.encoding ?? 'utf8', file }).text;
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      skip(e, rel);
      continue;
    } finally {
      onFile();
    }
    if (text.trim().length === 0) continue;
    any = true;
    yield { id: rel, text, metadata: { source: rel }, where: file };
  }
  if (!any) throw new EmbedkitError('EMPTY_INPUT', 'no .txt or .md files with text', { where: dir });
}

/** One record split into chunks (ids `ID#N`; source, offsets and chunk number in metadata). */
function chunksOf(r: SourceRecord, chunk: ChunkOptions): SourceRecord[] {
  return chunkText(r.text, chunk).map((c) => ({
    id: `${r.id}#${c.index}`,
    text: c.text,
    metadata: { ...r.metadata, source: typeof r.metadata['source'] === 'string' ? r.metadata['source'] : r.id, start: c.start, end: c.end, chunk: c.index },
    where: r.where,
  }));
}

async function* chunked(records: AsyncIterable<SourceRecord>, chunk: ChunkOptions): AsyncGenerator<SourceRecord> {
  for await (const r of records) yield* chunksOf(r, chunk);
}

/** Records in memory split into chunks (see `chunksOf`), sized in `countTokens` unless the chunk options carry their own. */
export function chunkRecords(records: readonly SourceRecord[], chunk: ChunkOptions, countTokens?: (text: string) => number): SourceRecord[] {
  const count = chunk.countTokens ?? countTokens;
  const sized: ChunkOptions = count !== undefined ? { ...chunk, countTokens: count } : chunk;
  return records.flatMap((r) => chunksOf(r, sized));
}

/** The records of a file or folder as a stream, validated one at a time, chunked when asked. */
export async function openSource(path: string, opts: SourceOptions = {}): Promise<Source> {
  let isDir: boolean;
  let size = 0;
  try {
    const st = statSync(path);
    isDir = st.isDirectory();
    size = st.size;
  } catch {
    throw new EmbedkitError('FILE_NOT_FOUND', 'input', { where: path });
  }
  let done = 0;
  let records: AsyncIterable<SourceRecord>;
  let total: number;
  let unit: string;
  if (isDir) {
    const files = await walk(path);
    if (files.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'no .txt or .md files with text', { where: path });
    records = folderRecords(path, files, opts, () => done++);
    [total, unit] = [files.length, 'files'];
  } else {
    records = fileRecords(path, opts, (bytes) => (done = bytes));
    [total, unit] = [size, 'bytes'];
  }
  const chunk = opts.chunk ?? (isDir ? (opts.folderChunk ?? DEFAULT_FOLDER_CHUNK) : undefined);
  if (chunk !== undefined) {
    const countTokens = chunk.countTokens ?? opts.countTokens;
    records = chunked(records, countTokens !== undefined ? { ...chunk, countTokens } : chunk);
  }
  return { records, progress: () => ({ done: Math.min(done, total), total, unit }) };
}

/** Every record of a file or folder, in memory (see `openSource` for the stream). */
export async function readSource(path: string, opts: SourceOptions = {}): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of (await openSource(path, opts)).records) out.push(r);
  return out;
}
