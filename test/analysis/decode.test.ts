/**
 * Vector decoding against numpy (scripts/decode_golden.py): nearest words in glove-100d, nearest input
 * tokens of an ONNX encoder (token-embedding initializer read from the model file), semantic anchors.
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { semanticAnchors } from '../../src/analysis/decode/anchors.js';
import { decodeTexts, decodeVector, decodeVectors, meanVector } from '../../src/analysis/decode/nearest-words.js';
import { listInitializers, readInitializer } from '../../src/analysis/decode/onnx-initializers.js';
import { loadTokenEmbeddings } from '../../src/analysis/decode/token-embeddings.js';
import { parseVector } from '../../src/analysis/decode/parse-vector.js';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import { adjustedRandIndex } from '../../src/eval/metrics/clustering.js';
import { loadVectors } from '../../src/vectors/load.js';
import protobuf from 'protobufjs/minimal.js';
import { FIXTURES, TEST_CACHE_DIR, tempDir } from '../helpers.js';

process.env['EMBEDKIT_CACHE_DIR'] = TEST_CACHE_DIR;
interface Nearest {
  words: string[];
  scores: number[];
}
const golden = JSON.parse(readFileSync(join(FIXTURES, 'analysis', 'decode-golden.json'), 'utf8')) as {
  glove: Record<'centroid' | 'analogy' | 'sentence' | 'background', Nearest>;
  tokens: { initializer: string; shape: number[]; firstRow: number[]; row42: number[]; texts: string[]; nearest: Nearest[] };
};
const tinyBert = join(FIXTURES, 'onnx', 'tiny-bert');
const reference = JSON.parse(readFileSync(join(FIXTURES, 'onnx', 'reference.json'), 'utf8')) as { 'tiny-bert': { texts: { normalized: { mean: number[] } }[] } };
const kv = await loadVectors('glove-100d');

function sameNearest(actual: { words: string[]; scores: Float32Array }, expected: Nearest, what: string): void {
  assert.deepEqual(actual.words, expected.words, what);
  expected.scores.forEach((s, i) => assert.ok(Math.abs(actual.scores[i]! - s) < 1e-5, `${what} score ${i}: ${actual.scores[i]} vs ${s}`));
}

const vec = (w: string): Float32Array => kv.get(w)!;
function combine(parts: [number, string][]): Float32Array {
  const out = new Float32Array(kv.dim);
  for (const [c, w] of parts) vec(w).forEach((v, j) => (out[j]! += c * v));
  return out;
}

test('glove-100d: nearest words of a centroid, an offset vector and a mean-pooled sentence match numpy', () => {
  const g = golden.glove;
  sameNearest(decodeVector(kv, combine([[1 / 3, 'king'], [1 / 3, 'queen'], [1 / 3, 'prince']]), { exclude: ['king', 'queen', 'prince'] }), g.centroid, 'centroid');
  const batch = decodeVectors(kv, { data: Float32Array.from([...combine([[1, 'paris'], [-1, 'france'], [1, 'italy']]), ...combine('the cat sat on the mat'.split(' ').map((w) => [1 / 6, w]))]), rows: 2, dim: 100 });
  sameNearest(batch[0]!, g.analogy, 'analogy');
  sameNearest(batch[1]!, g.sentence, 'sentence');
  const background = meanVector({ data: Float32Array.from(['the', 'of', 'and', 'to', 'in', 'on'].flatMap((w) => Array.from(vec(w)))), rows: 6, dim: 100 });
  sameNearest(decodeVector(kv, combine('the cat sat on the mat'.split(' ').map((w) => [1 / 6, w])), { subtract: background }), g.background, 'background');
  assert.throws(() => decodeVector(kv, vec('cat'), { subtract: new Float32Array(3) }), (e: Error & { where?: string }) => e.where === 'subtract');
});

test('decoding texts through an embedder; restricted vocabulary; bad inputs', async () => {
  const e = await createEmbedder('glove-100d');
  const [d] = await decodeTexts(e, kv, ['the cat sat on the mat'], { topK: 3 });
  assert.deepEqual(d!.words, golden.glove.sentence.words.slice(0, 3));
  const r = decodeVector(kv, vec('city'), { topK: 5, restrictVocab: 1000 });
  assert.ok(Array.from(r.indices).every((i) => i < 1000));
  assert.equal(r.words[0], 'city');
  assert.ok(!decodeVector(kv, vec('city'), { exclude: ['City'] }).words.includes('city'), 'exclusion matches like indexOf');
  assert.throws(() => decodeVector(kv, new Float32Array(50)), { code: 'DIM_MISMATCH' });
  assert.throws(() => decodeVector(kv, new Float32Array(100)), (err: Error & { where?: string }) => err.where === 'vectors row 0');
  assert.throws(() => decodeVector(kv, vec('cat'), { topK: 0 }), { code: 'BAD_OPTION' });
  await e.dispose();
});

test('ONNX encoder: the token-embedding initializer and token strings are read as onnx/numpy read them', () => {
  const t = loadTokenEmbeddings(tinyBert);
  const g = golden.tokens;
  assert.equal(t.source.name, g.initializer);
  assert.deepEqual([t.vectors.size, t.vectors.dim], g.shape);
  assert.deepEqual(Array.from(t.vectors.vectors.subarray(0, g.shape[1])), g.firstRow.map(Math.fround));
  assert.deepEqual(Array.from(t.vectors.vectors.subarray(42 * g.shape[1]!, 43 * g.shape[1]!)), g.row42.map(Math.fround));
  assert.equal(t.vectors.keyAt(0), '[PAD]');
  // the quantized variant keeps float token embeddings (dynamic quantization touches MatMul weights only)
  assert.equal(loadTokenEmbeddings(tinyBert, { variant: 'quantized' }).source.name, g.initializer);
  assert.ok(listInitializers(t.modelPath).length > 10);
});

test('ONNX encoder: nearest input tokens of the torch reference sentence embeddings match numpy; and of our own embeddings', async () => {
  const t = loadTokenEmbeddings(tinyBert);
  const q = reference['tiny-bert'].texts.slice(0, 4).map((x) => x.normalized.mean);
  const res = decodeVectors(t.vectors, { data: Float32Array.from(q.flat()), rows: 4, dim: t.vectors.dim }, { topK: 5 });
  res.forEach((r, i) => sameNearest(r, golden.tokens.nearest[i]!, `text ${i}`));
  const e = await createEmbedder(tinyBert);
  const ours = await decodeTexts(e, t.vectors, golden.tokens.texts, { topK: 1 });
  ours.forEach((r, i) => assert.equal(r.words[0], golden.tokens.nearest[i]!.words[0]));
  await e.dispose();
});

test('ONNX reader: external data files, a missing tensor, a damaged file', () => {
  const dir = tempDir();
  try {
    // a folder whose config names a shape no initializer has → one error listing the 2-D initializers
    cpSync(tinyBert, join(dir.path, 'm'), { recursive: true });
    const cfg = JSON.parse(readFileSync(join(tinyBert, 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir.path, 'm', 'config.json'), JSON.stringify({ ...cfg, hidden_size: 48 }));
    assert.throws(() => loadTokenEmbeddings(join(dir.path, 'm')), (err: Error & { code?: string }) => err.code === 'MODEL_INCOMPLETE' && /word\.weight \[1000, 32\]/.test(err.message));
    // …unless the tensor is named
    assert.equal(loadTokenEmbeddings(join(dir.path, 'm'), { initializer: 'word.weight' }).vectors.dim, 32);
    // a hand-built ModelProto: one float16 tensor inline, one float32 tensor in an external file
    const tensor = (w: protobuf.Writer, name: string, dims: number[], type: number, fill: (t: protobuf.Writer) => void): void => {
      const t = protobuf.Writer.create();
      for (const d of dims) t.uint32((1 << 3) | 0).int64(d);
      t.uint32((2 << 3) | 0).int32(type);
      t.uint32((8 << 3) | 2).string(name);
      fill(t);
      w.uint32((5 << 3) | 2).bytes(t.finish());
    };
    const entry = (t: protobuf.Writer, key: string, value: string): void => {
      t.uint32((13 << 3) | 2).bytes(protobuf.Writer.create().uint32(10).string(key).uint32(18).string(value).finish());
    };
    const graph = protobuf.Writer.create();
    // float16: 1, -2, 0.5, 65504
    const half = Buffer.from(Uint16Array.from([0x3c00, 0xc000, 0x3800, 0x7bff]).buffer);
    tensor(graph, 'half', [2, 2], 10, (t) => t.uint32((9 << 3) | 2).bytes(half));
    const ext = Buffer.alloc(8 + 6 * 4);
    Float32Array.from([1, 2, 3, 4, 5, 6]).forEach((v, i) => ext.writeFloatLE(v, 8 + i * 4));
    writeFileSync(join(dir.path, 'weights.bin'), ext);
    tensor(graph, 'outside', [3, 2], 1, (t) => {
      entry(t, 'location', 'weights.bin');
      entry(t, 'offset', '8');
      entry(t, 'length', '24');
      t.uint32((14 << 3) | 0).int32(1);
    });
    const model = protobuf.Writer.create().uint32((1 << 3) | 0).int64(8).uint32((7 << 3) | 2).bytes(graph.finish()).finish();
    const path = join(dir.path, 'hand.onnx');
    writeFileSync(path, model);
    assert.deepEqual(listInitializers(path), [
      { name: 'half', dims: [2, 2], dataType: 10 },
      { name: 'outside', dims: [3, 2], dataType: 1 },
    ]);
    assert.deepEqual(Array.from(readInitializer(path, (i) => i.name === 'half')!.data), [1, -2, 0.5, 65504]);
    assert.deepEqual(Array.from(readInitializer(path, (i) => i.name === 'outside')!.data), [1, 2, 3, 4, 5, 6]);
    writeFileSync(join(dir.path, 'weights.bin'), ext.subarray(0, 20));
    assert.throws(() => readInitializer(path, (i) => i.name === 'outside'), (err: Error & { where?: string }) => err.where === `${join(dir.path, 'weights.bin')}@byte 8`);
    const bad = join(dir.path, 'bad.onnx');
    copyFileSync(join(tinyBert, 'onnx', 'model.onnx'), bad);
    const bytes = readFileSync(bad);
    writeFileSync(bad, bytes.subarray(0, 5000));
    assert.throws(() => readInitializer(bad, () => true), { code: 'FORMAT_ERROR' });
  } finally {
    dir.cleanup();
  }
});

test('semantic anchors recover planted groups and are described by their words', () => {
  const groups = [
    ['cat', 'dog', 'horse', 'cow', 'sheep', 'rabbit', 'goat', 'pig'],
    ['france', 'germany', 'italy', 'spain', 'portugal', 'austria', 'belgium', 'poland'],
    ['piano', 'guitar', 'violin', 'cello', 'flute', 'trumpet', 'drums', 'saxophone'],
  ];
  const words = groups.flat();
  const m = { data: Float32Array.from(words.flatMap((w) => Array.from(vec(w)))), rows: words.length, dim: 100 };
  const a = semanticAnchors(m, kv, { k: 3, topWords: 8, restrictVocab: 50_000 });
  assert.equal(a.anchors.length, 3);
  const gold = Int32Array.from(words, (_, i) => Math.floor(i / 8));
  assert.equal(adjustedRandIndex(gold, a.assignments), 1);
  for (const anchor of a.anchors) {
    assert.equal(anchor.size, 8);
    const g = groups[gold[anchor.members[0]!]!]!;
    assert.ok(anchor.words.filter((w) => g.includes(w)).length >= 3, `${anchor.words.join(' ')} describes ${g.join(' ')}`);
    assert.ok(anchor.cohesion > 0.5 && anchor.cohesion <= 1);
  }
  assert.throws(() => semanticAnchors(m, kv, { k: 100 }), { code: 'EMPTY_INPUT' });
});

test('vectors written as text: JSON arrays and separated numbers, validated', () => {
  assert.deepEqual(Array.from(parseVector('[1, -2.5, 3e-1]')), [1, -2.5, Math.fround(0.3)]);
  assert.deepEqual(Array.from(parseVector(' 1, 2\t3 \n4 ')), [1, 2, 3, 4]);
  assert.throws(() => parseVector('1, x, 3'), (e: Error & { where?: string }) => e.where === 'vector[1]');
  assert.throws(() => parseVector('[1, null]'), (e: Error & { where?: string }) => e.where === 'vector[1]');
  assert.throws(() => parseVector('[1, 2'), { code: 'BAD_ARGUMENT' });
  assert.throws(() => parseVector('  '), { code: 'EMPTY_INPUT' });
  assert.throws(() => parseVector('1 2 3', { dim: 100 }), { code: 'DIM_MISMATCH' });
  assert.equal(decodeVector(kv, parseVector(Array.from(vec('paris')).join(' '), { dim: 100 }), { topK: 1 }).words[0], 'paris');
});
