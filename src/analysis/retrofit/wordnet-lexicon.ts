/**
 * Lexicons from WordNet relations (Faruqui et al. 2015 used WordNet synonyms, and synonyms + hypernyms +
 * hyponyms, "WN_all"):
 * - `synonym`: every pair of lemmas of a synset, both ways;
 * - `hypernym`: each lemma of a synset → each lemma of its hypernyms (`@`, and instance hypernyms `@i`);
 * - `hyponym`: the reverse (`~`, `~i`); with both, hierarchy edges go both ways.
 * Multi-word lemmas (`ice_cream`) are kept; look-up in a vocabulary without them simply misses.
 */
import { EmbedkitError } from '../../errors.js';
import { Lexicon } from './lexicon.js';
import type { WordNet } from './wordnet.js';

export type WordNetRelation = 'synonym' | 'hypernym' | 'hyponym';
export const WORDNET_RELATIONS: readonly WordNetRelation[] = ['synonym', 'hypernym', 'hyponym'];

export function wordnetLexicon(wn: WordNet, relations: readonly WordNetRelation[] = ['synonym']): Lexicon {
  for (const r of relations) {
    if (!WORDNET_RELATIONS.includes(r)) throw new EmbedkitError('BAD_OPTION', 'relations', { expected: WORDNET_RELATIONS.join(','), received: String(r), where: 'relations' });
  }
  const lex = new Lexicon();
  const syn = relations.includes('synonym');
  const up = relations.includes('hypernym');
  const down = relations.includes('hyponym');
  for (const s of wn.synsets.values()) {
    if (syn) for (const a of s.lemmas) for (const b of s.lemmas) lex.addEdge(a, b, 1, true);
    if (!up && !down) continue;
    for (const p of s.pointers) {
      if (p.symbol !== '@' && p.symbol !== '@i') continue;
      const parent = wn.synsets.get(p.target);
      if (parent === undefined) continue;
      for (const a of s.lemmas) {
        for (const b of parent.lemmas) {
          if (up) lex.addEdge(a, b, 1, true);
          if (down) lex.addEdge(b, a, 1, true);
        }
      }
    }
  }
  return lex;
}
