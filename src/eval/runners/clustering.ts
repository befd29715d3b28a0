/** Clustering: k-means (k = number of gold labels, k-means++, seeded restarts); V-measure (main) and ARI. */
import { EmbedkitError } from '../../errors.js';
import { kMeans } from '../../learn/kmeans.js';
import { adjustedRandIndex, vMeasure } from '../metrics/clustering.js';
import type { LabeledTexts, RunContext, TaskScores } from '../types.js';

export async function runClustering(data: LabeledTexts, ctx: RunContext): Promise<TaskScores> {
  const names = [...new Set(data.labels)].sort();
  const id = new Map(names.map((n, i) => [n, i]));
  const gold = Int32Array.from(data.labels, (l) => id.get(l)!);
  // One cluster, or as many clusters as rows, scores V-measure 1.0 whatever the embeddings.
  if (names.length < 2 || gold.length <= names.length) {
    throw new EmbedkitError('BAD_ARGUMENT', 'clustering data', { expected: 'at least 2 labels and more rows than labels', received: `${gold.length} row(s), ${names.length} label(s)`, hint: 'V-measure is 1.0 whatever the embeddings on such data' });
  }
  const x = await ctx.embed(data.texts);
  const res = kMeans(x, names.length, { seed: ctx.options.seed ?? 42, restarts: ctx.options.restarts ?? 10 });
  const v = vMeasure(gold, res.assignments);
  return {
    mainScore: v.vMeasure,
    metrics: { v_measure: v.vMeasure, homogeneity: v.homogeneity, completeness: v.completeness, ari: adjustedRandIndex(gold, res.assignments), clusters: names.length, samples: gold.length },
  };
}
