/** Reranking JSONL: one `{query, positive: [...], negative: [...]}` object a line (MTEB's layout). */
import type { RerankingData } from '../types.js';
import { BadRows, jsonRow, shortText, type DataFile } from './read-data.js';

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function parseRerankingJsonl(file: DataFile, bad: BadRows): RerankingData {
  const samples: { query: string; positive: string[]; negative: string[] }[] = [];
  for (const { text, line } of file.lines) {
    if (text.trim().length === 0) continue;
    const r = jsonRow(file, line, text, bad, 'reranking row');
    if (r === undefined) continue;
    const q = r['query'];
    const pos = r['positive'];
    const neg = r['negative'];
    if (typeof q !== 'string' || !isStrings(pos) || !isStrings(neg) || pos.length === 0) {
      bad.report(file.path, line, 'reranking row', '{"query": string, "positive": [string, …] (≥ 1), "negative": [string, …]}', shortText(text));
      continue;
    }
    samples.push({ query: q, positive: pos, negative: neg });
  }
  return { samples };
}
