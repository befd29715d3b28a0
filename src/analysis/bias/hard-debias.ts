/**
 * Hard debiasing (Bolukbasi et al. 2016), step for step as debiaswe's `debias.py`:
 * 1. every vector is scaled to unit length (debiaswe normalizes the embedding on load);
 * 2. the gender direction g is the first principal component of the centred definitional pairs
 *    (`pairDirection`, debiaswe's doPCA);
 * 3. neutralize: every word whose key is NOT in the gender-specific list (exact key match, as debiaswe's
 *    `w not in specific_set`) loses its component along g; then every vector is re-normalized;
 * 4. equalize: for each equalize pair, in its lower-case, Title-case (Python's `str.title`) and UPPER-case
 *    variants, when both keys exist (exact): y = drop((a + b)/2, g), z = √(1 − |y|²), negated when
 *    (a − b)·g < 0; a ← z·g + y, b ← −z·g + y; then every vector is re-normalized.
 * The result is a new `KeyedVectors` (same keys and order, unit-length rows), writable with `writeVectors`.
 * Rows that are all zeros stay zero (numpy would produce NaN there).
 */
import { EmbedkitError } from '../../errors.js';
import { KeyedVectors } from '../../vectors/keyed-vectors.js';
import type { WordPair } from './debiaswe-lists.js';
import { pairDirection } from './direct-bias.js';

export interface HardDebiasOptions {
  /** Pairs defining the direction (definitional_pairs.json). */
  readonly definitional: readonly WordPair[];
  /** Words left as they are (gender_specific_full.json). */
  readonly genderSpecific: readonly string[];
  /** Pairs made equidistant from every neutral word (equalize_pairs.json). */
  readonly equalize: readonly WordPair[];
  /** Add Title-case and UPPER-case variants of the equalize pairs (default true, as debiaswe). */
  readonly caseVariants?: boolean;
  /** Use this direction instead of computing it from `definitional` (unit length, `dim` values). */
  readonly direction?: Float64Array | Float32Array;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface HardDebiasResult {
  readonly vectors: KeyedVectors;
  /** The gender direction used (unit length). */
  readonly direction: Float64Array;
  /** Rows neutralized / rows kept as gender-specific. */
  readonly neutralized: number;
  readonly kept: number;
  /** The equalize pairs (after case variants) found in the vocabulary, in processing order. */
  readonly equalized: readonly WordPair[];
}

/** Python's `str.title()`: a cased letter is upper-cased after an uncased character, else lower-cased. */
export function pythonTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    const cased = ch.toLowerCase() !== ch.toUpperCase();
    out += cased ? (prevCased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    prevCased = cased;
  }
  return out;
}

/** The equalize candidates: lower, Title and UPPER variants of each pair, duplicates removed, in order. */
export function equalizeCandidates(pairs: readonly WordPair[], caseVariants = true): WordPair[] {
  const out: WordPair[] = [];
  const seen = new Set<string>();
  for (const [a, b] of pairs) {
    const variants: WordPair[] = caseVariants ? [[a.toLowerCase(), b.toLowerCase()], [pythonTitle(a), pythonTitle(b)], [a.toUpperCase(), b.toUpperCase()]] : [[a, b]];
    for (const v of variants) {
      const k = `${v[0]}\u0000${v[1]}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(v);
      }
    }
  }
  return out;
}

/** Row of exactly `key` (no lower-case fallback), or -1. */
function exactIndex(kv: KeyedVectors, key: string): number {
  const i = kv.indexOf(key);
  return i >= 0 && kv.keyAt(i) === key ? i : -1;
}

function normalizeRow(data: Float32Array, off: number, dim: number): void {
  let n = 0;
  for (let j = 0; j < dim; j++) n += data[off + j]! * data[off + j]!;
  if (n > 0) {
    const inv = 1 / Math.sqrt(n);
    for (let j = 0; j < dim; j++) data[off + j]! *= inv;
  }
}

export function hardDebias(kv: KeyedVectors, opts: HardDebiasOptions): HardDebiasResult {
  const dim = kv.dim;
  const size = kv.size;
  const g = opts.direction !== undefined ? Float64Array.from(opts.direction) : pairDirection(kv, opts.definitional).direction;
  if (g.length !== dim) throw new EmbedkitError('DIM_MISMATCH', 'direction', { expected: `${dim} values`, received: `${g.length}`, where: 'direction' });
  let gg = 0;
  for (let j = 0; j < dim; j++) gg += g[j]! * g[j]!;
  if (!(gg > 0)) throw new EmbedkitError('BAD_OPTION', 'direction', { expected: 'a non-zero vector', received: 'zeros', where: 'direction' });
  const data = new Float32Array(kv.vectors);
  const specific = new Set(opts.genderSpecific);
  let neutralized = 0;
  const step = Math.max(1, Math.floor(size / 100));
  for (let i = 0; i < size; i++) {
    const off = i * dim;
    normalizeRow(data, off, dim);
    if (!specific.has(kv.keyAt(i))) {
      let d = 0;
      for (let j = 0; j < dim; j++) d += data[off + j]! * g[j]!;
      const f = d / gg;
      for (let j = 0; j < dim; j++) data[off + j] = data[off + j]! - f * g[j]!;
      normalizeRow(data, off, dim);
      neutralized++;
    }
    if (i % step === 0) opts.onProgress?.(i, size);
  }
  const equalized: WordPair[] = [];
  const y = new Float64Array(dim);
  for (const [a, b] of equalizeCandidates(opts.equalize, opts.caseVariants ?? true)) {
    const ia = exactIndex(kv, a);
    const ib = exactIndex(kv, b);
    if (ia < 0 || ib < 0 || ia === ib) continue;
    const oa = ia * dim;
    const ob = ib * dim;
    let dm = 0;
    let diff = 0;
    for (let j = 0; j < dim; j++) {
      y[j] = (data[oa + j]! + data[ob + j]!) / 2;
      dm += y[j]! * g[j]!;
      diff += (data[oa + j]! - data[ob + j]!) * g[j]!;
    }
    let yy = 0;
    for (let j = 0; j < dim; j++) {
      y[j] = y[j]! - (g[j]! * dm) / gg;
      yy += y[j]! * y[j]!;
    }
    let z = Math.sqrt(Math.max(0, 1 - yy));
    if (diff < 0) z = -z;
    for (let j = 0; j < dim; j++) {
      data[oa + j] = z * g[j]! + y[j]!;
      data[ob + j] = -z * g[j]! + y[j]!;
    }
    equalized.push([a, b]);
  }
  for (const [a, b] of equalized) {
    normalizeRow(data, exactIndex(kv, a) * dim, dim);
    normalizeRow(data, exactIndex(kv, b) * dim, dim);
  }
  opts.onProgress?.(size, size);
  return { vectors: new KeyedVectors(kv.keys, data, dim), direction: g, neutralized, kept: size - neutralized, equalized };
}
