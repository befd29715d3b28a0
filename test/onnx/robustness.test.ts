/**
 * Batch-size and batch-composition invariance, bad inputs, and incomplete or inconsistent model folders.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import { OnnxEmbedder } from '../../src/embedders/onnx/onnx-embedder.js';
import type { Matrix } from '../../src/math/matrix.js';
import { tempDir } from '../helpers.js';
import { BERT_REF, DECODER_REF, refText, TINY_BERT, TINY_DECODER } from './reference.js';

function maxDiff(a: Matrix, b: Matrix): number {
  assert.equal(a.rows, b.rows);
  assert.equal(a.dim, b.dim);
  let worst = 0;
  for (let k = 0; k < a.data.length; k++) worst = Math.max(worst, Math.abs(a.data[k]! - b.data[k]!));
  return worst;
}

/** Rows of `m` in the given order. */
function pick(m: Matrix, order: readonly number[]): Matrix {
  const data = new Float32Array(order.length * m.dim);
  order.forEach((r, i) => data.set(m.data.subarray(r * m.dim, (r + 1) * m.dim), i * m.dim));
  return { data, rows: order.length, dim: m.dim };
}

for (const [name, path, ref] of [
  ['tiny-bert', TINY_BERT, BERT_REF],
  ['tiny-decoder', TINY_DECODER, DECODER_REF],
] as const) {
  describe(`${name}: results do not depend on batching`, () => {
    const texts = [...ref.texts.slice(0, -1).map(refText), 'short', 'a somewhat longer sentence with several more words in it', 'mid length text'];
    it('batch size 1, 3, 64 and shuffled order agree within 1e-5', async () => {
      const runs: Matrix[] = [];
      for (const batchSize of [1, 3, 64]) {
        const e = await OnnxEmbedder.load(path, { batchSize, pooling: 'mean', normalize: false });
        runs.push(await e.embed(texts));
        await e.dispose();
      }
      assert.ok(maxDiff(runs[0]!, runs[1]!) <= 1e-5, `1 vs 3: ${maxDiff(runs[0]!, runs[1]!)}`);
      assert.ok(maxDiff(runs[0]!, runs[2]!) <= 1e-5, `1 vs 64: ${maxDiff(runs[0]!, runs[2]!)}`);
      // a different composition: reversed order, and each text alone vs padded next to the longest
      const order = texts.map((_, i) => texts.length - 1 - i);
      const e = await OnnxEmbedder.load(path, { batchSize: 4, pooling: 'mean', normalize: false });
      const reversed = await e.embed(order.map((i) => texts[i]!));
      assert.ok(maxDiff(pick(runs[0]!, order), reversed) <= 1e-5);
      const one = await e.embed([texts[9]!]);
      assert.ok(maxDiff(pick(runs[0]!, [9]), one) <= 1e-5);
      await e.dispose();
      // batches really had padding: the texts have different lengths
      assert.ok(new Set(texts.map((t) => t.length)).size > 5);
    });
  });
}

describe('bad inputs never crash', () => {
  let e: OnnxEmbedder;
  const warnings: string[] = [];
  before(async () => {
    e = await OnnxEmbedder.load(TINY_BERT, { onWarning: (w) => warnings.push(w) });
  });
  after(() => e.dispose());

  it('empty, whitespace-only, 100k characters and non-BMP text give finite unit vectors', async () => {
    const texts = ['', '   \n\t ', 'word '.repeat(20_000), '😀🚀𝔘𝔫𝔦 \u{10FFFF} \uD800 lone surrogate', '\u0000\u0001 control'];
    const m = await e.embed(texts);
    assert.equal(m.rows, texts.length);
    for (let i = 0; i < m.rows; i++) {
      let n = 0;
      for (let j = 0; j < m.dim; j++) {
        const v = m.data[i * m.dim + j]!;
        assert.ok(Number.isFinite(v));
        n += v * v;
      }
      assert.ok(Math.abs(Math.sqrt(n) - 1) < 1e-5, `row ${i} norm ${Math.sqrt(n)}`);
    }
    // empty and whitespace-only both tokenize to [CLS] [SEP]
    assert.ok(maxDiff(pick(m, [0]), pick(m, [1])) === 0);
    assert.ok(warnings.some((w) => w.startsWith('1 of 5 texts were longer')));
  });

  it('an empty list gives a 0-row matrix', async () => {
    const m = await e.embed([]);
    assert.equal(m.rows, 0);
    assert.equal(m.dim, e.dim);
  });

  it('unknown prompt names and conflicting prompt options are clear errors', async () => {
    await assert.rejects(e.embed(['x'], { promptName: 'nope' }), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'UNKNOWN_PROMPT');
      assert.match(err.message, /expected query, passage/);
      return true;
    });
    await assert.rejects(OnnxEmbedder.load(TINY_BERT, { prompt: 'a', promptName: 'query' }), { code: 'BAD_OPTION' });
    await assert.rejects(OnnxEmbedder.load(TINY_BERT, { truncateDim: 33 }), { code: 'BAD_OPTION' });
    await assert.rejects(OnnxEmbedder.load(TINY_BERT, { maxLength: 65 }), { code: 'BAD_OPTION' });
    await assert.rejects(OnnxEmbedder.load(TINY_BERT, { batchSize: 0 }), { code: 'BAD_OPTION' });
  });

  it('createEmbedder returns the ONNX embedder for a model folder', async () => {
    const c = await createEmbedder(TINY_BERT);
    try {
      assert.ok(c instanceof OnnxEmbedder);
      assert.equal(c.info.kind, 'onnx');
      const m = await c.embed([refText(BERT_REF.texts[0]!)]);
      let d = 0;
      for (let j = 0; j < m.dim; j++) d = Math.max(d, Math.abs(m.data[j]! - BERT_REF.texts[0]!.normalized['mean']![j]!));
      assert.ok(d <= 1e-4);
    } finally {
      await c.dispose();
    }
  });
});

describe('model folder validation', () => {
  const tmp = tempDir('embedkit-onnx-');
  after(() => tmp.cleanup());

  function copyModel(name: string): string {
    const dst = join(tmp.path, name);
    cpSync(TINY_BERT, dst, { recursive: true });
    return dst;
  }

  it('lists what is missing and what was found', async () => {
    const dir = join(tmp.path, 'partial');
    mkdirSync(dir);
    writeFileSync(join(dir, 'config.json'), '{}');
    writeFileSync(join(dir, 'vocab.txt'), '[PAD]\n');
    writeFileSync(join(dir, 'model.safetensors'), '');
    await assert.rejects(OnnxEmbedder.load(dir), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'MODEL_INCOMPLETE');
      assert.match(err.message, /missing tokenizer\.json, onnx\/model\.onnx or model\.onnx/);
      assert.match(err.message, /found config\.json, model\.safetensors, vocab\.txt/);
      assert.match(err.message, /no tokenizer\.json/);
      assert.match(err.message, /optimum-cli export onnx/);
      return true;
    });
  });

  it('an unknown variant lists the variants found', async () => {
    await assert.rejects(OnnxEmbedder.load(TINY_BERT, { variant: 'fp16' }), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'MODEL_INCOMPLETE');
      assert.match(err.message, /variants found: default, quantized/);
      return true;
    });
  });

  it('a tokenizer with more ids than the model vocabulary is refused at load', async () => {
    const dir = copyModel('mismatch');
    const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...cfg, vocab_size: 500 }));
    await assert.rejects(OnnxEmbedder.load(dir), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'MODEL_FILES_DISAGREE');
      assert.match(err.message, /vocab_size 500/);
      assert.match(err.message, /ids up to 999/);
      return true;
    });
  });

  it('a damaged ONNX file, a broken tokenizer.json and an unsupported module are clear errors', async () => {
    const dir = copyModel('damaged');
    writeFileSync(join(dir, 'onnx', 'model.onnx'), 'not an onnx file');
    await assert.rejects(OnnxEmbedder.load(dir), { code: 'FORMAT_ERROR' });
    const dir2 = copyModel('badtok');
    writeFileSync(join(dir2, 'tokenizer.json'), '{"model": ');
    await assert.rejects(OnnxEmbedder.load(dir2), { code: 'FORMAT_ERROR' });
    const dir3 = copyModel('dense');
    const modules = JSON.parse(readFileSync(join(dir3, 'modules.json'), 'utf8')) as unknown[];
    writeFileSync(join(dir3, 'modules.json'), JSON.stringify([...modules, { idx: 3, name: '3', path: '3_Dense', type: 'sentence_transformers.models.Dense' }]));
    await assert.rejects(OnnxEmbedder.load(dir3), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'UNSUPPORTED');
      assert.match(err.message, /Dense/);
      return true;
    });
    rmSync(dir, { recursive: true });
  });

  it('a folder with a single differently named .onnx file uses it', async () => {
    const dir = copyModel('single');
    rmSync(join(dir, 'onnx', 'model_quantized.onnx'));
    cpSync(join(dir, 'onnx', 'model.onnx'), join(dir, 'encoder.onnx'));
    rmSync(join(dir, 'onnx'), { recursive: true });
    const e = await OnnxEmbedder.load(dir);
    assert.equal(e.info.variant, 'encoder');
    await e.dispose();
  });
});
