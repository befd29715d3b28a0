import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PgvectorStore, parseVectorLiteral, vectorLiteral } from '../../src/collections/stores/pgvector-store.js';
import { openStore } from '../../src/collections/open-store.js';
import { storeConformance } from './conformance.js';
import { startPgliteServer, type PgliteServer } from './pglite-server.js';

let server: PgliteServer | undefined;
async function url(): Promise<string> {
  server ??= await startPgliteServer();
  return server.url;
}
after(async () => server?.stop());

describe('pgvector literals', () => {
  it('round-trip float32 values exactly', () => {
    const v = Float32Array.from([0.1, -1e-20, 3.4028234663852886e38, 1 / 3, 0]);
    assert.deepEqual(Array.from(parseVectorLiteral(vectorLiteral(v))), Array.from(v));
  });
});

describe('postgres store selection', () => {
  before(async () => void (await url()));
  it('--db postgres://… opens the pgvector store', async () => {
    const store = await openStore(await url());
    try {
      assert.equal(store.kind, 'postgres');
      assert.ok(store.location.includes('***'), 'password hidden');
    } finally {
      await store.close();
    }
  });
});

storeConformance('postgres + pgvector (PGlite over the wire)', async () => {
  const store = await PgvectorStore.connect(await url());
  return { store, cleanup: async () => store.close() };
  // 'auto' is the HNSW index scan on postgres (the same SQL as 'hnsw'); int8/binary scans are SQLite-only.
}, { indexKinds: ['flat', 'hnsw'] });
