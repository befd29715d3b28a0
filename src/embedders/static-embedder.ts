/**
 * Sentence embeddings from word vectors: tokenize (GloVe-compatible), look up known words, pool.
 *
 * Pooling:
 * - `mean`: average of the word vectors.
 * - `sif` (Arora et al. 2017): weighted average with w = a / (a + p(w)), a = 1e-3, then removal of the
 *   projection on the first principal component.
 * - `usif` (Ethayarajh 2018): unit-length word vectors weighted by a / (a/2 + p(w)), with a derived from the
 *   vocabulary size and the expected sentence length n (default 11); then removal of λ-weighted
 *   projections on the first m = 5 principal components.
 * The common components are fitted once, never per batch, so a text's vector does not depend on the texts
 * embedded with it: a reference given (`reference`, a file saved by `fit` + `saveCommonComponents`, or the
 * one a collection stored), one fitted with `fit(texts)`, or by default the bundled sample corpus.
 * Tokens with no letter or digit (pure punctuation) are skipped, as are unknown words. A text with no
 * known word gets a zero vector and is counted in a warning.
 */
import { EmbedkitError } from '../errors.js';
import { normalizeRowsInPlace } from '../math/kernels.js';
import { createMatrix, type Matrix } from '../math/matrix.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import { fitCommonComponents, removeCommonComponents, type CommonComponents } from './common-components.js';
import { STATIC_POOLINGS, type EmbedOptions, type Embedder, type StaticEmbedderInfo, type StaticPooling } from './embedder.js';
import { tokenize } from '../text/tokenize.js';
import { readFileSync } from 'node:fs';
import { sampleCorpusPath } from '../paths.js';
import { referenceId } from './common-components.js';
import { zipfProbabilities, type WordProbabilities } from './word-probabilities.js';

let bundled: readonly string[] | undefined;

/** The default SIF/uSIF reference texts: the bundled sample corpus (one sentence a line). */
export function bundledReferenceTexts(): readonly string[] {
  bundled ??= readFileSync(sampleCorpusPath(), 'utf8').split('\n').filter((l) => l.trim().length > 0);
  return bundled;
}

/** Where an embedder's common components come from. */
export type ReferenceSource = 'given' | 'fitted' | 'bundled' | 'none';

export interface StaticEmbedderOptions {
  /** Name recorded in `info.model` and the id. */
  readonly model?: string;
  readonly pooling?: StaticPooling;
  /** Scale output rows to unit length. Default false. */
  readonly normalize?: boolean;
  /** p(w); default: Zipf estimate from the vocabulary order. */
  readonly probabilities?: WordProbabilities;
  /** SIF's a (default 1e-3). */
  readonly sifA?: number;
  /** uSIF's expected sentence length n (default 11) and number of components m (default 5). */
  readonly usifLength?: number;
  readonly usifComponents?: number;
  /** Fitted common components to use instead of estimating them per batch. */
  readonly reference?: CommonComponents;
  readonly onWarning?: (message: string) => void;
}

export class StaticEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;
  readonly pooling: StaticPooling;
  private readonly baseInfo: StaticEmbedderInfo;
  private source: ReferenceSource = 'none';
  readonly probabilities: WordProbabilities;
  /** Weighting parameter a (SIF: given; uSIF: derived). */
  readonly a: number;
  private reference: CommonComponents | undefined;
  private readonly weights: Float32Array | undefined;
  private readonly usifComponents: number;
  private readonly onWarning: ((m: string) => void) | undefined;
  private readonly isKnown: (t: string) => boolean;
  /** Texts that had no known word, over the embedder's lifetime. */
  emptyTexts = 0;

  constructor(
    readonly vectors: KeyedVectors,
    opts: StaticEmbedderOptions = {},
  ) {
    this.pooling = opts.pooling ?? 'mean';
    if (!STATIC_POOLINGS.includes(this.pooling)) {
      throw new EmbedkitError('BAD_OPTION', 'pooling', { expected: STATIC_POOLINGS.join('|'), received: String(this.pooling), where: 'pooling' });
    }
    const model = opts.model ?? 'vectors';
    const normalize = opts.normalize ?? false;
    this.dim = vectors.dim;
    this.id = `static:${model}:${this.pooling}${normalize ? ':norm' : ''}`;
    this.baseInfo = { id: this.id, kind: 'static', model, dim: this.dim, pooling: this.pooling, normalize };
    this.onWarning = opts.onWarning;
    this.usifComponents = opts.usifComponents ?? 5;
    this.probabilities = opts.probabilities ?? zipfProbabilities(vectors.keys);
    this.isKnown = (t) => vectors.has(t);
    if (this.pooling === 'mean') {
      this.a = 0;
      this.weights = undefined;
    } else {
      this.a = this.pooling === 'sif' ? (opts.sifA ?? 1e-3) : usifA(vectors, this.probabilities, opts.usifLength ?? 11);
      const w = new Float32Array(vectors.size);
      const a = this.a;
      for (let i = 0; i < vectors.size; i++) {
        const p = this.probabilities.get(vectors.keys[i]!);
        w[i] = this.pooling === 'sif' ? a / (a + p) : a / (0.5 * a + p);
      }
      this.weights = w;
    }
    if (opts.reference !== undefined) this.setReference(opts.reference);
  }

  /** The description; `reference` names the common components in use (a content hash) for sif/usif. */
  get info(): StaticEmbedderInfo {
    const cc = this.commonComponents;
    return cc === undefined ? this.baseInfo : { ...this.baseInfo, reference: referenceId(cc) };
  }

  /** Where the common components come from: given, fitted with `fit`, the bundled sample corpus, or none. */
  get referenceSource(): ReferenceSource {
    void this.commonComponents;
    return this.source;
  }

  tokenize(text: string): string[] {
    return tokenize(text, { isKnown: this.isKnown });
  }

  countTokens(text: string): number {
    return this.tokenize(text).length;
  }

  /** Known-word rows of a text (punctuation-only tokens skipped). */
  wordRows(text: string): number[] {
    const rows: number[] = [];
    for (const t of this.tokenize(text)) {
      if (!/[\p{L}\p{N}]/u.test(t)) continue;
      const i = this.vectors.indexOf(t);
      if (i >= 0) rows.push(i);
    }
    return rows;
  }

  /** The common components in use (sif/usif); the bundled reference is fitted on first use when none was given. */
  get commonComponents(): CommonComponents | undefined {
    if (this.pooling !== 'mean' && this.reference === undefined && !this.defaultTried) this.fitDefault();
    return this.reference;
  }

  private defaultTried = false;

  private fitDefault(): void {
    this.defaultTried = true;
    const texts = bundledReferenceTexts().filter((t) => this.wordRows(t).length > 0);
    if (texts.length < 2) {
      this.onWarning?.(`${this.pooling}: the bundled reference corpus has too few texts with known words for this vocabulary; weighting only (fit a reference with embedder.fit() or give one with \`sifReference\`)`);
      return;
    }
    this.reference = fitCommonComponents(this.weightedAverages(texts, {}, true), this.pooling as 'sif' | 'usif', this.usifComponents, { embedder: this.id, a: this.a });
    this.source = 'bundled';
  }

  setReference(cc: CommonComponents): void {
    if (this.pooling === 'mean') throw new EmbedkitError('BAD_OPTION', 'reference', { expected: 'pooling sif or usif', received: 'mean' });
    if (cc.pooling !== this.pooling || cc.dim !== this.dim) {
      throw new EmbedkitError('BAD_OPTION', 'common-components reference', { expected: `${this.pooling}, ${this.dim} dims`, received: `${cc.pooling}, ${cc.dim} dims` });
    }
    this.reference = cc;
    this.source = 'given';
  }

  /** Estimates the common components from `texts` and keeps them as this embedder's reference. */
  fit(texts: readonly string[]): CommonComponents {
    if (this.pooling === 'mean') throw new EmbedkitError('BAD_OPTION', 'fit', { expected: 'pooling sif or usif', received: 'mean' });
    const x = this.weightedAverages(texts);
    const cc = fitCommonComponents(x, this.pooling, this.usifComponents, { embedder: this.id, a: this.a });
    this.reference = cc;
    this.source = 'fitted';
    return cc;
  }

  async embed(texts: readonly string[], opts: EmbedOptions = {}): Promise<Matrix> {
    const cc = this.commonComponents;
    const x = this.weightedAverages(texts, opts);
    if (cc !== undefined) removeCommonComponents(x, cc);
    if (this.info.normalize) normalizeRowsInPlace(x.data, x.dim);
    return x;
  }

  private weightedAverages(texts: readonly string[], opts: EmbedOptions = {}, quiet = false): Matrix {
    const dim = this.dim;
    const out = createMatrix(texts.length, dim);
    const src = this.pooling === 'usif' ? this.vectors.unitVectors() : this.vectors.vectors;
    const weights = this.weights;
    const data = out.data;
    let empty = 0;
    for (let t = 0; t < texts.length; t++) {
      const rows = this.wordRows(texts[t]!);
      if (rows.length === 0) {
        empty++;
        continue;
      }
      const off = t * dim;
      for (const r of rows) {
        const w = weights === undefined ? 1 : weights[r]!;
        const so = r * dim;
        for (let j = 0; j < dim; j++) data[off + j]! += w * src[so + j]!;
      }
      const inv = 1 / rows.length;
      for (let j = 0; j < dim; j++) data[off + j]! *= inv;
      if (opts.onProgress !== undefined && (t & 1023) === 1023) opts.onProgress(t + 1, texts.length);
    }
    opts.onProgress?.(texts.length, texts.length);
    if (empty > 0 && !quiet) {
      this.emptyTexts += empty;
      this.onWarning?.(`${empty} of ${texts.length} text(s) had no known word and got a zero vector`);
    }
    return out;
  }

  async dispose(): Promise<void> {}
}

/** uSIF's a = (1 − α) / (α · Z), Z = |V| / 2, α = share of words with p(w) > 1 − (1 − 1/|V|)^n. */
export function usifA(vectors: KeyedVectors, probs: WordProbabilities, n: number): number {
  const v = vectors.size;
  const threshold = 1 - Math.pow(1 - 1 / v, n);
  let above = 0;
  for (const k of vectors.keys) if (probs.get(k) > threshold) above++;
  const alpha = above / v;
  if (alpha === 0) return 1e-3;
  return (1 - alpha) / (alpha * 0.5 * v);
}
