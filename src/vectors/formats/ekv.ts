/**
 * `ekv`: embedkit's binary vector file, used as the model cache. Loads with one read and no parsing of
 * numbers: the matrix is viewed in place.
 *
 * Layout (little-endian):
 *   0  magic "EMBKVEC\0"         8 bytes
 *   8  version                    u32 (1)
 *  12  rows                       u32
 *  16  dim                        u32
 *  20  flags                      u32 (0)
 *  24  keysBytes                  u64
 *  32  crc32 of matrix + keys     u32
 *  36  reserved                   28 zero bytes
 *  64  matrix                     rows × dim float32
 *  ..  keys                       UTF-8, joined by "\n"
 * Validated on open: magic, version, exact file size, checksum, key count, unique keys.
 */
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import { EmbedkitError, FormatError } from '../../errors.js';
import { requireFile } from '../../io/open-stream.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { KeyedVectors } from '../keyed-vectors.js';
import type { ReadOptions } from './types.js';

export const EKV_MAGIC = 'EMBKVEC\0';
export const EKV_VERSION = 1;
export const EKV_HEADER_BYTES = 64;

function checkHost(): void {
  if (endianness() !== 'LE') throw new EmbedkitError('UNSUPPORTED', 'ekv files on a big-endian machine');
}

export interface EkvOptions extends ReadOptions {
  /** Verify the checksum (default true; costs ~0.1 s per 100 MB). */
  readonly verify?: boolean;
}

export async function readEkv(path: string, opts: EkvOptions = {}): Promise<KeyedVectors> {
  checkHost();
  await requireFile(path, 'vectors file');
  const buf = readFileSync(path);
  if (buf.length < EKV_HEADER_BYTES) {
    throw new FormatError(path, 'truncated header', { byteOffset: buf.length, expected: `at least ${EKV_HEADER_BYTES} bytes`, received: `${buf.length} bytes` });
  }
  const magic = buf.toString('latin1', 0, 8);
  if (magic !== EKV_MAGIC) throw new FormatError(path, 'not an ekv file', { byteOffset: 0, expected: `magic ${JSON.stringify(EKV_MAGIC)}`, received: JSON.stringify(magic) });
  const version = buf.readUInt32LE(8);
  if (version !== EKV_VERSION) throw new FormatError(path, 'unsupported version', { byteOffset: 8, expected: String(EKV_VERSION), received: String(version) });
  const rows = buf.readUInt32LE(12);
  const dim = buf.readUInt32LE(16);
  const keysBytes = Number(buf.readBigUInt64LE(24));
  const stored = buf.readUInt32LE(32);
  if (dim === 0) throw new FormatError(path, 'header', { byteOffset: 16, expected: 'dim > 0', received: '0' });
  const matrixBytes = rows * dim * 4;
  const expectedSize = EKV_HEADER_BYTES + matrixBytes + keysBytes;
  if (buf.length !== expectedSize) {
    throw new FormatError(path, 'file size disagrees with the header', {
      byteOffset: buf.length,
      expected: `${expectedSize} bytes (${rows} rows × ${dim} dims + ${keysBytes} key bytes)`,
      received: `${buf.length} bytes`,
    });
  }
  if (opts.verify !== false) {
    const actual = crc32(buf.subarray(EKV_HEADER_BYTES));
    if (actual !== stored) throw new FormatError(path, 'checksum mismatch (file is damaged)', { byteOffset: 32, expected: `crc32 ${stored}`, received: `crc32 ${actual}` });
  }
  const keyText = buf.toString('utf8', EKV_HEADER_BYTES + matrixBytes);
  const keys = rows === 0 ? [] : keyText.split('\n');
  if (keys.length !== rows) throw new FormatError(path, 'key count disagrees with the header', { byteOffset: EKV_HEADER_BYTES + matrixBytes, expected: `${rows} keys`, received: `${keys.length}` });
  const limit = Math.min(rows, opts.limit ?? Infinity);
  const byteOffset = buf.byteOffset + EKV_HEADER_BYTES;
  let data: Float32Array;
  if (byteOffset % 4 === 0) data = new Float32Array(buf.buffer, byteOffset, limit * dim);
  else data = new Float32Array(buf.buffer.slice(byteOffset, byteOffset + limit * dim * 4));
  const kept = limit === rows ? keys : keys.slice(0, limit);
  const index = new Map<string, number>();
  for (let i = 0; i < kept.length; i++) {
    const k = kept[i]!;
    if (index.has(k)) throw new FormatError(path, 'duplicate key', { byteOffset: EKV_HEADER_BYTES + matrixBytes, expected: 'unique keys', received: JSON.stringify(k) });
    index.set(k, i);
  }
  return new KeyedVectors(kept, data, dim, index);
}

export async function writeEkv(kv: KeyedVectors, path: string): Promise<void> {
  checkHost();
  for (let i = 0; i < kv.size; i++) {
    if (kv.keys[i]!.includes('\n')) throw new EmbedkitError('BAD_ARGUMENT', 'key cannot be written to an ekv file', { expected: 'no line breaks', received: JSON.stringify(kv.keys[i]), where: `row ${i}` });
  }
  const matrix = Buffer.from(kv.vectors.buffer, kv.vectors.byteOffset, kv.size * kv.dim * 4);
  const keys = Buffer.from(kv.keys.join('\n'), 'utf8');
  const header = Buffer.alloc(EKV_HEADER_BYTES);
  header.write(EKV_MAGIC, 0, 'latin1');
  header.writeUInt32LE(EKV_VERSION, 8);
  header.writeUInt32LE(kv.size, 12);
  header.writeUInt32LE(kv.dim, 16);
  header.writeUInt32LE(0, 20);
  header.writeBigUInt64LE(BigInt(keys.length), 24);
  header.writeUInt32LE(crc32(keys, crc32(matrix)), 32);
  await writeFileAtomic(path, Buffer.concat([header, matrix, keys]));
}
