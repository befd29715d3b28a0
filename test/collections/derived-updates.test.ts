/**
 * Deletes and replacements update the derived matrix and HNSW graph incrementally (from the change log),
 * not by a rebuild: after each change the flat search equals brute force over the live rows, HNSW never
 * returns a deleted row and keeps its recall, and the counters show patches, not rebuilds — also across
 * a reopen (the saved files are patched) and for a collection whose log starts later (rebuilt once).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore, type SqliteCollection } from '../../src/collections/stores/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { TEST_EMBEDDER } from './conformance.js';
import { bruteForce, clusteredDataset } from './dataset.js';

describe('derived files follow deletes and replacements incrementally', () => {
  const dir = tempDir('embedkit-derived-');
  const ds = clusteredDataset(5, 3000, 32, { clusters: 30, queries: 20 });
  const vec = (i: number): Float32Array => ds.data.slice(i * ds.dim, (i + 1) * ds.dim);
  const live = new Map<number, Float32Array>(); // record number → current vector
  const warnings: string[] = [];
  let store: SqliteStore;
  let c: SqliteCollection;

  before(async () => {
    store = new SqliteStore(dir.path, { onWarning: (m) => warnings.push(m) });
    c = (await store.create('d', TEST_EMBEDDER, { hnsw: { m: 16, efConstruction: 100, ef: 64 } })) as SqliteCollection;
    await c.upsert(Array.from({ length: ds.rows }, (_, i) => ({ id: `r${i}`, text: `t${i}`, vector: vec(i) })));
    for (let i = 0; i < ds.rows; i++) live.set(i, vec(i));
  });
  after(async () => {
    await store.close();
    dir.cleanup();
  });

  async function check(label: string): Promise<void> {
    const rows = [...live.keys()].sort((a, b) => a - b);
    const data = new Float32Array(rows.length * ds.dim);
    rows.forEach((r, i) => data.set(live.get(r)!, i * ds.dim));
    let recall = 0;
    for (let qi = 0; qi < ds.queryCount; qi++) {
      const q = ds.queries.subarray(qi * ds.dim, (qi + 1) * ds.dim);
      const truth = bruteForce(data, ds.dim, q, 10).rows.map((i) => `r${rows[i]}`);
      assert.deepEqual((await c.searchVector(q, { k: 10, index: 'flat' })).map((h) => h.id), truth, `${label}: flat = brute force`);
      const hnsw = (await c.searchVector(q, { k: 10, index: 'hnsw', ef: 64 })).map((h) => h.id);
      for (const id of hnsw) assert.ok(live.has(Number(id.slice(1))), `${label}: hnsw returned deleted ${id}`);
      recall += hnsw.filter((id) => truth.includes(id)).length / 10;
    }
    assert.ok(recall / ds.queryCount >= 0.9, `${label}: hnsw recall ${recall / ds.queryCount}`);
  }

  it('deletes: patched, not rebuilt', async () => {
    await check('initial');
    const before = c.derivedUpdates();
    const gone = Array.from({ length: 60 }, (_, i) => i * 37 + 1);
    assert.equal(await c.delete(gone.map((i) => `r${i}`)), gone.length);
    for (const i of gone) live.delete(i);
    await check('after delete');
    const after = c.derivedUpdates();
    assert.equal(after.matrix.rebuilt, before.matrix.rebuilt, 'matrix not rebuilt');
    assert.equal(after.hnsw.rebuilt, before.hnsw.rebuilt, 'graph not rebuilt');
    assert.equal(after.matrix.changed, before.matrix.changed + 1);
    assert.equal(after.hnsw.changed, before.hnsw.changed + 1);
  });

  it('replacements and appends together: patched', async () => {
    const before = c.derivedUpdates();
    const replaced = [5, 500, 2999];
    await c.upsert(replaced.map((i) => ({ id: `r${i}`, text: `t${i}`, vector: vec((i + 1500) % ds.rows) })));
    for (const i of replaced) live.set(i, vec((i + 1500) % ds.rows));
    await c.upsert([{ id: 'r3000', text: 'new', vector: vec(42) }]);
    live.set(3000, vec(42));
    await check('after replace + append');
    const after = c.derivedUpdates();
    assert.equal(after.matrix.rebuilt, before.matrix.rebuilt);
    assert.equal(after.hnsw.rebuilt, before.hnsw.rebuilt);
  });

  it('a reopened collection patches the saved files', async () => {
    await c.delete(['r7', 'r8']);
    live.delete(7);
    live.delete(8);
    await store.close();
    store = new SqliteStore(dir.path, { onWarning: (m) => warnings.push(m) });
    c = (await store.open('d')) as SqliteCollection;
    await check('reopened');
    const u = c.derivedUpdates();
    assert.deepEqual([u.matrix.rebuilt, u.hnsw.rebuilt], [0, 0], JSON.stringify(u));
    assert.equal(u.matrix.changed, 1);
    assert.equal(u.hnsw.changed, 1);
    assert.deepEqual(warnings, []);
  });

  it('a change log that does not reach back to the files: rebuilt once', async () => {
    await store.close();
    const db = new Database(`${dir.path}/d.sqlite`);
    db.exec('DELETE FROM changes');
    db.prepare("UPDATE meta SET value = '1000000' WHERE key = 'changes_since'").run();
    db.close();
    store = new SqliteStore(dir.path, { onWarning: (m) => warnings.push(m) });
    c = (await store.open('d')) as SqliteCollection;
    await c.delete(['r9']);
    live.delete(9);
    await check('log too short');
    const u = c.derivedUpdates();
    assert.equal(u.matrix.rebuilt, 1);
    assert.equal(u.hnsw.rebuilt, 1);
  });
});
