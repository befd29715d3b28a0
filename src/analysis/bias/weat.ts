/**
 * WEAT (Caliskan, Bryson & Narayanan 2017) on word vectors.
 *
 *   s(w, A, B)      = mean_{a∈A} cos(w, a) − mean_{b∈B} cos(w, b)
 *   statistic       = Σ_{x∈X} s(x, A, B) − Σ_{y∈Y} s(y, A, B)
 *   effect size     = (mean_{x∈X} s(x) − mean_{y∈Y} s(y)) / std_{w∈X∪Y} s(w)
 *
 * The standard deviation is the population one (ddof = 0) by default, as WEFE computes it with `np.std`;
 * `std: 'sample'` gives ddof = 1, as sent-bias does. The p-value is the permutation test of
 * permutation.ts. Words missing from the vocabulary are skipped and listed; a set that loses more than
 * `lostVocabularyThreshold` of its words (default 0.2, WEFE's default) is an error.
 */
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { permutationPValue, type PermutationOptions } from './permutation.js';
import { WEAT_ROLES, type WeatRole, type WeatTest } from './word-sets.js';

export type StdKind = 'population' | 'sample';

export interface WeatOptions extends PermutationOptions {
  /** Standard deviation in the effect size: `population` (ddof 0, WEFE; default) or `sample` (ddof 1, sent-bias). */
  readonly std?: StdKind;
  /** Fail when any set loses more than this fraction of its words (default 0.2). */
  readonly lostVocabularyThreshold?: number;
  /** Compute the permutation p-value (default true). */
  readonly pValue?: boolean;
  readonly onWarning?: (message: string) => void;
}

export interface WeatResult {
  readonly test: string;
  readonly categories: Readonly<Record<WeatRole, string>>;
  readonly effectSize: number;
  readonly statistic: number;
  /** Permutation p-value (null when not computed). */
  readonly p: number | null;
  readonly pMethod: 'exact' | 'random' | null;
  /** Partitions of X ∪ Y (C(|X|+|Y|, |X|)) and how many were evaluated. */
  readonly partitions: number;
  readonly evaluated: number;
  readonly std: StdKind;
  /** mean s(x) over X and mean s(y) over Y. */
  readonly meanX: number;
  readonly meanY: number;
  /** Words (or texts) used per set. */
  readonly sizes: Readonly<Record<WeatRole, number>>;
  /** Every missing word, in set order. */
  readonly missing: readonly string[];
  readonly missingBySet: Readonly<Record<WeatRole, readonly string[]>>;
}

/** The present rows of one set and the entries that were not found. */
export interface ResolvedSet {
  readonly category: string;
  readonly rows: Matrix;
  readonly missing: readonly string[];
  readonly total: number;
}

/** Unit-length float64 copies of the rows. */
function unitRows(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows * m.dim);
  for (let r = 0; r < m.rows; r++) {
    let n = 0;
    for (let j = 0; j < m.dim; j++) n += m.data[r * m.dim + j]! ** 2;
    const inv = 1 / Math.sqrt(n);
    for (let j = 0; j < m.dim; j++) out[r * m.dim + j] = m.data[r * m.dim + j]! * inv;
  }
  return out;
}

/** s(w, A, B) for every row w of `w` (all rows non-zero). */
export function associations(w: Matrix, a: Matrix, b: Matrix): Float64Array {
  const dim = w.dim;
  if (a.dim !== dim || b.dim !== dim) throw new EmbedkitError('DIM_MISMATCH', 'WEAT sets', { expected: `${dim} dims`, received: `${a.dim} and ${b.dim}` });
  const uw = unitRows(w);
  const ua = unitRows(a);
  const ub = unitRows(b);
  const out = new Float64Array(w.rows);
  const meanCos = (u: Float64Array, rows: number, off: number): number => {
    let s = 0;
    for (let r = 0; r < rows; r++) {
      let d = 0;
      for (let j = 0; j < dim; j++) d += uw[off + j]! * u[r * dim + j]!;
      s += d;
    }
    return s / rows;
  };
  for (let i = 0; i < w.rows; i++) out[i] = meanCos(ua, a.rows, i * dim) - meanCos(ub, b.rows, i * dim);
  return out;
}

function concatRows(a: Matrix, b: Matrix): Matrix {
  const data = new Float32Array((a.rows + b.rows) * a.dim);
  data.set(a.data.subarray(0, a.rows * a.dim));
  data.set(b.data.subarray(0, b.rows * b.dim), a.rows * a.dim);
  return { data, rows: a.rows + b.rows, dim: a.dim };
}

/** The test statistics from resolved sets (shared by WEAT on word vectors and SEAT on any embedder). */
export function weatFromSets(name: string, sets: Readonly<Record<WeatRole, ResolvedSet>>, opts: WeatOptions = {}): WeatResult {
  const threshold = opts.lostVocabularyThreshold ?? 0.2;
  if (!(threshold >= 0 && threshold <= 1)) throw new EmbedkitError('BAD_OPTION', 'lostVocabularyThreshold', { expected: 'a fraction in [0, 1]', received: String(threshold), where: 'lostVocabularyThreshold' });
  const std = opts.std ?? 'population';
  if (std !== 'population' && std !== 'sample') throw new EmbedkitError('BAD_OPTION', 'std', { expected: 'population|sample', received: String(std), where: 'std' });
  for (const role of WEAT_ROLES) {
    const s = sets[role];
    const lost = s.missing.length / s.total;
    if (lost > threshold || s.rows.rows === 0) {
      throw new EmbedkitError('UNKNOWN_WORD', `${name}: set ${role} (${s.category}) lost ${s.missing.length} of ${s.total} entries`, {
        expected: `at most ${Math.round(threshold * 100)}% missing and at least one present`,
        received: `missing: ${s.missing.join(', ')}`,
        where: `${role}`,
        hint: 'raise `lostVocabularyThreshold` to accept it',
      });
    }
    if (s.missing.length > 0) opts.onWarning?.(`${name}: ${role} (${s.category}) skips ${s.missing.length} of ${s.total} missing: ${s.missing.join(', ')}`);
  }
  const X = sets.targ1.rows;
  const Y = sets.targ2.rows;
  const s = associations(concatRows(X, Y), sets.attr1.rows, sets.attr2.rows);
  const nx = X.rows;
  const ny = Y.rows;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < nx; i++) sumX += s[i]!;
  for (let i = nx; i < nx + ny; i++) sumY += s[i]!;
  const n = nx + ny;
  const mean = (sumX + sumY) / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (s[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (std === 'population' ? n : n - 1));
  const meanX = sumX / nx;
  const meanY = sumY / ny;
  const perm = opts.pValue === false ? undefined : permutationPValue(s, nx, opts);
  const sizes = {} as Record<WeatRole, number>;
  const missingBySet = {} as Record<WeatRole, readonly string[]>;
  const categories = {} as Record<WeatRole, string>;
  for (const role of WEAT_ROLES) {
    sizes[role] = sets[role].rows.rows;
    missingBySet[role] = sets[role].missing;
    categories[role] = sets[role].category;
  }
  return {
    test: name,
    categories,
    effectSize: (meanX - meanY) / sd,
    statistic: sumX - sumY,
    p: perm?.p ?? null,
    pMethod: perm?.method ?? null,
    partitions: perm?.partitions ?? 0,
    evaluated: perm?.evaluated ?? 0,
    std,
    meanX,
    meanY,
    sizes,
    missing: WEAT_ROLES.flatMap((r) => sets[r].missing),
    missingBySet,
  };
}

/** Looks the words of each set up in `kv` (as given, then lower case); missing and all-zero vectors are skipped. */
export function resolveWords(kv: KeyedVectors, category: string, words: readonly string[]): ResolvedSet {
  const rows: number[] = [];
  const missing: string[] = [];
  const norms = kv.norms();
  for (const w of words) {
    const i = kv.indexOf(w);
    if (i < 0 || norms[i] === 0) missing.push(w);
    else rows.push(i);
  }
  const data = new Float32Array(rows.length * kv.dim);
  rows.forEach((r, k) => data.set(kv.vectors.subarray(r * kv.dim, (r + 1) * kv.dim), k * kv.dim));
  return { category, rows: { data, rows: rows.length, dim: kv.dim }, missing, total: words.length };
}

/** WEAT of `test` on word vectors. */
export function weat(kv: KeyedVectors, test: WeatTest, opts: WeatOptions = {}): WeatResult {
  const sets = {} as Record<WeatRole, ResolvedSet>;
  for (const role of WEAT_ROLES) sets[role] = resolveWords(kv, test[role].category, test[role].examples);
  return weatFromSets(test.name, sets, opts);
}
