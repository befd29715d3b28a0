import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { EmbeddingCache } from '../../src/eval/embedding-cache.js';
import { compareTable, parseResultFile, resultDirName, sanitizeMetrics, settingsKey, summaryTable, toResultFile } from '../../src/eval/results.js';
import { EmbedkitError } from '../../src/errors.js';
import { join } from 'node:path';
import { FIXTURES } from '../helpers.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import type { TaskResult } from '../../src/eval/types.js';

test('the embedding cache embeds each distinct text once per run and returns rows in request order', async () => {
  const kv = new KeyedVectors(['cat', 'dog', 'car'], Float32Array.from([1, 0, 0, 1, 0.5, 0.5]), 2);
  const embedder = new StaticEmbedder(kv, { model: 'tiny' });
  let calls = 0;
  const counting = { ...embedder, id: embedder.id, dim: embedder.dim, info: embedder.info, embed: (t: readonly string[]) => (calls++, embedder.embed(t)), dispose: () => embedder.dispose() };
  const cache = new EmbeddingCache(counting);
  const a = await cache.embed(['cat', 'dog', 'cat']);
  const b = await cache.embed(['dog', 'car', 'cat']);
  assert.equal(calls, 2);
  assert.equal(cache.misses, 3);
  assert.equal(cache.hits, 3);
  assert.deepEqual(Array.from(a.data), [1, 0, 0, 1, 1, 0]);
  assert.deepEqual(Array.from(b.data), [0, 1, 0.5, 0.5, 1, 0]);
  await cache.embed(['cat']);
  assert.equal(calls, 2, 'a fully cached request does not call the embedder');
});

test('NaN and Infinity become null (nested too) and are reported', () => {
  const seen: string[] = [];
  const m = sanitizeMetrics({ a: 1, b: NaN, c: { x: Infinity, y: 2 } }, (k) => seen.push(k));
  assert.deepEqual(m, { a: 1, b: null, c: { x: null, y: 2 } });
  assert.deepEqual(seen, ['b', 'c.x']);
});

test('result file layout and tables', () => {
  const r: TaskResult = { task: 'T', type: 'sts', split: 'test', mainScore: 0.5, metrics: { cosine_spearman: 0.5, cosine_pearson: null }, evaluationTime: 1.25, checksums: { 'f.tsv': 'ab' } };
  const f = toResultFile(r, { model: 'm' });
  assert.equal(f.task_name, 'T');
  assert.deepEqual(f.scores['test']![0], { main_score: 0.5, cosine_spearman: 0.5, cosine_pearson: null, hf_subset: 'default', languages: ['eng-Latn'] });
  assert.match(f.dataset_revision, /^[0-9a-f]{64}$/);
  assert.match(summaryTable([r]), /\| T \| sts \| 0\.5000 \| cosine_spearman \| 1\.3 \|/);
  const a = new Map([['T', { task: 'T', type: 'sts', split: 'test', mainScore: 0.5 }]]);
  const b = new Map([['T', { task: 'T', type: 'sts', split: 'test', mainScore: 0.625 }], ['U', { task: 'U', type: 'sts', split: 'test', mainScore: null }]]);
  const t = compareTable(a, b, 'A', 'B');
  assert.match(t, /\| T \| sts \| 0\.5000 \| 0\.6250 \| \+0\.1250 \|/);
  assert.match(t, /\| U \| sts \| — \| — \| — \|/);
});

test('result folders are keyed by model and embedder settings; --compare shows coverage; bad result files are clear errors', async () => {
  const base = { id: 'x', model: 'glove-100d', dim: 100, normalize: false } as const;
  assert.equal(resultDirName('glove-100d', { ...base, kind: 'static', pooling: 'mean' }), 'glove-100d');
  assert.equal(resultDirName('glove-100d', { ...base, kind: 'static', pooling: 'sif', reference: 'sif@0123456789ab' }), 'glove-100d@sif-ref01234567');
  assert.equal(resultDirName('glove-100d', { ...base, kind: 'static', pooling: 'mean', normalize: true }), 'glove-100d@norm');
  const folder = join(FIXTURES, 'onnx', 'tiny-bert');
  const onnx = { ...base, model: folder, kind: 'onnx', pooling: 'mean', normalize: true } as const;
  assert.equal(resultDirName(folder, onnx), 'tiny-bert@mean-norm');
  assert.match(resultDirName(folder, { ...onnx, truncateDim: 16, prompt: 'query: ' }), /^tiny-bert@mean-norm-d16-prompt[0-9a-f]{8}$/);
  assert.notEqual(settingsKey({ ...onnx, prompt: 'query: ' }), settingsKey({ ...onnx, prompt: 'passage: ' }));
  assert.equal(resultDirName('m', { model: 'm' }), 'm');

  const word = parseResultFile(JSON.stringify({ task_name: 'MEN', task_type: 'word-similarity', scores: { test: [{ main_score: 0.68, oov_ratio: 0.25 }] } }), 'a.json');
  const analogy = parseResultFile(JSON.stringify({ task_name: 'G', task_type: 'analogy', scores: { test: [{ main_score: 0.6, coverage: 0.99 }] } }), 'b.json');
  assert.equal(word.coverage, 0.75);
  const t = compareTable(new Map([['MEN', word], ['G', analogy]]), new Map([['MEN', { ...word, coverage: 1 }]]), 'A', 'B');
  assert.match(t, /\| Task \| Type \| A \| B \| Δ \| coverage A \| coverage B \|/);
  assert.match(t, /\| MEN \| word-similarity \| 0\.6800 \| 0\.6800 \| \+0\.0000 \| 75\.0% \| 100\.0% \|/);
  assert.match(t, /\| G \| analogy \| 0\.6000 \| — \| — \| 99\.0% \| — \|/);

  for (const [text, re] of [
    ['null', /result file field \(top level\).*a JSON object/],
    ['{"task_name":"T","scores":{"test":[{"main_score":"0.5"}]}}', /scores\.test\[0\]\.main_score.*a number or null.*"0\.5"/],
    ['{"task_name":"T","scores":"x"}', /field scores \(expected an object/],
  ] as const) {
    assert.throws(() => parseResultFile(text, 'r.json'), (e: unknown) => e instanceof EmbedkitError && re.test(e.message) && /at r\.json/.test(e.message));
  }
});
