/**
 * Embedding-space analysis against independent numpy re-implementations (scripts/analysis_golden.py →
 * test/fixtures/analysis/golden.json): Procrustes, least squares, the MUSE pipeline (CSLS terms, dictionary
 * induction, refinement, BLI precision), CSLS top-k, IsoScore, I(W), mean cosine, ABTT, whitening and the
 * semantic-change measures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers.js';
import type { Matrix } from '../../src/math/matrix.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { orthogonalProcrustes } from '../../src/analysis/alignment/procrustes.js';
import { leastSquaresMap } from '../../src/analysis/alignment/least-squares.js';
import { fitLinearMap } from '../../src/analysis/alignment/linear-map.js';
import { cslsTopK, meanTopKSimilarity } from '../../src/analysis/alignment/csls.js';
import { dictionaryFromPairs } from '../../src/analysis/alignment/dictionary.js';
import { induceDictionary, neighbourhoodTerms } from '../../src/analysis/alignment/induce-dictionary.js';
import { alignVectors, evaluateAlignment } from '../../src/analysis/alignment/align.js';
import { normalizeRows } from '../../src/math/kernels.js';
import { multiplyRows } from '../../src/math/matmul.js';
import { isoScore } from '../../src/analysis/isotropy/iso-score.js';
import { partitionRatio } from '../../src/analysis/isotropy/partition-ratio.js';
import { meanCosine } from '../../src/analysis/isotropy/mean-cosine.js';
import { fitAbtt } from '../../src/analysis/isotropy/abtt-transform.js';
import { fitWhitening } from '../../src/analysis/isotropy/whiten-transform.js';
import { semanticShift } from '../../src/analysis/semantic-change/semantic-shift.js';

interface M {
  rows: number;
  dim: number;
  data: number[];
}
interface Golden {
  procrustes: { x: M; y: M; w: M };
  lstsq: { x: M; y: M; w: M; ridge: number; wRidge: M; wIntercept: M; bias: number[]; xDeficient: M; wDeficient: M };
  muse: {
    source: M;
    target: M;
    seed: [number, number][];
    test: [number, number][];
    maxRank: number;
    k: number;
    refinements: number;
    rounds: { dictionarySize: number; meanCosine: number; induced: [number, number][]; rSourceHead: number[]; rTargetHead: number[] }[];
    wLast: M;
    bliLast: { nn: Record<string, number>; csls: Record<string, number> };
  };
  csls: { queries: M; keys: M; rQueries: number[]; rKeys: number[]; top: number[][]; scores: number[][] };
  isoscore: { name: string; points: M; score: number; defect: number; variances: number[] }[];
  partition: { name: string; points: M; logRatio: number; ratio: number }[];
  meanCosine: { points: M; value: number };
  abtt: { fit: M; apply: M; components: number; paper: M; centered: M };
  whiten: { fit: M; apply: M; dims: number; mean: number[]; kernel: M; output: M; fitCovariance: M };
  shift: { a: M; b: M; k: number; moved: number[]; global: number[]; local: number[]; overlap: number[] };
}
const golden = JSON.parse(readFileSync(join(FIXTURES, 'analysis', 'golden.json'), 'utf8')) as Golden;
const m32 = (m: M): Matrix => ({ data: Float32Array.from(m.data), rows: m.rows, dim: m.dim });

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.abs(actual[i]! - expected[i]!);
    if (!(e <= worst)) {
      worst = e;
      at = i;
    }
  }
  assert.ok(worst <= tol, `${what}: max error ${worst} at ${at} (${actual[at]} vs ${expected[at]}), tolerance ${tol}`);
}

const keyed = (m: M, prefix: string): KeyedVectors => new KeyedVectors(Array.from({ length: m.rows }, (_, i) => `${prefix}${i}`), Float32Array.from(m.data), m.dim);

test('orthogonal Procrustes matches numpy (W = U Vᵀ of svd(XᵀY)) and is orthogonal', () => {
  const g = golden.procrustes;
  const w = orthogonalProcrustes(m32(g.x), m32(g.y));
  assertClose(w, g.w.data, 1e-9, 'W');
  const d = g.w.dim;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += w[i * d + c]! * w[j * d + c]!;
      assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-12, `WWᵀ[${i},${j}] = ${s}`);
    }
  }
});

test('least-squares map matches numpy lstsq (plain, ridge, intercept, rank-deficient minimum norm)', () => {
  const g = golden.lstsq;
  assertClose(leastSquaresMap(m32(g.x), m32(g.y)).w, g.w.data, 1e-9, 'lstsq');
  assertClose(leastSquaresMap(m32(g.x), m32(g.y), { ridge: g.ridge }).w, g.wRidge.data, 1e-9, 'ridge');
  const withBias = leastSquaresMap(m32(g.x), m32(g.y), { intercept: true });
  assertClose(withBias.w, g.wIntercept.data, 1e-9, 'intercept W');
  assertClose(withBias.bias!, g.bias, 1e-9, 'intercept bias');
  assertClose(leastSquaresMap(m32(g.xDeficient), m32(g.y)).w, g.wDeficient.data, 1e-8, 'rank-deficient');
  // the transform applies x W + b
  const t = fitLinearMap(m32(g.x), m32(g.y), { intercept: true });
  const y = t.apply({ data: Float32Array.from(g.x.data.slice(0, g.x.dim)), rows: 1, dim: g.x.dim });
  const expected = g.bias.map((b, j) => b + g.x.data.slice(0, g.x.dim).reduce((s, x, i) => s + x * g.wIntercept.data[i * g.y.dim + j]!, 0));
  assertClose(y.data, expected, 1e-5, 'apply');
});

test('CSLS top-10 equals brute force (numpy), scores included', () => {
  const g = golden.csls;
  const q = m32(g.queries);
  const k = m32(g.keys);
  assertClose(meanTopKSimilarity(q, k, 10), g.rQueries, 1e-6, 'r(queries)');
  assertClose(meanTopKSimilarity(k, q, 10), g.rKeys, 1e-6, 'r(keys)');
  const tops = cslsTopK(q, k, Float32Array.from(g.rQueries), Float32Array.from(g.rKeys), 10);
  tops.forEach((t, i) => {
    assert.deepEqual(Array.from(t.indices), g.top[i], `query ${i}`);
    assertClose(t.scores, g.scores[i]!, 1e-5, `scores ${i}`);
  });
});

test('MUSE pipeline: CSLS terms, induced dictionary (S2T&T2S, max rank), criterion, refinement and BLI match numpy', () => {
  const g = golden.muse;
  const source = keyed(g.source, 's');
  const target = keyed(g.target, 't');
  const pairs = (ps: [number, number][]): [string, string][] => ps.map(([s, t]) => [`s${s}`, `t${t}`]);
  const seed = dictionaryFromPairs(pairs(g.seed), source, target);
  // round 0 by hand: Procrustes on the seed, then induction
  const x = { data: new Float32Array(seed.source.length * g.source.dim), rows: seed.source.length, dim: g.source.dim };
  const y = { data: new Float32Array(seed.source.length * g.source.dim), rows: seed.source.length, dim: g.source.dim };
  seed.source.forEach((s, i) => x.data.set(source.vectors.subarray(s * 8, s * 8 + 8), i * 8));
  seed.target.forEach((t, i) => y.data.set(target.vectors.subarray(t * 8, t * 8 + 8), i * 8));
  const w0 = orthogonalProcrustes(x, y);
  const mapped = multiplyRows(source.matrix, w0, 8);
  const mu = { data: normalizeRows(mapped.data, 8), rows: mapped.rows, dim: 8 };
  const tu = { data: normalizeRows(target.vectors, 8), rows: target.size, dim: 8 };
  const terms = neighbourhoodTerms(mu, tu, g.k);
  assertClose(terms.rSource.subarray(0, 20), g.rounds[0]!.rSourceHead, 1e-5, 'rSource');
  assertClose(terms.rTarget.subarray(0, 20), g.rounds[0]!.rTargetHead, 1e-5, 'rTarget');
  const induced = induceDictionary(mu, tu, { maxRank: g.maxRank, cslsK: g.k }, terms);
  assert.deepEqual(
    Array.from(induced.source, (s, i) => [s, induced.target[i]]),
    g.rounds[0]!.induced,
  );
  assert.ok(Math.abs(induced.meanCosine - g.rounds[0]!.meanCosine) < 1e-5, `criterion ${induced.meanCosine} vs ${g.rounds[0]!.meanCosine}`);

  // the whole loop
  const res = alignVectors(source, target, { dictionary: seed, refinements: g.refinements, maxVocab: g.source.rows, induction: { maxRank: g.maxRank }, select: 'last' });
  assert.deepEqual(res.rounds.map((r) => r.dictionarySize), g.rounds.map((r) => r.dictionarySize));
  res.rounds.slice(0, -1).forEach((r, i) => assert.ok(Math.abs(r.meanCosine! - g.rounds[i]!.meanCosine) < 1e-5, `round ${i} criterion`));
  assert.equal(res.selectedRound, g.refinements);
  assertClose(res.transform.w, g.wLast.data, 1e-5, 'final W');
  const bli = evaluateAlignment(res, dictionaryFromPairs(pairs(g.test), source, target));
  assert.equal(bli.queries, new Set(g.test.map((p) => p[0])).size);
  assert.equal(bli['p@1'], g.bliLast.nn['1']);
  assert.equal(bli['p@5'], g.bliLast.nn['5']);
  assert.equal(bli['p@10'], g.bliLast.nn['10']);
  assert.equal(bli['cslsP@1'], g.bliLast.csls['1']);
  assert.equal(bli['cslsP@5'], g.bliLast.csls['5']);
  assert.equal(bli['cslsP@10'], g.bliLast.csls['10']);
});

test('IsoScore follows the reference steps (numpy re-implementation) to 1e-9', () => {
  for (const c of golden.isoscore) {
    const r = isoScore(m32(c.points));
    assert.ok(Math.abs(r.score - c.score) < 1e-9, `${c.name}: ${r.score} vs ${c.score}`);
    assert.ok(Math.abs(r.defect - c.defect) < 1e-9, `${c.name} defect`);
    assertClose(r.variances, c.variances, 1e-9 * Math.max(...c.variances), `${c.name} variances`);
  }
});

test('partition ratio I(W) matches numpy (eigh + logsumexp, both signs)', () => {
  for (const c of golden.partition) {
    const r = partitionRatio(m32(c.points));
    assert.ok(Math.abs(r.logRatio - c.logRatio) < 1e-9 * Math.max(1, Math.abs(c.logRatio)), `${c.name}: ${r.logRatio} vs ${c.logRatio}`);
    assert.ok(Math.abs(r.ratio - c.ratio) < 1e-9 * c.ratio, `${c.name} ratio ${r.ratio} vs ${c.ratio}`);
  }
});

test('exact mean cosine equals the brute-force mean over i ≠ j (zero vector included)', () => {
  const r = meanCosine(m32(golden.meanCosine.points));
  assert.equal(r.method, 'exact');
  assert.equal(r.pairs, 60 * 59);
  assert.ok(Math.abs(r.value - golden.meanCosine.value) < 1e-9, `${r.value} vs ${golden.meanCosine.value}`);
});

test('all-but-the-top matches numpy, both variants', () => {
  const g = golden.abtt;
  assertClose(fitAbtt(m32(g.fit), { components: g.components }).apply(m32(g.apply)).data, g.paper.data, 1e-5, 'paper');
  assertClose(fitAbtt(m32(g.fit), { components: g.components, variant: 'centered' }).apply(m32(g.apply)).data, g.centered.data, 1e-5, 'centered');
});

test('whitening matches BERT-whitening (kernel, bias, output) and whitens the fitting set', () => {
  const g = golden.whiten;
  const t = fitWhitening(m32(g.fit), { dims: g.dims });
  assertClose(t.mean, g.mean, 1e-6, 'mean');
  assertClose(t.kernel, g.kernel.data, 1e-5, 'kernel');
  assertClose(t.apply(m32(g.apply)).data, g.output.data, 1e-4, 'output');
  const full = fitWhitening(m32(g.fit));
  const y = full.apply(m32(g.fit));
  // covariance of the whitened fitting set is the identity
  const d = y.dim;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let r = 0; r < y.rows; r++) s += y.data[r * d + i]! * y.data[r * d + j]!;
      s /= y.rows - 1;
      assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-4, `cov[${i},${j}] = ${s}`);
    }
  }
});

test('semantic-change measures (global after Procrustes, local neighbourhood, overlap) match numpy', () => {
  const g = golden.shift;
  const r = semanticShift(keyed(g.a, 'w'), keyed(g.b, 'w'), { k: g.k, top: 3, shownNeighbours: 3 });
  assert.equal(r.sharedWords, g.a.rows);
  assertClose(r.global, g.global, 1e-5, 'global');
  assertClose(r.local, g.local, 1e-5, 'local');
  assertClose(r.overlap, g.overlap, 1e-7, 'overlap');
  assert.deepEqual(r.byGlobal.map((w) => w.word).sort(), g.moved.map((i) => `w${i}`).sort(), 'the moved words rank first');
});
