/**
 * Isotropy measures on hand-computed cases and their invariances on glove-100d; the post-processing
 * transforms (centre, all-but-the-top, whitening) saved, loaded and chained on a real embedder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, TEST_CACHE_DIR, tempDir } from '../helpers.js';
import { loadVectors } from '../../src/vectors/load.js';
import { readVectors } from '../../src/vectors/formats/index.js';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { TransformedEmbedder } from '../../src/embedders/transforms/transformed-embedder.js';
import { loadTransforms, saveTransforms } from '../../src/embedders/transforms/transform-file.js';
import { transformKinds } from '../../src/embedders/transforms/transform-kinds.js';
import { isoScore } from '../../src/analysis/isotropy/iso-score.js';
import { partitionRatio } from '../../src/analysis/isotropy/partition-ratio.js';
import { meanCosine } from '../../src/analysis/isotropy/mean-cosine.js';
import { measureIsotropy, vocabularyMatrix } from '../../src/analysis/isotropy/measure-isotropy.js';
import { fitCenter } from '../../src/analysis/isotropy/center-transform.js';
import { defaultAbttComponents, fitAbtt } from '../../src/analysis/isotropy/abtt-transform.js';
import { fitWhitening } from '../../src/analysis/isotropy/whiten-transform.js';
import { encodeNpy, readNpy } from '../../src/io/npy.js';
import { EmbedkitError, FormatError } from '../../src/errors.js';
import type { Matrix } from '../../src/math/matrix.js';

process.env['EMBEDKIT_CACHE_DIR'] = TEST_CACHE_DIR;

const mat = (rows: number[][]): Matrix => ({ data: Float32Array.from(rows.flat()), rows: rows.length, dim: rows[0]!.length });

test('hand cases: ±eᵢ is isotropic (IsoScore 1, I(W) 1, mean cosine −1/(n−1)); a line scores 0', () => {
  const n = 4;
  const pm: number[][] = [];
  for (let i = 0; i < n; i++) for (const s of [1, -1]) pm.push(Array.from({ length: n }, (_, j) => (j === i ? s : 0)));
  const iso = isoScore(mat(pm));
  assert.ok(Math.abs(iso.score - 1) < 1e-12 && Math.abs(iso.defect) < 1e-7, `${iso.score}`);
  const pr = partitionRatio(mat(pm));
  assert.ok(Math.abs(pr.ratio - 1) < 1e-12, `${pr.ratio}`);
  // each vector has one opposite (cos −1) and 2n − 2 orthogonal partners
  assert.ok(Math.abs(meanCosine(mat(pm)).value - -1 / (2 * n - 1)) < 1e-12);
  const line = Array.from({ length: 10 }, (_, i) => [i - 4.5, 2 * (i - 4.5), 0]);
  assert.ok(Math.abs(isoScore(mat(line)).score) < 1e-12);
  assert.throws(() => isoScore(mat([[1, 2, 3], [4, 5, 6]])), (e: unknown) => e instanceof EmbedkitError && e.where === 'rows' && /at least as many points as dimensions/.test(e.message));
  assert.throws(() => isoScore(mat([[1, 2], [1, 2], [1, 2]])), (e: unknown) => e instanceof EmbedkitError && /zero variance/.test(e.message));
});

test('mean cosine: the seeded sample agrees with the exact value within 4 standard errors, reproducibly', async () => {
  const kv = await loadVectors('glove-100d', { limit: 20000 });
  const m = vocabularyMatrix(kv);
  const exact = meanCosine(m);
  const a = meanCosine(m, { method: 'sampled', samples: 20000, seed: 7 });
  const b = meanCosine(m, { method: 'sampled', samples: 20000, seed: 7 });
  assert.equal(a.value, b.value);
  assert.equal(a.pairs, 20000);
  assert.ok(Math.abs(a.value - exact.value) < 4 * a.standardError!, `${a.value} vs ${exact.value} ± ${a.standardError}`);
  assert.throws(() => meanCosine(m, { method: 'sampled', samples: 1 }), (e: unknown) => e instanceof EmbedkitError && e.where === 'samples');
});

test('glove-100d: IsoScore is invariant to centring, centring and ABTT raise I(W) and lower the mean cosine, whitening gives IsoScore 1', async () => {
  const kv = await loadVectors('glove-100d', { limit: 20000 });
  const m = vocabularyMatrix(kv);
  const before = measureIsotropy(m);
  const centred = fitCenter(m).apply(m);
  const afterCenter = measureIsotropy(centred);
  assert.ok(Math.abs(afterCenter.isoScore - before.isoScore) < 1e-6, 'IsoScore is mean-invariant');
  assert.ok(afterCenter.partitionRatio > before.partitionRatio, `I(W) ${before.partitionRatio} → ${afterCenter.partitionRatio}`);
  assert.ok(Math.abs(afterCenter.meanCosine) < Math.abs(before.meanCosine), `mean cosine ${before.meanCosine} → ${afterCenter.meanCosine}`);
  const abtt = fitAbtt(m);
  assert.equal(abtt.count, defaultAbttComponents(100));
  assert.equal(abtt.count, 1);
  const afterAbtt = measureIsotropy(abtt.apply(m));
  assert.ok(afterAbtt.isoScore > before.isoScore, `IsoScore ${before.isoScore} → ${afterAbtt.isoScore}`);
  const white = fitWhitening(m).apply(m);
  assert.ok(Math.abs(isoScore(white).score - 1) < 1e-6, 'whitened set is isotropic');
  // the report's shape
  assert.deepEqual(Object.keys(before).slice(0, 3), ['isoScore', 'partitionRatio', 'meanCosine']);
  assert.equal(before.points, 20000);
  assert.equal(before.meanCosineMethod, 'exact');
});

test('partition ratio: the float32 SIMD path for large sets agrees with the float64 path (row duplication leaves I(W) unchanged)', async () => {
  const kv = await loadVectors('glove-100d', { limit: 100 });
  const small = vocabularyMatrix(kv); // 100 × 100 × 100 multiply-adds: float64 path
  const tiled = new Float32Array(small.data.length * 50);
  for (let i = 0; i < 50; i++) tiled.set(small.data, i * small.data.length);
  const a = partitionRatio(small);
  const b = partitionRatio({ data: tiled, rows: 5000, dim: 100 }); // SIMD path
  assert.ok(Math.abs(a.logRatio - b.logRatio) < 1e-5, `${a.logRatio} vs ${b.logRatio}`);
  assert.ok(Math.abs(b.logZ.plus[0]! - a.logZ.plus[0]! - Math.log(50)) < 1e-5, 'Z scales by the 50 copies');
});

test('.npy input gives the same report as the matrix it holds', async () => {
  const kv = await loadVectors('glove-100d', { limit: 2000 });
  const m = vocabularyMatrix(kv);
  const tmp = tempDir();
  try {
    const f = join(tmp.path, 'x.npy');
    writeFileSync(f, encodeNpy(m));
    assert.deepEqual(measureIsotropy(readNpy(f)), measureIsotropy(m));
  } finally {
    tmp.cleanup();
  }
});

test('transforms: every kind is registered; a chain saved and loaded applies identically to a real embedder', async () => {
  assert.deepEqual(transformKinds(), ['abtt', 'center', 'linear-map', 'low-rank-adapter', 'mlp-adapter', 'project-out', 'whiten']);
  const words = await readVectors(join(FIXTURES, 'static', 'vectors.txt'));
  const base = new StaticEmbedder(words);
  const sentences = readFileSync(join(FIXTURES, 'static', 'sentences.txt'), 'utf8').trimEnd().split('\n');
  const fitSet = vocabularyMatrix(words);
  const center = fitCenter(fitSet);
  const abtt = fitAbtt(fitSet, { components: 2, variant: 'centered' });
  const whiten = fitWhitening(abtt.apply(fitSet), { dims: 5, normalize: true });
  const chain = [center, abtt, whiten];
  assert.throws(() => new TransformedEmbedder(base, [whiten, center]), (e: unknown) => e instanceof EmbedkitError && e.code === 'DIM_MISMATCH');
  const direct = await new TransformedEmbedder(base, chain).embed(sentences);
  assert.equal(direct.dim, 5);
  for (let r = 0; r < direct.rows; r++) {
    let s = 0;
    for (let j = 0; j < 5; j++) s += direct.data[r * 5 + j]! ** 2;
    assert.ok(Math.abs(s - 1) < 1e-5 || s === 0, `row ${r} is unit length`);
  }
  const tmp = tempDir();
  try {
    const file = join(tmp.path, 't.json');
    await saveTransforms(file, chain);
    const loaded = loadTransforms(file);
    assert.deepEqual(loaded.map((t) => t.kind), ['center', 'abtt', 'whiten']);
    const again = await new TransformedEmbedder(base, loaded).embed(sentences);
    assert.deepEqual(again.data, direct.data);
    // a spec with a wrong array size is refused with the field named
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { transforms: { arrays: Record<string, string>; params: Record<string, unknown> }[] };
    doc.transforms[1]!.params['components'] = 3;
    writeFileSync(file, JSON.stringify(doc));
    assert.throws(() => loadTransforms(file), (e: unknown) => e instanceof FormatError && /arrays\.components/.test(e.message));
  } finally {
    tmp.cleanup();
  }
});

test('transform fitting refuses impossible settings with the option named', () => {
  const m = mat([[1, 2, 3], [2, 1, 0], [0, 1, 1]]);
  assert.throws(() => fitWhitening(m, { dims: 4 }), (e: unknown) => e instanceof EmbedkitError && e.where === 'dims');
  assert.throws(() => fitWhitening(m), (e: unknown) => e instanceof EmbedkitError && e.where === 'dims' && /non-zero variance/.test(e.message));
  assert.throws(() => fitAbtt(m, { components: 3 }), (e: unknown) => e instanceof EmbedkitError && e.where === 'components');
  assert.throws(() => fitCenter(m).apply(mat([[1, 2]])), (e: unknown) => e instanceof EmbedkitError && e.code === 'DIM_MISMATCH');
});
