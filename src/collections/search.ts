/**
 * Text search over a collection: `dense` embeds the query with the collection's embedder and searches
 * vectors; `bm25` searches the full-text index; `hybrid` runs both (each for `candidates` results) and
 * fuses their rankings with reciprocal rank fusion.
 */
import type { Embedder } from '../embedders/embedder.js';
import { EmbedkitError } from '../errors.js';
import { row } from '../math/matrix.js';
import { reciprocalRankFusion } from './fusion.js';
import { checkEmbedder } from './manifest.js';
import type { Collection, SearchHit, SearchMode, VectorSearchOptions } from './types.js';

export interface TextSearchOptions extends VectorSearchOptions {
  readonly mode?: SearchMode;
  /** Hybrid: how many results each ranking contributes (default max(50, 5k)). */
  readonly candidates?: number;
}

/** Embeds one query text with the collection's embedder (checked against the manifest). */
export async function embedQuery(collection: Collection, embedder: Embedder, text: string): Promise<Float32Array> {
  checkEmbedder(collection.manifest, embedder.info);
  const m = await embedder.embed([text]);
  return row(m, 0).slice();
}

export async function searchText(collection: Collection, embedder: Embedder | undefined, query: string, opts: TextSearchOptions): Promise<SearchHit[]> {
  const mode = opts.mode ?? 'dense';
  if (query.trim().length === 0) throw new EmbedkitError('EMPTY_INPUT', 'search query', { expected: 'a non-empty text', received: JSON.stringify(query), where: 'query' });
  const keyword = { k: opts.k, ...(opts.filter !== undefined ? { filter: opts.filter } : {}) };
  if (mode === 'bm25') return collection.searchKeyword(query, keyword);
  if (embedder === undefined) throw new EmbedkitError('BAD_ARGUMENT', `search mode ${mode}`, { expected: 'an embedder for dense search', received: 'none' });
  const vector = await embedQuery(collection, embedder, query);
  if (mode === 'dense') return collection.searchVector(vector, opts);
  const n = Math.max(opts.candidates ?? Math.max(50, 5 * opts.k), opts.k);
  const [dense, words] = await Promise.all([collection.searchVector(vector, { ...opts, k: n }), collection.searchKeyword(query, { ...keyword, k: n })]);
  return reciprocalRankFusion([dense, words], opts.k);
}
