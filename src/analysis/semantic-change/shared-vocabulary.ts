/**
 * The vocabulary two spaces share, as two row-aligned matrices (row i of both is `words[i]`), as histwords'
 * `intersection_align`. Keys match exactly. Rows follow the first space's order (frequency order for
 * trained models); `maxWords` keeps only each space's most frequent rows before intersecting.
 */
import { EmbedkitError, badOption } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';

export interface SharedVocabulary {
  readonly words: readonly string[];
  /** `words.length × a.dim`, rows copied from the first space. */
  readonly a: Matrix;
  /** `words.length × b.dim`, rows copied from the second space. */
  readonly b: Matrix;
  /** Source rows of each shared word in each space. */
  readonly rowsA: Int32Array;
  readonly rowsB: Int32Array;
}

export interface SharedVocabularyOptions {
  /** Only the first `maxWords` rows of each space take part (default all). */
  readonly maxWords?: number;
}

export function sharedVocabulary(a: KeyedVectors, b: KeyedVectors, opts: SharedVocabularyOptions = {}): SharedVocabulary {
  const maxWords = opts.maxWords ?? Infinity;
  if (!(maxWords >= 1)) throw badOption('maxWords', 'a positive integer', maxWords);
  const limitA = Math.min(a.size, maxWords);
  const limitB = Math.min(b.size, maxWords);
  const words: string[] = [];
  const rowsA: number[] = [];
  const rowsB: number[] = [];
  for (let i = 0; i < limitA; i++) {
    const w = a.keyAt(i);
    const j = b.indexOf(w);
    if (j >= 0 && j < limitB && b.keyAt(j) === w) {
      words.push(w);
      rowsA.push(i);
      rowsB.push(j);
    }
  }
  if (words.length < 2) {
    throw new EmbedkitError('EMPTY_INPUT', 'shared vocabulary', { expected: 'at least 2 words in both spaces', received: `${words.length}`, where: 'vocabulary', hint: 'the two spaces must share words (same tokenization and case)' });
  }
  const copy = (kv: KeyedVectors, rows: readonly number[]): Matrix => {
    const d = kv.dim;
    const data = new Float32Array(rows.length * d);
    rows.forEach((r, i) => data.set(kv.vectors.subarray(r * d, (r + 1) * d), i * d));
    return { data, rows: rows.length, dim: d };
  };
  return { words, a: copy(a, rowsA), b: copy(b, rowsB), rowsA: Int32Array.from(rowsA), rowsB: Int32Array.from(rowsB) };
}
