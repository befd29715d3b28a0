/**
 * Child process of the SIGKILL test (crash.test.ts): ingests deterministic records into a SQLite collection
 * batch by batch and prints `ack ID…` after each committed batch; now and then it searches (writing the
 * derived matrix / HNSW files) and re-writes a stored record (bumping the layout), unless given `plain`.
 * Does nothing unless started with `--child` (the test runner also loads every file under test/).
 */
import { writeSync } from 'node:fs';
import { SqliteStore } from '../../src/collections/stores/sqlite-store.js';
import type { EmbedderInfo } from '../../src/embedders/embedder.js';
import { seededRandom } from '../../src/learn/random.js';
import { gaussian } from './dataset.js';

export const CRASH_DIM = 64;
export const CRASH_EMBEDDER: EmbedderInfo = { id: 'static:crash-vectors:mean', kind: 'static', model: 'crash-vectors', dim: CRASH_DIM, pooling: 'mean', normalize: false };

/** The vector of record `i` (a pure function of i, so the parent can check it). */
export function crashVector(i: number): Float32Array {
  const rand = seededRandom(1000 + i);
  return Float32Array.from({ length: CRASH_DIM }, () => gaussian(rand));
}

async function main(dir: string, total: number, batch: number, derived: boolean): Promise<void> {
  const store = new SqliteStore(dir, { hnswThreshold: 1 });
  const c = (await store.exists('crash')) ? await store.open('crash') : await store.create('crash', CRASH_EMBEDDER, { hnsw: { m: 16, efConstruction: 100, ef: 64 } });
  writeSync(1, 'ready\n');
  let n = 0;
  for (let start = 0; start < total; start += batch) {
    const ids = Array.from({ length: Math.min(batch, total - start) }, (_, j) => `c${start + j}`);
    const existing = await c.existingIds(ids);
    const todo = ids.filter((id) => !existing.has(id));
    if (todo.length === 0) continue;
    await c.upsert(todo.map((id) => ({ id, text: `crash record ${id}`, metadata: { n: Number(id.slice(1)) }, vector: crashVector(Number(id.slice(1))) })));
    writeSync(1, `ack ${todo.join(' ')}\n`);
    n++;
    if (!derived) continue;
    if (n % 3 === 0) await c.searchVector(crashVector(n), { k: 5, index: 'flat' });
    if (n % 5 === 0) await c.searchVector(crashVector(n), { k: 5, index: 'hnsw' });
    if (n % 4 === 0) await c.upsert([{ id: 'c0', text: 'crash record c0', metadata: { n: 0 }, vector: crashVector(0) }]);
  }
  await store.close();
  writeSync(1, 'done\n');
}

if (process.argv[2] === '--child') await main(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]), process.argv[6] !== 'plain');
