/**
 * Ingest into the embedded SQLite store (records with precomputed vectors, batches of 1,000, one
 * transaction each, WAL + synchronous=FULL), then the first search (derived matrix built and saved) and a
 * reopened search (matrix file loaded and checksummed). No peer is named for ingest; records/s only.
 */
import { SqliteStore } from '../src/collections/stores/sqlite-store.js';
import type { VectorRecord } from '../src/collections/types.js';
import { clusteredSynthetic, gloveWords, type BenchDataset } from './search-data.js';
import { table } from './util.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function bench(ds: BenchDataset): Promise<(string | number)[]> {
  const dir = mkdtempSync(join(tmpdir(), 'embedkit-ingest-'));
  const dim = ds.matrix.dim;
  try {
    const store = new SqliteStore(dir);
    const c = await store.create('bench', { id: 'static:bench:mean', kind: 'static', model: 'bench', dim, pooling: 'mean', normalize: false });
    const t0 = performance.now();
    for (let s = 0; s < ds.matrix.rows; s += 1000) {
      const batch: VectorRecord[] = [];
      for (let r = s; r < Math.min(ds.matrix.rows, s + 1000); r++) batch.push({ id: `r${r}`, text: `record ${r}`, metadata: { n: r }, vector: ds.matrix.data.subarray(r * dim, (r + 1) * dim) });
      await c.upsert(batch);
    }
    const ingest = ds.matrix.rows / ((performance.now() - t0) / 1000);
    let t = performance.now();
    await c.searchVector(ds.queries.subarray(0, dim), { k: 10, index: 'flat' });
    const first = performance.now() - t;
    await store.close();
    const again = new SqliteStore(dir);
    t = performance.now();
    await (await again.open('bench')).searchVector(ds.queries.subarray(0, dim), { k: 10, index: 'flat' });
    const reopened = performance.now() - t;
    await again.close();
    return [ds.name, Math.round(ingest), Math.round(first), Math.round(reopened)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: (string | number)[][] = [['dataset', 'ingest records/s', 'first search ms (build matrix)', 'reopened search ms (load matrix)']];
rows.push(await bench(clusteredSynthetic()));
rows.push(await bench(await gloveWords()));
console.log(table(rows));
