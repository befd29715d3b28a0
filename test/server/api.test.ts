/**
 * The HTTP API end to end on a real server: collections with the CLI's JSON shapes, word tools,
 * projections, health and Prometheus metrics, micro-batching, the bounded queue, authentication and CORS.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer } from '../../src/server/app.js';
import { EmbedkitError } from '../../src/errors.js';
import { REPO_ROOT } from '../helpers.js';
import { call, startServer, type TestServer } from './server-fixture.js';

const DOCS = readFileSync(join(REPO_ROOT, 'data', 'sample', 'docs.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as { id: string; text: string; topic: string; year: number });

describe('collections over HTTP', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  it('create, add, info, list, search (dense, bm25, hybrid, vector, filters), get, delete, drop', async () => {
    const base = `${s.base}/collections`;
    const created = await call(base, 'POST', { name: 'notes', model: 'words', pooling: 'mean' });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body, { name: 'notes', count: 0, dim: 8, model: join(REPO_ROOT, 'test', 'fixtures', 'static', 'vectors.txt') });
    assert.equal((await call(base, 'POST', { name: 'notes', model: 'words' })).status, 409);

    const records = DOCS.map((d) => ({ id: d.id, text: d.text, metadata: { topic: d.topic, year: d.year } }));
    const added = await call(`${base}/notes/records`, 'POST', { records, batchSize: 10 });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual(added.body, { collection: 'notes', read: 41, added: 41, updated: 0, skipped: 0, invalid: 0, batches: 5, count: 41 });
    const again = await call(`${base}/notes/records`, 'POST', { records: records.slice(0, 3) });
    assert.equal(again.body.skipped, 3);

    assert.deepEqual((await call(`${base}/notes`, 'GET')).body, { ...created.body, count: 41 });
    assert.deepEqual((await call(base, 'GET')).body.collections.map((c: { name: string }) => c.name), ['notes']);

    for (const mode of ['dense', 'bm25', 'hybrid']) {
      const r = await call(`${base}/notes/search`, 'POST', { query: 'the river and the sea', mode, k: 5 });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.ok(r.body.results.length > 0 && r.body.results.length <= 5, mode);
      const scores = r.body.results.map((x: { score: number }) => x.score);
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
      for (const x of r.body.results) assert.deepEqual(Object.keys(x), ['id', 'score', 'text', 'metadata']);
    }
    const filtered = await call(`${base}/notes/search`, 'POST', { query: 'the', k: 10, filter: ['topic=nature', 'year>=2020'] });
    assert.ok(filtered.body.results.length > 0);
    for (const x of filtered.body.results) assert.ok(x.metadata.topic === 'nature' && x.metadata.year >= 2020);

    const got = await call(`${base}/notes/records?ids=plants-1&ids=nope&vectors=true`, 'GET');
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.missing, ['nope']);
    assert.equal(got.body.records[0].id, 'plants-1');
    assert.equal(got.body.records[0].vector.length, 8);
    const byVector = await call(`${base}/notes/search`, 'POST', { vector: got.body.records[0].vector, k: 1 });
    assert.equal(byVector.body.results[0].id, 'plants-1');
    assert.ok(Math.abs(byVector.body.results[0].score - 1) < 1e-5);

    const del = await call(`${base}/notes/records`, 'DELETE', { ids: ['plants-1', 'nope'] });
    assert.deepEqual(del.body, { collection: 'notes', deleted: 1, count: 40 });
    assert.deepEqual((await call(`${base}/notes`, 'DELETE')).body, { dropped: 'notes' });
    assert.equal((await call(`${base}/notes`, 'GET')).status, 404);
  });

  it('option errors name JSON fields; bad names and unknown collections are 400 / 404', async () => {
    const base = `${s.base}/collections`;
    assert.equal((await call(base, 'POST', { name: 'c1', model: 'words' })).status, 201);
    const bad = await call(`${base}/c1/search`, 'POST', { query: 'x', mode: 'fuzzy' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.param, 'mode');
    const vecMode = await call(`${base}/c1/search`, 'POST', { vector: [1, 2, 3, 4, 5, 6, 7, 8], mode: 'bm25' });
    assert.equal(vecMode.status, 400);
    assert.equal(vecMode.body.error.param, 'mode');
    const dims = await call(`${base}/c1/search`, 'POST', { vector: [1, 2] });
    assert.equal(dims.status, 400);
    assert.equal(dims.body.error.code, 'dim_mismatch');
    const overlap = await call(`${base}/c1/records`, 'POST', { records: [{ id: 'a', text: 'the' }], chunkOverlap: 3 });
    assert.equal(overlap.status, 400);
    assert.match(overlap.body.error.message, /chunkTokens/);
    assert.equal((await call(`${base}/..%2Fevil`, 'GET')).status, 400);
    assert.equal((await call(`${base}/missing`, 'GET')).status, 404);
    assert.equal((await call(`${base}/missing/search`, 'POST', { query: 'x' })).body.error.code, 'collection_not_found');
    assert.equal((await call(base, 'POST', { name: 'c2', model: 'words', transforms: '/etc/passwd' })).body.error.param, 'transforms');
    assert.equal((await call(base, 'POST', { name: 'c3', model: 'words', variant: 'x' })).status, 400);
    const chunked = await call(`${base}/c1/records`, 'POST', { records: [{ id: 'long', text: 'the of and to a in is it that was he for on are as with his they at be this' }], chunkTokens: 8 });
    assert.equal(chunked.body.added, 3);
    assert.deepEqual((await call(`${base}/c1/records?ids=long%230`, 'GET')).body.records[0].metadata, { source: 'long', start: 0, end: 24, chunk: 0 });
  });

  it('word tools: neighbours and analogies with the CLI shapes; transformers are refused', async () => {
    const n = await call(`${s.base}/words/neighbors`, 'POST', { model: 'words', word: 'the', k: 3 });
    assert.equal(n.status, 200);
    assert.equal(n.body.query, 'the');
    assert.equal(n.body.results.length, 3);
    assert.ok(n.body.results.every((r: { key: string }) => r.key !== 'the'));
    const a = await call(`${s.base}/words/analogy`, 'POST', { model: 'words', a: 'the', b: 'of', c: 'and', k: 2 });
    assert.deepEqual(a.body.query, { a: 'the', b: 'of', c: 'and', method: 'add' });
    assert.equal(a.body.results.length, 2);
    assert.equal((await call(`${s.base}/words/neighbors`, 'POST', { model: 'words', word: 'zzzz' })).body.error.code, 'unknown_word');
    assert.equal((await call(`${s.base}/words/neighbors`, 'POST', { model: 'tiny', word: 'the' })).body.error.code, 'unsupported');
  });

  it('projection: a vocabulary sample and a collection as plot points', async () => {
    const vocab = await call(`${s.base}/projection`, 'POST', { model: 'words', count: 50 });
    assert.equal(vocab.status, 200, JSON.stringify(vocab.body));
    assert.equal(vocab.body.method, 'pca');
    assert.equal(vocab.body.points.length, 50);
    assert.equal(vocab.body.points[0].label, 'the');
    assert.ok(vocab.body.points.every((p: { x: number; y: number }) => Number.isFinite(p.x) && Number.isFinite(p.y)));
    await call(`${s.base}/collections`, 'POST', { name: 'mapped', model: 'words' });
    await call(`${s.base}/collections/mapped/records`, 'POST', { records: DOCS.slice(0, 12).map((d) => ({ id: d.id, text: d.text, metadata: { topic: d.topic, x: 1 } })) });
    const map = await call(`${s.base}/projection`, 'POST', { collection: 'mapped', method: 'umap', seed: 7 });
    assert.equal(map.status, 200, JSON.stringify(map.body));
    assert.equal(map.body.points.length, 12);
    assert.ok(map.body.points.every((p: Record<string, unknown>) => typeof p['topic'] === 'string' && typeof p['id'] === 'string' && typeof p['label'] === 'string'));
    assert.equal((await call(`${s.base}/projection`, 'POST', { count: 5 })).status, 400);
  });
});

describe('health, metrics, micro-batching, limits, auth, CORS', () => {
  it('healthz and Prometheus metrics (requests by route and status, latency, queue depth, texts embedded)', async () => {
    const s = await startServer();
    try {
      assert.deepEqual(Object.keys((await call(`${s.url}/healthz`, 'GET')).body), ['status', 'uptime']);
      await call(`${s.base}/embeddings`, 'POST', { model: 'words', input: ['a', 'b', 'c'] });
      await call(`${s.base}/embeddings`, 'POST', { model: 'nope', input: 'a' });
      const m = await call(`${s.url}/metrics`, 'GET');
      assert.match(m.headers.get('content-type') ?? '', /text\/plain/);
      const text = m.body as string;
      assert.match(text, /embedkit_http_requests_total\{route="\/v1\/embeddings",method="POST",status="200"\} 1/);
      assert.match(text, /embedkit_http_requests_total\{route="\/v1\/embeddings",method="POST",status="404"\} 1/);
      assert.match(text, /embedkit_http_request_duration_seconds_bucket\{le="0.1",route="\/v1\/embeddings",method="POST"\}/);
      assert.match(text, /embedkit_texts_embedded_total\{model="words"\} 3/);
      assert.match(text, /embedkit_queue_depth\{embedder="model:words"\} 0/);
    } finally {
      await s.close();
    }
  });

  it('concurrent small requests share encoder calls (micro-batching); batching off embeds each alone', async () => {
    // A long window and maxBatch 16: the batch starts when the 16th text arrives, so all share one call.
    for (const [batching, calls16] of [['on', 1], ['off', 16]] as const) {
      const s = await startServer({ settings: { batching, batchWindow: 1000, maxBatch: 16 } });
      try {
        await call(`${s.base}/embeddings`, 'POST', { model: 'tiny', input: 'warm up' });
        const before = await call(`${s.url}/metrics`, 'GET');
        const count = (t: string): number => Number(/embedkit_encoder_batch_texts_count\{model="tiny"\} (\d+)/.exec(t)?.[1] ?? 0);
        const res = await Promise.all(Array.from({ length: 16 }, (_, i) => call(`${s.base}/embeddings`, 'POST', { model: 'tiny', input: `sentence number ${i}` })));
        assert.ok(res.every((r) => r.status === 200));
        const calls = count((await call(`${s.url}/metrics`, 'GET')).body) - count(before.body);
        assert.equal(calls, calls16, `${calls} encoder calls for 16 concurrent requests`);
      } finally {
        await s.close();
      }
    }
  });

  it('a full queue answers 429 with Retry-After; limits on inputs and characters are 400', async () => {
    const s = await startServer({ settings: { maxQueue: 2, batchWindow: 200, maxInputs: 4, maxChars: 50 } });
    try {
      const first = call(`${s.base}/embeddings`, 'POST', { model: 'words', input: ['a', 'b'] });
      await new Promise((r) => setTimeout(r, 20));
      const refused = await call(`${s.base}/embeddings`, 'POST', { model: 'words', input: 'c' });
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal(refused.body.error.type, 'rate_limit_error');
      assert.equal((await first).status, 200);
      assert.equal((await call(`${s.base}/embeddings`, 'POST', { model: 'words', input: ['a', 'b', 'c', 'd', 'e'] })).status, 400);
      assert.equal((await call(`${s.base}/embeddings`, 'POST', { model: 'words', input: 'x'.repeat(51) })).body.error.code, 'input_too_long');
    } finally {
      await s.close();
    }
  });

  it('API key: Bearer auth on /v1 and /metrics (not /healthz); a non-loopback address needs one', async () => {
    const s = await startServer({ settings: { apiKey: 'sesame' } });
    try {
      assert.equal((await call(`${s.base}/models`, 'GET')).status, 401);
      assert.equal((await call(`${s.base}/models`, 'GET', undefined, { authorization: 'Bearer wrong' })).status, 401);
      assert.equal((await call(`${s.url}/metrics`, 'GET')).status, 401);
      assert.equal((await call(`${s.base}/models`, 'GET', undefined, { authorization: 'Bearer sesame' })).status, 200);
      assert.equal((await call(`${s.url}/healthz`, 'GET')).status, 200);
    } finally {
      await s.close();
    }
    await assert.rejects(createServer({ settings: { host: '0.0.0.0', port: 0 } }), (e: unknown) => e instanceof EmbedkitError && e.code === 'BAD_OPTION' && e.where === 'apiKey');
  });

  it('CORS is off by default and on for the given origin only', async () => {
    const plain = await startServer();
    const open = await startServer({ settings: { cors: 'https://app.example' } });
    try {
      const h = { origin: 'https://app.example' };
      assert.equal((await call(`${plain.base}/models`, 'GET', undefined, h)).headers.get('access-control-allow-origin'), null);
      assert.equal((await call(`${open.base}/models`, 'GET', undefined, h)).headers.get('access-control-allow-origin'), 'https://app.example');
      const other = await call(`${open.base}/models`, 'GET', undefined, { origin: 'https://evil.example' });
      assert.notEqual(other.headers.get('access-control-allow-origin'), 'https://evil.example');
    } finally {
      await plain.close();
      await open.close();
    }
  });
});
