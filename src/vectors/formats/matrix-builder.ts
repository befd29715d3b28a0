/**
 * Accumulates rows of a vector file: keys, a float32 matrix that grows geometrically when the row count is
 * unknown, and duplicate-key handling (warn, keep the first occurrence).
 */
import { KeyedVectors } from '../keyed-vectors.js';

export class MatrixBuilder {
  readonly keys: string[] = [];
  private readonly index = new Map<string, number>();
  private data: Float32Array;
  duplicates = 0;
  firstDuplicate: { key: string; where: string } | undefined;

  constructor(
    readonly dim: number,
    expectedRows = 1024,
  ) {
    this.data = new Float32Array(Math.max(1, expectedRows) * dim);
  }

  get rows(): number {
    return this.keys.length;
  }

  /** Reserves the next row for `key`; returns the offset to write `dim` values at, or -1 for a duplicate. */
  claim(key: string, where: string): number {
    if (this.index.has(key)) {
      this.duplicates++;
      this.firstDuplicate ??= { key, where };
      return -1;
    }
    const r = this.keys.length;
    if ((r + 1) * this.dim > this.data.length) {
      const grown = new Float32Array(Math.max(this.data.length * 2, (r + 1) * this.dim));
      grown.set(this.data);
      this.data = grown;
    }
    this.keys.push(key);
    this.index.set(key, r);
    return r * this.dim;
  }

  get buffer(): Float32Array {
    return this.data;
  }

  finish(onWarning?: (m: string) => void): KeyedVectors {
    if (this.duplicates > 0 && onWarning !== undefined && this.firstDuplicate !== undefined) {
      onWarning(
        `${this.duplicates} duplicate key(s) skipped, kept the first occurrence (first: ${JSON.stringify(this.firstDuplicate.key)} at ${this.firstDuplicate.where})`,
      );
    }
    const n = this.rows * this.dim;
    const data = this.data.length === n ? this.data : this.data.slice(0, n);
    return new KeyedVectors(this.keys, data, this.dim, this.index);
  }
}
