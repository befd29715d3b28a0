/**
 * THE shared conformance suite. Every dense index (`indexConformance`) and every store
 * (`storeConformance`) runs it; reasoned skips are passed as options. Correctness is judged against an
 * independent brute-force search (dataset.ts), recall@10 ≥ 0.95 on a seeded clustered dataset.
 */
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import type { EmbedderInfo } from '../../src/embedders/embedder.js';
import { EmbedkitError } from '../../src/errors.js';
import { matchesFilter } from '../../src/collections/filter.js';
import type { VectorIndex } from '../../src/collections/indexes/vector-index.js';
import type { Collection, Filter, IndexChoice, Metadata, VectorStore } from '../../src/collections/types.js';
import { bruteForce, clusteredDataset, recall, type Dataset } from './dataset.js';

export const RECALL_BAR = 0.95;

function meanRecall(ds: Dataset, k: number, search: (q: Float32Array, i: number) => readonly (number | string)[], truthOf: (q: Float32Array) => readonly (number | string)[]): number {
  let sum = 0;
  for (let i = 0; i < ds.queryCount; i++) {
    const q = ds.queries.subarray(i * ds.dim, (i + 1) * ds.dim);
    sum += recall(search(q, i), truthOf(q));
  }
  return sum / ds.queryCount;
}

// ---------------------------------------------------------------- indexes

export interface IndexConformanceOptions {
  /** Skip the exact-equality checks (approximate indexes). */
  readonly approximate?: boolean;
}

export function indexConformance(name: string, build: (m: { data: Float32Array; rows: number; dim: number }) => VectorIndex, opts: IndexConformanceOptions = {}): void {
  describe(`index conformance: ${name}`, () => {
    const ds = clusteredDataset(7, 4000, 48, { clusters: 30, queries: 60 });
    const matrix = { data: ds.data, rows: ds.rows, dim: ds.dim };
    let index: VectorIndex;
    before(() => {
      index = build(matrix);
    });

    it('has the size and dim of its rows', () => {
      assert.equal(index.size, ds.rows);
      assert.equal(index.dim, ds.dim);
    });

    it(`recall@10 ≥ ${RECALL_BAR} against brute force`, () => {
      const r = meanRecall(ds, 10, (q) => Array.from(index.search(q, 10).indices), (q) => bruteForce(ds.data, ds.dim, q, 10).rows);
      assert.ok(r >= RECALL_BAR, `recall@10 ${r}`);
      if (opts.approximate !== true) assert.equal(r, 1);
    });

    it('scores are exact dot products, best first, k results', () => {
      for (let i = 0; i < 5; i++) {
        const q = ds.queries.subarray(i * ds.dim, (i + 1) * ds.dim);
        const res = index.search(q, 10);
        assert.equal(res.indices.length, 10);
        for (let j = 0; j < 10; j++) {
          const r = res.indices[j]!;
          let s = 0;
          for (let d = 0; d < ds.dim; d++) s += ds.data[r * ds.dim + d]! * q[d]!;
          assert.ok(Math.abs(s - res.scores[j]!) < 1e-5, `score of row ${r}`);
          if (j > 0) assert.ok(res.scores[j - 1]! >= res.scores[j]!, 'descending');
        }
      }
    });

    it('returns every row when k exceeds the size of a filter', () => {
      const rows = Int32Array.from([3, 17, 400, 1999, 3998]);
      const res = index.search(ds.queries.subarray(0, ds.dim), 10, { rows });
      assert.deepEqual([...res.indices].sort((a, b) => a - b), [...rows]);
    });

    for (const [label, every] of [['selective (1 in 40)', 40], ['broad (1 in 3)', 3]] as const) {
      it(`filtered search (${label}): only allowed rows, never fewer than k, recall ≥ ${RECALL_BAR}`, () => {
        const rows = Int32Array.from({ length: Math.ceil(ds.rows / every) }, (_, i) => i * every);
        const allowed = new Set(rows);
        const r = meanRecall(
          ds,
          10,
          (q) => {
            const res = index.search(q, 10, { rows });
            assert.equal(res.indices.length, 10);
            for (const x of res.indices) assert.ok(allowed.has(x), `row ${x} not allowed`);
            return Array.from(res.indices);
          },
          (q) => bruteForce(ds.data, ds.dim, q, 10, (x) => allowed.has(x)).rows,
        );
        assert.ok(r >= RECALL_BAR, `filtered recall@10 ${r}`);
      });
    }

    it('searchBatch equals search query by query', () => {
      const queries = ds.queries.subarray(0, 8 * ds.dim);
      const batch = index.searchBatch(queries, 5);
      assert.equal(batch.length, 8);
      batch.forEach((b, i) => {
        const one = index.search(queries.subarray(i * ds.dim, (i + 1) * ds.dim), 5);
        assert.deepEqual(Array.from(b.indices), Array.from(one.indices));
      });
    });
  });
}

// ---------------------------------------------------------------- stores

export interface StoreConformanceOptions {
  /** Index kinds the store supports (each must reach the recall bar). */
  readonly indexKinds: readonly IndexChoice[];
  /** Stored vectors come back bit-exact. */
  readonly exactScores?: boolean;
}

export const TEST_EMBEDDER: EmbedderInfo = { id: 'static:test-vectors:mean', kind: 'static', model: 'test-vectors', dim: 32, pooling: 'mean', normalize: false };

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

function metadataOf(i: number): Metadata {
  return { group: i % 5, tag: ['a', 'b', 'c'][i % 3]!, flag: i % 2 === 0, year: 2000 + (i % 25), code: String(i % 7) };
}

function textOf(i: number): string {
  return `record ${i} ${WORDS[i % WORDS.length]} ${i % 97 === 0 ? 'zebracorn' : 'plain'}`;
}

export function storeConformance(name: string, openStore: () => Promise<{ store: VectorStore; cleanup: () => Promise<void> }>, opts: StoreConformanceOptions): void {
  describe(`store conformance: ${name}`, () => {
    const ds = clusteredDataset(11, 2000, 32, { clusters: 25, queries: 30, unit: false });
    const vec = (i: number): Float32Array => ds.data.slice(i * ds.dim, (i + 1) * ds.dim);
    let store: VectorStore;
    let cleanup: () => Promise<void>;
    let c: Collection;
    /** Rows currently stored (after deletions). */
    const live = new Set<number>(Array.from({ length: ds.rows }, (_, i) => i));

    before(async () => {
      ({ store, cleanup } = await openStore());
      c = await store.create('conf', TEST_EMBEDDER, { hnsw: { m: 16, efConstruction: 100, ef: 64 } });
      for (let i = 0; i < ds.rows; i += 500) {
        const batch = Array.from({ length: Math.min(500, ds.rows - i) }, (_, j) => ({ id: `r${i + j}`, text: textOf(i + j), metadata: metadataOf(i + j), vector: vec(i + j) }));
        const res = await c.upsert(batch);
        assert.equal(res.inserted, batch.length);
      }
    });
    after(async () => {
      await store.drop('conf');
      await cleanup();
    });

    it('lists, opens and counts collections; names are validated', async () => {
      assert.equal(await store.exists('conf'), true);
      const all = await store.list();
      assert.deepEqual(all.find((x) => x.name === 'conf'), { name: 'conf', count: ds.rows, dim: 32, model: 'test-vectors' });
      const again = await store.open('conf');
      assert.equal(again.manifest.dim, 32);
      assert.deepEqual(again.manifest.embedder, TEST_EMBEDDER);
      await assert.rejects(store.open('missing'), (e: unknown) => e instanceof EmbedkitError && e.code === 'COLLECTION_NOT_FOUND');
      await assert.rejects(store.create('conf', TEST_EMBEDDER), (e: unknown) => e instanceof EmbedkitError && e.code === 'COLLECTION_EXISTS');
      for (const bad of ['../evil', 'a/b', '', '.hidden', 'x'.repeat(70), 'semi;colon']) {
        await assert.rejects(store.create(bad, TEST_EMBEDDER), (e: unknown) => e instanceof EmbedkitError && e.code === 'BAD_ARGUMENT', bad);
      }
    });

    it('get returns exact vectors, text and metadata', async () => {
      const got = await c.get(['r5', 'r1999', 'nope']);
      assert.equal(got.length, 2);
      assert.deepEqual(got[0]!.metadata, metadataOf(5));
      assert.equal(got[0]!.text, textOf(5));
      assert.deepEqual(Array.from(got[0]!.vector), Array.from(vec(5)));
      assert.deepEqual(Array.from(got[1]!.vector), Array.from(vec(1999)));
      assert.deepEqual([...(await c.existingIds(['r1', 'x', 'r2']))].sort(), ['r1', 'r2']);
    });

    it('scan pages through every record in id order with exact vectors', async () => {
      const first = await c.scan({ limit: 5 });
      assert.equal(first.length, 5);
      const ids = first.map((r) => r.id);
      assert.deepEqual(ids, [...ids].sort());
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await c.scan({ limit: 700, ...(after !== undefined ? { after } : {}) });
        if (page.length === 0) break;
        seen.push(...page.map((r) => r.id));
        after = page[page.length - 1]!.id;
      }
      assert.equal(seen.length, await c.count());
      assert.equal(new Set(seen).size, seen.length);
      assert.deepEqual(seen, [...seen].sort());
      const one = (await c.scan({ limit: 1, after: 'r4' }))[0]!;
      assert.ok(one.id > 'r4');
      assert.deepEqual(Array.from((await c.get([one.id]))[0]!.vector), Array.from(one.vector));
    });

    it('rejects wrong dims, NaN and duplicate ids without writing anything', async () => {
      const before = await c.count();
      await assert.rejects(c.upsert([{ id: 'ok', text: 't', vector: vec(0) }, { id: 'short', text: 't', vector: new Float32Array(31) }]), (e: unknown) => e instanceof EmbedkitError && e.code === 'DIM_MISMATCH' && e.message.includes('"short"'));
      const nan = vec(1);
      nan[4] = NaN;
      await assert.rejects(c.upsert([{ id: 'nan', text: 't', vector: nan }]), (e: unknown) => e instanceof EmbedkitError && e.code === 'BAD_ARGUMENT' && e.message.includes('NaN'));
      await assert.rejects(c.upsert([{ id: 'd', text: 't', vector: vec(0) }, { id: 'd', text: 't', vector: vec(0) }]), /duplicate id/);
      await assert.rejects(c.searchVector(new Float32Array(7), { k: 3 }), (e: unknown) => e instanceof EmbedkitError && e.code === 'DIM_MISMATCH');
      assert.equal(await c.count(), before);
      assert.deepEqual(await c.get(['ok']), []);
    });

    it('skipExisting keeps records; default upsert replaces them', async () => {
      const res = await c.upsert([{ id: 'r0', text: 'changed', vector: vec(1) }], { skipExisting: true });
      assert.deepEqual(res, { inserted: 0, updated: 0, skipped: 1 });
      assert.equal((await c.get(['r0']))[0]!.text, textOf(0));
      const extra = { id: 'extra', text: 'temporary', metadata: { tag: 'tmp' }, vector: vec(3) };
      assert.deepEqual(await c.upsert([extra]), { inserted: 1, updated: 0, skipped: 0 });
      assert.deepEqual(await c.upsert([{ ...extra, text: 'temporary two' }]), { inserted: 0, updated: 1, skipped: 0 });
      assert.equal((await c.get(['extra']))[0]!.text, 'temporary two');
      assert.equal(await c.delete(['extra', 'never']), 1);
      assert.equal(await c.count(), live.size);
    });

    it('exact search equals brute force (ids in order)', async () => {
      for (let i = 0; i < 10; i++) {
        const q = ds.queries.subarray(i * ds.dim, (i + 1) * ds.dim);
        const hits = await c.searchVector(q, { k: 10, index: 'flat' });
        const truth = bruteForce(ds.data, ds.dim, q, 10);
        assert.deepEqual(hits.map((h) => h.id), truth.rows.map((r) => `r${r}`));
        hits.forEach((h, j) => assert.ok(Math.abs(h.score - truth.scores[j]!) < (opts.exactScores === true ? 1e-5 : 1e-4)));
        assert.deepEqual(hits[0]!.metadata, metadataOf(truth.rows[0]!));
      }
    });

    for (const kind of opts.indexKinds) {
      it(`index ${kind}: recall@10 ≥ ${RECALL_BAR}`, async () => {
        let sum = 0;
        for (let i = 0; i < ds.queryCount; i++) {
          const q = ds.queries.subarray(i * ds.dim, (i + 1) * ds.dim);
          const hits = await c.searchVector(q, { k: 10, index: kind });
          assert.equal(hits.length, 10);
          sum += recall(hits.map((h) => h.id), bruteForce(ds.data, ds.dim, q, 10).rows.map((r) => `r${r}`));
        }
        assert.ok(sum / ds.queryCount >= RECALL_BAR, `recall ${sum / ds.queryCount}`);
      });
    }

    it(`Matryoshka prefix search (16 of 32 dims) + rescoring: recall@10 ≥ ${RECALL_BAR}`, async () => {
      let sum = 0;
      for (let i = 0; i < ds.queryCount; i++) {
        const q = ds.queries.subarray(i * ds.dim, (i + 1) * ds.dim);
        const hits = await c.searchVector(q, { k: 10, dims: 16, rescore: 8 });
        sum += recall(hits.map((h) => h.id), bruteForce(ds.data, ds.dim, q, 10).rows.map((r) => `r${r}`));
      }
      assert.ok(sum / ds.queryCount >= RECALL_BAR, `recall ${sum / ds.queryCount}`);
    });

    const filters: [string, Filter][] = [
      ['eq number', [{ key: 'group', op: 'eq', value: 3 }]],
      ['eq string + bool', [{ key: 'tag', op: 'eq', value: 'b' }, { key: 'flag', op: 'eq', value: true }]],
      ['in', [{ key: 'tag', op: 'in', values: ['a', 'c'] }]],
      ['range', [{ key: 'year', op: 'gte', value: 2010 }, { key: 'year', op: 'lt', value: 2012 }]],
      ['numeric string', [{ key: 'code', op: 'eq', value: 4 }]],
      ['selective', [{ key: 'year', op: 'eq', value: 2007 }, { key: 'group', op: 'eq', value: 1 }]],
    ];
    for (const [label, filter] of filters) {
      it(`filter ${label}: matches the reference semantics, k results, recall ≥ ${RECALL_BAR} with every index`, async () => {
        const allowed = (r: number): boolean => live.has(r) && matchesFilter(metadataOf(r), filter);
        const matching = Array.from(live).filter(allowed).length;
        assert.equal(await c.count(filter), matching);
        for (const kind of opts.indexKinds) {
          let sum = 0;
          for (let i = 0; i < 10; i++) {
            const q = ds.queries.subarray(i * ds.dim, (i + 1) * ds.dim);
            const hits = await c.searchVector(q, { k: 10, index: kind, filter });
            assert.equal(hits.length, Math.min(10, matching), `${kind}: ${hits.length} hits`);
            for (const h of hits) assert.ok(matchesFilter(h.metadata, filter), `${kind}: ${h.id} does not match`);
            sum += recall(hits.map((h) => h.id), bruteForce(ds.data, ds.dim, q, 10, allowed).rows.map((r) => `r${r}`));
          }
          assert.ok(sum / 10 >= RECALL_BAR, `${kind}: recall ${sum / 10}`);
        }
      });
    }

    it('keyword search ranks a rare word first and applies filters', async () => {
      const hits = await c.searchKeyword('zebracorn', { k: 50 });
      const expected = Array.from({ length: ds.rows }, (_, i) => i).filter((i) => i % 97 === 0).map((i) => `r${i}`);
      assert.deepEqual(hits.map((h) => h.id).sort(), expected.sort());
      for (let j = 1; j < hits.length; j++) assert.ok(hits[j - 1]!.score >= hits[j]!.score);
      const filtered = await c.searchKeyword('zebracorn', { k: 50, filter: [{ key: 'tag', op: 'eq', value: 'a' }] });
      assert.deepEqual(filtered.map((h) => h.id).sort(), expected.filter((id) => Number(id.slice(1)) % 3 === 0).sort());
      assert.deepEqual(await c.searchKeyword('"; DROP TABLE --', { k: 5 }), []);
    });

    it('deleted records are never returned', async () => {
      const q = ds.queries.subarray(0, ds.dim);
      const first = await c.searchVector(q, { k: 3, index: 'flat' });
      assert.equal(await c.delete(first.map((h) => h.id)), 3);
      for (const h of first) live.delete(Number(h.id.slice(1)));
      for (const kind of opts.indexKinds) {
        const hits = await c.searchVector(q, { k: 10, index: kind });
        for (const h of first) assert.ok(!hits.some((x) => x.id === h.id), `${kind} returned deleted ${h.id}`);
      }
      const truth = bruteForce(ds.data, ds.dim, q, 10, (r) => live.has(r));
      assert.deepEqual((await c.searchVector(q, { k: 10, index: 'flat' })).map((h) => h.id), truth.rows.map((r) => `r${r}`));
      assert.equal(await c.count(), live.size);
    });
  });
}
