/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher 2009): score(d) = Σ_lists 1 / (c + rank_list(d)),
 * ranks from 1, c = 60. Records missing from a list contribute nothing for it.
 */
import type { SearchHit } from './types.js';

const RRF_C = 60;

export function reciprocalRankFusion(lists: readonly (readonly SearchHit[])[], k: number, c: number = RRF_C): SearchHit[] {
  const fused = new Map<string, { hit: SearchHit; score: number; best: number }>();
  for (const list of lists) {
    list.forEach((hit, i) => {
      const add = 1 / (c + i + 1);
      const cur = fused.get(hit.id);
      if (cur === undefined) fused.set(hit.id, { hit, score: add, best: i });
      else {
        cur.score += add;
        cur.best = Math.min(cur.best, i);
      }
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.best - b.best || (a.hit.id < b.hit.id ? -1 : a.hit.id > b.hit.id ? 1 : 0))
    .slice(0, k)
    .map(({ hit, score }) => ({ ...hit, score }));
}
