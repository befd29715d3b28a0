/**
 * Reads an evaluation data file whole (they are small), with its sha256, decoding UTF-8 or Latin-1
 * (`auto`: UTF-8 unless the bytes are not valid UTF-8, then Latin-1 — MR and SUBJ ship in Latin-1).
 * Malformed rows go through `BadRows`: an error naming file:line, or, with `skipBadRows`, a count.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { EmbedkitError, FormatError } from '../../errors.js';
import { jsonRecord } from '../../io/records.js';
import { decodeBytes } from '../../io/text-decoding.js';
import type { Encoding } from '../types.js';

export interface DataLine {
  readonly text: string;
  /** 1-based. */
  readonly line: number;
}

export interface DataFile {
  readonly path: string;
  readonly lines: readonly DataLine[];
  readonly sha256: string;
  readonly encoding: Encoding;
}

async function readDataBytes(path: string, task: string): Promise<Buffer> {
  try {
    const st = await fsp.stat(path);
    if (!st.isFile()) throw new Error('not a regular file');
    return await fsp.readFile(path);
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', `data file of task ${task}`, {
      where: path,
      received: e instanceof Error ? e.message : String(e),
      hint: 'set `dataDir` (or EMBEDKIT_DATA_DIR) to the folder holding the evaluation sets',
    });
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Decodes a data file (strict UTF-8, Latin-1, or `auto`; NUL bytes are an error naming the file and line). */
export function decode(bytes: Uint8Array, encoding: Encoding | 'auto', file = 'data file'): { text: string; encoding: Encoding } {
  return decodeBytes(bytes, { encoding, file });
}

function splitLines(text: string): DataLine[] {
  const parts = text.split('\n');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((t, i) => ({ text: t.endsWith('\r') ? t.slice(0, -1) : t, line: i + 1 }));
}

export async function readDataFile(path: string, task: string, encoding: Encoding | 'auto' = 'auto'): Promise<DataFile> {
  const bytes = await readDataBytes(path, task);
  const dec = decode(bytes, encoding, path);
  return { path, lines: splitLines(dec.text), sha256: sha256(bytes), encoding: dec.encoding };
}

/** Malformed-row policy: throw a FormatError at the first one, or skip and count (`skip: true`). */
export class BadRows {
  private count = 0;
  private first: string | undefined;

  constructor(
    private readonly skip: boolean,
    private readonly warn: (message: string) => void,
  ) {}

  report(file: string, line: number, subject: string, expected: string, received: string): void {
    if (!this.skip) throw new FormatError(file, subject, { line, expected, received, hint: 'fix the row or set `skipBadRows`' });
    this.count++;
    this.first ??= `${file}:${line} (${subject})`;
  }

  /** Emits one warning with the count, if any rows were skipped. */
  finish(): number {
    if (this.count > 0) this.warn(`skipped ${this.count} malformed row${this.count === 1 ? '' : 's'}, first at ${this.first}`);
    return this.count;
  }
}

export function shortText(s: string, max = 60): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
}

/** Parses one JSONL row as an object; reports it (and returns undefined) when it is not one. */
export function jsonRow(file: DataFile, line: number, text: string, bad: BadRows, what: string): Record<string, unknown> | undefined {
  try {
    return jsonRecord(text, file.path, line);
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    bad.report(file.path, line, what, 'a JSON object', shortText(text));
    return undefined;
  }
}
