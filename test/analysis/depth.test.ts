/**
 * TTE depth, Q and the rank-sum test against scipy (scripts/depth_golden.py → test/fixtures/analysis/).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareDepths, depthRankTest, pooledRankQ, qualityIndex } from '../../src/analysis/depth/depth-comparison.js';
import { rankTextsByDepth, compareTextCorpora } from '../../src/analysis/depth/text-depth.js';
import { corpusDepths, depthsWithRespectTo } from '../../src/analysis/depth/tte-depth.js';
import type { Embedder } from '../../src/embedders/embedder.js';
import { readNpy } from '../../src/io/npy.js';
import type { Matrix } from '../../src/math/matrix.js';
import { erfc, normalCdf, normalSf } from '../../src/math/statistics/normal.js';
import { rankSumTest } from '../../src/math/statistics/rank-sum.js';
import { averageRanks } from '../../src/math/statistics/ranks.js';
import { FIXTURES } from '../helpers.js';

interface Side {
  depthF: number[];
  depthG: number[];
  median: number;
  q: number;
  qPooled: number;
  w: number;
  p: number;
  rankSum: number;
  meanDepthF: number;
  meanDepthG: number;
}
interface Golden {
  cosine: Side;
  chord: Side;
  ranksums: { x: number[]; y: number[]; ranks: number[] } & Record<'two-sided' | 'greater' | 'less', { statistic: number; pvalue: number }>;
  ranksumsLarge: { x: number[]; y: number[]; statistic: number; pvalue: number };
  normal: { z: number[]; sf: number[]; cdf: number[] };
}
const dir = join(FIXTURES, 'analysis');
const golden = JSON.parse(readFileSync(join(dir, 'depth-golden.json'), 'utf8')) as Golden;
const F = readNpy(join(dir, 'depth-F.npy'));
const G = readNpy(join(dir, 'depth-G.npy'));

function close(actual: ArrayLike<number>, expected: readonly number[], tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}
const relClose = (a: number, e: number, rel: number, what: string): void => assert.ok(Math.abs(a - e) <= rel * Math.abs(e), `${what}: ${a} vs ${e}`);

test('normal survival function and CDF match scipy to 1e-13 relative', () => {
  const { z, sf, cdf } = golden.normal;
  z.forEach((zi, i) => {
    if (sf[i]! > 1e-300) relClose(normalSf(zi), sf[i]!, 1e-13, `sf(${zi})`);
    if (cdf[i]! > 1e-300) relClose(normalCdf(zi), cdf[i]!, 1e-13, `cdf(${zi})`);
  });
  assert.equal(erfc(0), 1);
  assert.ok(Number.isNaN(erfc(NaN)));
});

test('average ranks and the rank-sum test with ties match scipy for every alternative', () => {
  const r = golden.ranksums;
  close(averageRanks([...r.x, ...r.y]), r.ranks, 0, 'ranks');
  for (const alt of ['two-sided', 'greater', 'less'] as const) {
    const t = rankSumTest(r.x, r.y, alt);
    assert.ok(Math.abs(t.statistic - r[alt].statistic) < 1e-12, `${alt} statistic`);
    assert.ok(Math.abs(t.pValue - r[alt].pvalue) < 1e-12, `${alt} p`);
  }
  const big = golden.ranksumsLarge;
  const t = rankSumTest(big.x, big.y, 'greater');
  assert.ok(Math.abs(t.statistic - big.statistic) < 1e-9);
  relClose(t.pValue, big.pvalue, 1e-8, 'tiny p keeps its digits');
  assert.throws(() => rankSumTest([], [1]), RangeError);
  assert.throws(() => rankSumTest([1, NaN], [1]), /x\[1\]/);
});

test('cosine depths, median, Q, W and p match scipy/tte_depth to 1e-9', () => {
  const g = golden.cosine;
  const fd = corpusDepths(F);
  close(fd.depths, g.depthF, 1e-9, 'depthF');
  assert.equal(fd.median, g.median);
  assert.equal(fd.order[0], g.median);
  for (let i = 1; i < fd.order.length; i++) assert.ok(fd.depths[fd.order[i - 1]!]! >= fd.depths[fd.order[i]!]!);
  close(depthsWithRespectTo(F, G).depths, g.depthG, 1e-9, 'depthG');
  const c = compareDepths(F, G);
  for (const k of ['q', 'qPooled', 'w', 'rankSum', 'meanDepthF', 'meanDepthG'] as const) assert.ok(Math.abs(c[k] - g[k]) < 1e-9, `${k}: ${c[k]} vs ${g[k]}`);
  relClose(c.p, g.p, 1e-7, 'p');
  assert.ok(c.q < 0.5, 'G is more outlying');
});

test('chord depths match scipy: float64 path to 1e-9, SIMD path to 1e-5', () => {
  const g = golden.chord;
  const exact = compareDepths(F, G, { distance: 'chord', scalar: true });
  close(exact.depthF, g.depthF, 1e-9, 'depthF');
  close(exact.depthG, g.depthG, 1e-9, 'depthG');
  for (const k of ['q', 'qPooled', 'w'] as const) assert.ok(Math.abs(exact[k] - g[k]) < 1e-9, k);
  relClose(exact.p, g.p, 1e-7, 'p');
  const fast = compareDepths(F, G, { distance: 'chord' });
  close(fast.depthF, g.depthF, 1e-5, 'depthF simd');
  close(fast.depthG, g.depthG, 1e-5, 'depthG simd');
  assert.equal(corpusDepths(F, { distance: 'chord' }).median, g.median);
});

test('sampled chord depths stay within a few stated standard errors of the exact ones', () => {
  const exact = corpusDepths(F, { distance: 'chord', scalar: true }).depths;
  const s = corpusDepths(F, { distance: 'chord', sample: 20, seed: 7, scalar: true });
  assert.ok(s.sampling !== undefined);
  assert.equal(s.sampling.size, 20);
  assert.ok(s.sampling.maxStdError > 0 && s.sampling.maxStdError < 0.05, `${s.sampling.maxStdError}`);
  let within = 0;
  for (let i = 0; i < exact.length; i++) if (Math.abs(s.depths[i]! - exact[i]!) <= 3 * s.sampling.maxStdError) within++;
  assert.equal(within, exact.length);
  // the same seed draws the same sample
  assert.deepEqual(corpusDepths(F, { distance: 'chord', sample: 20, seed: 7, scalar: true }).depths, s.depths);
});

test('Q estimators on hand-made depths', () => {
  // x ≤ y pairs: y=2 → {1,2} of {1,2,3}: 2/3; y=4 → 3/3. Q = (2/3 + 1)/2
  assert.equal(qualityIndex([1, 2, 3], [2, 4]), 5 / 6);
  assert.equal(qualityIndex([1, 2, 3], [1, 2, 3]) > 0.5, true); // ties count as ≤
  const same = depthRankTest(Float64Array.from([1, 2, 3, 4]), Float64Array.from([1, 2, 3, 4]));
  assert.equal(same.w, 0);
  assert.equal(same.p, 0.5);
  // pooled ranks of [1,2,3,2,4]: 1, 2.5, 4, 2.5, 5 → y ranks 2.5 (1 of 5 below) and 5 (4 of 5 below)
  assert.equal(pooledRankQ([1, 2, 3], [2, 4]), (1 / 5 + 4 / 5) / 2);
});

test('options and inputs are validated', () => {
  assert.throws(() => corpusDepths({ data: new Float32Array(4), rows: 1, dim: 4 }), { code: 'EMPTY_INPUT' });
  assert.throws(() => corpusDepths(F, { sample: 10 }), (e: Error & { where?: string }) => e.where === 'sample' && /chord/.test(e.message));
  assert.throws(() => corpusDepths(F, { distance: 'euclid' as 'cosine' }), { code: 'BAD_OPTION' });
  const zero: Matrix = { data: Float32Array.from([1, 0, 0, 0, 0, 1]), rows: 3, dim: 2 };
  assert.throws(() => corpusDepths(zero), (e: Error & { where?: string }) => e.where === 'F row 1');
  assert.throws(() => depthsWithRespectTo(F, { data: new Float32Array(3), rows: 1, dim: 3 }), { code: 'DIM_MISMATCH' });
});

/** A stub embedder over fixed vectors (the texts are row numbers), to test the text layer alone. */
function tableEmbedder(m: Matrix): Embedder {
  return {
    id: 'table',
    dim: m.dim,
    info: { id: 'table', kind: 'static', model: 'table', dim: m.dim, pooling: 'mean', normalize: false },
    embed: (texts) => {
      const data = new Float32Array(texts.length * m.dim);
      texts.forEach((t, i) => data.set(m.data.subarray(Number(t) * m.dim, (Number(t) + 1) * m.dim), i * m.dim));
      return Promise.resolve({ data, rows: texts.length, dim: m.dim });
    },
    dispose: () => Promise.resolve(),
  };
}

test('texts: ranked by depth, zero vectors refused or skipped and listed', async () => {
  const withZero: Matrix = { data: Float32Array.from([...F.data, ...new Float32Array(F.dim)]), rows: F.rows + 1, dim: F.dim };
  const e = tableEmbedder(withZero);
  const texts = Array.from({ length: F.rows }, (_, i) => String(i));
  const ranking = await rankTextsByDepth(e, texts);
  assert.equal(ranking.median.index, golden.cosine.median);
  assert.ok(Math.abs(ranking.median.depth - Math.max(...golden.cosine.depthF)) < 1e-9);
  assert.equal(ranking.ranked.length, F.rows);
  await assert.rejects(rankTextsByDepth(e, [...texts, String(F.rows)]), (err: Error & { where?: string }) => err.where === `F text ${F.rows}`);
  const warnings: string[] = [];
  const skipped = await rankTextsByDepth(e, [String(F.rows), ...texts], { zeroVectors: 'skip', onWarning: (w) => warnings.push(w) });
  assert.deepEqual(skipped.skipped, [0]);
  assert.equal(skipped.median.index, golden.cosine.median + 1);
  assert.equal(warnings.length, 1);
  const cmp = await compareTextCorpora(tableEmbedder(F), texts, texts.slice(0, 10));
  assert.ok(Math.abs(cmp.meanDepthF - golden.cosine.meanDepthF) < 1e-9);
});
