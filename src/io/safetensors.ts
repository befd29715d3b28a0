/**
 * safetensors (Hugging Face) reader + writer pair.
 *
 * Layout: an unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON
 * `{"name": {"dtype", "shape", "data_offsets": [begin, end]}, …, "__metadata__": {string: string}}`, then
 * the byte buffer; offsets are relative to the buffer's start. The reader takes ONE read of the file and
 * hands out typed views over it (a copy only when a tensor is not aligned to its element size). It
 * validates everything before use: header length against the file size, the JSON, every dtype and shape,
 * `dtype size × elements = end − begin`, offsets inside the buffer, and that the tensors tile the buffer
 * exactly (no overlap, no hole, no trailing bytes — the format's own rules). A damaged file is a
 * `FormatError` naming the tensor and the absolute byte offset.
 *
 * The writer sorts tensors by element size (largest first), then name, and pads the header with spaces
 * so the buffer starts 8-byte aligned; every tensor is then aligned to its element size.
 */
import { readFile, stat } from 'node:fs/promises';
import { endianness } from 'node:os';
import { EmbedkitError, FormatError } from '../errors.js';
import { bfloat16ToFloat32, halfToFloat32 } from '../math/half-float.js';
import { writeFileAtomic } from './atomic-write.js';

export const SAFETENSORS_DTYPES = ['F64', 'F32', 'F16', 'BF16', 'I64', 'I32', 'I16', 'I8', 'U8', 'BOOL'] as const;
export type SafetensorsDtype = (typeof SAFETENSORS_DTYPES)[number];

const ELEMENT_BYTES: Readonly<Record<SafetensorsDtype, number>> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

/** The header may not exceed this (the reference implementation's limit). */
const MAX_HEADER_BYTES = 100_000_000;
const METADATA_KEY = '__metadata__';

/** Typed data of a tensor: F16 and BF16 come as raw 16-bit patterns (`Uint16Array`). */
export type TensorData = Float64Array | Float32Array | Uint16Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

export interface TensorEntry {
  readonly name: string;
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  /** Number of elements (product of the shape). */
  readonly size: number;
  /** Absolute byte offset of the tensor's data in the file. */
  readonly byteOffset: number;
  readonly byteLength: number;
}

/** A tensor to write. */
export interface TensorInput {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly data: TensorData;
}

export function dtypeBytes(dtype: SafetensorsDtype): number {
  return ELEMENT_BYTES[dtype];
}

function isDtype(s: unknown): s is SafetensorsDtype {
  return typeof s === 'string' && (SAFETENSORS_DTYPES as readonly string[]).includes(s);
}

function checkHost(): void {
  if (endianness() !== 'LE') throw new EmbedkitError('UNSUPPORTED', 'safetensors on a big-endian machine', { expected: 'a little-endian CPU', received: 'big-endian' });
}

function typedView(dtype: SafetensorsDtype, buffer: ArrayBufferLike, byteOffset: number, length: number): TensorData {
  switch (dtype) {
    case 'F64':
      return new Float64Array(buffer, byteOffset, length);
    case 'F32':
      return new Float32Array(buffer, byteOffset, length);
    case 'F16':
    case 'BF16':
      return new Uint16Array(buffer, byteOffset, length);
    case 'I64':
      return new BigInt64Array(buffer, byteOffset, length);
    case 'I32':
      return new Int32Array(buffer, byteOffset, length);
    case 'I16':
      return new Int16Array(buffer, byteOffset, length);
    case 'I8':
      return new Int8Array(buffer, byteOffset, length);
    case 'U8':
    case 'BOOL':
      return new Uint8Array(buffer, byteOffset, length);
  }
}

/** A parsed safetensors file: validated header, and typed views over the one buffer read. */
export class SafetensorsFile {
  private constructor(
    readonly path: string,
    readonly bytes: Uint8Array,
    readonly metadata: Readonly<Record<string, string>>,
    readonly tensors: ReadonlyMap<string, TensorEntry>,
  ) {}

  /** Parses and validates `bytes` (the whole file); `path` names it in errors. */
  static parse(bytes: Uint8Array, path: string): SafetensorsFile {
    checkHost();
    const fail = (subject: string, byteOffset: number, expected?: string, received?: string): FormatError =>
      new FormatError(path, subject, { byteOffset, ...(expected !== undefined ? { expected } : {}), ...(received !== undefined ? { received } : {}) });
    if (bytes.length < 8) throw fail('file shorter than the 8-byte header length', 0, 'at least 8 bytes', `${bytes.length} bytes`);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n64 = dv.getBigUint64(0, true);
    if (n64 > BigInt(bytes.length - 8)) {
      throw fail('header length exceeds the file (truncated file?)', 0, `at most ${bytes.length - 8} bytes`, `${n64} bytes`);
    }
    const n = Number(n64);
    if (n > MAX_HEADER_BYTES) throw fail('header too large', 0, `at most ${MAX_HEADER_BYTES} bytes`, `${n} bytes`);
    if (n < 2 || bytes[8] !== 0x7b /* { */) throw fail('header is not a JSON object', 8, 'a header starting with "{"', n < 1 ? 'an empty header' : JSON.stringify(String.fromCharCode(bytes[8]!)));
    let header: unknown;
    try {
      header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
    } catch (e) {
      throw fail('header is not valid UTF-8 JSON', 8, 'a JSON object', e instanceof Error ? e.message : String(e));
    }
    if (typeof header !== 'object' || header === null || Array.isArray(header)) throw fail('header is not a JSON object', 8, 'a JSON object', Array.isArray(header) ? 'an array' : typeof header);
    const dataStart = 8 + n;
    const dataLength = bytes.length - dataStart;
    const metadata: Record<string, string> = {};
    const entries: TensorEntry[] = [];
    for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
      if (name === METADATA_KEY) {
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail('__metadata__ is not an object of strings', 8, 'a JSON object of strings', JSON.stringify(raw));
        for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
          if (typeof v !== 'string') throw fail(`__metadata__ "${k}" is not a string`, 8, 'a string', JSON.stringify(v));
          metadata[k] = v;
        }
        continue;
      }
      const t = raw as Record<string, unknown>;
      const subject = (what: string): string => `tensor "${name}": ${what}`;
      if (typeof t !== 'object' || t === null || Array.isArray(t)) throw fail(subject('not an object'), 8, '{"dtype", "shape", "data_offsets"}', JSON.stringify(raw));
      if (!isDtype(t['dtype'])) throw fail(subject('unknown dtype'), 8, SAFETENSORS_DTYPES.join('|'), JSON.stringify(t['dtype']));
      const dtype = t['dtype'];
      const shape = t['shape'];
      if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw fail(subject('bad shape'), 8, 'an array of non-negative integers', JSON.stringify(shape));
      const offsets = t['data_offsets'];
      if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[0] > offsets[1]) {
        throw fail(subject('bad data_offsets'), 8, '[begin, end] with 0 ≤ begin ≤ end', JSON.stringify(offsets));
      }
      const [begin, end] = offsets as [number, number];
      let size = 1;
      for (const d of shape as number[]) size *= d;
      const want = size * ELEMENT_BYTES[dtype];
      if (!Number.isSafeInteger(want) || want !== end - begin) {
        throw fail(subject('dtype × shape disagrees with data_offsets'), dataStart + begin, `${want} bytes (${dtype} × [${(shape as number[]).join(', ')}])`, `${end - begin} bytes`);
      }
      if (end > dataLength) {
        throw fail(subject('data extends past the end of the file (truncated file?)'), dataStart + begin, `a file of at least ${dataStart + end} bytes`, `${bytes.length} bytes`);
      }
      entries.push({ name, dtype, shape: shape as number[], size, byteOffset: dataStart + begin, byteLength: end - begin });
    }
    // The tensors must tile the buffer exactly: sorted by offset, each starts where the previous ended.
    const sorted = [...entries].sort((a, b) => a.byteOffset - b.byteOffset || a.byteLength - b.byteLength);
    let at = dataStart;
    let prev: TensorEntry | undefined;
    for (const e of sorted) {
      if (e.byteOffset < at) {
        throw fail(`tensor "${e.name}": overlaps tensor "${prev?.name ?? '?'}"`, e.byteOffset, `data starting at byte ${at} or later`, `byte ${e.byteOffset}`);
      }
      if (e.byteOffset > at) throw fail(`tensor "${e.name}": gap of ${e.byteOffset - at} unindexed bytes before it`, at, 'tensors that tile the byte buffer', `a hole at bytes ${at}..${e.byteOffset}`);
      at = e.byteOffset + e.byteLength;
      prev = e;
    }
    if (at !== bytes.length) throw fail('trailing bytes after the last tensor', at, `a file of ${at} bytes`, `${bytes.length} bytes`);
    const map = new Map<string, TensorEntry>();
    for (const e of entries) map.set(e.name, e);
    return new SafetensorsFile(path, bytes, metadata, map);
  }

  get names(): string[] {
    return [...this.tensors.keys()];
  }

  has(name: string): boolean {
    return this.tensors.has(name);
  }

  entry(name: string): TensorEntry {
    const e = this.tensors.get(name);
    if (e === undefined) {
      const names = this.names;
      throw new FormatError(this.path, `no tensor "${name}"`, {
        expected: `a tensor named "${name}"`,
        received: names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ') || 'no tensors',
      });
    }
    return e;
  }

  /** The tensor's data as stored (F16/BF16 as bit patterns); a view over the file's bytes when aligned. */
  view(name: string): TensorData {
    const e = this.entry(name);
    const size = ELEMENT_BYTES[e.dtype];
    const abs = this.bytes.byteOffset + e.byteOffset;
    if (abs % size === 0) return typedView(e.dtype, this.bytes.buffer, abs, e.size);
    // Unaligned: copy (a Node Buffer's slice() is a view, so copy explicitly).
    const copy = new Uint8Array(e.byteLength);
    copy.set(this.bytes.subarray(e.byteOffset, e.byteOffset + e.byteLength));
    return typedView(e.dtype, copy.buffer, 0, e.size);
  }

  /**
   * A float tensor (F64, F32, F16, BF16) as float32, checked finite. F32 is a view (do not modify it);
   * other dtypes are converted into a new array.
   */
  float32(name: string): Float32Array {
    const e = this.entry(name);
    const v = this.view(name);
    let out: Float32Array;
    if (e.dtype === 'F32') out = v as Float32Array;
    else if (e.dtype === 'F16') out = halfToFloat32(v as Uint16Array);
    else if (e.dtype === 'BF16') out = bfloat16ToFloat32(v as Uint16Array);
    else if (e.dtype === 'F64') out = Float32Array.from(v as Float64Array);
    else {
      throw new FormatError(this.path, `tensor "${name}": not a float tensor`, { expected: 'F64, F32, F16 or BF16', received: e.dtype, byteOffset: e.byteOffset });
    }
    for (let i = 0; i < out.length; i++) {
      if (!Number.isFinite(out[i]!)) {
        throw new FormatError(this.path, `tensor "${name}": non-finite value at element ${i}`, {
          expected: 'finite numbers',
          received: String(out[i]),
          byteOffset: e.byteOffset + i * ELEMENT_BYTES[e.dtype],
        });
      }
    }
    return out;
  }

  /** An integer tensor (I64, I32, I16, I8, U8) as int32, range-checked. */
  int32(name: string): Int32Array {
    const e = this.entry(name);
    const v = this.view(name);
    if (e.dtype === 'I64') {
      const out = new Int32Array(e.size);
      const big = v as BigInt64Array;
      for (let i = 0; i < out.length; i++) {
        const x = big[i]!;
        if (x < -2147483648n || x > 2147483647n) {
          throw new FormatError(this.path, `tensor "${name}": value out of int32 range at element ${i}`, { expected: 'values in int32 range', received: String(x), byteOffset: e.byteOffset + i * 8 });
        }
        out[i] = Number(x);
      }
      return out;
    }
    if (e.dtype === 'I32' || e.dtype === 'I16' || e.dtype === 'I8' || e.dtype === 'U8') return Int32Array.from(v as Int32Array);
    throw new FormatError(this.path, `tensor "${name}": not an integer tensor`, { expected: 'I64, I32, I16, I8 or U8', received: e.dtype, byteOffset: e.byteOffset });
  }
}

/** Reads and validates a safetensors file with one read. */
export async function readSafetensors(path: string): Promise<SafetensorsFile> {
  let bytes: Buffer;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new EmbedkitError('BAD_ARGUMENT', 'safetensors file', { expected: 'a file', received: 'a folder', where: path });
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof EmbedkitError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EmbedkitError('FILE_NOT_FOUND', 'safetensors file', { where: path, cause: e });
    throw new EmbedkitError('IO_ERROR', 'cannot read safetensors file', { where: path, received: e instanceof Error ? e.message : String(e), cause: e });
  }
  return SafetensorsFile.parse(bytes, path);
}

/** Validates one tensor to write; returns its byte length. */
function checkInput(name: string, t: TensorInput): number {
  if (!isDtype(t.dtype)) throw new EmbedkitError('BAD_ARGUMENT', `tensor "${name}" dtype`, { expected: SAFETENSORS_DTYPES.join('|'), received: String(t.dtype) });
  let size = 1;
  for (const d of t.shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new EmbedkitError('BAD_ARGUMENT', `tensor "${name}" shape`, { expected: 'non-negative integers', received: JSON.stringify(t.shape) });
    size *= d;
  }
  if (t.data.length !== size) throw new EmbedkitError('DIM_MISMATCH', `tensor "${name}"`, { expected: `${size} elements (shape [${t.shape.join(', ')}])`, received: `${t.data.length} elements` });
  const want = size * ELEMENT_BYTES[t.dtype];
  if (t.data.byteLength !== want) throw new EmbedkitError('BAD_ARGUMENT', `tensor "${name}" data`, { expected: `${want} bytes of ${t.dtype}`, received: `${t.data.byteLength} bytes (${t.data.constructor.name})` });
  if (name === METADATA_KEY || name.length === 0) throw new EmbedkitError('BAD_ARGUMENT', 'tensor name', { expected: 'a non-empty name other than __metadata__', received: JSON.stringify(name) });
  return want;
}

/** The file's bytes as chunks: 8-byte length, padded header, then each tensor's data. */
export function encodeSafetensors(tensors: Readonly<Record<string, TensorInput>>, metadata?: Readonly<Record<string, string>>): Uint8Array[] {
  checkHost();
  const names = Object.keys(tensors).sort((a, b) => ELEMENT_BYTES[tensors[b]!.dtype] - ELEMENT_BYTES[tensors[a]!.dtype] || (a < b ? -1 : a > b ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata !== undefined && Object.keys(metadata).length > 0) header[METADATA_KEY] = { ...metadata };
  let at = 0;
  for (const name of names) {
    const t = tensors[name]!;
    const len = checkInput(name, t);
    header[name] = { dtype: t.dtype, shape: [...t.shape], data_offsets: [at, at + len] };
    at += len;
  }
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  const pad = (8 - ((8 + json.length) % 8)) % 8;
  if (pad > 0) json = Buffer.concat([json, Buffer.alloc(pad, 0x20)]);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  const chunks: Uint8Array[] = [len, json];
  for (const name of names) {
    const d = tensors[name]!.data;
    chunks.push(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
  }
  return chunks;
}

/** Writes a safetensors file atomically (temp file + rename). */
export async function writeSafetensors(path: string, tensors: Readonly<Record<string, TensorInput>>, metadata?: Readonly<Record<string, string>>): Promise<void> {
  await writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}
