/**
 * The real CLI with a transformer model folder: `embed` and `similarity` with ONNX options.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { readNpy } from '../../src/io/npy.js';
import { REPO_ROOT, runCli, tempDir } from '../helpers.js';
import { BERT_REF, maxAbsDiff, refText, TINY_BERT } from './reference.js';

const MODEL = relative(REPO_ROOT, TINY_BERT);

describe('embedkit CLI with an ONNX model folder', () => {
  const tmp = tempDir('embedkit-onnx-cli-');
  after(() => tmp.cleanup());
  const texts = BERT_REF.texts.slice(0, 4).map(refText);
  const input = join(tmp.path, 'in.txt');
  writeFileSync(input, texts.join('\n') + '\n');

  it('embed --model <folder> writes vectors equal to the torch reference', async () => {
    const out = join(tmp.path, 'out.npy');
    const r = await runCli(['embed', '--model', MODEL, '--input', input, '--output', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { rows: number; dim: number; pooling: string; normalize: boolean };
    assert.equal(summary.rows, 4);
    assert.equal(summary.dim, 32);
    assert.equal(summary.pooling, 'mean');
    assert.equal(summary.normalize, true);
    const m = readNpy(out);
    for (let i = 0; i < 4; i++) assert.ok(maxAbsDiff(m, i, BERT_REF.texts[i]!.normalized['mean']!) <= 1e-4);
  });

  it('embed with --prompt-name, --truncate-dim, --pooling and --batch-size', async () => {
    const out = join(tmp.path, 'q.npy');
    const r = await runCli(['embed', '--model', MODEL, '--input', input, '--output', out, '--prompt-name', 'query', '--batch-size', '2', '--threads', '1']);
    assert.equal(r.code, 0, r.stderr);
    const m = readNpy(out);
    for (let i = 0; i < 4; i++) assert.ok(maxAbsDiff(m, i, BERT_REF.texts[i]!.query_mean_normalized!) <= 1e-4);
    const out2 = join(tmp.path, 't.npy');
    const r2 = await runCli(['embed', '--model', MODEL, '--input', input, '--output', out2, '--truncate-dim', '16', '--pooling', 'cls']);
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(readNpy(out2).dim, 16);
  });

  it('embed --precision ubinary writes packed bits; stdout JSONL without --output', async () => {
    const r = await runCli(['embed', '--model', MODEL, '--input', input, '--precision', 'ubinary']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { text: string; vector: number[] });
    assert.equal(lines.length, 4);
    assert.equal(lines[0]!.text, texts[0]);
    assert.equal(lines[0]!.vector.length, 4);
    assert.ok(lines.every((l) => l.vector.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)));
  });

  it('long inputs: a truncation warning, or --long chunk', async () => {
    const long = join(tmp.path, 'long.txt');
    writeFileSync(long, 'short text\n' + 'many words in a long line '.repeat(20) + '\n');
    const r = await runCli(['embed', '--model', MODEL, '--input', long]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: 1 of 2 texts were longer than 24 tokens and were truncated/);
    const c = await runCli(['embed', '--model', MODEL, '--input', long, '--long', 'chunk']);
    assert.equal(c.code, 0, c.stderr);
    assert.doesNotMatch(c.stderr, /truncated/);
  });

  it('similarity with a model folder', async () => {
    const r = await runCli(['similarity', '--model', MODEL, texts[0]!, texts[0]!, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { score: number; pooling: string };
    assert.ok(Math.abs(j.score - 1) < 1e-5);
    assert.equal(j.pooling, 'mean');
  });

  it('clear one-line errors: incomplete folder, bad option, ONNX flag on word vectors', async () => {
    const r = await runCli(['embed', '--model', tmp.path, '--input', input]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^embedkit: error: model folder is incomplete: required files .*missing config\.json, tokenizer\.json/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    const p = await runCli(['embed', '--model', MODEL, '--input', input, '--precision', 'int4']);
    assert.equal(p.code, 1);
    assert.match(p.stderr, /--precision.*expected float32\|int8\|uint8\|binary\|ubinary/);
    const v = await runCli(['embed', '--model', MODEL, '--input', input, '--variant', 'fp16']);
    assert.equal(v.code, 1);
    assert.match(v.stderr, /variants found: default, quantized/);
    const s = await runCli(['similarity', 'a', 'b', '--model', 'glove-100d', '--truncate-dim', '8']);
    assert.equal(s.code, 1);
    assert.match(s.stderr, /--truncate-dim.*expected a transformer model folder/);
  });
});
