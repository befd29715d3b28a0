/** What a matching method returns, and how it is scored against gold pairs (MRR, P@1). */
import type { TopK } from '../../math/top-k-heap.js';
import type { MatchText, TableRow } from './table.js';

export interface RowMatches {
  /** The row's id. */
  readonly left: string;
  /** The best texts, best first. */
  readonly results: readonly { readonly id: string; readonly score: number }[];
}

/** Top-k hits per row (indices into `texts`) as row matches. */
export function rowMatches(rows: readonly TableRow[], texts: readonly MatchText[], hits: readonly TopK[]): RowMatches[] {
  return rows.map((r, i) => {
    const h = hits[i]!;
    return { left: r.id, results: Array.from(h.indices, (t, j) => ({ id: texts[t]!.id, score: h.scores[j]! })) };
  });
}

export interface MatchScores {
  /** Mean reciprocal rank of the gold text within the returned results (0 when absent). */
  readonly mrr: number;
  /** Rows whose best result is the gold text. */
  readonly precisionAt1: number;
  readonly rows: number;
}

/** MRR and P@1 over the rows that have a gold text. */
export function matchScores(matches: readonly RowMatches[], gold: ReadonlyMap<string, string>): MatchScores {
  let rr = 0;
  let p1 = 0;
  let n = 0;
  for (const m of matches) {
    const g = gold.get(m.left);
    if (g === undefined) continue;
    n++;
    const rank = m.results.findIndex((r) => r.id === g);
    if (rank >= 0) rr += 1 / (rank + 1);
    if (rank === 0) p1++;
  }
  return { mrr: n > 0 ? rr / n : 0, precisionAt1: n > 0 ? p1 / n : 0, rows: n };
}
