/**
 * Adapter losses over a batch of adapter outputs (float64, row-major, `dim` wide), each on the first
 * `use` dimensions (the Matryoshka wrapper sums them over nested prefixes) with cosine similarity, and
 * each returning the loss and dLoss/dOutput (added into `da`, `db`):
 * - `mnrl`: MultipleNegativesRanking / InfoNCE: anchor i must score its positive (candidate i) above every
 *   other candidate (the batch's other positives and any hard negatives appended after them; candidates
 *   that are also relevant to anchor i are masked out); scores are `scale · cos` (scale 20 = temperature
 *   0.05), mean cross-entropy.
 * - `cosent`: CoSENT (Su 2022) for graded pairs: log(1 + Σ_{y_i > y_j} exp(scale (cos_j − cos_i))).
 * - `distill`: mean squared error between the student's in-batch cosine matrix cos(a_i, b_j) and the
 *   teacher's (given).
 */

export interface LossParts {
  /** Anchors: `n × dim`. */
  readonly a: Float64Array;
  /** Candidates (positives, then hard negatives for mnrl): `m × dim`. */
  readonly b: Float64Array;
  readonly n: number;
  readonly m: number;
  readonly dim: number;
}

export interface LossContext {
  readonly scale: number;
  /** cosent: the gold scores of the n pairs (a_i, b_i). */
  readonly scores?: Float64Array;
  /** distill: the teacher's `n × n` cosines cos(a_i, b_j). */
  readonly teacher?: Float64Array;
  /** mnrl: `n × m`, 1 where candidate j is another positive of anchor i (left out of its softmax, not a negative). */
  readonly mask?: Uint8Array;
}

export type LossName = 'mnrl' | 'cosent' | 'distill';
export const LOSS_NAMES: readonly LossName[] = ['mnrl', 'cosent', 'distill'];

/** Unit rows of the first `use` dims of `y` (`rows × dim`), and the norms. */
function unitPrefix(y: Float64Array, rows: number, dim: number, use: number): { u: Float64Array; norms: Float64Array } {
  const u = new Float64Array(rows * use);
  const norms = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < use; j++) s += y[r * dim + j]! ** 2;
    const nr = Math.sqrt(s) || 1;
    norms[r] = nr;
    for (let j = 0; j < use; j++) u[r * use + j] = y[r * dim + j]! / nr;
  }
  return { u, norms };
}

/** dLoss/dy from dLoss/du through u = y/|y| (prefix only), added into `dy`. */
function backUnit(u: Float64Array, norms: Float64Array, du: Float64Array, rows: number, dim: number, use: number, dy: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < use; j++) s += du[r * use + j]! * u[r * use + j]!;
    const inv = 1 / norms[r]!;
    for (let j = 0; j < use; j++) dy[r * dim + j]! += (du[r * use + j]! - s * u[r * use + j]!) * inv;
  }
}

/** cos(a_i, b_j) for all i, j of unit rows: `n × m`. */
function cosines(ua: Float64Array, n: number, ub: Float64Array, m: number, use: number): Float64Array {
  const s = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let t = 0;
      for (let k = 0; k < use; k++) t += ua[i * use + k]! * ub[j * use + k]!;
      s[i * m + j] = t;
    }
  }
  return s;
}

/** du_a = dS · ub and du_b = dSᵀ · ua for S = ua ubᵀ. */
function backCosines(ds: Float64Array, ua: Float64Array, n: number, ub: Float64Array, m: number, use: number): { dua: Float64Array; dub: Float64Array } {
  const dua = new Float64Array(n * use);
  const dub = new Float64Array(m * use);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const g = ds[i * m + j]!;
      if (g === 0) continue;
      for (let k = 0; k < use; k++) {
        dua[i * use + k]! += g * ub[j * use + k]!;
        dub[j * use + k]! += g * ua[i * use + k]!;
      }
    }
  }
  return { dua, dub };
}

/** The loss on the first `use` dims; gradients added into `da` (`n × dim`) and `db` (`m × dim`). */
export function lossOnPrefix(name: LossName, p: LossParts, ctx: LossContext, use: number, da: Float64Array, db: Float64Array): number {
  const { n, m, dim } = p;
  const a = unitPrefix(p.a, n, dim, use);
  const b = unitPrefix(p.b, m, dim, use);
  const ds = new Float64Array(n * m);
  let loss = 0;
  if (name === 'mnrl') {
    const s = cosines(a.u, n, b.u, m, use);
    const mask = ctx.mask;
    const on = (i: number, j: number): boolean => mask === undefined || j === i || mask[i * m + j] === 0;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let j = 0; j < m; j++) if (on(i, j)) max = Math.max(max, ctx.scale * s[i * m + j]!);
      let z = 0;
      for (let j = 0; j < m; j++) if (on(i, j)) z += Math.exp(ctx.scale * s[i * m + j]! - max);
      loss += max + Math.log(z) - ctx.scale * s[i * m + i]!;
      for (let j = 0; j < m; j++) if (on(i, j)) ds[i * m + j] = (ctx.scale * Math.exp(ctx.scale * s[i * m + j]! - max)) / z / n;
      ds[i * m + i]! -= ctx.scale / n;
    }
    loss /= n;
  } else if (name === 'cosent') {
    const y = ctx.scores;
    if (y === undefined || y.length < n) throw new RangeError('cosent needs a score per pair');
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let t = 0;
      for (let k = 0; k < use; k++) t += a.u[i * use + k]! * b.u[i * use + k]!;
      c[i] = t;
    }
    // log(1 + Σ exp(t_ij)), t_ij = scale (c_j − c_i) over pairs with y_i > y_j; stable with the max term.
    let max = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (y[i]! > y[j]!) max = Math.max(max, ctx.scale * (c[j]! - c[i]!));
    let z = Math.exp(-max);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (y[i]! > y[j]!) z += Math.exp(ctx.scale * (c[j]! - c[i]!) - max);
    loss = max + Math.log(z);
    const dc = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (!(y[i]! > y[j]!)) continue;
        const w = (ctx.scale * Math.exp(ctx.scale * (c[j]! - c[i]!) - max)) / z;
        dc[j]! += w;
        dc[i]! -= w;
      }
    }
    for (let i = 0; i < n; i++) ds[i * m + i] = dc[i]!;
  } else {
    const t = ctx.teacher;
    if (t === undefined || t.length !== n * m) throw new RangeError('distill needs the teacher cosines (n × m)');
    const s = cosines(a.u, n, b.u, m, use);
    for (let i = 0; i < n * m; i++) {
      const e = s[i]! - t[i]!;
      loss += e * e;
      ds[i] = (2 * e) / (n * m);
    }
    loss /= n * m;
  }
  const { dua, dub } = backCosines(ds, a.u, n, b.u, m, use);
  backUnit(a.u, a.norms, dua, n, dim, use, da);
  backUnit(b.u, b.norms, dub, m, dim, use, db);
  return loss;
}

/**
 * The loss summed over nested prefixes `dims` (Matryoshka; the full width is always included), or on
 * the full width alone when `dims` is empty. Returns the loss and dLoss/da, dLoss/db.
 */
export function adapterLoss(name: LossName, p: LossParts, ctx: LossContext, dims: readonly number[] = []): { loss: number; da: Float64Array; db: Float64Array } {
  const da = new Float64Array(p.n * p.dim);
  const db = new Float64Array(p.m * p.dim);
  const uses = [...new Set([...dims.filter((d) => d < p.dim), p.dim])].sort((x, y) => x - y);
  let loss = 0;
  for (const use of uses) loss += lossOnPrefix(name, p, ctx, use, da, db);
  return { loss, da, db };
}
