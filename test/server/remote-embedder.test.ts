/**
 * The remote embedder (`openai:MODEL`) against embedkit's own server on loopback: it is usable wherever a
 * model is accepted (embed, eval, collections) and gives what the local model gives; it retries 429 with
 * Retry-After, and 401 / 404 are clear errors naming the option.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import { RemoteEmbedder } from '../../src/embedders/remote/remote-embedder.js';
import { EmbedkitError } from '../../src/errors.js';
import { FIXTURES, lastJson, REPO_ROOT, runCli, tempDir } from '../helpers.js';
import { startServer, STATIC_VECTORS, type TestServer } from './server-fixture.js';

const SENTENCES = readFileSync(join(FIXTURES, 'static', 'sentences.txt'), 'utf8').split('\n').filter((l) => l.trim().length > 0);
const DOCS = join(REPO_ROOT, 'data', 'sample', 'docs.jsonl');

describe('remote embedder through embedkit serve', () => {
  let s: TestServer;
  let dir: ReturnType<typeof tempDir>;
  before(async () => {
    s = await startServer();
    dir = tempDir();
  });
  after(async () => {
    await s.close();
    dir.cleanup();
  });

  it('embed: the remote model gives the local vectors bit for bit, and records where it lives', async () => {
    const remote = await createEmbedder('openai:words', { baseUrl: s.base, batchSize: 3 });
    const local = await createEmbedder(STATIC_VECTORS);
    const a = await remote.embed(SENTENCES);
    const b = await local.embed(SENTENCES);
    assert.equal(remote.dim, local.dim);
    assert.deepEqual(Array.from(a.data), Array.from(b.data));
    assert.equal(remote.info.kind, 'remote');
    assert.equal(remote.info.model, 'openai:words');
    assert.equal(remote.info.kind === 'remote' ? remote.info.baseUrl : undefined, s.base);
    const cut = await createEmbedder('openai:tiny', { baseUrl: s.base, truncateDim: 8 });
    assert.equal(cut.dim, 8);
    assert.equal(cut.id, 'remote:openai:tiny:d8');
  });

  it('the CLI takes openai:MODEL with --base-url; a collection built remotely equals one built locally', async () => {
    const db = join(dir.path, 'db');
    const env = { OPENAI_API_KEY: 'unused' };
    const local = await runCli(['collection', 'create', 'local', '--model', STATIC_VECTORS, '--db', db, '--json']);
    assert.equal(local.code, 0, local.stderr);
    const remote = await runCli(['collection', 'create', 'remote', '--model', 'openai:words', '--base-url', s.base, '--db', db, '--json'], { env });
    assert.equal(remote.code, 0, remote.stderr);
    for (const name of ['local', 'remote']) {
      const r = await runCli(['add', name, '--input', DOCS, '--db', db, '--json'], { env });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(lastJson<{ added: number }>(r.stdout).added, 41);
    }
    const get = async (name: string): Promise<unknown> => JSON.parse((await runCli(['collection', 'get', name, 'plants-1', 'rivers-1', '--vectors', '--db', db, '--json'])).stdout);
    assert.deepEqual(await get('remote'), await get('local'));
    const search = async (name: string): Promise<unknown> => {
      const r = await runCli(['search', name, 'sunlight and water', '--mode', 'hybrid', '-k', '5', '--db', db, '--json'], { env });
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    assert.deepEqual(await search('remote'), await search('local'));
  });

  it('eval --model openai:MODEL --base-url gives the same scores as the local model', async () => {
    const pairs = join(dir.path, 'pairs.tsv');
    writeFileSync(pairs, SENTENCES.slice(0, 20).map((t, i) => `${t}\t${SENTENCES[(i + 7) % SENTENCES.length]}\t${(i * 7) % 5}`).join('\n') + '\n');
    const run = async (model: string[]): Promise<{ mainScore: number; metrics: unknown }> => {
      const r = await runCli(['eval', ...model, '--type', 'sts', '--file', pairs, '--no-output', '--json']);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout).results[0];
    };
    const remote = await run(['--model', 'openai:words', '--base-url', s.base]);
    const local = await run(['--model', STATIC_VECTORS]);
    assert.ok(Number.isFinite(local.mainScore));
    assert.deepEqual(remote, local);
  });

  it('429 with Retry-After is retried until the queue has room', async () => {
    // A one-text queue and a long batching window: the second concurrent request is refused with 429.
    const busy = await startServer({ settings: { maxQueue: 1, batchWindow: 300 } });
    try {
      const retries: number[] = [];
      const e = await RemoteEmbedder.load({ ref: 'openai:words', baseUrl: busy.base, retry: { onRetry: (_a, status) => retries.push(status), baseDelayMs: 10 } });
      const [a, b] = await Promise.all([e.embed(['the cat']), e.embed(['the dog'])]);
      assert.equal(a.rows, 1);
      assert.equal(b.rows, 1);
      assert.ok(retries.includes(429), `retries: ${retries.join(',')}`);
    } finally {
      await busy.close();
    }
  });

  it('401 names the API key; 404 names the model; no server is an IO error naming baseUrl', async () => {
    const locked = await startServer({ settings: { apiKey: 'right-key' } });
    try {
      await assert.rejects(createEmbedder('openai:words', { baseUrl: locked.base, apiKey: 'wrong-key' }), (e: unknown) => e instanceof EmbedkitError && e.code === 'BAD_OPTION' && e.where === 'apiKey' && /401/.test(e.message));
      const ok = await createEmbedder('openai:words', { baseUrl: locked.base, apiKey: 'right-key' });
      assert.equal((await ok.embed(['the'])).rows, 1);
    } finally {
      await locked.close();
    }
    await assert.rejects(createEmbedder('openai:missing', { baseUrl: s.base }), (e: unknown) => e instanceof EmbedkitError && e.code === 'UNKNOWN_MODEL' && /missing/.test(e.message));
    await assert.rejects(RemoteEmbedder.load({ ref: 'openai:words', baseUrl: 'http://127.0.0.1:9/v1', retry: { maxRetries: 1, baseDelayMs: 1 } }), (e: unknown) => e instanceof EmbedkitError && e.code === 'IO_ERROR' && e.where === 'baseUrl');
    await assert.rejects(createEmbedder('openai:words', { baseUrl: s.base, pooling: 'mean' }), (e: unknown) => e instanceof EmbedkitError && e.code === 'BAD_OPTION' && e.where === 'pooling');
  });
});
