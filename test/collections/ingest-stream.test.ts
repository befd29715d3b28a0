/**
 * `add` streams and acknowledges: records are read, validated and committed one batch at a time; `--json`
 * prints one line per committed batch before the summary; a bad line stops the run after the batches
 * before it committed (naming the line); `--skip-bad-rows` leaves bad records out with one warning and
 * lists them; ids, CSV headers, metadata and strings that cannot be stored are errors naming the line.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCollection } from '../../src/collections/collection-embedder.js';
import { ingest } from '../../src/collections/ingest/ingest.js';
import type { SourceRecord } from '../../src/collections/ingest/read-source.js';
import { SqliteStore } from '../../src/collections/stores/sqlite-store.js';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { dataDir, lastJson, runCli, tempDir } from '../helpers.js';

const dir = tempDir('embedkit-ingest-stream-');
const db = join(dir.path, 'db');

function jsonl(name: string, rows: readonly string[]): string {
  const p = join(dir.path, name);
  writeFileSync(p, rows.join('\n') + '\n');
  return p;
}

const doc = (i: number): string => JSON.stringify({ id: `d${i}`, text: `the river and the mountain number ${i}`, n: i });

async function count(name: string): Promise<number> {
  const r = await runCli(['collection', 'info', name, '--db', db, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { count: number }).count;
}

describe('add: streaming, acknowledgements, bad records', () => {
  before(async () => {
    for (const name of ['acks', 'stop', 'skip', 'errs', 'cran']) assert.equal((await runCli(['collection', 'create', name, '--model', 'glove-100d', '--db', db])).code, 0);
  });
  after(() => dir.cleanup());

  it('--json prints one line per committed batch, then the summary', async () => {
    const input = jsonl('acks.jsonl', Array.from({ length: 45 }, (_, i) => doc(i)));
    const r = await runCli(['add', 'acks', '--input', input, '--batch-size', '10', '--db', db, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const batches = lines.filter((l) => l['event'] === 'batch');
    assert.deepEqual(batches.map((b) => b['committed']), [10, 20, 30, 40, 45]);
    assert.deepEqual(batches.map((b) => b['through']), [11, 21, 31, 41, 46].map((n) => `${input}:${n - 1}`));
    assert.deepEqual(batches.map((b) => b['added']), [10, 10, 10, 10, 5]);
    const done = lastJson<{ event: string; added: number; count: number }>(r.stdout);
    assert.deepEqual([done.event, done.added, done.count], ['done', 45, 45]);
  });

  it('a bad line stops the run after the batches before it committed, naming the line', async () => {
    const rows = Array.from({ length: 35 }, (_, i) => doc(i));
    rows[32] = '{"id": "x", "text": oops}';
    const input = jsonl('stop.jsonl', rows);
    const r = await runCli(['add', 'stop', '--input', input, '--batch-size', '10', '--db', db, '--json']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`invalid JSON.*stop\\.jsonl:33`));
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { committed: number }).committed), [10, 20, 30]);
    assert.equal(await count('stop'), 30);
    // Re-running after the fix resumes: the 30 committed records are skipped as present.
    rows[32] = doc(32);
    jsonl('stop.jsonl', rows);
    const again = lastJson<{ added: number; skipped: number }>((await runCli(['add', 'stop', '--input', input, '--batch-size', '10', '--db', db, '--json'])).stdout);
    assert.deepEqual([again.added, again.skipped], [5, 30]);
  });

  it('--skip-bad-rows leaves bad records out with one warning and lists them in --json', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => doc(i));
    rows[2] = '{"id": {"a": 1}, "text": "an object id"}';
    rows[4] = '{"id": "e", "text": "   "}';
    rows[6] = '{"id": "d0", "text": "an id given twice"}';
    rows[8] = `{"id": "deep", "text": "deep metadata", "m": ${'['.repeat(40)}${']'.repeat(40)}}`;
    const input = jsonl('skip.jsonl', rows);
    const plain = await runCli(['add', 'skip', '--input', input, '--db', db]);
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /id field "id".*received an object.*skip\.jsonl:3.*--skip-bad-rows/);
    const r = await runCli(['add', 'skip', '--input', input, '--db', db, '--skip-bad-rows', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.match(/warning/g)?.length, 1, r.stderr);
    assert.match(r.stderr, /skipped 4 bad records \(--skip-bad-rows\), first at .*skip\.jsonl:3/);
    const done = lastJson<{ added: number; bad: { count: number; records: { where: string; id?: string; reason: string }[] } }>(r.stdout);
    assert.equal(done.added, 8);
    assert.equal(done.bad.count, 4);
    assert.deepEqual(done.bad.records.map((b) => b.where.replace(/.*:/, '')), ['3', '5', '9', '7']);
    assert.match(done.bad.records[3]!.reason, /duplicate id "d0"/);
    assert.match(done.bad.records[2]!.reason, /metadata nested too deeply/);
  });

  it('ids that are not strings or numbers, duplicate CSV headers, lone surrogates and invalid UTF-8 are errors naming the line', async () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ['array.jsonl', '{"id":[1,2],"text":"a"}\n', /id field "id".*received an array.*array\.jsonl:1/],
      ['null.jsonl', '{"id":null,"text":"a"}\n', /id field "id".*received null.*null\.jsonl:1/],
      ['dup.csv', 'id,text,text\n1,a,b\n', /CSV header.*"text" twice.*dup\.csv:1/],
      ['lone.jsonl', '{"id":"a","text":"the \\ud800 river"}\n', /invalid Unicode.*lone surrogate.*lone\.jsonl:1/],
      ['latin1.txt', Buffer.from('caf\xe9 au lait\n', 'latin1'), /invalid UTF-8.*byte 0xe9 at byte 3.*latin1\.txt:1.*--encoding/],
      ['image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /binary data.*NUL byte at byte 8.*image\.txt:3/],
    ];
    for (const [name, content, re] of cases) {
      const p = join(dir.path, name);
      writeFileSync(p, content);
      const r = await runCli(['add', 'errs', '--input', p, '--db', db]);
      assert.equal(r.code, 1, `${name}: ${r.stderr}`);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
    const latin1 = join(dir.path, 'latin1.txt');
    assert.equal((await runCli(['add', 'errs', '--input', latin1, '--encoding', 'latin1', '--db', db])).code, 0);
    const got = JSON.parse((await runCli(['collection', 'get', 'errs', 'latin1.txt:1', '--db', db, '--json'])).stdout) as { records: { text: string }[] };
    assert.equal(got.records[0]!.text, 'café au lait');
  });

  it('a BEIR corpus with empty records (Cranfield) ingests with --skip-bad-rows', async () => {
    const corpus = join(dataDir(), 'retrieval-cranfield', 'beir', 'corpus.jsonl');
    const plain = await runCli(['add', 'cran', '--input', corpus, '--id-field', '_id', '--db', db]);
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /empty text.*corpus\.jsonl:471/);
    const r = await runCli(['add', 'cran', '--input', corpus, '--id-field', '_id', '--skip-bad-rows', '--db', db, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const done = lastJson<{ count: number; bad: { count: number; records: { where: string }[] } }>(r.stdout);
    assert.equal(done.count, 1398);
    assert.deepEqual(done.bad.records.map((b) => b.where.replace(/.*:/, '')), ['471', '995']);
  });

  it('ingest pulls records one batch at a time (the input is never held whole)', async () => {
    const words = ['river', 'mountain', 'engine', 'garden'];
    const kv = new KeyedVectors(words, Float32Array.from({ length: 16 }, (_, i) => Math.sin(i + 1)), 4);
    const embedder = new StaticEmbedder(kv, { model: 'lazy' });
    const store = new SqliteStore(join(dir.path, 'lib-db'));
    try {
      const c = await createCollection(store, 'lazy', embedder);
      let produced = 0;
      const seenAtAck: number[] = [];
      async function* records(): AsyncGenerator<SourceRecord> {
        for (let i = 0; i < 1000; i++) {
          produced++;
          yield { id: `r${i}`, text: `${words[i % 4]} ${words[(i + 1) % 4]}`, metadata: {}, where: `gen:${i + 1}` };
        }
      }
      const res = await ingest(c, embedder, records(), { batchSize: 100, onBatch: () => seenAtAck.push(produced) });
      assert.equal(res.added, 1000);
      // When batch k commits, the generator has produced at most k batches (plus the record that closed it).
      seenAtAck.forEach((n, k) => assert.ok(n <= (k + 1) * 100 + 1, `batch ${k + 1} committed after ${n} records were read`));
    } finally {
      await store.close();
    }
  });
});
