import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

export interface Line {
  /** Line content without the line terminator (`\n` or `\r\n`). */
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
}

/**
 * Streams lines from a byte stream without ever holding the whole input in one string. `encoding` is
 * `utf8` (default) or `latin1`.
 */
export async function* readLines(stream: Readable, encoding: 'utf8' | 'latin1' = 'utf8'): AsyncGenerator<Line> {
  const decoder = new StringDecoder(encoding);
  let carry = '';
  let lineNo = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = carry + decoder.write(chunk);
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
  carry += decoder.end();
  if (carry.length > 0) {
    if (carry.charCodeAt(carry.length - 1) === 13) carry = carry.slice(0, -1);
    yield { text: carry, line: ++lineNo };
  }
}
