/**
 * Reliability: ingesting processes are killed with SIGKILL at random points, many times. Afterwards the
 * database opens, every acknowledged id is present with its exact vector, batches are all-or-nothing,
 * and search (through whatever derived files the kills left behind) equals a fresh exact search.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, after } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/collections/stores/sqlite-store.js';
import { lastJson, REPO_ROOT, runCli, tempDir } from '../helpers.js';
import { seededRandom } from '../../src/learn/random.js';
import { bruteForce } from './dataset.js';
import { CRASH_DIM, crashVector } from './ingest-child.js';

const CHILD = join(REPO_ROOT, 'dist', 'test', 'collections', 'ingest-child.js');
const TOTAL = 5000;
const BATCH = 40;
/** Kill cycles (each kill lands 0–300 ms after the child has opened the store). */
const CYCLES = 12;

function runChild(dir: string, killAfterMs: number | undefined): Promise<{ acked: string[]; done: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, '--child', dir, String(TOTAL), String(BATCH), killAfterMs === undefined ? 'plain' : 'derived'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    // The kill clock starts when the child has opened the store (startup time varies with machine load).
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (timer === undefined && killAfterMs !== undefined && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child exited ${code}: ${err}`));
      const lines = out.split('\n');
      lines.pop(); // an unterminated last line was cut by the kill: not an acknowledgement
      resolve({ acked: lines.filter((l) => l.startsWith('ack ')).flatMap((l) => l.slice(4).split(' ')), done: lines.includes('done') });
    });
  });
}

function readAll(path: string): Map<string, Float32Array> {
  const db = new Database(path, { fileMustExist: true });
  const out = new Map<string, Float32Array>();
  for (const r of db.prepare('SELECT id, vector FROM records ORDER BY rowid').iterate() as IterableIterator<{ id: string; vector: Buffer }>) {
    const v = new Float32Array(r.vector.byteLength / 4);
    r.vector.copy(new Uint8Array(v.buffer));
    out.set(r.id, v);
  }
  db.close();
  return out;
}

describe('crash safety (SIGKILL during ingest)', () => {
  const dir = tempDir('embedkit-crash-');
  after(() => dir.cleanup());

  it('keeps every acknowledged batch, exact vectors, and exact search after random kills', async (t) => {
    const rand = seededRandom(42);
    const acked = new Set<string>();
    let cycles = 0;
    let finishedEarly = false;
    while (cycles < CYCLES) {
      const r = await runChild(dir.path, Math.floor(rand() * 300));
      for (const id of r.acked) acked.add(id);
      cycles++;
      if (r.done) {
        finishedEarly = true;
        break;
      }
      // After some kills, check the state right away (not only at the end).
      if (cycles % 10 === 0) verify(dir.path, acked);
    }
    t.diagnostic(`${cycles} SIGKILL cycles, ${acked.size} acknowledged records`);
    assert.ok(cycles === CYCLES || finishedEarly, `${cycles} cycles`);
    assert.ok(acked.size > 0, 'nothing was acknowledged');
    await verifySearch(dir.path, acked);
    const final = await runChild(dir.path, undefined);
    assert.equal(final.done, true);
    for (const id of final.acked) acked.add(id);
    const stored = verify(dir.path, acked);
    assert.equal(stored.size, TOTAL);
    await verifySearch(dir.path, acked);
  });

  it('the CLI resumes an interrupted `add` and ends with every record exactly once', async () => {
    const db = join(dir.path, 'cli');
    const input = join(dir.path, 'docs.jsonl');
    const total = 4000;
    const words = ['river', 'mountain', 'engine', 'garden', 'music', 'market', 'ocean', 'forest'];
    const lines = Array.from({ length: total }, (_, i) => JSON.stringify({ id: `d${i}`, text: `${words[i % 8]} ${words[(i * 3) % 8]} story number ${i}`, n: i }));
    writeFileSync(input, lines.join('\n') + '\n');
    assert.equal((await runCli(['collection', 'create', 'docs', '--model', 'glove-100d', '--db', db])).code, 0);
    const file = join(db, 'docs.sqlite');
    const counts: number[] = [];
    for (let i = 0; i < 2; i++) {
      const before = countRecords(file);
      const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'), 'add', 'docs', '--input', input, '--batch-size', '20', '--db', db], {
        stdio: 'ignore',
        env: { ...process.env, EMBEDKIT_CACHE_DIR: process.env['EMBEDKIT_CACHE_DIR'] ?? join(REPO_ROOT, '.cache', 'test') },
      });
      const closed = new Promise((r) => child.on('close', r));
      // Kill once this run has committed at least one batch of its own: the kill lands mid-ingest.
      while (countRecords(file) <= before && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGKILL');
      await closed;
      counts.push(countRecords(file));
    }
    // Both kills landed mid-ingest: each run had added records, and neither finished.
    assert.ok(counts[0]! > 0 && counts[0]! < total, `first kill left ${counts[0]} of ${total}`);
    assert.ok(counts[1]! > counts[0]! && counts[1]! < total, `second kill left ${counts[1]} of ${total}`);
    const res = await runCli(['add', 'docs', '--input', input, '--batch-size', '20', '--db', db, '--json']);
    assert.equal(res.code, 0, res.stderr);
    const summary = lastJson<{ added: number; skipped: number; count: number }>(res.stdout);
    assert.equal(summary.count, total);
    assert.equal(summary.added + summary.skipped, total);
    assert.equal(summary.skipped, counts[1]);
    const stored = readAll(file);
    assert.deepEqual([...stored.keys()].sort(), lines.map((_, i) => `d${i}`).sort());
  });
});

/** Records committed so far (0 while the collection file is not readable). */
function countRecords(file: string): number {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

function verify(dir: string, acked: Set<string>): Map<string, Float32Array> {
  if (acked.size === 0 && !existsSync(join(dir, 'crash.sqlite'))) return new Map();
  const stored = readAll(join(dir, 'crash.sqlite'));
  for (const id of acked) {
    const v = stored.get(id);
    assert.ok(v !== undefined, `acknowledged ${id} missing`);
    assert.deepEqual(Array.from(v), Array.from(crashVector(Number(id.slice(1)))), `vector of ${id}`);
  }
  // batches are all-or-nothing: the stored ids are whole batches
  for (const id of stored.keys()) {
    const start = Math.floor(Number(id.slice(1)) / BATCH) * BATCH;
    for (let j = start; j < Math.min(TOTAL, start + BATCH); j++) assert.ok(stored.has(`c${j}`), `partial batch: c${j} missing next to ${id}`);
  }
  return stored;
}

async function verifySearch(dir: string, acked: Set<string>): Promise<void> {
  assert.ok(existsSync(join(dir, 'crash.sqlite')));
  const stored = readAll(join(dir, 'crash.sqlite'));
  const ids = [...stored.keys()];
  const data = new Float32Array(ids.length * CRASH_DIM);
  ids.forEach((id, i) => data.set(stored.get(id)!, i * CRASH_DIM));
  const store = new SqliteStore(dir);
  try {
    const c = await store.open('crash');
    assert.equal(await c.count(), ids.length);
    assert.ok(ids.length >= acked.size);
    let found = 0;
    for (let q = 0; q < 10; q++) {
      const query = crashVector(100_000 + q);
      const truth = bruteForce(data, CRASH_DIM, query, 10).rows.map((r) => ids[r]!);
      assert.deepEqual((await c.searchVector(query, { k: 10, index: 'flat' })).map((h) => h.id), truth);
      assert.deepEqual((await c.searchVector(query, { k: 10, index: 'int8', rescore: 1000 })).map((h) => h.id), truth);
      const ann = (await c.searchVector(query, { k: 10, index: 'hnsw', ef: 200 })).map((h) => h.id);
      found += ann.filter((id) => truth.includes(id)).length;
    }
    // a graph keyed to the wrong rows would score near 0 (unclustered 64-d Gaussians, M 16, ef 200: ≈ 0.99)
    assert.ok(found / 100 >= 0.9, `hnsw recall after crashes ${found / 100}`);
  } finally {
    await store.close();
  }
}
