/**
 * Rows of a word-vector space to plot: named words, the N most frequent (files are in frequency order),
 * or a seeded random sample of the first `from` rows.
 */
import { EmbedkitError } from '../../errors.js';
import { seededRandom } from '../../learn/random.js';
import type { Matrix } from '../../math/matrix.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';

export interface VocabularySampleOptions {
  /** These words (unknown ones are reported through `onWarning` and left out). */
  readonly words?: readonly string[];
  /** How many words (default 500) … */
  readonly count?: number;
  /** … drawn at random from the first `from` rows; the first `count` rows when omitted. */
  readonly from?: number;
  readonly seed?: number;
  readonly onWarning?: (message: string) => void;
}

export interface VocabularySample {
  readonly matrix: Matrix;
  readonly labels: string[];
  readonly rows: Int32Array;
}

export function vocabularySample(kv: KeyedVectors, opts: VocabularySampleOptions = {}): VocabularySample {
  let rows: number[];
  if (opts.words !== undefined) {
    const unknown: string[] = [];
    rows = [];
    for (const w of opts.words) {
      const i = kv.indexOf(w);
      if (i < 0) unknown.push(w);
      else rows.push(i);
    }
    if (unknown.length > 0) opts.onWarning?.(`${unknown.length} word(s) not in the vocabulary were left out: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`);
  } else {
    const count = opts.count ?? 500;
    if (!Number.isInteger(count) || count < 1) throw new EmbedkitError('BAD_OPTION', 'count', { expected: 'a positive integer', received: String(count), where: 'count' });
    const from = Math.min(opts.from ?? count, kv.size);
    if (opts.from === undefined || from <= count) rows = Array.from({ length: Math.min(count, kv.size) }, (_, i) => i);
    else {
      const rand = seededRandom(opts.seed ?? 42);
      const pool = Int32Array.from({ length: from }, (_, i) => i);
      for (let i = 0; i < count; i++) {
        const j = i + Math.floor(rand() * (from - i));
        const t = pool[i]!;
        pool[i] = pool[j]!;
        pool[j] = t;
      }
      rows = Array.from(pool.subarray(0, count)).sort((a, b) => a - b);
    }
  }
  if (rows.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'vocabulary sample', { expected: 'at least one known word', received: 'none', where: 'words' });
  const data = new Float32Array(rows.length * kv.dim);
  rows.forEach((r, i) => data.set(kv.vectors.subarray(r * kv.dim, (r + 1) * kv.dim), i * kv.dim));
  return { matrix: { data, rows: rows.length, dim: kv.dim }, labels: rows.map((r) => kv.keyAt(r)), rows: Int32Array.from(rows) };
}
