/**
 * Datasets for the search benchmarks: 100k × 384 clustered synthetic unit vectors (seeded) and the 341k
 * glove-100d words (unit rows), with queries. Not a benchmark itself (run-all runs *.bench.js only).
 */
import { seededRandom } from '../src/learn/random.js';
import { loadVectors } from '../src/vectors/load.js';
import { normalizeRowsInPlace } from '../src/math/kernels.js';
import type { Matrix } from '../src/math/matrix.js';


function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
}

export interface BenchDataset {
  readonly name: string;
  readonly matrix: Matrix;
  readonly queries: Float32Array;
  readonly queryCount: number;
}

/** `rows` points around 256 random centres (noise 0.5/√dim per coordinate), queries = perturbed rows. */
export function clusteredSynthetic(rows = 100_000, dim = 384, queryCount = 1000, seed = 384): BenchDataset {
  const rand = seededRandom(seed);
  const clusters = 256;
  const centres = Float32Array.from({ length: clusters * dim }, () => gaussian(rand));
  normalizeRowsInPlace(centres, dim);
  const data = new Float32Array(rows * dim);
  const s = 0.5 / Math.sqrt(dim);
  for (let r = 0; r < rows; r++) {
    const c = Math.floor(rand() * clusters) * dim;
    for (let j = 0; j < dim; j++) data[r * dim + j] = centres[c + j]! + s * gaussian(rand);
  }
  normalizeRowsInPlace(data, dim);
  const queries = new Float32Array(queryCount * dim);
  for (let i = 0; i < queryCount; i++) {
    const r = Math.floor(rand() * rows) * dim;
    for (let j = 0; j < dim; j++) queries[i * dim + j] = data[r + j]! + 0.5 * s * gaussian(rand);
  }
  normalizeRowsInPlace(queries, dim);
  return { name: `synthetic ${rows / 1000}k×${dim}`, matrix: { data, rows, dim }, queries, queryCount };
}

/** glove-100d unit rows; queries are the vectors of words 1000, 1037, … (frequent-ish words). */
export async function gloveWords(queryCount = 1000): Promise<BenchDataset> {
  const kv = await loadVectors('glove-100d');
  const unit = kv.unitVectors();
  const dim = kv.dim;
  const queries = new Float32Array(queryCount * dim);
  for (let i = 0; i < queryCount; i++) {
    const r = 1000 + i * 37;
    queries.set(unit.subarray(r * dim, (r + 1) * dim), i * dim);
  }
  return { name: `glove-100d ${Math.round(kv.size / 1000)}k×${dim}`, matrix: { data: unit, rows: kv.size, dim }, queries, queryCount };
}

/** recall@k of `found` against `truth` (lists of row ids per query). */
export function meanRecall(found: readonly ArrayLike<number>[], truth: readonly ArrayLike<number>[]): number {
  let sum = 0;
  found.forEach((f, i) => {
    const t = new Set(Array.from(truth[i]!));
    sum += Array.from(f).filter((x) => t.has(x)).length / t.size;
  });
  return sum / found.length;
}
