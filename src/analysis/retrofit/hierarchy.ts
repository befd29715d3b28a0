/**
 * Hierarchy-aware retrofitting lexicon (after the hierarchical term-embedding papers: a taxonomy's
 * structure, not only its direct links, should shape the space). Lemmas are linked by their synsets' tree
 * distance d with weight `decay`^(d−1), both ways:
 * - every ancestor at d = 1 … `maxDistance` (hypernym steps, `@` and `@i`; several parents all followed);
 * - siblings (d = 2: children of the same parent), when the parent has at most `maxSiblings` children
 *   (large flat categories such as "person" carry little information per pair and would dominate);
 * - synonyms (d = 0) with weight 1.
 * Siblings are tied directly and through their parent; cousins only through shared ancestors at `decay`²
 * and below, so after retrofitting siblings end closer than cousins.
 */
import { EmbedkitError } from '../../errors.js';
import { Lexicon } from './lexicon.js';
import type { WordNet } from './wordnet.js';

export interface HierarchyOptions {
  /** Highest ancestor distance linked (default 2). */
  readonly maxDistance?: number;
  /** Weight factor per extra level (default 0.5). */
  readonly decay?: number;
  /** Link siblings (weight `decay`; default true) when their parent has at most `maxSiblings` children (default 50). */
  readonly siblings?: boolean;
  readonly maxSiblings?: number;
  /** Also link synonyms (weight 1; default true). */
  readonly synonyms?: boolean;
  /** Synset id prefix of the taxonomy (default `n:`, the noun hierarchy). */
  readonly pos?: string;
}

/** Ancestors of a synset by distance: level d holds the synsets d hypernym steps up (first reached). */
export function ancestors(wn: WordNet, id: string, maxDistance: number): string[][] {
  const levels: string[][] = [];
  const seen = new Set<string>([id]);
  let frontier = [id];
  for (let d = 1; d <= maxDistance && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const s of frontier) {
      for (const p of wn.synsets.get(s)?.pointers ?? []) {
        if ((p.symbol === '@' || p.symbol === '@i') && !seen.has(p.target)) {
          seen.add(p.target);
          next.push(p.target);
        }
      }
    }
    levels.push(next);
    frontier = next;
  }
  return levels;
}

export function hierarchyLexicon(wn: WordNet, opts: HierarchyOptions = {}): Lexicon {
  const maxDistance = opts.maxDistance ?? 2;
  const decay = opts.decay ?? 0.5;
  if (!Number.isInteger(maxDistance) || maxDistance < 1) throw new EmbedkitError('BAD_OPTION', 'maxDistance', { expected: 'an integer ≥ 1', received: String(maxDistance), where: 'maxDistance' });
  if (!(decay > 0 && decay <= 1)) throw new EmbedkitError('BAD_OPTION', 'decay', { expected: 'a number in (0, 1]', received: String(decay), where: 'decay' });
  const prefix = opts.pos ?? 'n:';
  const lex = new Lexicon();
  for (const s of wn.synsets.values()) {
    if (!s.id.startsWith(prefix)) continue;
    if (opts.synonyms ?? true) for (const a of s.lemmas) for (const b of s.lemmas) lex.addEdge(a, b, 1, true);
    if (opts.siblings ?? true) {
      const maxSiblings = opts.maxSiblings ?? 50;
      for (const p of s.pointers) {
        if (p.symbol !== '@' && p.symbol !== '@i') continue;
        const kids = (wn.synsets.get(p.target)?.pointers ?? []).filter((q) => q.symbol === '~' || q.symbol === '~i');
        if (kids.length > maxSiblings) continue;
        for (const k of kids) {
          const sib = wn.synsets.get(k.target);
          if (sib === undefined || sib.id === s.id) continue;
          for (const a of s.lemmas) for (const b of sib.lemmas) lex.addEdge(a, b, decay, true);
        }
      }
    }
    ancestors(wn, s.id, maxDistance).forEach((level, i) => {
      const w = decay ** i;
      for (const anc of level) {
        const parent = wn.synsets.get(anc);
        if (parent === undefined) continue;
        for (const a of s.lemmas) for (const b of parent.lemmas) lex.addEdge(a, b, w);
      }
    });
  }
  return lex;
}
