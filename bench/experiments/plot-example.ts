/**
 * The example plots of docs/projection.md: 60 glove-100d words in 4 groups (the words of
 * scripts/projection_golden.py), projected by PCA, UMAP and t-SNE, coloured by group, labelled; prints the
 * trustworthiness (k = 5) of each. Usage: node dist/bench/experiments/plot-example.js [OUT_DIR] (default docs/img)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectionPoints } from '../../src/analysis/projection/plot-points.js';
import { plotSpec } from '../../src/analysis/projection/plot-spec.js';
import { PROJECTION_METHODS, projectVectors } from '../../src/analysis/projection/project.js';
import { writePlot } from '../../src/analysis/projection/render-plot.js';
import { trustworthiness } from '../../src/analysis/projection/trustworthiness.js';
import { vocabularySample } from '../../src/analysis/projection/vocabulary-sample.js';
import { normalizeRows } from '../../src/math/kernels.js';
import { loadVectors } from '../../src/vectors/load.js';
import { REPO_ROOT } from '../util.js';

const out = process.argv[2] ?? join(REPO_ROOT, 'docs', 'img');
const golden = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'analysis', 'projection-golden.json'), 'utf8')) as { groups: Record<string, string[]> };
const kv = await loadVectors('glove-100d');
const words = Object.values(golden.groups).flat();
const group = words.map((w) => Object.keys(golden.groups).find((g) => golden.groups[g]!.includes(w))!);
const s = vocabularySample(kv, { words });
const unit = { data: normalizeRows(s.matrix.data, s.matrix.dim), rows: s.matrix.rows, dim: s.matrix.dim };
for (const method of PROJECTION_METHODS) {
  const p = projectVectors(s.matrix, { method, seed: 42 });
  const spec = plotSpec(projectionPoints(p, { labels: s.labels, metadata: group.map((g) => ({ group: g })) }), { color: 'group', method, title: `glove-100d, ${({ pca: 'PCA', umap: 'UMAP', tsne: 't-SNE' } as const)[method]} (seed 42)`, width: 520, height: 380 });
  await writePlot(join(out, `projection-${method}.png`), spec, { scale: 1.5 });
  console.log(`${method}: trustworthiness(k=5) ${trustworthiness(unit, p.coords, 2, 5).toFixed(4)} ${JSON.stringify(p.params)}${p.explainedVarianceRatio ? ' explained ' + Array.from(p.explainedVarianceRatio, (v) => v.toFixed(4)).join(', ') : ''}`);
}
