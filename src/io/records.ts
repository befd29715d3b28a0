/**
 * The one record reader for text inputs: plain lines (one text per line), JSONL (one object per line) and
 * CSV (a header row), by extension unless a format is given; gzip is read transparently. `embed`, `add`
 * and the evaluation data readers all read records through here, with the same option names
 * (`textField`, `idField`, `encoding`) and the same errors (file and line, what was expected).
 * Text is decoded strictly (invalid UTF-8 and binary data are errors, see text-decoding.ts), and strings
 * that cannot be stored as UTF-8 (JSON escapes of lone surrogates) are rejected. A bad record is an error,
 * or, with `onBadRecord`, reported and skipped (problems of the whole file — its encoding, a CSV header —
 * always stop the read).
 */
import { Readable } from 'node:stream';
import { parse as parseCsv, type Options as CsvOptions } from 'csv-parse';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { EmbedkitError, FormatError } from '../errors.js';
import { readLines } from './line-reader.js';
import { openStream } from './open-stream.js';
import { decodeText, type TextEncodingChoice } from './text-decoding.js';

export type RecordFormat = 'lines' | 'jsonl' | 'csv';
export const RECORD_FORMATS: readonly RecordFormat[] = ['lines', 'jsonl', 'csv'];
export type { TextEncodingChoice } from './text-decoding.js';

export interface RecordReadOptions {
  readonly format?: RecordFormat;
  /** JSONL field / CSV column holding the text (default `text`). */
  readonly textField?: string;
  /** JSONL field / CSV column holding the id: every record must have one (a string or a number). */
  readonly idField?: string;
  /** A field used as the id where present (e.g. `id`), without requiring it. */
  readonly implicitIdField?: string;
  readonly encoding?: TextEncodingChoice;
  /** Records whose text is empty or blank: kept (default), or an error naming the line. */
  readonly emptyText?: 'keep' | 'error';
  /** Bad records are reported here and skipped instead of stopping the read. */
  readonly onBadRecord?: (error: FormatError) => void;
  /** Called with the bytes of the file read so far (compressed bytes for gzip), now and then. */
  readonly onProgress?: (bytesRead: number, fileSize: number) => void;
}

export interface InputRecord {
  readonly text: string;
  readonly id?: string;
  /** Every field of the record (JSONL object / CSV row); `{}` for plain lines. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** 1-based line of the record's start. */
  readonly line: number;
}

export function recordFormatFromPath(path: string): RecordFormat {
  const p = path.toLowerCase().replace(/\.gz$/, '');
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson')) return 'jsonl';
  if (p.endsWith('.csv')) return 'csv';
  return 'lines';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string (value or key) in a JSON value holding a lone surrogate, found without recursion. */
function loneSurrogateIn(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) return v;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k)) return k;
        stack.push(x);
      }
    }
  }
  return undefined;
}

/** Throws when `s` holds a lone surrogate (it has no UTF-8 form: a database would store U+FFFD or fail). */
export function checkWellFormed(s: string, file: string, line: number, what: string): void {
  if (LONE_SURROGATE.test(s)) throw new FormatError(file, `${what}: invalid Unicode`, { line, expected: 'well-formed text', received: `a lone surrogate (an unpaired \\uD800–\\uDFFF escape) in ${JSON.stringify(s.slice(0, 40))}` });
}

/** Parses one JSONL line that must hold a JSON object; errors name the file and line. */
export function jsonRecord(text: string, file: string, line: number): Record<string, unknown> {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new FormatError(file, 'invalid JSON', { line, expected: 'one JSON object per line', received: e instanceof Error ? e.message : String(e) });
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new FormatError(file, 'not an object', { line, expected: 'a JSON object', received: Array.isArray(obj) ? 'an array' : obj === null ? 'null' : typeof obj });
  }
  // JSON escapes can spell lone surrogates (`"\ud800"`), which no UTF-8 file or database can hold.
  if (/\\u[dD][89a-fA-F]/.test(text)) {
    const bad = loneSurrogateIn(obj);
    if (bad !== undefined) checkWellFormed(bad, file, line, 'string');
  }
  return obj as Record<string, unknown>;
}

export interface CsvRow {
  readonly fields: Record<string, string>;
  /** 1-based line where the row starts. */
  readonly line: number;
}

/** csv-parse settings shared by the streaming and the in-memory reader: a header row with distinct names. */
function csvSettings(file: string, onHeader: (names: string[]) => void, relaxColumnCount: boolean, onSkip?: (e: FormatError) => void): CsvOptions {
  return {
    columns: (names: string[]) => {
      const seen = new Set<string>();
      for (const n of names) {
        if (seen.has(n)) throw new FormatError(file, 'CSV header', { line: 1, expected: 'distinct column names', received: `${JSON.stringify(n)} twice` });
        seen.add(n);
      }
      onHeader(names);
      return names;
    },
    bom: true,
    skip_empty_lines: true,
    info: true,
    relax_column_count: relaxColumnCount,
    ...(onSkip !== undefined ? { skip_records_with_error: true, on_skip: (e: unknown): undefined => void onSkip(csvError(e, file, undefined) as FormatError) } : {}),
  };
}

function csvError(e: unknown, file: string, header: string[] | undefined): EmbedkitError {
  if (e instanceof EmbedkitError) return e;
  const err = e as { message?: string; lines?: number };
  const message = (err.message ?? String(e)).replace(/\s+/g, ' ');
  return new FormatError(file, 'malformed CSV', { ...(err.lines !== undefined ? { line: err.lines } : {}), expected: `valid CSV${header === undefined ? ' with a header row' : ` with ${header.length} columns`}`, received: message });
}

/**
 * CSV rows with a header, streamed from a byte stream (decoded strictly). A header with a repeated column
 * name is a FormatError naming the file; a row with the wrong number of fields, or broken quoting, too
 * (or, with `onBadRow`, reported and skipped).
 */
export async function* csvRecords(source: Readable, file: string, encoding: TextEncodingChoice = 'utf8', onBadRow?: (e: FormatError) => void): AsyncGenerator<CsvRow> {
  let header: string[] | undefined;
  const text = Readable.from(decodeText(source, { encoding, file }));
  const parser = parseCsv(csvSettings(file, (h) => (header = h), false, onBadRow));
  text.on('error', (e) => parser.destroy(e));
  text.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) yield { fields: record, line: info.lines };
  } catch (e) {
    throw csvError(e, file, header);
  } finally {
    text.destroy();
  }
}

/** CSV rows with a header from decoded text (small files read whole); `relaxColumnCount` tolerates ragged rows. */
export function csvRows(text: string, file: string, opts: { relaxColumnCount?: boolean } = {}): { header: string[]; rows: CsvRow[] } {
  let header: string[] = [];
  try {
    const parsed = parseCsvSync(text, csvSettings(file, (h) => (header = h), opts.relaxColumnCount === true)) as unknown as { record: Record<string, string>; info: { lines: number } }[];
    return { header, rows: parsed.map(({ record, info }) => ({ fields: record, line: info.lines })) };
  } catch (e) {
    throw csvError(e, file, header.length > 0 ? header : undefined);
  }
}

function idOf(value: unknown, field: string, file: string, line: number): string {
  if (typeof value === 'string' && value.trim().length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const received = value === undefined ? 'no such field' : value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : JSON.stringify(value);
  throw new FormatError(file, `id field ${JSON.stringify(field)}`, { line, expected: 'a non-empty string or a number', received });
}

function record(fields: Record<string, unknown>, file: string, line: number, opts: RecordReadOptions, what: 'field' | 'column'): InputRecord {
  const textField = opts.textField ?? 'text';
  const text = fields[textField];
  if (text === undefined && what === 'column') {
    throw new FormatError(file, `column ${JSON.stringify(textField)}`, { line: 1, expected: `a header with column ${JSON.stringify(textField)}`, received: `columns ${Object.keys(fields).map((k) => JSON.stringify(k)).join(', ')}` });
  }
  if (typeof text !== 'string') {
    const received = text === undefined ? `no such ${what} (${what}s: ${Object.keys(fields).map((k) => JSON.stringify(k)).join(', ')})` : text === null ? 'null' : typeof text;
    throw new FormatError(file, `${what} ${JSON.stringify(textField)}`, { line, expected: 'a string', received });
  }
  if (opts.emptyText === 'error' && text.trim().length === 0) throw new FormatError(file, 'empty text', { line, expected: `non-empty ${JSON.stringify(textField)}`, received: JSON.stringify(text) });
  let id: string | undefined;
  if (opts.idField !== undefined) id = idOf(fields[opts.idField], opts.idField, file, line);
  else if (opts.implicitIdField !== undefined && fields[opts.implicitIdField] !== undefined) id = idOf(fields[opts.implicitIdField], opts.implicitIdField, file, line);
  return { text, fields, line, ...(id !== undefined ? { id } : {}) };
}

/** `make()`, or, when it throws a FormatError and bad records are skipped, undefined after reporting it. */
function orSkip(make: () => InputRecord, opts: RecordReadOptions): InputRecord | undefined {
  if (opts.onBadRecord === undefined) return make();
  try {
    return make();
  } catch (e) {
    if (!(e instanceof FormatError) || (e.line === 1 && e.subject.startsWith('column '))) throw e; // a header problem is the file's
    opts.onBadRecord(e);
    return undefined;
  }
}

/** Streams the records of a file. Plain-line files yield every line (blank ones included); JSONL skips blank lines. */
export async function* readRecords(path: string, opts: RecordReadOptions = {}): AsyncGenerator<InputRecord> {
  const format = opts.format ?? recordFormatFromPath(path);
  const opened = await openStream(path, 'input file');
  const decoding = { ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}), file: path };
  const progress = opts.onProgress === undefined ? (): void => {} : (): void => opts.onProgress!(opened.rawBytesRead(), opened.fileSize);
  if (format === 'lines') {
    for await (const { text, line } of readLines(opened.stream, decoding)) {
      progress();
      if (opts.emptyText === 'error' && text.trim().length === 0) continue;
      yield { text, fields: {}, line };
    }
    return;
  }
  if (format === 'jsonl') {
    for await (const { text, line } of readLines(opened.stream, decoding)) {
      progress();
      if (text.trim().length === 0) continue;
      const r = orSkip(() => record(jsonRecord(text, path, line), path, line, opts, 'field'), opts);
      if (r !== undefined) yield r;
    }
    return;
  }
  for await (const { fields, line } of csvRecords(opened.stream, path, opts.encoding, opts.onBadRecord)) {
    progress();
    const r = orSkip(() => record(fields, path, line, opts, 'column'), opts);
    if (r !== undefined) yield r;
  }
}

/** Every record of a file (see `readRecords`). */
export async function readAllRecords(path: string, opts: RecordReadOptions = {}): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const r of readRecords(path, opts)) out.push(r);
  return out;
}
