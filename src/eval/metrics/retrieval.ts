/**
 * Ranked-retrieval metrics with the conventions of trec_eval / pytrec_eval as BEIR uses them:
 * - a document is relevant when its judged grade is ≥ 1; grades are linear gains for nDCG;
 * - nDCG@k = DCG@k / IDCG@k with discount log2(rank + 1), the ideal ranking built from all judged grades;
 * - MAP@k (trec_eval `map_cut`): Σ precision at each relevant rank ≤ k, divided by the number of relevant
 *   documents (not by k);
 * - Recall@k = relevant in top k / relevant; P@k = relevant in top k / k;
 * - MRR@k = 1 / rank of the first relevant document within the top k (0 if none).
 * Queries without any relevant judgment are skipped by the aggregate (as pytrec_eval does).
 */

/** Judged grades of one query: document id → grade. */
export type Judgments = ReadonlyMap<string, number>;

export interface QueryMetrics {
  readonly ndcg: number;
  readonly map: number;
  readonly recall: number;
  readonly precision: number;
  readonly mrr: number;
}

/** All metrics at cut-off `k` for one ranked list (best first). */
export function queryMetricsAt(ranked: readonly string[], judged: Judgments, k: number): QueryMetrics {
  const grades: number[] = [];
  let relevant = 0;
  for (const g of judged.values()) {
    if (g > 0) grades.push(g);
    if (g >= 1) relevant++;
  }
  grades.sort((a, b) => b - a);
  let idcg = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++) idcg += grades[i]! / Math.log2(i + 2);
  let dcg = 0;
  let hits = 0;
  let apSum = 0;
  let mrr = 0;
  const depth = Math.min(k, ranked.length);
  for (let i = 0; i < depth; i++) {
    const g = judged.get(ranked[i]!) ?? 0;
    if (g > 0) dcg += g / Math.log2(i + 2);
    if (g >= 1) {
      hits++;
      apSum += hits / (i + 1);
      if (mrr === 0) mrr = 1 / (i + 1);
    }
  }
  return {
    ndcg: idcg === 0 ? 0 : dcg / idcg,
    map: relevant === 0 ? 0 : apSum / relevant,
    recall: relevant === 0 ? 0 : hits / relevant,
    precision: hits / k,
    mrr,
  };
}

export const DEFAULT_CUTOFFS: readonly number[] = [1, 3, 5, 10, 100];

/**
 * Mean metrics over queries at every cut-off, keyed `ndcg_at_10`, `map_at_10`, `recall_at_10`,
 * `precision_at_10`, `mrr_at_10` (MTEB's key names).
 */
export function retrievalScores(
  runs: ReadonlyMap<string, readonly string[]>,
  qrels: ReadonlyMap<string, Judgments>,
  cutoffs: readonly number[] = DEFAULT_CUTOFFS,
): Record<string, number> {
  const sums: Record<string, number> = {};
  let queries = 0;
  for (const [qid, judged] of qrels) {
    let anyRelevant = false;
    for (const g of judged.values()) if (g >= 1) anyRelevant = true;
    if (!anyRelevant) continue;
    queries++;
    const ranked = runs.get(qid) ?? [];
    for (const k of cutoffs) {
      const m = queryMetricsAt(ranked, judged, k);
      for (const [name, v] of Object.entries(m)) {
        const key = `${name}_at_${k}`;
        sums[key] = (sums[key] ?? 0) + v;
      }
    }
  }
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(sums)) out[key] = v / queries;
  return out;
}

/** Reranking metrics of one query's candidates: AP over all candidates and reciprocal rank within `k`. */
export function rerankQuery(labels: ArrayLike<number>, scores: ArrayLike<number>, k = 10): { ap: number; mrr: number } {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i]! > 0) positives++;
  let hits = 0;
  let apSum = 0;
  let mrr = 0;
  for (let i = 0; i < n; i++) {
    if (labels[order[i]!]! > 0) {
      hits++;
      apSum += hits / (i + 1);
      if (mrr === 0 && i < k) mrr = 1 / (i + 1);
    }
  }
  return { ap: positives === 0 ? NaN : apSum / positives, mrr };
}
