/**
 * Projection of embeddings to 2-D (or 3-D) for plots: PCA (ours, on ml-matrix), UMAP (`umap-js`) or
 * t-SNE (`@saehrimnir/druidjs`, exact gradient, early exaggeration 4 for 100 iterations), all seeded and
 * deterministic. By default rows are scaled to unit length first, so distances follow cosine similarity
 * (UMAP and t-SNE then see Euclidean distances of unit vectors, monotone in cosine). The same function serves
 * the CLI's plots and the web explorer.
 */
import { TSNE } from '@saehrimnir/druidjs';
import { UMAP } from 'umap-js';
import { EmbedkitError, badOption } from '../../errors.js';
import { seededRandom } from '../../learn/random.js';
import { normalizeRows } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import { pca } from './pca.js';
import { PROJECTION_METHODS, type ProjectionMethod } from './projection-method.js';

export { PROJECTION_METHODS, type ProjectionMethod } from './projection-method.js';

export interface ProjectionOptions {
  readonly method?: ProjectionMethod;
  /** Output dimensions (2 or 3; default 2). */
  readonly dims?: number;
  /** Seed of every random choice (default 42). */
  readonly seed?: number;
  /** Scale rows to unit length first (default true: cosine geometry). */
  readonly normalize?: boolean;
  /** UMAP/t-SNE: reduce to this many dimensions by PCA first (a common speed-up; off by default). */
  readonly pcaDims?: number;
  /** UMAP: neighbours (default 15), minimum distance (0.1), epochs (auto: 500 below 10,000 points, else 200). */
  readonly nNeighbors?: number;
  readonly minDist?: number;
  readonly epochs?: number;
  /** t-SNE: perplexity (default 30, lowered to (n − 1)/3 for small inputs), learning rate (10), iterations (1000). */
  readonly perplexity?: number;
  readonly learningRate?: number;
  readonly iterations?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface Projection {
  readonly method: ProjectionMethod;
  /** n × dims, row-major. */
  readonly coords: Float64Array;
  readonly rows: number;
  readonly dims: number;
  /** The parameters actually used (after defaults and clamping). */
  readonly params: Readonly<Record<string, number | boolean>>;
  /** PCA only: share of variance per axis. */
  readonly explainedVarianceRatio?: Float64Array;
}

function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < m.rows; r++) out.push(Array.from(m.data.subarray(r * m.dim, (r + 1) * m.dim)));
  return out;
}

function fromRows(rows: ArrayLike<ArrayLike<number>>, dims: number): Float64Array {
  const out = new Float64Array(rows.length * dims);
  for (let r = 0; r < rows.length; r++) for (let j = 0; j < dims; j++) out[r * dims + j] = rows[r]![j]!;
  return out;
}

function positiveInt(name: string, v: number | undefined, fallback: number): number {
  const x = v ?? fallback;
  if (!Number.isInteger(x) || x < 1) throw badOption(name, 'a positive integer', x);
  return x;
}

function checkFinite(m: Matrix): void {
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i]!)) throw new EmbedkitError('BAD_ARGUMENT', 'vector value', { expected: 'finite numbers', received: String(m.data[i]), where: `vectors row ${Math.floor(i / m.dim)}` });
  }
}

export function projectVectors(x: Matrix, opts: ProjectionOptions = {}): Projection {
  const method = opts.method ?? 'pca';
  if (!PROJECTION_METHODS.includes(method)) throw badOption('method', PROJECTION_METHODS.join(' | '), method);
  const dims = positiveInt('dims', opts.dims, 2);
  if (dims > 3) throw badOption('dims', '2 or 3', dims);
  const minRows = method === 'pca' ? 2 : 4;
  if (x.rows < minRows) throw new EmbedkitError('EMPTY_INPUT', `${method} projection`, { expected: `at least ${minRows} vectors`, received: `${x.rows}`, where: 'vectors' });
  checkFinite(x);
  const seed = opts.seed ?? 42;
  const normalize = opts.normalize ?? true;
  let input: Matrix = normalize ? { data: normalizeRows(x.data, x.dim), rows: x.rows, dim: x.dim } : x;
  if (method === 'pca') {
    const p = pca(input, Math.min(dims, input.dim));
    return { method, coords: p.coords, rows: x.rows, dims: p.components, params: { normalize }, explainedVarianceRatio: p.explainedVarianceRatio };
  }
  const params: Record<string, number | boolean> = { seed, normalize };
  if (opts.pcaDims !== undefined && opts.pcaDims < input.dim) {
    const k = positiveInt('pcaDims', opts.pcaDims, 50);
    const p = pca(input, Math.min(k, input.rows - 1));
    input = { data: Float32Array.from(p.coords), rows: x.rows, dim: p.components };
    params['pcaDims'] = p.components;
  }
  const rows = toRows(input);
  if (method === 'umap') {
    const nNeighbors = Math.min(positiveInt('nNeighbors', opts.nNeighbors, 15), x.rows - 1);
    const minDist = opts.minDist ?? 0.1;
    if (!(minDist >= 0)) throw badOption('minDist', 'a number ≥ 0', minDist);
    const epochs = positiveInt('epochs', opts.epochs, x.rows <= 10_000 ? 500 : 200);
    const umap = new UMAP({ nComponents: dims, nNeighbors, minDist, nEpochs: epochs, random: seededRandom(seed) });
    const total = umap.initializeFit(rows);
    for (let e = 0; e < total; e++) {
      umap.step();
      if ((e & 15) === 15) opts.onProgress?.(e + 1, total);
    }
    opts.onProgress?.(total, total);
    Object.assign(params, { nNeighbors, minDist, epochs });
    return { method, coords: fromRows(umap.getEmbedding(), dims), rows: x.rows, dims, params };
  }
  const perplexity = Math.min(opts.perplexity ?? 30, Math.max(1, (x.rows - 1) / 3));
  if (!(perplexity > 0)) throw badOption('perplexity', 'a number > 0', opts.perplexity);
  const learningRate = opts.learningRate ?? 10;
  const iterations = positiveInt('iterations', opts.iterations, 1000);
  const tsne = new TSNE(rows, { perplexity, epsilon: learningRate, d: dims, seed });
  let done = 0;
  let out: number[][] | Float64Array[] = rows;
  for (const y of tsne.generator(iterations)) {
    out = y;
    done++;
    if ((done & 31) === 0) opts.onProgress?.(done, iterations);
  }
  opts.onProgress?.(iterations, iterations);
  Object.assign(params, { perplexity, learningRate, iterations });
  return { method, coords: fromRows(out, dims), rows: x.rows, dims, params };
}
