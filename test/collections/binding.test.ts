/**
 * What a collection remembers about its embedder: an ONNX model by fingerprint (a moved or copied folder
 * is rebound with `collection rebind`; changed model files are refused unless --force), SIF/uSIF common
 * components (queries use the collection's, so a document's own text finds it with cosine 1); and the
 * record commands' exit codes (`get` / `delete` of ids none of which is stored: exit 1) and `drop --yes`.
 */
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openCollectionEmbedder } from '../../src/collections/collection-embedder.js';
import { SqliteStore } from '../../src/collections/stores/sqlite-store.js';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { FIXTURES, lastJson, REPO_ROOT, runCli, tempDir } from '../helpers.js';

const dir = tempDir('embedkit-binding-');
const db = join(dir.path, 'db');
const DOCS = join(REPO_ROOT, 'data', 'sample', 'docs.jsonl');

async function ok(args: string[]): Promise<string> {
  const r = await runCli([...args, '--db', db]);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function fails(args: string[], re: RegExp): Promise<void> {
  const r = await runCli([...args, '--db', db]);
  assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
  assert.match(r.stderr, re);
}

const top = async (name: string, q: string): Promise<{ id: string; score: number }> =>
  (JSON.parse(await ok(['search', name, q, '-k', '1', '--json'])) as { results: { id: string; score: number }[] }).results[0]!;

describe('collections remember their embedder', () => {
  after(() => dir.cleanup());

  it('an ONNX collection is bound to the model fingerprint: moved folders are rebound, changed ones refused', async () => {
    const a = join(dir.path, 'model-a');
    const b = join(dir.path, 'moved', 'model-b');
    cpSync(join(FIXTURES, 'onnx', 'tiny-bert'), a, { recursive: true });
    await ok(['collection', 'create', 'onnx', '--model', a]);
    await ok(['add', 'onnx', '--input', DOCS]);
    const before = await top('onnx', 'solar panels on the roof');
    renameSync(join(dir.path, 'model-a'), join(dir.path, 'model-x'));
    cpSync(join(dir.path, 'model-x'), b, { recursive: true });
    await fails(['search', 'onnx', 'solar'], /model folder not found.*run embedkit collection rebind onnx --model PATH$/m);
    const r = JSON.parse(await ok(['collection', 'rebind', 'onnx', '--model', b, '--json'])) as { from: string; to: string; fingerprint: string };
    assert.deepEqual([r.from, r.to], [a, b]);
    assert.match(r.fingerprint, /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(await top('onnx', 'solar panels on the roof'), before);
    // Other model files behind the same path: refused, unless deliberate.
    appendFileSync(join(b, 'config.json'), '\n');
    await fails(['search', 'onnx', 'solar'], /changed since its records were embedded.*--force/);
    await fails(['collection', 'rebind', 'onnx', '--model', b], /holds another model.*--force/);
    const forced = await runCli(['collection', 'rebind', 'onnx', '--model', b, '--force', '--db', db]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stderr, /now bound to other model files/);
    assert.equal((await top('onnx', 'solar panels on the roof')).id, before.id);
    // Another model entirely (other dims) cannot be bound.
    await fails(['collection', 'rebind', 'onnx', '--model', 'glove-100d'], /expected a transformer model folder/);
  });

  it('a SIF collection stores its common components: queries use them, and a record finds itself with cosine 1', async () => {
    await ok(['collection', 'create', 'sif', '--model', 'glove-100d', '--pooling', 'sif']);
    await ok(['add', 'sif', '--input', DOCS]);
    const store = new SqliteStore(db);
    try {
      const c = await store.open('sif');
      assert.equal(c.manifest.commonComponents?.['pooling'], 'sif');
      const e = await openCollectionEmbedder(c.manifest);
      assert.ok(e instanceof StaticEmbedder);
      assert.equal(e.referenceSource, 'given');
      assert.equal(e.info.reference, c.manifest.embedder.kind === 'static' ? c.manifest.embedder.reference : undefined);
      await e.dispose();
    } finally {
      await store.close();
    }
    const doc = JSON.parse((await ok(['collection', 'get', 'sif', 'solar-1', '--json']))) as { records: { text: string }[] };
    const hit = await top('sif', doc.records[0]!.text);
    assert.equal(hit.id, 'solar-1');
    assert.ok(Math.abs(hit.score - 1) < 1e-5, String(hit.score));
  });

  it('get and delete of ids none of which is stored both exit 1; partly missing ids are listed', async () => {
    await fails(['collection', 'get', 'sif', 'nope-1', 'nope-2'], /record not found: no record with id "nope-1", "nope-2"/);
    await fails(['collection', 'delete', 'sif', 'nope-1'], /record not found: no record with id "nope-1"/);
    const del = lastJson<{ deleted: number; missing: string[] }>(await ok(['collection', 'delete', 'sif', 'solar-1', 'nope-1', '--json']));
    assert.deepEqual([del.deleted, del.missing], [1, ['nope-1']]);
  });

  it('drop without a terminal (or with --yes) drops at once', async () => {
    assert.deepEqual(JSON.parse(await ok(['collection', 'drop', 'sif', '--yes', '--json'])), { dropped: 'sif' });
    await fails(['collection', 'drop', 'sif'], /collection not found/);
  });
});
