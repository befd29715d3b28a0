/** Checks shared by the transform factories: a named array of the expected length, a positive-integer parameter. */
import { EmbedkitError, FormatError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import type { TransformSpec } from './vector-transform.js';

export function specArray(spec: TransformSpec, name: string, length: number, where: string): Float32Array {
  const a = spec.arrays[name];
  if (a === undefined) throw new FormatError(where, `arrays.${name}`, { expected: `${length} float32 values`, received: 'nothing' });
  if (a.length !== length) throw new FormatError(where, `arrays.${name}`, { expected: `${length} float32 values`, received: `${a.length}` });
  return a;
}

export function specInt(spec: TransformSpec, name: string, min: number, max: number, where: string): number {
  const v = spec.params[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new FormatError(where, `params.${name}`, { expected: `an integer from ${min} to ${max}`, received: JSON.stringify(v) });
  return v;
}

export function checkInput(kind: string, expected: number, m: Matrix): void {
  if (m.dim !== expected) throw new EmbedkitError('DIM_MISMATCH', `${kind} transform input`, { expected: `${expected} dims`, received: `${m.dim} dims`, where: 'input' });
}
