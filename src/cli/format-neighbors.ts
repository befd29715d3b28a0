import type { Neighbors } from '../vectors/keyed-vectors.js';

export function neighborsJson(query: unknown, res: Neighbors): { query: unknown; results: { key: string; score: number }[] } {
  return { query, results: res.keys.map((key, i) => ({ key, score: round(res.scores[i]!) })) };
}

export function formatNeighbors(title: string, res: Neighbors): string {
  const lines = res.keys.map((k, i) => `${String(i + 1).padStart(3)}. ${k.padEnd(24)} ${res.scores[i]!.toFixed(4)}`);
  return [title, ...lines].join('\n');
}

/** Scores in JSON keep 6 decimals (float32 carries ~7 significant digits). */
export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
