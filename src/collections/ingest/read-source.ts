/**
 * Reads records to ingest: plain text lines (ids `FILE:LINE`), JSONL, CSV, or a folder of `.txt` / `.md`
 * files (ids = relative paths). The whole input is read and validated before anything is written, so a
 * malformed line stops the ingest with its file and line and nothing from that input is added.
 * Optional chunking splits each text into overlapping runs of whole words of at most N tokens, counted
 * with the embedder's tokenizer when given (ids `ID#N`, offsets in metadata).
 */
import { promises as fsp, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { EmbedkitError } from '../../errors.js';
import { readRecords, recordFormatFromPath, type RecordFormat } from '../../io/records.js';
import type { Metadata } from '../types.js';
import { chunkText, type ChunkOptions } from './chunk.js';

export interface SourceRecord {
  readonly id: string;
  readonly text: string;
  readonly metadata: Metadata;
  /** `file:line` for error messages. */
  readonly where: string;
}

export interface SourceOptions {
  readonly format?: RecordFormat;
  /** JSONL field / CSV column with the text (default `text`). */
  readonly textField?: string;
  /** JSONL field / CSV column with the id (default `id` when present, else generated). */
  readonly idField?: string;
  /** Fields copied to metadata (default: every field except text and id). */
  readonly metadataFields?: readonly string[];
  readonly encoding?: 'utf8' | 'latin1';
  /** Split texts into chunks (default: off for files, 200/40 tokens for folders). */
  readonly chunk?: ChunkOptions;
  /** The embedder's token counter (`Embedder.countTokens`): chunks are sized in its tokens (default: words). */
  readonly countTokens?: (text: string) => number;
  /** Chunking of folders when `chunk` is not given (default DEFAULT_FOLDER_CHUNK; see folderChunkFor). */
  readonly folderChunk?: ChunkOptions;
}

export const DEFAULT_FOLDER_CHUNK: ChunkOptions = { tokens: 200, overlap: 40 };

/**
 * Folder chunks that fit a model's window: 200 tokens, or fewer when the model reads fewer per sequence
 * (`maxLength` minus 2 for the special tokens, e.g. [CLS] and [SEP]); overlap one fifth.
 */
export function folderChunkFor(maxLength: number | undefined): ChunkOptions {
  const tokens = maxLength === undefined ? DEFAULT_FOLDER_CHUNK.tokens : Math.max(1, Math.min(DEFAULT_FOLDER_CHUNK.tokens, maxLength - 2));
  return { tokens, overlap: Math.floor(tokens / 5) };
}

function pickMetadata(fields: Readonly<Record<string, unknown>>, opts: SourceOptions, textField: string, idField: string): Metadata {
  const out: Metadata = {};
  const keys = opts.metadataFields ?? Object.keys(fields).filter((k) => k !== textField && k !== idField);
  for (const k of keys) if (fields[k] !== undefined) out[k] = fields[k];
  return out;
}

async function readFileRecords(path: string, opts: SourceOptions): Promise<SourceRecord[]> {
  const format = opts.format ?? recordFormatFromPath(path);
  const name = basename(path);
  const textField = opts.textField ?? 'text';
  const idField = opts.idField ?? 'id';
  const out: SourceRecord[] = [];
  const records = readRecords(path, {
    format,
    textField,
    ...(opts.idField !== undefined ? { idField: opts.idField } : { implicitIdField: 'id' }),
    ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
    emptyText: 'error',
  });
  for await (const r of records) {
    const where = `${path}:${r.line}`;
    if (format === 'lines') out.push({ id: `${name}:${r.line}`, text: r.text, metadata: { source: name, line: r.line }, where });
    else out.push({ id: r.id ?? `${name}:${r.line}`, text: r.text, metadata: pickMetadata(r.fields, opts, textField, idField), where });
  }
  return out;
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

async function readFolderRecords(dir: string, opts: SourceOptions): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for (const file of await walk(dir)) {
    const rel = relative(dir, file).split('\\').join('/');
    const text = await fsp.readFile(file, opts.encoding ?? 'utf8');
    if (text.trim().length === 0) continue;
    out.push({ id: rel, text, metadata: { source: rel }, where: file });
  }
  if (out.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'no .txt or .md files with text', { where: dir });
  return out;
}

/** All records of a file or folder, validated, chunked when asked. */
export async function readSource(path: string, opts: SourceOptions = {}): Promise<SourceRecord[]> {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new EmbedkitError('FILE_NOT_FOUND', 'input', { where: path });
  }
  const records = isDir ? await readFolderRecords(path, opts) : await readFileRecords(path, opts);
  const chunk = opts.chunk ?? (isDir ? (opts.folderChunk ?? DEFAULT_FOLDER_CHUNK) : undefined);
  return chunk === undefined ? records : chunkRecords(records, chunk, opts.countTokens);
}

/** Records split into chunks (ids `ID#N`; source, offsets and chunk number in metadata). */
export function chunkRecords(records: readonly SourceRecord[], chunk: ChunkOptions, countTokens?: (text: string) => number): SourceRecord[] {
  const count = chunk.countTokens ?? countTokens;
  const sized: ChunkOptions = count !== undefined ? { ...chunk, countTokens: count } : chunk;
  return records.flatMap((r) =>
    chunkText(r.text, sized).map((c) => ({
      id: `${r.id}#${c.index}`,
      text: c.text,
      metadata: { ...r.metadata, source: typeof r.metadata['source'] === 'string' ? r.metadata['source'] : r.id, start: c.start, end: c.end, chunk: c.index },
      where: r.where,
    })),
  );
}
