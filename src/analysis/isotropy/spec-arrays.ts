/** Checks shared by the transform factories: a named array of the expected length, a positive-integer parameter. */
import { FormatError } from '../../errors.js';
import type { TransformSpec } from '../../embedders/transforms/vector-transform.js';

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
