/**
 * A concept space (explicit semantic analysis with embeddings): every text becomes the vector of its
 * cosine similarities to k named concepts — an interpretable k-dimensional profile. A concept given as
 * words is the normalized mean of its words' unit embeddings (`centroid`, default) or, with `max`, the
 * best match among its words; a concept given as a description is the embedding of that text. Any
 * `Embedder` works (static word vectors or an ONNX encoder).
 *
 * Embedding spaces are anisotropic (all texts share a common direction), so raw profiles of different
 * texts look alike; `withCenter(texts)` stores the mean profile of a reference corpus and subtracts it from
 * every profile, so a profile says how much more (or less) a text is about each concept than usual.
 */
import { EmbedkitError, badOption } from '../../errors.js';
import type { Embedder } from '../../embedders/embedder.js';
import type { Matrix } from '../../math/matrix.js';
import type { Concept } from './concept-set.js';

export type ConceptAggregate = 'centroid' | 'max';

export interface ConceptSpaceOptions {
  readonly aggregate?: ConceptAggregate;
  /** Called for concept words that have no vector (embedded as all zeros) and were left out. */
  readonly onWarning?: (message: string) => void;
}

function unitRow(data: Float32Array, off: number, dim: number, out: Float32Array, outOff: number): boolean {
  let s = 0;
  for (let j = 0; j < dim; j++) s += data[off + j]! ** 2;
  if (!(s > 0) || !Number.isFinite(s)) return false;
  const inv = 1 / Math.sqrt(s);
  for (let j = 0; j < dim; j++) out[outOff + j] = data[off + j]! * inv;
  return true;
}

export class ConceptSpace {
  /** k × dim unit vectors: the concept directions (`centroid`), or every concept word (`max`). */
  private readonly vectors: Float32Array;
  /** `max`: the concept of every row of `vectors`. */
  private readonly owner: Int32Array;

  private constructor(
    readonly embedder: Embedder,
    readonly names: readonly string[],
    readonly aggregate: ConceptAggregate,
    vectors: Float32Array,
    owner: Int32Array,
    /** Mean profile subtracted from every profile (see `withCenter`). */
    readonly center: Float32Array | undefined,
  ) {
    this.vectors = vectors;
    this.owner = owner;
  }

  get size(): number {
    return this.names.length;
  }

  get dim(): number {
    return this.embedder.dim;
  }

  static async build(embedder: Embedder, concepts: readonly Concept[], opts: ConceptSpaceOptions = {}): Promise<ConceptSpace> {
    const aggregate = opts.aggregate ?? 'centroid';
    if (aggregate !== 'centroid' && aggregate !== 'max') throw badOption('aggregate', "'centroid' | 'max'", aggregate);
    if (concepts.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'concept space', { expected: 'at least one concept', received: 'none', where: 'concepts' });
    const texts: string[] = [];
    const owner: number[] = [];
    concepts.forEach((c, i) => {
      for (const t of c.words ?? [c.description ?? '']) {
        texts.push(t);
        owner.push(i);
      }
    });
    const m = await embedder.embed(texts);
    const dim = m.dim;
    const unit = new Float32Array(m.rows * dim);
    const ok = new Uint8Array(m.rows);
    const missing = new Map<number, string[]>();
    for (let r = 0; r < m.rows; r++) {
      if (unitRow(m.data, r * dim, dim, unit, r * dim)) ok[r] = 1;
      else missing.set(owner[r]!, [...(missing.get(owner[r]!) ?? []), texts[r]!]);
    }
    for (const [c, words] of missing) {
      const total = owner.filter((o) => o === c).length;
      if (words.length === total) {
        throw new EmbedkitError('BAD_ARGUMENT', `concept ${JSON.stringify(concepts[c]!.name)}`, {
          expected: 'at least one word or description the model can embed',
          received: `no vector for ${words.slice(0, 5).map((w) => JSON.stringify(w)).join(', ')}`,
          where: `concepts[${c}]`,
        });
      }
      opts.onWarning?.(`concept ${JSON.stringify(concepts[c]!.name)}: no vector for ${words.length} of ${total} words (${words.slice(0, 5).join(', ')}${words.length > 5 ? ', …' : ''}); left out`);
    }
    const names = concepts.map((c) => c.name);
    if (aggregate === 'max') {
      const keep = Array.from({ length: m.rows }, (_, r) => r).filter((r) => ok[r] === 1);
      const v = new Float32Array(keep.length * dim);
      keep.forEach((r, i) => v.set(unit.subarray(r * dim, (r + 1) * dim), i * dim));
      return new ConceptSpace(embedder, names, aggregate, v, Int32Array.from(keep, (r) => owner[r]!), undefined);
    }
    const sums = new Float64Array(concepts.length * dim);
    for (let r = 0; r < m.rows; r++) {
      if (ok[r] !== 1) continue;
      const c = owner[r]!;
      for (let j = 0; j < dim; j++) sums[c * dim + j]! += unit[r * dim + j]!;
    }
    const v = new Float32Array(concepts.length * dim);
    for (let c = 0; c < concepts.length; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += sums[c * dim + j]! ** 2;
      const inv = 1 / Math.sqrt(s);
      for (let j = 0; j < dim; j++) v[c * dim + j] = sums[c * dim + j]! * inv;
    }
    return new ConceptSpace(embedder, names, aggregate, v, Int32Array.from({ length: concepts.length }, (_, i) => i), undefined);
  }

  /** The concept directions (`centroid` spaces): k × dim, unit rows. */
  conceptVectors(): Matrix {
    if (this.aggregate !== 'centroid') throw new EmbedkitError('UNSUPPORTED', 'concept vectors', { expected: "aggregate 'centroid'", received: this.aggregate, where: 'aggregate' });
    return { data: this.vectors, rows: this.size, dim: this.dim };
  }

  /** Profiles (n × k) of vectors already embedded by this space's embedder. Zero vectors get zero profiles. */
  profileVectors(m: Matrix): Matrix {
    if (m.dim !== this.dim) throw new EmbedkitError('DIM_MISMATCH', 'vectors to profile', { expected: `dimension ${this.dim}`, received: `dimension ${m.dim}`, where: 'vectors' });
    const k = this.size;
    const dim = this.dim;
    const out = new Float32Array(m.rows * k);
    const u = new Float32Array(dim);
    const rowsV = this.vectors.length / dim;
    for (let r = 0; r < m.rows; r++) {
      if (!unitRow(m.data, r * dim, dim, u, 0)) continue;
      const o = r * k;
      if (this.aggregate === 'max') out.fill(-Infinity, o, o + k);
      for (let v = 0; v < rowsV; v++) {
        let d = 0;
        for (let j = 0; j < dim; j++) d += u[j]! * this.vectors[v * dim + j]!;
        const c = this.owner[v]!;
        if (this.aggregate === 'max') out[o + c] = Math.max(out[o + c]!, d);
        else out[o + c] = d;
      }
      if (this.center !== undefined) for (let c = 0; c < k; c++) out[o + c]! -= this.center[c]!;
    }
    return { data: out, rows: m.rows, dim: k };
  }

  /** Profiles (n × k) of texts: row i, column c = similarity of texts[i] to concept c. */
  async profile(texts: readonly string[]): Promise<Matrix> {
    return this.profileVectors(await this.embedder.embed(texts));
  }

  /** A copy that subtracts the mean profile of `reference` texts from every profile. */
  async withCenter(reference: readonly string[]): Promise<ConceptSpace> {
    return this.withCenterVectors(await this.embedder.embed(reference));
  }

  withCenterVectors(reference: Matrix): ConceptSpace {
    const raw = new ConceptSpace(this.embedder, this.names, this.aggregate, this.vectors, this.owner, undefined).profileVectors(reference);
    if (raw.rows === 0) throw new EmbedkitError('EMPTY_INPUT', 'centering reference', { expected: 'at least one text', received: 'none', where: 'reference' });
    const center = new Float32Array(this.size);
    const sums = new Float64Array(this.size);
    for (let r = 0; r < raw.rows; r++) for (let c = 0; c < this.size; c++) sums[c]! += raw.data[r * this.size + c]!;
    for (let c = 0; c < this.size; c++) center[c] = sums[c]! / raw.rows;
    return new ConceptSpace(this.embedder, this.names, this.aggregate, this.vectors, this.owner, center);
  }
}
