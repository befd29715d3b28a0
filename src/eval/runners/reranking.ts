/** Reranking: per query, its positive and negative candidates ranked by cosine; MAP (main) and MRR@10. */
import { dotAt, normalizeRowsInPlace } from '../../math/kernels.js';
import { rerankQuery } from '../metrics/retrieval.js';
import type { RerankingData, RunContext, TaskScores } from '../types.js';

export async function runReranking(data: RerankingData, ctx: RunContext): Promise<TaskScores> {
  const q = await ctx.embed(data.samples.map((s) => s.query));
  const cands = await ctx.embed(data.samples.flatMap((s) => [...s.positive, ...s.negative]));
  normalizeRowsInPlace(q.data, q.dim);
  normalizeRowsInPlace(cands.data, cands.dim);
  const d = q.dim;
  let off = 0;
  let map = 0;
  let mrr = 0;
  data.samples.forEach((s, i) => {
    const n = s.positive.length + s.negative.length;
    const labels = new Uint8Array(n).fill(1, 0, s.positive.length);
    const scores = new Float64Array(n);
    for (let j = 0; j < n; j++) scores[j] = dotAt(q.data, i * d, cands.data, (off + j) * d, d);
    off += n;
    const r = rerankQuery(labels, scores, 10);
    map += r.ap;
    mrr += r.mrr;
  });
  const n = data.samples.length;
  return { mainScore: map / n, metrics: { map: map / n, mrr_at_10: mrr / n, queries: n } };
}
