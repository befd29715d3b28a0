/**
 * Chunking by tokens with overlap. Chunks are runs of whole whitespace-separated words, sized by a
 * token count: the embedder's own (`countTokens`, counted word by word; a word alone longer than a chunk
 * becomes a chunk of its own) or, without one, one token per word. Each chunk keeps its character offsets
 * in the source.
 */
import { EmbedkitError } from '../../errors.js';

export interface Chunk {
  readonly text: string;
  /** Character offsets `[start, end)` in the source text. */
  readonly start: number;
  readonly end: number;
  readonly index: number;
  /** Tokens in the chunk (as counted for sizing). */
  readonly tokens: number;
}

export interface ChunkOptions {
  /** Tokens per chunk (at most). */
  readonly tokens: number;
  /** Tokens shared by consecutive chunks (< tokens; whole words, at most this many tokens). */
  readonly overlap: number;
  /** Model tokens in a word (default: 1 per word). */
  readonly countTokens?: (word: string) => number;
}

export function chunkText(text: string, opts: ChunkOptions): Chunk[] {
  if (!Number.isInteger(opts.tokens) || opts.tokens < 1) throw new EmbedkitError('BAD_OPTION', 'chunkTokens', { expected: 'an integer ≥ 1', received: String(opts.tokens), where: 'chunkTokens' });
  if (!Number.isInteger(opts.overlap) || opts.overlap < 0 || opts.overlap >= opts.tokens) {
    throw new EmbedkitError('BAD_OPTION', 'chunkOverlap', { expected: `an integer in 0–${opts.tokens - 1}`, received: String(opts.overlap), where: 'chunkOverlap' });
  }
  const starts: number[] = [];
  const ends: number[] = [];
  const weights: number[] = [];
  const count = opts.countTokens;
  const cache = new Map<string, number>();
  for (const m of text.matchAll(/\S+/g)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    let w = 1;
    if (count !== undefined) {
      w = cache.get(m[0]) ?? Math.max(1, count(m[0]));
      cache.set(m[0], w);
    }
    weights.push(w);
  }
  const n = starts.length;
  const out: Chunk[] = [];
  let s = 0;
  while (s < n) {
    // Extend [s, e) while it fits (always at least one word).
    let e = s + 1;
    let sum = weights[s]!;
    while (e < n && sum + weights[e]! <= opts.tokens) sum += weights[e++]!;
    out.push({ text: text.slice(starts[s]!, ends[e - 1]!), start: starts[s]!, end: ends[e - 1]!, index: out.length, tokens: sum });
    if (e === n) break;
    // The next chunk starts with the last words of this one, as many as fit in `overlap` tokens.
    let next = e;
    let shared = 0;
    while (next - 1 > s && shared + weights[next - 1]! <= opts.overlap) shared += weights[--next]!;
    s = next;
  }
  return out;
}
