/**
 * word2vec binary format (word2vec.c, gensim `binary=True`): an ASCII header line `count dim\n`, then per
 * row the UTF-8 key, one space, `dim` little-endian float32 values, and (optionally) a newline.
 */
import { EmbedkitError, FormatError } from '../../errors.js';
import { AtomicWriter } from '../../io/atomic-write.js';
import { ByteReader } from '../../io/byte-reader.js';
import { openStream } from '../../io/open-stream.js';
import type { KeyedVectors } from '../keyed-vectors.js';
import { TextDecoder } from 'node:util';
import { checkDeclaredSize, initialRows } from './declared-size.js';
import { MatrixBuilder } from './matrix-builder.js';
import type { ReadOptions } from './types.js';

export async function readWord2vecBinary(path: string, opts: ReadOptions = {}): Promise<KeyedVectors> {
  const opened = await openStream(path, 'vectors file');
  const r = new ByteReader(opened.stream);
  try {
    const headerBytes = await r.readUntil(10, 256);
    const header = headerBytes?.toString('latin1').trim() ?? '';
    const m = /^(\d+)\s+(\d+)$/.exec(header);
    if (m === null) throw new FormatError(path, 'header', { byteOffset: 0, expected: '"count dim" followed by a newline', received: JSON.stringify(header.slice(0, 60)) });
    const count = Number(m[1]);
    const dim = Number(m[2]);
    const declared = { rows: count, dim, fileSize: opened.fileSize, gzip: opened.gzip, minRowBytes: 4 * dim + 2, byteOffset: 0 };
    checkDeclaredSize(path, declared);
    const limit = Math.min(count, opts.limit ?? Infinity);
    const b = new MatrixBuilder(dim, initialRows(declared, limit));
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    const rowBytes = dim * 4;
    let progressTick = 0;
    for (let i = 0; i < limit; i++) {
      // word2vec.c writes '\n' after each vector; skip any leading newline before the key
      while ((await r.peek()) === 10) r.skip(1);
      const at = r.offset;
      const keyBytes = await r.readUntil(32, 4096);
      if (keyBytes === undefined) {
        throw new FormatError(path, 'truncated file', { byteOffset: at, expected: `${count} rows (from the header)`, received: `${i} rows` });
      }
      if (keyBytes.length === 0) throw new FormatError(path, 'empty key', { byteOffset: at, expected: 'a word', received: 'an empty string' });
      let key: string;
      try {
        key = utf8.decode(keyBytes);
      } catch {
        // never decode to U+FFFD: distinct keys would collide and rows vanish as "duplicates"
        throw new FormatError(path, 'key is not valid UTF-8', { byteOffset: at, expected: 'a UTF-8 word', received: JSON.stringify(keyBytes.toString('latin1').slice(0, 40)) });
      }
      if (key.includes('\u0000')) throw new FormatError(path, 'key holds a NUL byte', { byteOffset: at, expected: 'a word', received: JSON.stringify(key.slice(0, 40)) });
      const vecAt = r.offset;
      const bytes = await r.read(rowBytes);
      if (bytes === undefined) {
        throw new FormatError(path, 'truncated file', { byteOffset: vecAt, expected: `${rowBytes} bytes of vector for row ${i + 1} (${JSON.stringify(key)})`, received: 'end of file' });
      }
      const off = b.claim(key, `${path}@byte ${at}`);
      if (off >= 0) {
        const buf = b.buffer;
        for (let j = 0; j < dim; j++) {
          const v = bytes.readFloatLE(j * 4);
          if (!Number.isFinite(v)) throw new FormatError(path, 'non-finite value', { byteOffset: vecAt + j * 4, expected: 'a finite float32', received: String(v) });
          buf[off + j] = v;
        }
      }
      if (opts.onProgress !== undefined && (++progressTick & 4095) === 0) opts.onProgress(opened.rawBytesRead(), opened.fileSize);
    }
    if (limit === count) {
      while ((await r.peek()) === 10) r.skip(1);
      if ((await r.peek()) !== -1) {
        throw new FormatError(path, 'header count disagrees with the data', { byteOffset: r.offset, expected: `${count} rows (from the header)`, received: 'more data after the last row' });
      }
    }
    return b.finish(opts.onWarning);
  } finally {
    opened.stream.destroy();
  }
}

export async function writeWord2vecBinary(kv: KeyedVectors, path: string): Promise<void> {
  const w = await AtomicWriter.open(path);
  try {
    await w.write(`${kv.size} ${kv.dim}\n`);
    const dim = kv.dim;
    for (let r = 0; r < kv.size; r++) {
      const key = kv.keys[r]!;
      if (/[\s]/.test(key) || key.length === 0) {
        throw new EmbedkitError('BAD_ARGUMENT', 'key cannot be written to a word2vec file', { expected: 'a non-empty key without whitespace', received: JSON.stringify(key), where: `row ${r}` });
      }
      const kb = Buffer.from(key + ' ', 'utf8');
      const rec = Buffer.alloc(kb.length + dim * 4 + 1);
      kb.copy(rec, 0);
      const off = r * dim;
      for (let j = 0; j < dim; j++) rec.writeFloatLE(kv.vectors[off + j]!, kb.length + j * 4);
      rec[rec.length - 1] = 10;
      await w.write(rec);
    }
    await w.close();
  } catch (e) {
    await w.abort();
    throw e;
  }
}
