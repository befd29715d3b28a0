/**
 * The one record reader for text inputs: plain lines (one text per line), JSONL (one object per line) and
 * CSV (a header row), by extension unless a format is given; gzip is read transparently. `embed`, `add`
 * and the evaluation data readers all read records through here, with the same option names
 * (`textField`, `idField`, `encoding`) and the same errors (file and line, what was expected).
 */
import { Readable } from 'node:stream';
import { parse as parseCsv, type Options as CsvOptions } from 'csv-parse';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { EmbedkitError, FormatError } from '../errors.js';
import { readLines } from './line-reader.js';
import { openStream } from './open-stream.js';

export type RecordFormat = 'lines' | 'jsonl' | 'csv';
export const RECORD_FORMATS: readonly RecordFormat[] = ['lines', 'jsonl', 'csv'];
export type TextEncoding = 'utf8' | 'latin1';

export interface RecordReadOptions {
  readonly format?: RecordFormat;
  /** JSONL field / CSV column holding the text (default `text`). */
  readonly textField?: string;
  /** JSONL field / CSV column holding the id: every record must have one (a string or a number). */
  readonly idField?: string;
  /** A field used as the id where present (e.g. `id`), without requiring it. */
  readonly implicitIdField?: string;
  readonly encoding?: TextEncoding;
  /** Records whose text is empty or blank: kept (default), or an error naming the line. */
  readonly emptyText?: 'keep' | 'error';
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
  return obj as Record<string, unknown>;
}

export interface CsvRow {
  readonly fields: Record<string, string>;
  /** 1-based line where the row starts. */
  readonly line: number;
}

/** csv-parse settings shared by the streaming and the in-memory reader: a header row with distinct names. */
function csvSettings(file: string, onHeader: (names: string[]) => void, relaxColumnCount: boolean): CsvOptions {
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
  };
}

function csvError(e: unknown, file: string, header: string[] | undefined): EmbedkitError {
  if (e instanceof EmbedkitError) return e;
  const err = e as { message?: string; lines?: number };
  return new FormatError(file, 'malformed CSV', { ...(err.lines !== undefined ? { line: err.lines } : {}), expected: `valid CSV${header === undefined ? ' with a header row' : ` with ${header.length} columns`}`, received: err.message ?? String(e) });
}

/**
 * CSV rows with a header, streamed from a byte stream. A header with a repeated column name, a row with the
 * wrong number of fields, or broken quoting is a FormatError naming the file and line.
 */
export async function* csvRecords(source: Readable, file: string, encoding: TextEncoding = 'utf8'): AsyncGenerator<CsvRow> {
  let header: string[] | undefined;
  const parser = source.pipe(parseCsv({ ...csvSettings(file, (h) => (header = h), false), encoding }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) yield { fields: record, line: info.lines };
  } catch (e) {
    throw csvError(e, file, header);
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
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new FormatError(file, `id field ${JSON.stringify(field)}`, { line, expected: 'a non-empty string or a number', received: value === undefined ? 'no such field' : value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : JSON.stringify(value) });
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
  else if (opts.implicitIdField !== undefined && fields[opts.implicitIdField] !== undefined && fields[opts.implicitIdField] !== '') id = idOf(fields[opts.implicitIdField], opts.implicitIdField, file, line);
  return { text, fields, line, ...(id !== undefined ? { id } : {}) };
}

/** Streams the records of a file. Plain-line files yield every line (blank ones included); JSONL skips blank lines. */
export async function* readRecords(path: string, opts: RecordReadOptions = {}): AsyncGenerator<InputRecord> {
  const format = opts.format ?? recordFormatFromPath(path);
  const opened = await openStream(path, 'input file');
  if (format === 'lines') {
    for await (const { text, line } of readLines(opened.stream, opts.encoding)) {
      if (opts.emptyText === 'error' && text.trim().length === 0) continue;
      yield { text, fields: {}, line };
    }
    return;
  }
  if (format === 'jsonl') {
    for await (const { text, line } of readLines(opened.stream, opts.encoding)) {
      if (text.trim().length === 0) continue;
      yield record(jsonRecord(text, path, line), path, line, opts, 'field');
    }
    return;
  }
  for await (const { fields, line } of csvRecords(opened.stream, path, opts.encoding)) yield record(fields, path, line, opts, 'column');
}

/** Every record of a file (see `readRecords`). */
export async function readAllRecords(path: string, opts: RecordReadOptions = {}): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const r of readRecords(path, opts)) out.push(r);
  return out;
}
