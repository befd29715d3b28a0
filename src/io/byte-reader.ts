import type { Readable } from 'node:stream';

/**
 * Pull-based reader over a byte stream, for binary formats: read up to a delimiter or an exact number of
 * bytes, tracking the absolute byte offset for error messages. Returns `undefined` at end of input.
 */
export class ByteReader {
  private readonly it: AsyncIterator<Buffer>;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private done = false;
  /** Absolute offset of the next unread byte. */
  offset = 0;

  constructor(stream: Readable) {
    this.it = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.it.next();
    if (next.done === true) {
      this.done = true;
      return false;
    }
    const rest = this.buf.subarray(this.pos);
    this.buf = rest.length === 0 ? next.value : Buffer.concat([rest, next.value]);
    this.pos = 0;
    return true;
  }

  /** Bytes up to (not including) `delim`; the delimiter is consumed. */
  async readUntil(delim: number, maxLen = 1 << 20): Promise<Buffer | undefined> {
    let from = this.pos;
    for (;;) {
      const i = this.buf.indexOf(delim, from);
      if (i >= 0) {
        const out = this.buf.subarray(this.pos, i);
        this.offset += i + 1 - this.pos;
        this.pos = i + 1;
        return out;
      }
      if (this.buf.length - this.pos > maxLen) return undefined;
      from = this.buf.length - this.pos;
      if (!(await this.fill())) return undefined;
      from = this.pos + from;
    }
  }

  /** Exactly `n` bytes, or `undefined` when input ends first. */
  async read(n: number): Promise<Buffer | undefined> {
    while (this.buf.length - this.pos < n) {
      if (!(await this.fill())) return undefined;
    }
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    this.offset += n;
    return out;
  }

  /** Next byte without consuming it, or -1 at end. */
  async peek(): Promise<number> {
    if (this.pos >= this.buf.length && !(await this.fill())) return -1;
    return this.buf[this.pos]!;
  }

  skip(n: number): void {
    this.pos += n;
    this.offset += n;
  }
}
