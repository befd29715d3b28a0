import type { Readable } from 'node:stream';
import { decodeText, type DecodeOptions, type TextEncodingChoice } from './text-decoding.js';

export interface Line {
  /** Line content without the line terminator (`\n` or `\r\n`). */
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
}

/**
 * Streams lines from a byte stream without ever holding the whole input in one string. Decoding is strict
 * (see text-decoding.ts): invalid UTF-8 and NUL bytes are errors naming `file` and the line; `encoding`
 * `latin1` or `auto` reads Latin-1 files. A bare encoding name is accepted for the options.
 */
export async function* readLines(stream: Readable, options: DecodeOptions | TextEncodingChoice = {}): AsyncGenerator<Line> {
  const opts: DecodeOptions = typeof options === 'string' ? { encoding: options } : options;
  let carry = '';
  let lineNo = 0;
  for await (const chunk of decodeText(stream, opts)) {
    const text = carry + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      let end = nl;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      yield { text: text.slice(start, end), line: ++lineNo };
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry.length > 0) {
    if (carry.charCodeAt(carry.length - 1) === 13) carry = carry.slice(0, -1);
    yield { text: carry, line: ++lineNo };
  }
}
