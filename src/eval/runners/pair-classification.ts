/** Pair classification: average precision of cosine (main); best-threshold accuracy and F1; also for dot, −Euclidean, −Manhattan. */
import { EmbedkitError } from '../../errors.js';
import { averagePrecision, bestThresholdAccuracy, bestThresholdF1 } from '../metrics/classification.js';
import type { RunContext, SentencePairs, TaskScores } from '../types.js';
import { pairScores, type PairScore } from './similarity-scores.js';

export async function runPairClassification(data: SentencePairs, ctx: RunContext): Promise<TaskScores> {
  const positives = data.score.reduce((s, v) => s + (v > 0 ? 1 : 0), 0);
  if (positives === 0 || positives === data.score.length) {
    throw new EmbedkitError('BAD_ARGUMENT', 'pair-classification data', { expected: 'both labels, 0 and 1', received: `only ${positives === 0 ? 0 : 1} (${data.score.length} pairs)`, hint: 'average precision with one label is 1.0 or undefined whatever the embeddings' });
  }
  const a = await ctx.embed(data.s1);
  const b = await ctx.embed(data.s2);
  const metrics: Record<string, number> = { pairs: data.score.length, positives: data.score.reduce((s, v) => s + (v > 0 ? 1 : 0), 0) };
  for (const kind of ['cosine', 'dot', 'euclidean', 'manhattan'] as PairScore[]) {
    const s = pairScores(a, b, kind);
    const acc = bestThresholdAccuracy(data.score, s);
    const f1 = bestThresholdF1(data.score, s);
    metrics[`${kind}_ap`] = averagePrecision(data.score, s);
    metrics[`${kind}_accuracy`] = acc.value;
    metrics[`${kind}_accuracy_threshold`] = acc.threshold;
    metrics[`${kind}_f1`] = f1.value;
    metrics[`${kind}_f1_threshold`] = f1.threshold;
    metrics[`${kind}_precision`] = f1.precision;
    metrics[`${kind}_recall`] = f1.recall;
  }
  return { mainScore: metrics['cosine_ap']!, metrics };
}
