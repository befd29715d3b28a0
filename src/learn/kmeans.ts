/**
 * k-means (Lloyd) with k-means++ seeding (Arthur & Vassilvitskii 2007), several restarts from a seeded
 * PRNG, keeping the run with the lowest inertia (sum of squared distances).
 */
import type { Matrix } from '../math/matrix.js';
import { DotKernels, roundUp4 } from '../math/wasm/dot-kernels.js';
import { seededRandom } from './random.js';

export interface KMeansOptions {
  readonly restarts?: number;
  readonly maxIterations?: number;
  readonly seed?: number;
  /** Assign points with scalar float64 distances even when the WebAssembly kernels are available. */
  readonly scalar?: boolean;
}

/** Nearest centroid of every point and the squared distance to it. */
type Assign = (centroids: Float64Array, k: number, assign: Int32Array, dist: Float64Array) => void;

function scalarAssign(x: Matrix): Assign {
  const { rows: n, dim: d, data } = x;
  return (c, k, assign, dist) => {
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      let arg = 0;
      for (let m = 0; m < k; m++) {
        const s = sqDist(data, i * d, c, m * d, d);
        if (s < best) {
          best = s;
          arg = m;
        }
      }
      assign[i] = arg;
      dist[i] = best;
    }
  };
}

/** ‖x − c‖² = ‖x‖² − 2·x·c + ‖c‖², the products x·c for all pairs by the WebAssembly SIMD kernel. */
function wasmAssign(kernels: DotKernels, x: Matrix, k: number): Assign {
  const { rows: n, dim: d, data } = x;
  const pd = roundUp4(d);
  const np = n + (n & 1);
  const kp = roundUp4(k);
  kernels.reset();
  const xOff = kernels.alloc(np * pd * 4);
  const cOff = kernels.alloc(kp * pd * 4);
  const pOff = kernels.alloc(np * kp * 4);
  const xm = kernels.f32(xOff, np * pd);
  const cm = kernels.f32(cOff, kp * pd);
  const prod = kernels.f32(pOff, np * kp);
  xm.fill(0);
  cm.fill(0);
  const xNorm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j]!;
      xm[i * pd + j] = v;
      s += v * v;
    }
    xNorm[i] = s;
  }
  const cNorm = new Float64Array(k);
  return (c, kk, assign, dist) => {
    for (let m = 0; m < kk; m++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const v = c[m * d + j]!;
        cm[m * pd + j] = v;
        s += v * v;
      }
      cNorm[m] = s;
    }
    kernels.gemmNT(xOff, np, cOff, kp, pd, pOff);
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      let arg = 0;
      for (let m = 0; m < kk; m++) {
        const s = cNorm[m]! - 2 * prod[i * kp + m]!;
        if (s < best) {
          best = s;
          arg = m;
        }
      }
      assign[i] = arg;
      dist[i] = Math.max(0, xNorm[i]! + best);
    }
  };
}

export interface KMeansResult {
  readonly assignments: Int32Array;
  readonly centroids: Float64Array;
  readonly inertia: number;
}

function sqDist(x: Float32Array, xo: number, c: Float64Array, co: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = x[xo + j]! - c[co + j]!;
    s += t * t;
  }
  return s;
}

function seedCentroids(x: Matrix, k: number, rand: () => number): Float64Array {
  const { rows: n, dim: d, data } = x;
  const c = new Float64Array(k * d);
  const first = Math.floor(rand() * n);
  for (let j = 0; j < d; j++) c[j] = data[first * d + j]!;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) dist[i] = sqDist(data, i * d, c, 0, d);
  for (let m = 1; m < k; m++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += dist[i]!;
    let pick = n - 1;
    if (total > 0) {
      let r = rand() * total;
      for (let i = 0; i < n; i++) {
        r -= dist[i]!;
        if (r < 0) {
          pick = i;
          break;
        }
      }
    } else pick = Math.floor(rand() * n);
    for (let j = 0; j < d; j++) c[m * d + j] = data[pick * d + j]!;
    for (let i = 0; i < n; i++) dist[i] = Math.min(dist[i]!, sqDist(data, i * d, c, m * d, d));
  }
  return c;
}

function lloyd(x: Matrix, c: Float64Array, k: number, maxIter: number, nearest: Assign): KMeansResult {
  const { rows: n, dim: d, data } = x;
  const assign = new Int32Array(n).fill(-1);
  const next = new Int32Array(n);
  const dist = new Float64Array(n);
  let inertia = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    nearest(c, k, next, dist);
    let changed = 0;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      inertia += dist[i]!;
      if (assign[i] !== next[i]) {
        assign[i] = next[i]!;
        changed++;
      }
    }
    if (changed === 0) break;
    const sums = new Float64Array(k * d);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const m = assign[i]!;
      counts[m]!++;
      for (let j = 0; j < d; j++) sums[m * d + j]! += data[i * d + j]!;
    }
    for (let m = 0; m < k; m++) {
      if (counts[m] === 0) continue; // an empty cluster keeps its centroid
      for (let j = 0; j < d; j++) c[m * d + j] = sums[m * d + j]! / counts[m]!;
    }
  }
  return { assignments: assign, centroids: c, inertia };
}

export function kMeans(x: Matrix, k: number, opts: KMeansOptions = {}): KMeansResult {
  const rand = seededRandom(opts.seed ?? 42);
  const kk = Math.max(1, Math.min(k, x.rows));
  const kernels = opts.scalar === true ? undefined : DotKernels.get();
  const nearest = kernels !== undefined ? wasmAssign(kernels, x, kk) : scalarAssign(x);
  let best: KMeansResult | undefined;
  for (let r = 0; r < (opts.restarts ?? 10); r++) {
    const res = lloyd(x, seedCentroids(x, kk, rand), kk, opts.maxIterations ?? 300, nearest);
    if (best === undefined || res.inertia < best.inertia) best = res;
  }
  kernels?.reset();
  return best!;
}
