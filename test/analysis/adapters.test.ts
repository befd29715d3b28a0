/**
 * Adapters end to end: trained parameters → transforms (same outputs), adapter folders as `BASE+DIR`
 * (base checked, collections), data readers, hard-negative mining, and the `adapt` CLI.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { adaptEmbedder } from '../../src/analysis/adapters/adapt.js';
import { readAdapterData } from '../../src/analysis/adapters/adapter-data.js';
import { adapterParameters, adapterTransform } from '../../src/analysis/adapters/adapter-transform.js';
import { mineHardNegatives } from '../../src/analysis/adapters/mine-negatives.js';
import { createCollection, openCollectionEmbedder } from '../../src/collections/collection-embedder.js';
import { ingest } from '../../src/collections/ingest/ingest.js';
import { SqliteStore } from '../../src/collections/stores/sqlite-store.js';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import { saveAdapterFolder } from '../../src/embedders/transforms/adapter-folder.js';
import { loadTransforms, saveTransforms } from '../../src/embedders/transforms/transform-file.js';
import { EmbedkitError } from '../../src/errors.js';
import { seededRandom } from '../../src/learn/random.js';
import { forward, initialParameters, type AdapterKind } from '../../src/train/adapters/adapter-net.js';
import { FIXTURES, expectCliErrors, lastJson, runCli, tempDir } from '../helpers.js';
import { embedderConformance } from '../embedders/conformance.js';
import { LowRankAdapter } from '../../src/embedders/transforms/low-rank-adapter.js';

const VECTORS = join(FIXTURES, 'static', 'vectors.txt');
const tmp = tempDir('embedkit-adapters-');
after(() => tmp.cleanup());

/** Graded pairs over the fixture's words: the score is the number of shared words. */
function gradedPairs(path: string): void {
  const words = ['the', 'of', 'and', 'to', 'a', 'in', 'is', 'that', 'on', 'was', 'he', 'for'];
  const rand = seededRandom(5);
  const pick = (): string => words[Math.floor(rand() * words.length)]!;
  const rows: string[] = [];
  for (let i = 0; i < 60; i++) {
    const a = [pick(), pick(), pick()];
    const b = [a[0]!, rand() < 0.5 ? a[1]! : pick(), pick()];
    rows.push(JSON.stringify({ text1: a.join(' '), text2: b.join(' '), score: a.filter((w) => b.includes(w)).length }));
  }
  writeFileSync(path, rows.join('\n') + '\n');
}

// BASE+ADAPTER_DIR is an embedder like any other (a low-rank adapter away from the identity).
embedderConformance('static mean + adapter folder (BASE+DIR)', async () => {
  const base = await createEmbedder(VECTORS);
  const rand = seededRandom(4);
  const d = base.dim;
  const dir = join(tmp.path, 'conformance-adapter');
  await saveAdapterFolder(dir, base, [new LowRankAdapter(d, 2, Float32Array.from({ length: d * 2 }, () => rand() - 0.5), Float32Array.from({ length: 2 * d }, () => rand() - 0.5))]);
  await base.dispose();
  return createEmbedder(`${VECTORS}+${dir}`);
});

describe('adapter transforms', () => {
  for (const kind of ['linear', 'low-rank', 'mlp'] as AdapterKind[]) {
    it(`${kind}: the saved transform computes the trained network (float32), and converts back`, async () => {
      const shape = { kind, dim: 6, width: kind === 'linear' ? 0 : 3 };
      const rand = seededRandom(1);
      const p = initialParameters(shape, rand);
      for (let i = 0; i < p.length; i++) p[i]! += (rand() - 0.5) * 0.4; // away from the identity
      const x = Float64Array.from({ length: 4 * 6 }, () => rand() - 0.5);
      const want = forward(shape, p, x, 4).y;
      const file = join(tmp.path, `${kind}.json`);
      await saveTransforms(file, [adapterTransform(shape, p)]);
      const [t] = loadTransforms(file);
      const got = t!.apply({ data: Float32Array.from(x), rows: 4, dim: 6 });
      for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got.data[i]! - want[i]!) < 1e-5, `${i}: ${got.data[i]} vs ${want[i]}`);
      const back = adapterParameters(t!);
      assert.deepEqual(back.shape, shape);
      for (let i = 0; i < p.length; i++) assert.ok(Math.abs(back.parameters[i]! - p[i]!) < 1e-6);
    });
  }
});

describe('adapter folders and BASE+DIR', () => {
  const pairs = join(tmp.path, 'pairs.jsonl');
  const dir = join(tmp.path, 'adapter');
  gradedPairs(pairs);

  it('trains with cosent on graded JSONL pairs, lowers the dev loss, and saves a folder usable as BASE+DIR', async () => {
    const base = await createEmbedder(VECTORS);
    const data = await readAdapterData(pairs);
    assert.equal(data.format, 'graded-pairs');
    const r = await adaptEmbedder(base, data, { epochs: 20, learningRate: 0.01, trainBatchSize: 16, patience: 5 });
    assert.equal(r.loss, 'cosent');
    const t = r.training;
    assert.ok(t.trainLoss[t.trainLoss.length - 1]! < t.trainLoss[0]!, t.trainLoss.join(', '));
    assert.equal(t.devLoss[t.bestEpoch], Math.min(...t.devLoss));
    await saveAdapterFolder(dir, base, [r.transform], { loss: r.loss });
    const e = await createEmbedder(`${VECTORS}+${dir}`);
    assert.equal(e.info.model, VECTORS);
    assert.deepEqual(e.info.transforms, [e.id.split('+')[1]]);
    const texts = ['the cat sat', 'of the and to'];
    assert.deepEqual(Array.from((await e.embed(texts)).data), Array.from(r.transform.apply(await base.embed(texts)).data));
  });

  it('the HTTP server serves BASE+DIR like any model (word tools refused: they have no adapter)', async () => {
    const { startServer, call } = await import('../server/server-fixture.js');
    const s = await startServer({ models: [`adapted=${VECTORS}+${dir}`] });
    try {
      const r = await call(`${s.base}/embeddings`, 'POST', { model: 'adapted', input: ['the cat sat'] });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const e = await createEmbedder(`${VECTORS}+${dir}`);
      const want = Array.from((await e.embed(['the cat sat'])).data);
      (r.body.data[0].embedding as number[]).forEach((x, i) => assert.ok(Math.abs(x - want[i]!) < 1e-6));
    } finally {
      await s.close();
    }
  });

  it('refuses an adapter on another base embedder, naming the one it was trained on', async () => {
    await assert.rejects(createEmbedder(`${VECTORS}+${dir}`, { pooling: 'sif' }), (e: unknown) => e instanceof EmbedkitError && e.code === 'MODEL_MISMATCH' && /static:.*:mean/.test(e.message));
  });

  it('a collection built with BASE+DIR stores the adapter and applies it to queries', async () => {
    const store = new SqliteStore(join(tmp.path, 'db'));
    const e = await createEmbedder(`${VECTORS}+${dir}`);
    const c = await createCollection(store, 'notes', e);
    await ingest(c, e, [{ id: 'a', text: 'the cat sat', metadata: {}, where: 'a' }]);
    await store.close();
    const reopened = await new SqliteStore(join(tmp.path, 'db')).open('notes');
    const q = await openCollectionEmbedder(reopened.manifest);
    assert.equal(q.id, e.id);
    assert.deepEqual(Array.from((await q.embed(['of the'])).data), Array.from((await e.embed(['of the'])).data));
  });
});

describe('adapter data and hard negatives', () => {
  it('reads a BEIR folder restricted to a query-id range, one example per relevant pair', async () => {
    const b = join(tmp.path, 'beir');
    mkdirSync(join(b, 'qrels'), { recursive: true });
    writeFileSync(join(b, 'corpus.jsonl'), ['d1', 'd2', 'd3'].map((id) => JSON.stringify({ _id: id, title: '', text: `doc ${id}` })).join('\n'));
    writeFileSync(join(b, 'queries.jsonl'), ['1', '2', '3'].map((id) => JSON.stringify({ _id: id, text: `query ${id}` })).join('\n'));
    writeFileSync(join(b, 'qrels', 'test.tsv'), 'query-id\tcorpus-id\tscore\n1\td1\t1\n1\td2\t2\n2\td3\t1\n3\td1\t1\n');
    const d = await readAdapterData(b, { queries: '1-2' });
    assert.deepEqual(d.anchors, ['query 1', 'query 1', 'query 2']);
    assert.deepEqual(d.positives, ['doc d1', 'doc d2', 'doc d3']);
    assert.deepEqual([...d.retrieval!.relevant[0]!].sort(), [0, 1]);
    await assert.rejects(readAdapterData(b, { queries: 'a-b' }), /FROM-TO/);
  });

  it('mines the top-scoring corpus rows, hardest first, never a relevant one', () => {
    const corpus = { data: Float32Array.from([1, 0, 0.9, 0.1, 0.5, 0.5, 0, 1]), rows: 4, dim: 2 };
    const q = { data: Float32Array.from([1, 0]), rows: 1, dim: 2 };
    assert.deepEqual(Array.from(mineHardNegatives(q, corpus, [new Set([0])], 2)[0]!), [1, 2]);
  });

  it('reads triplets; mnrl then uses the given negatives', async () => {
    const f = join(tmp.path, 'triplets.jsonl');
    writeFileSync(f, Array.from({ length: 8 }, (_, i) => JSON.stringify({ anchor: `the ${i}`, positive: `of the ${i}`, negative: 'and to' })).join('\n'));
    const d = await readAdapterData(f);
    assert.equal(d.format, 'triplets');
    const r = await adaptEmbedder(await createEmbedder(VECTORS), d, { epochs: 1 });
    assert.equal(r.loss, 'mnrl');
    assert.equal(r.hardNegatives, 1);
  });
});

describe('embedkit adapt', () => {
  const pairs = join(tmp.path, 'cli-pairs.jsonl');
  gradedPairs(pairs);

  it('trains, reports JSON, and the folder works as --model BASE+DIR', async () => {
    const out = join(tmp.path, 'cli-adapter');
    const r = await runCli(['adapt', '--model', VECTORS, '--train', pairs, '--output', out, '--epochs', '3', '--adapter', 'low-rank', '--rank', '4', '--matryoshka', '4', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = lastJson<{ loss: string; adapter: string; rank: number; examples: number; devExamples: number; matryoshka: number[]; model: string }>(r.stdout);
    assert.deepEqual([j.loss, j.adapter, j.rank, j.examples + j.devExamples, j.matryoshka], ['cosent', 'low-rank', 4, 60, [4]]);
    const s = await runCli(['similarity', '--model', `${VECTORS}+${out}`, 'the cat', 'of the', '--json']);
    assert.equal(s.code, 0, s.stderr);
  });

  it('trains mnrl with mined hard negatives on a BEIR folder restricted by query id', async () => {
    const b = join(tmp.path, 'cli-beir');
    mkdirSync(join(b, 'qrels'), { recursive: true });
    const words = ['the', 'of', 'and', 'to', 'a', 'in', 'is', 'that', 'on', 'was'];
    writeFileSync(join(b, 'corpus.jsonl'), words.map((w, i) => JSON.stringify({ _id: `d${i}`, title: '', text: `${w} ${words[(i + 1) % 10]} ${words[(i + 3) % 10]}` })).join('\n'));
    writeFileSync(join(b, 'queries.jsonl'), words.map((w, i) => JSON.stringify({ _id: String(i + 1), text: `${w} ${words[(i + 1) % 10]}` })).join('\n'));
    writeFileSync(join(b, 'qrels', 'test.tsv'), 'query-id\tcorpus-id\tscore\n' + words.map((_, i) => `${i + 1}\td${i}\t1`).join('\n') + '\n');
    const r = await runCli(['adapt', '--model', VECTORS, '--train', b, '--queries', '1-8', '--hard-negatives', '1', '--epochs', '2', '--train-batch-size', '4', '--output', join(tmp.path, 'cli-beir-adapter'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = lastJson<{ loss: string; format: string; hardNegatives: number; examples: number; devExamples: number; queries: string }>(r.stdout);
    assert.deepEqual([j.loss, j.format, j.hardNegatives, j.examples + j.devExamples, j.queries], ['mnrl', 'beir', 1, 8, '1-8']);
  });

  it('one-line errors: wrong loss for the data, distill without a teacher, hard negatives without a corpus', async () => {
    const out = join(tmp.path, 'never');
    await expectCliErrors(['adapt', '--model', VECTORS, '--train', pairs, '--output', out], [
      [['--loss', 'distill'], /teacher/],
      [['--loss', 'mnrl', '--hard-negatives', '2'], /--hard-negatives/],
      [['--matryoshka', '99'], /--matryoshka/],
    ]);
  });
});
