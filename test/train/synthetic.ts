/**
 * A synthetic corpus with planted structure: `topics` topics, each with a planted pair (`a<K>`, `b<K>`)
 * and a context set of six words `c<j>` drawn from a ring of 3·topics words, so neighbouring topics share
 * half their context words. Every sentence belongs to one topic and holds exactly one of its pair words,
 * four words of its context set and three shared filler words, shuffled. `a<K>` and `b<K>` never meet but
 * have identical context distributions, which no other word has (a context word mixes two topics), so a
 * working trainer makes them nearest neighbours.
 */

/** Deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticCorpus {
  readonly sentences: string[][];
  /** Topic of each sentence. */
  readonly topics: number[];
  readonly pairs: [string, string][];
}

export function plantedCorpus(opts: { topics?: number; sentences?: number; seed?: number } = {}): SyntheticCorpus {
  const topics = opts.topics ?? 10;
  const n = opts.sentences ?? 2000;
  const rand = rng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const fillers = Array.from({ length: 40 }, (_, i) => `f${i}`);
  const sentences: string[][] = [];
  const topicOf: number[] = [];
  for (let s = 0; s < n; s++) {
    const k = s % topics;
    const words = [rand() < 0.5 ? `a${k}` : `b${k}`];
    const topicWords = Array.from({ length: 6 }, (_, j) => `c${(3 * k + j) % (3 * topics)}`);
    for (let j = 0; j < 4; j++) words.push(pick(topicWords));
    for (let j = 0; j < 3; j++) words.push(pick(fillers));
    for (let i = words.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [words[i], words[j]] = [words[j]!, words[i]!];
    }
    sentences.push(words);
    topicOf.push(k);
  }
  return { sentences, topics: topicOf, pairs: Array.from({ length: topics }, (_, k): [string, string] => [`a${k}`, `b${k}`]) };
}
