/**
 * Transform files: one JSON document `{ "format": "embedkit-transforms", "version": 1, "transforms": [spec…] }`
 * holding a chain of transforms, applied in order. Float arrays are base64 of little-endian float32.
 * Written atomically; validated on read (types, sizes, finiteness) with errors naming the file and field.
 */
import { readFileSync } from 'node:fs';
import { EmbedkitError, FormatError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { transformFromSpec } from './transform-kinds.js';
import type { TransformSpec, VectorTransform } from './vector-transform.js';

export const TRANSFORM_FILE_FORMAT = 'embedkit-transforms';

function encodeArray(a: Float32Array): string {
  const bytes = new Uint8Array(a.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat32(i * 4, a[i]!, true);
  return Buffer.from(bytes).toString('base64');
}

function decodeArray(b64: unknown, path: string, field: string): Float32Array {
  if (typeof b64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new FormatError(path, `field ${field}`, { expected: 'a base64 string', received: typeof b64 });
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.byteLength % 4 !== 0) throw new FormatError(path, `field ${field}`, { expected: 'a multiple of 4 bytes (float32)', received: `${bytes.byteLength} bytes` });
  const out = new Float32Array(bytes.byteLength / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) {
    const v = view.getFloat32(i * 4, true);
    if (!Number.isFinite(v)) throw new FormatError(path, `field ${field}`, { expected: 'finite numbers', received: `${v} at index ${i}` });
    out[i] = v;
  }
  return out;
}

export function specToJson(spec: TransformSpec): Record<string, unknown> {
  const arrays: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.arrays)) arrays[k] = encodeArray(v);
  return { kind: spec.kind, version: spec.version, inputDim: spec.inputDim, outputDim: spec.outputDim, params: spec.params, arrays };
}

function positiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

export function specFromJson(o: unknown, path: string, field: string): TransformSpec {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new FormatError(path, field, { expected: 'a JSON object', received: Array.isArray(o) ? 'an array' : typeof o });
  const r = o as Record<string, unknown>;
  if (typeof r['kind'] !== 'string') throw new FormatError(path, `${field}.kind`, { expected: 'a string', received: typeof r['kind'] });
  if (r['version'] !== 1) throw new FormatError(path, `${field}.version`, { expected: '1', received: JSON.stringify(r['version']) });
  if (!positiveInt(r['inputDim']) || !positiveInt(r['outputDim'])) {
    throw new FormatError(path, `${field}.inputDim/outputDim`, { expected: 'positive integers', received: `${JSON.stringify(r['inputDim'])}, ${JSON.stringify(r['outputDim'])}` });
  }
  const params = r['params'] ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new FormatError(path, `${field}.params`, { expected: 'an object', received: typeof params });
  const rawArrays = r['arrays'] ?? {};
  if (typeof rawArrays !== 'object' || rawArrays === null || Array.isArray(rawArrays)) throw new FormatError(path, `${field}.arrays`, { expected: 'an object', received: typeof rawArrays });
  const arrays: Record<string, Float32Array> = {};
  for (const [k, v] of Object.entries(rawArrays as Record<string, unknown>)) arrays[k] = decodeArray(v, path, `${field}.arrays.${k}`);
  return { kind: r['kind'], version: 1, inputDim: r['inputDim'], outputDim: r['outputDim'], params: params as Record<string, unknown>, arrays };
}

/** Writes a chain of transforms (applied in order) to `path`, atomically. */
export async function saveTransforms(path: string, transforms: readonly VectorTransform[]): Promise<void> {
  const doc = { format: TRANSFORM_FILE_FORMAT, version: 1, transforms: transforms.map((t) => specToJson(t.toSpec())) };
  await writeFileAtomic(path, JSON.stringify(doc) + '\n');
}

/** Reads a chain of transforms saved by `saveTransforms`; consecutive dimensions must agree. */
export function loadTransforms(path: string): VectorTransform[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', 'transform file', { where: path, received: e instanceof Error ? e.message : String(e) });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new FormatError(path, 'not valid JSON', { expected: 'a transform file', received: e instanceof Error ? e.message : String(e) });
  }
  const d = doc as Record<string, unknown> | null;
  if (typeof d !== 'object' || d === null || d['format'] !== TRANSFORM_FILE_FORMAT || d['version'] !== 1 || !Array.isArray(d['transforms'])) {
    throw new FormatError(path, 'not a transform file', { expected: `{"format": "${TRANSFORM_FILE_FORMAT}", "version": 1, "transforms": [...]}`, received: text.slice(0, 80) });
  }
  const out = (d['transforms'] as unknown[]).map((s, i) => transformFromSpec(specFromJson(s, path, `transforms[${i}]`), `${path} transforms[${i}]`));
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.inputDim !== out[i - 1]!.outputDim) {
      throw new FormatError(path, `transforms[${i}].inputDim`, { expected: `${out[i - 1]!.outputDim} (the previous transform's output)`, received: String(out[i]!.inputDim) });
    }
  }
  return out;
}
