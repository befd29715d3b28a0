import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, tempDir } from '../helpers.js';
import { loadTask, type LoadedTask } from '../../src/eval/data/load-task.js';
import { decode } from '../../src/eval/data/read-data.js';
import { findTask } from '../../src/eval/tasks.js';
import type { DataFormat, DataOf, TaskDeclaration, TaskType } from '../../src/eval/types.js';
import { FormatError } from '../../src/errors.js';

const tmp = tempDir('embedkit-eval-data-');
after(() => tmp.cleanup());
const warnings: string[] = [];
const opts = { dataDir: tmp.path, warn: (m: string) => warnings.push(m) };

/** The loaded data, asserted to be of `type` (a failed assertion fails the test; no guarded checks). */
function dataOf<T extends TaskType>(loaded: LoadedTask, type: T): DataOf<T> {
  assert.equal(loaded.data.type, type);
  return loaded.data.data as DataOf<T>;
}

function task(type: TaskType, format: DataFormat, files: Record<string, string>): TaskDeclaration {
  return { name: 'T', type, description: '', mainScore: 'x', format, files, split: 'test', suites: [], license: '', citation: '' };
}
function write(name: string, content: string | Buffer): string {
  writeFileSync(join(tmp.path, name), content);
  return name;
}

test('STS TSV, JSONL and pair-classification TSV load; a header row is skipped', async () => {
  const sts = await loadTask(task('sts', 'sts-tsv', { test: write('a.tsv', 's1\ts2\tscore\nA cat.\tA dog.\t3.5\r\nHi\tHello\t4\n') }), opts);
  assert.deepEqual(dataOf(sts, 'sts').s2, ['A dog.', 'Hello']);
  assert.deepEqual(Array.from(dataOf(sts, 'sts').score), [3.5, 4]);
  assert.match(Object.values(sts.checksums)[0]!, /^[0-9a-f]{64}$/);
  const js = await loadTask(task('sts', 'sts-jsonl', { test: write('a.jsonl', '{"sentence1":"a","sentence2":"b","score":1}\n\n{"sentence1":"c","sentence2":"d","score":"2.5"}\n') }), opts);
  assert.deepEqual(Array.from(dataOf(js, 'sts').score), [1, 2.5]);
  const pc = await loadTask(task('pair-classification', 'pairs-tsv', { test: write('p.tsv', 'a\tb\t1\nc\td\t0\n') }), opts);
  assert.deepEqual(Array.from(dataOf(pc, 'pair-classification').score), [1, 0]);
});

test('a malformed row is an error naming file:line, or skipped and counted with skipBadRows', async () => {
  const f = write('bad.tsv', 'a\tb\t1\nno tabs here\nc\td\t0\n');
  await assert.rejects(loadTask(task('pair-classification', 'pairs-tsv', { test: f }), opts), (e: unknown) => {
    assert.ok(e instanceof FormatError);
    assert.equal(e.line, 2);
    assert.match(e.message, /bad\.tsv:2/);
    assert.match(e.message, /s1<TAB>s2<TAB>0\|1/);
    return true;
  });
  const ok = await loadTask(task('pair-classification', 'pairs-tsv', { test: f }), { ...opts, skipBadRows: true });
  assert.equal(ok.skippedRows, 1);
  assert.ok(warnings.some((w) => /skipped 1 malformed row.*bad\.tsv:2/.test(w)));
  // a label other than 0/1
  await assert.rejects(loadTask(task('pair-classification', 'pairs-tsv', { test: write('bad2.tsv', 'a\tb\t1\nc\td\t2\n') }), opts), /bad2\.tsv:2/);
});

test('a missing data file names the path and the task', async () => {
  await assert.rejects(loadTask({ ...task('sts', 'sts-tsv', { test: 'nope/missing.tsv' }), name: 'MyTask' }, opts), (e: unknown) => {
    assert.match(String(e), /MyTask/);
    assert.match(String(e), /nope\/missing\.tsv/);
    return true;
  });
});

test('Latin-1 is detected (MR/SUBJ) and can be forced; invalid UTF-8 under --encoding utf8 is an error', async () => {
  const bytes = Buffer.from('caf\xe9 cr\xe8me\n', 'latin1');
  assert.deepEqual(decode(bytes, 'auto'), { text: 'café crème\n', encoding: 'latin1' });
  assert.equal(decode(Buffer.from('café\n', 'utf8'), 'auto').encoding, 'utf8');
  assert.throws(() => decode(bytes, 'utf8'), /UTF-8/);
  const t = task('classification', 'file-per-label', { positive: write('pos.txt', bytes), negative: write('neg.txt', 'bad film\n') });
  const r = await loadTask(t, opts);
  assert.deepEqual(dataOf(r, 'classification').test.texts, ['café crème', 'bad film']);
  assert.deepEqual(dataOf(r, 'classification').test.labels, ['positive', 'negative']);
});

test('labeled formats: TSV, JSONL, SST, TREC, CSV; train/test roles', async () => {
  const tsv = await loadTask(task('classification', 'label-tsv', { train: write('tr.tsv', 'x\tone\ny\ttwo\n'), test: write('te.tsv', 'x\tthree\n') }), opts);
  assert.deepEqual(dataOf(tsv, 'classification').train?.labels, ['x', 'y']);
  assert.deepEqual(dataOf(tsv, 'classification').test.texts, ['three']);
  const jl = await loadTask(task('clustering', 'labeled-jsonl', { test: write('c.jsonl', '{"text":"a","label":1}\n{"text":"b","label":"k"}\n') }), opts);
  assert.deepEqual(dataOf(jl, 'clustering').labels, ['1', 'k']);
  const csv = await loadTask(task('classification', 'text-category-csv', { test: write('c.csv', 'text,category\n"Hi, there",greet\nbye,leave\n') }), opts);
  assert.deepEqual(dataOf(csv, 'classification').test.texts, ['Hi, there', 'bye']);
  await assert.rejects(loadTask(task('classification', 'trec', { test: write('t.txt', 'NUM:dist How far ?\nbroken line\n') }), opts), /t\.txt:2/);
});

test('BEIR folder and reranking JSONL load', async () => {
  mkdirSync(join(tmp.path, 'beir', 'qrels'), { recursive: true });
  write('beir/corpus.jsonl', '{"_id":"d1","title":"Wings","text":"lift and drag"}\n{"_id":"d2","title":"","text":"boundary layer"}\n');
  write('beir/queries.jsonl', '{"_id":"q1","text":"lift"}\n');
  write('beir/qrels/test.tsv', 'query-id\tcorpus-id\tscore\nq1\td1\t2\n');
  const r = await loadTask(task('retrieval', 'beir', { folder: 'beir' }), opts);
  assert.deepEqual(dataOf(r, 'retrieval').corpus.map((d) => d.text), ['Wings lift and drag', 'boundary layer']);
  assert.equal(dataOf(r, 'retrieval').qrels.get('q1')?.get('d1'), 2);
  assert.equal(Object.keys(r.checksums).length, 3);
  const rr = await loadTask(task('reranking', 'reranking-jsonl', { test: write('r.jsonl', '{"query":"q","positive":["a"],"negative":["b","c"]}\n') }), opts);
  assert.deepEqual(dataOf(rr, 'reranking').samples[0]?.negative, ['b', 'c']);
  await assert.rejects(loadTask(task('reranking', 'reranking-jsonl', { test: write('r2.jsonl', '{"query":"q","positive":[],"negative":["b"]}\n') }), opts), /r2\.jsonl:1/);
});

test('every declared task loads from the data root with the documented row counts', async () => {
  const root = { dataDir: dataDir(), warn: (m: string) => warnings.push(m) };
  const rows = async (name: string): Promise<number> => {
    const d = (await loadTask(findTask(name), root)).data;
    switch (d.type) {
      case 'word-similarity':
        return d.data.gold.length;
      case 'analogy':
        return d.data.a.length;
      case 'sts':
      case 'pair-classification':
        return d.data.score.length;
      case 'classification':
        return d.data.test.texts.length + (d.data.train?.texts.length ?? 0);
      case 'clustering':
        return d.data.texts.length;
      case 'retrieval':
        return d.data.queries.length;
      case 'reranking':
        return d.data.samples.length;
    }
  };
  const expected: Record<string, number> = {
    WS353: 353, 'WS353-SIM': 203, 'WS353-REL': 252, MEN: 3000, RG65: 65, MC30: 30, MTurk771: 771, GoogleAnalogy: 19_544,
    BATS: 40 * 50 * 49, STSBenchmark: 1379, 'STSBenchmark-dev': 1500, 'SICK-R': 9840, 'SICK-R-SemEval': 4927, 'SICK-E-Pairs': 4927,
    SST2: 6920 + 1821, MR: 10_662, CR: 3775 - 4 /* 4 blank lines skipped */, SUBJ: 10_000, MPQA: 10_606 - 3 /* blank lines */, TREC: 5452 + 500, Banking77Classification: 10_003 + 3080,
    Banking77Clustering: 3080, TRECClustering: 500, Cranfield: 225,
  };
  for (const [name, n] of Object.entries(expected)) assert.equal(await rows(name), n, name);
});
