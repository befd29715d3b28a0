/**
 * The collection commands through the real CLI: create → add → search/info/list/drop, the --json shapes,
 * hybrid = RRF of the dense and bm25 rankings, and clear errors for bad input.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { reciprocalRankFusion } from '../../src/collections/fusion.js';
import type { SearchHit } from '../../src/collections/types.js';
import { OnnxEmbedder } from '../../src/embedders/onnx/onnx-embedder.js';
import { lastJson, REPO_ROOT, runCli, tempDir } from '../helpers.js';
import { TINY_BERT } from '../onnx/reference.js';

const DOCS = join(REPO_ROOT, 'data', 'sample', 'docs.jsonl');

async function ok(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await runCli(args, { env });
  assert.equal(r.code, 0, `embedkit ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function fails(args: string[], pattern: RegExp): Promise<void> {
  const r = await runCli(args);
  assert.equal(r.code, 1, `expected failure of embedkit ${args.join(' ')}; stdout ${r.stdout}`);
  assert.match(r.stderr, pattern);
  assert.equal(r.stderr.trim().split('\n').length, 1, `one error line: ${r.stderr}`);
}

describe('collection CLI', () => {
  const dir = tempDir('embedkit-cli-coll-');
  const db = join(dir.path, 'db');
  before(async () => {
    await ok(['collection', 'create', 'docs', '--model', 'glove-100d', '--db', db]);
    await ok(['add', 'docs', '--input', DOCS, '--db', db]);
  });
  after(() => dir.cleanup());

  it('info / list --json shapes', async () => {
    // EMBEDKIT_DB is the default location
    const [info, list] = await Promise.all([ok(['collection', 'info', 'docs', '--db', db, '--json']), ok(['collection', 'list', '--json'], { EMBEDKIT_DB: db })]);
    assert.deepEqual(JSON.parse(info), { name: 'docs', count: 41, dim: 100, model: 'glove-100d' });
    assert.deepEqual(JSON.parse(list), { collections: [{ name: 'docs', count: 41, dim: 100, model: 'glove-100d' }] });
  });

  it('search --json: {results: [{id, score, text, metadata}]}, scores descending, filters applied', async () => {
    const [plain, filteredOut] = await Promise.all([
      ok(['search', 'docs', 'solar panels and wind turbines make electricity', '-k', '5', '--db', db, '--json']),
      ok(['search', 'docs', 'electricity', '-k', '4', '--filter', 'topic=energy', '--filter', 'year>=2022', '--db', db, '--json']),
    ]);
    const out = JSON.parse(plain) as { results: SearchHit[] };
    assert.deepEqual(Object.keys(out), ['results']);
    assert.equal(out.results.length, 5);
    for (const r of out.results) assert.deepEqual(Object.keys(r), ['id', 'score', 'text', 'metadata']);
    for (let i = 1; i < 5; i++) assert.ok(out.results[i - 1]!.score >= out.results[i]!.score);
    assert.equal(out.results[0]!.metadata['topic'], 'energy');
    const filtered = JSON.parse(filteredOut) as { results: SearchHit[] };
    // exactly three energy records are from 2022 on: fewer than k match, all are returned
    assert.deepEqual(filtered.results.map((r) => r.id).sort(), ['battery-1', 'grid-1', 'solar-2']);
  });

  it('hybrid equals reciprocal rank fusion of the dense and bm25 rankings', async () => {
    const q = 'bread yeast sugar';
    const run = async (mode: string, k: number): Promise<SearchHit[]> => (JSON.parse(await ok(['search', 'docs', q, '--mode', mode, '-k', String(k), '--db', db, '--json'])) as { results: SearchHit[] }).results;
    const [dense, bm25, hybrid] = await Promise.all([run('dense', 50), run('bm25', 50), run('hybrid', 5)]);
    assert.equal(bm25[0]!.id, 'bread-1');
    const want = reciprocalRankFusion([dense, bm25], 5);
    assert.deepEqual(hybrid.map((h) => h.id), want.map((h) => h.id));
    hybrid.forEach((h, i) => assert.ok(Math.abs(h.score - want[i]!.score) < 1e-6));
  });

  it('collection get / delete by id: records, missing ids, counts; unknown ids alone are an error', async () => {
    const db2 = join(dir.path, 'db-get');
    await ok(['collection', 'create', 'small', '--model', 'glove-100d', '--db', db2]);
    await ok(['add', 'small', '--input', DOCS, '--db', db2]);
    const got = JSON.parse(await ok(['collection', 'get', 'small', 'bread-1', 'nope', '--vectors', '--db', db2, '--json'])) as { records: { id: string; text: string; metadata: object; vector: number[] }[]; missing: string[] };
    assert.deepEqual(got.records.map((r) => r.id), ['bread-1']);
    assert.deepEqual(got.missing, ['nope']);
    assert.equal(got.records[0]!.vector.length, 100);
    assert.match(got.records[0]!.text, /bread/i);
    const del = JSON.parse(await ok(['collection', 'delete', 'small', 'bread-1', 'nope', '--db', db2, '--json'])) as { deleted: number; count: number };
    assert.deepEqual([del.deleted, del.count], [1, 40]);
    const hits = JSON.parse(await ok(['search', 'small', 'bread yeast', '-k', '40', '--db', db2, '--json'])) as { results: SearchHit[] };
    assert.ok(!hits.results.some((h) => h.id === 'bread-1'), 'deleted record is not found');
    await fails(['collection', 'get', 'small', 'bread-1', '--db', db2], /no record with id "bread-1"/);
  });

  it("folders chunk to the model's window by default (ONNX tiny-bert reads 24 tokens): nothing is truncated", async () => {
    const folder = join(dir.path, 'long');
    mkdirSync(folder, { recursive: true });
    const words = ['unbelievably', 'cat', 'tokenization', 'the', 'dog', 'runs'];
    writeFileSync(join(folder, 'a.txt'), Array.from({ length: 240 }, (_, i) => words[(i * 7) % words.length]).join(' '));
    const db3 = join(dir.path, 'db-onnx');
    await ok(['collection', 'create', 'o', '--model', TINY_BERT, '--db', db3]);
    const r = await runCli(['add', 'o', '--input', folder, '--db', db3, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /truncated/);
    const added = lastJson<{ added: number }>(r.stdout).added;
    assert.ok(added > 10, `${added} chunks`);
    const e = await OnnxEmbedder.load(TINY_BERT);
    try {
      const ids = Array.from({ length: added }, (_, i) => `a.txt#${i}`);
      const got = JSON.parse(await ok(['collection', 'get', 'o', ...ids, '--db', db3, '--json'])) as { records: { text: string }[]; missing: string[] };
      assert.deepEqual(got.missing, []);
      for (const rec of got.records) assert.ok(e.countTokens(rec.text) <= 22, `${e.countTokens(rec.text)} tokens: ${rec.text}`);
    } finally {
      await e.dispose();
    }
  });

  it('re-running add skips what is there; folders are chunked with source offsets', async () => {
    const again = lastJson<{ added: number; skipped: number }>(await ok(['add', 'docs', '--input', DOCS, '--db', db, '--json']));
    assert.deepEqual([again.added, again.skipped], [0, 41]);
    const folder = join(dir.path, 'notes');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    writeFileSync(join(folder, 'a.md'), 'one two three four five six seven eight nine ten');
    writeFileSync(join(folder, 'sub', 'b.txt'), 'volcano lava ash');
    writeFileSync(join(folder, 'skip.bin'), 'not text');
    await ok(['collection', 'create', 'notes', '--model', 'glove-100d', '--db', db]);
    const res = lastJson<{ added: number }>(await ok(['add', 'notes', '--input', folder, '--chunk-tokens', '4', '--chunk-overlap', '1', '--db', db, '--json']));
    assert.equal(res.added, 4); // a.md: words 1-4, 4-7, 7-10; b.txt: one chunk
    const hits = JSON.parse(await ok(['search', 'notes', 'lava', '--mode', 'bm25', '--db', db, '--json'])) as { results: SearchHit[] };
    assert.deepEqual(hits.results.map((h) => [h.id, h.metadata]), [['sub/b.txt#0', { source: 'sub/b.txt', start: 0, end: 16, chunk: 0 }]]);
  });

  it('bad input fails with file and line, and adds nothing', async () => {
    const bad = join(dir.path, 'bad.jsonl');
    writeFileSync(bad, '{"id":"n1","text":"fine"}\n{"id":"n2","text":"also fine"}\n{"id":"n3", "text": oops}\n');
    const empty = join(dir.path, 'empty.jsonl');
    writeFileSync(empty, '{"id":"e1","text":"fine"}\n{"id":"e2","text":"  "}\n');
    const csv = join(dir.path, 'x.csv');
    writeFileSync(csv, 'id,body\n1,hello\n');
    await Promise.all([
      fails(['add', 'docs', '--input', bad, '--db', db], /invalid JSON.*bad\.jsonl:3/),
      fails(['add', 'docs', '--input', empty, '--db', db], /empty text.*empty\.jsonl:2/),
      fails(['add', 'docs', '--input', csv, '--db', db], /column "text".*columns "id", "body".*x\.csv:1/),
    ]);
    assert.equal((JSON.parse(await ok(['collection', 'info', 'docs', '--db', db, '--json'])) as { count: number }).count, 41);
  });

  it('wrong model, unknown collection and bad names are clear errors', async () => {
    await Promise.all([
      fails(['search', 'docs', 'x', '--model', 'other-model', '--db', db], /embedding model mismatch.*built with glove-100d.*--model other-model/),
      fails(['search', 'nope', 'x', '--db', db], /collection not found: "nope".*collections here: docs, notes/),
      fails(['collection', 'create', '../escape', '--db', db], /invalid argument: collection name/),
    ]);
  });

  it('demo --json includes a collection round trip over the bundled docs', async () => {
    const j = JSON.parse(await ok(['demo', '--json'])) as { collection: { records: number; mode: string; results: { id: string }[] } };
    assert.equal(j.collection.records, 41);
    assert.equal(j.collection.mode, 'hybrid');
    assert.equal(j.collection.results.length, 3);
    assert.ok(j.collection.results.some((r) => r.id === 'solar-1'), JSON.stringify(j.collection.results));
  });

  it('works unchanged with a transformer (ONNX) embedder; the model path is recorded absolute', async () => {
    const model = join('test', 'fixtures', 'onnx', 'tiny-bert');
    await ok(['collection', 'create', 'tiny', '--model', model, '--db', db]);
    const added = lastJson<{ added: number }>(await ok(['add', 'tiny', '--input', DOCS, '--db', db, '--json']));
    assert.equal(added.added, 41);
    const [info, hits] = await Promise.all([ok(['collection', 'info', 'tiny', '--db', db, '--json']), ok(['search', 'tiny', 'solar power', '-k', '3', '--db', db, '--json'])]);
    assert.deepEqual(JSON.parse(info), { name: 'tiny', count: 41, dim: 32, model: join(REPO_ROOT, model) });
    assert.equal((JSON.parse(hits) as { results: SearchHit[] }).results.length, 3);
  });

  it('drop removes the collection', async () => {
    assert.deepEqual(JSON.parse(await ok(['collection', 'drop', 'notes', '--db', db, '--json'])), { dropped: 'notes' });
    assert.deepEqual(readdirSync(db).filter((f) => f.startsWith('notes')), []);
  });
});
