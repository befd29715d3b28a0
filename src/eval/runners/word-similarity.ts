/**
 * Word similarity: cosine of the two words' vectors against human scores; Spearman ρ (main), Pearson r.
 * OOV pairs (either word unknown) are skipped and counted (`oov: 'skip'`, default) or scored 0
 * (`oov: 'dummy'`, gensim's `dummy4unknown`). Static models look words up in their vocabulary (trying the
 * lower-case form second); other embedders embed each word as a text (a zero vector counts as OOV).
 */
import { dotAt, norm } from '../../math/kernels.js';
import { pearson, spearman } from '../metrics/correlation.js';
import type { RunContext, TaskScores, WordPairs } from '../types.js';

export async function runWordSimilarity(data: WordPairs, ctx: RunContext): Promise<TaskScores> {
  const n = data.gold.length;
  const sims = new Float64Array(n);
  const known = new Uint8Array(n);
  const kv = ctx.vectors;
  if (kv !== undefined) {
    const unit = kv.unitVectors();
    const dim = kv.dim;
    for (let i = 0; i < n; i++) {
      const a = kv.indexOf(data.w1[i]!);
      const b = kv.indexOf(data.w2[i]!);
      if (a < 0 || b < 0) continue;
      known[i] = 1;
      sims[i] = dotAt(unit, a * dim, unit, b * dim, dim);
    }
  } else {
    const words = [...new Set([...data.w1, ...data.w2])];
    const m = await ctx.embed(words);
    const rowOf = new Map(words.map((w, i) => [w, i]));
    const norms = words.map((_, i) => norm(m.data.subarray(i * m.dim, (i + 1) * m.dim)));
    for (let i = 0; i < n; i++) {
      const a = rowOf.get(data.w1[i]!)!;
      const b = rowOf.get(data.w2[i]!)!;
      if (norms[a] === 0 || norms[b] === 0) continue;
      known[i] = 1;
      sims[i] = dotAt(m.data, a * m.dim, m.data, b * m.dim, m.dim) / (norms[a]! * norms[b]!);
    }
  }
  const dummy = (ctx.options.oov ?? 'skip') === 'dummy';
  const x: number[] = [];
  const y: number[] = [];
  let oov = 0;
  for (let i = 0; i < n; i++) {
    if (known[i] === 0) {
      oov++;
      if (!dummy) continue;
    }
    x.push(known[i] === 1 ? sims[i]! : 0);
    y.push(data.gold[i]!);
  }
  if (oov > 0) ctx.warn(`${oov} of ${n} pairs have an out-of-vocabulary word (${dummy ? 'scored 0' : 'skipped'})`);
  const rho = spearman(x, y);
  return {
    mainScore: rho,
    metrics: { spearman: rho, pearson: pearson(x, y), pairs: n, oov_pairs: oov, oov_ratio: n === 0 ? 0 : oov / n, scored_pairs: x.length },
  };
}
