import type { Neighbors } from '../vectors/keyed-vectors.js';

export { neighborsJson, roundScore as round } from '../vectors/neighbors-json.js';

export function formatNeighbors(title: string, res: Neighbors): string {
  const lines = res.keys.map((k, i) => `${String(i + 1).padStart(3)}. ${k.padEnd(24)} ${res.scores[i]!.toFixed(4)}`);
  return [title, ...lines].join('\n');
}
