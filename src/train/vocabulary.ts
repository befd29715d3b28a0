/**
 * Training vocabulary: words sorted by count (descending; ties keep first-seen order), with the tables the
 * trainers share: frequent-word subsampling keep probabilities and the unigram^0.75 negative-sampling table.
 */
import { EmbedkitError } from '../errors.js';

export interface VocabularyOptions {
  /** Drop words seen fewer times (default 5). */
  readonly minCount?: number;
  /** Keep at most this many words, the most frequent (default unlimited). */
  readonly maxVocab?: number;
}

export class Vocabulary {
  readonly words: readonly string[];
  /** Corpus count of each word, same order as `words`. */
  readonly counts: Float64Array;
  /** Sum of `counts`: in-vocabulary tokens in one pass over the corpus. */
  readonly totalWords: number;
  private readonly index: Map<string, number>;

  constructor(words: readonly string[], counts: Float64Array) {
    if (words.length !== counts.length) {
      throw new EmbedkitError('DIM_MISMATCH', 'vocabulary counts', { expected: `${words.length} counts`, received: `${counts.length}` });
    }
    this.words = words;
    this.counts = counts;
    this.index = new Map(words.map((w, i) => [w, i]));
    let total = 0;
    for (let i = 0; i < counts.length; i++) total += counts[i]!;
    this.totalWords = total;
  }

  get size(): number {
    return this.words.length;
  }

  /** Row of `word`, or -1. */
  indexOf(word: string): number {
    return this.index.get(word) ?? -1;
  }

  /**
   * Probability of keeping each occurrence under frequent-word subsampling (Mikolov et al. 2013, as in
   * word2vec.c / fastText): `min(1, sqrt(t/f) + t/f)` with `f` the word's relative frequency. `sample <= 0`
   * keeps everything.
   */
  keepProbabilities(sample: number): Float32Array {
    const out = new Float32Array(this.size).fill(1);
    if (!(sample > 0)) return out;
    const threshold = sample * this.totalWords;
    for (let i = 0; i < this.size; i++) {
      const r = threshold / this.counts[i]!;
      out[i] = Math.min(1, Math.sqrt(r) + r);
    }
    return out;
  }

  /**
   * The negative-sampling table: word ids repeated in proportion to count^power (0.75), as word2vec.c
   * builds it. `size` is capped at 10M entries (fastText's size) and floored so every word appears.
   */
  negativeTable(power = 0.75, size = Math.min(10_000_000, Math.max(1_000_000, this.size * 20))): Int32Array {
    return unigramTable(this.counts, power, size);
  }
}

/** Table of indices into `counts`, index i appearing in proportion to counts[i]^power (word2vec.c's InitUnigramTable). */
export function unigramTable(counts: Float64Array, power: number, size: number, buffer?: ArrayBufferLike): Int32Array {
  const n = counts.length;
  const table = buffer === undefined ? new Int32Array(size) : new Int32Array(buffer, 0, size);
  if (n === 0) return table;
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.pow(counts[i]!, power);
  let i = 0;
  let cum = Math.pow(counts[0]!, power) / total;
  for (let a = 0; a < size; a++) {
    table[a] = i;
    if (a / size > cum && i < n - 1) {
      i++;
      cum += Math.pow(counts[i]!, power) / total;
    }
  }
  return table;
}

/**
 * Picks the vocabulary from raw counts (`words[i]` seen `counts[i]` times): at least `minCount`, at most
 * `maxVocab` words, most frequent first; ties keep the given (first-seen) order.
 */
export function selectVocabulary(words: readonly string[], counts: ArrayLike<number>, opts: VocabularyOptions = {}): { vocab: Vocabulary; remap: Int32Array } {
  const minCount = opts.minCount ?? 5;
  const maxVocab = opts.maxVocab ?? Number.POSITIVE_INFINITY;
  const kept: number[] = [];
  for (let i = 0; i < words.length; i++) if (counts[i]! >= minCount) kept.push(i);
  kept.sort((a, b) => counts[b]! - counts[a]! || a - b);
  if (kept.length > maxVocab) kept.length = maxVocab;
  const remap = new Int32Array(words.length).fill(-1);
  const vw: string[] = new Array<string>(kept.length);
  const vc = new Float64Array(kept.length);
  for (let r = 0; r < kept.length; r++) {
    const i = kept[r]!;
    remap[i] = r;
    vw[r] = words[i]!;
    vc[r] = counts[i]!;
  }
  return { vocab: new Vocabulary(vw, vc), remap };
}
