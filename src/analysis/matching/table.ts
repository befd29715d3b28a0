/**
 * The two sides of data–text matching: table rows (CSV with a header, or JSONL objects; every column but
 * the id is a cell) and texts (JSONL / CSV / lines through the record reader). A row's text for an
 * embedder is its cells serialized `column: value; column: value`.
 */
import { readFile } from 'node:fs/promises';
import { EmbedkitError, FormatError } from '../../errors.js';
import { csvRows, jsonRecord, readAllRecords, recordFormatFromPath } from '../../io/records.js';
import { decodeBytes } from '../../io/text-decoding.js';

export interface TableRow {
  readonly id: string;
  /** `[column, value]` in column order, empty values left out. */
  readonly cells: readonly (readonly [string, string])[];
}

export interface MatchText {
  readonly id: string;
  readonly text: string;
}

/** `column: value; column: value`. */
export function serializeRow(row: TableRow): string {
  return row.cells.map(([c, v]) => `${c}: ${v}`).join('; ');
}

function cellText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    const items = v.map((x) => cellText(x) ?? '').filter((s) => s !== '');
    return items.length > 0 ? items.join(', ') : undefined;
  }
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/** Rows from field objects: the id from `idColumn` (default: an `id` column when there is one, else the row number). */
export function tableRows(records: readonly { fields: Readonly<Record<string, unknown>>; line: number }[], file: string, idColumn?: string): TableRow[] {
  const useId = idColumn ?? (records.length > 0 && 'id' in records[0]!.fields ? 'id' : undefined);
  const seen = new Set<string>();
  return records.map((r, i) => {
    let id = String(i + 1);
    if (useId !== undefined) {
      const v = cellText(r.fields[useId]);
      if (v === undefined) {
        throw new FormatError(file, `id column ${JSON.stringify(useId)}`, { line: r.line, expected: 'a non-empty id', received: useId in r.fields ? 'an empty value' : `no such column (columns: ${Object.keys(r.fields).join(', ')})` });
      }
      id = v;
    }
    if (seen.has(id)) throw new FormatError(file, 'row id', { line: r.line, expected: 'distinct ids', received: `${JSON.stringify(id)} twice` });
    seen.add(id);
    const cells: [string, string][] = [];
    for (const [c, v] of Object.entries(r.fields)) {
      if (c === useId) continue;
      const s = cellText(v);
      if (s !== undefined) cells.push([c, s]);
    }
    return { id, cells };
  });
}

/** Table rows from a CSV file (header row) or a JSONL file (one object a line). */
export async function readTableRows(path: string, idColumn?: string): Promise<TableRow[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', 'table', { expected: 'a CSV or JSONL file of rows', where: path, cause: e });
  }
  // strict UTF-8 (file, line and byte named on a bad byte), NUL and binary refused: as every other reader
  const { text } = decodeBytes(bytes, { file: path });
  const format = recordFormatFromPath(path);
  const records =
    format === 'jsonl'
      ? text.split('\n').flatMap((l, i) => (l.trim() === '' ? [] : [{ fields: jsonRecord(l, path, i + 1), line: i + 1 }]))
      : csvRows(text, path).rows;
  if (records.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'table', { expected: 'at least one row', received: 'none', where: path });
  return tableRows(records, path, idColumn);
}

/** Texts through the record reader (JSONL / CSV field `textField`, default text); ids from `idField`, else an `id` field, else the line. */
export async function readMatchTexts(path: string, opts: { idField?: string; textField?: string } = {}): Promise<MatchText[]> {
  const records = await readAllRecords(path, {
    ...(opts.textField !== undefined ? { textField: opts.textField } : {}),
    ...(opts.idField !== undefined ? { idField: opts.idField } : { implicitIdField: 'id' }),
    emptyText: 'error',
  });
  if (records.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'texts', { expected: 'at least one text', received: 'none', where: path });
  const seen = new Set<string>();
  return records.map((r) => {
    const id = r.id ?? String(r.line);
    if (seen.has(id)) throw new FormatError(path, 'text id', { line: r.line, expected: 'distinct ids', received: `${JSON.stringify(id)} twice` });
    seen.add(id);
    return { id, text: r.text };
  });
}
