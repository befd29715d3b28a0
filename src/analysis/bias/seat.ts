/**
 * SEAT (May, Wang, Bordia, Bowman & Rudinger 2019): the WEAT statistics on the outputs of any sentence
 * embedder. The sets hold sentences (sent-bias `sent-weat*.jsonl`, template sentences such as
 * "This is John.") or words, which are then embedded as one-word texts. Every distinct text is embedded
 * once (one `embed` call); a text whose embedding is all zeros (a static embedder that knows none of its
 * words) counts as missing, with the same lost-vocabulary rule as WEAT.
 */
import type { EmbedOptions, Embedder } from '../../embedders/embedder.js';
import type { Matrix } from '../../math/matrix.js';
import { weatFromSets, type ResolvedSet, type WeatOptions, type WeatResult } from './weat.js';
import { WEAT_ROLES, type WeatRole, type WeatTest } from './word-sets.js';

export interface SeatOptions extends WeatOptions {
  /** Passed to `embed` (prompts, progress). */
  readonly embed?: EmbedOptions;
}

export interface SeatResult extends WeatResult {
  /** The embedder's id. */
  readonly embedder: string;
}

export async function seat(embedder: Embedder, test: WeatTest, opts: SeatOptions = {}): Promise<SeatResult> {
  const texts: string[] = [];
  const rowOf = new Map<string, number>();
  for (const role of WEAT_ROLES) {
    for (const t of test[role].examples) {
      if (!rowOf.has(t)) {
        rowOf.set(t, texts.length);
        texts.push(t);
      }
    }
  }
  const m: Matrix = await embedder.embed(texts, opts.embed);
  const dim = m.dim;
  const zero = new Uint8Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let n = 0;
    for (let j = 0; j < dim; j++) n += m.data[r * dim + j]! ** 2;
    if (!(n > 0) || !Number.isFinite(n)) zero[r] = 1;
  }
  const sets = {} as Record<WeatRole, ResolvedSet>;
  for (const role of WEAT_ROLES) {
    const present: number[] = [];
    const missing: string[] = [];
    for (const t of test[role].examples) {
      const r = rowOf.get(t)!;
      if (zero[r] === 1) missing.push(t);
      else present.push(r);
    }
    const data = new Float32Array(present.length * dim);
    present.forEach((r, k) => data.set(m.data.subarray(r * dim, (r + 1) * dim), k * dim));
    sets[role] = { category: test[role].category, rows: { data, rows: present.length, dim }, missing, total: test[role].examples.length };
  }
  return { ...weatFromSets(test.name, sets, opts), embedder: embedder.id };
}
