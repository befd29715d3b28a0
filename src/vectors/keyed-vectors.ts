/**
 * A word-vector space: one dense float32 matrix (`size × dim`, row i is `keys[i]`), the key list, a
 * key→row map, and a lazily computed unit-length copy for cosine queries.
 *
 * Case: look-ups try the key as given, then its lower-case form (the default GloVe vectors are lower-case,
 * so `King` finds `king`). Keys are otherwise matched exactly.
 */
import { EmbedkitError } from '../errors.js';
import { dotAt, normalizeRows, rowNorms, unitCopy } from '../math/kernels.js';
import type { Matrix } from '../math/matrix.js';
import { topKDot, topKOfScores } from '../math/top-k.js';
import { type TopK } from '../math/top-k-heap.js';
import type { KeyIndex, KeyList } from './key-index.js';

export interface Neighbors {
  readonly keys: string[];
  readonly indices: Int32Array;
  readonly scores: Float32Array;
}

export interface MostSimilarOptions {
  readonly positive?: readonly (string | Float32Array)[];
  readonly negative?: readonly (string | Float32Array)[];
  readonly topK?: number;
  /** Only search the first N rows (files are usually in frequency order). */
  readonly restrictVocab?: number;
}

export type AnalogyMethod = 'add' | 'mul';

export interface AnalogyOptions {
  readonly method?: AnalogyMethod;
  readonly topK?: number;
  readonly restrictVocab?: number;
}

/** Levy & Goldberg (2014) epsilon for 3CosMul. */
export const COSMUL_EPSILON = 1e-3;

export class KeyedVectors {
  readonly dim: number;
  readonly size: number;
  /** Row-major `size × dim`. */
  readonly vectors: Float32Array;
  private readonly index: KeyIndex;
  private keyList: readonly string[] | undefined;
  private readonly lazyKeys: KeyList | undefined;
  private unit: Float32Array | undefined;
  private normCache: Float32Array | undefined;

  /**
   * @param keys row labels (an array, or a list decoded on demand); duplicates are not allowed.
   * @param vectors row-major `size × dim` values.
   * @param index key → row look-up; built from `keys` when omitted.
   */
  constructor(keys: readonly string[] | KeyList, vectors: Float32Array, dim: number, index?: KeyIndex) {
    const size = Array.isArray(keys) ? keys.length : (keys as KeyList).size;
    if (vectors.length !== size * dim) {
      throw new EmbedkitError('DIM_MISMATCH', 'vector matrix size', {
        expected: `${size} × ${dim} = ${size * dim} values`,
        received: `${vectors.length} values`,
      });
    }
    this.dim = dim;
    this.size = size;
    this.vectors = vectors;
    if (Array.isArray(keys)) this.keyList = keys as readonly string[];
    else this.lazyKeys = keys as KeyList;
    if (index !== undefined) {
      this.index = index;
    } else {
      const map = new Map<string, number>();
      for (let i = 0; i < size; i++) {
        const k = this.keyAt(i);
        if (map.has(k)) throw new EmbedkitError('BAD_ARGUMENT', 'duplicate key', { received: JSON.stringify(k), where: `row ${i}` });
        map.set(k, i);
      }
      this.index = map;
    }
  }

  /** All keys in row order (decoded on first use for vectors opened from an ekv file). */
  get keys(): readonly string[] {
    if (this.keyList === undefined) {
      const out = new Array<string>(this.size);
      for (let i = 0; i < this.size; i++) out[i] = this.lazyKeys!.keyAt(i);
      this.keyList = out;
    }
    return this.keyList;
  }

  keyAt(i: number): string {
    return this.keyList !== undefined ? this.keyList[i]! : this.lazyKeys!.keyAt(i);
  }

  get matrix(): Matrix {
    return { data: this.vectors, rows: this.size, dim: this.dim };
  }

  /** Row of `key`, trying the lower-case form second; -1 when absent. */
  indexOf(key: string): number {
    const i = this.index.get(key);
    if (i !== undefined) return i;
    const lower = key.toLowerCase();
    return lower === key ? -1 : (this.index.get(lower) ?? -1);
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  /** A view of the raw vector (not a copy), or undefined. */
  get(key: string): Float32Array | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.vectors.subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** Like `get`, but an unknown key is an `UNKNOWN_WORD` error. */
  require(key: string): number {
    const i = this.indexOf(key);
    if (i < 0) {
      throw new EmbedkitError('UNKNOWN_WORD', JSON.stringify(key), {
        expected: `one of the ${this.size.toLocaleString('en-US')} words in the vocabulary`,
        received: JSON.stringify(key),
      });
    }
    return i;
  }

  /** L2 norms of all rows (computed once). */
  norms(): Float32Array {
    this.normCache ??= rowNorms(this.vectors, this.dim);
    return this.normCache;
  }

  /** Unit-length copy of the matrix (computed once, on first cosine query). */
  unitVectors(): Float32Array {
    this.unit ??= normalizeRows(this.vectors, this.dim);
    return this.unit;
  }

  unitVector(i: number): Float32Array {
    return this.unitVectors().subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** Cosine similarity of two words. */
  similarity(a: string, b: string): number {
    const u = this.unitVectors();
    return dotAt(u, this.require(a) * this.dim, u, this.require(b) * this.dim, this.dim);
  }

  /**
   * Words closest (cosine) to the mean of the unit-length `positive` vectors minus the `negative` ones, as
   * gensim's `most_similar`. Query words are excluded from the answers.
   */
  mostSimilar(opts: MostSimilarOptions): Neighbors {
    const positive = opts.positive ?? [];
    const negative = opts.negative ?? [];
    if (positive.length + negative.length === 0) {
      throw new EmbedkitError('BAD_ARGUMENT', 'mostSimilar', { expected: 'at least one positive or negative term', received: 'none' });
    }
    const dim = this.dim;
    const mean = new Float32Array(dim);
    const exclude = new Set<number>();
    const addTerm = (t: string | Float32Array, w: number): void => {
      let v: Float32Array;
      if (typeof t === 'string') {
        const i = this.require(t);
        exclude.add(i);
        v = this.unitVector(i);
      } else {
        if (t.length !== dim) throw new EmbedkitError('DIM_MISMATCH', 'query vector', { expected: `${dim} values`, received: `${t.length}` });
        v = unitCopy(t);
      }
      for (let j = 0; j < dim; j++) mean[j]! += w * v[j]!;
    };
    for (const t of positive) addTerm(t, 1);
    for (const t of negative) addTerm(t, -1);
    const q = unitCopy(mean);
    return this.toNeighbors(
      topKDot(this.unitVectors(), dim, q, opts.topK ?? 10, { exclude, ...(opts.restrictVocab !== undefined ? { limit: opts.restrictVocab } : {}) }),
    );
  }

  /** Nearest words (cosine) to an arbitrary vector; nothing is excluded. */
  nearestToVector(vec: Float32Array, topK = 10, restrictVocab?: number): Neighbors {
    if (vec.length !== this.dim) throw new EmbedkitError('DIM_MISMATCH', 'query vector', { expected: `${this.dim} values`, received: `${vec.length}` });
    return this.toNeighbors(
      topKDot(this.unitVectors(), this.dim, unitCopy(vec), topK, restrictVocab !== undefined ? { limit: restrictVocab } : {}),
    );
  }

  /**
   * "a is to b as c is to ?". `add` is 3CosAdd (argmax cos(d, b − a + c)); `mul` is 3CosMul
   * (argmax cos'(d,b)·cos'(d,c) / (cos'(d,a) + ε), with cos' = (cos + 1) / 2 and ε = 0.001).
   * The three query words are excluded.
   */
  analogy(a: string, b: string, c: string, opts: AnalogyOptions = {}): Neighbors {
    const method = opts.method ?? 'add';
    const topK = opts.topK ?? 1;
    if (method === 'add') {
      return this.mostSimilar({ positive: [b, c], negative: [a], topK, ...(opts.restrictVocab !== undefined ? { restrictVocab: opts.restrictVocab } : {}) });
    }
    const ia = this.require(a);
    const ib = this.require(b);
    const ic = this.require(c);
    const u = this.unitVectors();
    const dim = this.dim;
    const rows = Math.min(this.size, opts.restrictVocab ?? Infinity);
    const scores = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      const off = r * dim;
      const ca = (dotAt(u, off, u, ia * dim, dim) + 1) / 2;
      const cb = (dotAt(u, off, u, ib * dim, dim) + 1) / 2;
      const cc = (dotAt(u, off, u, ic * dim, dim) + 1) / 2;
      scores[r] = (cb * cc) / (ca + COSMUL_EPSILON);
    }
    return this.toNeighbors(topKOfScores(scores, topK, new Set([ia, ib, ic])));
  }

  /** The word least similar to the mean of the others (gensim's `doesnt_match`). */
  doesntMatch(words: readonly string[]): { key: string; score: number } {
    const known = words.filter((w) => this.has(w));
    if (known.length < 2) {
      throw new EmbedkitError('BAD_ARGUMENT', 'doesntMatch', { expected: 'at least 2 known words', received: `${known.length} of ${words.length}` });
    }
    const dim = this.dim;
    const mean = new Float32Array(dim);
    for (const w of known) {
      const v = this.unitVector(this.indexOf(w));
      for (let j = 0; j < dim; j++) mean[j]! += v[j]!;
    }
    const m = unitCopy(mean);
    let worst = '';
    let worstScore = Infinity;
    for (const w of known) {
      const s = dotAt(this.unitVector(this.indexOf(w)), 0, m, 0, dim);
      if (s < worstScore) {
        worstScore = s;
        worst = w;
      }
    }
    return { key: worst, score: worstScore };
  }

  private toNeighbors(res: TopK): Neighbors {
    return { keys: Array.from(res.indices, (i) => this.keyAt(i)), indices: res.indices, scores: res.scores };
  }
}

