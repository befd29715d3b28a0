/** STS: Spearman (main) and Pearson of each pair's cosine against the gold score; dot, −Euclidean, −Manhattan variants. */
import { pearson, spearman } from '../metrics/correlation.js';
import type { RunContext, SentencePairs, TaskScores } from '../types.js';
import { pairScores, type PairScore } from './similarity-scores.js';

export async function runSts(data: SentencePairs, ctx: RunContext): Promise<TaskScores> {
  const a = await ctx.embed(data.s1);
  const b = await ctx.embed(data.s2);
  const metrics: Record<string, number> = { pairs: data.score.length };
  for (const kind of ['cosine', 'dot', 'euclidean', 'manhattan'] as PairScore[]) {
    const s = pairScores(a, b, kind);
    metrics[`${kind}_spearman`] = spearman(s, data.score);
    metrics[`${kind}_pearson`] = pearson(s, data.score);
  }
  return { mainScore: metrics['cosine_spearman']!, metrics };
}
