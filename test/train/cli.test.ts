/** `embedkit train …` through the real CLI: outputs usable at once as --model, JSON, errors, corpus builder. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, tempDir } from '../helpers.js';
import { plantedCorpus, rng } from './synthetic.js';

describe('embedkit train (CLI)', () => {
  const tmp = tempDir();
  const corpusPath = join(tmp.path, 'planted.txt');
  const small = ['--dim', '16', '--min-count', '1', '--sample', '0', '--threads', '1', '--seed', '3', '--window', '4'];
  before(() => writeFileSync(corpusPath, plantedCorpus({ sentences: 1500 }).sentences.map((s) => s.join(' ')).join('\n') + '\n'));
  after(() => tmp.cleanup());

  it('word2vec → a .bin that `neighbors --model` uses at once; same seed + 1 thread gives identical bytes', async () => {
    const out = join(tmp.path, 'vectors.bin');
    const r = await runCli(['train', 'word2vec', '--input', corpusPath, '--output', out, ...small, '--epochs', '5', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.equal(j['algorithm'], 'word2vec');
    assert.equal(j['format'], 'word2vec-bin');
    assert.equal(j['rows'], 90);
    assert.equal(j['dim'], 16);
    assert.equal(j['architecture'], 'skipgram');
    assert.equal((j['epochLoss'] as number[]).length, 5);
    const n = await runCli(['neighbors', 'a1', '--model', out, '--json']);
    assert.equal(n.code, 0, n.stderr);
    assert.equal((JSON.parse(n.stdout) as { results: { key: string }[] }).results[0]!.key, 'b1');
    const again = join(tmp.path, 'again.bin');
    const r2 = await runCli(['train', 'word2vec', '--input', corpusPath, '--output', again, ...small, '--epochs', '5']);
    assert.equal(r2.code, 0, r2.stderr);
    assert.match(r2.stdout, /Trained word2vec: 90 × 16/);
    assert.deepEqual(readFileSync(again), readFileSync(out));
  });

  it('CBOW with a checkpoint every epoch, text output', async () => {
    const out = join(tmp.path, 'cbow.txt');
    const r = await runCli(['train', 'word2vec', '--cbow', '--input', corpusPath, '--output', out, ...small, '--epochs', '2', '--save-every', '1', '--json', '--verbose']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { architecture: string }).architecture, 'cbow');
    assert.match(r.stderr, /checkpoint after epoch 1/);
    assert.equal(readFileSync(out, 'utf8').split('\n')[0], '90 16');
  });

  it('glove writes GloVe text (no header) from an output name with "glove"', async () => {
    const out = join(tmp.path, 'vectors.glove.txt');
    const r = await runCli(['train', 'glove', '--input', corpusPath, '--output', out, ...small.filter((x, i, a) => x !== '--sample' && a[i - 1] !== '--sample'), '--epochs', '20', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { format: string; cooccurrences: number; shards: number };
    assert.equal(j.format, 'glove');
    assert.ok(j.cooccurrences > 1000);
    assert.equal(readFileSync(out, 'utf8').split('\n')[0]!.split(' ').length, 17);
  });

  it('doc2vec writes one vector per line-document and the word vectors', async () => {
    const out = join(tmp.path, 'docs.vec');
    const words = join(tmp.path, 'words.bin');
    const r = await runCli(['train', 'doc2vec', '--input', corpusPath, '--output', out, '--word-output', words, '--dbow-words', ...small, '--epochs', '3', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { rows: number }).rows, 1500);
    assert.equal(readFileSync(out, 'utf8').split('\n')[0], '1500 16');
    assert.ok(existsSync(words));
  });

  it('--phrases gives a planted collocation its own vector', async () => {
    const rand = rng(5);
    const lines: string[] = [];
    for (let i = 0; i < 600; i++) {
      const d = Array.from({ length: 10 }, () => `w${Math.floor(rand() * 50)}`);
      if (i % 3 === 0) d.splice(4, 0, 'New', 'York');
      lines.push(d.join(' '));
    }
    const input = join(tmp.path, 'phrases.txt');
    writeFileSync(input, lines.join('\n'));
    const out = join(tmp.path, 'phrases.txt.vec');
    const r = await runCli(['train', 'word2vec', '--input', input, '--output', out, '--phrases', '--phrase-threshold', '10', ...small, '--epochs', '1', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { phrases: number }).phrases, 1);
    const keys = readFileSync(out, 'utf8').split('\n').slice(1).map((l) => l.split(' ')[0]);
    assert.ok(keys.includes('new_york') && !keys.includes('york'));
  });

  it('errors name the problem: missing input, bad option, empty vocabulary', async () => {
    const missing = await runCli(['train', 'word2vec', '--input', join(tmp.path, 'nope.txt'), '--output', join(tmp.path, 'x.bin')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^embedkit: error: file not found: corpus input .*nope\.txt/);
    const bad = await runCli(['train', 'glove', '--input', corpusPath, '--output', join(tmp.path, 'x.txt'), '--dim', '0']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /invalid option value: --dim \(expected an integer ≥ 1, received "0"\)/);
    const tiny = join(tmp.path, 'tiny.txt');
    writeFileSync(tiny, 'one two three\n');
    const empty = await runCli(['train', 'doc2vec', '--input', tiny, '--output', join(tmp.path, 'x.vec')]);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /empty input: training vocabulary .*lower --min-count/);
    assert.ok(!existsSync(join(tmp.path, 'x.vec')));
  });

  it('train corpus builds a slice of the bundled corpus (cached on the second run)', async () => {
    const dir = join(tmp.path, 'corpus');
    const r = await runCli(['train', 'corpus', '--output', dir, '--sources', 'moby-dick', '--max-tokens', '3000', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { path: string; tokens: number; cached: boolean };
    assert.ok(j.tokens >= 3000 && j.tokens < 4000, String(j.tokens));
    assert.equal(j.cached, false);
    const text = readFileSync(j.path, 'utf8');
    assert.match(text, /^chapter 1 \. loomings \.\n/);
    const again = await runCli(['train', 'corpus', '--output', dir, '--sources', 'moby-dick', '--max-tokens', '3000', '--json']);
    assert.equal((JSON.parse(again.stdout) as { cached: boolean }).cached, true);
  });
});
