/**
 * The sizes a vector file declares (`count dim` headers, `.npy` shapes, wink's `dimensions`) are checked
 * before anything is allocated: against the file's size (each row needs at least a few bytes per value),
 * against the memory budget (`EMBEDKIT_MEMORY_MB`, default half the machine's memory) and against what one
 * typed array can hold. A header like `4294967295 6` is an error naming the file, never a 100 GB allocation.
 */
import { memoryBudgetBytes } from '../../config.js';
import { FormatError } from '../../errors.js';

/** The largest dimension accepted (no embedding model comes near it). */
export const MAX_DIM = 1 << 20;
/** Values one Float32Array can hold. */
const MAX_VALUES = 2 ** 32 - 1;

export interface DeclaredSize {
  readonly rows: number;
  readonly dim: number;
  readonly fileSize: number;
  /** Compressed input: the file size bounds nothing. */
  readonly gzip: boolean;
  /** Fewest bytes one row takes in this format (text: `2·dim + 1`; binary: `4·dim + 2`). */
  readonly minRowBytes: number;
  /** Where the sizes were declared (for the error). */
  readonly line?: number;
  readonly byteOffset?: number;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function checkDeclaredSize(file: string, d: DeclaredSize): void {
  const at = { ...(d.line !== undefined ? { line: d.line } : {}), ...(d.byteOffset !== undefined ? { byteOffset: d.byteOffset } : {}) };
  if (!Number.isSafeInteger(d.rows) || d.rows < 1) throw new FormatError(file, 'header', { ...at, expected: 'a row count ≥ 1', received: String(d.rows) });
  if (!Number.isSafeInteger(d.dim) || d.dim < 1 || d.dim > MAX_DIM) throw new FormatError(file, 'header', { ...at, expected: `a dimension in 1–${MAX_DIM}`, received: String(d.dim) });
  if (!d.gzip && d.rows * d.minRowBytes > d.fileSize) {
    throw new FormatError(file, 'header declares more data than the file holds', { ...at, expected: `at least ${d.rows * d.minRowBytes} bytes for ${d.rows} rows × ${d.dim} dims`, received: `${d.fileSize} bytes` });
  }
  const values = d.rows * d.dim;
  const budget = memoryBudgetBytes();
  if (values > MAX_VALUES || values * 4 > budget) {
    throw new FormatError(file, 'header declares a matrix larger than the memory budget', {
      ...at,
      expected: `at most ${mb(Math.min(budget, MAX_VALUES * 4))} (EMBEDKIT_MEMORY_MB)`,
      received: `${d.rows} rows × ${d.dim} dims = ${mb(values * 4)}`,
    });
  }
}

/** Rows to allocate up front for a declared count: all of them for a checked plain file, fewer for gzip (the matrix grows). */
export function initialRows(d: Pick<DeclaredSize, 'rows' | 'gzip'>, limit = Infinity): number {
  return Math.min(d.rows, limit, d.gzip ? 1 << 16 : Infinity);
}
