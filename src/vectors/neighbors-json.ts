/**
 * The JSON shape of a neighbour or analogy answer, shared by the CLI (`--json`) and the HTTP server:
 * `{ query, results: [{ key, score }] }`, scores rounded to 6 decimals.
 */
import type { Neighbors } from './keyed-vectors.js';

/** Scores in JSON keep 6 decimals (float32 carries ~7 significant digits). */
export function roundScore(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function neighborsJson(query: unknown, res: Neighbors): { query: unknown; results: { key: string; score: number }[] } {
  return { query, results: res.keys.map((key, i) => ({ key, score: roundScore(res.scores[i]!) })) };
}
