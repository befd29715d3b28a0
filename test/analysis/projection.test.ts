/**
 * Projections and plots: PCA and the trustworthiness metric against scikit-learn
 * (scripts/projection_golden.py); UMAP and t-SNE reach the quality of scikit-learn's t-SNE on the same
 * points; plots are real (N point marks in the SVG, non-background pixels in the PNG).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { pca } from '../../src/analysis/projection/pca.js';
import { projectionDocument, projectionPoints, writeProjectionJson } from '../../src/analysis/projection/plot-points.js';
import { plotSpec } from '../../src/analysis/projection/plot-spec.js';
import { projectVectors } from '../../src/analysis/projection/project.js';
import { renderSvg, svgToPng, writePlot } from '../../src/analysis/projection/render-plot.js';
import { trustworthiness } from '../../src/analysis/projection/trustworthiness.js';
import { vocabularySample } from '../../src/analysis/projection/vocabulary-sample.js';
import { normalizeRows } from '../../src/math/kernels.js';
import type { Matrix } from '../../src/math/matrix.js';
import { loadVectors } from '../../src/vectors/load.js';
import { FIXTURES, TEST_CACHE_DIR, tempDir } from '../helpers.js';

process.env['EMBEDKIT_CACHE_DIR'] = TEST_CACHE_DIR;
const golden = JSON.parse(readFileSync(join(FIXTURES, 'analysis', 'projection-golden.json'), 'utf8')) as {
  groups: Record<string, string[]>;
  words: string[];
  pca: { coords: number[][]; explainedVarianceRatio: number[] };
  random: number[][];
  trustworthiness: { pca: number; random: number };
  tsne: { trustworthiness: number[]; mean: number };
};
const kv = await loadVectors('glove-100d');
const sample = vocabularySample(kv, { words: golden.words });
const unit: Matrix = { data: normalizeRows(sample.matrix.data, 100), rows: sample.matrix.rows, dim: 100 };
const group = golden.words.map((w) => Object.keys(golden.groups).find((g) => golden.groups[g]!.includes(w))!);

test('PCA matches scikit-learn (coordinates up to the sign of each axis, explained variance)', () => {
  const p = projectVectors(sample.matrix, { method: 'pca' });
  assert.equal(p.dims, 2);
  for (let c = 0; c < 2; c++) {
    const sign = Math.sign(p.coords[c]!) === Math.sign(golden.pca.coords[0]![c]!) ? 1 : -1;
    golden.pca.coords.forEach((row, i) => assert.ok(Math.abs(sign * p.coords[i * 2 + c]! - row[c]!) < 1e-5, `PC${c + 1} of ${golden.words[i]}`));
    assert.ok(Math.abs(p.explainedVarianceRatio![c]! - golden.pca.explainedVarianceRatio[c]!) < 1e-6);
  }
  // signs are deterministic: the largest-magnitude coordinate of each direction is positive
  const d = pca(unit, 2).directions;
  for (let c = 0; c < 2; c++) {
    const dir = Array.from(d.subarray(c * 100, (c + 1) * 100));
    assert.ok(dir.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0) > 0);
  }
});

test('trustworthiness matches scikit-learn', () => {
  const pcaCoords = Float64Array.from(golden.pca.coords.flat());
  assert.ok(Math.abs(trustworthiness(unit, pcaCoords, 2, 5) - golden.trustworthiness.pca) < 1e-12);
  assert.ok(Math.abs(trustworthiness(unit, Float64Array.from(golden.random.flat()), 2, 5) - golden.trustworthiness.random) < 1e-12);
  assert.throws(() => trustworthiness(unit, pcaCoords, 2, 40), { code: 'BAD_OPTION' });
});

for (const method of ['umap', 'tsne'] as const) {
  test(`${method}: seeded, deterministic, and as trustworthy as scikit-learn's t-SNE on the same points`, () => {
    const a = projectVectors(sample.matrix, { method, seed: 1 });
    const b = projectVectors(sample.matrix, { method, seed: 1 });
    assert.deepEqual(a.coords, b.coords);
    assert.ok(a.coords.every(Number.isFinite));
    const t = trustworthiness(unit, a.coords, 2, 5);
    assert.ok(t >= golden.tsne.mean - 0.03, `${method} trustworthiness ${t.toFixed(4)} vs sklearn t-SNE ${golden.tsne.mean.toFixed(4)}`);
    assert.ok(t > golden.trustworthiness.pca, 'better than PCA');
    const c = projectVectors(sample.matrix, { method, seed: 2 });
    assert.notDeepEqual(c.coords, a.coords);
  });
}

test('projection options are validated and reported', () => {
  assert.throws(() => projectVectors(sample.matrix, { method: 'mds' as 'pca' }), { code: 'BAD_OPTION' });
  assert.throws(() => projectVectors(sample.matrix, { dims: 4 }), (e: Error & { where?: string }) => e.where === 'dims');
  assert.throws(() => projectVectors({ data: new Float32Array(6), rows: 3, dim: 2 }, { method: 'umap' }), { code: 'EMPTY_INPUT' });
  const bad = Float32Array.from(sample.matrix.data);
  bad[205] = NaN;
  assert.throws(() => projectVectors({ ...sample.matrix, data: bad }), (e: Error & { where?: string }) => e.where === 'vectors row 2');
  const t = projectVectors(sample.matrix, { method: 'tsne', iterations: 50, pcaDims: 10 });
  assert.equal(t.params['pcaDims'], 10);
  assert.equal(t.params['perplexity'], 59 / 3); // clamped to (n − 1)/3
  const p3 = projectVectors(sample.matrix, { dims: 3 });
  assert.equal(p3.coords.length, 180);
});

function pngPixels(png: Buffer): { width: number; height: number; nonWhite: number; colours: number } {
  // minimal PNG decoder for resvg's output: 8-bit RGBA, non-interlaced, filters 0–4
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.equal(png[24], 8);
  assert.equal(png[25], 6);
  const idat: Buffer[] = [];
  for (let off = 8; off < png.length; ) {
    const len = png.readUInt32BE(off);
    if (png.toString('latin1', off + 4, off + 8) === 'IDAT') idat.push(png.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const pr = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      out[y * stride + x] = (v + [0, a, b, (a + b) >> 1, pr][f]!) & 255;
    }
  }
  let nonWhite = 0;
  const colours = new Set<number>();
  for (let i = 0; i < out.length; i += 4) {
    if (out[i] !== 255 || out[i + 1] !== 255 || out[i + 2] !== 255) nonWhite++;
    colours.add((out[i]! << 16) | (out[i + 1]! << 8) | out[i + 2]!);
  }
  return { width, height, nonWhite, colours: colours.size };
}

test('plots: the SVG has one mark per point and the labels; the PNG is not blank; JSON and spec files', async () => {
  const p = projectVectors(sample.matrix, { method: 'pca' });
  const points = projectionPoints(p, { labels: sample.labels, metadata: group.map((g) => ({ group: g })) });
  assert.deepEqual(Object.keys(points[0]!).sort(), ['group', 'label', 'x', 'y']);
  const spec = plotSpec(points, { color: 'group', title: 'glove-100d', method: 'pca' });
  const svg = await renderSvg(spec);
  const symbols = /<g class="mark-symbol role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/.exec(svg);
  assert.ok(symbols !== null, 'a symbol mark group');
  assert.equal((symbols[1]!.match(/<path /g) ?? []).length, golden.words.length);
  for (const w of ['piano', 'france', 'tiger']) assert.ok(svg.includes(`>${w}</text>`), w);
  for (const g of Object.keys(golden.groups)) assert.ok(svg.includes(`>${g}</text>`), `legend ${g}`);
  const px = pngPixels(svgToPng(svg, { scale: 1 }));
  assert.ok(px.width >= 600 && px.height >= 450);
  assert.ok(px.nonWhite > 2000, `non-white pixels: ${px.nonWhite}`);
  assert.ok(px.colours > 20, 'several colours');
  assert.throws(() => plotSpec(points, { color: 'nope' }), (e: Error & { where?: string }) => e.where === 'color');
  const dir = tempDir();
  try {
    assert.equal(await writePlot(join(dir.path, 'p.png'), spec), 'png');
    assert.equal(readFileSync(join(dir.path, 'p.png')).subarray(1, 4).toString(), 'PNG');
    assert.equal(await writePlot(join(dir.path, 'p.svg'), spec), 'svg');
    assert.match(readFileSync(join(dir.path, 'p.svg'), 'utf8'), /^<svg/);
    await writePlot(join(dir.path, 'p.vl.json'), spec);
    assert.equal((JSON.parse(readFileSync(join(dir.path, 'p.vl.json'), 'utf8')) as { data: { values: unknown[] } }).data.values.length, 60);
    await assert.rejects(writePlot(join(dir.path, 'p.gif'), spec), (e: Error & { where?: string }) => e.where === 'output');
    await writeProjectionJson(join(dir.path, 'proj.json'), p, { labels: sample.labels });
    const doc = JSON.parse(readFileSync(join(dir.path, 'proj.json'), 'utf8')) as ReturnType<typeof projectionDocument>;
    assert.equal(doc.method, 'pca');
    assert.equal(doc.points.length, 60);
    assert.equal(doc.points[0]!.label, golden.words[0]);
    assert.equal(doc.explainedVarianceRatio!.length, 2);
  } finally {
    dir.cleanup();
  }
  assert.throws(() => projectionPoints(p, { labels: ['a'] }), { code: 'DIM_MISMATCH' });
  assert.throws(() => projectionPoints(p, { metadata: group.map(() => ({ x: 1 })) }), (e: Error & { where?: string }) => e.where === 'metadata[0]');
});

test('vocabulary samples: named words (unknown ones reported), the most frequent, a seeded random draw', () => {
  const warnings: string[] = [];
  const s = vocabularySample(kv, { words: ['cat', 'qqzzyy', 'dog'], onWarning: (w) => warnings.push(w) });
  assert.deepEqual(s.labels, ['cat', 'dog']);
  assert.match(warnings[0]!, /qqzzyy/);
  assert.deepEqual(vocabularySample(kv, { count: 3 }).labels, ['the', ',', '.']);
  const r = vocabularySample(kv, { count: 50, from: 10_000, seed: 3 });
  assert.equal(r.rows.length, 50);
  assert.ok(Array.from(r.rows).every((i) => i < 10_000));
  assert.deepEqual(vocabularySample(kv, { count: 50, from: 10_000, seed: 3 }).rows, r.rows);
  assert.throws(() => vocabularySample(kv, { words: ['qqzzyy'] }), { code: 'EMPTY_INPUT' });
});
