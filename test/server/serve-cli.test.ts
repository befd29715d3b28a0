/**
 * `embedkit serve` as a process: it refuses a non-loopback address without an API key (one line, exit 1),
 * and on SIGTERM it stops accepting, finishes the request in flight, and exits 0.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, tempDir } from '../helpers.js';
import { spawnServe, STATIC_VECTORS } from './server-fixture.js';

describe('embedkit serve (process)', () => {
  it('refuses to bind a non-loopback address without an API key', async () => {
    const r = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--model', STATIC_VECTORS], { env: { EMBEDKIT_API_KEY: '' } });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /--api-key/);
  });

  it('SIGTERM: the request in flight completes, then the process exits 0', async () => {
    const db = tempDir();
    // A 1 s batching window holds the request in the queue while the signal arrives.
    const srv = await spawnServe(['--model', `words=${STATIC_VECTORS}`, '--db', db.path, '--batch-window', '1000']);
    try {
      const inflight = fetch(`${srv.url}/v1/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'words', input: 'the cat' }) });
      await new Promise((r) => setTimeout(r, 300));
      const code = srv.stop();
      const res = await inflight;
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { data: unknown[] }).data.length, 1);
      assert.equal(await code, 0, srv.stderr());
      await assert.rejects(fetch(`${srv.url}/healthz`));
    } finally {
      db.cleanup();
    }
  });
});
