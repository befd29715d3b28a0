/**
 * Retrieval (BEIR): queries and documents embedded, exact cosine search over the whole corpus (top 100
 * through `topKDotBatch`), scored against graded qrels with pytrec_eval conventions; main score nDCG@10.
 * A document whose id equals the query id is not removed (MTEB's default).
 */
import { normalizeRowsInPlace } from '../../math/kernels.js';
import { toShared } from '../../math/shared-memory.js';
import { topKDotBatch } from '../../math/top-k.js';
import { DEFAULT_CUTOFFS, retrievalScores } from '../metrics/retrieval.js';
import type { RetrievalData, RunContext, TaskScores } from '../types.js';

export async function runRetrieval(data: RetrievalData, ctx: RunContext): Promise<TaskScores> {
  const queries = data.queries.filter((q) => data.qrels.has(q.id));
  const docs = await ctx.embed(data.corpus.map((d) => d.text));
  const qs = await ctx.embed(queries.map((q) => q.text));
  normalizeRowsInPlace(docs.data, docs.dim);
  normalizeRowsInPlace(qs.data, qs.dim);
  const depth = Math.max(...DEFAULT_CUTOFFS);
  // Shared memory lets the scan use every core (a copy costs far less than the scan).
  const hits = topKDotBatch(toShared(docs.data), docs.dim, qs.data, depth);
  const runs = new Map<string, string[]>();
  queries.forEach((q, i) => runs.set(q.id, Array.from(hits[i]!.indices, (r) => data.corpus[r]!.id)));
  const missing = [...data.qrels.keys()].filter((id) => !runs.has(id)).length;
  if (missing > 0) ctx.warn(`${missing} judged queries are not in queries.jsonl (scored 0)`);
  const metrics: Record<string, number> = { ...retrievalScores(runs, data.qrels), queries: queries.length, documents: data.corpus.length };
  return { mainScore: metrics['ndcg_at_10']!, metrics };
}
