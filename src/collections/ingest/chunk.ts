/**
 * Chunking by tokens with overlap. Tokens are whitespace-separated words (model-independent, so chunk
 * boundaries do not change with the embedder); each chunk keeps its character offsets in the source.
 */
import { EmbedkitError } from '../../errors.js';

export interface Chunk {
  readonly text: string;
  /** Character offsets `[start, end)` in the source text. */
  readonly start: number;
  readonly end: number;
  readonly index: number;
}

export interface ChunkOptions {
  /** Words per chunk. */
  readonly tokens: number;
  /** Words shared by consecutive chunks (< tokens). */
  readonly overlap: number;
}

export function chunkText(text: string, opts: ChunkOptions): Chunk[] {
  if (!Number.isInteger(opts.tokens) || opts.tokens < 1) throw new EmbedkitError('BAD_OPTION', '--chunk-tokens', { expected: 'an integer ≥ 1', received: String(opts.tokens), where: '--chunk-tokens' });
  if (!Number.isInteger(opts.overlap) || opts.overlap < 0 || opts.overlap >= opts.tokens) {
    throw new EmbedkitError('BAD_OPTION', '--chunk-overlap', { expected: `an integer in 0–${opts.tokens - 1}`, received: String(opts.overlap), where: '--chunk-overlap' });
  }
  const spans: [number, number][] = [];
  for (const m of text.matchAll(/\S+/g)) spans.push([m.index, m.index + m[0].length]);
  const out: Chunk[] = [];
  const stride = opts.tokens - opts.overlap;
  for (let w = 0; w < spans.length; w += stride) {
    const last = Math.min(spans.length, w + opts.tokens) - 1;
    const start = spans[w]![0];
    const end = spans[last]![1];
    out.push({ text: text.slice(start, end), start, end, index: out.length });
    if (last === spans.length - 1) break;
  }
  return out;
}
