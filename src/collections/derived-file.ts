/**
 * Derived files (the search matrix, HNSW graphs) are caches of what the database holds. Each carries a
 * 64-byte header so a stale or damaged file is detected and rebuilt, never trusted blindly:
 *
 *   0  magic (8 ASCII bytes)      8  version u32     12 dim u32
 *   16 count u64                  24 generation u64 (the database's write counter when built)
 *   32 layout u64 (bumped by deletes / replacements: appends alone keep it)
 *   40 maxRowid u64 (last database row included)   48 payload bytes u64
 *   56 payload CRC-32 u32         60 header CRC-32 u32 (of bytes 0–59)
 * All little-endian.
 */
import { crc32 } from 'node:zlib';
import { FormatError } from '../errors.js';

export const HEADER_BYTES = 64;
export const DERIVED_VERSION = 1;

export interface DerivedHeader {
  readonly magic: string;
  readonly version: number;
  readonly dim: number;
  readonly count: number;
  readonly generation: number;
  readonly layout: number;
  readonly maxRowid: number;
  readonly payloadBytes: number;
  readonly payloadCrc: number;
}

export function encodeHeader(h: DerivedHeader): Buffer {
  const b = Buffer.alloc(HEADER_BYTES);
  b.write(h.magic.padEnd(8, ' ').slice(0, 8), 0, 'latin1');
  b.writeUInt32LE(h.version, 8);
  b.writeUInt32LE(h.dim, 12);
  b.writeBigUInt64LE(BigInt(h.count), 16);
  b.writeBigUInt64LE(BigInt(h.generation), 24);
  b.writeBigUInt64LE(BigInt(h.layout), 32);
  b.writeBigUInt64LE(BigInt(h.maxRowid), 40);
  b.writeBigUInt64LE(BigInt(h.payloadBytes), 48);
  b.writeUInt32LE(h.payloadCrc >>> 0, 56);
  b.writeUInt32LE(crc32(b.subarray(0, 60)) >>> 0, 60);
  return b;
}

/** Parses and checks a header (magic, header checksum, version); throws a FormatError saying what is wrong. */
export function decodeHeader(buf: Uint8Array, file: string, magic: string): DerivedHeader {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < HEADER_BYTES) throw new FormatError(file, 'truncated header', { byteOffset: 0, expected: `${HEADER_BYTES} bytes`, received: `${b.length} bytes` });
  const m = b.toString('latin1', 0, 8);
  if (m !== magic.padEnd(8, ' ')) throw new FormatError(file, 'wrong magic', { byteOffset: 0, expected: JSON.stringify(magic), received: JSON.stringify(m) });
  const want = b.readUInt32LE(60);
  const got = crc32(b.subarray(0, 60)) >>> 0;
  if (want !== got) throw new FormatError(file, 'header checksum mismatch', { byteOffset: 60, expected: String(want), received: String(got) });
  const version = b.readUInt32LE(8);
  if (version !== DERIVED_VERSION) throw new FormatError(file, 'unsupported version', { byteOffset: 8, expected: String(DERIVED_VERSION), received: String(version) });
  return {
    magic,
    version,
    dim: b.readUInt32LE(12),
    count: Number(b.readBigUInt64LE(16)),
    generation: Number(b.readBigUInt64LE(24)),
    layout: Number(b.readBigUInt64LE(32)),
    maxRowid: Number(b.readBigUInt64LE(40)),
    payloadBytes: Number(b.readBigUInt64LE(48)),
    payloadCrc: b.readUInt32LE(56),
  };
}

/** CRC-32 of several byte ranges in order. */
export function crcOf(parts: readonly ArrayBufferView[]): number {
  let c = 0;
  for (const p of parts) c = crc32(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), c);
  return c >>> 0;
}

export function checkPayload(h: DerivedHeader, payload: Uint8Array, file: string): void {
  if (payload.byteLength !== h.payloadBytes) {
    throw new FormatError(file, 'truncated payload', { byteOffset: HEADER_BYTES, expected: `${h.payloadBytes} bytes`, received: `${payload.byteLength} bytes` });
  }
  const got = crcOf([payload]);
  if (got !== h.payloadCrc) throw new FormatError(file, 'payload checksum mismatch', { byteOffset: HEADER_BYTES, expected: String(h.payloadCrc), received: String(got) });
}
