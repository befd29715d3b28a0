/**
 * Concept spaces, match explanations and SESA weights against numpy/sklearn (scripts/concepts_golden.py).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConceptSpace } from '../../src/analysis/concepts/concept-space.js';
import { parseConcepts, readConcepts } from '../../src/analysis/concepts/concept-set.js';
import { conceptProfiles } from '../../src/analysis/concepts/concept-profile.js';
import { explainMatch, explainProfiles } from '../../src/analysis/concepts/explain.js';
import { evaluateSesa, fitConceptWeights, labelsByThreshold, pairFeatures, scoreProfilePairs } from '../../src/analysis/concepts/sesa.js';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import type { Matrix } from '../../src/math/matrix.js';
import { FIXTURES, TEST_CACHE_DIR, tempDir } from '../helpers.js';

process.env['EMBEDKIT_CACHE_DIR'] = TEST_CACHE_DIR;
const golden = JSON.parse(readFileSync(join(FIXTURES, 'analysis', 'concepts-golden.json'), 'utf8')) as {
  names: string[];
  texts: string[];
  topics: number[];
  profiles: number[][];
  profilesMax: number[][];
  centred: number[][];
  pairs: [number, number][];
  labels: number[];
  features: number[][];
  weights: number[];
  bias: number;
  logits: number[];
  unsupervised: number[];
  explain: { pair: [number, number]; terms: number[] };
};
const conceptsFile = join(FIXTURES, 'analysis', 'concepts-skills.json');
const embedder = await createEmbedder('glove-100d');
const concepts = readConcepts(conceptsFile);

function closeMatrix(m: Matrix, expected: number[][], tol: number, what: string): void {
  assert.equal(m.rows, expected.length, `${what} rows`);
  expected.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(m.data[i * m.dim + j]! - v) < tol, `${what}[${i}][${j}]: ${m.data[i * m.dim + j]} vs ${v}`)));
}

function side(p: Matrix, which: 0 | 1): Matrix {
  const rows = golden.pairs.map((pr) => pr[which]);
  const data = new Float32Array(rows.length * p.dim);
  rows.forEach((r, i) => data.set(p.data.subarray(r * p.dim, (r + 1) * p.dim), i * p.dim));
  return { data, rows: rows.length, dim: p.dim };
}

test('concept profiles (centroid and max, word lists and a description) match numpy', async () => {
  assert.deepEqual(concepts.map((c) => c.name), golden.names);
  const space = await ConceptSpace.build(embedder, concepts);
  closeMatrix(await space.profile(golden.texts), golden.profiles, 1e-5, 'profiles');
  const max = await ConceptSpace.build(embedder, concepts, { aggregate: 'max' });
  closeMatrix(await max.profile(golden.texts), golden.profilesMax, 1e-5, 'max profiles');
  const centred = await space.withCenter(golden.texts);
  closeMatrix(await centred.profile(golden.texts), golden.centred, 1e-5, 'centred');
  // every text is closest to its own topic's concept, listed first in its named profile
  const named = await conceptProfiles(space, golden.texts);
  golden.topics.forEach((t, i) => {
    assert.equal(named[i]!.concepts[0]!.concept, golden.names[t], golden.texts[i]);
    assert.equal(named[i]!.concepts.length, golden.names.length);
    assert.ok(Math.abs(named[i]!.concepts[0]!.score - Math.max(...golden.profiles[i]!)) < 1e-5);
  });
});

test('pair features, unsupervised scores and the explanation of a match match numpy', async () => {
  const space = await (await ConceptSpace.build(embedder, concepts)).withCenter(golden.texts);
  const p = await space.profile(golden.texts);
  const [pa, pb] = [side(p, 0), side(p, 1)];
  closeMatrix(pairFeatures(pa, pb), golden.features, 1e-5, 'features');
  Array.from(scoreProfilePairs(pa, pb)).forEach((s, i) => assert.ok(Math.abs(s - golden.unsupervised[i]!) < 1e-5));
  const [i, j] = golden.explain.pair;
  const e = await explainMatch(space, golden.texts[i]!, golden.texts[j]!);
  const expected = golden.explain.terms.map((t, c) => [golden.names[c]!, t] as const).sort((x, y) => y[1] - x[1]);
  assert.deepEqual(e.contributions.map((c) => c.concept), expected.map(([n]) => n));
  e.contributions.forEach((c, k) => assert.ok(Math.abs(c.contribution - expected[k]![1]) < 1e-5));
  assert.equal(e.contributions[0]!.concept, 'cooking'); // two cooking texts share "cooking" most
  assert.ok(Math.abs(e.score - golden.explain.terms.reduce((s, t) => s + t, 0)) < 1e-5);
  assert.ok(e.embeddingCosine > 0 && e.embeddingCosine < 1);
  assert.equal(e.probability, undefined);
});

test('SESA weights: the logistic-regression fit on per-concept products matches sklearn', async () => {
  const space = await (await ConceptSpace.build(embedder, concepts)).withCenter(golden.texts);
  const p = await space.profile(golden.texts);
  const [pa, pb] = [side(p, 0), side(p, 1)];
  const w = fitConceptWeights(space.names, pa, pb, golden.labels, { tolerance: 1e-9, maxIterations: 1000 });
  golden.weights.forEach((g, c) => assert.ok(Math.abs(w.weights[c]! - g) < 1e-3 * Math.max(1, Math.abs(g)), `w[${c}] ${w.weights[c]} vs ${g}`));
  assert.ok(Math.abs(w.bias - golden.bias) < 1e-3);
  Array.from(scoreProfilePairs(pa, pb, w)).forEach((s, i) => assert.ok(Math.abs(s - golden.logits[i]!) < 1e-3, `logit ${i}`));
  const e = explainProfiles(space.names, pa, pb, 0, 0, { weights: w });
  assert.ok(Math.abs(e.score - golden.logits[0]!) < 1e-3);
  assert.ok(e.probability! > 0 && e.probability! < 1);
  assert.throws(() => fitConceptWeights(space.names, pa, pb, golden.labels.map(() => 1)), (err: Error & { where?: string }) => err.where === 'labels');
  assert.throws(() => fitConceptWeights(space.names, pa, pb, golden.labels.map((l, i) => (i === 3 ? 2 : l))), (err: Error & { where?: string }) => err.where === 'labels[3]');
});

test('SESA evaluation on a held-out split reports the dense, unsupervised and supervised scores', async () => {
  const space = await ConceptSpace.build(embedder, concepts);
  const pairs = golden.pairs.map(([i, j]) => [golden.texts[i]!, golden.texts[j]!] as const);
  const split = (from: number, to: number) => ({ a: pairs.slice(from, to).map((p) => p[0]), b: pairs.slice(from, to).map((p) => p[1]), labels: golden.labels.slice(from, to), gold: golden.labels.slice(from, to) });
  const r = await evaluateSesa(space, split(0, 30), split(30, 45));
  assert.equal(r.trainPairs, 30);
  assert.equal(r.testPairs, 15);
  for (const m of [r.embedding, r.unsupervised, r.supervised]) assert.ok(m.ap > 0 && m.ap <= 1 && m.accuracy >= 0 && m.accuracy <= 1);
  assert.equal(r.gain.ap, r.supervised.ap - r.unsupervised.ap);
  assert.deepEqual(Array.from(labelsByThreshold([1, 3, 4.5], 3)), [0, 1, 1]);
});

test('concept definitions: all shapes accepted, bad ones named', () => {
  assert.deepEqual(parseConcepts({ concepts: [{ name: 'x', words: ['a'] }, { name: 'y', description: 'why' }] }), [
    { name: 'x', words: ['a'] },
    { name: 'y', description: 'why' },
  ]);
  assert.throws(() => parseConcepts({ x: [] }), (e: Error & { where?: string }) => e.where === 'concepts.x');
  assert.throws(() => parseConcepts({ x: ['ok', 3] }), (e: Error & { where?: string }) => e.where === 'concepts.x[1]');
  assert.throws(() => parseConcepts([{ name: 'x', words: ['a'], description: 'b' }]), /exactly one/);
  assert.throws(() => parseConcepts([{ name: 'x', words: ['a'] }, { name: 'x', words: ['b'] }]), /unique/);
  assert.throws(() => parseConcepts({}), { code: 'EMPTY_INPUT' });
  const dir = tempDir();
  try {
    writeFileSync(join(dir.path, 'bad.json'), '{"x": [');
    assert.throws(() => readConcepts(join(dir.path, 'bad.json')), { code: 'FORMAT_ERROR' });
    assert.throws(() => readConcepts(join(dir.path, 'none.json')), { code: 'FILE_NOT_FOUND' });
  } finally {
    dir.cleanup();
  }
});

test('concept words without vectors are left out with a warning; a concept with none is an error', async () => {
  const warnings: string[] = [];
  const space = await ConceptSpace.build(embedder, [{ name: 'food', words: ['bread', 'qqqzzzxx'] }, { name: 'x', words: ['music'] }], { onWarning: (w) => warnings.push(w) });
  assert.equal(space.size, 2);
  assert.match(warnings[0]!, /food.*qqqzzzxx/);
  await assert.rejects(ConceptSpace.build(embedder, [{ name: 'void', words: ['qqqzzzxx'] }]), (e: Error & { where?: string }) => e.where === 'concepts[0]');
});
