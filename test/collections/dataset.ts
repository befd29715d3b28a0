/**
 * Seeded synthetic data for the collection tests: clustered unit vectors (Gaussian blobs around random
 * centres), and a brute-force exact search written independently of src/math/top-k.ts.
 */
import { seededRandom } from '../../src/learn/random.js';

export function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function unitRows(data: Float32Array, dim: number): void {
  for (let off = 0; off < data.length; off += dim) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += data[off + j]! * data[off + j]!;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < dim; j++) data[off + j]! *= inv;
  }
}

export interface Dataset {
  readonly dim: number;
  readonly rows: number;
  /** Unit-length rows. */
  readonly data: Float32Array;
  readonly queries: Float32Array;
  readonly queryCount: number;
}

/** `rows` points in `clusters` blobs (spread `noise`), plus `queries` perturbed copies of random points. */
export function clusteredDataset(seed: number, rows: number, dim: number, opts: { clusters?: number; noise?: number; queries?: number; unit?: boolean } = {}): Dataset {
  const rand = seededRandom(seed);
  const clusters = opts.clusters ?? 20;
  const noise = opts.noise ?? 0.35;
  const centres = new Float32Array(clusters * dim).map(() => gaussian(rand));
  unitRows(centres, dim);
  const data = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const c = Math.floor(rand() * clusters);
    for (let j = 0; j < dim; j++) data[r * dim + j] = centres[c * dim + j]! + (noise * gaussian(rand)) / Math.sqrt(dim);
  }
  if (opts.unit !== false) unitRows(data, dim);
  const q = opts.queries ?? 50;
  const queries = new Float32Array(q * dim);
  for (let i = 0; i < q; i++) {
    const r = Math.floor(rand() * rows);
    for (let j = 0; j < dim; j++) queries[i * dim + j] = data[r * dim + j]! + (0.5 * noise * gaussian(rand)) / Math.sqrt(dim);
  }
  unitRows(queries, dim);
  return { dim, rows, data, queries, queryCount: q };
}

/** Exact top-k row positions (ties: lower index first) by cosine, optionally among `allowed` rows. */
export function bruteForce(data: Float32Array, dim: number, query: Float32Array, k: number, allowed?: (row: number) => boolean): { rows: number[]; scores: number[] } {
  const rows = data.length / dim;
  let qn = 0;
  for (let j = 0; j < dim; j++) qn += query[j]! * query[j]!;
  qn = Math.sqrt(qn);
  const scored: [number, number][] = [];
  for (let r = 0; r < rows; r++) {
    if (allowed !== undefined && !allowed(r)) continue;
    let s = 0;
    let n = 0;
    for (let j = 0; j < dim; j++) {
      s += data[r * dim + j]! * query[j]!;
      n += data[r * dim + j]! * data[r * dim + j]!;
    }
    scored.push([n > 0 && qn > 0 ? s / Math.sqrt(n) / qn : 0, r]);
  }
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const top = scored.slice(0, k);
  return { rows: top.map((x) => x[1]), scores: top.map((x) => x[0]) };
}

/** |found ∩ truth| / |truth|. */
export function recall(found: readonly (number | string)[], truth: readonly (number | string)[]): number {
  if (truth.length === 0) return 1;
  const t = new Set(truth);
  return found.filter((x) => t.has(x)).length / truth.length;
}
