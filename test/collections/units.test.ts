/**
 * Hand-computed cases: filters, reciprocal rank fusion, chunking, names, derived-file headers, and the
 * SQLite store's handling of damaged or stale derived files.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeHeader, encodeHeader } from '../../src/collections/derived-file.js';
import { matchesFilter, parseFilter, parseFilterExpression } from '../../src/collections/filter.js';
import { reciprocalRankFusion } from '../../src/collections/fusion.js';
import { chunkText } from '../../src/collections/ingest/chunk.js';
import { OnnxEmbedder } from '../../src/embedders/onnx/onnx-embedder.js';
import { TINY_BERT } from '../onnx/reference.js';
import { checkEmbedder, createManifest } from '../../src/collections/manifest.js';
import { validateCollectionName } from '../../src/collections/names.js';
import { defaultDbLocation } from '../../src/config.js';
import { SqliteStore } from '../../src/collections/stores/sqlite-store.js';
import { fts5Query } from '../../src/collections/sql-filter.js';
import type { SearchHit } from '../../src/collections/types.js';
import { EmbedkitError, FormatError } from '../../src/errors.js';
import { tempDir } from '../helpers.js';
import { TEST_EMBEDDER } from './conformance.js';
import { clusteredDataset } from './dataset.js';

const hit = (id: string): SearchHit => ({ id, score: 0, text: id, metadata: {} });

describe('filters', () => {
  it('parses equality, in and ranges', () => {
    assert.deepEqual(parseFilterExpression('topic=energy'), { key: 'topic', op: 'eq', value: 'energy' });
    assert.deepEqual(parseFilterExpression('year=2020'), { key: 'year', op: 'eq', value: 2020 });
    assert.deepEqual(parseFilterExpression('flag=true'), { key: 'flag', op: 'eq', value: true });
    assert.deepEqual(parseFilterExpression('topic in a, b,3'), { key: 'topic', op: 'in', values: ['a', 'b', 3] });
    assert.deepEqual(parseFilterExpression('year>=2020'), { key: 'year', op: 'gte', value: 2020 });
    assert.deepEqual(parseFilterExpression('score < 0.5'), { key: 'score', op: 'lt', value: 0.5 });
    assert.equal(parseFilter([]), undefined);
    assert.throws(() => parseFilterExpression('no operator'), (e: unknown) => e instanceof EmbedkitError && e.code === 'BAD_OPTION');
    assert.throws(() => parseFilterExpression('year>abc'), /a number after >/);
    assert.throws(() => parseFilterExpression("a'b=1"), /metadata key/);
  });

  it('matches by the documented semantics', () => {
    const m = { year: 2020, code: '7', flag: true, tag: 'x' };
    assert.equal(matchesFilter(m, [{ key: 'year', op: 'eq', value: 2020 }]), true);
    assert.equal(matchesFilter(m, [{ key: 'code', op: 'eq', value: 7 }]), true, 'numbers match their decimal string');
    assert.equal(matchesFilter(m, [{ key: 'year', op: 'eq', value: '2020' }]), false, 'strings match strings only');
    assert.equal(matchesFilter(m, [{ key: 'flag', op: 'eq', value: 1 }]), false, 'booleans are not numbers');
    assert.equal(matchesFilter(m, [{ key: 'code', op: 'gt', value: 1 }]), false, 'ranges need numbers');
    assert.equal(matchesFilter(m, [{ key: 'year', op: 'gte', value: 2020 }, { key: 'tag', op: 'in', values: ['y', 'x'] }]), true);
    assert.equal(matchesFilter(m, [{ key: 'missing', op: 'eq', value: 'x' }]), false);
  });

  it('FTS5 queries are quoted words only, English stop words dropped unless nothing else is left', () => {
    assert.equal(fts5Query('Solar power, "NEAR" OR x*'), '"solar" OR "power" OR "near" OR "x"');
    assert.equal(fts5Query('electricity from sunlight'), '"electricity" OR "sunlight"');
    assert.equal(fts5Query('to be or not to be'), '"to" OR "be" OR "or" OR "not"');
    assert.equal(fts5Query('?!'), undefined);
  });
});

describe('reciprocal rank fusion', () => {
  it('sums 1/(60 + rank) over lists', () => {
    const fused = reciprocalRankFusion([[hit('a'), hit('b'), hit('c')], [hit('c'), hit('a'), hit('d')]], 4);
    assert.deepEqual(fused.map((h) => h.id), ['a', 'c', 'b', 'd']);
    assert.ok(Math.abs(fused[0]!.score - (1 / 61 + 1 / 62)) < 1e-12);
    assert.ok(Math.abs(fused[1]!.score - (1 / 63 + 1 / 61)) < 1e-12);
    assert.ok(Math.abs(fused[2]!.score - 1 / 62) < 1e-12);
    assert.equal(reciprocalRankFusion([[hit('a')], []], 5).length, 1);
  });
});

describe('chunking', () => {
  it('windows of words with overlap and source offsets', () => {
    const text = 'one two  three four five six seven';
    const chunks = chunkText(text, { tokens: 3, overlap: 1 });
    assert.deepEqual(chunks.map((c) => c.text), ['one two  three', 'three four five', 'five six seven']);
    for (const c of chunks) assert.equal(text.slice(c.start, c.end), c.text);
    assert.deepEqual(chunkText('a b', { tokens: 5, overlap: 2 }).map((c) => c.text), ['a b']);
    assert.throws(() => chunkText('a', { tokens: 3, overlap: 3 }), /chunkOverlap/);
  });

  it('sizes chunks in model tokens: whole words, never over the budget, overlap within its budget', () => {
    // Token counts: a word of n letters is n tokens (a stand-in tokenizer, checked by hand).
    const text = 'aa b ccc dd e ffff g hh';
    const chunks = chunkText(text, { tokens: 5, overlap: 2, countTokens: (w) => w.length });
    assert.deepEqual(
      chunks.map((c) => [c.text, c.tokens]),
      [['aa b', 3], ['b ccc', 4], ['dd e', 3], ['e ffff', 5], ['g hh', 3]],
    );
    for (const c of chunks) assert.equal(text.slice(c.start, c.end), c.text);
    // A word longer than the budget is a chunk of its own; the text is still covered in order.
    assert.deepEqual(chunkText('x yyyyyyy z', { tokens: 3, overlap: 1, countTokens: (w) => w.length }).map((c) => c.text), ['x', 'yyyyyyy', 'z']);
  });

  it("counts with a real model tokenizer (tiny-bert WordPiece): every chunk fits the model's window", async () => {
    const e = await OnnxEmbedder.load(TINY_BERT);
    try {
      const text = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 'unbelievably' : i % 3 === 1 ? 'cat' : 'tokenization,')).join(' ');
      const chunks = chunkText(text, { tokens: 12, overlap: 3, countTokens: (w) => e.countTokens(w) });
      assert.ok(chunks.length > 5);
      for (const c of chunks) {
        assert.ok(e.countTokens(c.text) <= 12, `chunk "${c.text}" has ${e.countTokens(c.text)} tokens`);
        assert.equal(e.countTokens(c.text), c.tokens, 'word-by-word count equals the whole-chunk count for WordPiece');
      }
      assert.equal(chunks.at(-1)!.end, text.length);
    } finally {
      await e.dispose();
    }
  });
});

describe('names, locations and manifests', () => {
  it('rejects path traversal and odd names', () => {
    assert.equal(validateCollectionName('my-docs_2'), 'my-docs_2');
    for (const bad of ['..', '../x', 'a/b', 'a\\b', '-x', 'a b', '']) assert.throws(() => validateCollectionName(bad), (e: unknown) => e instanceof EmbedkitError && e.code === 'BAD_ARGUMENT');
  });

  it('--db beats EMBEDKIT_DB beats ~/.local/share/embedkit', () => {
    const saved = process.env['EMBEDKIT_DB'];
    try {
      process.env['EMBEDKIT_DB'] = '/tmp/envdb';
      assert.equal(defaultDbLocation('/x'), '/x');
      assert.equal(defaultDbLocation(), '/tmp/envdb');
      delete process.env['EMBEDKIT_DB'];
      assert.match(defaultDbLocation(), /embedkit$/);
    } finally {
      if (saved === undefined) delete process.env['EMBEDKIT_DB'];
      else process.env['EMBEDKIT_DB'] = saved;
    }
  });

  it('checkEmbedder names the differing field', () => {
    const m = createManifest('c', TEST_EMBEDDER);
    checkEmbedder(m, TEST_EMBEDDER);
    assert.throws(() => checkEmbedder(m, { ...TEST_EMBEDDER, model: 'other', id: 'static:other:mean' }), (e: unknown) => e instanceof EmbedkitError && e.code === 'MODEL_MISMATCH' && e.message.includes('model "test-vectors"'));
    assert.throws(() => checkEmbedder(m, { ...TEST_EMBEDDER, normalize: true }), /normalize/);
  });
});

describe('derived files', () => {
  const h = { magic: 'EKMATRIX', version: 1, dim: 8, count: 3, generation: 5, layout: 1, maxRowid: 9, payloadBytes: 120, payloadCrc: 1234 };
  it('headers round-trip and damage is described', () => {
    const b = encodeHeader(h);
    assert.equal(b.length, 64);
    assert.deepEqual(decodeHeader(b, 'f', 'EKMATRIX'), h);
    const flipped = Buffer.from(b);
    flipped[20]! ^= 1;
    assert.throws(() => decodeHeader(flipped, 'f', 'EKMATRIX'), (e: unknown) => e instanceof FormatError && /header checksum/.test(e.message));
    assert.throws(() => decodeHeader(b, 'f', 'EKHNSW'), /wrong magic/);
    assert.throws(() => decodeHeader(b.subarray(0, 10), 'f', 'EKMATRIX'), /truncated header/);
  });

  it('the SQLite store rebuilds a damaged or stale matrix / HNSW file and says so', async () => {
    const dir = tempDir('embedkit-derived-');
    try {
      const warnings: string[] = [];
      const ds = clusteredDataset(3, 300, 32, { queries: 3 });
      const store = new SqliteStore(dir.path, { onWarning: (m) => warnings.push(m) });
      const c = await store.create('d', TEST_EMBEDDER);
      await c.upsert(Array.from({ length: 300 }, (_, i) => ({ id: `x${i}`, text: `t${i}`, vector: ds.data.slice(i * 32, (i + 1) * 32) })));
      const q = ds.queries.subarray(0, 32);
      const want = (await c.searchVector(q, { k: 5, index: 'flat' })).map((h) => h.id);
      assert.deepEqual((await c.searchVector(q, { k: 5, index: 'hnsw' })).map((h) => h.id), want);
      const matrix = join(dir.path, 'd.matrix');
      const graph = join(dir.path, 'd.hnsw');
      assert.ok(existsSync(matrix) && existsSync(graph) && existsSync(`${graph}.header`));
      await store.close();
      // damage a payload byte of both files
      for (const f of [matrix, graph]) {
        const bytes = readFileSync(f);
        bytes[bytes.length - 7]! ^= 0xff;
        writeFileSync(f, bytes);
      }
      const store2 = new SqliteStore(dir.path, { onWarning: (m) => warnings.push(m) });
      const c2 = await store2.open('d');
      assert.deepEqual((await c2.searchVector(q, { k: 5, index: 'flat' })).map((h) => h.id), want);
      assert.deepEqual((await c2.searchVector(q, { k: 5, index: 'hnsw' })).map((h) => h.id), want);
      assert.ok(warnings.some((w) => w.includes('d.matrix') && w.includes('checksum')), warnings.join('\n'));
      assert.ok(warnings.some((w) => w.includes('d.hnsw') && w.includes('checksum')), warnings.join('\n'));
      // a stale file (another process added rows) is extended, a truncated one rebuilt
      const other = new SqliteStore(dir.path);
      const c3 = await other.open('d');
      const far = new Float32Array(32).fill(0);
      far[0] = 1;
      await c3.upsert([{ id: 'new', text: 'new', vector: far }]);
      await other.close();
      assert.equal((await c2.searchVector(far, { k: 1, index: 'flat' }))[0]!.id, 'new');
      assert.equal((await c2.searchVector(far, { k: 1, index: 'hnsw' }))[0]!.id, 'new');
      writeFileSync(matrix, readFileSync(matrix).subarray(0, 100));
      await store2.close();
      const store3 = new SqliteStore(dir.path, { onWarning: (m) => warnings.push(m) });
      assert.equal((await (await store3.open('d')).searchVector(far, { k: 1 }))[0]!.id, 'new');
      assert.ok(warnings.some((w) => w.includes('truncated payload')), warnings.join('\n'));
      await store3.close();
    } finally {
      dir.cleanup();
    }
  });
});
