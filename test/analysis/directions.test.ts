/**
 * Direction and subspace removal: hand-computed projections, subspaces from defining sets against numpy
 * (scripts/directions_reference.py), the `project-out` transform on an embedder and through a transform
 * file, malformed specs, and INLP on synthetic data with a planted concept.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, tempDir } from '../helpers.js';
import { pairDirection } from '../../src/analysis/bias/direct-bias.js';
import { inlp, inlpWords } from '../../src/analysis/directions/inlp.js';
import { projectOutVectors } from '../../src/analysis/directions/project-out.js';
import { ProjectOutTransform, projectOutFromSpec } from '../../src/embedders/transforms/project-out.js';
import { combineSubspaces, subspaceFromSets, subspaceFromVectors } from '../../src/analysis/directions/subspace.js';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { loadTransforms, saveTransforms } from '../../src/embedders/transforms/transform-file.js';
import { transformKinds } from '../../src/embedders/transforms/transform-kinds.js';
import { TransformedEmbedder } from '../../src/embedders/transforms/transformed-embedder.js';
import { FormatError } from '../../src/errors.js';
import { fitLogisticRegression, predictLogistic } from '../../src/learn/logistic-regression.js';
import { seededRandom } from '../../src/learn/random.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';

const close = (a: number, b: number, tol: number, what: string): void => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
const golden = JSON.parse(readFileSync(join(FIXTURES, 'analysis', 'directions-golden.json'), 'utf8')) as {
  words: string[];
  vectors: number[][];
  sets: string[][];
  basis: number[][];
  explained_variance_ratio: number[];
  projected: number[][];
  projected_unit: number[][];
};
const kv = new KeyedVectors(golden.words, Float32Array.from(golden.vectors.flat()), 6);

describe('project-out', () => {
  it('hand-computed: removing e1 from (1,2,3) gives (0,2,3); raw non-orthogonal vectors span e1,e2', () => {
    const t = new ProjectOutTransform({ basis: Float64Array.from([1, 0, 0]), dim: 3 });
    assert.deepEqual(Array.from(t.apply({ data: Float32Array.from([1, 2, 3]), rows: 1, dim: 3 }).data), [0, 2, 3]);
    const s = subspaceFromVectors({ data: Float32Array.from([1, 1, 0, 2, 0, 0, 3, 3, 0]), rows: 3, dim: 3 });
    assert.equal(s.count, 2); // the third vector depends on the first
    const out = new ProjectOutTransform(s, { normalize: true }).apply({ data: Float32Array.from([1, 2, 3, 5, 0, 0]), rows: 2, dim: 3 });
    [0, 0, 1, 0, 0, 0].forEach((v, i) => close(out.data[i]!, v, 1e-7, `out[${i}]`)); // a vector inside the span becomes zero (stays zero when normalized)
  });

  it('subspace from defining sets (3, 3 and 2 words) and the projection match numpy to 1e-6', () => {
    const s = subspaceFromSets(kv, golden.sets, 2);
    assert.equal(s.count, 2);
    golden.basis.flat().forEach((v, i) => close(s.basis[i]!, v, 1e-6, `basis[${i}]`));
    golden.explained_variance_ratio.forEach((v, i) => close(s.explainedVarianceRatio![i]!, v, 1e-6, `evr[${i}]`));
    const p = projectOutVectors(kv, s);
    golden.projected.flat().forEach((v, i) => close(p.vectors[i]!, v, 1e-6, `projected[${i}]`));
    const u = projectOutVectors(kv, s, { normalize: true, keep: ['h'] });
    golden.projected_unit.slice(0, 7).flat().forEach((v, i) => close(u.vectors[i]!, v, 1e-6, `unit[${i}]`));
    assert.deepEqual(Array.from(u.get('h')!), Array.from(kv.get('h')!)); // kept as it was
    // pairs as sets of two = the bias module's (debiaswe) direction
    const pairs = [['a', 'b'], ['c', 'd'], ['e', 'f']] as const;
    const fromSets = subspaceFromSets(kv, pairs.map((p) => [...p]), 1);
    const d = pairDirection(kv, pairs);
    d.direction.forEach((v, j) => close(fromSets.basis[j]!, v, 1e-12, `pair direction[${j}]`));
  });

  it('missing words skip their set and are listed; combined subspaces stay orthonormal', () => {
    const s = subspaceFromSets(kv, [['a', 'zz'], ['c', 'd'], ['e', 'f']], 1);
    assert.deepEqual(s.missing, ['zz']);
    const c = combineSubspaces([s, subspaceFromVectors({ data: Float32Array.from([1, 0, 0, 0, 0, 0]), rows: 1, dim: 6 })]);
    assert.equal(c.count, 2);
    let dot = 0;
    for (let j = 0; j < 6; j++) dot += c.basis[j]! * c.basis[6 + j]!;
    close(dot, 0, 1e-12, 'orthogonal');
    assert.throws(() => subspaceFromSets(kv, [['a']]), /at least 2 words a set/);
    assert.throws(() => subspaceFromSets(kv, [['zz', 'yy']]), /at least one set/);
  });

  it('as a transform: registered kind, applied at encode time, saved and loaded from a transform file', async () => {
    assert.ok(transformKinds().includes('project-out'));
    const s = subspaceFromSets(kv, golden.sets, 2);
    const t = new ProjectOutTransform(s);
    const base = new StaticEmbedder(kv, { model: 'tiny' });
    const e = new TransformedEmbedder(base, [t]);
    assert.match(e.id, /^static:tiny:mean\+project-out@[0-9a-f]{8}$/);
    const m = await e.embed(['a', 'c']);
    golden.projected[0]!.forEach((v, j) => close(m.data[j]!, v, 1e-6, `a[${j}]`));
    const tmp = tempDir();
    try {
      const path = join(tmp.path, 'remove.json');
      await saveTransforms(path, [t]);
      const [loaded] = loadTransforms(path);
      const again = await new TransformedEmbedder(base, [loaded!]).embed(['a', 'c']);
      Array.from(again.data).forEach((v, i) => close(v, m.data[i]!, 1e-6, `reloaded[${i}]`));
      const doc = JSON.parse(readFileSync(path, 'utf8')) as { transforms: { params: { components: number } }[] };
      doc.transforms[0]!.params.components = 3;
      writeFileSync(path, JSON.stringify(doc));
      assert.throws(() => loadTransforms(path), (err: unknown) => err instanceof FormatError && /arrays\.basis/.test(err.message) && /3 × 6/.test(err.message));
    } finally {
      tmp.cleanup();
    }
    const spec = t.toSpec();
    assert.throws(() => projectOutFromSpec({ ...spec, params: { components: 6, normalize: false } }, 'x.json'), /params\.components/);
    assert.throws(() => projectOutFromSpec({ ...spec, params: { components: 2, normalize: 'yes' } }, 'x.json'), /params\.normalize/);
  });
});

describe('INLP', () => {
  /** Two classes separated along a planted unit direction u (margin ±1.5) in 20 dims of N(0,1) noise. */
  function planted(n: number, seed: number): { x: Float32Array; y: Int32Array; u: Float64Array } {
    const rand = seededRandom(seed);
    const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const dim = 20;
    const u = Float64Array.from({ length: dim }, gauss);
    const nu = Math.hypot(...u);
    for (let j = 0; j < dim; j++) u[j]! /= nu;
    const x = new Float32Array(n * dim);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      for (let j = 0; j < dim; j++) x[i * dim + j] = gauss() + (y[i] === 1 ? 1.5 : -1.5) * u[j]!;
    }
    return { x, y, u };
  }

  it('removes a planted concept: first direction ≈ u, held-out accuracy falls to chance, basis orthonormal', () => {
    const { x, y, u } = planted(1200, 3);
    const r = inlp({ data: x, rows: 1200, dim: 20 }, y, { iterations: 5, seed: 1 });
    assert.ok(r.rounds[0]!.testAccuracy > 0.9, `before ${r.rounds[0]!.testAccuracy}`);
    let cos = 0;
    for (let j = 0; j < 20; j++) cos += r.basis[j]! * u[j]!;
    assert.ok(Math.abs(cos) > 0.95, `cos(first direction, u) = ${cos}`);
    for (let a = 0; a < r.removed; a++)
      for (let b = 0; b <= a; b++) {
        let d = 0;
        for (let j = 0; j < 20; j++) d += r.basis[a * 20 + j]! * r.basis[b * 20 + j]!;
        close(d, a === b ? 1 : 0, 1e-9, `B[${a}]·B[${b}]`);
      }
    // a fresh probe on the projected data is near chance
    const projected = r.transform.apply({ data: x, rows: 1200, dim: 20 });
    const train = { data: projected.data.subarray(0, 800 * 20), rows: 800, dim: 20 };
    const test = { data: projected.data.subarray(800 * 20), rows: 400, dim: 20 };
    const model = fitLogisticRegression(train, y.subarray(0, 800), 2);
    const pred = predictLogistic(model, test);
    let ok = 0;
    for (let i = 0; i < 400; i++) if (pred[i] === y[800 + i]) ok++;
    assert.ok(ok / 400 < 0.6, `probe accuracy after INLP ${ok / 400}`);
    assert.equal(r.rounds.length, 5);
    assert.equal(r.removed, 5);
  });

  it('stops early at chance with stopMargin; word classes with unknown words are listed', () => {
    const { x, y } = planted(600, 5);
    const r = inlp({ data: x, rows: 600, dim: 20 }, y, { iterations: 10, stopMargin: 0.05 });
    assert.ok(r.rounds.length < 10, `${r.rounds.length} rounds`);
    assert.ok(r.rounds.at(-1)!.testAccuracy <= r.majorityAccuracy + 0.05);
    const w = inlpWords(kv, [['a', 'b', 'c', 'zz'], ['d', 'e', 'f', 'g']], { iterations: 1, testFraction: 0.25 });
    assert.deepEqual(w.missing, ['zz']);
    assert.equal(w.removed, 1);
    assert.throws(() => inlp({ data: x, rows: 600, dim: 20 }, new Int32Array(600)), /at least 2 classes/);
  });
});
