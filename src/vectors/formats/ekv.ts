/**
 * `ekv`: embedkit's binary vector file, used as the model cache. Opening it parses nothing: the matrix,
 * key offsets and key hash table are viewed in place, and keys are decoded only when asked for.
 *
 * Layout (little-endian; every section 4-byte aligned):
 *   0  magic "EMBKVEC\0"                      8 bytes
 *   8  version                                 u32 (2)
 *  12  rows                                    u32
 *  16  dim                                     u32
 *  20  flags                                   u32 (0)
 *  24  keysBytes                               u64
 *  32  crc32 of everything after the header    u32
 *  36  hash table slots (power of two)         u32
 *  40  reserved                                24 zero bytes
 *  64  matrix                                  rows × dim float32
 *  ..  key offsets                             (rows + 1) u32, into the key blob
 *  ..  hash table                              slots i32 (row or -1), FNV-1a of the UTF-8 key, linear probing
 *  ..  key blob                                keysBytes of UTF-8
 * Validated on open: magic, version, exact file size, checksum, offsets, table entries, finite values and
 * UTF-8 keys; with `verify: 'full'` also distinct keys (each key's look-up finds its own row) — a file with
 * a valid checksum can still have been written by something else.
 */
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import { EmbedkitError, FormatError } from '../../errors.js';
import { requireFile } from '../../io/open-stream.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { KeyedVectors } from '../keyed-vectors.js';
import { TextDecoder } from 'node:util';
import { buildHashTable, HashedKeyIndex, tableSlots } from '../key-index.js';
import { checkFiniteForWrite, firstNonFinite } from './finite.js';
import type { ReadOptions } from './types.js';

export const EKV_MAGIC = 'EMBKVEC\0';
export const EKV_VERSION = 2;
export const EKV_HEADER_BYTES = 64;

function checkHost(): void {
  if (endianness() !== 'LE') throw new EmbedkitError('UNSUPPORTED', 'ekv files on a big-endian machine');
}

export interface EkvOptions extends ReadOptions {
  /**
   * `true` (default): checksum, finite values, UTF-8 keys; `full`: also distinct keys (one hash and probe per
   * key — used for ekv files handed in, not for the cache embedkit wrote itself); `false`: structure only.
   */
  readonly verify?: boolean | 'full';
}

/** A typed view when aligned, else a copy. */
function view<T extends Float32Array | Uint32Array | Int32Array>(Ctor: new (b: ArrayBuffer, o: number, n: number) => T, buf: Buffer, at: number, n: number): T {
  const off = buf.byteOffset + at;
  if (off % 4 === 0) return new Ctor(buf.buffer as ArrayBuffer, off, n);
  return new Ctor(buf.buffer.slice(off, off + n * 4) as ArrayBuffer, 0, n);
}

export async function readEkv(path: string, opts: EkvOptions = {}): Promise<KeyedVectors> {
  checkHost();
  await requireFile(path, 'vectors file');
  const buf = readFileSync(path);
  const fail = (subject: string, byteOffset: number, expected: string, received: string): FormatError => new FormatError(path, subject, { byteOffset, expected, received });
  if (buf.length < EKV_HEADER_BYTES) throw fail('truncated header', buf.length, `at least ${EKV_HEADER_BYTES} bytes`, `${buf.length} bytes`);
  const magic = buf.toString('latin1', 0, 8);
  if (magic !== EKV_MAGIC) throw fail('not an ekv file', 0, `magic ${JSON.stringify(EKV_MAGIC)}`, JSON.stringify(magic));
  const version = buf.readUInt32LE(8);
  if (version !== EKV_VERSION) throw fail('unsupported version', 8, String(EKV_VERSION), String(version));
  const rows = buf.readUInt32LE(12);
  const dim = buf.readUInt32LE(16);
  const keysBytes = Number(buf.readBigUInt64LE(24));
  const stored = buf.readUInt32LE(32);
  const slots = buf.readUInt32LE(36);
  if (dim === 0) throw fail('header', 16, 'dim > 0', '0');
  if (slots !== tableSlots(rows)) throw fail('header', 36, `${tableSlots(rows)} hash slots for ${rows} rows`, String(slots));
  const matrixAt = EKV_HEADER_BYTES;
  const offsetsAt = matrixAt + rows * dim * 4;
  const tableAt = offsetsAt + (rows + 1) * 4;
  const blobAt = tableAt + slots * 4;
  const expectedSize = blobAt + keysBytes;
  if (buf.length !== expectedSize) {
    throw fail('file size disagrees with the header', buf.length, `${expectedSize} bytes (${rows} rows × ${dim} dims + keys)`, `${buf.length} bytes`);
  }
  if (opts.verify !== false) {
    const actual = crc32(buf.subarray(EKV_HEADER_BYTES));
    if (actual !== stored) throw fail('checksum mismatch (file is damaged)', 32, `crc32 ${stored}`, `crc32 ${actual}`);
  }
  const offsets = view(Uint32Array, buf, offsetsAt, rows + 1);
  if (offsets[0] !== 0 || offsets[rows] !== keysBytes) throw fail('key offsets', offsetsAt, `0 … ${keysBytes}`, `${offsets[0]} … ${offsets[rows]}`);
  for (let i = 0; i < rows; i++) if (offsets[i + 1]! < offsets[i]!) throw fail('key offsets not increasing', offsetsAt + (i + 1) * 4, `≥ ${offsets[i]}`, String(offsets[i + 1]));
  const table = view(Int32Array, buf, tableAt, slots);
  for (let i = 0; i < slots; i++) if (table[i]! >= rows || table[i]! < -1) throw fail('hash table entry', tableAt + i * 4, `-1 … ${rows - 1}`, String(table[i]));
  const limit = Math.min(rows, opts.limit ?? Infinity);
  const data = view(Float32Array, buf, matrixAt, limit * dim);
  const blob = buf.subarray(blobAt);
  if (opts.verify !== false) {
    const bad = firstNonFinite(view(Float32Array, buf, matrixAt, rows * dim));
    if (bad >= 0) throw fail('non-finite value', matrixAt + bad * 4, 'finite float32 values', String(buf.readFloatLE(matrixAt + bad * 4)));
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(blob);
    } catch {
      throw fail('keys are not valid UTF-8', blobAt, 'UTF-8 keys', 'invalid byte sequences');
    }
  }
  const index = new HashedKeyIndex(blob, offsets, table, limit);
  if (opts.verify === 'full') {
    const dup = index.firstMisplacedRow(rows);
    if (dup >= 0) throw fail('duplicate key', offsetsAt + dup * 4, 'distinct keys', JSON.stringify(index.keyAt(dup)));
  }
  return new KeyedVectors(index, data, dim, index);
}

export async function writeEkv(kv: KeyedVectors, path: string): Promise<void> {
  checkHost();
  checkFiniteForWrite(kv.vectors, kv.dim, (r) => kv.keyAt(r), path);
  const rows = kv.size;
  const parts: Buffer[] = [];
  const offsets = new Uint32Array(rows + 1);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const b = Buffer.from(kv.keyAt(i), 'utf8');
    parts.push(b);
    total += b.length;
    offsets[i + 1] = total;
  }
  const blob = Buffer.concat(parts, total);
  let table: Int32Array;
  try {
    table = buildHashTable(blob, offsets, rows);
  } catch (e) {
    throw new EmbedkitError('BAD_ARGUMENT', 'keys cannot be written to an ekv file', { expected: 'unique keys', received: e instanceof Error ? e.message : String(e) });
  }
  const body = [
    Buffer.from(kv.vectors.buffer, kv.vectors.byteOffset, rows * kv.dim * 4),
    Buffer.from(offsets.buffer, 0, offsets.byteLength),
    Buffer.from(table.buffer, 0, table.byteLength),
    blob,
  ];
  let crc = 0;
  for (const part of body) crc = crc32(part, crc);
  const header = Buffer.alloc(EKV_HEADER_BYTES);
  header.write(EKV_MAGIC, 0, 'latin1');
  header.writeUInt32LE(EKV_VERSION, 8);
  header.writeUInt32LE(rows, 12);
  header.writeUInt32LE(kv.dim, 16);
  header.writeUInt32LE(0, 20);
  header.writeBigUInt64LE(BigInt(blob.length), 24);
  header.writeUInt32LE(crc, 32);
  header.writeUInt32LE(table.length, 36);
  await writeFileAtomic(path, [header, ...body]);
}
