/**
 * Multinomial logistic regression with L2 penalty, fitted by L-BFGS — sklearn's
 * `LogisticRegression(C=1, max_iter=100)` objective: Σ cross-entropy + ‖W‖² / (2C) (intercepts not
 * penalized), here divided by n. Deterministic (zero initialisation).
 */
import type { Matrix } from '../math/matrix.js';
import { DotKernels, roundUp4 } from '../math/wasm/dot-kernels.js';

export interface LogisticRegressionOptions {
  /** Inverse regularization strength (sklearn's C). Default 1. */
  readonly c?: number;
  readonly maxIterations?: number;
  /** Stop when the gradient's max-norm falls below this. Default 1e-4 (sklearn's tol). */
  readonly tolerance?: number;
  /** Use the scalar float64 objective even when the WebAssembly kernels are available. */
  readonly scalar?: boolean;
}

type Objective = (w: Float64Array, grad: Float64Array) => number;

export interface LogisticModel {
  readonly classes: number;
  readonly dim: number;
  /** `classes × (dim + 1)`, the last column the intercept. */
  readonly weights: Float64Array;
}

/** Loss and gradient of the objective at `w` (`classes × (dim+1)`). */
function lossAndGradient(x: Matrix, y: Int32Array, classes: number, lambda: number, w: Float64Array, grad: Float64Array): number {
  const { rows: n, dim: d, data } = x;
  const stride = d + 1;
  grad.fill(0);
  const logits = new Float64Array(classes);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const off = i * d;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) {
      const wo = c * stride;
      let z = w[wo + d]!;
      for (let j = 0; j < d; j++) z += w[wo + j]! * data[off + j]!;
      logits[c] = z;
      if (z > max) max = z;
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[c]! - max);
    const lse = max + Math.log(sum);
    const yi = y[i]!;
    loss += lse - logits[yi]!;
    for (let c = 0; c < classes; c++) {
      const g = Math.exp(logits[c]! - lse) - (c === yi ? 1 : 0);
      if (g === 0) continue;
      const wo = c * stride;
      for (let j = 0; j < d; j++) grad[wo + j]! += g * data[off + j]!;
      grad[wo + d]! += g;
    }
  }
  loss /= n;
  let reg = 0;
  for (let c = 0; c < classes; c++) {
    for (let j = 0; j < d; j++) {
      const k = c * stride + j;
      grad[k] = grad[k]! / n + lambda * w[k]!;
      reg += w[k]! * w[k]!;
    }
    grad[c * stride + d]! /= n;
  }
  return loss + 0.5 * lambda * reg;
}

/**
 * The same objective with both matrix products on the WebAssembly SIMD kernel (f32): logits = [X 1]·Wᵀ
 * and ∇ = Gᵀ·[X 1], the intercept as a constant feature. Softmax, loss and regularization stay in float64.
 */
function wasmObjective(kernels: DotKernels, x: Matrix, y: Int32Array, classes: number, lambda: number): Objective {
  const { rows: n, dim: d, data } = x;
  const stride = d + 1;
  const pd = roundUp4(stride);
  const np = roundUp4(n);
  const cp = roundUp4(classes);
  kernels.reset();
  const xOff = kernels.alloc(np * pd * 4);
  const xtOff = kernels.alloc(pd * np * 4);
  const wOff = kernels.alloc(cp * pd * 4);
  const zOff = kernels.alloc(np * cp * 4);
  const gtOff = kernels.alloc(cp * np * 4);
  const gOff = kernels.alloc(cp * pd * 4);
  const xm = kernels.f32(xOff, np * pd);
  const xt = kernels.f32(xtOff, pd * np);
  const wm = kernels.f32(wOff, cp * pd);
  const z = kernels.f32(zOff, np * cp);
  const gt = kernels.f32(gtOff, cp * np);
  const gm = kernels.f32(gOff, cp * pd);
  xm.fill(0);
  xt.fill(0);
  wm.fill(0);
  gt.fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j]!;
      xm[i * pd + j] = v;
      xt[j * np + i] = v;
    }
    xm[i * pd + d] = 1;
    xt[d * np + i] = 1;
  }
  return (w, grad) => {
    for (let c = 0; c < classes; c++) for (let j = 0; j < stride; j++) wm[c * pd + j] = w[c * stride + j]!;
    kernels.gemmNT(xOff, np, wOff, cp, pd, zOff);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const zo = i * cp;
      let max = -Infinity;
      for (let c = 0; c < classes; c++) max = Math.max(max, z[zo + c]!);
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += Math.exp(z[zo + c]! - max);
      const lse = max + Math.log(sum);
      const yi = y[i]!;
      loss += lse - z[zo + yi]!;
      for (let c = 0; c < classes; c++) gt[c * np + i] = Math.exp(z[zo + c]! - lse) - (c === yi ? 1 : 0);
    }
    kernels.gemmNT(gtOff, cp, xtOff, pd, np, gOff);
    let reg = 0;
    for (let c = 0; c < classes; c++) {
      for (let j = 0; j < d; j++) {
        const k = c * stride + j;
        grad[k] = gm[c * pd + j]! / n + lambda * w[k]!;
        reg += w[k]! * w[k]!;
      }
      grad[c * stride + d] = gm[c * pd + d]! / n;
    }
    return loss / n + 0.5 * lambda * reg;
  };
}

const dotv = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/** Fits on rows of `x` with labels `y` in `0 .. classes-1`. */
export function fitLogisticRegression(x: Matrix, y: Int32Array, classes: number, opts: LogisticRegressionOptions = {}): LogisticModel {
  const d = x.dim;
  const size = classes * (d + 1);
  const lambda = 1 / ((opts.c ?? 1) * x.rows);
  const maxIter = opts.maxIterations ?? 100;
  const tol = opts.tolerance ?? 1e-4;
  const history = 10;
  const kernels = opts.scalar === true ? undefined : DotKernels.get();
  const objective: Objective = kernels !== undefined ? wasmObjective(kernels, x, y, classes, lambda) : (wv, gv) => lossAndGradient(x, y, classes, lambda, wv, gv);
  let w = new Float64Array(size);
  let g = new Float64Array(size);
  let f = objective(w, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const dir = new Float64Array(size);
  const alpha = new Float64Array(history);
  for (let iter = 0; iter < maxIter; iter++) {
    let gmax = 0;
    for (let i = 0; i < size; i++) gmax = Math.max(gmax, Math.abs(g[i]!));
    if (gmax < tol) break;
    // two-loop recursion: dir = −H·g
    dir.set(g);
    for (let k = S.length - 1; k >= 0; k--) {
      const a = rho[k]! * dotv(S[k]!, dir);
      alpha[k] = a;
      const yk = Y[k]!;
      for (let i = 0; i < size; i++) dir[i]! -= a * yk[i]!;
    }
    if (S.length > 0) {
      const k = S.length - 1;
      const gamma = dotv(S[k]!, Y[k]!) / dotv(Y[k]!, Y[k]!);
      for (let i = 0; i < size; i++) dir[i]! *= gamma;
    }
    for (let k = 0; k < S.length; k++) {
      const b = rho[k]! * dotv(Y[k]!, dir);
      const sk = S[k]!;
      for (let i = 0; i < size; i++) dir[i]! += sk[i]! * (alpha[k]! - b);
    }
    for (let i = 0; i < size; i++) dir[i] = -dir[i]!;
    let slope = dotv(g, dir);
    if (slope >= 0) {
      // not a descent direction: restart from steepest descent
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let i = 0; i < size; i++) dir[i] = -g[i]!;
      slope = dotv(g, dir);
    }
    // backtracking line search (Armijo)
    let step = S.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    const wNew = new Float64Array(size);
    const gNew = new Float64Array(size);
    let fNew = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < size; i++) wNew[i] = w[i]! + step * dir[i]!;
      fNew = objective(wNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
    const s = new Float64Array(size);
    const yv = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      s[i] = wNew[i]! - w[i]!;
      yv[i] = gNew[i]! - g[i]!;
    }
    const sy = dotv(s, yv);
    if (sy > 1e-12) {
      if (S.length === history) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
    }
    const converged = (f - fNew) / Math.max(Math.abs(f), Math.abs(fNew), 1) < 1e-10;
    w = wNew;
    g = gNew;
    f = fNew;
    if (converged) break;
  }
  kernels?.reset();
  return { classes, dim: d, weights: w };
}

/** Most probable class of each row. */
export function predictLogistic(model: LogisticModel, x: Matrix): Int32Array {
  const { classes, dim: d, weights: w } = model;
  const out = new Int32Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let best = -Infinity;
    let arg = 0;
    for (let c = 0; c < classes; c++) {
      const wo = c * (d + 1);
      let z = w[wo + d]!;
      for (let j = 0; j < d; j++) z += w[wo + j]! * x.data[i * d + j]!;
      if (z > best) {
        best = z;
        arg = c;
      }
    }
    out[i] = arg;
  }
  return out;
}
