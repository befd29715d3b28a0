/**
 * safetensors reader/writer and fp16/bf16 conversion against numpy-written golden files
 * (scripts/make-safetensors-fixtures.py): every dtype read back exactly, our writer reproduces numpy's file
 * byte for byte, and damaged files fail with a FormatError naming the tensor and the byte offset.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FormatError } from '../../src/errors.js';
import { bfloat16ToFloat32, float32ToHalf, halfToFloat32 } from '../../src/math/half-float.js';
import { encodeSafetensors, readSafetensors, SafetensorsFile, writeSafetensors, type TensorInput } from '../../src/io/safetensors.js';
import { FIXTURES, tempDir } from '../helpers.js';

const DIR = join(FIXTURES, 'safetensors');
const GOLDEN = join(DIR, 'all-dtypes.safetensors');
interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: (number | string)[];
  bits?: number[];
}
const VALUES = JSON.parse(readFileSync(join(DIR, 'all-dtypes.json'), 'utf8')) as { metadata: Record<string, string>; tensors: Record<string, GoldenTensor> };

const num = (v: number | string): number => (typeof v === 'number' ? v : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : NaN);

test('reads every dtype of a numpy-written file exactly', async () => {
  const st = await readSafetensors(GOLDEN);
  assert.deepEqual(st.metadata, VALUES.metadata);
  assert.deepEqual(st.names.sort(), Object.keys(VALUES.tensors).sort());
  for (const [name, g] of Object.entries(VALUES.tensors)) {
    const e = st.entry(name);
    assert.equal(e.dtype, g.dtype, name);
    assert.deepEqual(e.shape, g.shape, name);
    const v = st.view(name);
    if (g.dtype === 'I64') assert.deepEqual(Array.from(v as BigInt64Array, String), g.values, name);
    else if (g.dtype === 'F16' || g.dtype === 'BF16') {
      assert.deepEqual(Array.from(v as Uint16Array), g.bits, name);
      assert.deepEqual(Array.from(st.float32(name)), g.values, name);
    } else assert.deepEqual(Array.from(v as Float32Array, Number), g.values.map(num), name);
  }
  // float64 values are converted to float32
  assert.deepEqual(Array.from(st.float32('f64')), (VALUES.tensors['f64']!.values as number[]).map(Math.fround));
  assert.deepEqual(Array.from(st.int32('i32')), VALUES.tensors['i32']!.values);
  assert.throws(() => st.int32('i64'), (e: unknown) => e instanceof FormatError && /"i64".*out of int32 range at element 2/.test(e.message) && e.byteOffset === st.entry('i64').byteOffset + 16);
  assert.throws(() => st.float32('u8'), /"u8": not a float tensor/);
  assert.throws(() => st.entry('nope'), /no tensor "nope"/);
});

test('the writer reproduces the numpy-written file byte for byte, and reads back', async () => {
  const st = SafetensorsFile.parse(readFileSync(GOLDEN), GOLDEN);
  const tensors: Record<string, TensorInput> = {};
  for (const name of st.names) {
    const e = st.entry(name);
    tensors[name] = { dtype: e.dtype, shape: e.shape, data: st.view(name) };
  }
  const bytes = Buffer.concat(encodeSafetensors(tensors, VALUES.metadata));
  assert.ok(bytes.equals(readFileSync(GOLDEN)));
  const tmp = tempDir();
  try {
    const path = join(tmp.path, 'out.safetensors');
    await writeSafetensors(path, tensors, VALUES.metadata);
    assert.ok(readFileSync(path).equals(readFileSync(GOLDEN)));
    assert.deepEqual(readdirSync(tmp.path), ['out.safetensors']);
  } finally {
    tmp.cleanup();
  }
  assert.throws(() => encodeSafetensors({ x: { dtype: 'F32', shape: [2, 2], data: new Float32Array(3) } }), /"x".*4 elements/);
  assert.throws(() => encodeSafetensors({ x: { dtype: 'F16', shape: [2], data: new Float32Array(2) } }), /"x" data.*4 bytes of F16/);
});

test('fp16 and bf16 conversions match numpy (round to nearest even, subnormals, overflow)', () => {
  const h = JSON.parse(readFileSync(join(DIR, 'half.json'), 'utf8')) as { encode: { float32: (number | string)[]; bits: number[] }; decode: { bits: number[]; float32: (number | string)[] } };
  const enc = float32ToHalf(Float32Array.from(h.encode.float32.map(num)));
  assert.deepEqual(Array.from(enc), h.encode.bits);
  const dec = halfToFloat32(Uint16Array.from(h.decode.bits));
  h.decode.float32.forEach((v, i) => {
    if (v === 'nan') assert.ok(Number.isNaN(dec[i]!), `bits ${h.decode.bits[i]}`);
    else assert.equal(dec[i], num(v), `bits ${h.decode.bits[i]}`);
  });
  assert.deepEqual(Array.from(bfloat16ToFloat32(Uint16Array.of(0x3f80, 0xc000, 0x7f80))), [1, -2, Infinity]);
});

/** Damages the golden file and returns the thrown error. */
function damaged(mutate: (b: Buffer) => Buffer): FormatError {
  const b = mutate(Buffer.from(readFileSync(GOLDEN)));
  try {
    SafetensorsFile.parse(b, 'bad.safetensors');
  } catch (e) {
    assert.ok(e instanceof FormatError, String(e));
    return e;
  }
  assert.fail('a damaged file was accepted');
}

function withHeader(edit: (h: Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>) => void): (b: Buffer) => Buffer {
  return (b) => {
    const n = Number(b.readBigUInt64LE(0));
    const h = JSON.parse(b.subarray(8, 8 + n).toString('utf8')) as Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>;
    edit(h);
    let json = Buffer.from(JSON.stringify(h));
    json = Buffer.concat([json, Buffer.alloc((8 - ((8 + json.length) % 8)) % 8, 0x20)]);
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(json.length));
    return Buffer.concat([len, json, b.subarray(8 + n)]);
  };
}

test('damaged files: one FormatError naming the tensor and the byte offset', () => {
  const st = SafetensorsFile.parse(readFileSync(GOLDEN), GOLDEN);
  const last = st.names.map((n) => st.entry(n)).sort((a, b) => b.byteOffset - a.byteOffset)[0]!;
  // truncated: the last tensor runs past the end
  let e = damaged((b) => b.subarray(0, b.length - 2));
  assert.match(e.message, new RegExp(`tensor "${last.name}": data extends past the end of the file`));
  assert.equal(e.byteOffset, last.byteOffset);
  assert.match(e.message, /@byte \d+/);
  // shorter than the length prefix / header length beyond the file
  assert.match(damaged((b) => b.subarray(0, 5)).message, /shorter than the 8-byte header/);
  assert.match(damaged((b) => b.subarray(0, 40)).message, /header length exceeds the file/);
  // not JSON
  e = damaged((b) => {
    b[9] = 0x7b; // '{{"__metadata__"…': not JSON
    return b;
  });
  assert.match(e.message, /header is not valid UTF-8 JSON/);
  assert.equal(e.byteOffset, 8);
  // dtype × shape disagrees with the offsets
  e = damaged(withHeader((h) => (h['f32']!.shape = [3, 5])));
  assert.match(e.message, /tensor "f32": dtype × shape disagrees with data_offsets \(expected 60 bytes \(F32 × \[3, 5\]\), received 48 bytes\)/);
  // unknown dtype
  assert.match(damaged(withHeader((h) => (h['i8']!.dtype = 'Q4'))).message, /tensor "i8": unknown dtype/);
  // overlapping tensors
  e = damaged(withHeader((h) => {
    h['i16']!.data_offsets = [h['i16']!.data_offsets[0]! - 2, h['i16']!.data_offsets[1]! - 2];
  }));
  assert.match(e.message, /overlaps tensor/);
  // trailing bytes after the last tensor
  e = damaged((b) => Buffer.concat([b, Buffer.alloc(3)]));
  assert.match(e.message, /trailing bytes after the last tensor/);
  assert.equal(e.byteOffset, 908);
  // a non-finite value is reported at its byte
  const b = Buffer.from(readFileSync(GOLDEN));
  const f32 = st.entry('f32');
  b.writeFloatLE(NaN, f32.byteOffset + 4 * 5);
  const bad = SafetensorsFile.parse(b, 'nan.safetensors');
  assert.throws(
    () => bad.float32('f32'),
    (x: unknown) => x instanceof FormatError && /tensor "f32": non-finite value at element 5/.test(x.message) && x.byteOffset === f32.byteOffset + 20,
  );
});

test('a missing file is FILE_NOT_FOUND, a folder is refused', async () => {
  await assert.rejects(readSafetensors(join(DIR, 'missing.safetensors')), (e: unknown) => (e as { code?: string }).code === 'FILE_NOT_FOUND');
  await assert.rejects(readSafetensors(DIR), /expected a file, received a folder/);
  assert.ok(existsSync(GOLDEN));
});
