/**
 * Reads texts to embed from a file: plain lines (one text per line), JSONL (`--field`, default `text`),
 * or CSV (`--column`, default `text`). Format from the extension unless given. Errors name file and line.
 */
import { parse as parseCsv } from 'csv-parse';
import { EmbedkitError, FormatError } from '../errors.js';
import { parseJsonObjectLine } from './jsonl.js';
import { readLines } from './line-reader.js';
import { openStream } from './open-stream.js';

export type TextInputFormat = 'lines' | 'jsonl' | 'csv';

export interface TextInputOptions {
  readonly format?: TextInputFormat;
  /** JSONL field holding the text. */
  readonly field?: string;
  /** CSV column holding the text. */
  readonly column?: string;
  /** JSONL field / CSV column holding an id (optional). */
  readonly idField?: string;
  readonly encoding?: 'utf8' | 'latin1';
}

export interface TextRecord {
  readonly text: string;
  readonly id?: string;
  /** 1-based line (or CSV record) number in the source. */
  readonly line: number;
}

export function inputFormatFromPath(path: string): TextInputFormat {
  const p = path.toLowerCase().replace(/\.gz$/, '');
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson')) return 'jsonl';
  if (p.endsWith('.csv')) return 'csv';
  return 'lines';
}

export async function readTextRecords(path: string, opts: TextInputOptions = {}): Promise<TextRecord[]> {
  const format = opts.format ?? inputFormatFromPath(path);
  const opened = await openStream(path, 'input file');
  const out: TextRecord[] = [];
  if (format === 'lines') {
    for await (const { text, line } of readLines(opened.stream, opts.encoding)) out.push({ text, line });
    return out;
  }
  if (format === 'jsonl') {
    const field = opts.field ?? 'text';
    for await (const { text, line } of readLines(opened.stream, opts.encoding)) {
      if (text.trim().length === 0) continue;
      const rec = parseJsonObjectLine(text, path, line);
      const v = rec[field];
      if (typeof v !== 'string') {
        throw new FormatError(path, `field ${JSON.stringify(field)}`, { line, expected: 'a string', received: v === undefined ? `no such field (fields: ${Object.keys(rec).join(', ')})` : typeof v });
      }
      const id = opts.idField !== undefined ? rec[opts.idField] : undefined;
      out.push({ text: v, line, ...(id !== undefined ? { id: String(id) } : {}) });
    }
    return out;
  }
  const column = opts.column ?? 'text';
  const parser = opened.stream.pipe(parseCsv({ columns: true, bom: true, relax_column_count: false, skip_empty_lines: true, encoding: opts.encoding ?? 'utf8' }));
  let n = 1;
  try {
    for await (const rec of parser as AsyncIterable<Record<string, string>>) {
      n++;
      const v = rec[column];
      if (v === undefined) {
        throw new FormatError(path, `column ${JSON.stringify(column)}`, { line: 1, expected: `a header with column ${JSON.stringify(column)}`, received: `columns ${Object.keys(rec).map((k) => JSON.stringify(k)).join(', ')}` });
      }
      const id = opts.idField !== undefined ? rec[opts.idField] : undefined;
      out.push({ text: v, line: n, ...(id !== undefined ? { id } : {}) });
    }
  } catch (e) {
    if (e instanceof EmbedkitError) throw e;
    const err = e as { message?: string; lines?: number };
    throw new FormatError(path, 'malformed CSV', { ...(err.lines !== undefined ? { line: err.lines } : {}), expected: 'valid CSV with a header row', received: err.message ?? String(e) });
  }
  return out;
}
