import { EmbedkitError } from '../../errors.js';

/** Index of the first NaN / ±Infinity in `data`, or -1. */
export function firstNonFinite(data: Float32Array): number {
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    if (x - x !== 0) return i;
  }
  return -1;
}

/** Writers refuse NaN / ±Infinity: a file that holds them breaks every similarity computed from it. */
export function checkFiniteForWrite(data: Float32Array, dim: number, keyAt: (row: number) => string, path: string): void {
  const i = firstNonFinite(data);
  if (i < 0) return;
  const r = Math.floor(i / dim);
  throw new EmbedkitError('BAD_ARGUMENT', 'vectors cannot be written', { expected: 'finite values', received: `${data[i]} in row ${r} (${JSON.stringify(keyAt(r))}), column ${(i % dim) + 1}`, where: path });
}
