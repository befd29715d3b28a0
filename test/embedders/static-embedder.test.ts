import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVectors } from '../../src/vectors/formats/index.js';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { zipfProbabilities, readFrequencyFile } from '../../src/embedders/word-probabilities.js';
import { saveCommonComponents, loadCommonComponents } from '../../src/embedders/common-components.js';
import type { Matrix } from '../../src/math/matrix.js';
import { FIXTURES, tempDir } from '../helpers.js';
import { writeFileSync } from 'node:fs';

const dir = join(FIXTURES, 'static');
const reference = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as {
  zipfProbabilities: number[];
  usifA: number;
  mean: number[][];
  sif: number[][];
  usif: number[][];
};
const sentences = readFileSync(join(dir, 'sentences.txt'), 'utf8').trimEnd().split('\n');
const vectors = await readVectors(join(dir, 'vectors.txt'));

function maxAbsDiff(m: Matrix, ref: number[][]): number {
  assert.equal(m.rows, ref.length);
  let worst = 0;
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.dim; j++) worst = Math.max(worst, Math.abs(m.data[i * m.dim + j]! - ref[i]![j]!));
  return worst;
}

test('Zipf probabilities match the numpy reference', () => {
  const p = zipfProbabilities(vectors.keys);
  reference.zipfProbabilities.forEach((v, i) => assert.ok(Math.abs(p.get(vectors.keys[i]!) - v) < 1e-12));
});

for (const pooling of ['mean', 'sif', 'usif'] as const) {
  test(`${pooling} pooling matches the independent numpy implementation (components fitted on the same sentences)`, async () => {
    const warnings: string[] = [];
    const e = new StaticEmbedder(vectors, { pooling, onWarning: (w) => warnings.push(w) });
    if (pooling === 'usif') assert.ok(Math.abs(e.a - reference.usifA) < 1e-9);
    if (pooling !== 'mean') e.fit(sentences);
    const m = await e.embed(sentences);
    assert.ok(maxAbsDiff(m, reference[pooling]) < 2e-5, `max abs diff ${maxAbsDiff(m, reference[pooling])}`);
    // the last sentence has no known word: zero vector and a counted warning
    assert.ok(Array.from(m.data.subarray((m.rows - 1) * m.dim)).every((v) => v === 0));
    assert.ok(warnings.some((w) => /1 of 49 text\(s\) had no known word/.test(w)), warnings.join('; '));
  });
}

test('a fitted reference is saved, reloaded and reused on small batches', async () => {
  const tmp = tempDir();
  try {
    const e = new StaticEmbedder(vectors, { pooling: 'usif' });
    const cc = e.fit(sentences);
    const path = join(tmp.path, 'ref.json');
    await saveCommonComponents(cc, path);
    const loaded = loadCommonComponents(path);
    assert.equal(loaded.weights.length, 5);
    const e2 = new StaticEmbedder(vectors, { pooling: 'usif', reference: loaded });
    const few = await e2.embed(sentences.slice(0, 3));
    assert.ok(maxAbsDiff(few, reference.usif.slice(0, 3)) < 2e-5);
    writeFileSync(path, '{"format": "something-else"}');
    assert.throws(() => loadCommonComponents(path), /not a common-components file/);
  } finally {
    tmp.cleanup();
  }
});

test('without a reference, sif/usif use components fitted once on the bundled corpus: a vector does not depend on its batch', async () => {
  for (const pooling of ['sif', 'usif'] as const) {
    const e = new StaticEmbedder(vectors, { pooling });
    const alone = await e.embed([sentences[0]!]);
    const inBatch = await e.embed(sentences);
    assert.ok(maxAbsDiff(alone, [Array.from(inBatch.data.subarray(0, inBatch.dim))]) < 1e-6);
    assert.ok(['bundled', 'none'].includes(e.referenceSource), e.referenceSource);
    // fit() replaces the reference; the info names it
    e.fit(sentences);
    assert.equal(e.referenceSource, 'fitted');
    assert.match(e.info.reference ?? '', new RegExp(`^${pooling}@[0-9a-f]{12}$`));
  }
});

test('normalize gives unit rows; a frequency file changes SIF weights', async () => {
  const e = new StaticEmbedder(vectors, { pooling: 'mean', normalize: true });
  const m = await e.embed(sentences.slice(0, 5));
  for (let i = 0; i < 5; i++) {
    let s = 0;
    for (let j = 0; j < m.dim; j++) s += m.data[i * m.dim + j]! ** 2;
    assert.ok(Math.abs(s - 1) < 1e-5);
  }
  const tmp = tempDir();
  try {
    const f = join(tmp.path, 'freq.txt');
    writeFileSync(f, 'the 900\nof 100\n');
    const probs = await readFrequencyFile(f);
    assert.equal(probs.get('the'), 0.9);
    assert.equal(probs.get('never-seen'), 0.1);
    writeFileSync(f, 'the 900 extra\n');
    await assert.rejects(readFrequencyFile(f), (e: unknown) => /freq\.txt:1/.test((e as Error).message));
  } finally {
    tmp.cleanup();
  }
});
