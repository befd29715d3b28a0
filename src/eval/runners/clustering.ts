/** Clustering: k-means (k = number of gold labels, k-means++, seeded restarts); V-measure (main) and ARI. */
import { kMeans } from '../../learn/kmeans.js';
import { adjustedRandIndex, vMeasure } from '../metrics/clustering.js';
import type { LabeledTexts, RunContext, TaskScores } from '../types.js';

export async function runClustering(data: LabeledTexts, ctx: RunContext): Promise<TaskScores> {
  const names = [...new Set(data.labels)].sort();
  const id = new Map(names.map((n, i) => [n, i]));
  const gold = Int32Array.from(data.labels, (l) => id.get(l)!);
  const x = await ctx.embed(data.texts);
  const res = kMeans(x, names.length, { seed: ctx.options.seed ?? 42, restarts: ctx.options.restarts ?? 10 });
  const v = vMeasure(gold, res.assignments);
  return {
    mainScore: v.vMeasure,
    metrics: { v_measure: v.vMeasure, homogeneity: v.homogeneity, completeness: v.completeness, ari: adjustedRandIndex(gold, res.assignments), clusters: names.length, samples: gold.length },
  };
}
