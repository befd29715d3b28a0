/**
 * Phrases (Mikolov et al. 2013, word2phrase): a bigram `a b` whose score
 *   (count(a b) − minCount) / (count(a) · count(b)) · totalWords
 * exceeds `threshold` is joined into one token `a_b` (`new york` → `new_york`), so multi-word terms get
 * their own vectors. Counting is bounded: past `maxEntries` distinct entries, the rarest are pruned as in
 * word2phrase's ReduceVocab.
 */
import { iterateCorpus, type Corpus } from './corpus.js';
import { checkNumber } from './trainer.js';

export interface PhrasesOptions {
  /** Ignore words and bigrams seen fewer times (default 5). */
  readonly minCount?: number;
  /** Score threshold (default 100, word2phrase's). */
  readonly threshold?: number;
  /** Joiner between the parts (default `_`). */
  readonly delimiter?: string;
  /** Distinct unigram + bigram entries kept while counting (default 20M). */
  readonly maxEntries?: number;
}

const SEP = '\u0001';

export class Phrases {
  /** Joined bigrams (`a` SEP `b`) and their scores. */
  private readonly scores: Map<string, number>;
  readonly delimiter: string;

  constructor(scores: Map<string, number>, delimiter = '_') {
    this.scores = scores;
    this.delimiter = delimiter;
  }

  get size(): number {
    return this.scores.size;
  }

  /** Score of the bigram (undefined when it is not a phrase). */
  score(a: string, b: string): number | undefined {
    return this.scores.get(a + SEP + b);
  }

  /** The phrases, best first: `[joined, score]`. */
  list(): [string, number][] {
    return [...this.scores].map(([k, s]): [string, number] => [k.replace(SEP, this.delimiter), s]).sort((x, y) => y[1] - x[1]);
  }

  /** Joins phrases in one document, greedily left to right. */
  apply(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const a = tokens[i]!;
      const b = tokens[i + 1];
      if (b !== undefined && this.scores.has(a + SEP + b)) {
        out.push(a + this.delimiter + b);
        i++;
      } else out.push(a);
    }
    return out;
  }

  /** A corpus that yields every document of `corpus` with phrases joined (re-iterable like its source). */
  transform(corpus: Corpus): Corpus {
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const doc of iterateCorpus(corpus)) yield self.apply(doc);
      },
    };
  }
}

/** One counting pass over `corpus`, then scoring. */
export async function learnPhrases(corpus: Corpus, opts: PhrasesOptions = {}): Promise<Phrases> {
  const minCount = checkNumber('phrase minCount', opts.minCount ?? 5, 1, Number.POSITIVE_INFINITY, true);
  const threshold = checkNumber('phrase threshold', opts.threshold ?? 100, 0);
  const maxEntries = checkNumber('phrase maxEntries', opts.maxEntries ?? 20_000_000, 1000, Number.POSITIVE_INFINITY, true);
  const counts = new Map<string, number>();
  let reduce = 1;
  let total = 0;
  const add = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (counts.size > maxEntries) {
      for (const [k, c] of counts) if (c <= reduce) counts.delete(k);
      reduce++;
    }
  };
  for await (const doc of iterateCorpus(corpus)) {
    for (let i = 0; i < doc.length; i++) {
      add(doc[i]!);
      if (i + 1 < doc.length) add(doc[i]! + SEP + doc[i + 1]!);
    }
    total += doc.length;
  }
  const scores = new Map<string, number>();
  for (const [key, cab] of counts) {
    const sep = key.indexOf(SEP);
    if (sep < 0 || cab < minCount) continue;
    const ca = counts.get(key.slice(0, sep));
    const cb = counts.get(key.slice(sep + 1));
    if (ca === undefined || cb === undefined || ca < minCount || cb < minCount) continue;
    const score = ((cab - minCount) / (ca * cb)) * total;
    if (score > threshold) scores.set(key, score);
  }
  return new Phrases(scores, opts.delimiter ?? '_');
}
