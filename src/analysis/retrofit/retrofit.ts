/**
 * Retrofitting (Faruqui, Dodge, Jauhar, Dyer, Hovy & Smith 2015): move each word towards its lexicon
 * neighbours while staying close to its original vector, minimising
 *   Σ_i [ α_i ‖q_i − q̂_i‖² + Σ_{j∈N(i)} β_ij ‖q_i − q_j‖² ]
 * by the Jacobi-style update of the paper, applied in place (Gauss–Seidel) as the original retrofit.py:
 *   q_i ← (α q̂_i + Σ_j β_ij q_j) / (α + Σ_j β_ij)
 * for `iterations` sweeps (default 10). Defaults as retrofit.py: α = 1, β_ij = 1/degree(i) (for weighted
 * edges: w_ij / Σ_j w_ij), and every input vector first scaled to unit length as v / √(‖v‖² + 1e-6).
 * Words are visited in vocabulary order (retrofit.py visits a Python set, whose order is arbitrary).
 * Neighbours are looked up in the vocabulary as given, then in lower case; words outside the lexicon keep
 * their (normalized) vectors.
 */
import { EmbedkitError } from '../../errors.js';
import { KeyedVectors } from '../../vectors/keyed-vectors.js';
import type { Lexicon } from './lexicon.js';
import { DenseIds } from '../../math/dense-ids.js';

export interface RetrofitOptions {
  /** Sweeps over the graph (default 10). */
  readonly iterations?: number;
  /** Weight of the original vector (default 1). */
  readonly alpha?: number;
  /** `inverse-degree` (default: β_ij = w_ij / Σ_j w_ij) or a constant multiplied by the edge weight. */
  readonly beta?: 'inverse-degree' | number;
  /** Scale inputs to unit length first, as retrofit.py (default true). */
  readonly normalize?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface RetrofitResult {
  readonly vectors: KeyedVectors;
  /** Vocabulary words that had at least one neighbour in the vocabulary (the ones that moved). */
  readonly retrofitted: number;
  /** Directed edges with both ends in the vocabulary. */
  readonly edges: number;
  /** Lexicon words not in the vocabulary. */
  readonly missingWords: number;
}

export function retrofit(kv: KeyedVectors, lexicon: Lexicon, opts: RetrofitOptions = {}): RetrofitResult {
  const iterations = opts.iterations ?? 10;
  const alpha = opts.alpha ?? 1;
  const beta = opts.beta ?? 'inverse-degree';
  if (!Number.isInteger(iterations) || iterations < 0) throw new EmbedkitError('BAD_OPTION', 'iterations', { expected: 'an integer ≥ 0', received: String(iterations), where: 'iterations' });
  if (!(alpha >= 0) || !Number.isFinite(alpha)) throw new EmbedkitError('BAD_OPTION', 'alpha', { expected: 'a finite number ≥ 0', received: String(alpha), where: 'alpha' });
  if (beta !== 'inverse-degree' && !(typeof beta === 'number' && beta > 0 && Number.isFinite(beta))) {
    throw new EmbedkitError('BAD_OPTION', 'beta', { expected: "'inverse-degree' or a positive number", received: String(beta), where: 'beta' });
  }
  const dim = kv.dim;
  const data = new Float32Array(kv.vectors);
  if (opts.normalize ?? true) {
    for (let r = 0; r < kv.size; r++) {
      let n = 0;
      for (let j = 0; j < dim; j++) n += data[r * dim + j]! ** 2;
      const inv = 1 / Math.sqrt(n + 1e-6);
      for (let j = 0; j < dim; j++) data[r * dim + j]! *= inv;
    }
  }
  // resolve the graph to rows: CSR over the nodes that have neighbours in the vocabulary
  const nodeRows: number[] = [];
  const starts: number[] = [0];
  const nbr: number[] = [];
  const wts: number[] = [];
  let missingWords = 0;
  const byRow = new Map<number, Map<number, number>>();
  for (const word of lexicon.words()) {
    const i = kv.indexOf(word);
    if (i < 0) {
      missingWords++;
      continue;
    }
    let m = byRow.get(i);
    for (const [other, w] of lexicon.neighbors(word)!) {
      const j = kv.indexOf(other);
      if (j < 0 || j === i) continue;
      if (m === undefined) {
        m = new Map();
        byRow.set(i, m);
      }
      const old = m.get(j);
      if (old === undefined || w > old) m.set(j, w);
    }
  }
  const rowsSorted = [...byRow.keys()].sort((a, b) => a - b);
  for (const i of rowsSorted) {
    const m = byRow.get(i)!;
    let total = 0;
    for (const w of m.values()) total += w;
    nodeRows.push(i);
    for (const [j, w] of m) {
      nbr.push(j);
      wts.push(beta === 'inverse-degree' ? w / total : beta * w);
    }
    starts.push(nbr.length);
  }
  const n = nodeRows.length;
  // work in float64 on the rows that take part (nodes and their neighbours)
  const ids = new DenseIds();
  const involved = ids.rows;
  const slotOf = (r: number): number => ids.id(r);
  for (const r of nodeRows) slotOf(r);
  const nbrSlot = Int32Array.from(nbr, (r) => slotOf(r));
  const q = new Float64Array(involved.length * dim);
  involved.forEach((r, s) => {
    for (let j = 0; j < dim; j++) q[s * dim + j] = data[r * dim + j]!;
  });
  const qhat = q.slice(0, n * dim); // nodes occupy the first n slots
  const acc = new Float64Array(dim);
  for (let it = 0; it < iterations; it++) {
    for (let k = 0; k < n; k++) {
      let wsum = alpha;
      for (let j = 0; j < dim; j++) acc[j] = alpha * qhat[k * dim + j]!;
      for (let e = starts[k]!; e < starts[k + 1]!; e++) {
        const b = wts[e]!;
        const o = nbrSlot[e]! * dim;
        wsum += b;
        for (let j = 0; j < dim; j++) acc[j]! += b * q[o + j]!;
      }
      for (let j = 0; j < dim; j++) q[k * dim + j] = acc[j]! / wsum;
    }
    opts.onProgress?.(it + 1, iterations);
  }
  for (let k = 0; k < n; k++) {
    const r = nodeRows[k]!;
    for (let j = 0; j < dim; j++) data[r * dim + j] = q[k * dim + j]!;
  }
  return { vectors: new KeyedVectors(kv.keys, data, dim), retrofitted: n, edges: nbr.length, missingWords };
}
