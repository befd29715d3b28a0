/**
 * Reads weight tensors (graph initializers) out of an ONNX model file without loading the model into a
 * runtime: a lazy walk over the protobuf wire format with protobufjs's low-level `Reader`, decoding only
 * the fields of `ModelProto.graph` (7) → `GraphProto.initializer` (5) → `TensorProto` that matter here —
 * dims (1), data_type (2), float_data (4), name (8), raw_data (9), external_data (13), data_location (14) —
 * and skipping everything else (nodes, attributes, other tensors' bytes are never copied).
 * Float32, float16 and bfloat16 tensors are converted to Float32Array; tensors stored outside the model
 * (external data) are read from their file next to it.
 */
import { existsSync, openSync, readFileSync, readSync, closeSync, fstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs/minimal.js';
import { EmbedkitError, FormatError } from '../../errors.js';

/** ONNX TensorProto.DataType values this reader converts. */
const FLOAT = 1;
const FLOAT16 = 10;
const BFLOAT16 = 16;
const TYPE_NAMES: Readonly<Record<number, string>> = { 1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 10: 'float16', 11: 'float64', 16: 'bfloat16' };

export interface InitializerInfo {
  readonly name: string;
  readonly dims: readonly number[];
  /** ONNX data type number (1 = float32, 10 = float16, 3 = int8, …). */
  readonly dataType: number;
}

interface TensorRecord extends InitializerInfo {
  readonly raw?: Uint8Array;
  readonly floats?: Float32Array;
  readonly external?: Readonly<Record<string, string>>;
}

const toNumber = (l: unknown): number => (typeof l === 'number' ? l : (l as { toNumber(): number }).toNumber());

function readTensor(r: protobuf.Reader, end: number, withData: boolean): TensorRecord {
  const dims: number[] = [];
  let dataType = 0;
  let name = '';
  let raw: Uint8Array | undefined;
  const floats: number[] = [];
  let external: Record<string, string> | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1) {
      if (wire === 2) {
        const e = r.uint32() + r.pos;
        while (r.pos < e) dims.push(toNumber(r.int64()));
      } else dims.push(toNumber(r.int64()));
    } else if (field === 2 && wire === 0) dataType = r.int32();
    else if (field === 8 && wire === 2) name = r.string();
    else if (field === 9 && wire === 2) {
      if (withData) raw = r.bytes();
      else r.skipType(wire);
    } else if (field === 4 && withData) {
      if (wire === 2) {
        const e = r.uint32() + r.pos;
        while (r.pos < e) floats.push(r.float());
      } else floats.push(r.float());
    } else if (field === 13 && wire === 2) {
      const e = r.uint32() + r.pos;
      let key = '';
      let value = '';
      while (r.pos < e) {
        const t = r.uint32();
        if (t >>> 3 === 1) key = r.string();
        else if (t >>> 3 === 2) value = r.string();
        else r.skipType(t & 7);
      }
      (external ??= {})[key] = value;
    } else r.skipType(wire);
  }
  return {
    name,
    dims,
    dataType,
    ...(raw !== undefined ? { raw } : {}),
    ...(floats.length > 0 ? { floats: Float32Array.from(floats) } : {}),
    ...(external !== undefined ? { external } : {}),
  };
}

/** Calls `visit` for every initializer of the main graph; stops when it returns true and returns that tensor. */
function walkInitializers(path: string, bytes: Uint8Array, visit: (info: InitializerInfo) => boolean): TensorRecord | undefined {
  const r = protobuf.Reader.create(bytes);
  try {
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag >>> 3 !== 7 || (tag & 7) !== 2) {
        r.skipType(tag & 7);
        continue;
      }
      const graphEnd = r.uint32() + r.pos;
      while (r.pos < graphEnd) {
        const t = r.uint32();
        if (t >>> 3 !== 5 || (t & 7) !== 2) {
          r.skipType(t & 7);
          continue;
        }
        const len = r.uint32();
        const start = r.pos;
        const info = readTensor(r, start + len, false);
        if (visit(info)) {
          r.pos = start;
          return readTensor(r, start + len, true);
        }
      }
    }
  } catch (e) {
    if (e instanceof EmbedkitError) throw e;
    throw new FormatError(path, 'not a readable ONNX model', { byteOffset: r.pos, expected: 'a protobuf ModelProto', received: e instanceof Error ? e.message : String(e) });
  }
  return undefined;
}

/** Names, shapes and types of every initializer of the model's main graph. */
export function listInitializers(path: string): InitializerInfo[] {
  const out: InitializerInfo[] = [];
  walkInitializers(path, readModel(path), (info) => {
    out.push({ name: info.name, dims: info.dims, dataType: info.dataType });
    return false;
  });
  return out;
}

function readModel(path: string): Uint8Array {
  if (!existsSync(path)) throw new EmbedkitError('FILE_NOT_FOUND', 'ONNX model', { where: path });
  return readFileSync(path);
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f === 0 ? s * Infinity : NaN;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

function readExternal(modelPath: string, t: TensorRecord, bytes: number): Uint8Array {
  const ext = t.external ?? {};
  const location = ext['location'];
  if (location === undefined) throw new FormatError(modelPath, `tensor ${t.name}: external data without a location`, { expected: 'a `location` entry', received: JSON.stringify(ext) });
  const file = join(dirname(modelPath), location);
  if (!existsSync(file)) throw new EmbedkitError('FILE_NOT_FOUND', `external data of tensor ${t.name}`, { where: file });
  const offset = Number(ext['offset'] ?? 0);
  const length = ext['length'] !== undefined ? Number(ext['length']) : bytes;
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (length !== bytes || offset + length > size) {
      throw new FormatError(file, `external data of tensor ${t.name}`, { byteOffset: offset, expected: `${bytes} bytes`, received: `length ${length}, file size ${size}` });
    }
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, offset);
    return buf;
  } finally {
    closeSync(fd);
  }
}

/** The values of the first initializer `pick` accepts, as float32, with its shape. */
export function readInitializer(path: string, pick: (info: InitializerInfo) => boolean): { info: InitializerInfo; data: Float32Array } | undefined {
  const t = walkInitializers(path, readModel(path), pick);
  if (t === undefined) return undefined;
  const count = t.dims.reduce((a, b) => a * b, 1);
  const info: InitializerInfo = { name: t.name, dims: t.dims, dataType: t.dataType };
  if (t.dataType !== FLOAT && t.dataType !== FLOAT16 && t.dataType !== BFLOAT16) {
    throw new EmbedkitError('UNSUPPORTED', `tensor ${t.name}`, {
      expected: 'float32, float16 or bfloat16 weights',
      received: TYPE_NAMES[t.dataType] ?? `data type ${t.dataType}`,
      where: path,
      hint: 'quantized models store int8 weights: use the float model file (the default variant)',
    });
  }
  const width = t.dataType === FLOAT ? 4 : 2;
  if (t.floats !== undefined) {
    if (t.floats.length !== count) throw new FormatError(path, `tensor ${t.name}`, { expected: `${count} values`, received: `${t.floats.length}` });
    return { info, data: t.floats };
  }
  const raw = t.raw ?? (t.external !== undefined ? readExternal(path, t, count * width) : undefined);
  if (raw === undefined || raw.length !== count * width) {
    throw new FormatError(path, `tensor ${t.name}`, { expected: `${count * width} data bytes`, received: `${raw?.length ?? 0}` });
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const data = new Float32Array(count);
  if (t.dataType === FLOAT) for (let i = 0; i < count; i++) data[i] = view.getFloat32(i * 4, true);
  else if (t.dataType === FLOAT16) for (let i = 0; i < count; i++) data[i] = halfToFloat(view.getUint16(i * 2, true));
  else {
    const tmp = new DataView(new ArrayBuffer(4));
    for (let i = 0; i < count; i++) {
      tmp.setUint32(0, view.getUint16(i * 2, true) << 16, true);
      data[i] = tmp.getFloat32(0, true);
    }
  }
  for (let i = 0; i < count; i++) if (!Number.isFinite(data[i]!)) throw new FormatError(path, `tensor ${t.name}`, { expected: 'finite values', received: `${data[i]} at element ${i}` });
  return { info, data };
}
