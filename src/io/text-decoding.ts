/**
 * Strict text decoding for every text input (records, corpora, vector files, frequency lists, evaluation
 * data). Bytes are never silently turned into U+FFFD: invalid UTF-8 is an error naming the file, line and
 * byte offset (`encoding` latin1 reads such files), and a NUL byte means binary data (an image, UTF-16
 * text, a model file given by mistake), which is refused. `auto` reads UTF-8, and falls back to Latin-1
 * for a file whose first non-ASCII bytes are not UTF-8 (the MR and SUBJ sets ship that way); a file that
 * mixes valid UTF-8 with invalid bytes is an error. A UTF-8 byte-order mark is dropped.
 */
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { FormatError } from '../errors.js';

export type TextEncoding = 'utf8' | 'latin1';
/** `auto`: UTF-8, or Latin-1 when the first non-ASCII bytes are not valid UTF-8. */
export type TextEncodingChoice = TextEncoding | 'auto';
export const TEXT_ENCODINGS: readonly TextEncodingChoice[] = ['utf8', 'latin1', 'auto'];

export interface DecodeOptions {
  readonly encoding?: TextEncodingChoice;
  /** The file name used in errors. */
  readonly file?: string;
}

function newlinesBefore(b: Uint8Array, end: number): number {
  let n = 0;
  for (let i = b.indexOf(10); i >= 0 && i < end; i = b.indexOf(10, i + 1)) n++;
  return n;
}

/** Offset of the first byte that does not belong to a valid UTF-8 sequence, from `start`; -1 if none. */
export function invalidUtf8Offset(b: Uint8Array, start = 0): number {
  let i = start;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0xff >> (n + 2));
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function hasHighByte(b: Uint8Array, end = b.length): boolean {
  for (let i = 0; i < end; i++) if (b[i]! >= 0x80) return true;
  return false;
}

class Decoder {
  private utf8: TextDecoder | undefined;
  private mode: TextEncoding | 'auto';
  private sawHigh = false;
  /** Bytes and lines before the current chunk. */
  private offset = 0;
  private lines = 0;
  readonly file: string;

  constructor(opts: DecodeOptions) {
    this.mode = opts.encoding ?? 'utf8';
    this.file = opts.file ?? 'input';
    if (this.mode !== 'latin1') this.utf8 = new TextDecoder('utf-8', { fatal: true });
  }

  /** The encoding in use (`auto` resolves on the first non-ASCII bytes). */
  get encoding(): TextEncoding {
    return this.mode === 'latin1' ? 'latin1' : 'utf8';
  }

  private fail(subject: string, chunk: Uint8Array, at: number, expected: string, received: string, hint?: string): FormatError {
    return new FormatError(this.file, subject, { line: this.lines + newlinesBefore(chunk, at) + 1, expected, received: `${received} at byte ${this.offset + at}`, ...(hint !== undefined ? { hint } : {}) });
  }

  decode(chunk: Uint8Array, last = false): string {
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      throw this.fail('binary data', chunk, nul, 'text', 'a NUL byte', 'this looks like a binary file (or UTF-16 text, which must be converted to UTF-8)');
    }
    let text: string;
    if (this.mode === 'latin1') text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    else {
      try {
        text = this.utf8!.decode(chunk, { stream: !last });
      } catch {
        const at = Math.max(0, invalidUtf8Offset(chunk, 0));
        if (this.mode === 'auto' && !this.sawHigh && !hasHighByte(chunk, at)) {
          // the first non-ASCII bytes are not UTF-8: the file is Latin-1
          this.mode = 'latin1';
          this.utf8 = undefined;
          return this.decode(chunk, last);
        }
        const what = chunk.length === 0 ? 'an incomplete UTF-8 sequence at the end' : `byte 0x${(chunk[at] ?? 0).toString(16).padStart(2, '0')}`;
        throw this.fail('invalid UTF-8', chunk, at, 'UTF-8 text', what, this.mode === 'auto' ? 'the file mixes UTF-8 with other bytes' : 'set `encoding` to latin1 (or auto) if the file is Latin-1');
      }
      if (!this.sawHigh && hasHighByte(chunk)) this.sawHigh = true;
    }
    this.offset += chunk.length;
    this.lines += newlinesBefore(chunk, chunk.length);
    return text;
  }
}

/** Decoded text, chunk by chunk, from a byte stream (see the module comment for the checks). */
export async function* decodeText(stream: Readable, opts: DecodeOptions = {}): AsyncGenerator<string> {
  const d = new Decoder(opts);
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const text = d.decode(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    if (text.length > 0) yield text;
  }
  const rest = d.decode(new Uint8Array(0), true);
  if (rest.length > 0) yield rest;
}

/** Decodes a whole file's bytes (small files read at once); returns the encoding used. */
export function decodeBytes(bytes: Uint8Array, opts: DecodeOptions = {}): { text: string; encoding: TextEncoding } {
  const d = new Decoder(opts);
  const text = d.decode(bytes, true);
  return { text, encoding: d.encoding };
}
