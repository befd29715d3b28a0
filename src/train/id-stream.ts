/**
 * The encoded corpus on disk: a flat little-endian int32 stream. A negative value `-(d + 1)` starts
 * document `d`; values ≥ 0 are word ids. Readers and writers buffer 256K values at a time, so training
 * passes over a corpus of any size in bounded memory.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/** Returned by `IdReader.next()` at the end of the stream (word ids never reach it). */
export const END_OF_STREAM = 0x7fffffff;

const BUFFER_VALUES = 1 << 18;

export class IdWriter {
  private readonly fd: number;
  private readonly buf = new Int32Array(BUFFER_VALUES);
  private readonly bytes = new Uint8Array(this.buf.buffer);
  private pos = 0;
  /** Values written so far. */
  length = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  push(value: number): void {
    this.buf[this.pos++] = value;
    this.length++;
    if (this.pos === BUFFER_VALUES) this.flush();
  }

  private flush(): void {
    let off = 0;
    const n = this.pos * 4;
    while (off < n) off += writeSync(this.fd, this.bytes, off, n - off);
    this.pos = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export class IdReader {
  private readonly fd: number;
  private readonly buf = new Int32Array(BUFFER_VALUES);
  private readonly bytes = new Uint8Array(this.buf.buffer);
  private pos = 0;
  private len = 0;
  /** Stream position (in values) of the next buffer fill. */
  private filePos = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  /** Moves to value `index` of the stream. */
  seek(index: number): void {
    this.filePos = index;
    this.pos = 0;
    this.len = 0;
  }

  /** Stream position of the value `next()` returns next. */
  position(): number {
    return this.filePos - this.len + this.pos;
  }

  next(): number {
    if (this.pos === this.len) {
      const got = readSync(this.fd, this.bytes, 0, this.bytes.length, this.filePos * 4);
      this.len = got >> 2;
      this.filePos += this.len;
      this.pos = 0;
      if (this.len === 0) return END_OF_STREAM;
    }
    return this.buf[this.pos++]!;
  }

  close(): void {
    closeSync(this.fd);
  }
}
