/**
 * Transformer-based text embedding depth (TTE depth; Seegmiller & Preum, EMNLP 2023): the depth of an
 * embedding x with respect to a corpus F is
 *
 *     D(x, F) = 2 − E_{H∼F}[δ(x, H)]
 *
 * with δ the cosine distance 1 − cos(x, h) (default) or the chord distance √(2 − 2·cos(x, h)), both
 * bounded by 2. For x in F the expectation runs over the n − 1 other texts (self excluded); for a text of
 * another corpus G it runs over all of F. Higher depth = more central; the corpus median is the deepest text.
 *
 * Scaling. The cosine distance is linear in the unit vectors, so the mean distance of x to F is
 * 1 − x̂·(Σ ĥ)/n: one pass over F for the sum and one dot product per text — O((n + m)·d) time, exact
 * (float64). The chord distance is not, so it costs all n·(n + m) pairs: blocked A·Bᵀ products on the
 * WebAssembly SIMD kernel (float32, ~1e-6), or float64 scalar products with `scalar`; `sample` estimates
 * each mean from a random subset of F and reports the standard error of the estimate.
 */
import { EmbedkitError, badOption } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import { seededRandom } from '../../learn/random.js';
import { chordSums32, chordSums64, type ChordSums } from './chord-sums.js';
import { inverseNorms, unitRows32, unitRows64 } from './unit-rows.js';

export type DepthDistance = 'cosine' | 'chord';
export const DEPTH_DISTANCES: readonly DepthDistance[] = ['cosine', 'chord'];

/** The supremum of both distances between unit vectors. */
export const DEPTH_SUP = 2;

export interface DepthOptions {
  /** `cosine` (default; exact, linear time) or `chord` (all pairs). */
  readonly distance?: DepthDistance;
  /** Chord only: estimate each mean distance from this many rows of F drawn without replacement. */
  readonly sample?: number;
  /** Seed of the sample (default 42). */
  readonly seed?: number;
  /** Chord only: float64 scalar products instead of the float32 SIMD kernel. */
  readonly scalar?: boolean;
  /** Called as rows are done (chord distance; the cosine path is a single quick pass). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** How a sampled estimate was made and how far it may be off. */
export interface DepthSampling {
  /** Rows of F each mean was estimated from. */
  readonly size: number;
  /** Mean and largest standard error of the depths (finite-population corrected). */
  readonly meanStdError: number;
  readonly maxStdError: number;
}

export interface Depths {
  readonly depths: Float64Array;
  readonly sampling?: DepthSampling;
}

export interface CorpusDepths extends Depths {
  /** Row indices, deepest (most central) first; ties by lower index. */
  readonly order: Int32Array;
  /** The corpus median: the row of largest depth. */
  readonly median: number;
}

function checkOptions(f: Matrix, opts: DepthOptions): DepthDistance {
  const distance = opts.distance ?? 'cosine';
  if (!DEPTH_DISTANCES.includes(distance)) throw badOption('distance', DEPTH_DISTANCES.join(' | '), distance);
  if (opts.sample !== undefined) {
    if (!Number.isInteger(opts.sample) || opts.sample < 2) throw badOption('sample', 'an integer ≥ 2', opts.sample);
    if (distance === 'cosine') {
      throw new EmbedkitError('BAD_OPTION', 'sample', {
        expected: 'no sampling with the cosine distance',
        received: String(opts.sample),
        where: 'sample',
        hint: 'cosine depths are exact in linear time; sampling applies to `distance` \'chord\'',
      });
    }
  }
  if (f.rows < 2) throw new EmbedkitError('EMPTY_INPUT', 'depth reference corpus', { expected: 'at least 2 texts', received: `${f.rows}`, where: 'F' });
  return distance;
}

function checkDims(f: Matrix, g: Matrix): void {
  if (f.dim !== g.dim) throw new EmbedkitError('DIM_MISMATCH', 'depth corpora', { expected: `dimension ${f.dim} (as F)`, received: `dimension ${g.dim}`, where: 'G' });
}

/** Σ of the unit rows of F, float64, without materializing them. */
function unitSum(f: Matrix, inv: Float64Array): Float64Array {
  const { data, rows, dim } = f;
  const s = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    const k = inv[r]!;
    const off = r * dim;
    for (let j = 0; j < dim; j++) s[j]! += data[off + j]! * k;
  }
  return s;
}

/**
 * Cosine depths of the rows of `x` w.r.t. F: 1 + (x̂·S − [x ∈ F]·x̂·x̂) / (n − [x ∈ F]) with S = Σ ĥ over F.
 * Streams the rows: O(n + d) extra memory.
 */
function cosineDepths(f: Matrix, x: Matrix, self: boolean): Float64Array {
  const invF = inverseNorms(f, 'F');
  const invX = self ? invF : inverseNorms(x, 'G');
  const s = unitSum(f, invF);
  const { data, rows, dim } = x;
  const n = f.rows;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const off = r * dim;
    const k = invX[r]!;
    let dotS = 0;
    let dotSelf = 0;
    for (let j = 0; j < dim; j++) {
      const u = data[off + j]! * k;
      dotS += u * s[j]!;
      dotSelf += u * u;
    }
    const meanCos = self ? (dotS - dotSelf) / (n - 1) : dotS / n;
    out[r] = DEPTH_SUP - (1 - meanCos);
  }
  return out;
}

/** Reference rows: all of F, or a seeded sample of `size` rows (partial Fisher–Yates). */
function referenceRows(n: number, opts: DepthOptions): Int32Array | undefined {
  if (opts.sample === undefined || opts.sample >= n) return undefined;
  const rand = seededRandom(opts.seed ?? 42);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < opts.sample; i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx.slice(0, opts.sample).sort();
}

function gatherRows<T extends Float32Array | Float64Array>(u: T, rows: Int32Array, dim: number, make: (n: number) => T): T {
  const out = make(rows.length * dim);
  rows.forEach((r, i) => out.set(u.subarray(r * dim, (r + 1) * dim), i * dim));
  return out;
}

/** Chord depths of the rows of `x` w.r.t. F; `self` means x is F (each row skips itself). */
function chordDepths(f: Matrix, x: Matrix, self: boolean, opts: DepthOptions): Depths {
  const { dim } = f;
  const n = f.rows;
  const ref = referenceRows(n, opts);
  const refCount = ref?.length ?? n;
  let skip: Int32Array | undefined;
  if (self) {
    skip = new Int32Array(x.rows).fill(-1);
    if (ref === undefined) for (let i = 0; i < x.rows; i++) skip[i] = i;
    else ref.forEach((r, i) => (skip![r] = i));
  }
  const progress = opts.onProgress === undefined ? undefined : (done: number) => opts.onProgress!(done, x.rows);
  let sums: ChordSums | undefined;
  if (opts.scalar !== true) {
    const uf = unitRows32(f, 'F');
    const ux = self ? uf : unitRows32(x, 'G');
    const b = ref === undefined ? uf : gatherRows(uf, ref, dim, (k) => new Float32Array(k));
    sums = chordSums32(ux, x.rows, b, refCount, dim, skip, progress);
  }
  if (sums === undefined) {
    const uf = unitRows64(f, 'F');
    const ux = self ? uf : unitRows64(x, 'G');
    const b = ref === undefined ? uf : gatherRows(uf, ref, dim, (k) => new Float64Array(k));
    sums = chordSums64(ux, x.rows, b, refCount, dim, skip, progress);
  }
  const depths = new Float64Array(x.rows);
  let seSum = 0;
  let seMax = 0;
  for (let i = 0; i < x.rows; i++) {
    const count = refCount - (skip !== undefined && skip[i]! >= 0 ? 1 : 0);
    const mean = sums.sums[i]! / count;
    depths[i] = DEPTH_SUP - mean;
    if (ref !== undefined) {
      // standard error of a mean of `count` draws without replacement from the population of size N
      const population = self ? n - 1 : n;
      const variance = Math.max(0, sums.squares[i]! / count - mean * mean) * (count / Math.max(1, count - 1));
      const se = Math.sqrt((variance / count) * Math.max(0, 1 - count / population));
      seSum += se;
      seMax = Math.max(seMax, se);
    }
  }
  if (ref === undefined) return { depths };
  return { depths, sampling: { size: refCount, meanStdError: seSum / x.rows, maxStdError: seMax } };
}

/** Depth of every row of F w.r.t. F (self excluded), its ranking and its median. */
export function corpusDepths(f: Matrix, opts: DepthOptions = {}): CorpusDepths {
  const distance = checkOptions(f, opts);
  let res: Depths;
  if (distance === 'cosine') {
    res = { depths: cosineDepths(f, f, true) };
  } else {
    res = chordDepths(f, f, true, opts);
  }
  const order = depthOrder(res.depths);
  return { ...res, order, median: order[0]! };
}

/** Depth of every row of G w.r.t. F (G's rows are not part of F). */
export function depthsWithRespectTo(f: Matrix, g: Matrix, opts: DepthOptions = {}): Depths {
  const distance = checkOptions(f, opts);
  checkDims(f, g);
  if (distance === 'cosine') return { depths: cosineDepths(f, g, false) };
  return chordDepths(f, g, false, opts);
}

/** Row indices by decreasing depth, ties by lower index. */
export function depthOrder(depths: Float64Array): Int32Array {
  const order = Int32Array.from({ length: depths.length }, (_, i) => i);
  order.sort((a, b) => depths[b]! - depths[a]! || a - b);
  return order;
}
