/** The real `embedkit eval` CLI: --json shape, result files, NaN → null, --compare, ad-hoc files, errors, STS-B vs numpy. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, FIXTURES, runCli, tempDir } from '../helpers.js';

const tmp = tempDir('embedkit-eval-cli-');
after(() => tmp.cleanup());
const out = join(tmp.path, 'results');

interface EvalJson {
  model: string;
  results: { task: string; type: string; mainScore: number | null; metrics: Record<string, unknown> }[];
  files: string[];
}

test('eval --tasks: --json shape, MTEB-layout result files, summary table', async () => {
  const r = await runCli(['eval', '--tasks', 'WS353,RG65', '--data-dir', dataDir(), '--output', out, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as EvalJson;
  assert.equal(j.model, 'glove-100d');
  assert.deepEqual(j.results.map((x) => [x.task, x.type]), [['WS353', 'word-similarity'], ['RG65', 'word-similarity']]);
  assert.ok(Math.abs(j.results[0]!.mainScore! - 0.5327) < 0.001);
  assert.equal(j.results[0]!.metrics['spearman'], j.results[0]!.mainScore);
  const file = join(out, 'glove-100d', 'WS353.json');
  const rf = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { scores: Record<string, Record<string, unknown>[]> };
  assert.equal(rf['task_name'], 'WS353');
  assert.equal(rf['embedkit_version'], JSON.parse(readFileSync(join(FIXTURES, '..', '..', 'package.json'), 'utf8')).version);
  assert.equal(typeof rf['evaluation_time'], 'number');
  assert.match(Object.values(rf['dataset_checksum'] as Record<string, string>)[0]!, /^[0-9a-f]{64}$/);
  assert.equal(rf.scores['test']![0]!['main_score'], j.results[0]!.mainScore);

  const human = await runCli(['eval', '--tasks', 'RG65', '--data-dir', dataDir(), '--no-output']);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /\| Task \| Type \| Main score \|/);
  assert.match(human.stdout, /\| RG65 \| word-similarity \| 0\.69\d\d \| spearman \|/);
  assert.match(human.stderr, /\[1\/1\] RG65/);
});

test('ad-hoc STS file; an undefined metric is written as null with a warning, never NaN', async () => {
  const f = join(tmp.path, 'const.tsv');
  // constant gold scores: correlation undefined
  writeFileSync(f, 'a man plays a guitar\ta person plays music\t3\nthe cat sleeps\ta dog runs\t3\nrain falls\tthe sun shines\t3\n');
  const r = await runCli(['eval', '--model', 'glove-100d', '--type', 'sts', '--file', f, '--output', out, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as EvalJson).results[0]!.mainScore, null);
  assert.match(r.stderr, /warning: const: .*NaN.*null/);
  const text = readFileSync(join(out, 'glove-100d', 'const.json'), 'utf8');
  assert.ok(!text.includes('NaN'));
  assert.match(text, /"main_score": null/);
});

test('ad-hoc classification (--train/--test), pair classification, clustering, reranking and a BEIR folder', async () => {
  const w = (name: string, s: string): string => {
    const p = join(tmp.path, name);
    writeFileSync(p, s);
    return p;
  };
  const pos = ['a wonderful film', 'great acting and a great story', 'i loved it', 'beautiful and moving', 'excellent fun'];
  const neg = ['a terrible film', 'awful acting and a boring story', 'i hated it', 'ugly and dull', 'horrible waste'];
  const rows = (xs: string[], l: string): string => xs.map((x) => `${l}\t${x}`).join('\n');
  const train = w('train.tsv', `${rows(pos.slice(0, 4), 'pos')}\n${rows(neg.slice(0, 4), 'neg')}\n`);
  const test_ = w('test.tsv', `${rows(pos.slice(4), 'pos')}\n${rows(neg.slice(4), 'neg')}\n`);
  const cls = await runCli(['eval', '--model', 'glove-100d', '--type', 'classification', '--train', train, '--test', test_, '--no-output', '--json']);
  assert.equal(cls.code, 0, cls.stderr);
  const cj = JSON.parse(cls.stdout) as EvalJson;
  assert.equal(cj.results[0]!.metrics['train'], 8);
  assert.equal(cj.results[0]!.metrics['test'], 2);

  const pairs = w('pairs.tsv', 'a cat sat on the mat\tthe cat sat on a mat\t1\nstock markets fell\tthe cat sat on a mat\t0\nhe plays guitar\the plays the guitar\t1\nrain today\ta new phone\t0\n');
  const pc = await runCli(['eval', '--model', 'glove-100d', '--type', 'pair-classification', '--file', pairs, '--no-output', '--json']);
  assert.equal(pc.code, 0, pc.stderr);
  assert.equal((JSON.parse(pc.stdout) as EvalJson).results[0]!.mainScore, 1, 'paraphrases score above unrelated pairs');

  const cl = await runCli(['eval', '--model', 'glove-100d', '--type', 'clustering', '--file', train, '--no-output', '--json']);
  assert.equal(cl.code, 0, cl.stderr);
  const v = (JSON.parse(cl.stdout) as EvalJson).results[0]!.metrics['v_measure'] as number;
  assert.ok(v >= 0 && v <= 1);

  const rr = w('rr.jsonl', '{"query":"guitar music","positive":["he plays the guitar"],"negative":["stock markets fell","the weather is cold"]}\n');
  const rj = await runCli(['eval', '--model', 'glove-100d', '--type', 'reranking', '--file', rr, '--no-output', '--json']);
  assert.equal(rj.code, 0, rj.stderr);
  assert.equal((JSON.parse(rj.stdout) as EvalJson).results[0]!.metrics['mrr_at_10'], 1);

  const beir = join(tmp.path, 'beir');
  mkdirSync(join(beir, 'qrels'), { recursive: true });
  writeFileSync(join(beir, 'corpus.jsonl'), '{"_id":"d1","title":"guitar","text":"he plays the guitar in a band"}\n{"_id":"d2","title":"markets","text":"stock markets fell sharply"}\n{"_id":"d3","title":"","text":"the weather is cold and wet"}\n');
  writeFileSync(join(beir, 'queries.jsonl'), '{"_id":"q1","text":"stock markets"}\n{"_id":"q2","text":"cold weather"}\n');
  writeFileSync(join(beir, 'qrels', 'test.tsv'), 'query-id\tcorpus-id\tscore\nq1\td2\t1\nq2\td3\t2\n');
  const ret = await runCli(['eval', '--model', 'glove-100d', '--type', 'retrieval', '--file', beir, '--no-output', '--json']);
  assert.equal(ret.code, 0, ret.stderr);
  const m = (JSON.parse(ret.stdout) as EvalJson).results[0]!.metrics;
  assert.equal(m['ndcg_at_10'], 1);
  assert.equal(m['recall_at_3'], 1);
});

test('errors: malformed row names file:line; --skip-bad-rows counts; missing data names path and task', async () => {
  const f = join(tmp.path, 'bad-sts.tsv');
  writeFileSync(f, 'a\tb\t1\nonly one column\nc\td\t2\n');
  const r = await runCli(['eval', '--model', 'glove-100d', '--type', 'sts', '--file', f, '--no-output']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^embedkit: error: .*bad-sts\.tsv:2/m);
  const s = await runCli(['eval', '--model', 'glove-100d', '--type', 'sts', '--file', f, '--no-output', '--skip-bad-rows', '--json']);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stderr, /skipped 1 malformed row/);
  const missing = await runCli(['eval', '--tasks', 'WS353', '--data-dir', join(tmp.path, 'no-data'), '--no-output']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /WS353/);
  assert.match(missing.stderr, /no-data\/word-similarity\/EN-WS-353-ALL\.txt/);
  const unknown = await runCli(['eval', '--tasks', 'NoSuchTask', '--data-dir', dataDir()]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /NoSuchTask/);
});

test('--compare prints two result folders side by side', async () => {
  const a = join(tmp.path, 'cmp-a');
  const b = join(tmp.path, 'cmp-b');
  const w = async (dir: string, extra: string[]): Promise<void> => {
    const r = await runCli(['eval', '--tasks', 'RG65,MC30', '--data-dir', dataDir(), '--output', dir, '--json', ...extra]);
    assert.equal(r.code, 0, r.stderr);
  };
  await w(a, []);
  await w(b, ['--oov', 'dummy']);
  assert.ok(existsSync(join(a, 'glove-100d', 'RG65.json')));
  const r = await runCli(['eval', '--compare', a, b]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\| Task \| Type \| cmp-a \| cmp-b \| Δ \|/);
  assert.match(r.stdout, /\| RG65 \| word-similarity \| 0\.69\d\d \| 0\.69\d\d \| \+0\.0000 \|/);
  const j = await runCli(['eval', '--compare', join(a, 'glove-100d'), b, '--json']);
  assert.equal((JSON.parse(j.stdout) as { tasks: unknown[] }).tasks.length, 2);
});

test('STS Benchmark test, mean-pooled glove-100d: close to the independent numpy script', async () => {
  const golden = (JSON.parse(readFileSync(join(FIXTURES, 'eval', 'golden.json'), 'utf8')) as { stsb_glove: { spearman: number; pairs: number } }).stsb_glove;
  const r = await runCli(['eval', '--model', 'glove-100d', '--tasks', 'STSBenchmark', '--data-dir', dataDir(), '--no-output', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const res = (JSON.parse(r.stdout) as EvalJson).results[0]!;
  assert.equal(res.metrics['pairs'], golden.pairs);
  // same vectors, pooling, cosine and Spearman; the tokenizers differ in edge cases (docs/evaluation.md)
  assert.ok(Math.abs(res.mainScore! - golden.spearman) < 0.01, `${res.mainScore} vs numpy ${golden.spearman}`);
});
