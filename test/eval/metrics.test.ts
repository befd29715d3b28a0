import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers.js';
import { pearson, rankData, spearman } from '../../src/eval/metrics/correlation.js';
import { accuracy, averagePrecision, bestThresholdAccuracy, bestThresholdF1, macroF1 } from '../../src/eval/metrics/classification.js';
import { adjustedRandIndex, vMeasure } from '../../src/eval/metrics/clustering.js';
import { queryMetricsAt, rerankQuery, retrievalScores } from '../../src/eval/metrics/retrieval.js';

interface Golden {
  correlation: { x: number[]; y: number[]; spearman: number; pearson: number; rankdata_x: number[] }[];
  binary: { labels: number[]; scores: number[]; ap: number; best_accuracy: number; best_f1: number }[];
  labels: { gold: number[]; pred: number[]; accuracy: number; f1_macro: number; homogeneity: number; completeness: number; v_measure: number; ari: number }[];
  retrieval: { qrels: Record<string, Record<string, number>>; runs: Record<string, string[]>; scores: Record<string, number> };
  reranking: { samples: { labels: number[]; scores: number[]; ap: number; mrr_at_10: number }[]; map: number; mrr_at_10: number };
}
const golden = JSON.parse(readFileSync(join(FIXTURES, 'eval', 'golden.json'), 'utf8')) as Golden;
const close = (a: number, b: number, tol = 1e-9, msg = ''): void => assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b}`);

test('rankData gives average ranks to ties (hand-computed)', () => {
  assert.deepEqual(Array.from(rankData([10, 20, 20, 5, 20])), [2, 4, 4, 1, 4]);
  assert.deepEqual(Array.from(rankData([3, 1, 2])), [3, 1, 2]);
});

test('spearman and pearson on hand-computed cases', () => {
  close(pearson([1, 2, 3], [2, 4, 6]), 1);
  close(pearson([1, 2, 3], [3, 2, 1]), -1);
  // x = 1,2,3,4 ; y = 1,3,2,4: r = 0.8
  close(pearson([1, 2, 3, 4], [1, 3, 2, 4]), 0.8);
  close(spearman([1, 2, 3, 4], [10, 30, 20, 40]), 0.8);
  // monotone but non-linear: Spearman 1
  close(spearman([1, 2, 3, 4], [1, 8, 27, 64]), 1);
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])), 'constant input is undefined');
  assert.throws(() => pearson([1, 2], [1]), RangeError);
});

test('correlations match scipy (golden, with ties)', () => {
  for (const c of golden.correlation) {
    close(spearman(c.x, c.y), c.spearman, 1e-12, 'spearman');
    close(pearson(c.x, c.y), c.pearson, 1e-12, 'pearson');
    assert.deepEqual(Array.from(rankData(c.x)), c.rankdata_x);
  }
});

test('accuracy, macro-F1, average precision, best thresholds: hand-computed', () => {
  close(accuracy([0, 1, 1, 2], [0, 1, 0, 2]), 0.75);
  // gold [0,1,0,2], pred [0,1,1,2]: class 0 tp 1, gold 2, pred 1 → 2/3; class 1 tp 1, gold 1, pred 2 → 2/3;
  // class 2 → 1; mean 7/9
  close(macroF1([0, 1, 0, 2], [0, 1, 1, 2]), 7 / 9);
  // ranking 1,0,1,0 → AP = (1/1 + 2/3) / 2
  close(averagePrecision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]), (1 + 2 / 3) / 2);
  // a tie between a positive and a negative at the top forms one threshold: precision 1/2 at recall 1
  close(averagePrecision([1, 0], [0.5, 0.5]), 0.5);
  assert.ok(Number.isNaN(averagePrecision([0, 0], [1, 2])));
  const acc = bestThresholdAccuracy([1, 1, 0, 1, 0, 0], [0.9, 0.8, 0.7, 0.6, 0.2, 0.1]);
  close(acc.value, 5 / 6);
  // top 2: P 1, R 2/3 → F1 0.8; top 4: P 3/4, R 1 → F1 6/7 (best)
  close(bestThresholdF1([1, 1, 0, 1, 0, 0], [0.9, 0.8, 0.7, 0.6, 0.2, 0.1]).value, 6 / 7);
});

test('binary metrics match the numpy reference (golden, with ties)', () => {
  for (const c of golden.binary) {
    close(averagePrecision(c.labels, c.scores), c.ap, 1e-12, 'ap');
    close(bestThresholdAccuracy(c.labels, c.scores).value, c.best_accuracy, 1e-12, 'acc');
    close(bestThresholdF1(c.labels, c.scores).value, c.best_f1, 1e-12, 'f1');
  }
});

test('V-measure and ARI: hand-computed and degenerate cases', () => {
  close(vMeasure([0, 0, 1, 1], [5, 5, 9, 9]).vMeasure, 1);
  close(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]), 1);
  // gold {0,0,1,1} vs one cluster: homogeneity 0, completeness 1, v 0
  const v = vMeasure([0, 0, 1, 1], [0, 0, 0, 0]);
  close(v.homogeneity, 0);
  close(v.completeness, 1);
  close(v.vMeasure, 0);
  close(adjustedRandIndex([0, 0, 1, 1], [0, 0, 0, 0]), 0);
  // sklearn example: ARI([0,0,1,2], [0,0,1,1]) = 0.5714285714285715
  close(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1]), 0.5714285714285715, 1e-12);
});

test('classification and clustering metrics match the numpy reference (golden)', () => {
  for (const c of golden.labels) {
    close(accuracy(c.gold, c.pred), c.accuracy, 1e-12, 'accuracy');
    close(macroF1(c.gold, c.pred), c.f1_macro, 1e-12, 'macro-F1');
    const v = vMeasure(c.gold, c.pred);
    close(v.homogeneity, c.homogeneity, 1e-12, 'h');
    close(v.completeness, c.completeness, 1e-12, 'c');
    close(v.vMeasure, c.v_measure, 1e-12, 'v');
    close(adjustedRandIndex(c.gold, c.pred), c.ari, 1e-12, 'ari');
  }
});

test('retrieval metrics: hand-computed query', () => {
  // relevant: a (grade 2), c (grade 1); ranking a, b, c
  const judged = new Map([
    ['a', 2],
    ['c', 1],
    ['x', 0],
  ]);
  const m = queryMetricsAt(['a', 'b', 'c'], judged, 3);
  const dcg = 2 / Math.log2(2) + 1 / Math.log2(4);
  const idcg = 2 / Math.log2(2) + 1 / Math.log2(3);
  close(m.ndcg, dcg / idcg);
  close(m.map, (1 + 2 / 3) / 2);
  close(m.recall, 1);
  close(m.precision, 2 / 3);
  close(m.mrr, 1);
  const m1 = queryMetricsAt(['b', 'a'], judged, 1);
  assert.equal(m1.mrr, 0);
  assert.equal(m1.ndcg, 0);
});

test('retrieval metrics match the trec_eval-convention reference (golden)', () => {
  const qrels = new Map(Object.entries(golden.retrieval.qrels).map(([q, j]) => [q, new Map(Object.entries(j))]));
  const runs = new Map(Object.entries(golden.retrieval.runs));
  const got = retrievalScores(runs, qrels);
  for (const [k, v] of Object.entries(golden.retrieval.scores)) close(got[k]!, v, 1e-12, k);
});

test('reranking AP and MRR@10 match the reference (golden)', () => {
  let map = 0;
  let mrr = 0;
  for (const s of golden.reranking.samples) {
    const r = rerankQuery(s.labels, s.scores, 10);
    close(r.ap, s.ap, 1e-12, 'ap');
    close(r.mrr, s.mrr_at_10, 1e-12, 'mrr');
    map += r.ap;
    mrr += r.mrr;
  }
  close(map / golden.reranking.samples.length, golden.reranking.map, 1e-12);
  close(mrr / golden.reranking.samples.length, golden.reranking.mrr_at_10, 1e-12);
});
