import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { CLI, oneErrorLine, runCli, tempDir, FIXTURES, TEST_CACHE_DIR } from '../helpers.js';
import { readNpy } from '../../src/io/npy.js';
import { readVectors } from '../../src/vectors/formats/index.js';

const tiny = join(FIXTURES, 'static', 'vectors.txt');

test('neighbors king --json lists queen in the top 5 on the default model', async () => {
  const r = await runCli(['neighbors', 'king', '-k', '5', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { query: string; results: { key: string; score: number }[] };
  assert.equal(j.query, 'king');
  assert.equal(j.results.length, 5);
  assert.ok(j.results.some((x) => x.key === 'queen'));
  for (let i = 1; i < 5; i++) assert.ok(j.results[i - 1]!.score >= j.results[i]!.score);
});

test('analogy man king woman answers queen (add and mul)', async () => {
  for (const method of ['add', 'mul']) {
    const r = await runCli(['analogy', 'man', 'king', 'woman', '--method', method, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { results: { key: string }[] };
    assert.equal(j.results[0]!.key, 'queen');
  }
  const text = await runCli(['analogy', 'man', 'king', 'woman']);
  assert.match(text.stdout, /1\. queen/);
});

test('similarity --json returns a score; related sentences score higher', async () => {
  const a = await runCli(['similarity', 'The cat sleeps on the sofa.', 'A kitten naps on the couch.', '--model', 'glove-100d', '--json']);
  const b = await runCli(['similarity', 'The cat sleeps on the sofa.', 'Interest rates rose in March.', '--model', 'glove-100d', '--json']);
  assert.equal(a.code, 0, a.stderr);
  const sa = (JSON.parse(a.stdout) as { score: number }).score;
  const sb = (JSON.parse(b.stdout) as { score: number }).score;
  assert.ok(sa > sb, `${sa} vs ${sb}`);
  for (const pooling of ['sif', 'usif']) {
    const r = await runCli(['similarity', 'The cat sleeps on the sofa.', 'A kitten naps on the couch.', '--model', 'glove-100d', '--pooling', pooling, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { score: number; pooling: string; reference: string };
    assert.equal(j.pooling, pooling);
    assert.equal(j.reference, 'bundled sample corpus');
    assert.ok(j.score > 0 && j.score <= 1);
  }
});

test('embed writes .npy, .jsonl and Projector .tsv from lines, JSONL and CSV', async () => {
  const tmp = tempDir();
  try {
    const lines = join(tmp.path, 'in.txt');
    writeFileSync(lines, 'the of and\nzzz qqq\nman state\n');
    const npy = join(tmp.path, 'out.npy');
    const r = await runCli(['embed', '--model', tiny, '--input', lines, '--output', npy, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { rows: number; dim: number; warnings: string[] };
    assert.equal(summary.rows, 3);
    assert.equal(summary.dim, 8);
    assert.match(r.stderr, /1 of 3 text\(s\) had no known word/);
    const m = readNpy(npy);
    assert.equal(m.rows, 3);
    const kv = await readVectors(tiny);
    for (let j = 0; j < 8; j++) {
      const expected = (kv.get('the')![j]! + kv.get('of')![j]! + kv.get('and')![j]!) / 3;
      assert.ok(Math.abs(m.data[j]! - expected) < 1e-6);
    }
    const jsonl = join(tmp.path, 'in.jsonl');
    writeFileSync(jsonl, '{"id": 7, "body": "the man"}\n{"id": 8, "body": "of state"}\n');
    const outJsonl = join(tmp.path, 'out.jsonl');
    const r2 = await runCli(['embed', '--model', tiny, '--input', jsonl, '--field', 'body', '--id-field', 'id', '--output', outJsonl]);
    assert.equal(r2.code, 0, r2.stderr);
    const rows = readFileSync(outJsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; vector: number[] });
    assert.deepEqual(rows.map((x) => [x.id, x.text, x.vector.length]), [['7', 'the man', 8], ['8', 'of state', 8]]);
    const csv = join(tmp.path, 'in.csv');
    writeFileSync(csv, 'label,review\npos,"the man, of state"\nneg,and\n');
    const tsv = join(tmp.path, 'proj.tsv');
    const r3 = await runCli(['embed', '--model', tiny, '--input', csv, '--column', 'review', '--output', tsv]);
    assert.equal(r3.code, 0, r3.stderr);
    assert.equal(readFileSync(tsv, 'utf8').trim().split('\n').length, 2);
    assert.equal(readFileSync(join(tmp.path, 'proj.metadata.tsv'), 'utf8'), 'the man, of state\nand\n');
  } finally {
    tmp.cleanup();
  }
});

test('convert round-trips between formats, from a registry name too', async () => {
  const tmp = tempDir();
  try {
    const bin = join(tmp.path, 'v.bin');
    const r = await runCli(['convert', tiny, bin, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { format: string }).format, 'word2vec-bin');
    const vec = join(tmp.path, 'v.vec.gz');
    assert.equal((await runCli(['convert', bin, vec, '--to', 'vec'])).code, 0);
    const a = await readVectors(tiny);
    const b = await readVectors(vec);
    assert.deepEqual(b.keys, a.keys);
    assert.deepEqual(Array.from(b.vectors), Array.from(a.vectors));
    const glove = join(tmp.path, 'g.txt');
    const r2 = await runCli(['convert', 'glove-100d', glove, '--to', 'glove', '--limit', '50']);
    assert.equal(r2.code, 0, r2.stderr);
    const g = readFileSync(glove, 'utf8').split('\n');
    assert.equal(g.length, 51);
    assert.match(g[0]!, /^the -0\.038194 -0\.24487 0\.72812 /);
  } finally {
    tmp.cleanup();
  }
});

test('user errors: one line, exit 1, no stack; --verbose adds the stack', async () => {
  const cases: string[][] = [
    ['neighbors', 'qqqzzzxx'],
    ['neighbors', 'king', '--model', 'no-such-model'],
    ['neighbors', 'king', '-k', 'many'],
    ['neighbors', 'king', '--bogus'],
    ['embed', '--model', 'glove-100d', '--input', '/nonexistent/file.txt', '--output', 'x.npy'],
    ['embed', '--input', join(FIXTURES, 'static', 'sentences.txt'), '--output', 'x.parquet', '--model', tiny],
    ['similarity', 'a', 'b', '--model', 'glove-100d', '--pooling', 'max'],
    ['convert', tiny, '/tmp/x.txt', '--to', 'xml'],
    ['analogy', 'man', 'king'],
  ];
  for (const args of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    oneErrorLine(r.stderr);
  }
  const threads = await runCli(['neighbors', 'king'], { env: { EMBEDKIT_THREADS: 'two' } });
  assert.equal(threads.code, 1, threads.stderr);
  oneErrorLine(threads.stderr);
  assert.match(threads.stderr, /EMBEDKIT_THREADS \(expected an integer ≥ 1.*received "two"\)/);
  const v = await runCli(['neighbors', 'qqqzzzxx', '--verbose']);
  assert.equal(v.code, 1);
  assert.match(v.stderr, /at .*keyed-vectors\.js/);
});

test('malformed inputs name file and line; failed output leaves no file behind', async () => {
  const tmp = tempDir();
  try {
    const bad = join(tmp.path, 'bad.jsonl');
    writeFileSync(bad, '{"text": "ok"}\n{"text": 5}\n');
    const out = join(tmp.path, 'out.npy');
    const r = await runCli(['embed', '--model', tiny, '--input', bad, '--output', out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.jsonl:2/);
    assert.equal(existsSync(out), false);
    assert.deepEqual(readdirSync(tmp.path).filter((f) => f.endsWith('.tmp')), []);
    const vectors = join(tmp.path, 'v.txt');
    writeFileSync(vectors, '2 3\na 1 2 3\nb 1 2\n');
    const r2 = await runCli(['neighbors', 'a', '--model', vectors]);
    assert.equal(r2.code, 1);
    assert.match(r2.stderr, /wrong column count.*expected 4 columns.*received 3 columns.*v\.txt:3/);
  } finally {
    tmp.cleanup();
  }
});

test('models --json and --help with examples', async () => {
  const r = await runCli(['models', '--json']);
  const j = JSON.parse(r.stdout) as { models: { name: string; dim: number; size: number }[] };
  assert.deepEqual(j.models.map((m) => [m.name, m.dim, m.size]), [['glove-100d', 100, 341479], ['minilm-l6', 384, 30522]]);
  for (const cmd of ['neighbors', 'analogy', 'similarity', 'embed', 'convert', 'models', 'demo', 'import', 'distill']) {
    const h = await runCli([cmd, '--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /Examples:\n {2}\$ embedkit /);
    assert.match(h.stdout, /--json/);
  }
});

test('sentence-level commands default to minilm-l6: related sentences score far above an unrelated pair', async () => {
  const near = await runCli(['similarity', 'A man plays guitar.', 'Someone plays an instrument.', '--json']);
  const far = await runCli(['similarity', 'A man plays guitar.', 'The stock market fell sharply today.', '--json']);
  assert.equal(near.code, 0, near.stderr);
  const a = JSON.parse(near.stdout) as { score: number; model: string; pooling: string };
  const b = JSON.parse(far.stdout) as { score: number };
  assert.equal(a.model, 'minilm-l6');
  assert.equal(a.pooling, 'mean');
  assert.ok(a.score > 0.5 && b.score < 0.2 && a.score - b.score > 0.4, `${a.score} vs ${b.score}`);
  // word-level commands keep glove-100d
  const n = JSON.parse((await runCli(['neighbors', 'king', '-k', '1', '--json'])).stdout) as { results: { key: string }[] };
  assert.equal(n.results.length, 1);
});

test('demo --json runs the tour on the default model', async () => {
  const r = await runCli(['demo', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { analogy: { answer: string }; neighbors: { results: { key: string }[] }; sample: { texts: number; results: unknown[] } };
  assert.equal(j.analogy.answer, 'queen');
  assert.ok(j.neighbors.results.some((x) => x.key === 'queen'));
  assert.equal(j.sample.texts, 85);
  assert.equal(j.sample.results.length, 3);
  assert.equal((j as unknown as { sentenceModel: string }).sentenceModel, 'minilm-l6');
});

test('a reader that stops early (`embedkit … | head`) is not an error: exit 0, nothing on stderr', async () => {
  const child = spawn(process.execPath, [CLI, 'neighbors', 'king', '--model', 'glove-100d', '-k', '5000'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EMBEDKIT_CACHE_DIR: TEST_CACHE_DIR } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((r) => child.on('close', r));
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
});
