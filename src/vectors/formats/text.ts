/**
 * Text vector formats, one row per line, values separated by spaces:
 * - `word2vec` / `vec` (fastText): first line is the header `count dim`;
 * - `glove`: no header; `dim` is taken from the first line.
 * The reader streams (never one string for the file) and checks every line's column count and values.
 */
import { createReadStream } from 'node:fs';
import { EmbedkitError, FormatError } from '../../errors.js';
import { AtomicWriter } from '../../io/atomic-write.js';
import { readLines } from '../../io/line-reader.js';
import { openStream } from '../../io/open-stream.js';
import type { KeyedVectors } from '../keyed-vectors.js';
import { float32Problem, formatFloat32, parseFloat32 } from '../../io/float-text.js';
import { checkDeclaredSize, initialRows } from './declared-size.js';
import { MatrixBuilder } from './matrix-builder.js';
import type { ReadOptions } from './types.js';

const HEADER = /^\s*(\d+)\s+(\d+)\s*$/;
const SEP = /[ \t]+/;

export interface TextReadOptions extends ReadOptions {
  /** `true`: require a header; `false`: no header (GloVe); default: detect. */
  readonly header?: boolean;
}

/** Counts newline bytes of an uncompressed file (used to size the matrix for header-less files). */
async function countLines(path: string): Promise<number> {
  let n = 0;
  let last = 10;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    let i = chunk.indexOf(10);
    while (i >= 0) {
      n++;
      i = chunk.indexOf(10, i + 1);
    }
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return last === 10 ? n : n + 1;
}

export async function readTextVectors(path: string, opts: TextReadOptions = {}): Promise<KeyedVectors> {
  const limit = opts.limit ?? Infinity;
  if (!(limit >= 0)) throw new EmbedkitError('BAD_OPTION', 'limit', { expected: 'a non-negative integer', received: String(opts.limit) });
  const opened = await openStream(path, 'vectors file');
  let builder: MatrixBuilder | undefined;
  let headerCount = -1;
  let dim = -1;
  let sawFirst = false;
  let lastLine = 0;
  let progressTick = 0;
  try {
    for await (const { text, line } of readLines(opened.stream, { file: path })) {
      lastLine = line;
      if (!sawFirst) {
        sawFirst = true;
        const m = HEADER.exec(text);
        if (m !== null && opts.header !== false) {
          headerCount = Number(m[1]);
          dim = Number(m[2]);
          const declared = { rows: headerCount, dim, fileSize: opened.fileSize, gzip: opened.gzip, minRowBytes: 2 * dim + 1, line };
          checkDeclaredSize(path, declared);
          builder = new MatrixBuilder(dim, initialRows(declared, limit));
          continue;
        }
        if (opts.header === true) {
          throw new FormatError(path, 'header', { line, expected: '"count dim"', received: JSON.stringify(text.slice(0, 60)) });
        }
      }
      if (builder !== undefined && builder.rows >= limit) break;
      const trimmed = text.trimEnd();
      if (trimmed.length === 0) {
        throw new FormatError(path, 'empty line', { line, expected: 'a word followed by its values' , received: 'an empty line' });
      }
      const parts = trimmed.split(SEP);
      if (parts[0] === '') throw new FormatError(path, 'empty key', { line, expected: 'a word at the start of the line', received: 'leading whitespace' });
      if (builder === undefined) {
        // header-less (GloVe): the first row fixes the dimension
        dim = parts.length - 1;
        if (dim < 1) throw new FormatError(path, 'row', { line, expected: 'a word followed by at least one value', received: JSON.stringify(trimmed.slice(0, 60)) });
        const rows = opened.gzip ? 1 << 16 : await countLines(path);
        checkDeclaredSize(path, { rows: Math.max(1, rows), dim, fileSize: opened.fileSize, gzip: opened.gzip, minRowBytes: 2 * dim + 1, line });
        builder = new MatrixBuilder(dim, Math.min(rows, limit));
      }
      if (parts.length !== dim + 1) {
        throw new FormatError(path, 'wrong column count', { line, expected: `${dim + 1} columns (word + ${dim} values)`, received: `${parts.length} columns` });
      }
      const off = builder.claim(parts[0]!, `${path}:${line}`);
      const buf = builder.buffer;
      for (let j = 1; j <= dim; j++) {
        const s = parts[j]!;
        const v = parseFloat32(s);
        if (v !== v) {
          const p = float32Problem(s);
          throw new FormatError(path, p.subject, { line, expected: 'a finite decimal number', received: `${p.received} in column ${j + 1}` });
        }
        if (off >= 0) buf[off + j - 1] = v;
      }
      if (opts.onProgress !== undefined && (++progressTick & 4095) === 0) opts.onProgress(opened.rawBytesRead(), opened.fileSize);
    }
  } finally {
    opened.stream.destroy();
  }
  if (builder === undefined) throw new FormatError(path, 'no vectors', { expected: 'at least one row', received: sawFirst ? 'only a header' : 'an empty file' });
  if (headerCount >= 0 && limit === Infinity && builder.rows + builder.duplicates !== headerCount) {
    throw new FormatError(path, 'header count disagrees with the data', {
      line: 1,
      expected: `${headerCount} rows (from the header)`,
      received: `${builder.rows + builder.duplicates} rows (file ends at line ${lastLine})`,
    });
  }
  opts.onProgress?.(opened.fileSize, opened.fileSize);
  return builder.finish(opts.onWarning);
}

/** Writes `word v1 … vd` lines; with `header`, a first line `count dim` (word2vec / fastText `.vec`). */
export async function writeTextVectors(kv: KeyedVectors, path: string, header: boolean): Promise<void> {
  const w = await AtomicWriter.open(path);
  try {
    if (header) await w.write(`${kv.size} ${kv.dim}\n`);
    const dim = kv.dim;
    const data = kv.vectors;
    let lines: string[] = [];
    const vals: string[] = new Array<string>(dim);
    for (let r = 0; r < kv.size; r++) {
      const key = kv.keys[r]!;
      if (/[\s]/.test(key) || key.length === 0) {
        throw new EmbedkitError('BAD_ARGUMENT', 'key cannot be written to a text vector file', {
          expected: 'a non-empty key without spaces or line breaks',
          received: JSON.stringify(key),
          where: `row ${r}`,
        });
      }
      const off = r * dim;
      for (let j = 0; j < dim; j++) vals[j] = formatFloat32(data[off + j]!);
      lines.push(`${key} ${vals.join(' ')}`);
      if (lines.length >= 2048) {
        await w.write(lines.join('\n') + '\n');
        lines = [];
      }
    }
    if (lines.length > 0) await w.write(lines.join('\n') + '\n');
    await w.close();
  } catch (e) {
    await w.abort();
    throw e;
  }
}
