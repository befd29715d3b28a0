/**
 * Vector transforms through the registry: a transform file given as an embedder option wraps any model,
 * is recorded in the embedder's info, and a collection stores and re-applies it to every query.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createCollection, openCollectionEmbedder } from '../../src/collections/collection-embedder.js';
import { ingest } from '../../src/collections/ingest/ingest.js';
import { SqliteStore } from '../../src/collections/stores/sqlite-store.js';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import { ProjectOutTransform } from '../../src/embedders/transforms/project-out.js';
import { saveTransforms } from '../../src/embedders/transforms/transform-file.js';
import { EmbedkitError } from '../../src/errors.js';
import { FIXTURES, runCli, tempDir } from '../helpers.js';
import { embedderConformance } from './conformance.js';

const VECTORS = join(FIXTURES, 'static', 'vectors.txt');
const tmp = tempDir('embedkit-transforms-');
after(() => tmp.cleanup());
const FILE = join(tmp.path, 'remove-x0.json');
/** Removes the first coordinate axis (and the second's half-diagonal with it). */
await saveTransforms(FILE, [new ProjectOutTransform({ basis: Float64Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, Math.SQRT1_2, Math.SQRT1_2, 0, 0, 0, 0, 0]), dim: 8 })]);

embedderConformance('static mean + project-out transform', () => createEmbedder(VECTORS, { transforms: FILE }), { tolerance: 1e-6 });

describe('transforms as an embedder option', () => {
  it('wraps the model: outputs have no component in the removed span, info names the transform', async () => {
    const e = await createEmbedder(VECTORS, { removeDirections: FILE } as never);
    const m = await e.embed(['the cat sat', 'of the and to']);
    for (let r = 0; r < m.rows; r++) {
      assert.ok(Math.abs(m.data[r * 8]!) < 1e-6);
      assert.ok(Math.abs(m.data[r * 8 + 1]! + m.data[r * 8 + 2]!) < 1e-6);
    }
    assert.equal(e.info.transforms?.length, 1);
    assert.match(e.info.transforms![0]!, /^project-out@[0-9a-f]{8}$/);
    assert.match(e.id, /\+project-out@/);
    await e.dispose();
  });

  it('a damaged transform file fails before the model loads, naming the file', async () => {
    const bad = join(tmp.path, 'bad.json');
    writeFileSync(bad, '{"format":"embedkit-transforms","version":1,"transforms":[{"kind":"project-out","version":1,"inputDim":8,"outputDim":8,"params":{"components":2,"normalize":false},"arrays":{"basis":"AAAA"}}]}');
    await assert.rejects(createEmbedder(VECTORS, { transforms: bad }), (e: unknown) => e instanceof EmbedkitError && e.message.includes('bad.json') && /basis/.test(e.message));
  });

  it('a collection stores the transforms and re-applies them to queries', async () => {
    const store = new SqliteStore(join(tmp.path, 'db'));
    const e = await createEmbedder(VECTORS, { transforms: FILE });
    const c = await createCollection(store, 'notes', e);
    await ingest(c, e, [
      { id: 'a', text: 'the cat sat', metadata: {}, where: 'a' },
      { id: 'b', text: 'of the and to', metadata: {}, where: 'b' },
    ]);
    assert.equal(c.manifest.transforms?.length, 1);
    await store.close();
    const reopened = await new SqliteStore(join(tmp.path, 'db')).open('notes');
    const q = await openCollectionEmbedder(reopened.manifest);
    assert.equal(q.id, e.id);
    const [x, y] = [await q.embed(['the cat sat']), await e.embed(['the cat sat'])];
    assert.deepEqual(Array.from(x.data), Array.from(y.data));
  });

  it('the CLI takes --remove-directions on embed and collection create', async () => {
    const input = join(tmp.path, 'in.txt');
    writeFileSync(input, 'the cat sat\nof the and to\n');
    const r = await runCli(['embed', '--model', VECTORS, '--input', input, '--remove-directions', FILE]);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { vector: number[] });
    for (const row of rows) assert.ok(Math.abs(row.vector[0]!) < 1e-6);
    const db = join(tmp.path, 'clidb');
    assert.equal((await runCli(['collection', 'create', 'x', '--model', VECTORS, '--remove-directions', FILE, '--db', db])).code, 0);
    assert.equal((await runCli(['add', 'x', '--input', input, '--db', db])).code, 0);
    const s = await runCli(['search', 'x', 'cat', '--db', db, '--json']);
    assert.equal(s.code, 0, s.stderr);
    assert.equal((JSON.parse(s.stdout) as { results: unknown[] }).results.length, 2);
  });
});
