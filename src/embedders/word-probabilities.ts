/**
 * Word probabilities p(w) for SIF / uSIF weighting.
 * - From a frequency file: lines `word count` (whitespace-separated); p(w) = count / total.
 * - Otherwise estimated from the vocabulary's frequency rank with Zipf's law: the r-th word (1-based, files
 *   in frequency order) gets p = 1 / (r · H_N), H_N = Σ_{i=1..N} 1/i. This assumes the vectors file is
 *   sorted by frequency, as GloVe, word2vec and fastText files are.
 * Words absent from the table get the smallest probability in it.
 */
import { FormatError } from '../errors.js';
import { parseDecimal } from '../io/float-text.js';
import { readLines } from '../io/line-reader.js';
import { openStream } from '../io/open-stream.js';

export interface WordProbabilities {
  readonly source: 'file' | 'zipf';
  readonly size: number;
  get(word: string): number;
}

class TableProbabilities implements WordProbabilities {
  constructor(
    readonly source: 'file' | 'zipf',
    private readonly table: Map<string, number>,
    private readonly minProb: number,
  ) {}
  get size(): number {
    return this.table.size;
  }
  get(word: string): number {
    return this.table.get(word) ?? this.table.get(word.toLowerCase()) ?? this.minProb;
  }
}

/** Zipf estimate from keys in frequency order. */
export function zipfProbabilities(keys: readonly string[]): WordProbabilities {
  const n = keys.length;
  let h = 0;
  for (let i = 1; i <= n; i++) h += 1 / i;
  const table = new Map<string, number>();
  for (let r = 0; r < n; r++) table.set(keys[r]!, 1 / ((r + 1) * h));
  return new TableProbabilities('zipf', table, n > 0 ? 1 / (n * h) : 1);
}

/** Reads a `word count` file (gzip allowed). */
export async function readFrequencyFile(path: string): Promise<WordProbabilities> {
  const opened = await openStream(path, 'word frequency file');
  const counts = new Map<string, number>();
  let total = 0;
  for await (const { text, line } of readLines(opened.stream, { file: path })) {
    const t = text.trim();
    if (t.length === 0) continue;
    const parts = t.split(/\s+/);
    if (parts.length !== 2) throw new FormatError(path, 'wrong column count', { line, expected: '2 columns: word count', received: `${parts.length} columns` });
    const c = parseDecimal(parts[1]!);
    if (!Number.isFinite(c) || c < 0) throw new FormatError(path, 'bad count', { line, expected: 'a non-negative decimal number', received: JSON.stringify(parts[1]) });
    const w = parts[0]!;
    counts.set(w, (counts.get(w) ?? 0) + c);
    total += c;
    if (!Number.isFinite(total)) throw new FormatError(path, 'counts overflow', { line, expected: `counts whose sum is finite (at most ${Number.MAX_VALUE})`, received: 'a sum beyond it' });
  }
  if (total <= 0) throw new FormatError(path, 'no counts', { expected: 'at least one positive count', received: 'none' });
  let minProb = Infinity;
  for (const [w, c] of counts) {
    const p = c / total;
    counts.set(w, p);
    if (p > 0 && p < minProb) minProb = p;
  }
  return new TableProbabilities('file', counts, minProb);
}
