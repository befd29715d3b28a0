/**
 * HTTP fuzzing of the real `embedkit serve` (spawned): malformed JSON, wrong types, huge bodies, unknown
 * fields, invalid UTF-8, deep nesting, random bytes and seeded random JSON — every answer is a 4xx in
 * OpenAI's error shape, the server keeps serving, and its heap stays bounded.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { seededRandom } from '../../src/learn/random.js';
import { spawnServe, STATIC_VECTORS, type CliServer } from './server-fixture.js';
import { tempDir } from '../helpers.js';

interface Raw {
  readonly status: number;
  readonly body: string;
}

/** A raw request (bytes as given; the server may answer before reading a too-large body). */
function send(url: string, method: string, path: string, body: Buffer | string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      // A body over the limit may be refused by closing the connection before it is read (a race with the
      // 413 answer): the client then sees its write fail. That is a refusal too; status 0 says so.
      if (e.code === 'EPIPE' || e.code === 'ECONNRESET') resolve({ status: 0, body: '' });
      else reject(e);
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

function heapUsed(metrics: string): number {
  return Number(/embedkit_nodejs_heap_size_used_bytes (\d+)/.exec(metrics)?.[1]);
}

const ROUTES = ['/v1/embeddings', '/v1/collections', '/v1/collections/fz/records', '/v1/collections/fz/search', '/v1/words/neighbors', '/v1/words/analogy', '/v1/projection'];

function randomJson(rand: () => number, depth = 0): unknown {
  const r = rand();
  if (depth > 3 || r < 0.3) return [null, true, -1, 0, 1e308, 3.5, '', 'x', 'the cat', '\u0000', '💥'][Math.floor(rand() * 11)];
  if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, depth + 1));
  const keys = ['input', 'model', 'query', 'k', 'mode', 'records', 'ids', 'word', 'a', 'dimensions', 'encoding_format', 'filter', '__x', 'name', 'vector'];
  return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [keys[Math.floor(rand() * keys.length)]!, randomJson(rand, depth + 1)]));
}

describe('HTTP fuzzing of embedkit serve', () => {
  let srv: CliServer;
  const db = tempDir();
  before(async () => {
    srv = await spawnServe(['--model', `words=${STATIC_VECTORS}`, '--db', db.path, '--body-limit', '1048576']);
    const created = await send(srv.url, 'POST', '/v1/collections', JSON.stringify({ name: 'fz', model: 'words' }));
    assert.equal(created.status, 201, created.body);
  });
  after(async () => {
    assert.equal(await srv.stop(), 0, srv.stderr());
    db.cleanup();
  });

  it('every malformed request is a 4xx with an OpenAI error body, and the server keeps serving', async () => {
    const base = heapUsed((await send(srv.url, 'GET', '/metrics', undefined, {})).body);
    const cases: [string, string, Buffer | string, Record<string, string>?][] = [
      ['malformed JSON', '/v1/embeddings', '{"input": "x", "model": '],
      ['not an object', '/v1/embeddings', '[1,2,3]'],
      ['empty body', '/v1/embeddings', ''],
      ['wrong types', '/v1/embeddings', JSON.stringify({ input: 5, model: 'words' })],
      ['wrong types 2', '/v1/embeddings', JSON.stringify({ input: 'x', model: ['words'] })],
      ['wrong enum', '/v1/embeddings', JSON.stringify({ input: 'x', model: 'words', encoding_format: 'int8' })],
      ['unknown field', '/v1/embeddings', JSON.stringify({ input: 'x', model: 'words', temperature: 1 })],
      ['unknown nested field', '/v1/collections/fz/records', JSON.stringify({ records: [{ id: 'a', text: 'b', extra: 1 }] })],
      ['invalid UTF-8', '/v1/embeddings', Buffer.concat([Buffer.from('{"input":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","model":"words"}')])],
      ['deep nesting', '/v1/collections/fz/records', `{"records":[{"id":"a","text":"b","metadata":{"m":${'['.repeat(5000)}${']'.repeat(5000)}}}]}`],
      ['very deep nesting', '/v1/embeddings', '['.repeat(500_000) + ']'.repeat(500_000)],
      ['huge body', '/v1/embeddings', JSON.stringify({ input: 'x'.repeat(3 << 20), model: 'words' })],
      ['prototype poisoning', '/v1/collections/fz/records', '{"records":[{"id":"a","text":"b","metadata":{"__proto__":{"polluted":true}}}]}'],
      ['NaN literal', '/v1/collections/fz/search', '{"vector":[NaN]}'],
      ['wrong content type', '/v1/embeddings', 'input=x', { 'content-type': 'text/plain' }],
      ['form body', '/v1/embeddings', 'input=x', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['k out of range', '/v1/collections/fz/search', JSON.stringify({ query: 'x', k: 1e9 })],
      ['bad collection name', '/v1/collections', JSON.stringify({ name: '../../etc' })],
      ['path traversal', '/v1/collections/..%2F..%2Fetc/records?ids=a', '', { 'content-type': 'application/json' }],
    ];
    for (const [what, path, body, headers] of cases) {
      const method = what === 'path traversal' ? 'GET' : 'POST';
      const res = await send(srv.url, method, path, method === 'GET' ? undefined : body, headers);
      if (what === 'huge body' && res.status === 0) continue; // refused by closing the connection (see send)
      assert.ok(res.status >= 400 && res.status < 500, `${what}: ${res.status} ${res.body.slice(0, 200)}`);
      const err = (JSON.parse(res.body) as { error: { message: string; type: string; code: string } }).error;
      assert.equal(typeof err.message, 'string', what);
      assert.equal(typeof err.code, 'string', what);
    }
    assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined);

    const rand = seededRandom(14);
    for (let i = 0; i < 400; i++) {
      const path = ROUTES[i % ROUTES.length]!;
      const body = i % 5 === 4 ? Buffer.from(Array.from({ length: 64 }, () => Math.floor(rand() * 256))) : JSON.stringify(randomJson(rand));
      const res = await send(srv.url, 'POST', path, body);
      assert.ok(res.status < 500, `${path} ${String(body).slice(0, 120)} → ${res.status} ${res.body.slice(0, 200)}`);
    }
    const ok = await send(srv.url, 'POST', '/v1/embeddings', JSON.stringify({ input: ['the cat'], model: 'words' }));
    assert.equal(ok.status, 200);
    assert.equal((await send(srv.url, 'GET', '/healthz', undefined, {})).status, 200);
    const heap = heapUsed((await send(srv.url, 'GET', '/metrics', undefined, {})).body);
    assert.ok(heap - base < 64 << 20, `heap grew from ${base} to ${heap} bytes`);
  });
});
